#!/usr/bin/env bash
# The workbench in a real browser (tests/browser/studio_test.js): hgj studio with accounts
# on a scratch copy of the demo; an account made with `hgj studio user add` (password on
# stdin); three stewards workbooks made from the demo's stewards.csv by libxlsxwriter —
# with mistakes (a phone too short, an unknown building), corrected, and a later change.
# Screenshots in $HGJ_BUILD_DIR/screenshots/studio-*.png. Never skips: a missing node,
# npm or chromium fails.
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}" "${HGJ_BUILD_DIR:?}" "${HGJ_XLSXWRITER:?}" "${HGJ_KIOSK:?}"

fail() { echo "FAIL: $*"; [ -f "${work:-}/studio.err" ] && tail -n 20 "$work/studio.err"; exit 1; }
for tool in node npm python3; do
  command -v "$tool" > /dev/null || fail "$tool is missing (scripts/deps.sh installs it)"
done
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "$chromium is missing (scripts/deps.sh installs Debian's chromium)"

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then kill "$pid"; fi
  rm -rf "$work"
}
trap cleanup EXIT

browser_dir="$HGJ_SOURCE_DIR/tests/browser"
(cd "$browser_dir" && timeout 300 npm ci --prefer-offline --ignore-scripts --no-audit --no-fund --loglevel=error) ||
  fail "npm ci in tests/browser failed"

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
"$HGJ" studio --content "$work/content" --out "$work/public" --state "$work/state" --listen 127.0.0.1:0 \
  --accounts --no-browser --fleet-status "$work/status" --kiosk-program "$HGJ_KIOSK" \
  > "$work/studio.out" 2> "$work/studio.err" &
pid=$!
url=
for _ in $(seq 1 300); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/studio.out" 2> /dev/null | head -n 1) || true
  [ -n "$url" ] && break
  kill -0 "$pid" 2> /dev/null || fail "hgj studio exited before serving"
  sleep 0.1
done
[ -n "$url" ] || fail "hgj studio printed no URL within 30 s"

STUDIO_URL="$url" STUDIO_USER=王建华 STUDIO_PASSWORD="$password" BAD_XLSX="$work/bad.xlsx" \
  GOOD_XLSX="$work/good.xlsx" SCREENSHOT_DIR="$HGJ_BUILD_DIR/screenshots" CHROMIUM="$chromium" \
  timeout 600 node "$browser_dir/studio_test.js" || fail "the workbench failed in the browser"
git -C "$work/content" log --format='%an %s' | grep '^王建华 导入 bad.xlsx' > /dev/null &&
  fail "the import with mistakes was committed"
git -C "$work/content" log --format='%an %s' | grep '^王建华 导入 good.xlsx' > /dev/null ||
  fail "the accepted import is not a version under the staff member's name"
git -C "$work/content" log --format='%an %s' | grep '^王建华 配对触摸屏 HQX-TNV → 德平坝小区5幢（dpb-05）' > /dev/null ||
  fail "the pairing is not a version under the staff member's name"
echo "PASS"
