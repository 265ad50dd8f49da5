#!/usr/bin/env bash
# hgj diff (#23): on a copy of the demo with real changes — 王建华 (HF-001) has a new
# phone, 徐志刚 (HF-004) left (离任), a new building dpb-10, three issues added, a notice
# retitled, and a private field edited (never shown) — the changes as a person reads
# them (text and JSON pinned whole), the reprint list exact (the boards and card sheets
# of dpb-03, fkxc-01 and the new dpb-10; no other), the 审批单 PDF, and --since as a
# content folder, a git revision and a publication; bad --since: a clear message, exit 2.
set -euo pipefail
source "$(dirname "$0")/lib/chinese_messages.sh"
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
cd "$tmp"
cp -r "$HGJ_SOURCE_DIR/content" demo

# change_content DIR: the changes the test pins.
change_content() {
  local c=$1
  sed -i 's/^phone = "138 0000 0001"$/phone = "139 0000 0001"/' "$c/stewards/HF-001.md"
  sed -i 's/^since = "2022-05-01"$/&\nstatus = "离任"\nleft_on = "2026-11-30"/' "$c/stewards/HF-004.md"
  sed -i 's/^private_note = .*/private_note = "（换了新的身份证号）"/' "$c/stewards/HF-002.md"
  printf 'dpb-10,德平坝小区10幢,tianping,tianping-1,天平巷德平坝小区10幢,2,24,社区代管（无物业）,\n' >> "$c/buildings.csv"
  printf '%s\n' \
    'SX-2026-101,楼道灯不亮,设施维修,tpx-16,2026-11-20,2026-11-20,,,,,楼道,HF-002,,,,,' \
    'SX-2026-102,楼道堆放纸箱,楼道堆物,tpx-16,2026-11-21,2026-11-21,,2026-11-22,,2026-11-23,楼道,HF-002,已清理,满意,,,' \
    'SX-2026-103,电动车楼道充电,飞线充电,fkxc-02,2026-11-21,2026-11-22,,,,,网格,HF-013,,,,,' >> "$c/issues.csv"
  sed -i 's/^title = "天平巷社区招募新一批红管家"$/title = "天平巷社区招募红管家（延长至1月）"/' "$c/notices/2026-11-recruit.md"
  grep -q '^phone = "139 0000 0001"$' "$c/stewards/HF-001.md" &&
    grep -q '^status = "离任"$' "$c/stewards/HF-004.md" &&
    grep -q '^title = "天平巷社区招募红管家（延长至1月）"$' "$c/notices/2026-11-recruit.md" ||
    fail "fixture: the content was not edited"
}
cp -r demo content
change_content content

# The versions' digests change with the demo; everything else is pinned.
versions() { sed -E 's/(内容版本 |content version |"content_version": ")[0-9a-f]{12}/\1V/g; s/("(before|after)": ")[0-9a-f]{16}"/\1K"/g'; }

# 1. --since a content folder: text.
"$HGJ" diff --content content --since demo > diff.txt 2> diff.err || { cat diff.err; fail "diff"; }
[ ! -s diff.err ] || { cat diff.err; fail "diff wrote to stderr"; }
versions < diff.txt > got.txt
cat > want.txt <<'TXT'
对比：内容文件夹 content（内容版本 V）
基准：内容文件夹 demo（内容版本 V）

【坊口街社区】
  · 红管家 徐志刚（HF-004）离任（离任日期 2026-11-30）
  · 问题台账 +1 条
【天平巷社区】
  · 新增楼栋 德平坝小区10幢（dpb-10）
  · 红管家 王建华（HF-001）：电话 138 0000 0001 → 139 0000 0001
  · 公告 天平巷社区招募红管家（延长至1月）（2026-11-recruit）：标题 天平巷社区招募新一批红管家 → 天平巷社区招募红管家（延长至1月）
  · 问题台账 +2 条，销号 1 条

需重印的公示牌（3）
  坊口街社区：坊口新村1幢（fkxc-01）
  天平巷社区：德平坝小区3幢（dpb-03）、德平坝小区10幢（dpb-10，新楼栋）
