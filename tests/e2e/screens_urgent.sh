#!/usr/bin/env bash
# DESIGN.md "Round 2 additions" through `hgj build` on the demo: its screens.csv reaches
# bundle.json's "screens" field for field and no page of the site; an urgent notice is
# marked `"urgent": true` in the bundle and listed first with a 紧急 label on the site;
# a notice whose start is still ahead is in neither. Also `hgj check` on a content folder
# whose screens and notices are wrong (tests/fixtures/bad_screens pins those messages).
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
command -v python3 >/dev/null || { echo "FAIL: python3 is required"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795465800  # 2026-11-23T20:30:00Z, 2026-11-24 04:30 in Shanghai

cp -r content "$tmp/content"
# Started at 04:00 local time (before the build), and one that starts at 05:00 (after).
cat > "$tmp/content/notices/2026-11-urgent-water.md" <<'MD'
+++
title = "德平坝小区今晨紧急停水"
date = 2026-11-23
start = 2026-11-24T04:00:00
expires = 2026-11-25
"紧急" = true
+++
水管爆裂，正在抢修。
MD
cat > "$tmp/content/notices/2026-11-later.md" <<'MD'
+++
title = "五点以后才发布的通知"
date = 2026-11-23
start = "2026-11-24 05:00"
expires = 2026-11-30
urgent = true
+++
还没到时间。
MD

"$HGJ" build --content "$tmp/content" --out "$tmp/site" >/dev/null 2>"$tmp/err" || {
  cat "$tmp/err"; fail "hgj build failed"; }
grep -qE '(error|warning|错误|警告)' "$tmp/err" && { cat "$tmp/err"; fail "hgj build printed diagnostics"; }

python3 - "$tmp/site" content/screens.csv <<'PY'
import csv, json, os, re, sys
site, screens_csv = sys.argv[1], sys.argv[2]
def fail(msg): sys.exit("FAIL: " + msg)
doc = json.load(open(os.path.join(site, "kiosk", "bundle.json"), encoding="utf-8"))

# Screens: every row of the demo's table, by id, with its fields as the bundle writes them.
rows = list(csv.DictReader(open(screens_csv, encoding="utf-8-sig")))
if len(rows) < 2: fail("the demo has fewer than 2 screens: update this test")
orientation = {"横屏": "landscape", "竖屏": "portrait", "": None}
want = sorted(({"id": r["屏幕编号"], "building": r["楼栋"], "orientation": orientation[r["方向"]],
                "size": r["尺寸"] or None, "night_from": r["夜间开始"] or None,
                "night_until": r["夜间结束"] or None, "note": r["备注"]} for r in rows),
              key=lambda s: s["id"])
if doc.get("screens") != want: fail("bundle.json screens %r, expected %r" % (doc.get("screens"), want))

# Notices: the urgent one is marked with its start; the one not started yet is carried
# (the kiosk decides by its own clock) and marked too.
notices = {n["id"]: n for n in doc["notices"]}
water = notices.get("2026-11-urgent-water") or fail("the urgent notice is not in bundle.json")
if water["urgent"] is not True or water["start"] != "2026-11-24 04:00": fail("urgent notice %r" % water)
if notices["2026-11-recruit"]["urgent"] is not False or notices["2026-11-recruit"]["start"] is not None:
    fail("an ordinary notice %r" % notices["2026-11-recruit"])

# The site: no page names a screen (ids and notes are operator data).
for folder, _, names in os.walk(site):
    if os.path.relpath(folder, site).split(os.sep)[0] == "kiosk": continue
    for name in names:
        data = open(os.path.join(folder, name), "rb").read().decode("utf-8", "replace")
        for r in rows:
            for value in (r["屏幕编号"], r["备注"]):
                if value and value in data:
                    fail("%s names the screen value %r" % (os.path.relpath(os.path.join(folder, name), site), value))

# The notices page and the home page: the urgent notice first, labelled 紧急; the later
# one nowhere, not even among past notices.
label = '<span class="chip urgent">紧急</span>'
for page in ("notices/index.html", "index.html"):
    html = open(os.path.join(site, page), encoding="utf-8").read()
    if "五点以后才发布的通知" in html: fail("%s lists a notice before its start" % page)
    first = re.search(r'<a href="[^"]*notices/([^"/]+)/', html) or fail("%s lists no notice" % page)
    if first.group(1) != "2026-11-urgent-water": fail("%s lists %s first, not the urgent notice" % (page, first.group(1)))
    if html.count(label) != 1: fail("%s has %d 紧急 labels, expected 1" % (page, html.count(label)))
if os.path.exists(os.path.join(site, "notices", "2026-11-later")): fail("the later notice has a page before its start")
if "五点以后才发布的通知" in open(os.path.join(site, "notices.atom"), encoding="utf-8").read():
    fail("the feed has a notice before its start")
notice = open(os.path.join(site, "notices", "2026-11-urgent-water", "index.html"), encoding="utf-8").read()
if label not in notice: fail("the urgent notice's own page has no 紧急 label")
print("checked %d screens and the urgent notice" % len(rows))
PY
echo "1 passed, 0 failed"
