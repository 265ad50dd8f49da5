#!/usr/bin/env bash
# `hgj print` on bad input and selections: exit codes 0/1/2, the message naming the
# culprit, and an output folder that is either complete or exactly as it was.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795518000
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
demo=$HGJ_SOURCE_DIR/content
bad_photo=$HGJ_SOURCE_DIR/tests/fixtures/print_bad_photo/content

# expect CODE DESCRIPTION -- hgj args…: runs hgj print with --out $work/out/print.
expect() {
  local want=$1 what=$2; shift 3
  "$HGJ" print --out "$work/out/print" "$@" > "$work/stdout" 2> "$work/stderr"
  local code=$?
  [ "$code" -eq "$want" ] || { fail "$what: exit $code, expected $want"; cat "$work/stderr"; }
}
# The previous output (an earlier hgj print's: it holds hgj's marker), with a sentinel so
# we can tell it was left alone.
reset_output() {
  rm -rf "$work/out"; mkdir -p "$work/out/print"; echo old > "$work/out/print/sentinel"
  echo "an earlier hgj print" > "$work/out/print/.hgj-output"
}
unchanged() {
  [ "$(cat "$work/out/print/sentinel" 2> /dev/null)" = old ] || fail "$1: the old output was replaced"
  [ -z "$(ls -d "$work"/out/print.staging-* 2> /dev/null)" ] || fail "$1: a staging folder was left"
}

reset_output
expect 1 "content errors" -- --content "$HGJ_SOURCE_DIR/tests/fixtures/bad_phone/content"
unchanged "content errors"
grep -q "left as it was" "$work/stderr" || fail "content errors: no 'left as it was'"

reset_output
mkdir -p "$work/theme"
printf '[fonts]\nsans = "No Such Font Sans"\n' > "$work/theme/print.toml"
expect 2 "missing font" -- --content "$demo" --theme "$work/theme"
unchanged "missing font"
grep -qF "$work/theme/print.toml: error: font \"No Such Font Sans\" is not installed" "$work/stderr" ||
  fail "missing font: message does not name the font: $(cat "$work/stderr")"

reset_output
printf '[colors]\nprimary = "red"\n' > "$work/theme/print.toml"
expect 2 "bad colour" -- --content "$demo" --theme "$work/theme"
grep -qF "$work/theme/print.toml:2:11: error: colour primary must be \"#RRGGBB\"" "$work/stderr" ||
  fail "bad colour: $(cat "$work/stderr")"
unchanged "bad colour"

reset_output
expect 2 "paper A5" -- --content "$demo" --paper A5
grep -qF 'paper "A5" is not A3 or A4' "$work/stderr" || fail "paper A5: $(cat "$work/stderr")"
unchanged "paper A5"

reset_output
expect 2 "unknown building" -- --content "$demo" --building nope
grep -qF -- "--building nope: no such building" "$work/stderr" || fail "unknown building: $(cat "$work/stderr")"
unchanged "unknown building"

reset_output
expect 1 "corrupt photo, strict" -- --content "$bad_photo" --strict
grep -qF "photos/broken.jpg: error: cannot be decoded as a JPEG or PNG image" "$work/stderr" ||
  fail "corrupt photo, strict: $(cat "$work/stderr")"
unchanged "corrupt photo, strict"

reset_output
expect 0 "corrupt photo" -- --content "$bad_photo"
grep -qF "photos/broken.jpg: warning: cannot be decoded as a JPEG or PNG image" "$work/stderr" ||
  fail "corrupt photo: no warning: $(cat "$work/stderr")"
[ -f "$work/out/print/boards/b1.pdf" ] || fail "corrupt photo: no board"
[ ! -e "$work/out/print/sentinel" ] || fail "corrupt photo: old output not replaced"
pdftotext "$work/out/print/boards/b1.pdf" - | grep 赵照片 >/dev/null || fail "corrupt photo: steward missing"

# Selections: one building, no community files; one community with its files.
rm -rf "$work/out"
expect 0 "one building" -- --content "$demo" --building dpb-03 --paper A4
[ -f "$work/out/print/.hgj-output" ] || fail "one building: the output is not marked as hgj's"
[ "$(cd "$work/out/print" && find . -type f ! -name .hgj-output | sort | tr '\n' ' ')" = "./.recipes.json ./boards/dpb-03.html ./boards/dpb-03.pdf ./boards/img/photos-HF-001.jpg ./boards/img/photos-HF-009.jpg ./boards/img/qr-dpb-03.svg ./boards/img/qr-dpb.png ./cards/dpb-03.pdf " ] ||
  fail "one building: $(cd "$work/out/print" && find . -type f)"
expect 0 "one community" -- --content "$demo" --community tianping
[ -f "$work/out/print/community/tianping-boards.pdf" ] || fail "one community: no combined boards"
[ -f "$work/out/print/community/tianping-cards.pdf" ] || fail "one community: no combined cards"
[ ! -e "$work/out/print/community/fangkou-boards.pdf" ] || fail "one community: fangkou printed"
[ ! -e "$work/out/print/boards/fkxc-01.pdf" ] || fail "one community: a fangkou board printed"
[ -f "$work/out/print/boards/dpb-05.pdf" ] || fail "one community: dpb-05 missing"
grep -qE "^hgj print: 5 boards" "$work/stdout" || fail "one community: summary $(cat "$work/stdout")"

echo "$failures failed"
[ "$failures" -eq 0 ]