需重印的联户卡（3）
  坊口街社区：坊口新村1幢（fkxc-01）
  天平巷社区：德平坝小区3幢（dpb-03）、德平坝小区10幢（dpb-10，新楼栋）
楼道自助屏
  数据有变化：发布后自助屏会自动更新
TXT
diff -u want.txt got.txt || fail "the text report"
"$HGJ" diff --content content --since demo --lang en > en.txt
grep -qxF '  · steward 王建华 (HF-001): phone 138 0000 0001 → 139 0000 0001' en.txt &&
  grep -qxF '  · issues +2, closed 1' en.txt || { cat en.txt; fail "the report in English"; }
# Private fields never: HF-002's private_note changed and is not a change.
! grep -q "HF-002\|身份证\|演示数据" diff.txt || fail "a private field shows"

# 2. The same as JSON, pinned whole.
"$HGJ" diff --content content --since demo --json > diff.json || fail "diff --json"
versions < diff.json > got.json
python3 -c 'import json,sys; json.load(open(sys.argv[1]))' diff.json || fail "not JSON"
python3 - diff.json <<'PY' || fail "kiosk digests"
import json, sys
k = json.load(open(sys.argv[1]))["kiosk"]
assert k["changed"] and len(k["before"]) == 16 and len(k["after"]) == 16 and k["before"] != k["after"], k
PY
cat > want.json <<'JSON'
{
  "format": 1,
  "before": {
    "kind": "folder",
    "ref": "demo",
    "content_version": "V",
    "git_commit": null,
    "published_at": null
  },
  "after": {
    "kind": "folder",
    "ref": "content",
    "content_version": "V",
    "git_commit": null,
    "published_at": null
  },
  "changes": [
    {
      "community": "fangkou",
      "name": "坊口街社区",
      "items": [
        {
          "collection": "stewards",
          "change": "retired",
          "id": "HF-004",
          "name": "徐志刚",
          "status": "离任",
          "date": "2026-11-30"
        }
      ],
      "issues": {
        "added": 1,
        "removed": 0,
        "closed": 0,
        "changed": 0
      }
    },
    {
      "community": "tianping",
      "name": "天平巷社区",
      "items": [
        {
          "collection": "buildings",
          "change": "added",
          "id": "dpb-10",
          "name": "德平坝小区10幢"
        },
        {
          "collection": "stewards",
          "change": "changed",
          "id": "HF-001",
          "name": "王建华",
          "fields": [
            {
              "key": "phone",
              "label": "电话",
              "before": "138 0000 0001",
              "after": "139 0000 0001"
            }
          ]
        },
        {
          "collection": "notices",
          "change": "changed",
          "id": "2026-11-recruit",
          "name": "天平巷社区招募红管家（延长至1月）",
          "fields": [
            {
              "key": "title",
              "label": "标题",
              "before": "天平巷社区招募新一批红管家",
              "after": "天平巷社区招募红管家（延长至1月）"
            }
          ]
        }
      ],
      "issues": {
        "added": 2,
        "removed": 0,
        "closed": 1,
        "changed": 0
      }
    }
  ],
  "reprint": {
    "boards": [
      {
        "building": "fkxc-01",
        "name": "坊口新村1幢",
        "community": "fangkou",
        "community_name": "坊口街社区",
        "why": "changed"
      },
      {
        "building": "dpb-03",
        "name": "德平坝小区3幢",
        "community": "tianping",
        "community_name": "天平巷社区",
        "why": "changed"
      },
      {
        "building": "dpb-10",
        "name": "德平坝小区10幢",
        "community": "tianping",
        "community_name": "天平巷社区",
        "why": "added"
      }
    ],
    "cards": [
      {
        "building": "fkxc-01",
        "name": "坊口新村1幢",
        "community": "fangkou",
        "community_name": "坊口街社区",
        "why": "changed"
      },
      {
        "building": "dpb-03",
        "name": "德平坝小区3幢",
        "community": "tianping",
        "community_name": "天平巷社区",
        "why": "changed"
      },
      {
        "building": "dpb-10",
        "name": "德平坝小区10幢",
        "community": "tianping",
        "community_name": "天平巷社区",
        "why": "added"
      }
    ]
  },
  "kiosk": {
    "changed": true,
    "before": "K",
    "after": "K"
  }
}
JSON
diff -u want.json got.json || fail "the JSON report"
! grep -q "HF-002\|身份证\|演示数据" diff.json || fail "a private field shows in the JSON"

