#!/usr/bin/python3
"""Turns content CSV files into workbooks as staff keep them, for the tests and the bench.

Cells get Excel's types: whole numbers (phones, counts) become numbers, dates become date
cells, runs of one value in a 社区/网格/类别 column become one merged cell, and an extra
row that is hidden holds a value that must never be read. Two producers write the same
plan: openpyxl here (--producer openpyxl), and libxlsxwriter through the
hgj_xlsxwriter_workbook helper (--producer plan writes what it reads).

  csv_to_xlsx.py --producer openpyxl|plan [--1904] OUT SHEET=FILE.csv [SHEET=FILE.csv ...]
A sheet name starting with ! makes the sheet hidden.
"""
import argparse
import csv
import datetime
import re

MERGED = {"社区", "网格", "类别", "community", "grid", "category"}


def read_csv(path):
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("gb18030")
    return list(csv.reader(text.splitlines()))


def typed(value):
    """('n', number) | ('d', date) | ('s', text) as Excel would hold what staff typed."""
    if re.fullmatch(r"[1-9][0-9]{0,14}", value):
        return "n", int(value)
    m = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", value)
    if m:
        return "d", datetime.date(int(m[1]), int(m[2]), int(m[3]))
    return "s", value


def plan(rows, hidden_value, title=""):
    """Cells (row, col, type, value), merges (r1, c1, r2, c2) and hidden rows, 0-based.
    A title puts a row above the header, one cell merged across it, as ledgers have."""
    if title:
        cells, merges, hidden = plan(rows, hidden_value)
        width = len(rows[0])
        return ([(0, 0, "s", title)] + [(r + 1, c, k, v) for r, c, k, v in cells],
                [(0, 0, 0, width - 1)] + [(r1 + 1, c1, r2 + 1, c2) for r1, c1, r2, c2 in merges],
                [r + 1 for r in hidden])
    header = rows[0]
    cells, merges = [], []
    for c, name in enumerate(header):
        r = 0
        while r < len(rows):
            value = rows[r][c] if c < len(rows[r]) else ""
            end = r
            if r > 0 and name in MERGED and value:
                while end + 1 < len(rows) and rows[end + 1][c] == value:
                    end += 1
            if value:
                cells.append((r, c) + (typed(value) if r > 0 else ("s", value)))
            if end > r:
                merges.append((r, c, end, c))
            r = end + 1
    hidden = []
    if hidden_value:
        extra = len(rows)
        cells.append((extra, 0, "s", hidden_value))
        hidden.append(extra)
    return cells, merges, hidden


def serial(day, epoch1904):
    base = datetime.date(1904, 1, 1) if epoch1904 else datetime.date(1899, 12, 30)
    return (day - base).days


def write_openpyxl(out, sheets, epoch1904):
    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    for name, (cells, merges, hidden) in sheets:
        ws = wb.create_sheet(name.lstrip("!"))
        if name.startswith("!"):
            ws.sheet_state = "hidden"
        for r, c, kind, value in cells:
            cell = ws.cell(row=r + 1, column=c + 1, value=value)
            if kind == "d":
                cell.number_format = "yyyy/m/d"
        for r1, c1, r2, c2 in merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        for r in hidden:
            ws.row_dimensions[r + 1].hidden = True
    wb.save(out)


def write_plan(out, sheets, epoch1904):
    with open(out, "w", encoding="utf-8") as f:
        for name, (cells, merges, hidden) in sheets:
            f.write(f"sheet\t{name.lstrip('!')}\n")
            if name.startswith("!"):
                f.write("hidesheet\n")
            # Merges first: libxlsxwriter fills a merged range with a string, and the cell
            # written after it sets the top-left value with its type.
            for m in merges:
                f.write("merge\t%d\t%d\t%d\t%d\n" % m)
            for r, c, kind, value in cells:
                if kind == "d":
                    value = serial(value, epoch1904)
                f.write(f"cell\t{r}\t{c}\t{kind}\t{value}\n")
            for r in hidden:
                f.write(f"hide\t{r}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--producer", choices=["openpyxl", "plan"], required=True)
    parser.add_argument("--1904", dest="epoch1904", action="store_true")
    parser.add_argument("--hidden-row", default="HIDDEN-ROW-NEVER-READ")
    parser.add_argument("--title", default="", help="a merged title row above the header")
    parser.add_argument("out")
    parser.add_argument("sheets", nargs="+")
    args = parser.parse_args()
    sheets = []
    for spec in args.sheets:
        name, path = spec.split("=", 1)
        sheets.append((name, plan(read_csv(path), args.hidden_row, args.title)))
    (write_openpyxl if args.producer == "openpyxl" else write_plan)(args.out, sheets, args.epoch1904)


main()
