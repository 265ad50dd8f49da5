#!/usr/bin/env bash
# `cmake --install` puts everything a running system needs under the prefix (keeping /etc
# files an operator edited), and the installed programs read their own data there, never
# the source tree: a string changed in the installed theme shows on the site, a broken
# installed kiosk.toml is the one the kiosk reports, and with the installed themes gone
# hgj (exit 2) and the kiosk (exit 1) stop with the path and what to do.
set -euo pipefail
source "$(dirname "$0")/lib/chinese_messages.sh"
: "${HGJ_BUILD_DIR:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
stage=$tmp/stage
DESTDIR=$stage cmake --install "$HGJ_BUILD_DIR" --prefix /usr >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }
passed=0
for f in usr/bin/hgj usr/bin/hgj-kiosk usr/share/hgj/themes/default/templates/home.mustache \
  usr/share/hgj/themes/default/strings.toml usr/share/hgj/themes/default/print.toml \
  usr/share/hgj/themes/default/kiosk.toml usr/share/man/man1/hgj.1.gz usr/share/man/man1/hgj-kiosk.1.gz \
  usr/share/bash-completion/completions/hgj usr/share/bash-completion/completions/hgj-kiosk \
  lib/systemd/system/hgj-kiosk.service lib/systemd/system/hgj-build.service \
  lib/systemd/system/hgj-build.timer lib/systemd/system/hgj-studio.service \
  usr/share/applications/hgj-studio.desktop usr/share/doc/hgj/studio.md usr/share/doc/hgj/examples/nginx/hgj-studio.conf usr/lib/sysusers.d/hgj.conf usr/lib/sysusers.d/hgj-kiosk.conf \
  etc/default/hgj etc/default/hgj-kiosk etc/hgj-kiosk/kiosk.toml \
  usr/share/doc/hgj/packaging.md usr/share/doc/hgj/copyright usr/share/doc/hgj/changelog.Debian.gz \
  usr/share/doc/hgj-kiosk/kiosk.md usr/share/doc/hgj-kiosk/copyright; do
  [ -f "$stage/$f" ] || fail "not installed: /$f"
done
passed=$((passed + 1))
# Installing again keeps an /etc file the operator edited.
echo '[fallback]' >"$stage/etc/hgj-kiosk/kiosk.toml"
DESTDIR=$stage cmake --install "$HGJ_BUILD_DIR" --prefix /usr >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install again"; }
[ "$(cat "$stage/etc/hgj-kiosk/kiosk.toml")" = "[fallback]" ] || fail "a second install replaced an edited /etc file"
grep -qxF -- "-- Keeping: $stage/etc/hgj-kiosk/kiosk.toml" "$tmp/install.log" || fail "the kept /etc file is not named"
passed=$((passed + 1))
version=$(sed -n 's/^project(hgj VERSION \([0-9.]*\).*/\1/p' "$HGJ_SOURCE_DIR/CMakeLists.txt")
[ "$("$stage/usr/bin/hgj" --version)" = "hgj $version" ] || fail "hgj --version"
[ "$("$stage/usr/bin/hgj-kiosk" --version)" = "hgj-kiosk $version" ] || fail "hgj-kiosk --version"
passed=$((passed + 1))

# The installed programs, run from / on a copy of the demo with no themes/ beside it.
mkdir -p "$tmp/site" "$tmp/home"
cp -r "$HGJ_SOURCE_DIR/content" "$tmp/site/content"
unset LC_ALL LC_MESSAGES
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config SDL_VIDEODRIVER=offscreen LANG=C.UTF-8
cd /
sed -i 's/^footer_hotline = .*/footer_hotline = "装好的热线"/' "$stage/usr/share/hgj/themes/default/strings.toml"
"$stage/usr/bin/hgj" build --content "$tmp/site/content" --out "$tmp/site/public" --no-print \
  >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log"; fail "installed hgj build"; }
grep -q "装好的热线" "$tmp/site/public/index.html" || fail "the site does not use the installed theme's strings"
passed=$((passed + 1))
"$stage/usr/bin/hgj-kiosk" --bundle "$tmp/site/public/kiosk" --building dpb-03 --state-dir "$tmp/state" \
  --screenshot "$tmp/shot.png" 2>"$tmp/kiosk.log" || { cat "$tmp/kiosk.log"; fail "installed hgj-kiosk --screenshot"; }
[ -s "$tmp/shot.png" ] || fail "no screenshot"
printf '[colors\n' >>"$stage/usr/share/hgj/themes/default/kiosk.toml"
"$stage/usr/bin/hgj-kiosk" --bundle "$tmp/site/public/kiosk" --building dpb-03 --state-dir "$tmp/state" \
  --screenshot "$tmp/shot.png" 2>"$tmp/kiosk.log" || { cat "$tmp/kiosk.log"; fail "kiosk with a broken theme file"; }
grep -q "^hgj-kiosk: $stage/usr/share/hgj/themes/default/kiosk.toml:" "$tmp/kiosk.log" ||
  { cat "$tmp/kiosk.log"; fail "the kiosk did not read the installed kiosk.toml"; }
passed=$((passed + 1))

# A broken install: the themes are gone.
rm -rf "$stage/usr/share/hgj/themes"
set +e
"$stage/usr/bin/hgj" build --content "$tmp/site/content" --out "$tmp/site/public" --no-print >"$tmp/out.log" 2>"$tmp/err.log"
code=$?
set -e
[ "$code" -eq 2 ] || { cat "$tmp/err.log"; fail "hgj build without its theme: exit $code, want 2"; }
grep -qxF "$stage/usr/share/hgj/themes/default: 错误：红管家自带的文件不见了，安装不完整：请重新安装软件包（sudo apt-get install --reinstall hgj）" "$tmp/err.log" ||
  { cat "$tmp/err.log"; fail "hgj build without its theme: message"; }
grep -q "装好的热线" "$tmp/site/public/index.html" || fail "the old site was not left as it was"
passed=$((passed + 1))
kiosk_without_theme() {  # language, then the message it must print
  local code
  set +e
  env -u LC_ALL -u LC_MESSAGES LANG="$1" "$stage/usr/bin/hgj-kiosk" --bundle "$tmp/site/public/kiosk" \
    --building dpb-03 --screenshot "$tmp/none.png" 2>"$tmp/err.log"
  code=$?
  set -e
  [ "$code" -eq 1 ] || { cat "$tmp/err.log"; fail "hgj-kiosk without its theme ($1): exit $code, want 1"; }
  [ "$(cat "$tmp/err.log")" = "hgj-kiosk: $stage/usr/share/hgj/themes/default/kiosk.toml: $2" ] ||
    { cat "$tmp/err.log"; fail "hgj-kiosk without its theme ($1): message"; }
  [ ! -e "$tmp/none.png" ] || fail "a screenshot without a theme"
  passed=$((passed + 1))
}
kiosk_without_theme C.UTF-8 "红管家自带的文件不见了，安装不完整：请重新安装软件包（sudo apt-get install --reinstall hgj-kiosk）"
kiosk_without_theme en_US.UTF-8 "hgj's own file is missing, the installation is incomplete: reinstall the package (sudo apt-get install --reinstall hgj-kiosk)"
echo "$passed passed, 0 failed"
