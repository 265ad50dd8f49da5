#!/usr/bin/env bash
# `hgj serve` on a copy of the demo: serves the build with live reload injected only in
# responses, rebuilds when a file is touched (also in a folder made after start), keeps
# the last good build served while a content error shows in the page, HTML-escaped;
# SIGTERM and SIGINT stop it cleanly. Every wait is bounded; the server is killed by
# its pid if the test fails.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
command -v curl > /dev/null || { echo "FAIL: curl is missing (scripts/deps.sh)"; exit 1; }
command -v python3 > /dev/null || { echo "FAIL: python3 is missing (scripts/deps.sh)"; exit 1; }

work=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/serve.sh"

# status FIELD: a field of /__hgj/status (build, served, ok, errors).
status() {
  curl -sf --max-time 5 "$base/__hgj/status" |
    python3 -c "import json,sys; v=json.load(sys.stdin)['$1']; print(json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v)"
}

# wait_for_build N: until the build number is at least N (20 s at most).
wait_for_build() {
  for _ in $(seq 1 200); do
    [ "$(status build)" -ge "$1" ] 2> /dev/null && return 0
    sleep 0.1
  done
  fail "build number did not reach $1 (it is $(status build))"
}

cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
start_serve --content "$work/content" --out "$work/public"
[ "$(status build)" = 1 ] && [ "$(status served)" = 1 ] || fail "first build: $(curl -s "$base/__hgj/status")"

# The home page: served with the reload script; the built file stays untouched.
home=$(curl -sf --max-time 5 "$base/") || fail "GET / failed"
grep -q '<script src="/__hgj/live.js" data-build="1" data-served="1"' <<< "$home" || fail "no reload script in /"
grep -q "__hgj" "$work/public/index.html" && fail "the reload script leaked into the built index.html"
grep -rlq "__hgj" "$work/public" && fail "the reload script leaked into the output folder"
curl -sf --max-time 5 "$base/__hgj/live.js" | grep "/__hgj/wait?v=" >/dev/null || fail "live.js does not long-poll"

