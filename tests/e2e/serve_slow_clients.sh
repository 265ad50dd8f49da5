#!/usr/bin/env bash
# `hgj serve` against slow clients (loopback only, every wait bounded). A client that
# sends its request head a byte a second is answered 408 and closed by the 15 s request
# deadline, not kept as long as it keeps trickling. With 140 such clients connected (the
# server has 128 slots) a normal request is still answered at once: the connection that
# has waited longest for its request makes room.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
command -v python3 > /dev/null || { echo "FAIL: python3 is missing (scripts/deps.sh)"; exit 1; }

work=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/serve.sh"

cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
start_serve --content "$work/content"

python3 - "$port" <<'PY' || fail "slow clients held the preview server"
import socket, sys, threading, time
port = int(sys.argv[1])

def connect():
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    return s

def get(path="/"):
    s = connect()
    s.sendall(b"GET " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            return data
        data += chunk

def closed(s):
    """True when the server has closed s (what it sent first is read and dropped)."""
    s.setblocking(False)
    try:
        while True:
            chunk = s.recv(4096)
            if not chunk:
                return True
    except BlockingIOError:
        return False
    except OSError:
        return True

# 1. 140 clients that have sent part of a request head and wait: a normal request is
# still served, within 3 s.
slow = []
for i in range(140):
    s = connect()
    s.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
    slow.append(s)
time.sleep(0.5)
start = time.monotonic()
reply = get("/")
took = time.monotonic() - start
if not reply.startswith(b"HTTP/1.1 200"):
    sys.exit("FAIL: with 140 slow clients a normal request got %r" % reply[:60])
if took > 3:
    sys.exit("FAIL: with 140 slow clients a normal request took %.1f s" % took)
time.sleep(0.5)
gone = sum(closed(s) for s in slow)
if gone < 13:
    sys.exit("FAIL: only %d of 140 slow clients were closed to make room for 128 slots" % gone)
for s in slow:
    s.close()
print("140 slow clients: a normal request answered in %.2f s; %d slow ones made room" % (took, gone))

# 2. One client sending its head a byte a second: closed by the deadline, with a 408.
s = connect()
s.settimeout(1.5)
start, answer, ended = time.monotonic(), b"", None
for i in range(30):  # 30 s at most
    try:
        s.send(b"GET / HTTP/1.1\r\nX-Slow: "[i:i + 1] or b"a")
    except OSError:
        ended = time.monotonic() - start
        break
    try:
        chunk = s.recv(4096)
        if not chunk:
            ended = time.monotonic() - start
            break
        answer += chunk
    except socket.timeout:
        pass
    except OSError:
        ended = time.monotonic() - start
        break
if ended is None:
    sys.exit("FAIL: a client sending a byte a second was still connected after 30 s")
if not 13 <= ended <= 20:
    sys.exit("FAIL: the slow client was closed after %.1f s, want the 15 s deadline" % ended)
if not answer.startswith(b"HTTP/1.1 408 Request Timeout"):
    sys.exit("FAIL: the slow client got %r, want a 408" % answer[:60])
print("a byte a second: 408 and closed after %.1f s" % ended)
# The server still answers.
if not get("/").startswith(b"HTTP/1.1 200"):
    sys.exit("FAIL: no answer after the slow clients")
PY
stop_serve TERM
echo "slow clients neither hold a slot past the deadline nor lock the preview out"
