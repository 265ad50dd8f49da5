#!/usr/bin/env bash
# `hgj publish` through rclone to a WebDAV folder the test's nginx serves (Debian's
# nginx with its dav and dav-ext modules), the same folder served as the public site with
# the shipped configuration. WebDAV keeps no file hashes, so every file is sent again
# (said once), and a changed file of the same size is not missed; a transfer broken at
# the changed pages and at the deletions leaves no broken link, and the next publish
# completes it. A remote that keeps hashes (rclone's local backend, as S3, OSS and COS
# do) gets only the changed files. A WebDAV folder that refuses writes fails with
# rclone's reason and hgj's, exit 2.
set -euo pipefail
source "$(dirname "$0")/lib/chinese_messages.sh"
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
for tool in curl python3 rclone; do command -v $tool > /dev/null || fail "$tool is missing (scripts/deps.sh)"; done
[ -f /usr/lib/nginx/modules/ngx_http_dav_ext_module.so ] ||
  fail "nginx's dav-ext module is missing (scripts/deps.sh installs libnginx-mod-http-dav-ext)"
tmp=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
. "$HGJ_SOURCE_DIR/tests/e2e/lib/publish.sh"
trap 'stop_nginx; rm -rf "$tmp"' EXIT

make_sites
make_fault_wrapper rclone
mkdir -p "$tmp/dav/site" "$tmp/dav/readonly"
port=$(free_port)
dav_port=$(free_port)
dav_server="
server {
    listen 127.0.0.1:$dav_port;
    root $tmp/dav;
    client_max_body_size 0;
    location / {
        dav_methods PUT DELETE MKCOL COPY MOVE;
        dav_ext_methods PROPFIND OPTIONS;
        create_full_put_path on;
        dav_access user:rw group:r all:r;
    }
    # Read-only: PROPFIND answers, PUT does not.
    location /readonly/ {
        dav_ext_methods PROPFIND OPTIONS;
    }
}"
start_nginx "$tmp/nginx" "$(local_site_conf "$port" "$tmp/dav/site")
$dav_server" "$port"
url="http://127.0.0.1:$port/"

# The operator's remotes, as `rclone config` writes them.
export RCLONE_CONFIG="$tmp/rclone.conf"
printf '[dav]\ntype = webdav\nurl = http://127.0.0.1:%s/\nvendor = other\n\n[disk]\ntype = local\n' \
  "$dav_port" > "$RCLONE_CONFIG"
target="rclone:dav:site"
# The WebDAV server is this machine's nginx: more files at once than rclone's default 4
# (each publish to it sends the whole site again).
export RCLONE_TRANSFERS=16 RCLONE_CHECKERS=16

"$HGJ" publish --out "$tmp/a" --to "$target" --dry-run > "$tmp/dry.out" 2> "$tmp/dry.err" ||
  { cat "$tmp/dry.err"; fail "the dry run through rclone failed"; }
grep -qx '上传 index.html' "$tmp/dry.out" || { cat "$tmp/dry.out"; fail "the dry run does not list index.html"; }
[ "$(head -n 1 "$tmp/dry.out")" = "hgj publish: $target 不记录文件指纹（如普通 WebDAV），每次都要重传全部文件" ] ||
  { cat "$tmp/dry.out"; fail "the no-hashes note"; }
[ -z "$(ls -A "$tmp/dav/site")" ] || fail "the dry run wrote into the target"

publish_round "$target" "$tmp/dav/site" "$url" rclone 3 6

# A remote with hashes: B after A sends only what differs, by content.
publish "$tmp/a" "rclone:disk:$tmp/disk" || { cat "$tmp/pub.err"; fail "publishing A to a local remote failed"; }
publish "$tmp/b" "rclone:disk:$tmp/disk" || { cat "$tmp/pub.err"; fail "publishing B to a local remote failed"; }
diff -r "$tmp/b" "$tmp/disk" > /dev/null || fail "the local remote did not receive B whole"
sent=$(sed -n 's/.*新增 \([0-9]*\) 个文件，更新 \([0-9]*\) 个.*/\1 + \2/p' "$tmp/pub.out")
differ=$(python3 - "$tmp/a" "$tmp/b" <<'PY'
import os, sys
a, b = sys.argv[1], sys.argv[2]
n = 0
for d, _, fs in os.walk(b):
    for f in fs:
        rel = os.path.relpath(os.path.join(d, f), b)
        pa = os.path.join(a, rel)
        n += not os.path.exists(pa) or open(pa, "rb").read() != open(os.path.join(b, rel), "rb").read()
print(n)
PY
)
[ $((sent)) -eq "$differ" ] || { cat "$tmp/pub.out"; fail "a remote with hashes was sent $((sent)) files, $differ differ"; }

# A WebDAV folder that refuses writes.
code=0
# (rclone retries a refused write 3 × 10 times by default: 90 s of the same answer.)
RCLONE_RETRIES=1 RCLONE_LOW_LEVEL_RETRIES=1 \
  "$HGJ" publish --out "$tmp/a" --to "rclone:dav:readonly" > "$tmp/pub.out" 2> "$tmp/err" || code=$?
[ "$code" -eq 2 ] || { cat "$tmp/err"; fail "a read-only WebDAV folder exited $code"; }
grep -q "405" "$tmp/err" || { cat "$tmp/err"; fail "rclone's reason is not shown"; }
tail -n 1 "$tmp/err" | grep "^hgj publish: 发布到 rclone:dav:readonly 在第 1/6 步（图片、PDF 等被链接的文件）中断（rclone 退出码 " >/dev/null ||
  { cat "$tmp/err"; fail "the refused-write message"; }
[ -z "$(find "$tmp/dav/readonly" -type f)" ] || fail "files arrived in the read-only folder"
echo "publish_rclone: ok"
