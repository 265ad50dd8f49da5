#!/usr/bin/env bash
# The README's first command: installs what is missing, builds, and runs hgj on the
# demo content in content/: the website with its print/ PDFs and kiosk/ bundle into
# public/, then one frame of the lobby kiosk for a demo building as a PNG.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/build.sh
./build/generator/hgj build --content content --out public
./build/kiosk/hgj-kiosk --bundle public/kiosk --building dpb-03 --size 1080x1920 \
  --screenshot public/kiosk-preview.png
boards=$(find public/print/boards -name '*.pdf' | wc -l)
cat <<DONE

Done. Open these:
  website          public/index.html  (or: ./build/generator/hgj serve, then http://127.0.0.1:1313/)
  notice boards    public/print/boards/<building>.pdf  ($boards 公示牌, A3; <building>.html to print from a browser)
  contact cards    public/print/cards/<building>.pdf   (联户卡, 10 per A4 sheet)
  print shop       public/print/community/<community>-boards.pdf and -cards.pdf
  kiosk bundle     public/kiosk/  (bundle.json, manifest.json, images/)
  kiosk preview    public/kiosk-preview.png  (building dpb-03, 1080×1920)
DONE
