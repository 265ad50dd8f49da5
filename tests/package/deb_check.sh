#!/usr/bin/env bash
# The Debian packages as an operator meets them (docs/packaging.md): cpack makes both .deb
# files from the build folder, lintian passes them (errors and warnings; the overrides
# carry their reasons), apt installs them, and the installed programs run from /usr/bin
# with no source tree in reach — a copy of the demo, run from /, HOME in a temp folder:
# `hgj build` and `hgj-kiosk --screenshot` with the packaged config. systemd-analyze
# verify accepts every unit; purging leaves none of the packages' files behind.
# Needs root on Debian (scripts/test.sh runs it there). Usage: deb_check.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=$(cd "${1:-build}" && pwd)
start=$SECONDS
fail() { echo "deb_check: FAIL: $*"; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (it installs the packages)"
for p in hgj hgj-kiosk; do
  # An operator's own installation is never removed by a test.
  if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "installed" >/dev/null; then
    fail "$p is installed on this machine already; remove it first"
  fi
done
tmp=$(mktemp -d)
installed=0
cleanup() {
  [ "$installed" -eq 0 ] || dpkg --purge hgj hgj-kiosk >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

(cd "$build" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) || { cat "$tmp/cpack.log"; fail "cpack"; }
debs=("$tmp"/deb/hgj_*.deb "$tmp"/deb/hgj-kiosk_*.deb)
[ -f "${debs[0]}" ] && [ -f "${debs[1]}" ] || fail "cpack made $(ls "$tmp/deb")"
version=$(sed -n 's/^project(hgj VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
for deb in "${debs[@]}"; do
  [ "$(dpkg-deb -f "$deb" Version)" = "$version-1" ] || fail "$deb: version $(dpkg-deb -f "$deb" Version)"
  lintian --fail-on error,warning --no-tag-display-limit "$deb" >"$tmp/lintian.log" 2>&1 ||
    { cat "$tmp/lintian.log"; fail "lintian $(basename "$deb")"; }
done
echo "deb_check: built and lintian-clean: $(cd "$tmp/deb" && ls hgj*.deb | tr '\n' ' ')($((SECONDS - start)) s)"

installed=1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${debs[@]}" >"$tmp/apt.log" 2>&1 ||
  { cat "$tmp/apt.log"; fail "apt-get install"; }
dpkg -L hgj hgj-kiosk | sort -u >"$tmp/files"
[ "$(command -v hgj)" = /usr/bin/hgj ] && [ "$(command -v hgj-kiosk)" = /usr/bin/hgj-kiosk ] || fail "not in /usr/bin"
[ "$(hgj-kiosk --version)" = "hgj-kiosk $version" ] || fail "hgj-kiosk --version"
getent passwd hgj-kiosk >/dev/null || fail "no hgj-kiosk user"
for group in video render input audio; do
  id -nG hgj-kiosk | tr ' ' '\n' | grep -x "$group" >/dev/null || fail "hgj-kiosk is not in $group"
done

# The installed programs away from the source tree.
mkdir -p "$tmp/site" "$tmp/home"
cp -r content "$tmp/site/content"
(
  cd /
  export HOME=$tmp/home SDL_VIDEODRIVER=offscreen
  unset XDG_CONFIG_HOME XDG_CACHE_HOME HGJ_SIGNING_KEY HGJ_CACHE_DIR HGJ_KIOSK_THEME_DIR
  /usr/bin/hgj build --content "$tmp/site/content" --out "$tmp/site/public" >"$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log"; fail "installed hgj build"; }
  [ -f "$tmp/site/public/index.html" ] && [ -f "$tmp/site/public/kiosk/manifest.json" ] &&
    ls "$tmp/site/public/print/boards/"*.pdf >/dev/null || fail "installed hgj build made no site, PDFs or bundle"
  /usr/bin/hgj-kiosk --config /etc/hgj-kiosk/kiosk.toml --bundle "$tmp/site/public/kiosk" --building dpb-03 \
    --state-dir "$tmp/state" --at 2026-11-25T09:30 --screenshot "$build/deb-check-kiosk.png" >"$tmp/kiosk.log" 2>&1 ||
    { cat "$tmp/kiosk.log"; fail "installed hgj-kiosk --screenshot"; }
  # The screen shows the bundle, not the "no data" screen: it trusted the key the build made.
  if grep -q "refused" "$tmp/kiosk.log"; then cat "$tmp/kiosk.log"; fail "the kiosk refused the bundle"; fi
) || exit 1
echo "deb_check: installed programs ran: $build/deb-check-kiosk.png ($((SECONDS - start)) s)"

units=(/lib/systemd/system/hgj-kiosk.service /lib/systemd/system/hgj-build.service /lib/systemd/system/hgj-build.timer
  /lib/systemd/system/hgj-studio.service)
for unit in "${units[@]}"; do grep -qx "$unit" "$tmp/files" || fail "$unit is not in a package"; done
systemd-analyze verify "${units[@]}" >"$tmp/verify.log" 2>&1 || { cat "$tmp/verify.log"; fail "systemd-analyze verify"; }
[ ! -s "$tmp/verify.log" ] || { cat "$tmp/verify.log"; fail "systemd-analyze verify has remarks"; }

dpkg --purge hgj hgj-kiosk >"$tmp/purge.log" 2>&1 || { cat "$tmp/purge.log"; fail "dpkg --purge"; }
installed=0
left=()
while read -r f; do
  if [ -e "$f" ] && [ ! -d "$f" ]; then left+=("$f"); fi
done <"$tmp/files"
for d in /usr/share/hgj /etc/hgj-kiosk /usr/share/doc/hgj /usr/share/doc/hgj-kiosk /var/lib/hgj-kiosk; do
  [ ! -e "$d" ] || left+=("$d")
done
[ ${#left[@]} -eq 0 ] || fail "left after purge: ${left[*]}"
echo "deb_check: purged, nothing left; all done in $((SECONDS - start)) s"
