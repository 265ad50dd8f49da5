#!/usr/bin/env python3
"""Seed corpora for the fuzz targets, from the demo content, the test fixtures, the
default theme and a kiosk bundle folder.

    tests/fuzz/make_seeds.py OUT_DIR BUNDLE_DIR

Writes OUT_DIR/<target>/<n> files for markdown, csv, values, bundle, theme, photo and upload.
"""
import csv
import io
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
# core/src/schema.cpp's collection order: csv_fuzz picks the collection by byte 0.
COLLECTIONS = ["duties", "communities", "grids", "buildings", "stewards", "issues",
               "events", "notices", "pages"]


def files(ext):
    for top in ("content", "tests/fixtures"):
        for folder, _, names in os.walk(os.path.join(ROOT, top)):
            for name in sorted(names):
                if name.endswith(ext):
                    yield os.path.join(folder, name)


def write(out, target, seeds):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    for n, data in enumerate(dict.fromkeys(seeds)):
        with open(os.path.join(out, target, "%04d" % n), "wb") as f:
            f.write(data)


def csv_cells(path):
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return [c for row in csv.reader(io.StringIO(raw.decode(enc))) for c in row]
        except (UnicodeDecodeError, csv.Error):
            pass
    return []


def main():
    out, bundle = sys.argv[1], sys.argv[2]
    write(out, "markdown", [open(p, "rb").read() for p in files(".md")])
    tables = []
    for p in files(".csv"):
        stem = os.path.basename(p)[:-4]
        index = COLLECTIONS.index(stem) if stem in COLLECTIONS else 4
        tables.append(bytes([index]) + open(p, "rb").read())
    write(out, "csv", tables)
    # One seed a line; a literal \n in a line stands for the newline before a date range.
    seeds = open(os.path.join(ROOT, "tests/fuzz/values.seeds"), "rb").read().split(b"\n")
    values = [s.replace(b"\\n", b"\n") for s in seeds]
    for p in files(".csv"):
        values += [c.encode() for c in csv_cells(p) if len(c) < 40]
    write(out, "values", [v for v in values if v])
    write(out, "bundle", [open(os.path.join(bundle, n), "rb").read()
                          for n in ("bundle.json", "manifest.json")])
    photos = os.path.join(ROOT, "content/photos")
    write(out, "photo", [open(os.path.join(photos, n), "rb").read() for n in sorted(os.listdir(photos))])
    theme = os.path.join(ROOT, "themes/default")
    head = open(os.path.join(theme, "partials/head.mustache"), "rb").read()
    strings = open(os.path.join(theme, "strings.toml"), "rb").read()
    templates = sorted(os.listdir(os.path.join(theme, "templates")))
    # The fuzzer's own strings are t.a, t.b, t.c and t.res (strings written in).
    inlined = ("<p>{{t.a}} {{{t.a}}} {{& t.a }}{{#t.c}}x{{/t.c}}{{^t.c}}{{t.b}}{{/t.c}}\n"
               "{{#x}}{{t.a}}{{/x}}{{#t}}{{a}}{{t.res}}{{/t}}{{! {{t.a}} }}</p>\n").encode()
    write(out, "theme", [open(os.path.join(theme, "templates", t), "rb").read() + b"\n===\n" + head +
                         b"\n===\n" + strings for t in templates] + [inlined])

    # Forms as a browser posts them (boundary "b", upload_fuzz.cpp), each holding one of
    # the demo's CSV tables or a test workbook, under .csv and .xlsx names.
    def form(name, data):
        return (b'--b\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nx\r\n'
                b'--b\r\nContent-Disposition: form-data; name="upload"; filename="' + name.encode() +
                b'"\r\nContent-Type: application/octet-stream\r\n\r\n' + data + b"\r\n--b--\r\n")
    books = [p for p in files(".xlsx") if os.path.getsize(p) < 32768]
    write(out, "upload", [form(os.path.basename(p), open(p, "rb").read()) for p in files(".csv")][:20] +
          [form("台账.xlsx", open(p, "rb").read()) for p in books][:20])


main()
