# Sourced by the serve_*.sh tests, which run `hgj serve` in "$work" (made by the caller
# before sourcing; removed on exit, with a server still running killed). start_serve ARGS…
# starts `hgj serve --port 0 ARGS…`, its output in "$work/serve.out" and "$work/serve.err",
# and waits until it prints its address: then $server_pid, $port and $base
# (http://127.0.0.1:PORT) are set. stop_serve SIGNAL sends it and waits (10 s at most) for
# a clean exit 0 and its stop message. fail shows the server's output. Needs "$HGJ".

server_pid=
trap 'if [ -n "$server_pid" ] && kill -0 "$server_pid" 2> /dev/null; then kill -KILL "$server_pid"; fi; rm -rf "$work"' EXIT

fail() {
  echo "FAIL: $*"
  [ -f "$work/serve.out" ] && { echo "--- hgj serve stdout"; cat "$work/serve.out"; }
  [ -f "$work/serve.err" ] && { echo "--- hgj serve stderr"; tail -n 40 "$work/serve.err"; }
  exit 1
}

start_serve() {
  # Gone first: a loaded machine may start the server after the loop below has read the
  # address a previous server left in serve.out.
  rm -f "$work/serve.out" "$work/serve.err"
  "$HGJ" serve --port 0 "$@" > "$work/serve.out" 2> "$work/serve.err" &
  server_pid=$!
  base=
  for _ in $(seq 1 300); do
    base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" 2> /dev/null | head -n 1) || true
    if [ -n "$base" ]; then
      port=${base##*:}
      return 0
    fi
    kill -0 "$server_pid" 2> /dev/null || fail "hgj serve exited before serving"
    sleep 0.1
  done
  fail "hgj serve printed no URL within 30 s"
}

stop_serve() {
  kill "-$1" "$server_pid"
  for _ in $(seq 1 100); do
    kill -0 "$server_pid" 2> /dev/null || break
    sleep 0.1
  done
  kill -0 "$server_pid" 2> /dev/null && fail "hgj serve still running 10 s after SIG$1"
  wait "$server_pid"
  local code=$?
  server_pid=
  [ "$code" = 0 ] || fail "hgj serve exited $code after SIG$1, expected 0"
  grep -q "hgj serve: stopped" "$work/serve.out" || fail "no clean stop message"
}
