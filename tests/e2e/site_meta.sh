#!/usr/bin/env bash
# What a forwarded link and a home-screen shortcut need, on every page of the demo (its
# elder/ copies too): a meta description (a building's names its stewards and their
# phones), Open Graph title, description, url and image, a canonical link (an elder/
# copy points at its page), the tab icon and touch icon, theme-color. The icons and the
# 1200×630 share picture are made by the build (same input, same bytes).
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for run in 1 2; do
  SOURCE_DATE_EPOCH=1790000000 "$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out "$tmp/public$run" \
    > "$tmp/log" 2>&1 || { cat "$tmp/log"; fail "hgj build of the demo failed"; }
done
for f in assets/icon.svg assets/touch-icon.png assets/share.png; do
  cmp -s "$tmp/public1/$f" "$tmp/public2/$f" || fail "$f differs between two builds of the same content"
done

python3 - "$tmp/public1" <<'PY'
import html, os, re, struct, sys
public = sys.argv[1]
BASE = "https://hgj.example.cn/"   # content/site.toml
problems, pages = [], 0

def png_size(path):
    data = open(path, "rb").read(24)
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", data[16:24])

def one(page, rel, pattern):
    found = re.findall(pattern, page)
    if len(found) != 1:
        problems.append(f"{rel}: {len(found)} of {pattern!r}, expected one")
        return ""
    return html.unescape(found[0])

for folder, _, files in os.walk(public):
    for name in files:
        if not name.endswith(".html") or "/print/" in folder.replace(os.sep, "/") + "/":
            continue
        path = os.path.join(folder, name)
        rel = os.path.relpath(path, public).replace(os.sep, "/")
        page = open(path, encoding="utf-8").read()
        head = page[:page.index("</head>")]
        pages += 1
        title = one(head, rel, r"<title>(.*?)</title>")
        desc = one(head, rel, r'<meta name="description" content="([^"]*)">')
        if len(desc) < 10:
            problems.append(f"{rel}: description {desc!r}")
        if one(head, rel, r'<meta property="og:title" content="([^"]*)">') != title:
            problems.append(f"{rel}: og:title is not the title")
        if one(head, rel, r'<meta property="og:description" content="([^"]*)">') != desc:
            problems.append(f"{rel}: og:description is not the description")
        if one(head, rel, r'<meta property="og:image" content="([^"]*)">') != BASE + "assets/share.png":
            problems.append(f"{rel}: og:image")
        if one(head, rel, r'<meta name="theme-color" content="([^"]*)">') != "#7f1414":
            problems.append(f"{rel}: theme-color")
        for kind, pattern in (("icon", r'<link rel="icon" href="([^"]*)" type="image/svg\+xml">'),
                              ("touch icon", r'<link rel="apple-touch-icon" href="([^"]*)">')):
            href = one(head, rel, pattern)
            # 404.html is served at any address, so its links start at the site's path.
            target = os.path.normpath(os.path.join(public, href[1:]) if rel == "404.html"
                                      else os.path.join(folder, href))
            outside = href.startswith(("http:", "https:", "//")) or (href.startswith("/") and rel != "404.html")
            if not href or outside or not os.path.isfile(target):
                problems.append(f"{rel}: {kind} {href!r} is not a file of the site")
        if rel == "404.html":
            continue  # served at any address: it has no address of its own
        page_path = rel[len("elder/"):] if rel.startswith("elder/") else rel
        want = BASE + re.sub(r"(^|/)index\.html$", r"\1", page_path)
        if one(head, rel, r'<link rel="canonical" href="([^"]*)">') != want:
            problems.append(f"{rel}: canonical is not {want}")
        if one(head, rel, r'<meta property="og:url" content="([^"]*)">') != want:
            problems.append(f"{rel}: og:url is not {want}")

building = open(os.path.join(public, "building/dpb-03/index.html"), encoding="utf-8").read()
desc = html.unescape(re.search(r'<meta name="description" content="([^"]*)">', building).group(1))
for part in ("德平坝小区3幢", "王建华 138 0000 0001", "陈玉珍 138 0000 0009"):
    if part not in desc:
        problems.append(f"building/dpb-03: the description {desc!r} does not name {part}")
if png_size(os.path.join(public, "assets/touch-icon.png")) != (180, 180):
    problems.append("assets/touch-icon.png is not a 180×180 PNG")
if png_size(os.path.join(public, "assets/share.png")) != (1200, 630):
    problems.append("assets/share.png is not a 1200×630 PNG")
if "<svg" not in open(os.path.join(public, "assets/icon.svg"), encoding="utf-8").read():
    problems.append("assets/icon.svg is not an SVG")
if pages < 100:
    problems.append(f"only {pages} pages looked at")
for p in problems[:40]:
    print("FAIL:", p)
if problems:
    sys.exit(f"{len(problems)} problem(s)")
print(f"meta: {pages} pages")
PY
