#!/usr/bin/env bash
# Dates on the site are written one way, the Chinese way (2026年7月30日, months 2026年7月):
# an issue's steps beside the events, the community's monthly logs, the statistics by
# month. No page shows an ISO date in its text (feeds, JSON and datetime attributes keep
# ISO 8601).
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out "$tmp/public" > "$tmp/log" 2>&1 ||
  { cat "$tmp/log"; fail "hgj build of the demo failed"; }

python3 - "$tmp/public" <<'PY'
import html, os, re, sys
public = sys.argv[1]
problems, seen = [], {"steps": 0, "months": 0, "logs": 0, "stats": 0}
DAY = r"\d{4}年\d{1,2}月\d{1,2}日"
MONTH = r"\d{4}年\d{1,2}月"
def text(fragment):
    return html.unescape(re.sub(r"<[^>]*>", "", fragment)).strip()
for folder, _, files in os.walk(public):
    for name in files:
        if not name.endswith(".html"):
            continue
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, public)
        page = open(path, encoding="utf-8").read()
        # Text only: what is between tags, not attributes (datetime="2026-07-30").
        shown = " ".join(re.findall(r">([^<]+)<", page))
        for iso in re.findall(r"\d{4}-\d{2}-\d{2}", shown):
            problems.append(f"{rel}: shows the ISO date {iso}")
        for steps in re.findall(r'<ol class="steps"[^>]*>(.*?)</ol>', page, re.S):
            for li in re.findall(r"<li>(.*?)</li>", steps, re.S):
                seen["steps"] += 1
                if not re.fullmatch(r"\S+ " + DAY, text(li)):
                    problems.append(f"{rel}: issue step {text(li)!r}")
        for months in re.findall(r'<ul class="months">(.*?)</ul>', page, re.S):
            for a in re.findall(r"<a [^>]*>(.*?)</a>", months, re.S):
                seen["months"] += 1
                if not re.fullmatch(MONTH, text(a)):
                    problems.append(f"{rel}: monthly log link {text(a)!r}")
        if "/log/" in rel.replace(os.sep, "/"):
            seen["logs"] += 1
            h1 = text(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1))
            if not re.match(MONTH + " ", h1):
                problems.append(f"{rel}: log heading {h1!r}")
        if rel.replace(os.sep, "/").endswith("stats/index.html"):
            part = page[page.index('id="h-month"'):]
            part = part[:part.index("</table>")]
            for th in re.findall(r'<th scope="row">(.*?)</th>', part, re.S):
                seen["stats"] += 1
                if not re.fullmatch(MONTH, text(th)):
                    problems.append(f"{rel}: statistics month {text(th)!r}")
for kind, n in seen.items():
    if n == 0:
        problems.append(f"no {kind} found: the test looks at nothing")
for p in problems[:40]:
    print("FAIL:", p)
if problems:
    sys.exit(f"{len(problems)} date(s) not written the Chinese way")
print("dates:", ", ".join(f"{n} {k}" for k, n in seen.items()))
PY
