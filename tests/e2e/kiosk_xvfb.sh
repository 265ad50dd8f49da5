#!/usr/bin/env bash
# One real-window run of hgj-kiosk under xvfb-run (X11 driver, not offscreen): it opens
# a window on the demo bundle, tells systemd it is ready (NOTIFY_SOCKET), keeps the
# last good bundle in its state folder, and exits 0 on SIGTERM.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
command -v xvfb-run >/dev/null || fail "xvfb-run is not installed (scripts/deps.sh installs xvfb)"
command -v python3 >/dev/null || fail "python3 is not installed"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$HGJ" bundle --content content --out "$tmp/kiosk" >/dev/null 2>"$tmp/bundle.err" ||
  { cat "$tmp/bundle.err"; fail "hgj bundle failed"; }

# A stand-in for systemd's notify socket: records what the kiosk sends.
cat > "$tmp/notify.py" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[2], "w").close()
while True:
    data = s.recv(4096).decode()
    with open(sys.argv[2], "a") as f:
        f.write(data + "\n")
PY
python3 "$tmp/notify.py" "$tmp/notify.sock" "$tmp/notify.log" &
notify_pid=$!
for _ in $(seq 50); do [ -e "$tmp/notify.sock" ] && break; sleep 0.1; done

cat > "$tmp/run.sh" <<EOF2
#!/usr/bin/env bash
export NOTIFY_SOCKET="$tmp/notify.sock"
unset SDL_VIDEODRIVER
"$HGJ_KIOSK" --bundle "$tmp/kiosk" --building dpb-03 --size 540x960 --state-dir "$tmp/state" 2>"$tmp/kiosk.err" &
pid=\$!
sleep 4
kill -0 \$pid || { echo "kiosk died"; exit 3; }
kill -TERM \$pid
wait \$pid
EOF2
chmod +x "$tmp/run.sh"
status=0
timeout 60 xvfb-run -a -s "-screen 0 1280x1024x24" "$tmp/run.sh" || status=$?
kill "$notify_pid" 2>/dev/null || true
[ "$status" -eq 0 ] || { cat "$tmp/kiosk.err"; fail "hgj-kiosk exited $status under xvfb-run (want 0 on SIGTERM)"; }
grep -q "READY=1" "$tmp/notify.log" || { cat "$tmp/kiosk.err"; fail "no READY=1 on NOTIFY_SOCKET"; }
grep -q "STOPPING=1" "$tmp/notify.log" || fail "no STOPPING=1 on NOTIFY_SOCKET"
[ -L "$tmp/state/current" ] || { cat "$tmp/kiosk.err"; fail "no last good bundle kept in the state folder"; }
[ -f "$tmp/state/current/manifest.json" ] || fail "the kept bundle has no manifest.json"
grep -q "is on screen" "$tmp/kiosk.err" || { cat "$tmp/kiosk.err"; fail "the kiosk did not log the new bundle"; }
echo "1 passed, 0 failed"
