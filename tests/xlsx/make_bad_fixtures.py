#!/usr/bin/python3
"""Writes the workbooks of the tests/fixtures/xlsx_* folders (run from the source folder;
the outputs are committed, each a few hundred bytes). Hand-made parts where the fault is
the point (a DTD, a lying size, a cell past Excel's limit), openpyxl where a real producer
makes it (a formula without a saved value)."""
import os
import struct
import zipfile

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures")
SITE = 'title = "测试街道红管家"\nbase_url = "https://hgj.example.cn"\nstreet = "测试街道"\n'
HEADER = ["编号", "姓名", "电话", "楼栋", "_家庭住址"]


def folder(name):
    path = os.path.join(HERE, name, "content")
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "site.toml"), "w", encoding="utf-8") as f:
        f.write(SITE)
    return path


def cell(ref, value):
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = value.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows, prolog="", extra=""):
    out = [prolog or '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
           '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for number, values in rows:
        cells = "".join(cell(chr(ord("A") + i) + str(number), v) for i, v in enumerate(values) if v != "")
        out.append(f'<row r="{number}">{cells}</row>')
    out.append("</sheetData>" + extra + "</worksheet>")
    return "".join(out)


def workbook(path, sheet, name="红管家", more=None):
    """A workbook of `sheet` named `name`, then the sheets of `more` (name: sheet XML)."""
    more = more or {}
    extra = list(more.items())
    sheets = f'<sheet name="{name}" sheetId="1" r:id="rId1"/>' + "".join(
        f'<sheet name="{n}" sheetId="{i + 2}" r:id="rId{i + 2}"/>' for i, (n, _) in enumerate(extra))
    rels = "".join(
        f'<Relationship Id="rId{i + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 2}.xml"/>'
        for i in range(len(extra)))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{rels}</Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    for i, (_, xml) in enumerate(extra):
        parts[f"xl/worksheets/sheet{i + 2}.xml"] = xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name_, text in parts.items():
            info = zipfile.ZipInfo(name_, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))


def lie_about_size(path, member, size):
    """Sets the uncompressed size the local and central headers declare for `member`."""
    data = bytearray(open(path, "rb").read())
    with zipfile.ZipFile(path) as z:
        offset = z.getinfo(member).header_offset
    struct.pack_into("<I", data, offset + 22, size)
    central = data.rfind(b"PK\x01\x02" + bytes(0), 0)
    at = 0
    while True:
        at = data.find(b"PK\x01\x02", at)
        if at < 0:
            break
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + name_len].decode() == member:
            struct.pack_into("<I", data, at + 24, size)
        at += 4
    del central
    open(path, "wb").write(bytes(data))


GOOD = [(1, HEADER), (2, ["s1", "王秀兰", 13800000001, "", "CANARY 家庭住址"])]

# A CSV saved under an .xlsx name.
with open(os.path.join(folder("xlsx_csv_renamed"), "stewards.xlsx"), "w", encoding="utf-8") as f:
    f.write("编号,姓名,电话\ns1,王秀兰,13800000001\n")

