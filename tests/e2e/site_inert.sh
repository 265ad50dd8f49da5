#!/usr/bin/env bash
# Markup typed into content stays inert text in every page, feed, calendar and JSON:
# <script>, onerror=, javascript: links, raw HTML blocks and {{mustache}} tags. Private
# categories publish no title or resolution, and private columns (the reporter) never
# appear at all.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r content "$tmp/content"
c="$tmp/content"

# Every free-text field of the demo carries markup: CSV cells, front-matter strings,
# duty items and Markdown bodies (raw HTML blocks, javascript: links, {{{title}}}).
python3 - "$c" <<'PY'
import csv, io, os, re, sys
c = sys.argv[1]
payload = '<script>alert(1)</script>"><img src=x onerror=alert(1)> {{{title}}} [j](javascript:alert(1))'
body = ('\n\n<div onclick="alert(1)">raw html block</div>\n\n<script>alert(1)</script>\n\n'
        '[点我](javascript:alert(1)) {{{title}}} <a href="javascript:alert(1)">a</a>\n')
texts = {"名称", "姓名", "党组织书记", "地址", "办公时间", "网格长", "专职网格员", "物业", "身份",
         "服务时间", "事项", "处理结果", "地点", "标题", "name", "title", "party_secretary", "address",
         "office_hours", "leader", "worker", "property", "role", "location", "resolution",
         "street", "district"}
