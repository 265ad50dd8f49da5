#!/usr/bin/env bash
# `hgj build` on the demo: a page for every entity, every internal link and asset
# resolves, feeds/ics/JSON parse, two builds are byte-identical, a building page stays
# under 30 KB with its CSS, and a failing build leaves the previous output untouched.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000  # 2026-11-18T11:06:40Z, a Wednesday

"$HGJ" build --content content --out "$tmp/a" 2>"$tmp/a.err" || { cat "$tmp/a.err"; fail "demo build failed"; }
grep -Eq "^hgj build: [0-9]+ pages, [0-9]+ files, [0-9]+ KB in [0-9.]+ s → $tmp/a/\$" "$tmp/a.err" ||
  { cat "$tmp/a.err"; fail "no summary line"; }
out="$tmp/a"

# A page for every entity: as many as `hgj check` counts, and each id's page exists.
summary=$("$HGJ" check --content content 2>/dev/null)
[[ "$summary" =~ ([0-9]+)\ communities,\ ([0-9]+)\ grids,\ ([0-9]+)\ buildings,\ ([0-9]+)\ stewards ]] || fail "check summary: $summary"
count() { find "$out/$1" -mindepth 2 -maxdepth 2 -name index.html | wc -l; }
[ "$(count community)" -eq "${BASH_REMATCH[1]}" ] || fail "community pages: $(count community) != ${BASH_REMATCH[1]}"
[ "$(count grid)" -eq "${BASH_REMATCH[2]}" ] || fail "grid pages"
[ "$(count building)" -eq "${BASH_REMATCH[3]}" ] || fail "building pages"
[ "$(count steward)" -eq "${BASH_REMATCH[4]}" ] || fail "steward pages"
for f in content/duties/*.md; do
  id=$(sed -n 's/^id = "\(.*\)"/\1/p' "$f"); id=${id:-$(basename "$f" .md)}
  [ -f "$out/duties/$id/index.html" ] || fail "no page for duty scheme $id"
done
for f in content/pages/*.md; do
  [ -f "$out/pages/$(basename "$f" .md)/index.html" ] || fail "no page for $f"
done
for f in index.html 404.html communities/index.html stats/index.html events/index.html \
         notices/index.html category/index.html assets/style.css assets/site.js events.ics \
         notices.atom sitemap.xml robots.txt stewards.json buildings.json issues.json search.json; do
  [ -s "$out/$f" ] || fail "missing $f"
done

python3 tests/e2e/check_links.py "$out" || fail "broken links"

# Feeds, calendars and JSON parse; every id in the JSON has its page.
python3 - "$out" <<'PY' || fail "feeds/JSON"
import json, os, sys, xml.etree.ElementTree as ET
out = sys.argv[1]
atom = ET.parse(f"{out}/notices.atom").getroot()
ns = {"a": "http://www.w3.org/2005/Atom"}
assert atom.tag == "{http://www.w3.org/2005/Atom}feed"
assert len(atom.findall("a:entry", ns)) == len(os.listdir("content/notices")), "one entry per notice"
for e in atom.findall("a:entry", ns):
    assert e.find("a:id", ns).text.startswith("https://hgj.example.cn/notices/")
sm = ET.parse(f"{out}/sitemap.xml").getroot()
locs = [u.find("{http://www.sitemaps.org/schemas/sitemap/0.9}loc").text for u in sm]
assert "https://hgj.example.cn/" in locs and "https://hgj.example.cn/building/dpb-03/" in locs, locs[:5]
assert not any("404" in l for l in locs)
stewards = json.load(open(f"{out}/stewards.json"))
buildings = json.load(open(f"{out}/buildings.json"))
issues = json.load(open(f"{out}/issues.json"))
search = json.load(open(f"{out}/search.json"))
for s in stewards: assert os.path.isfile(f"{out}/{s['url']}"), s["url"]
for b in buildings: assert os.path.isfile(f"{out}/{b['url']}"), b["url"]
assert len(search) == len(buildings)
for i in issues:
    page, anchor = i["url"].split("#")
    assert f'id="{anchor}"' in open(f"{out}/{page}", encoding="utf-8").read(), i["url"]
    if i["category"] == "邻里纠纷":
        assert "title" not in i and "resolution" not in i, i
for f in ["events.ics"] + [f"community/{c}/events.ics" for c in os.listdir(f"{out}/community")]:
    raw = open(f"{out}/{f}", "rb").read()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n"), f
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in l and b"\r" not in l for l in lines), f"bare line break in {f}"
    assert all(len(l) <= 75 for l in lines), f"line over 75 octets in {f}"
    text = raw.replace(b"\r\n ", b"").decode("utf-8")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT")
    assert "TZID:Asia/Shanghai" in text and "BEGIN:VTIMEZONE" in text
    assert "DTSTAMP:20261118T110640Z" in text
ics = open(f"{out}/events.ics", "rb").read().replace(b"\r\n ", b"").decode()
assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in ics
assert "RRULE:FREQ=MONTHLY;BYMONTHDAY=20" in ics
assert "RRULE:FREQ=MONTHLY;BYMONTHDAY=-1" in ics          # monthly:31, the month's last day
assert "RRULE:FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=15" in ics
assert "DTSTART;TZID=Asia/Shanghai:20270123T090000" in ics
PY

# Home: coverage figures and the next 敲门日 after "now" (2026-11-18, a Wednesday).
sed 's/<[^>]*>//g' "$out/index.html" | grep "2026年11月24日（周二） 19:00–20:30" >/dev/null || fail "home lacks the next Tuesday 敲门日"
grep -q 'id="find"' "$out/index.html" || fail "home lacks the find-my-building form"

# Deterministic: a second build is byte-identical.
"$HGJ" build --content content --out "$tmp/b" 2>/dev/null || fail "second build failed"
if ! diff -r "$tmp/a" "$tmp/b" >/dev/null; then
  # Seen once under a loaded parallel run (one board PDF): keep both copies to look at.
  kept=${HGJ_BUILD_DIR:-$tmp}/test-artifacts/site_build
  rm -rf "$kept" && mkdir -p "$kept"
  { diff -rq "$tmp/a" "$tmp/b" || true; } | sed -n 's/^Files \(.*\) and \(.*\) differ$/\1 \2/p' | head -5 |
    while read -r one two; do
      { cmp "$one" "$two" || true; } | head -1
      cp "$one" "$kept/a-$(basename "$one")" && cp "$two" "$kept/b-$(basename "$two")"
    done
  { diff -rq "$tmp/a" "$tmp/b" || true; } | head
  fail "builds differ (both copies in $kept)"
fi

# A building page with its stylesheet stays under 30 KB.
css=$(stat -c %s "$out/assets/style.css")
biggest=$(find "$out/building" -name '*.html' -printf '%s %p\n' | sort -n | tail -1)
(( ${biggest%% *} + css < 30720 )) || fail "building page + CSS too big: $biggest + $css"

# A failing build exits 1 and leaves the previous output exactly as it was.
cp -r content "$tmp/content"
sed -i 's/^phone = "138 0000 0001"/phone = "1380000"/' "$tmp/content/stewards/HF-001.md"
(cd "$tmp/a" && find . -type f -exec sha256sum {} + | sort) >"$tmp/before"
set +e
"$HGJ" build --content "$tmp/content" --out "$tmp/a" 2>"$tmp/fail.err"
code=$?
set -e
[ $code -eq 1 ] || fail "a content error must exit 1, got $code"
grep -q 'HF-001.md:.*"1380000" is not a valid phone number' "$tmp/fail.err" || { cat "$tmp/fail.err"; fail "no diagnostic"; }
(cd "$tmp/a" && find . -type f -exec sha256sum {} + | sort) | cmp -s - "$tmp/before" || fail "output changed"
ls -d "$tmp"/a.staging-* 2>/dev/null && fail "staging folder left behind"
echo "site_build: ok"
