#!/usr/bin/env bash
# `hgj serve`'s HTTP layer (generator/http/) against malformed and hostile requests sent
# byte for byte: a bad request line, a header or body over its limit, a bad escape, a
# path that climbs out of the output folder (.., encoded, with NUL or backslashes, or
# through a symbolic link) each get their 4xx, and the server stays up and answers the
# next request. Keep-alive holds for HTTP/1.1 and, when asked, HTTP/1.0; a long poll
# does not hold up other requests, and never gives up its slot to make room (when every
# slot holds one, a new connection gets 503). Every wait is bounded.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
command -v python3 > /dev/null || { echo "FAIL: python3 is missing (scripts/deps.sh)"; exit 1; }

work=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/serve.sh"

cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
start_serve --content "$work/content" --out "$work/public"
# Links out of the output folder, made after the build: a file and a folder.
ln -s /etc/passwd "$work/public/leak.txt"
ln -s /etc "$work/public/etc-link"

python3 - "$port" "$work/content/stewards/HF-001.md" <<'PY' || fail "the HTTP layer misbehaved"
import socket, sys, threading, time
port = int(sys.argv[1])

def exchange(raw, timeout=5):
    """Sends raw bytes, returns everything the server sends until it closes."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(raw)
    except OSError:
        pass
    data = b""
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    s.close()
    return data

def get(path, extra=b""):
    return exchange(b"GET " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra + b"\r\n")

def status(reply):
    return reply.split(b"\r\n", 1)[0].decode("latin-1")

def still_up(after):
    reply = get(b"/")
    if not reply.startswith(b"HTTP/1.1 200 OK"):
        sys.exit("FAIL: after %s the server answered %r" % (after, reply[:60]))

failures = []
def expect(name, reply, want):
    line = status(reply)
    if not line.startswith("HTTP/1.1 " + want):
        failures.append("%s: got %r, want %s" % (name, line, want))
    if b"root:" in reply:
        failures.append("%s: leaked /etc/passwd" % name)
    still_up(name)

# Malformed requests.
expect("a request line without a version", exchange(b"GET /\r\nHost: 127.0.0.1\r\n\r\n"), "400")
expect("a garbage request line", exchange(b"\x01\x02 nonsense\r\n\r\n"), "400")
expect("a bad version", exchange(b"GET / HTTP/9.x\r\nHost: 127.0.0.1\r\n\r\n"), "400")
expect("a header line without a colon", exchange(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nnonsense\r\n\r\n"), "400")
expect("an absolute-form target", exchange(b"GET http://evil.example/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"), "400")
expect("a 20 KB header", get(b"/", b"X-Big: " + b"a" * 20000 + b"\r\n"), "431 Request Header Fields Too Large")
expect("300 headers", get(b"/", b"".join(b"X-H%d: %s\r\n" % (i, b"b" * 60) for i in range(300))), "431")
expect("a 100 KB body", exchange(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n" + b"c" * 100000), "413")
expect("an unknown method", exchange(b"FOO / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"), "405")
expect("a foreign Host", exchange(b"GET / HTTP/1.1\r\nHost: evil.example:%d\r\nConnection: close\r\n\r\n" % port), "403")

# Bad escapes and ways out of the output folder.
for path, want in [
    (b"/%zz", "400"), (b"/index.html%", "400"), (b"/%4", "400"),
    (b"/../../etc/passwd", "400"), (b"/%2e%2e/%2e%2e/etc/passwd", "400"), (b"/%2E%2E%2F%2E%2E%2Fetc/passwd", "400"),
    (b"/building/..%2f..%2f..%2fetc/passwd", "400"), (b"/index.html%00.txt", "400"), (b"/%00", "400"),
    (b"/..\\..\\etc\\passwd", "400"), (b"/%5c..%5c..%5cetc%5cpasswd", "400"),
    (b"/leak.txt", "404"), (b"/etc-link/passwd", "404"), (b"/.hgj-output", "404"),
]:
    expect(path.decode("latin-1"), get(path), want)

# Keep-alive: two requests on one HTTP/1.1 connection; HTTP/1.0 only when asked, and then
# told so in a header (an HTTP/1.0 client waits for the close otherwise).
s = socket.create_connection(("127.0.0.1", port), timeout=5)
s.sendall(b"HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nGET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
data, deadline = b"", time.monotonic() + 5
while data.count(b"HTTP/1.1 200 OK") < 2 and time.monotonic() < deadline:
    data += s.recv(65536)
if data.count(b"HTTP/1.1 200 OK") != 2:
    failures.append("two requests on one connection: %r" % data[:200])
s.close()
reply = exchange(b"GET /robots.txt HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", timeout=1)
if b"\r\nConnection: keep-alive\r\n" not in reply:
    failures.append("HTTP/1.0 keep-alive is not confirmed: %r" % reply[:300])
reply = exchange(b"GET /robots.txt HTTP/1.0\r\n\r\n")
if not reply.startswith(b"HTTP/1.1 200 OK") or b"\r\nConnection: close\r\n" not in reply:
    failures.append("HTTP/1.0 without keep-alive: %r" % reply[:300])

# Long polls waiting for a build that does not come hold up nothing else.
build = get(b"/__hgj/status").split(b'"build":')[1].split(b",")[0].strip()
polls = []
for _ in range(20):
    p = socket.create_connection(("127.0.0.1", port), timeout=30)
    p.sendall(b"GET /__hgj/wait?v=" + build + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    polls.append(p)
time.sleep(0.3)
start = time.monotonic()
for _ in range(20):
    still_up("20 long polls")
took = time.monotonic() - start
if took > 3:
    failures.append("with 20 long polls waiting, 20 requests took %.1f s" % took)
for p in polls:
    p.setblocking(False)
    try:
        if p.recv(100):
            failures.append("a long poll for the current build was answered at once")
            break
    except BlockingIOError:
        pass
    p.close()

# Connections inside a handler never make room: with 140 long polls every slot (128) is
# in one, the others get 503 at once, and so does a page; a new build answers the polls
# and frees the slots.
polls = []
for _ in range(140):
    p = socket.create_connection(("127.0.0.1", port), timeout=30)
    p.sendall(b"GET /__hgj/wait?v=" + build + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    polls.append(p)
time.sleep(1)
busy = 0
for p in polls:
    p.setblocking(False)
    try:
        reply = p.recv(100)
        if reply.startswith(b"HTTP/1.1 503 Service Unavailable"):
            busy += 1
        else:
            failures.append("a waiting long poll got %r" % reply[:40])
    except BlockingIOError:
        pass
if busy < 12:
    failures.append("with 140 long polls for 128 slots only %d got 503" % busy)
if not get(b"/").startswith(b"HTTP/1.1 503"):
    failures.append("a page was answered while every slot held a long poll")
with open(sys.argv[2], "a", encoding="utf-8") as f:
    f.write("\n")
deadline = time.monotonic() + 30
while time.monotonic() < deadline:
    try:
        if get(b"/").startswith(b"HTTP/1.1 200"):
            break
    except OSError:
        pass
    time.sleep(0.2)
else:
    failures.append("the slots were not freed by a new build")
for p in polls:
    p.close()
print("140 long polls: %d got 503, the rest waited; a new build freed them" % busy)

if failures:
    sys.exit("FAIL:\n  " + "\n  ".join(failures))
print("malformed and hostile requests refused; keep-alive and long polls fine")
PY
kill -0 "$server_pid" 2> /dev/null || fail "hgj serve is gone"
stop_serve TERM
echo "hgj serve: the HTTP layer holds"
