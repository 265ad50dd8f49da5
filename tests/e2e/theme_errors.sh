#!/usr/bin/env bash
# A theme that cannot be used — a folder that does not exist, a strings.toml that does not
# parse, a print.toml with a bad colour — stops `hgj build`, `hgj print` and `hgj bundle`
# alike: the same message, exit 2, the output untouched. (`hgj bundle --theme` naming no
# folder once went on with the default words and exit 0; build said 1 where print said 2.)
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
source "$HGJ_SOURCE_DIR/tests/e2e/lib/chinese_messages.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
mkdir -p themes/badstrings themes/badprint
printf 'phone = \n' > themes/badstrings/strings.toml
printf '[colors]\nprimary = "red"\n' > themes/badprint/print.toml

# run THEME COMMAND: exit code and the first line of stderr.
run() {
  local code=0
  "$HGJ" "$2" --content "$HGJ_SOURCE_DIR/content" --out "out-$2" --themes-dir themes --theme "$1" \
    > /dev/null 2> err || code=$?
  echo "$code $(head -1 err)"
  [ ! -e "out-$2" ] || fail "$2 --theme $1 wrote its output"
}
for command in build print bundle; do
  got=$(run nosuch "$command")
  [ "$got" = "2 themes/nosuch: 错误：找不到这个主题文件夹：看看 site.toml 的 theme 或 --theme 是否写对" ] ||
    fail "$command with a missing theme: $got"
  got=$(run badstrings "$command")
  [ "${got%%:*}" = "2 themes/badstrings/strings.toml" ] || fail "$command with a broken strings.toml: $got"
done
# print.toml is the boards' and cards' own.
got=$(run badprint print)
[ "$got" = '2 themes/badprint/print.toml:2:11: 错误：colour primary must be "#RRGGBB"' ] ||
  fail "print with a bad print.toml: $got"
# A --themes-dir without a copy of the default theme: what a theme leaves out comes from
# hgj's own default, as without --themes-dir.
mkdir -p themes/mine
printf 'phone = "手机"\n' > themes/mine/strings.toml
"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out site --themes-dir themes --theme mine > /dev/null 2> err ||
  fail "build with a partial theme under --themes-dir: $(cat err)"
grep -rq '<dt>手机</dt>' site || fail "the theme's word is not on the site"
echo "theme_errors: build, print and bundle stop alike on a theme that cannot be used: ok"
