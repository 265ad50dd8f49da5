#!/usr/bin/env bash
# `hgj init`: a new street's folder checks clean and builds as it is; its workbook is laid
# out for staff (frozen header, text ids and phones, drop-downs, an instructions sheet,
# read with openpyxl, the other producer and reader); a worker adds rows as Excel saves
# them and checks again; a folder that is not empty is refused with nothing written.
set -euo pipefail
source "$(dirname "$0")/lib/chinese_messages.sh"
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000
py=/usr/bin/python3
cd "$tmp"

"$HGJ" init > init.out 2> init.err || { cat init.err; fail "hgj init exited $?"; }
[ ! -s init.err ] || fail "hgj init printed $(cat init.err)"
cat > expected <<'TXT'
hgj init：已建好 content/（site.toml、台账.xlsx、说明.md）。
接下来：用 Excel 或 WPS 打开 content/台账.xlsx 填写（先看“说明”表），保存后运行
  hgj check
没有错误了再运行
  hgj build
然后用浏览器打开 public/index.html。
TXT
diff -u expected init.out || fail "init's message"
(cd content && ls -A) > files
printf '%s\n' site.toml 台账.xlsx 说明.md | sort | diff -u - <(sort files) || fail "init's files"
ls -A | grep hgj-init >/dev/null && fail "a temporary folder was left"

# Every key site.toml takes is there with a comment above it (optional ones may be
# commented out), [columns] included.
for key in title base_url street district hotline language timezone theme duty_scheme categories \
           private_categories '\[print\]' paper '\[kiosk\]' slide_seconds idle_seconds night_from \
           night_until night_mode '\[columns\.stewards\]'; do
  grep -B1 -E "^(# )?$key( =|$)" content/site.toml | head -1 | grep '^#' >/dev/null ||
    fail "site.toml has no explained $key"
done
"$HGJ" check --strict > check.out 2> check.err || { cat check.err; fail "the new folder does not check"; }
[ ! -s check.err ] || { cat check.err; fail "the new folder has diagnostics"; }
grep -qx "hgj check: 1 个社区、1 个网格、1 个楼栋、1 位红管家、1 个问题；0 个错误、0 个警告" check.out ||
  fail "$(cat check.out)"
"$HGJ" build > /dev/null 2> build.err || { cat build.err; fail "the new folder does not build"; }
grep -q "示例社区" public/index.html || fail "the example community is not on the home page"
ls public/buildings/shili-01* > /dev/null 2>&1 || ls -R public | grep shili-01 >/dev/null || fail "no page for the example building"

# The workbook as openpyxl reads it.
$py - content/台账.xlsx <<'PY' || fail "the workbook's layout"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
assert wb.sheetnames == ["说明", "社区", "网格", "楼栋", "红管家", "问题台账", "选项"], wb.sheetnames
for name in ["社区", "网格", "楼栋", "红管家", "问题台账"]:
    ws = wb[name]
    assert ws.freeze_panes == "A2", (name, ws.freeze_panes)
    assert ws["A1"].value == "编号", (name, ws["A1"].value)
    assert ws.column_dimensions["A"].number_format == "@", (name, "id column not text")
    assert ws["A2"].data_type == "s" and ws["A2"].font.i, (name, "example row not text in italics")
    assert ws["A1"].comment is not None and "必填" in ws["A1"].comment.text, name
def col(ws, header):
    for c in ws[1]:
        if c.value == header:
            return c
    raise AssertionError(header)
st = wb["红管家"]
assert [c.value for c in st[1]] == ["编号", "姓名", "电话", "照片", "微信群二维码", "党员", "身份", "楼栋", "聘任日期",
                                    "荣誉", "服务时间", "状态", "离任日期", "排序"], [c.value for c in st[1]]
