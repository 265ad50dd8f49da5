#!/usr/bin/env bash
# The demo's tables given as Excel workbooks, written by two producers (openpyxl and
# libxlsxwriter, tests/xlsx/), build the very same site as the CSV files: number-typed
# phones and counts, date cells (1900 and 1904 systems, a 年月日 format), merged 社区/网格/类别
# cells, formulas with cached values, rich text, a rare character (𠮷) — and a hidden row
# and a hidden sheet are warned about, never read.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}" "${HGJ_XLSXWRITER:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
py=/usr/bin/python3
tool="$HGJ_SOURCE_DIR/tests/xlsx/csv_to_xlsx.py"

# The CSV version: the demo, with a rare character in a steward's name and a phone
# written without spaces (what a number-typed cell holds), so both versions carry them.
cp -r "$HGJ_SOURCE_DIR/content" "$tmp/csv"
$py - "$tmp/csv/stewards.csv" <<'PY'
import sys
path = sys.argv[1]
rows = open(path, "rb").read().decode("gb18030").splitlines()
cells = rows[1].split(",")
cells[1] = "𠮷" + cells[1][1:]
cells[2] = cells[2].replace(" ", "")
rows[1] = ",".join(cells)
open(path, "w", encoding="utf-8-sig").write("\n".join(rows) + "\n")
PY
sed -i 's/^dpb-01,德平坝/dpb-01,𠮷平坝/' "$tmp/csv/buildings.csv"
grep -q '^HF-009,𠮷' "$tmp/csv/stewards.csv" || fail "the CSV was not changed"
grep -q '^dpb-01,𠮷' "$tmp/csv/buildings.csv" || fail "the CSV was not changed"

# The Excel version: stewards.xlsx from openpyxl (1904 system, a hidden row); one workbook
# 台账.xlsx from libxlsxwriter with the sheets 楼栋 and 问题台账, an instructions sheet and
# a hidden 网格 sheet, each with a title row merged across above the header; grids.csv
# stays a CSV.
cp -r "$tmp/csv" "$tmp/xlsx"
(cd "$tmp/xlsx" && rm buildings.csv stewards.csv issues.csv)
$py "$tool" --producer openpyxl --1904 "$tmp/xlsx/stewards.xlsx" "红管家=$tmp/csv/stewards.csv"
$py "$tool" --producer plan --hidden-row '' --title "天平巷街道台账（2026年）" "$tmp/plan.tsv" "楼栋=$tmp/csv/buildings.csv" \
  "问题台账=$tmp/csv/issues.csv" "说明=$tmp/csv/grids.csv" "!网格=$tmp/csv/grids.csv"
"$HGJ_XLSXWRITER" "$tmp/xlsx/台账.xlsx" "$tmp/plan.tsv"

# What the workbooks hold is what the test claims they hold.
unzip -p "$tmp/xlsx/台账.xlsx" xl/worksheets/sheet1.xml > "$tmp/s1.xml"
grep -q '<f>=*36</f><v>36</v>' "$tmp/s1.xml" || fail "no formula with its value in the 楼栋 sheet"
grep -q '<mergeCell ref="A1:I1"/>' "$tmp/s1.xml" || fail "no title row"
grep -q '<mergeCell ref="C3:C' "$tmp/s1.xml" || fail "no merged cell"
unzip -p "$tmp/xlsx/台账.xlsx" xl/sharedStrings.xml | grep '<r><rPr>' >/dev/null || fail "no rich text"
unzip -p "$tmp/xlsx/stewards.xlsx" xl/workbook.xml | grep 'date1904="1"' >/dev/null || fail "not 1904"
unzip -p "$tmp/xlsx/stewards.xlsx" xl/worksheets/sheet1.xml > "$tmp/s2.xml"
grep -q 'hidden="1"' "$tmp/s2.xml" || fail "no hidden row"
grep -q '<c r="C2" t="n"><v>13800000009</v>' "$tmp/s2.xml" || fail "the phone is not a number"

(cd "$tmp/csv" && "$HGJ" check --content . > "$tmp/csv.out" 2> "$tmp/csv.err") ||
  { cat "$tmp/csv.err"; fail "check of the CSV version"; }
(cd "$tmp/xlsx" && "$HGJ" check --content . > "$tmp/xlsx.out" 2> "$tmp/xlsx.err") ||
  { cat "$tmp/xlsx.err"; fail "check of the Excel version"; }
sed 's/0 warnings$/2 warnings/' "$tmp/csv.out" | diff -u - "$tmp/xlsx.out" || fail "the summaries differ"
# The warnings the workbooks add, whole; the rest is the CSV version's.
grep -v 'xlsx' "$tmp/xlsx.err" > "$tmp/xlsx.rest" || true
diff -u "$tmp/csv.err" "$tmp/xlsx.rest" || fail "other diagnostics differ"
cat > "$tmp/expected" <<'TXT'
stewards.xlsx[红管家]!22: warning: row 22 is hidden in Excel and is not read: unhide it (取消隐藏) to publish it, or delete it
台账.xlsx[网格]: warning: the sheet is hidden in Excel and is not read: unhide it (取消隐藏) to publish it, or delete it
TXT
grep 'xlsx' "$tmp/xlsx.err" | diff -u "$tmp/expected" - || fail "workbook warnings"

"$HGJ" build --content "$tmp/csv" --out "$tmp/csv-public" 2> /dev/null || fail "build of the CSV version"
"$HGJ" build --content "$tmp/xlsx" --out "$tmp/xlsx-public" 2> /dev/null || fail "build of the Excel version"
diff -r "$tmp/csv-public" "$tmp/xlsx-public" > "$tmp/diff" || { head -40 "$tmp/diff"; fail "the outputs differ"; }
grep -rq '𠮷' "$tmp/xlsx-public" || fail "the rare character is lost"
echo "PASS: Excel workbooks from openpyxl and libxlsxwriter build the CSV version's site byte for byte"