# 3. Nothing changed: said, nothing to reprint, the kiosk unchanged.
"$HGJ" diff --content demo --since demo | versions > same.txt
cat > want.txt <<'TXT'
对比：内容文件夹 demo（内容版本 V）
基准：内容文件夹 demo（内容版本 V）

内容没有变化。

需重印的公示牌（0）
  无
需重印的联户卡（0）
  无
楼道自助屏
  数据没有变化
TXT
diff -u want.txt same.txt || fail "no changes"

# 4. The 审批单: what it says (pdftotext), and it replaces only its own kind of file.
command -v pdftotext > /dev/null || fail "pdftotext missing (poppler-utils)"
"$HGJ" diff --content content --since demo --pdf 审批单.pdf > /dev/null 2> pdf.err || { cat pdf.err; fail "--pdf"; }
[ "$(cat pdf.err)" = "hgj diff: 审批单已写入 审批单.pdf" ] || { cat pdf.err; fail "--pdf message"; }
[ "$(pdfinfo 审批单.pdf | sed -n 's/^Page size: *//p')" = "595.276 x 841.89 pts (A4)" ] || fail "not A4"
pdftotext -layout 审批单.pdf - | tr -s ' ' > form.txt
version=$(sed -n 's/^对比：内容文件夹 content（内容版本 \([0-9a-f]*\)）$/\1/p' diff.txt)
for want in "红管家信息变更审批单" "清溪区红枫街道" "本次内容：内容文件夹 content（内容版本 $version）" \
  "对比基准：内容文件夹 demo" "一、变更内容" "新增楼栋 德平坝小区10幢（dpb-10）" "王建华（HF-001）：电话 138 0000 0001 → 139 0000 0001" \
  "徐志刚（HF-004）离任（离任日期 2026-11-30）" "二、需重印与更新" "需重印的公示牌（3）" \
  "坊口街社区：坊口新村1幢（fkxc-01）" "三、审批" "社区书记意见：" "街道审核意见：" "签字：" \
  "日期：______年____月____日" "hgj diff · 内容版本 $version · 第 1 页，共"; do
  grep -qF -- "$want" form.txt || { cat form.txt; fail "the 审批单 lacks: $want"; }
done
! grep -q "HF-002\|身份证\|演示数据" form.txt || fail "a private field on the 审批单"
"$HGJ" diff --content content --since demo --pdf 审批单.pdf > /dev/null 2>&1 || fail "--pdf over its own file"
echo "not hgj's" > mine.pdf
set +e
"$HGJ" diff --content content --since demo --pdf mine.pdf > /dev/null 2> mine.err; code=$?
set -e
[ $code -eq 2 ] || fail "--pdf over another file: exit $code"
[ "$(cat mine.err)" = 'hgj diff: --pdf "mine.pdf" 已存在，且不是 hgj diff 写的审批单：没有覆盖，请换一个文件名' ] ||
  { cat mine.err; fail "--pdf over another file: message"; }
[ "$(cat mine.pdf)" = "not hgj's" ] || fail "--pdf overwrote a file hgj did not write"

# The change lines of a report (what follows the two version lines).
changes_of() { tail -n +3 "$1"; }

# 5. --since a git revision: the content as committed, the working tree untouched.
command -v git > /dev/null || fail "git missing"
mkdir repo && cp -r demo repo/content
git -C repo init -q && git -C repo -c user.name=t -c user.email=t@example.org add -A &&
  git -C repo -c user.name=t -c user.email=t@example.org commit -qm demo
