#!/usr/bin/env bash
# A Markdown body over the cap (schema.h: max_body_bytes, 64 KiB) is refused before any
# parser sees it: '![[]()' × 80,000 (480 KB) took 38-61 s in Debian's cmark 0.30.2
# (quadratic, CVE-2023-22486). `hgj build` ends at once with the whole message; the
# same pattern just under the cap builds, its three conversions (page, feed, search)
# well within the time limit.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null || fail "python3 is required"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1788300000
cd "$tmp"
mkdir -p content/pages content/notices
printf 'title = "测试街道红管家"\nbase_url = "https://hgj.example.cn"\nstreet = "测试街道"\n' > content/site.toml
page() {  # page FILE BYTES: a page whose body is the pathological pattern, BYTES long
  python3 -c 'import sys; n = int(sys.argv[2]); open(sys.argv[1], "w").write(
    "+++\ntitle = \"关于\"\n+++\n" + ("![[]()" * (n // 6 + 1))[:n])' "$1" "$2"
}

page content/pages/attack.md 480000
cp content/pages/attack.md content/notices/attack.md
sed -i '2a date = "2026-09-01"' content/notices/attack.md
set +e
timeout 20 "$HGJ" build --content content --out public >out 2>err
code=$?
set -e
[ "$code" = 1 ] || { cat err; fail "the 480 KB body: exit $code, expected 1 (124: timed out)"; }
cat > expected <<'MSG'
content/notices/attack.md:5: error: the text after the front matter is 480000 bytes long; the limit is 65536 bytes
content/pages/attack.md:4: error: the text after the front matter is 480000 bytes long; the limit is 65536 bytes
MSG
# The diagnostics whole; the summary line after them is the build's own.
grep -v '^hgj build: ' err | diff -u expected - || fail "messages differ"
[ ! -e public ] || fail "a failed build wrote public/"

rm content/notices/attack.md
page content/pages/attack.md 65536
start=$(date +%s%N)
timeout 20 "$HGJ" build --content content --out public >out 2>err || { cat err; fail "a body at the cap did not build"; }
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ -s public/pages/attack/index.html ] || fail "no page for the body at the cap"
echo "markdown_body_cap: 480 KB refused at once; a worst-case body at the cap built in $ms ms"
echo "1 passed, 0 failed"
