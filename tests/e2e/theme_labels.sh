#!/usr/bin/env bash
# Every label the boards, the cards and the kiosk print comes from the theme's
# strings.toml, as on the site (issue #27): a theme beside the content overriding
# 网格长, 社区, 党组织书记, 物业, 个单元, 户 and 负责…单元 changes them on the board PDF, its
# HTML view and the 联户卡 (pdftotext) through `hgj print`; a theme overriding the list
# slides' titles changes every list slide of the kiosk and no steward slide, and one
# overriding the header, status line and picker words changes those (through
# `hgj bundle` and `hgj-kiosk --screenshot`).
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext is missing (scripts/deps.sh)"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=offscreen SOURCE_DATE_EPOCH=1795132800
cp -r "$HGJ_SOURCE_DIR/content" "$tmp/content"
cd "$tmp"
mkdir -p themes/print themes/kiosk themes/chrome
cat >themes/print/strings.toml <<'EOF'
grid_leader = "网格负责人"
grid_worker = "专职网格管理员"
party_secretary = "书记"
community = "居委会"
property = "物业公司"
units_unit = "个门洞"
households_unit = "户人家"
serves_units = "分管"
unit_unit = "号门洞"
EOF
cat >themes/kiosk/strings.toml <<'EOF'
title_notices = "公告栏"
kiosk_events_title = "近期活动安排"
kiosk_resolved_title = "本楼办结的事"
kiosk_stars_building = "本楼服务明星"
kiosk_stars_street = "街道服务明星"
EOF
cat >themes/chrome/strings.toml <<'EOF'
site_tagline = "楼道管家"
kiosk_updated = "数据更新于"
kiosk_picker_unknown = "找不到本屏的楼栋「"
EOF

# 1. The board, its HTML view and the cards of dpb-03.
for theme in default print; do
  "$HGJ" print --content content --out "print-$theme" --theme "$theme" --building dpb-03 >/dev/null 2>err ||
    { cat err; fail "print $theme"; }
  pdftotext "print-$theme/boards/dpb-03.pdf" "board-$theme.txt"
  pdftotext "print-$theme/cards/dpb-03.pdf" "cards-$theme.txt"
done
# Labels on lines of their own (the duty text names 网格长 and 物业公司 too: content).
for label in 网格长 社区 物业; do
  grep -qx "$label" board-default.txt || fail "the default board has no $label label"
  grep -qx "$label" board-print.txt && fail "the themed board still says $label"
done
for label in 网格负责人 居委会 物业公司; do
  grep -qx "$label" board-print.txt || fail "the theme's $label is not a label on the board"
done
grep -qF '专职网格管理员 胡晓燕' board-print.txt || fail "the theme's grid_worker is not on the board"
grep -qF '书记 周卫红' board-print.txt && ! grep -qF '党组织书记' board-print.txt ||
  fail "the theme's party_secretary is not on the board"
grep -qF '4个门洞 · 48户人家' board-print.txt || fail "the building line is not in the theme's words"
grep -qF '4个单元 · 48户' board-default.txt || fail "the default building line changed"
grep -qF '分管1–2号门洞' board-print.txt || fail "the steward's units are not in the theme's words"
grep -qF '分管1–2号门洞' cards-print.txt || fail "the card's units are not in the theme's words"
grep -qF '负责1–2单元' cards-default.txt || fail "the default card's units changed"
grep -qF '<dt>网格负责人</dt>' print-print/boards/dpb-03.html || fail "the HTML view's label is not the theme's"
grep -qF '<dt>网格长</dt>' print-default/boards/dpb-03.html || fail "the default HTML view has no 网格长"

# 2. The kiosk: every slide of dpb-03 under each theme; the log names each one's kind.
printf '[behaviour]\nburn_in_pixels = 0\n' >still.toml
for theme in default kiosk chrome; do
  "$HGJ" bundle --content content --out "kiosk-$theme" --theme "$theme" >/dev/null 2>err ||
    { cat err; fail "bundle $theme"; }
done
shot() {  # theme, name, then kiosk arguments; the log in <theme>-<name>.err
  local theme=$1 name=$2
  shift 2
  "$HGJ_KIOSK" --screenshot "$theme-$name.png" --state-dir "state-$theme" --config still.toml \
    --bundle "kiosk-$theme" --size 1080x1920 --at 2026-11-25T09:30 "$@" 2>"$theme-$name.err" ||
    { cat "$theme-$name.err"; fail "kiosk $theme $name"; }
}
slides=$(shot default probe --building dpb-03 --slide 99 && sed -n 's/.*screenshot: slide [0-9]* of \([0-9]*\) .*/\1/p' default-probe.err)
[ "${slides:-0}" -ge 6 ] || fail "dpb-03 has ${slides:-no} slides: $(cat default-probe.err)"
kinds=
for slide in $(seq "$slides"); do
  for theme in default kiosk chrome; do shot "$theme" "$slide" --building dpb-03 --slide "$slide"; done
  kind=$(sed -n "s/.*screenshot: slide $slide of $slides (\([a-z]*\)).*/\1/p" "default-$slide.err")
  [ -n "$kind" ] || fail "slide $slide: $(cat "default-$slide.err")"
  kinds="$kinds $kind"
  if [ "$kind" = steward ] || [ "$kind" = duties ]; then
    # The demo's scheme names its own title: nothing of the kiosk theme is on these.
    cmp -s "default-$slide.png" "kiosk-$slide.png" || fail "slide $slide ($kind) changed with the list titles"
  else
    cmp -s "default-$slide.png" "kiosk-$slide.png" && fail "slide $slide ($kind) keeps the default title"
  fi
  cmp -s "default-$slide.png" "chrome-$slide.png" && fail "slide $slide ($kind) keeps the default header and status line"
done
for kind in steward events duties resolved notices honours; do
  case " $kinds " in *" $kind "*) ;; *) fail "no $kind slide among:$kinds" ;; esac
done
shot default picker --building no-such-building
shot chrome picker --building no-such-building
cmp -s default-picker.png chrome-picker.png && fail "the picker's message keeps the default words"
echo "theme labels: board, cards and kiosk slides follow the theme's strings.toml ($slides slides:$kinds)"