for name in os.listdir(c):
    if not name.endswith(".csv"): continue
    raw = open(os.path.join(c, name), "rb").read()
    for enc in ("utf-8-sig", "gb18030"):
        try: rows = list(csv.reader(io.StringIO(raw.decode(enc)))); break
        except UnicodeDecodeError: pass
    header = rows[0]
    for row in rows[1:]:
        for i, h in enumerate(header):
            if h in texts and i < len(row) and row[i]: row[i] += payload
    with open(os.path.join(c, name), "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(rows)
toml_payload = payload.replace("\\", "\\\\").replace('"', '\\"')
line = re.compile(r'^(\s*(%s)\s*=\s*"[^"\\]*)"\s*$' % "|".join(sorted(texts)))
for folder, _, names in os.walk(c):
    for name in names:
        path = os.path.join(folder, name)
        if not (name.endswith(".md") or name == "site.toml"): continue
        out = []
        for l in open(path, encoding="utf-8").read().split("\n"):
            l = line.sub(lambda m: m.group(1) + toml_payload + '"', l)
            l = re.sub(r'^(\s*items\s*=\s*\[)', lambda m: m.group(1) + '"' + toml_payload + '", ', l)
            out.append(l)
        text = "\n".join(out)
        if name.endswith(".md"): text += body
        open(path, "w", encoding="utf-8").write(text)
PY

# A steward whose every text field carries markup.
cat >"$c/stewards/HF-001.md" <<'MD'
+++
name = "<script>alert(1)</script>王建华"
phone = "138 0000 0001"
photo = "photos/HF-001.jpg"
party_member = "是"
role = "\"><img src=x onerror=alert(1)>"
buildings = "dpb-03:1-2"
honors = "2018-11 <b onmouseover=alert(1)>星</b>；{{title}}"
office_hours = "{{{site.title}}} {{#nav}}x{{/nav}}"
+++
介绍 {{title}} 和 <script>alert(2)</script> 以及 [点我](javascript:alert(1)) 和 [图](vbscript:x)。

<div onclick="alert(3)">raw html block</div>

<iframe src="https://evil.example/"></iframe>
MD
cat >"$c/notices/zz-inject.md" <<'MD'
+++
title = "<script>alert(4)</script>通知 {{title}}"
date = "2026-11-10"
pinned = true
+++
<img src=x onerror=alert(5)>

正文 [链接](javascript:alert(6))
MD
cat >"$c/events/zz-inject.md" <<'MD'
+++
title = "<img src=x onerror=alert(7)>活动, 逗号; 分号 \\ 反斜杠"
kind = "活动"
location = "{{> head}}"
date = "2026-12-01"
time = "09:00-10:00"
+++
<script>alert(8)</script>
MD
mkdir -p "$c/issues"
cat >"$c/issues/INJ-001.md" <<'MD'
+++
title = "<script>alert(9)</script>楼道 {{title}}"
category = "楼道堆物"
building = "dpb-03"
found_on = "2026-10-01"
closed_on = "2026-10-03"
level = "楼道"
handled_by = "HF-001"
resolution = "\"><svg onload=alert(10)>"
"_举报人" = "REPORTER-7f3a"
+++
MD
cat >"$c/issues/INJ-002.md" <<'MD'
+++
title = "SECRET-TITLE-9c1e 邻居吵架"
category = "邻里纠纷"
building = "dpb-05"
found_on = "2026-10-05"
closed_on = "2026-10-06"
level = "楼道"
resolution = "SECRET-RESOLUTION-9c1e"
+++
MD

SOURCE_DATE_EPOCH=1795000000 "$HGJ" build --content "$c" --out "$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; fail "build failed"; }
out="$tmp/out"

python3 tests/e2e/check_links.py "$out" >/dev/null || { python3 tests/e2e/check_links.py "$out" | tail; fail "links"; }

python3 - "$out" <<'PY' || fail "injected markup is live somewhere"
import json, os, sys, xml.etree.ElementTree as ET
from html.parser import HTMLParser
out = sys.argv[1]
problems = []

class Scan(HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name, self.in_script, self.text = name, False, []
    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k.startswith("on"):
                problems.append(f"{self.name}: <{tag} {k}=…>")
            if k in ("href", "src", "action") and v and v.strip().lower().startswith(("javascript:", "vbscript:")):
                problems.append(f"{self.name}: <{tag} {k}={v}>")
        if tag in ("iframe", "object", "embed", "svg") and "stats" not in self.name:
            problems.append(f"{self.name}: <{tag}>")
        if tag == "img" and dict(attrs).get("src") == "x":
            problems.append(f"{self.name}: <img src=x>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not src.endswith("assets/site.js"):
                problems.append(f"{self.name}: <script> not the site's own")
            self.in_script = True
    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
    def handle_data(self, data):
        if self.in_script and data.strip():
            problems.append(f"{self.name}: inline script {data[:40]!r}")
        self.text.append(data)

def html_text(rel):
    s = Scan(rel)
    s.feed(open(f"{out}/{rel}", encoding="utf-8").read())
    return "".join(s.text)

texts = {}
for folder, _, files in os.walk(out):
    for f in files:
        rel = os.path.relpath(os.path.join(folder, f), out)
        if f.endswith(".html"):
            texts[rel] = html_text(rel)
        raw = open(os.path.join(folder, f), "rb").read()
        for secret in (b"REPORTER-7f3a", b"SECRET-TITLE-9c1e", b"SECRET-RESOLUTION-9c1e"):
            if secret in raw:
                problems.append(f"{rel}: contains {secret.decode()}")

# The markup is still there, as text a reader sees.
steward = texts["steward/HF-001/index.html"]
for literal in ("<script>alert(1)</script>王建华", '"><img src=x onerror=alert(1)>', "{{title}}",
                "{{{site.title}}} {{#nav}}x{{/nav}}", "<b onmouseover=alert(1)>星</b>"):
    if literal not in steward:
        problems.append(f"steward page lacks the literal text {literal!r}")
if "raw html block" in steward or "evil.example" in open(f"{out}/steward/HF-001/index.html").read():
    problems.append("a raw HTML block from Markdown was published")
building = texts["building/dpb-03/index.html"]
for literal in ("<script>alert(9)</script>楼道 {{title}}", '"><svg onload=alert(10)>'):
    if literal not in building:
        problems.append(f"building page lacks the literal text {literal!r}")
if "{{> head}}" not in texts["events/index.html"]:
    problems.append("events page lacks the literal {{> head}}")
if "<script>alert(4)</script>通知 {{title}}" not in texts["index.html"]:
    problems.append("home lacks the pinned notice's literal title")

# Feeds parse and carry the text, not markup.
atom = ET.parse(f"{out}/notices.atom").getroot()
titles = [e.text for e in atom.iter("{http://www.w3.org/2005/Atom}title")]
if "<script>alert(4)</script>通知 {{title}}" not in titles:
    problems.append(f"atom titles {titles}")
for e in atom.iter("{http://www.w3.org/2005/Atom}content"):
    if "onerror" in (e.text or "") or "javascript:" in (e.text or ""):
        problems.append("atom content carries live markup")
ET.parse(f"{out}/sitemap.xml")
stewards = {s["id"]: s for s in json.load(open(f"{out}/stewards.json"))}
if stewards["HF-001"]["name"] != "<script>alert(1)</script>王建华":
    problems.append("stewards.json name")
issues = {i["id"]: i for i in json.load(open(f"{out}/issues.json"))}
if "title" in issues["INJ-002"] or "resolution" in issues["INJ-002"]:
    problems.append("issues.json publishes a private category's title")
if issues["INJ-001"]["title"] != "<script>alert(9)</script>楼道 {{title}}":
    problems.append("issues.json title")
ics = open(f"{out}/events.ics", "rb").read().replace(b"\r\n ", b"").decode()
if "SUMMARY:<img src=x onerror=alert(7)>活动\\, 逗号\\; 分号 \\\\ 反斜杠" not in ics:
    problems.append("ics SUMMARY not escaped as RFC 5545 text")
# Every page shows the injected markup as text somewhere, and nothing else parses it.
shown = [rel for rel, t in texts.items() if '<script>alert(1)</script>"><img src=x onerror=alert(1)> {{{title}}}' in t]
if len(shown) < 10:
    problems.append(f"only {len(shown)} pages show the injected text literally")
for folder, _, files in os.walk(out):
    for f in files:
        path = os.path.join(folder, f)
        if f.endswith(".json"):
            try: json.load(open(path, encoding="utf-8"))
            except ValueError as e: problems.append(f"{path}: not JSON: {e}")
        elif f.endswith((".xml", ".atom")):
            try: ET.parse(path)
            except ET.ParseError as e: problems.append(f"{path}: not XML: {e}")
# The calendar: CRLF lines of at most 75 octets, BEGIN/END balanced, no raw markup
# escaping RFC 5545 text rules.
raw_ics = open(f"{out}/events.ics", "rb").read()
if raw_ics.replace(b"\r\n", b"").count(b"\n") or not raw_ics.endswith(b"\r\n"):
    problems.append("events.ics has lines not ended by CRLF")
stack = []
for l in raw_ics.split(b"\r\n"):
    if len(l) > 75: problems.append(f"events.ics line over 75 octets: {l[:40]!r}")
for l in ics.split("\r\n"):
    if l.startswith("BEGIN:"): stack.append(l[6:])
    elif l.startswith("END:"):
        if not stack or stack.pop() != l[4:]: problems.append(f"events.ics: unbalanced {l}")
if stack or not ics.startswith("BEGIN:VCALENDAR"): problems.append(f"events.ics: unclosed {stack}")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
PY
echo "site_inert: ok"
