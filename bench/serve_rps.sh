#!/usr/bin/env bash
# Requests per second of `hgj serve` on the demo, for one or more hgj binaries measured in
# turns in the same run (a shared machine's load then falls on each alike):
#   bench/serve_rps.sh HGJ [HGJ …] [ROUNDS]
# Four figures per binary, the median over the rounds: a small page (/robots.txt) and the
# live-reload long poll answered at once (/__hgj/wait?v=0), each with 8 kept-alive
# connections (ab -k) and with one new connection per request read by Content-Length (as
# curl and browsers do).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
command -v ab > /dev/null || { echo "ab is missing: apt-get install apache2-utils" >&2; exit 2; }
binaries=()
rounds=3
for a in "$@"; do
  if [[ "$a" =~ ^[0-9]+$ ]]; then rounds=$a; else binaries+=("$(realpath "$a")"); fi
done
[ ${#binaries[@]} -gt 0 ] || { echo "usage: $0 HGJ [HGJ …] [ROUNDS]" >&2; exit 2; }

work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2> /dev/null; rm -rf "$work"' EXIT
cp -r "$here/content" "$work/content"

fresh() {  # PORT PATH N: one connection per request
  python3 - "$@" << 'PY'
import socket, sys, time
port, path, n = int(sys.argv[1]), sys.argv[2].encode(), int(sys.argv[3])
req = b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
start = time.monotonic()
for _ in range(n):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(req)
    data = b""
    while b"\r\n\r\n" not in data:
        data += s.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    assert head.startswith(b"HTTP/1.1 200"), head[:40]
    length = int(next(l for l in head.split(b"\r\n") if l.lower().startswith(b"content-length:")).split(b":")[1])
    while len(body) < length:
        body += s.recv(65536)
    s.close()
print("%.0f" % (n / (time.monotonic() - start)))
PY
}
kept() {  # URL: 8 kept-alive connections
  ab -q -n 5000 -c 8 -k "$1" 2>&1 | sed -n 's/^Requests per second: *\([0-9]*\).*/\1/p'
}

for round in $(seq 1 "$rounds"); do
  for i in "${!binaries[@]}"; do
    "${binaries[$i]}" serve --themes-dir "$here/themes" --content "$work/content" --port 0 > "$work/out" 2> /dev/null &
    pid=$!
    port=
    for _ in $(seq 1 600); do
      port=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/out" | head -n 1 | sed 's/.*://') || true
      [ -n "$port" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/robots.txt")" = 200 ] && break
      sleep 0.1
    done
    echo "$i $(kept "http://127.0.0.1:$port/robots.txt") $(kept "http://127.0.0.1:$port/__hgj/wait?v=0")" \
      "$(fresh "$port" /robots.txt 1500) $(fresh "$port" '/__hgj/wait?v=0' 1500)" >> "$work/figures"
    kill -TERM "$pid"
    wait "$pid" || true
    pid=
  done
done

python3 - "$work/figures" "${binaries[@]}" << 'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
print("%-40s %12s %12s %12s %12s" % ("requests/s (median)", "page kept", "wait kept", "page new", "wait new"))
for i, binary in enumerate(sys.argv[2:]):
    mine = [list(map(float, r[1:])) for r in rows if r[0] == str(i)]
    print("%-40s %12.0f %12.0f %12.0f %12.0f" % ((binary[-40:],) + tuple(statistics.median(c) for c in zip(*mine))))
PY
