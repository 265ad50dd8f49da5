#!/usr/bin/env bash
# The workbench in a real browser (tests/browser/studio_test.js): hgj studio with accounts
# on a scratch copy of the demo; an account made with `hgj studio user add` (password on
# stdin); three stewards workbooks made from the demo's stewards.csv by libxlsxwriter —
# with mistakes (a phone too short, an unknown building), corrected, and a later change.
# Screenshots in $HGJ_BUILD_DIR/screenshots/studio-*.png. Never skips: a missing node,
# npm or chromium fails.
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}" "${HGJ_BUILD_DIR:?}" "${HGJ_XLSXWRITER:?}" "${HGJ_KIOSK:?}"

fail() { echo "FAIL: $*"; exit 1; }  # lib/studio.sh shows the studio's stderr once it runs
. "$HGJ_SOURCE_DIR/tests/e2e/lib/browser.sh"

work=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/studio.sh"
trap 'stop_studio; rm -rf "$work"' EXIT

cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
export LC_ALL= LC_MESSAGES= LANG=
password='红管家-Test-2026'
printf '%s\n' "$password" | "$HGJ" studio user add 王建华 --role publisher --state "$work/state" > /dev/null ||
  fail "hgj studio user add failed"

# The stewards ledger as staff keep it, three times.
python3 - "$HGJ_SOURCE_DIR/content/stewards.csv" "$work" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8-sig")
except UnicodeDecodeError:
    text = data.decode("gb18030")
text = text.replace("\r\n", "\n")
assert "138 0000 0009" in text and "HF-010" in text
bad = text.replace("138 0000 0009", "1380000")
lines = bad.split("\n")
lines = [l.replace(",dpb-05,", ",zz-99,") if l.startswith("HF-010,") else l for l in lines]
bad = "\n".join(lines)
assert "zz-99" in bad
good = text.replace("138 0000 0009", "139 0000 0999")
later = good.replace("139-0000-0010", "139 0000 1010")
assert later != good
for name, t in (("bad", bad), ("good", good), ("later", later)):
    open(f"{sys.argv[2]}/{name}.csv", "w", encoding="utf-8", newline="").write(t)
PY
for name in bad good later; do
  python3 "$HGJ_SOURCE_DIR/tests/xlsx/csv_to_xlsx.py" --producer plan --hidden-row '' "$work/$name.tsv" \
    "红管家=$work/$name.csv"
  "$HGJ_XLSXWRITER" "$work/$name.xlsx" "$work/$name.tsv"
done

# 触摸屏 reads the screens' reports (two of them waiting to pair); 预览 draws screens.
cp -r "$HGJ_SOURCE_DIR/tests/fixtures/fleet_status" "$work/status"
start_studio --accounts --no-browser --fleet-status "$work/status" --kiosk-program "$HGJ_KIOSK"

STUDIO_URL="$url/" STUDIO_USER=王建华 STUDIO_PASSWORD="$password" BAD_XLSX="$work/bad.xlsx" \
  GOOD_XLSX="$work/good.xlsx" SCREENSHOT_DIR="$HGJ_BUILD_DIR/screenshots" CHROMIUM="$chromium" \
  timeout 600 node "$browser_dir/studio_test.js" || fail "the workbench failed in the browser"
git -C "$work/content" log --format='%an %s' | grep '^王建华 导入 bad.xlsx' > /dev/null &&
  fail "the import with mistakes was committed"
git -C "$work/content" log --format='%an %s' | grep '^王建华 导入 good.xlsx' > /dev/null ||
  fail "the accepted import is not a version under the staff member's name"
git -C "$work/content" log --format='%an %s' | grep '^王建华 配对触摸屏 HQX-TNV → 德平坝小区5幢（dpb-05）' > /dev/null ||
  fail "the pairing is not a version under the staff member's name"
echo "PASS"