change_content repo/content
git -C repo status --porcelain > status.before
"$HGJ" diff --content repo/content --since HEAD > git.txt 2> git.err || { cat git.err; fail "--since HEAD"; }
git -C repo status --porcelain > status.after
cmp -s status.before status.after || fail "--since HEAD changed the working tree"
head=$(git -C repo rev-parse HEAD)
[ "$(sed -n 2p git.txt | versions)" = "基准：git 版本 HEAD（${head:0:12}，内容版本 V）" ] || { head -2 git.txt; fail "git version line"; }
diff -u <(changes_of diff.txt) <(changes_of git.txt) || fail "--since HEAD: other changes"
"$HGJ" diff --content repo/content --since HEAD --json | python3 -c '
import json, sys; d = json.load(sys.stdin)
assert d["before"]["kind"] == "git" and d["before"]["git_commit"] == sys.argv[1], d["before"]
assert d["after"]["git_commit"] == sys.argv[1], d["after"]' "$head" || fail "git commits in the JSON"

# 6. --since a publication: build, change, diff (with no --since: public/'s).
mkdir pub && cp -r demo pub/content
(cd pub && "$HGJ" build --no-print --no-kiosk > /dev/null 2> build.err) || { cat pub/build.err; fail "build"; }
[ -f pub/public.hgj-publication/publication.json ] || fail "no publication record"
[ "$(stat -c %a pub/public.hgj-publication)" = 700 ] || fail "the record is not private to its owner"
! grep -rqF "演示数据" pub/public || fail "a private field in public/"
[ ! -e pub/public/content ] && ! find pub/public -name 'publication.json' | grep . >/dev/null || fail "the record is served"
change_content pub/content
(cd pub && "$HGJ" diff > ../pub.txt 2> ../pub.err) || { cat pub.err; fail "diff after a publication"; }
[ "$(sed -n 2p pub.txt | versions)" = "基准：上次发布 public（2026-11-18T11:06:40Z，内容版本 V）" ] ||
  { head -2 pub.txt; fail "publication version line"; }
diff -u <(changes_of diff.txt) <(changes_of pub.txt) || fail "--since the publication: other changes"
(cd pub && "$HGJ" diff --since public) > pub2.txt || fail "--since public"
cmp -s pub.txt pub2.txt || fail "--since public differs from the default"
# Published again: nothing left to compare.
(cd pub && "$HGJ" build --no-print --no-kiosk > /dev/null 2>&1 && "$HGJ" diff) | sed -n 4p > again.txt
[ "$(cat again.txt)" = "内容没有变化。" ] || fail "after publishing the changes"

# 7. Bad --since: a clear message, exit 2.
expect_usage() {  # expect_usage MESSAGE ARGS…
  local want=$1; shift
  set +e
  "$HGJ" diff "$@" > /dev/null 2> bad.err; local code=$?
  set -e
  [ $code -eq 2 ] || fail "hgj diff $*: exit $code"
  [ "$(cat bad.err)" = "$want" ] || { cat bad.err; fail "hgj diff $*: message"; }
}
mkdir empty
expect_usage 'hgj diff: 没有找到较早的发布：public 还没有由 hgj build 发布过。请用 --since 指定要对比的内容文件夹、发布的输出文件夹或 git 版本' \
  --content content
expect_usage 'hgj diff: --since "empty" 既不是内容文件夹（里面没有 site.toml），也不是 hgj 发布的输出文件夹' \
  --content content --since empty
expect_usage 'hgj diff: --since "no-such-thing" 不是文件夹，也不是 git 版本：内容文件夹 content 不在 git 仓库里' \
  --content content --since no-such-thing
expect_usage 'hgj diff: --since "v9" 不是文件夹，也不是 git 版本：git 仓库里找不到版本 "v9"' \
  --content repo/content --since v9
expect_usage 'hgj diff: --since "v9" is not a folder, nor a git revision: no revision "v9" in the git repository' \
  --content repo/content --since v9 --lang en
echo "diff: ok"
