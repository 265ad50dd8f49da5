#!/usr/bin/env bash
# The shipped nginx configuration (deploy/nginx/hgj.conf + hgj-site.conf) serving the
# built demo with Debian's nginx on 127.0.0.1: types (.ics, .atom, .json, .webmanifest),
# cache lifetimes (long only for content-named files, short for pages and the kiosk
# manifest), gzip, 304 on If-None-Match and If-Modified-Since, kept-alive connections, no
# directory listing, nothing hidden served, the security headers; chromium loads pages
# with no CSP violation (tests/browser/csp_test.js); a kiosk syncs from it. Missing tools fail the test.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
for tool in curl python3 node npm; do command -v $tool > /dev/null || fail "$tool is missing (scripts/deps.sh)"; done
tmp=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
trap 'stop_nginx; rm -rf "$tmp"' EXIT

"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out "$tmp/site" > "$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log"; fail "hgj build of the demo failed"; }
# The site has no web app manifest yet; one is served as a theme would ship it.
printf '{"name": "红枫街道楼道红管家"}\n' > "$tmp/site/site.webmanifest"
port=$(free_port)
start_nginx "$tmp/nginx" "$(local_site_conf "$port" "$tmp/site")" "$port"
url="http://127.0.0.1:$port"

# header URL NAME: the value of one response header of a GET (no compression asked).
header() { curl -s -o /dev/null -D - "$1" | tr -d '\r' | sed -n "s/^$2: //Ip" | head -n 1; }
expect() { [ "$2" = "$3" ] || fail "$1: \"$2\", expected \"$3\""; }

expect "index.html type" "$(header "$url/" Content-Type)" "text/html; charset=utf-8"
expect "events.ics type" "$(header "$url/events.ics" Content-Type)" "text/calendar; charset=utf-8"
expect "notices.atom type" "$(header "$url/notices.atom" Content-Type)" "application/atom+xml; charset=utf-8"
expect "buildings.json type" "$(header "$url/buildings.json" Content-Type)" "application/json; charset=utf-8"
expect "site.webmanifest type" "$(header "$url/site.webmanifest" Content-Type)" "application/manifest+json; charset=utf-8"
expect "kiosk manifest type" "$(header "$url/kiosk/manifest.json" Content-Type)" "application/json; charset=utf-8"

# Cache lifetimes: pages 5 minutes, the kiosk manifest revalidated every time, files
# named as ever an hour, files named after their content a year.
expect "page cache" "$(header "$url/building/dpb-03/" Cache-Control)" "max-age=300"
expect "kiosk manifest cache" "$(header "$url/kiosk/manifest.json" Cache-Control)" "no-cache"
expect "kiosk urgent.json cache" "$(header "$url/kiosk/urgent.json" Cache-Control)" "no-cache"
expect "stylesheet cache" "$(header "$url/assets/style.css" Cache-Control)" "max-age=3600"
qr=$(cd "$tmp/site" && ls kiosk/images/qr-*.png | head -n 1)
[ -n "$qr" ] || fail "the demo bundle has no content-named QR image to check"
expect "content-named image cache" "$(header "$url/$qr" Cache-Control)" "max-age=31536000"

# Security headers on every answer, errors included.
csp="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
for path in / assets/site.js no-such-page.html; do
  expect "CSP on /$path" "$(header "$url/$path" Content-Security-Policy)" "$csp"
  expect "nosniff on /$path" "$(header "$url/$path" X-Content-Type-Options)" "nosniff"
  expect "Referrer-Policy on /$path" "$(header "$url/$path" Referrer-Policy)" "strict-origin-when-cross-origin"
done
expect "server version hidden" "$(header "$url/" Server)" "nginx"

# gzip for text, said so to caches; the body is the page.
curl -s -H 'Accept-Encoding: gzip' -D "$tmp/gz.h" -o "$tmp/gz.body" "$url/index.html"
grep -qi '^Content-Encoding: gzip' "$tmp/gz.h" || fail "index.html is not gzipped"
grep -qi '^Vary: Accept-Encoding' "$tmp/gz.h" || fail "no Vary: Accept-Encoding"
gzip -dc "$tmp/gz.body" | cmp -s - "$tmp/site/index.html" || fail "the gzipped page is not index.html"
[ "$(stat -c %s "$tmp/gz.body")" -lt $(( $(stat -c %s "$tmp/site/index.html") / 2 )) ] ||
  fail "index.html compressed to more than half"

# 304s: by ETag (plain and gzipped) and by date.
for enc in identity gzip; do
  etag=$(curl -s -o /dev/null -D - -H "Accept-Encoding: $enc" "$url/kiosk/manifest.json" | tr -d '\r' | sed -n 's/^ETag: //Ip')
  [ -n "$etag" ] || fail "no ETag ($enc)"
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Accept-Encoding: $enc" -H "If-None-Match: $etag" "$url/kiosk/manifest.json")
  expect "If-None-Match ($enc)" "$code" 304
done
# What a screen's urgent poll costs at steady state: a 304's headers, measured here.
etag=$(header "$url/kiosk/urgent.json" ETag)
curl -s -o /dev/null -D "$tmp/urgent304.h" -H "If-None-Match: $etag" "$url/kiosk/urgent.json"
grep -q '^HTTP/1.1 304' "$tmp/urgent304.h" || fail "urgent.json: no 304 for its ETag"
echo "nginx_site: a 304 for kiosk/urgent.json is $(stat -c %s "$tmp/urgent304.h") bytes of headers"
modified=$(header "$url/index.html" Last-Modified)
[ -n "$modified" ] || fail "no Last-Modified"
expect "If-Modified-Since" "$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $modified" "$url/index.html")" 304

# One connection for many requests (kiosks poll; 300 of them per street).
curl -sv -o /dev/null -o /dev/null "$url/kiosk/manifest.json" "$url/kiosk/bundle.json" 2> "$tmp/keepalive.log"
grep -q 'Re-using existing connection' "$tmp/keepalive.log" || { cat "$tmp/keepalive.log"; fail "the connection was not kept alive"; }

# No listing of a folder without index.html, nothing hidden.
for path in kiosk/ kiosk/images/ assets/ print/ .hgj-output; do
  code=$(curl -s -o "$tmp/body" -w '%{http_code}' "$url/$path")
  expect "/$path" "$code" 404
  ! grep -q 'Index of' "$tmp/body" || fail "/$path lists the folder"
done
expect "404 page" "$(curl -s "$url/no-such-page.html" | grep -c '<html')" 1

# In a browser, under that policy.
browser_dir="$HGJ_SOURCE_DIR/tests/browser"
(cd "$browser_dir" && timeout 300 npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error) ||
  fail "npm ci in tests/browser failed"
BASE_URL="$url/" timeout 120 node "$browser_dir/csp_test.js" || fail "the site breaks its own CSP"

# A kiosk syncs from it (its polls revalidate the manifest as curl did above).
state="$tmp/state"
"$HGJ_KIOSK" --bundle "$url/kiosk/" --building dpb-03 --size 540x960 --screenshot "$tmp/shot.png" \
  --state-dir "$state" > "$tmp/kiosk.log" 2>&1 || { cat "$tmp/kiosk.log"; fail "hgj-kiosk failed"; }
[ -L "$state/current" ] || { cat "$tmp/kiosk.log"; fail "the kiosk made no bundle current"; }
cmp -s "$state/current/manifest.json" "$tmp/site/kiosk/manifest.json" || fail "the kiosk holds another manifest"
echo "nginx_site: ok"
