#!/usr/bin/env bash
# `hgj export`: the demo's tables as one workbook that, put in place of the CSV files,
# checks clean and builds the very same site (SOURCE_DATE_EPOCH); its cells typed as staff
# type them (read with openpyxl: text ids and phones, date cells, 是/否, private columns
# kept); never written into the content or a published folder, never over a file hgj did
# not write (--force keeps it as FILE.before-hgj.xlsx).
set -euo pipefail
source "$(dirname "$0")/lib/chinese_messages.sh"
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
py=/usr/bin/python3
cd "$tmp"
cp -r "$HGJ_SOURCE_DIR/content" csv

"$HGJ" export --content csv --out 台账.xlsx > export.out 2> export.err || { cat export.err; fail "export exited $?"; }
[ ! -s export.err ] || { cat export.err; fail "export printed diagnostics"; }
cat > expected <<'TXT'
hgj export：已写出 台账.xlsx（网格 6 行，楼栋 16 行，红管家 20 行，问题台账 90 行，屏幕 3 行）。
注意：工作簿里有以 _ 开头的隐私列，只供台账核对，不要公开或发给无关的人。
TXT
diff -u expected export.out || fail "export's message"
[ "$(stat -c %a 台账.xlsx)" = 600 ] || fail "the export (with private columns) is readable by others"

# Round trip: the workbook in place of the CSV files.
cp -r csv xlsx
(cd xlsx && rm grids.csv buildings.csv stewards.csv issues.csv screens.csv && cp ../台账.xlsx .)
(cd csv && "$HGJ" check --content . > ../csv.out 2> ../csv.err) || { cat csv.err; fail "check of the CSV version"; }
(cd xlsx && "$HGJ" check --content . > ../xlsx.out 2> ../xlsx.err) || { cat xlsx.err; fail "check of the workbook version"; }
diff -u csv.out xlsx.out || fail "the summaries differ"
diff -u csv.err xlsx.err || fail "the diagnostics differ"
"$HGJ" build --content csv --out csv-public 2> /dev/null || fail "build of the CSV version"
"$HGJ" build --content xlsx --out xlsx-public 2> /dev/null || fail "build of the workbook version"
diff -r csv-public xlsx-public > diff.txt || { head -40 diff.txt; fail "the sites differ"; }

# The cells as openpyxl reads them.
$py - 台账.xlsx <<'PY' || fail "cell types"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["说明", "网格", "楼栋", "红管家", "问题台账", "屏幕", "选项"], wb.sheetnames
def row(ws, key):
    for r in ws.iter_rows(min_row=2):
        if r[0].value == key:
            return {ws.cell(1, c.column).value: c for c in r}
    raise AssertionError(key)
st = wb["红管家"]
assert [c.value for c in st[1]][-1] == "_家庭住址", [c.value for c in st[1]]
s = row(st, "HF-010")
assert s["编号"].data_type == "s" and s["电话"].data_type == "s" and s["电话"].value == "139-0000-0010", s["电话"].value
assert s["聘任日期"].is_date and s["聘任日期"].value == datetime.datetime(2018, 9, 1), s["聘任日期"].value
assert s["党员"].value == "是", s["党员"].value
assert s["_家庭住址"].value, "the private column is empty"
b = row(wb["楼栋"], "dpb-01")
assert b["单元数"].data_type == "n" and b["单元数"].value == 3, b["单元数"].value
i = row(wb["问题台账"], "SX-2025-001")
assert i["销号日期"].is_date and i["销号日期"].value == datetime.datetime(2025, 9, 14), i["销号日期"].value
assert i["编号"].data_type == "s" and i["楼栋"].data_type == "s"
PY

# Re-exporting over its own unchanged export: no --force needed.
"$HGJ" export --content csv --out 台账.xlsx > /dev/null || fail "re-export over an unchanged export"
# Saved since (Excel changes the file and its time): refused, then kept with --force.
$py -c "import openpyxl,sys; wb=openpyxl.load_workbook('台账.xlsx'); wb['红管家']['B2']='改过'; wb.save('台账.xlsx')"
cp 台账.xlsx edited.xlsx
set +e
"$HGJ" export --content csv --out 台账.xlsx 2> err.txt; code=$?
set -e
[ "$code" = 2 ] || fail "an edited export: exit $code, expected 2"
echo "hgj export: 台账.xlsx 已经存在，不是 hgj 导出的，或导出后有人改过；什么也没有写。换一个文件名，或者加 --force 替换它（原文件改名为 台账.before-hgj.xlsx 保留）" |
  diff -u - err.txt || fail "edited export message"
