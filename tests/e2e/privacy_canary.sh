#!/usr/bin/env bash
# Private data never leaves hgj: in tests/fixtures/privacy_canary every `private_`/`_`
# key and column, every unknown key and column and every reporter field holds a unique
# CANARY-… value, and so do the title and resolution of a private-category issue. Build
# the site, the PDFs (read back with pdftotext), the kiosk bundle and the JSON, also
# with `hgj print`, `hgj bundle`, `hgj check` and a failing build: no canary appears in
# any output file or in anything hgj prints.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
command -v pdftotext >/dev/null || fail "pdftotext is required (apt-get install poppler-utils)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795465800
content=tests/fixtures/privacy_canary/content
canaries=$(grep -rhoa 'CANARY-[A-Z0-9-]*' "$content" | sort -u)
[ "$(echo "$canaries" | wc -l)" -ge 40 ] || fail "the fixture has only $(echo "$canaries" | wc -l) canaries"
# The GB18030 table hides canaries too (grep sees them: they are ASCII).
grep -q CANARY-GRID-UNKNOWN "$content/grids.csv" || fail "grids.csv lost its canary"

logs="$tmp/logs"
mkdir -p "$logs"
"$HGJ" build --content "$content" --out "$tmp/public" >"$logs/build.out" 2>"$logs/build.err" ||
  { cat "$logs/build.err"; fail "hgj build failed"; }
grep -q 'unknown column "reporter" ignored' "$logs/build.err" ||
  { cat "$logs/build.err"; fail "no warning names the unknown reporter column"; }
"$HGJ" check --content "$content" >"$logs/check.out" 2>"$logs/check.err" || fail "hgj check failed"
"$HGJ" print --content "$content" --out "$tmp/print" >"$logs/print.out" 2>"$logs/print.err" || fail "hgj print failed"
"$HGJ" bundle --content "$content" --out "$tmp/bundle" >"$logs/bundle.out" 2>"$logs/bundle.err" || fail "hgj bundle failed"
# A failing build prints excerpts of the bad rows: masked.
cp -r "$content" "$tmp/broken"
sed -i 's/13800000001/1380000/' "$tmp/broken/stewards.csv"
sed -i 's/^phone = .*/phone = "12"/' "$tmp/broken/stewards/s2.md"
sed -i 's/2026-05-03/2026-02-30/' "$tmp/broken/issues/i4.md"
# A private note typed with an ASCII comma shifts its second half into 荣誉 (issue #28).
echo 's9,赵六,CANARY-SHIFT-ID,13800000009,是,b1,CANARY-SHIFT-UNKNOWN,CANARY-SHIFT-A,CANARY-SHIFT-B,' \
  >>"$tmp/broken/stewards.csv"
set +e
"$HGJ" build --content "$tmp/broken" --out "$tmp/broken-out" >"$logs/broken.out" 2>"$logs/broken.err"
code=$?
set -e
[ "$code" = 1 ] || { cat "$logs/broken.err"; fail "the broken copy exited $code, not 1"; }
# The same failing check in Chinese, the staff's default: masked alike.
set +e
env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" check --content "$tmp/broken" \
  >"$logs/broken-zh.out" 2>"$logs/broken-zh.err"
set -e
grep -q '^    .*\*\*\*' "$logs/broken-zh.err" || { cat "$logs/broken-zh.err"; fail "no masked excerpt printed in Chinese"; }
grep -q '错误：' "$logs/broken-zh.err" || { cat "$logs/broken-zh.err"; fail "the Chinese run did not speak Chinese"; }
grep -q '^    .*\*\*\*' "$logs/broken.err" || { cat "$logs/broken.err"; fail "no masked excerpt printed"; }
grep -qx "$tmp/broken/stewards.csv:3: error: row has 10 cells, the header has 9" "$logs/broken.err" ||
  { cat "$logs/broken.err"; fail "the shifted row was not refused"; }
! grep -rqa CANARY-SHIFT "$logs" "$tmp/broken-out" 2>/dev/null || fail "the shifted row's private text was printed or published"

# What got published: the files themselves, and the PDFs' text.
[ -f "$tmp/public/kiosk/bundle.json" ] && [ -f "$tmp/public/stewards.json" ] || fail "no bundle or JSON"
pdfs=$(find "$tmp/public" "$tmp/print" -name '*.pdf' | wc -l)
[ "$pdfs" -ge 4 ] || fail "only $pdfs PDFs"
find "$tmp/public" "$tmp/print" -name '*.pdf' -print0 |
  while IFS= read -r -d '' pdf; do pdftotext -q "$pdf" "$pdf.txt"; done
grep -q '王建国' "$tmp/public/print/boards/b1.pdf.txt" || fail "pdftotext found no steward name on the b1 board"
for c in $canaries; do
  if hits=$(grep -rla -- "$c" "$tmp/public" "$tmp/print" "$tmp/bundle" "$logs"); then
    fail "$c appears in: $hits"
  fi
done
echo "privacy_canary: $(echo "$canaries" | wc -l) canaries absent from $(find "$tmp/public" "$tmp/print" "$tmp/bundle" -type f | wc -l) files, $pdfs PDFs and the logs"
echo "1 passed, 0 failed"
