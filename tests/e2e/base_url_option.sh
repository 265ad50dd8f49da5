#!/usr/bin/env bash
# --base-url on the command line is held to site.toml's rule (base_url_problem): a
# `javascript:` or `ftp:` URL would otherwise reach every link, feed and QR code. build,
# print and bundle refuse it with exit 2 before anything is written; a good one is used.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795465800
cd "$HGJ_SOURCE_DIR"

for url in 'javascript:alert(1)' 'ftp://x' 'JavaScript://%0aalert(1)'; do
  for command in build print bundle; do
    set +e
    "$HGJ" "$command" --content content --out "$tmp/fresh" --base-url "$url" >"$tmp/out" 2>"$tmp/err"
    code=$?
    set -e
    [ "$code" = 2 ] || { cat "$tmp/err"; fail "hgj $command --base-url $url exited $code, not 2"; }
    [ "$(cat "$tmp/err")" = "hgj $command: --base-url \"$url\" must start with https:// or http://" ] ||
      fail "hgj $command --base-url $url said: $(cat "$tmp/err")"
    [ -s "$tmp/out" ] && fail "hgj $command --base-url $url printed: $(cat "$tmp/out")"
    [ -e "$tmp/fresh" ] && fail "hgj $command --base-url $url made its --out"
  done
done

"$HGJ" bundle --content content --out "$tmp/kiosk" --base-url https://example.org/street/ >/dev/null 2>&1 ||
  fail "a good --base-url was refused"
grep -q '"base_url": *"https://example.org/street"' "$tmp/kiosk/bundle.json" || fail "the --base-url was not used"
echo "1 passed, 0 failed"
