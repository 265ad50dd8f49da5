#!/usr/bin/env bash
# The kiosk's bundle store survives a power cut (issue #28 item 3): traced with strace,
# a sync over HTTP flushes the state folder's file system (syncfs) after the new bundle
# is written and before it is renamed into bundles/, swaps `current` after that, and
# fsyncs the state folder after the swap — so `current` never points at files that are
# not on disk, and the swap itself is not lost.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
for tool in python3 strace; do command -v $tool >/dev/null || { echo "FAIL: $tool is required"; exit 1; }; done
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill $server 2>/dev/null; rm -rf "$tmp"' EXIT

"$HGJ" bundle --content content --out "$tmp/www/kiosk" >/dev/null 2>&1 || fail "hgj bundle failed"
python3 "$HGJ_SOURCE_DIR/tests/e2e/static_server.py" "$tmp/www" >"$tmp/port" &
server=$!
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
[ -s "$tmp/port" ] || fail "the test server did not start"

state="$tmp/state"
# LeakSanitizer cannot run under ptrace: a sanitizer build (scripts/hardening.sh) is traced
# without leak checks, which the rest of the suite makes.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -y -o "$tmp/trace" -e trace=syncfs,fsync,rename,renameat,renameat2 \
  "$HGJ_KIOSK" --bundle "http://127.0.0.1:$(cat "$tmp/port")/kiosk/" --building dpb-03 --size 540x960 \
  --screenshot "$tmp/shot.png" --state-dir "$state" 2>"$tmp/kiosk.err" || { cat "$tmp/kiosk.err"; fail "hgj-kiosk failed"; }
[ -L "$state/current" ] || { cat "$tmp/kiosk.err"; fail "no bundle was made current"; }

python3 - "$tmp/trace" "$state" <<'PY'
import re, sys
trace, state = sys.argv[1], sys.argv[2]
lines = open(trace).read().splitlines()
def first(pattern, after=-1):
    for i, line in enumerate(lines):
        if i > after and re.search(pattern, line) and "= 0" in line.rsplit(")", 1)[-1]:
            return i
    sys.exit("FAIL: no successful %s after line %d in the trace:\n%s" % (pattern, after + 1, "\n".join(lines)))
s = re.escape(state)
flush = first(r"syncfs\(\d+<%s/staging>\)" % s)
keep = first(r"rename(at2?)?\(.*%s/staging\".*%s/bundles/\d+\"" % (s, s))
if keep < flush: sys.exit("FAIL: the new bundle was renamed into bundles/ before syncfs")
swap = first(r"rename(at2?)?\(.*%s/current\.new\".*%s/current\"" % (s, s), keep)
done = first(r"fsync\(\d+<%s>\)" % s, swap)
print("syncfs at %d, kept at %d, swapped at %d, state folder fsynced at %d" % (flush, keep, swap, done))
PY
echo "1 passed, 0 failed"
