#!/usr/bin/env bash
# Control characters in content (U+000B from Word, U+0001, DEL, C1, raw or as TOML
# escapes) in titles, bodies, locations and CSV cells of tests/fixtures/control_characters:
# `hgj build` removes them with one warning per line, and every feed is valid —
# notices.atom parses as XML, events.ics and every other text file hgj writes hold no
# control character, and each JSON file parses with none in its strings.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null || fail "python3 is required"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1788300000  # 2026-09-02: both notices current, the event ahead
content=tests/fixtures/control_characters/content
# The fixture really holds them: raw bytes, and TOML escapes.
grep -qP '\x0b' "$content/notices/water.md" || fail "the fixture lost its raw U+000B"
grep -qF '\u000B' "$content/notices/lift.md" || fail "the fixture lost its escaped U+000B"

"$HGJ" build --content "$content" --out "$tmp/public" >"$tmp/out" 2>"$tmp/err" ||
  { cat "$tmp/err"; fail "hgj build failed"; }
warnings=$(grep -c 'warning: invisible control character' "$tmp/err" || true)
[ "$warnings" = 8 ] || { cat "$tmp/err"; fail "$warnings warnings, expected 8 (one per line)"; }

python3 - "$tmp/public" <<'PY'
import json, os, re, sys
import xml.etree.ElementTree as ET
out = sys.argv[1]
control = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
def fail(msg):
    print("FAIL: " + msg); sys.exit(1)

atom = ET.parse(os.path.join(out, "notices.atom"))  # raises on invalid XML
ns = {"a": "http://www.w3.org/2005/Atom"}
titles = [t.text for t in atom.getroot().iterfind("a:entry/a:title", ns)]
if sorted(titles) != ["停水通知", "电梯检修"]:
    fail("notices.atom titles: %r" % titles)
summaries = "".join(s.text or "" for s in atom.getroot().iterfind("a:entry/a:summary", ns))
if "9 月 2 日停水，请提前储水" not in summaries:
    fail("notices.atom summary: %r" % summaries)

ics = open(os.path.join(out, "events.ics"), encoding="utf-8", newline="").read()
if control.search(ics):
    fail("events.ics holds a control character")
for want in ("SUMMARY:敲门日\r\n", "LOCATION:幸福小区1幢门口\r\n", "红管家上门走访"):
    if want not in ics:
        fail("events.ics lacks %r" % want)

def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)

checked = 0
for folder, _, files in os.walk(out):
    for name in files:
        path = os.path.join(folder, name)
        if not name.endswith((".html", ".xml", ".atom", ".ics", ".json", ".txt", ".css", ".js")):
            continue
        text = open(path, encoding="utf-8").read()
        if control.search(text):
            fail(path + " holds a raw control character")
        if name.endswith(".json"):
            for s in strings(json.loads(text)):
                if control.search(s):
                    fail(path + " holds a control character in " + repr(s))
        checked += 1
if not os.path.exists(os.path.join(out, "kiosk", "bundle.json")):
    fail("no kiosk bundle")
bundle = open(os.path.join(out, "kiosk", "bundle.json"), encoding="utf-8").read()
if "王建国" not in bundle:
    fail("the steward's name did not reach the bundle whole")
print("feeds_control_characters: %d text files without control characters" % checked)
PY
echo "1 passed, 0 failed"
