#!/usr/bin/env bash
# hgj speaks Chinese by default and English when asked (--lang en anywhere on the
# command line, or an English locale), on every command: the summaries, the refusal
# lines and the usage. The e2e environment asks for English (tests/CMakeLists.txt), so
# the Chinese runs clear the locale first.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
zh() { env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" "$@"; }
fixture="$HGJ_SOURCE_DIR/tests/fixtures/root_cause_first"

# hgj build refuses bad content: the summary and the refusal in Chinese, whole.
set +e
(cd "$fixture" && zh build --content content --out "$work/public" --no-kiosk) \
  > "$work/out" 2> "$work/err"
code=$?
set -e
[ "$code" -eq 1 ] || fail "build of bad content: exit $code, expected 1"
[ "$(tail -n 1 "$work/err")" = "hgj build: 2 个错误、0 个警告；$work/public 保持原样，没有改动" ] ||
  fail "build summary: $(tail -n 1 "$work/err")"
[ ! -e "$work/public" ] || fail "a refused build wrote $work/public"
grep -qx "content/stewards.csv:1: 错误：表头里没有“编号”列，这张表一行也没有读取：请在第一行加上“编号”列（每行一个不重复的编号）；现在的列是：姓名、电话、党员、楼栋" "$work/err" ||
  fail "build did not print the root cause in Chinese"

# The same refusal in English: --lang en after the command, or an English locale.
set +e
(cd "$fixture" && env -u LC_ALL -u LC_MESSAGES "$HGJ" build --lang en --content content \
  --out "$work/public" --no-kiosk) > /dev/null 2> "$work/err.en"
(cd "$fixture" && env -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 "$HGJ" build --content content \
  --out "$work/public" --no-kiosk) > /dev/null 2> "$work/err.locale"
set -e
[ "$(tail -n 1 "$work/err.en")" = "hgj build: 2 errors, 0 warnings; $work/public left as it was" ] ||
  fail "--lang en summary: $(tail -n 1 "$work/err.en")"
cmp -s "$work/err.en" "$work/err.locale" || fail "LANG=en_US.UTF-8 and --lang en differ"

# --lang zh wins over an English locale.
set +e
(cd "$fixture" && env LC_ALL=en_US.UTF-8 "$HGJ" --lang zh check --content content) \
  > "$work/out.zh" 2> /dev/null
set -e
[ "$(cat "$work/out.zh")" = "hgj check: 1 个社区、1 个网格、2 个楼栋、0 位红管家、0 个问题；2 个错误、0 个警告" ] ||
  fail "--lang zh under an English locale: $(cat "$work/out.zh")"

# The usage: Chinese by default, with the way to English; English with --lang en.
zh --help > "$work/help"
grep -qx "用法：hgj <命令> \[选项\]      （hgj <命令> --help 查看它的选项）" "$work/help" ||
  fail "hgj --help is not Chinese"
grep -q "加 --lang en" "$work/help" || fail "hgj --help does not say how to get English"
"$HGJ" --help --lang en | grep "^Usage: hgj <command>" >/dev/null || fail "hgj --help --lang en"
zh check --help | grep "^hgj check \[选项\]：读取并检查内容文件夹" >/dev/null || fail "hgj check --help"

# A bad --lang is a usage error, said in both languages.
set +e
zh --lang fr check > /dev/null 2> "$work/err.lang"
code=$?
set -e
[ "$code" -eq 2 ] || fail "--lang fr: exit $code"
[ "$(cat "$work/err.lang")" = 'hgj: --lang "fr" 无法识别，可用 zh 或 en (unknown language: use zh or en)' ] ||
  fail "--lang fr: $(cat "$work/err.lang")"

# An unknown command, and hgj new's refusal, in Chinese.
set +e
zh frobnicate 2> "$work/err.cmd"
zh new steward "s 1" --content "$fixture/content" 2> "$work/err.new"
set -e
[ "$(cat "$work/err.cmd")" = "hgj: 不认识的命令“frobnicate”（hgj --help 列出所有命令）" ] ||
  fail "unknown command: $(cat "$work/err.cmd")"
[ "$(cat "$work/err.new")" = "hgj new: “s 1”不是有效的编号：只能用英文字母、数字、- 和 _，最多 64 个字符" ] ||
  fail "hgj new: $(cat "$work/err.new")"
# keygen says where the key is and what to do with the public key, in Chinese.
zh keygen --key "$work/k.key" > "$work/keygen"
id=$(awk '/^  ed25519 /{print $2}' "$work/keygen")
[ "$(head -n 1 "$work/keygen")" = "hgj keygen: 已在 $work/k.key 生成签名密钥 $id" ] ||
  fail "keygen: $(head -n 1 "$work/keygen")"
grep -q "^把它复制到每台触摸屏的 /etc/hgj-kiosk/trusted-keys/ 里" "$work/keygen" || fail "keygen's advice"
echo "ok"