phone = col(st, "电话")
assert st.column_dimensions[phone.column_letter].number_format == "@", "phone column not text"
assert st.cell(2, phone.column).value == "138 0000 0002"
since = st.cell(2, col(st, "聘任日期").column)
assert since.is_date and since.value == datetime.datetime(2026, 1, 1), since.value
rules = {}
for ws in wb.worksheets:
    for dv in ws.data_validations.dataValidation:
        rules[(ws.title, str(dv.sqref).split(":")[0])] = (dv.type, dv.formula1)
letter = lambda ws, h: col(wb[ws], h).column_letter
assert rules[("红管家", letter("红管家", "党员") + "2")] == ("list", "'选项'!$A$2:$A$3"), rules
assert rules[("问题台账", letter("问题台账", "类别") + "2")] == ("list", "'选项'!$B$2:$B$12"), rules
assert "'社区'!$A$2" in rules[("楼栋", letter("楼栋", "社区") + "2")][1], rules
assert "'网格'!$A$2" in rules[("楼栋", letter("楼栋", "网格") + "2")][1], rules
assert "'楼栋'!$A$2" in rules[("问题台账", letter("问题台账", "楼栋") + "2")][1], rules
lists = wb["选项"]
assert [lists.cell(r, 2).value for r in range(2, 13)][0] == "乱停乱放"
text = "\n".join(str(c.value) for row in wb["说明"].iter_rows() for c in row if c.value)
assert "灰色斜体的第 2 行是示例" in text and "hgj check" in text, text
PY

# A worker fills it in as Excel saves it: a second steward
# with the phone typed as a number, a date typed as a date; then checks again.
$py - content/台账.xlsx <<'PY' || fail "openpyxl could not fill the workbook"
import sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
st = wb["红管家"]
st.append(["LY-002", "李桂兰", 13900000003, None, None, "否", None, "shili-01", datetime.datetime(2026, 3, 14)])
wb.save(sys.argv[1])
PY
"$HGJ" check --strict > check.out 2> check.err || { cat check.err; fail "the filled folder does not check"; }
grep -qx "hgj check: 1 个社区、1 个网格、1 个楼栋、2 位红管家、1 个问题；0 个错误、0 个警告" check.out ||
  fail "$(cat check.out)"

# A folder that is not empty, a file in the way: refused, nothing written.
mkdir old && echo "我的文件" > old/note.txt
set +e
"$HGJ" init old > out.txt 2> err.txt; code=$?
set -e
[ "$code" = 2 ] || fail "non-empty folder: exit $code, expected 2"
echo "hgj init: old 里已经有文件，hgj init 不会覆盖；什么也没有写。请换一个空文件夹或新名字，例如 hgj init 新街道" |
  diff -u - err.txt || fail "non-empty folder message"
[ "$(ls -A old)" = "note.txt" ] && [ "$(cat old/note.txt)" = "我的文件" ] || fail "old/ was changed"
set +e
"$HGJ" init old --lang en 2> err.txt; code=$?
set -e
[ "$code" = 2 ] || fail "non-empty folder (en): exit $code"
echo "hgj init: old is not empty and hgj init never overwrites; nothing was written. Name an empty or new folder, e.g. hgj init new-street" |
  diff -u - err.txt || fail "non-empty folder message in English"
echo x > afile
set +e
"$HGJ" init afile 2> err.txt; code=$?
set -e
[ "$code" = 2 ] || fail "a file: exit $code"
echo "hgj init: afile 已经存在，而且不是文件夹；什么也没有写。请换一个文件夹名" | diff -u - err.txt || fail "file message"
ls -A | grep hgj-init >/dev/null && fail "a temporary folder was left"

# An empty folder is used, a nested new one made.
mkdir empty
"$HGJ" init empty > /dev/null && [ -f empty/台账.xlsx ] || fail "an empty folder was not used"
"$HGJ" init streets/新街道 > /dev/null && "$HGJ" check --content streets/新街道 > /dev/null ||
  fail "a nested folder"
echo "PASS: hgj init makes a folder that checks and builds, laid out for staff; never overwrites"
