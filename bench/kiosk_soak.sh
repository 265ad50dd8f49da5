#!/usr/bin/env bash
# Builds bench/kiosk_soak.cpp against an existing build (default build/, or
# $HGJ_BUILD_DIR) and runs it on the demo bundle: 10,000 slide transitions and 100
# bundle swaps at 1080×1920, printing first-frame time, frame times and RSS.
#   bench/kiosk_soak.sh [transitions] [swaps]
# $HGJ_SOAK_FLAGS adds compiler flags, e.g. -fsanitize=address against build-asan/
# (scripts/hardening.sh runs it so, to find leaks).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${HGJ_BUILD_DIR:-build}
[ -f "$build/kiosk/libhgj_kiosk.a" ] || { echo "kiosk_soak: build first (scripts/build.sh)"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/generator/hgj" keygen --key "$tmp/soak.key" >/dev/null
"$build/generator/hgj" bundle --content content --out "$tmp/kiosk" --signing-key "$tmp/soak.key" >/dev/null
mods="sdl2 pangocairo cairo libqrencode libcurl libsystemd vips tomlplusplus icu-uc icu-i18n libsodium libcrypto"
# shellcheck disable=SC2046
g++ -std=c++20 -O2 ${HGJ_SOAK_FLAGS:-} -DHGJ_VERSION='"soak"' -Ikiosk -Icore/include $(pkg-config --cflags $mods) \
  bench/kiosk_soak.cpp "$build/kiosk/libhgj_kiosk.a" "$build/core/libhgj_core.a" \
  $(pkg-config --libs $mods) -lboost_program_options -lpthread -o "$tmp/kiosk_soak"
"$tmp/kiosk_soak" "$tmp/kiosk" dpb-03 "$tmp/soak.key" "${1:-10000}" "${2:-100}" 2> >(grep -v "is on screen" >&2)
