#!/usr/bin/env bash
# A steward without a photo shows the same initials on the site (avatar SVG), on the
# printed board (PDF and its HTML view) and on the lobby screen (kiosk: tests/kiosk/
# text_test.cpp): the rule of hgj/initials.h. 罗永福 is 永福 everywhere (the boards once
# printed 罗, the kiosk took the last two characters even after a middle dot).
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }
export SOURCE_DATE_EPOCH=1795465800

"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out site --no-print > /dev/null 2> err || { cat err; fail "build"; }
grep -F '>永福</text>' site/avatars/HF-010.svg > /dev/null || fail "site avatar: $(cat site/avatars/HF-010.svg)"
"$HGJ" print --content "$HGJ_SOURCE_DIR/content" --out print --building dpb-05 > /dev/null 2> err || { cat err; fail "print"; }
pdftotext print/boards/dpb-05.pdf board.txt
grep -x '永福' board.txt > /dev/null || fail "the board's avatar: $(head -12 board.txt)"
grep -x '罗' board.txt > /dev/null && fail "the board still prints the surname alone"
grep -F 'class="photo avatar wide" aria-hidden="true">永福<' print/boards/dpb-05.html > /dev/null ||
  fail "the board's HTML view: $(grep -o 'photo avatar[^<]*' print/boards/dpb-05.html)"
echo "initials_everywhere: 永福 on the site and the board: ok"
