#!/usr/bin/env bash
# `hgj new` against a copy of the demo content: each skeleton fails `hgj check` until its
# required values are filled, then passes; overwriting and bad ids exit 2.
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
cd "$work"

fail() { echo "FAIL: $*"; exit 1; }
# fill FILE KEY VALUE: replaces the skeleton's `KEY = ""` line.
fill() { sed -i "s|^$2 = \"\"\$|$2 = \"$3\"|" "$1"; grep -q "^$2 = \"$3\"\$" "$1" || fail "could not fill $2 in $1"; }

"$HGJ" new steward HF-099 > out.txt || fail "hgj new steward exited $?"
grep -q "wrote content/stewards/HF-099.md" out.txt || fail "no confirmation: $(cat out.txt)"
"$HGJ" new building dpb-07 > /dev/null
"$HGJ" new issue SX-2026-900 | grep "issues.csv" >/dev/null || fail "hgj new issue does not point at issues.csv"
"$HGJ" new notice 2026-12-test > /dev/null
"$HGJ" new community shuangqiao > /dev/null
"$HGJ" new grid shuangqiao-1 > /dev/null
"$HGJ" new event shuangqiao-knock > /dev/null
"$HGJ" new duty 123 > /dev/null

set +e
"$HGJ" check > /dev/null 2> check.txt; code=$?
set -e
[ "$code" = 1 ] || fail "unfilled skeletons: hgj check exited $code, expected 1"
grep -q "content/stewards/HF-099.md:8:8: error: name is required" check.txt || fail "$(cat check.txt)"

fill content/stewards/HF-099.md name 测试员
fill content/stewards/HF-099.md phone "138 0000 0099"
fill content/stewards/HF-099.md buildings dpb-07
fill content/buildings/dpb-07.md name 德平坝小区7幢
fill content/buildings/dpb-07.md community tianping
fill content/issues/SX-2026-900.md title 楼道堆放杂物
fill content/issues/SX-2026-900.md category 楼道堆物
fill content/issues/SX-2026-900.md building dpb-07
fill content/issues/SX-2026-900.md found_on 2026-11-02
fill content/notices/2026-12-test.md title 测试通知
fill content/notices/2026-12-test.md date 2026-12-01
fill content/communities/shuangqiao.md name 双桥社区
fill content/grids/shuangqiao-1.md name 双桥社区第一网格
fill content/grids/shuangqiao-1.md community shuangqiao
fill content/events/shuangqiao-knock.md title 周四敲门日
fill content/events/shuangqiao-knock.md rule weekly:thu
fill content/events/shuangqiao-knock.md time 19:00-20:30
fill content/duties/123.md title "“123”工作法"
sed -i 's|^name = ""$|name = "一个清楚"|; s|^items = \[\]$|items = ["楼道情况清楚"]|' content/duties/123.md
grep -q '^items = \["楼道情况清楚"\]$' content/duties/123.md || fail "could not fill the duty's group"
"$HGJ" check --strict > check.txt 2>&1 || fail "filled skeletons do not pass: $(cat check.txt)"
grep -q "4 communities, 7 grids, 17 buildings, 29 stewards, 91 issues; 0 errors, 0 warnings" check.txt || fail "$(cat check.txt)"

set +e
"$HGJ" new steward HF-099 2> err.txt; code=$?
[ "$code" = 2 ] || fail "overwrite: exit $code, expected 2"
grep -q "already exists" err.txt || fail "$(cat err.txt)"
"$HGJ" new steward HF-010 2> err.txt; code=$?
[ "$code" = 2 ] || fail "id in stewards.csv: exit $code, expected 2"
grep -q "content/stewards.csv:.* already has steward HF-010" err.txt || fail "$(cat err.txt)"
"$HGJ" new steward 'a/b' 2> err.txt; code=$?
[ "$code" = 2 ] || fail "bad id: exit $code, expected 2"
set -e
grep -q "测试员" content/stewards/HF-099.md || fail "the existing file was overwritten"
echo "hgj new: ok"