# A workbook cut short, as a failed download or copy leaves it.
path = os.path.join(folder("xlsx_truncated"), "stewards.xlsx")
workbook(path, sheet_xml(GOOD))
data = open(path, "rb").read()
open(path, "wb").write(data[: len(data) * 2 // 3])

# A password-protected workbook: Excel encrypts into an OLE compound file.
with open(os.path.join(folder("xlsx_password"), "stewards.xlsx"), "wb") as f:
    f.write(bytes([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + bytes(504))

# A zip bomb: the sheet declares 3,840 MB.
path = os.path.join(folder("xlsx_zip_bomb"), "stewards.xlsx")
workbook(path, sheet_xml(GOOD))
lie_about_size(path, "xl/worksheets/sheet1.xml", 0xF0000000)

# An XML entity bomb (billion laughs) in the sheet.
lol = '<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>\n"
workbook(os.path.join(folder("xlsx_entity_bomb"), "stewards.xlsx"),
         sheet_xml([(1, HEADER), (2, ["s1", "&j;", 13800000001, "", ""])], prolog=lol).replace("&amp;j;", "&j;"))

# Cells at Excel's limit (32,767 characters: read, then too long for a name) and past it.
workbook(os.path.join(folder("xlsx_long_cell"), "stewards.xlsx"),
         sheet_xml([(1, HEADER), (2, ["s1", "王" * 32767, 13800000001, "", ""]),
                    (3, ["s2", "李" * 32768, 13800000002, "", ""])]))

# The last row Excel has (1,048,576), with the rows between empty.
workbook(os.path.join(folder("xlsx_last_row"), "stewards.xlsx"),
         sheet_xml(GOOD + [(1048576, ["s9", "赵六", 1380000, "", "CANARY"])]))

# A workbook beside the CSV: rows merged, one in both a duplicate naming both places.
path = folder("xlsx_beside_csv")
workbook(os.path.join(path, "stewards.xlsx"),
         sheet_xml(GOOD + [(3, ["s3", "赵六", 13800000003, "", "CANARY"])]))
with open(os.path.join(path, "stewards.csv"), "w", encoding="utf-8") as f:
    f.write("编号,姓名,电话\ns1,王秀兰,13800000001\ns2,李建国,13800000002\n")

# Spreadsheets hgj does not read: said, not silently skipped.
path = folder("xlsx_old_formats")
for name in ["stewards.xls", "buildings.et", "台账.ods"]:
    with open(os.path.join(path, name), "wb") as f:
        f.write(b"not read")

# Tables hgj would not read, each said: a workbook whose sheets are named after no table,
# a workbook in a sub-folder, a CSV named after no table, other formats.
path = folder("unread_tables")
with open(os.path.join(path, "stewards.csv"), "w", encoding="utf-8") as f:
    f.write("编号,姓名,电话,楼栋\ns1,王秀兰,13800000001,b1\n")
with open(os.path.join(path, "communities.csv"), "w", encoding="utf-8") as f:
    f.write("编号,名称\nc1,幸福社区\n")
workbook(os.path.join(path, "名单.xlsx"), sheet_xml(GOOD), name="Sheet1")
os.makedirs(os.path.join(path, "stewards"), exist_ok=True)
workbook(os.path.join(path, "stewards", "红管家台账.xlsx"), sheet_xml(GOOD))
with open(os.path.join(path, "红管家.csv"), "w", encoding="utf-8") as f:
    f.write("编号,姓名,电话\ns2,李建国,13800000002\n")
# A workbook named after one table with a second table's sheet in it.
workbook(os.path.join(path, "buildings.xlsx"), sheet_xml([(1, ["编号", "名称", "社区"]), (2, ["b1", "幸福小区1幢", "c1"])]),
         name="楼栋", more={"红管家": sheet_xml(GOOD)})
for name in ["台账.numbers", "说明.wps", "stewards.xlsm"]:
    with open(os.path.join(path, name), "wb") as f:
        f.write(b"not read")

# A formula openpyxl wrote without a saved value, and a bad phone next to a private cell.
import openpyxl  # noqa: E402
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "红管家"
ws.append(HEADER)
ws.append(["s1", "王秀兰", "=13800000000+1", "", "CANARY 家庭住址"])
ws.append(["s2", "李建国", 1380000, "", "CANARY 家庭住址"])
wb.save(os.path.join(folder("xlsx_formula_no_value"), "stewards.xlsx"))

# One workbook with several tables: a duplicate id is named by sheet and row.
path = folder("xlsx_duplicate_id")
workbook(os.path.join(path, "台账.xlsx"),
         sheet_xml([(1, HEADER), (2, ["s1", "王秀兰", 13800000001, "", "CANARY"]),
                    (3, ["s1", "李建国", 13800000002, "", "CANARY"])]))
