#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs hgj on the
# demo content in content/: the website with its print/ PDFs and kiosk/ bundle into
# public/, then one frame of the lobby kiosk for a demo building as a PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
./build/generator/hgj build --content content --out public
# The screen as it is now, or at night (23:00–06:00, when a lobby screen dims itself,
# docs/kiosk.md) as it will be at 07:00: a grey preview looks broken. The demo's site time
# zone is Shanghai.
hour=$(TZ=Asia/Shanghai date +%H)
at=() shown="now"
if ((10#$hour >= 23)); then
  at=(--at "$(TZ=Asia/Shanghai date -d tomorrow +%F)T07:00") shown="as at 07:00 tomorrow"
elif ((10#$hour < 6)); then
  at=(--at "$(TZ=Asia/Shanghai date +%F)T07:00") shown="as at 07:00 today"
fi
./build/kiosk/hgj-kiosk --bundle public/kiosk --building dpb-03 --size 1080x1920 "${at[@]}" \
  --screenshot public/kiosk-preview.png
boards=$(find public/print/boards -name '*.pdf' | wc -l)
# The first build made the street's signing key here (docs/kiosk-bundle.md#the-signing-key).
key=${HGJ_SIGNING_KEY:-${XDG_CONFIG_HOME:-$HOME/.config}/hgj/bundle-signing.key}
pub=${key%.key}.pub
cat <<DONE

Done. Open these:
  website          public/index.html  (or: ./build/generator/hgj serve, then http://127.0.0.1:1313/)
  notice boards    public/print/boards/<building>.pdf  ($boards 公示牌, A3; <building>.html to print from a browser)
  contact cards    public/print/cards/<building>.pdf   (联户卡, 10 per A4 sheet)
  print shop       public/print/community/<community>-boards.pdf and -cards.pdf
  kiosk bundle     public/kiosk/  (bundle.json, manifest.json, images/; signed)
  signing key      $pub  (copy to /etc/hgj-kiosk/trusted-keys/ on each screen)
  kiosk preview    public/kiosk-preview.png  (building dpb-03, 1080×1920, $shown)
DONE