# A building page, reached with and without its trailing slash.
building=$(cd "$work/public" && ls -d building/*/ | head -n 1)
[ -n "$building" ] || fail "the build has no building pages"
[ "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$base/${building%/}")" = "301 $base/$building" ] ||
  fail "no redirect to $building"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/$building")" = 200 ] || fail "GET /$building"

# Content types, HEAD, 404 page, traversal.
expect_type() {
  local type
  type=$(curl -sI --max-time 5 "$base/$1" | tr -d '\r' | sed -n 's/^Content-Type: //Ip')
  [ "$type" = "$2" ] || fail "/$1 has Content-Type '$type', expected '$2'"
}
expect_type index.html "text/html; charset=utf-8"
expect_type events.ics "text/calendar; charset=utf-8"
expect_type notices.atom "application/atom+xml"
expect_type stewards.json "application/json"
expect_type sitemap.xml "application/xml"
expect_type robots.txt "text/plain; charset=utf-8"
svg=$(cd "$work/public" && find . -name '*.svg' | head -n 1)
[ -n "$svg" ] && expect_type "${svg#./}" "image/svg+xml"
jpg=$(cd "$work/public" && find . -name '*.jpg' | head -n 1)
[ -n "$jpg" ] && expect_type "${jpg#./}" "image/jpeg"
pdf=$(cd "$work/public" && find . -name '*.pdf' | head -n 1)
[ -n "$pdf" ] && expect_type "${pdf#./}" "application/pdf"
head_length=$(curl -sI --max-time 5 "$base/events.ics" | tr -d '\r' | sed -n 's/^Content-Length: //Ip')
[ "$head_length" = "$(stat -c %s "$work/public/events.ics")" ] || fail "HEAD Content-Length $head_length"
[ -z "$(curl -s --max-time 5 -I "$base/events.ics" | sed '1,/^\r$/d')" ] || fail "HEAD sent a body"

[ "$(curl -s -o "$work/404.out" -w '%{http_code}' "$base/no/such/page")" = 404 ] || fail "missing page is not 404"
if [ -f "$work/public/404.html" ]; then
  first_line=$(head -n 1 "$work/public/404.html")
  grep -qF "$first_line" "$work/404.out" || fail "the 404 response is not the output's 404.html"
fi
for bad in "/../../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" "/building/..%2f..%2f..%2fetc/passwd"; do
  code=$(curl -s --path-as-is -o "$work/bad.out" -w '%{http_code}' "$base$bad")
  [ "$code" = 403 ] || [ "$code" = 400 ] || fail "$bad answered $code"
  grep -q "root:" "$work/bad.out" && fail "$bad leaked a file"
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST "$base/")" = 405 ] || fail "POST is not 405"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$base/")" = 403 ] || fail "foreign Host served"

# Touching a content file rebuilds; a page long-polling for build 1 hears of build 2.
curl -s --max-time 20 "$base/__hgj/wait?v=1" > "$work/wait.json" &
wait_pid=$!
sleep 0.3
touch "$work/content/stewards/HF-001.md"
wait_for_build 2
wait "$wait_pid" || fail "the long poll failed"
python3 -c "import json,sys; s=json.load(open('$work/wait.json')); sys.exit(0 if s['build']==2 and s['served']==2 else 1)" ||
  fail "long poll answered $(cat "$work/wait.json")"

# A folder made after start is watched too.
mkdir "$work/content/pages/drafts"
wait_for_build 3
echo "draft" > "$work/content/pages/drafts/note.txt"
wait_for_build 4

# A content error: the last good build stays served, the page shows the messages.
good_steward=$(curl -sf --max-time 5 "$base/steward/HF-001/") || fail "GET /steward/HF-001/"
sed -i 's|^phone = .*|phone = "<script>alert(1)</script>"|' "$work/content/stewards/HF-001.md"
wait_for_build 5
[ "$(status served)" = 4 ] || fail "served build is $(status served) after a failed build, expected 4"
[ "$(status ok)" = False ] || fail "a failed build reported ok"
status errors | grep 'content/stewards/HF-001.md:.*is not a valid phone number' >/dev/null || fail "errors: $(status errors)"
grep -q "content/stewards/HF-001.md:.*is not a valid phone number" "$work/serve.err" || fail "the terminal shows no diagnostics"
grep -q "build 5 failed" "$work/serve.out" || fail "the terminal shows no failed build"
broken=$(curl -sf --max-time 5 "$base/steward/HF-001/") || fail "the last good page is not served"
grep -q 'id="hgj-serve-errors" role="alert"' <<< "$broken" || fail "no error overlay in the page"
grep -qF 'phone &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; is not a valid phone number' <<< "$broken" ||
  fail "the overlay does not show the HTML-escaped message"
grep -qF '<script>alert(1)' <<< "$broken" && fail "the overlay let markup through"
printf '%s' "$good_steward" > "$work/good.html"
printf '%s' "$broken" > "$work/broken.html"
python3 - "$work/good.html" "$work/broken.html" << 'EOF' || fail "the page is not the last good build's"
import re, sys
good, broken = (open(f, encoding="utf-8").read() for f in sys.argv[1:])
broken = re.sub(r'<div id="hgj-serve-errors".*?</pre></div>', "", broken, flags=re.S)
sys.exit(0 if broken == good.replace('data-build="4"', 'data-build="5"') else 1)
EOF

# Fixed again: a new good build, no overlay.
cp "$HGJ_SOURCE_DIR/content/stewards/HF-001.md" "$work/content/stewards/HF-001.md"
wait_for_build 6
[ "$(status served)" = 6 ] || fail "the fixed build is not served"
curl -sf --max-time 5 "$base/steward/HF-001/" | grep 'hgj-serve-errors' >/dev/null && fail "the overlay stayed after a fix"

# One steward renamed: its pages show it; a page that does not show it is not rewritten
# (the same inode: serve/incremental.h replaces files by renaming over them).
unrelated_inode=$(stat -c %i "$work/public/steward/HF-002/index.html")
# Rewritten in place, as most editors save: `sed -i` would add a temporary file (a full build).
python3 - "$work/content/stewards/HF-001.md" << 'EOF' || fail "could not edit HF-001.md"
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
open(sys.argv[1], "w", encoding="utf-8").write(re.sub(r"(?m)^name = .*$", 'name = "王建平"', text))
EOF
wait_for_build 7
[ "$(status served)" = 7 ] || fail "the renamed steward's build is not served: $(status errors)"
# (Captured first: with pipefail, grep -q closing the pipe early would fail curl.)
renamed=$(curl -sf --max-time 5 "$base/steward/HF-001/") || fail "GET /steward/HF-001/"
grep -q "王建平" <<< "$renamed" || fail "the steward page does not show the new name"
renamed=$(curl -sf --max-time 5 "$base/building/dpb-03/") || fail "GET /building/dpb-03/"
grep -q "王建平" <<< "$renamed" || fail "the building page does not show the new name"
[ "$(stat -c %i "$work/public/steward/HF-002/index.html")" = "$unrelated_inode" ] || fail "an unrelated page was rewritten"

stop_serve TERM

# Without --out the output goes to a temporary folder, removed on exit (SIGINT too).
start_serve --content "$work/content"
temp_out=$(sed -n 's/.*(output \([^,]*\),.*/\1/p' "$work/serve.out")
[ -f "$temp_out/index.html" ] || fail "no temporary output at '$temp_out'"
port=${base##*:}
# A second server on the same port: a clear error, exit 2.
"$HGJ" serve --content "$work/content" --port "$port" > /dev/null 2> "$work/busy.err"
[ $? = 2 ] || fail "a taken port did not exit 2"
grep -q "Address already in use (try another --port)" "$work/busy.err" || fail "$(cat "$work/busy.err")"
stop_serve INT
[ -e "$temp_out" ] && fail "the temporary output $temp_out was left behind"
echo "hgj serve: ok"