cmp 台账.xlsx edited.xlsx || fail "the edited file was changed"
"$HGJ" export --content csv --out 台账.xlsx --force > out.txt || fail "--force"
grep -qx "原来的文件保留为 台账.before-hgj.xlsx。" out.txt || fail "$(cat out.txt)"
cmp 台账.before-hgj.xlsx edited.xlsx || fail "the replaced file was not kept as it was"
cp 台账.xlsx before-second.xlsx
$py -c "import openpyxl; wb=openpyxl.load_workbook('台账.xlsx'); wb.save('台账.xlsx')"
set +e
"$HGJ" export --content csv --out 台账.xlsx --force 2> err.txt; code=$?
set -e
[ "$code" = 2 ] || fail "a kept file in the way: exit $code"
grep -q "台账.before-hgj.xlsx 已经存在" err.txt || fail "$(cat err.txt)"
cmp 台账.before-hgj.xlsx edited.xlsx || fail "the kept file was overwritten"

# Never into the content folder or a published folder; only .xlsx.
set +e
"$HGJ" export --content csv --out csv/台账.xlsx 2> err.txt; code=$?
set -e
[ "$code" = 2 ] || fail "into the content folder: exit $code"
echo "hgj export: csv/台账.xlsx 在内容文件夹 csv 里面，会被当作台账再读一遍（编号重复）；请导出到内容文件夹外面，改好后再替换原来的表格" |
  diff -u - err.txt || fail "content folder message"
set +e
"$HGJ" export --content csv --out csv-public/print/台账.xlsx 2> err.txt; code=$?
set -e
[ "$code" = 2 ] || fail "into a published folder: exit $code"
echo "hgj export: csv-public/print/台账.xlsx 在 hgj 生成的网站文件夹里，会被公开；导出的台账含有隐私列（以 _ 开头的列），请导出到别的文件夹" |
  diff -u - err.txt || fail "published folder message"
set +e
"$HGJ" export --content csv --out 台账.csv --lang en 2> err.txt; code=$?
set -e
[ "$code" = 2 ] || fail "not .xlsx: exit $code"
echo "hgj export: 台账.csv is not an .xlsx file name; e.g. --out ledger.xlsx" | diff -u - err.txt || fail "xlsx message"
[ ! -e csv/台账.xlsx ] && [ ! -e csv-public/print/台账.xlsx ] && [ ! -e 台账.csv ] || fail "a refused file was written"
ls -A | grep hgj-export >/dev/null && fail "a temporary file was left"

# The help says private columns are exported, in both languages.
"$HGJ" export --help | grep "注意：以 _ 开头的隐私列也会导出" >/dev/null || fail "the help does not warn of private columns"
"$HGJ" export --help --lang en | grep "private columns (starting with _) are exported too" >/dev/null ||
  fail "the English help does not warn of private columns"

# A table that cannot be read would be missing from the workbook: nothing is written.
cp -r csv broken
printf 'not a workbook' > broken/stewards.xlsx
set +e
"$HGJ" export --content broken --out broken.xlsx > out.txt 2> err.txt; code=$?
set -e
[ "$code" = 1 ] || fail "an unreadable table: exit $code, expected 1"
tail -1 err.txt | grep -x "hgj export: 有表格读不出来，导出会缺行；什么也没有写" >/dev/null || fail "$(cat err.txt)"
grep -q "broken/stewards.xlsx" err.txt || fail "the unreadable file is not named: $(cat err.txt)"
[ ! -e broken.xlsx ] || fail "a workbook was written from a folder with an unreadable table"

# A hidden row is not read, so not exported: the warning is followed by a note saying so.
cp -r csv hidden
rm hidden/stewards.csv
$py - csv/stewards.csv hidden/stewards.xlsx <<'PY'
import sys, csv, openpyxl
rows = list(csv.reader(open(sys.argv[1], encoding="gb18030")))
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "红管家"
for r in rows:
    ws.append(r)
ws.row_dimensions[3].hidden = True
wb.save(sys.argv[2])
PY
"$HGJ" export --content hidden --out hidden.xlsx > out.txt 2> err.txt || fail "export with a hidden row: $(cat err.txt)"
grep -q "hidden/stewards.xlsx\[红管家\]!3: 警告：" err.txt || fail "no hidden-row warning: $(cat err.txt)"
grep -qx "注意：上面警告里说没有读取的行、工作表或文件，也没有导出；用导出的工作簿替换原来的表格前，先把它们处理好（取消隐藏，或另存为 .xlsx），否则它们会丢失。" out.txt ||
  fail "no note on what is left out: $(cat out.txt)"
grep -q "红管家 19 行" out.txt || fail "the hidden row was exported: $(cat out.txt)"

# A folder made by hgj init exports and reads back the same.
"$HGJ" init new > /dev/null
"$HGJ" export --content new --out new.xlsx > /dev/null || fail "export of an init folder"
rm new/台账.xlsx && cp new.xlsx new/台账.xlsx
"$HGJ" check --content new --strict > /dev/null 2>&1 || fail "an init folder's export does not check"
echo "PASS: hgj export round-trips the demo byte for byte, types its cells, never overwrites"
