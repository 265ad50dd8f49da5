#!/usr/bin/env bash
# Steward and building lifecycle (#22 item 5), through hgj check, build, print and
# bundle on a copy of the demo where 王建华 (HF-001) has left (离任) and 水亭苑1幢
# (sty-01) was pulled down (拆除): neither is on any page, board, card sheet, bundle,
# feed, sitemap or count; the issues they had keep their names, 王建华 as 原红管家 with
# no phone and no link, 水亭苑1幢 without a link.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
c=$tmp/content
cp -r "$HGJ_SOURCE_DIR/content" "$c"
sed -i 's/^since = "2018-09-01"$/&\nstatus = "离任"\nleft_on = "2026-06-30"/' "$c/stewards/HF-001.md"
grep -q '^status = "离任"$' "$c/stewards/HF-001.md" || fail "fixture: HF-001 not edited"
sed -i '1s/$/,状态/; 2,$s/$/,/; s/^\(sty-01,.*\),$/\1,拆除/' "$c/buildings.csv"
grep -q '^sty-01,.*,拆除$' "$c/buildings.csv" || fail "fixture: sty-01 not edited"

# Counts: one steward and one building fewer than the demo's.
count_of() { "$HGJ" check --content "$1" 2>/dev/null | sed -n "s/.* \([0-9]*\) $2.*/\1/p"; }
[ "$(count_of "$c" stewards)" -eq $(( $(count_of "$HGJ_SOURCE_DIR/content" stewards) - 1 )) ] ||
  fail "steward count"
[ "$(count_of "$c" buildings)" -eq $(( $(count_of "$HGJ_SOURCE_DIR/content" buildings) - 1 )) ] ||
  fail "building count"
# The stewards who looked after sty-01 are told, at their own rows.
"$HGJ" check --content "$c" > /dev/null 2> "$tmp/check.err" || { cat "$tmp/check.err"; fail "check"; }
grep -q 'warning: 楼栋 "sty-01" is 拆除: the steward is not shown for it$' "$tmp/check.err" ||
  { cat "$tmp/check.err"; fail "no warning for the steward of sty-01"; }

# The site.
"$HGJ" build --content "$c" --out "$tmp/site" 2> "$tmp/build.err" || { cat "$tmp/build.err"; fail "build"; }
site=$tmp/site
[ ! -e "$site/steward/HF-001" ] || fail "HF-001 still has a page"
[ ! -e "$site/building/sty-01" ] || fail "sty-01 still has a page"
[ -e "$site/steward/HF-002" ] && [ -e "$site/building/sty-02" ] || fail "the others lost their pages"
python3 "$HGJ_SOURCE_DIR/tests/e2e/check_links.py" "$site" || fail "broken links"
python3 - "$site" <<'PY' || fail "site"
import json, os, re, sys
out = sys.argv[1]
named = 0  # issue rows naming 王建华
for root, _, files in os.walk(out):
    for f in files:
        path = os.path.join(root, f)
        text = open(path, encoding="utf-8", errors="replace").read()
        rel = os.path.relpath(path, out)
        for gone in ("138 0000 0001", "13800000001", "steward/HF-001", "building/sty-01"):
            assert gone not in text, f"{rel}: {gone}"
        if f.endswith(".html"):
            # 王建华 only as the 原红管家 of an issue, as plain text.
            assert text.count("王建华") == text.count("原红管家：王建华"), f"{rel}: 王建华"
            named += text.count("原红管家：王建华")
            for m in re.finditer(r"<a [^>]*>[^<]*</a>", text):
                assert "王建华" not in m.group(0) and "水亭苑1幢" not in m.group(0), f"{rel}: {m.group(0)}"
        else:
            assert "王建华" not in text and "HF-001" not in text, f"{rel}: HF-001 in {f}"
assert named > 0, "no issue row names 原红管家 王建华"
stewards = json.load(open(f"{out}/stewards.json"))
assert all(s["id"] != "HF-001" for s in stewards)
buildings = json.load(open(f"{out}/buildings.json"))
assert all(b["id"] != "sty-01" for b in buildings)
assert all("水亭苑1幢" != b["n"] for b in json.load(open(f"{out}/search.json")))
issues = json.load(open(f"{out}/issues.json"))
sty = [i for i in issues if i["building"] == "sty-01"]
assert sty and all(i["url"] is None for i in sty), "issues of sty-01 keep no link"
assert all(i["handled_by"] != "HF-001" for i in issues)
# An issue of the building that was pulled down stays listed, by name, on its category page.
cat = open(f"{out}/sitemap.xml", encoding="utf-8").read()
assert "sty-01" not in cat and "HF-001" not in cat
PY
grep -rlF '水亭苑1幢' "$site/category" > /dev/null || fail "the issues of sty-01 are on no category page"

# Boards and card sheets.
"$HGJ" print --content "$c" --out "$tmp/print" > /dev/null 2> "$tmp/print.err" || { cat "$tmp/print.err"; fail "print"; }
[ ! -e "$tmp/print/boards/sty-01.pdf" ] && [ ! -e "$tmp/print/cards/sty-01.pdf" ] || fail "sty-01 printed"
for f in "$tmp/print"/boards/*.pdf "$tmp/print"/cards/*.pdf "$tmp/print"/community/*.pdf; do
  text=$(pdftotext -enc UTF-8 "$f" -)
  ! grep -qF 王建华 <<< "$text" || fail "$f: 王建华"
  ! grep -qF "138 0000 0001" <<< "$text" || fail "$f: HF-001's phone"
  ! grep -qF 水亭苑1幢 <<< "$text" || fail "$f: 水亭苑1幢"
done
grep -qF 陈玉珍 <<< "$(pdftotext -enc UTF-8 "$tmp/print/boards/dpb-03.pdf" -)" || fail "dpb-03 lost 陈玉珍"
# Asked for by id, a building pulled down is named as such, not as unknown.
if "$HGJ" print --content "$c" --building sty-01 --out "$tmp/one" > /dev/null 2> "$tmp/one.err"; then
  fail "print --building sty-01 succeeded"
fi
grep -qxF -- ": error: --building sty-01: 水亭苑1幢 is 拆除 in $c; it has no board or card sheet" "$tmp/one.err" ||
  { cat "$tmp/one.err"; fail "print --building sty-01 message"; }
[ ! -e "$tmp/one" ] || fail "print --building sty-01 wrote $tmp/one"

# The kiosk bundle.
"$HGJ" bundle --content "$c" --out "$tmp/kiosk" > /dev/null 2> "$tmp/bundle.err" || { cat "$tmp/bundle.err"; fail "bundle"; }
python3 - "$tmp/kiosk" <<'PY' || fail "bundle"
import json, os, sys
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        if f.endswith(".json"):
            text = open(os.path.join(root, f), encoding="utf-8").read()
            for gone in ("HF-001", "王建华", "138 0000 0001", "13800000001", "sty-01", "水亭苑1幢"):
                assert gone not in text, f"{f}: {gone}"
PY
echo "lifecycle: ok"
