# Sourced by the tests that drive Debian's chromium through playwright-core
# (tests/browser/*.js). Fails unless node, npm and python3 are on the PATH and chromium
# ($CHROMIUM, else /usr/bin/chromium) is installed: these tests never skip. Then installs
# playwright-core and axe-core exactly as tests/browser/package-lock.json pins them; the
# browser itself comes from Debian (no download: playwright-core has no install script
# to run). Sets $chromium and $browser_dir. serve_static DIR serves DIR as deployed
# (python3's http.server on 127.0.0.1, its log in "$work/http.log") and sets $server_pid
# and $port; the caller kills it. Needs `fail` and "$HGJ_SOURCE_DIR".

for tool in node npm python3; do
  command -v "$tool" > /dev/null || fail "$tool is missing (scripts/deps.sh installs it)"
done
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "$chromium is missing (scripts/deps.sh installs Debian's chromium)"

browser_dir="$HGJ_SOURCE_DIR/tests/browser"
(cd "$browser_dir" && timeout 300 npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error) ||
  fail "npm ci in tests/browser failed"

serve_static() {
  : > "$work/http.log"
  python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$1" > "$work/http.log" 2>&1 &
  server_pid=$!
  port=
  for _ in $(seq 1 100); do
    port=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$work/http.log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$server_pid" 2> /dev/null || { cat "$work/http.log"; fail "http.server exited"; }
    sleep 0.1
  done
  [ -n "$port" ] || fail "http.server did not start within 10 s"
}
