#!/usr/bin/env bash
# Installs the Debian packages hgj needs to build, run and test — only the missing
# ones, so a second run costs nothing. Needs root (or sudo) when something is missing.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git
  # core + generator
  libtomlplusplus-dev libkainjow-mustache-dev libcmark-dev doctest-dev libicu-dev
  libboost-program-options-dev nlohmann-json3-dev libsodium-dev libssl-dev
  # hgj serve's HTTP server (generator/http/: Boost.Beast, header-only)
  libboost-dev
  # Excel workbooks: reading (zip, XML) and, for tests and the bench, writing them
  libzip-dev libxml2-dev libxlsxwriter-dev python3-openpyxl
  # site images, print
  libvips-dev libpng-dev libjpeg-dev libpango1.0-dev libcairo2-dev libqrencode-dev fonts-noto-cjk libjemalloc-dev
  # hgj diff --since GIT-REV
  libgit2-dev
  # kiosk
  libsdl2-dev libcurl4-openssl-dev libsystemd-dev espeak-ng
  # publishing and serving (hgj publish runs rsync and rclone; the tests serve the site
  # with nginx and WebDAV, and publish over SSH to an sshd of their own)
  rsync rclone openssh-client openssh-server nginx libnginx-mod-http-dav-ext
  # the kiosk's optional Pushgateway (tests/e2e/kiosk_pushgateway.sh runs its own)
  prometheus-pushgateway
  # test tools
  poppler-utils zbar-tools xvfb xauth python3 chromium curl strace openssl
  # packages (tests/package/deb_check.sh): lintian, systemd-analyze and systemd-sysusers
  lintian systemd
  # house style (scripts/format_check.sh)
  clang-format
  # hardening (scripts/hardening.sh): libFuzzer with clang, leak checks
  clang libclang-rt-14-dev valgrind
  # bench (bench/run compares with Hugo; /usr/bin/time -v gives peak RSS)
  hugo time xlsx2csv
  # bench/serve_rps.sh
  apache2-utils
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep "install ok installed" >/dev/null; then
    missing+=("$p")
  fi
done

# Node.js may come from Debian (nodejs + npm) or from a vendor package that bundles
# npm; either is fine, so only install Debian's when no npm is on PATH.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#packages[@]} Debian packages present"
  exit 0
fi

echo "deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
