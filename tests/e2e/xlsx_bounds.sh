#!/usr/bin/env bash
# A sheet Excel has formatted to its last row (1,048,576 rows, the rows past the data
# empty, 80 MB of XML) is read in bounded time and memory: the rows are streamed, and
# empty ones cost nothing.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/content"
cp "$HGJ_SOURCE_DIR/tests/fixtures/xlsx_last_row/content/site.toml" "$tmp/content/"
/usr/bin/python3 - "$tmp/content/stewards.xlsx" <<'PY'
import sys, zipfile
rels = '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
book = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="红管家" sheetId="1" r:id="rId1"/></sheets></workbook>'
def text(ref, value):
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("xl/_rels/workbook.xml.rels", rels)
    z.writestr("xl/workbook.xml", book)
    with z.open("xl/worksheets/sheet1.xml", "w") as f:
        f.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        f.write(('<row r="1">' + text("A1", "编号") + text("B1", "姓名") + text("C1", "电话") + '</row>').encode())
        f.write(('<row r="2">' + text("A2", "s1") + text("B2", "王秀兰") + '<c r="C2"><v>13800000001</v></c></row>').encode())
        for r in range(3, 1048577):
            f.write(f'<row r="{r}" spans="1:3" s="1" customFormat="1"><c r="A{r}" s="1"/><c r="B{r}" s="1"/></row>'.encode())
        f.write(b'</sheetData></worksheet>')
PY
/usr/bin/time -f "%M %e" -o "$tmp/time" "$HGJ" check --content "$tmp/content" > "$tmp/out" 2> "$tmp/err" ||
  { cat "$tmp/err"; fail "check of a full-height sheet"; }
grep -q '^hgj check: 0 communities, 0 grids, 0 buildings, 1 steward, 0 issues; 0 errors, 0 warnings$' "$tmp/out" ||
  fail "summary: $(cat "$tmp/out")"
read -r rss seconds < "$tmp/time"
echo "1,048,576-row sheet: ${rss} KB peak, ${seconds} s"
# Under AddressSanitizer (scripts/hardening.sh) freed memory waits in a 256 MB quarantine
# and every byte has a shadow: the bound is for the program as shipped.
limit=150000
ldd "$HGJ" 2>/dev/null | grep libasan >/dev/null && limit=1000000
[ "$rss" -lt "$limit" ] || fail "peak RSS ${rss} KB for a sheet of empty rows (limit ${limit} KB)"
