# Sourced by the studio_*.sh tests, which run `hgj studio` on a copy of the demo in
# "$work" (made by the caller before sourcing). start_studio OPTION… starts it in Chinese
# on --content "$work/content" --out "$work/public" --state "$work/state" --listen
# 127.0.0.1:${studio_port:-0} with the caller's options (and $studio_path, when set, as
# its PATH), its output in "$work/studio.out" and "$work/studio.err", and waits until it
# prints its address: then $pid, $port and $url (http://127.0.0.1:PORT, no slash) are
# set. stop_studio ends it and waits. fail prints the studio's last lines of stderr; a
# test with more to show defines its own after sourcing. Needs "$HGJ" and "$work".

pid=
fail() {
  echo "FAIL: $*"
  [ -f "$work/studio.err" ] && { echo "--- hgj studio stderr"; tail -n 20 "$work/studio.err"; }
  exit 1
}

start_studio() {
  env -u LC_ALL -u LC_MESSAGES -u LANG PATH="${studio_path:-$PATH}" "$HGJ" studio \
    --content "$work/content" --out "$work/public" --state "$work/state" \
    --listen "127.0.0.1:${studio_port:-0}" "$@" > "$work/studio.out" 2> "$work/studio.err" &
  pid=$!
  port=
  for _ in $(seq 1 300); do
    port=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/studio.out" 2> /dev/null | head -n 1 | sed 's/.*://') || true
    [ -n "$port" ] && break
    kill -0 "$pid" 2> /dev/null || fail "hgj studio exited before serving"
    sleep 0.1
  done
  [ -n "$port" ] || fail "hgj studio printed no URL within 30 s"
  url="http://127.0.0.1:$port"
}

stop_studio() {
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
    kill -TERM "$pid"
    wait "$pid" 2> /dev/null || true  # its exit status is the signal
  fi
  pid=
}
