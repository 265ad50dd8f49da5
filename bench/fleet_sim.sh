#!/usr/bin/env bash
# 300 lobby screens against one nginx (issue #24, "Performance"): the kiosk's real sync
# code (build/tests/hgj_fleet_sim, bench/fleet_sim.cpp) runs N screens, each with its own
# state folder and screen id, against Debian's nginx on 127.0.0.1 serving a real `hgj
# build` of the demo content whose screens.csv lists them, with the status folder
# (deploy/nginx/hgj-status.conf) taking their reports. Measured from nginx's access log
# ($msec, $bytes_sent, $request_time) and the screens' own logs (bench/fleet_report.py):
#   1. steady state: requests/s and bytes/s, in all and per screen;
#   2. publish (`hgj build` swapping the output folder) to the last screen showing a
#      normal change, and an urgent notice (紧急, target 60 s);
#   3. nginx down for --outage seconds, then back: peak requests/s in the first minute and
#      the time until every screen works again, with the kiosk's backoff and, in a second
#      fleet, without it (fleet_sim --no-backoff: every failure retried after 30 s, as
#      before issue #24).
# --time-scale S runs the kiosk's schedule S times faster (poll 300 s → 30 s at S=10);
# every figure is given back in the kiosk's own seconds (real seconds × S) and says so.
#   bench/fleet_sim.sh [--screens N] [--time-scale S] [--outage SECONDS] [--out FILE.md]
# Builds nothing: run after scripts/build.sh (or set HGJ_BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
build=${HGJ_BUILD_DIR:-build}
screens=300 scale=10 outage=600 out=bench/fleet_results.md
while [ $# -gt 0 ]; do
  case $1 in
    --screens) screens=$2; shift 2 ;;
    --time-scale) scale=$2; shift 2 ;;
    --outage) outage=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    *) echo "usage: bench/fleet_sim.sh [--screens N] [--time-scale S] [--outage SECONDS] [--out FILE.md]" >&2; exit 2 ;;
  esac
done
hgj=$build/generator/hgj sim=$build/tests/hgj_fleet_sim
for f in "$hgj" "$sim"; do [ -x "$f" ] || { echo "fleet_sim: $f is missing: build first (scripts/build.sh)" >&2; exit 2; }; done
nginx_bin=${NGINX:-/usr/sbin/nginx}
[ -x "$nginx_bin" ] || { echo "fleet_sim: $nginx_bin is missing (scripts/deps.sh installs Debian's nginx)" >&2; exit 2; }
# Each screen keeps two connections open (its urgent.json poll, a sync), with its logs.
ulimit -n 8192 2> /dev/null || ulimit -n "$(ulimit -Hn)"

tmp=$(mktemp -d)
sim_pid='' nginx_pid=''
cleanup() {
  [ -n "$sim_pid" ] && kill "$sim_pid" 2> /dev/null && wait "$sim_pid" 2> /dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2> /dev/null && wait "$nginx_pid" 2> /dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
say() { echo "fleet_sim: $*" >&2; }
mark() { echo "$(date +%s%3N) $*" >> "$tmp/events"; }
# Kiosk seconds as real seconds at this scale.
real() { python3 -c "print($1 / $scale)"; }

# The demo content, its screens.csv listing the simulated screens round the buildings.
cp -r content "$tmp/content"
python3 - "$tmp/content" "$screens" << 'PY'
import csv, sys
content, n = sys.argv[1], int(sys.argv[2])
buildings = [r["编号"] for r in csv.DictReader(open(content + "/buildings.csv", encoding="utf-8-sig"))]
with open(content + "/screens.csv", "w", encoding="utf-8", newline="") as f, open(content + "/../screens.txt", "w") as t:
    w = csv.writer(f)
    w.writerow(["屏幕编号", "楼栋", "方向", "尺寸", "夜间开始", "夜间结束", "备注"])
    for i in range(n):
        sid, b = "sim-%04d" % (i + 1), buildings[i % len(buildings)]
        w.writerow([sid, b, "竖屏", "1080x1920", "", "", "fleet_sim"])
        t.write("%s %s\n" % (sid, b))
PY
"$hgj" keygen --key "$tmp/street.key" > /dev/null
publish() {  # what: builds the content into the served folder, marks the swap, prints generated_at
  "$hgj" build --content "$tmp/content" --out "$tmp/www" --no-print --signing-key "$tmp/street.key" \
    > "$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; say "hgj build failed"; exit 1; }
  # The moment screens can see it: hgj build swaps the new folder in whole (rename), which
  # sets the folder's ctime — not when the command returns, a few tenths later.
  python3 - "$tmp/www" "$1" >> "$tmp/events" << 'PY'
import json, os, sys
www, what = sys.argv[1:]
generated = json.load(open(os.path.join(www, "kiosk", "manifest.json")))["generated_at_iso"]
print("%d publish %s %s" % (os.stat(www).st_ctime_ns // 1000000, what, generated))
PY
  tail -1 "$tmp/events" | cut -d' ' -f4
}
publish first > /dev/null

# nginx as shipped (deploy/nginx: the site snippet and the status folder), on a free port,
# logging what the figures need.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$tmp/nginx/logs" "$tmp/nginx/temp" "$tmp/status"
sed -e "s|alias /var/www/hgj-status/;|alias $tmp/status/;|" deploy/nginx/hgj-status.conf > "$tmp/hgj-status.conf"
user=
[ "$(id -u)" -eq 0 ] && user="user root;"
cat > "$tmp/nginx/nginx.conf" << CONF
$user
worker_processes 1;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format fleet '\$msec \$status \$request_method \$uri \$bytes_sent \$request_time \$connection \$http_x_hgj_screen';
    access_log $tmp/nginx/logs/access.log fleet;
    client_body_temp_path $tmp/nginx/temp/body;
    proxy_temp_path $tmp/nginx/temp/proxy;
    fastcgi_temp_path $tmp/nginx/temp/fastcgi;
    uwsgi_temp_path $tmp/nginx/temp/uwsgi;
    scgi_temp_path $tmp/nginx/temp/scgi;
    sendfile on;
$(sed -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$port;|" -e '/listen \[::\]:80;/d' \
      -e "s|^\( *\)root /var/www/hgj;|\1root $tmp/www;|" \
      -e "s|/etc/nginx/snippets/hgj-site.conf|$src/deploy/nginx/hgj-site.conf|" \
      -e "s|# include /etc/nginx/snippets/hgj-status.conf;|include $tmp/hgj-status.conf;|" \
      deploy/nginx/hgj.conf)
}
CONF
"$nginx_bin" -t -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/logs/error.log" > "$tmp/nginx-t.log" 2>&1 ||
  { cat "$tmp/nginx-t.log" >&2; say "nginx -t rejects the configuration"; exit 1; }
start_nginx() {
  "$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/logs/error.log" -g 'daemon off;' \
    >> "$tmp/nginx/nginx.log" 2>&1 &
  nginx_pid=$!
  for _ in $(seq 100); do
    curl -s -o /dev/null "http://127.0.0.1:$port/kiosk/manifest.json" && return 0
    sleep 0.1
  done
  cat "$tmp/nginx/logs/error.log" >&2; say "nginx did not answer"; exit 1
}
stop_nginx() { kill "$nginx_pid"; wait "$nginx_pid" 2> /dev/null || true; nginx_pid=; }
start_nginx

# Screens that show the bundle generated at $1 (their log says it is on screen).
showing() { grep -l "(generated $1[,;)].* is on screen" "$tmp"/fleet-"$fleet"/*/sim.log 2> /dev/null | wc -l; }
wait_showing() {  # generated, kiosk seconds at most
  local deadline=$((SECONDS + $(python3 -c "import math; print(math.ceil($2 / $scale))")))
  while [ "$(showing "$1")" -lt "$screens" ]; do
    [ $SECONDS -gt $deadline ] && { say "only $(showing "$1") of $screens screens show $1 after $2 kiosk seconds"; return 0; }
    sleep 0.2
  done
}
start_fleet() {  # name, fleet_sim flags…
  fleet=$1; shift
  mkdir -p "$tmp/fleet-$fleet"
  mark "fleet $fleet start"
  "$sim" --url "http://127.0.0.1:$port/kiosk/" --screens "$tmp/screens.txt" --state "$tmp/fleet-$fleet" \
    --trusted-key "$tmp/street.pub" --status-url "http://127.0.0.1:$port/hgj-status/" \
    --time-scale "$scale" "$@" >&2 &
  sim_pid=$!
}
stop_fleet() { kill "$sim_pid"; wait "$sim_pid" || true; sim_pid=; mark "fleet $fleet stop"; }
generated_now() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["generated_at_iso"])' "$tmp/www/kiosk/manifest.json"; }
outage() {
  stop_nginx
  mark "down"
  say "nginx down for $outage kiosk seconds"
  sleep "$(real "$outage")"
  start_nginx
  mark "up"
  # Every screen back: at most one capped wait (poll_seconds) and a sync later.
  local deadline=$((SECONDS + $(python3 -c "import math; print(math.ceil(420 / $scale))")))
  while [ "$(grep -l "bundle source .* works again" "$tmp"/fleet-"$fleet"/*/sim.log | wc -l)" -lt "$screens" ] && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
  sleep "$(real 60)"
}

# Both fleets live the same: switched on over one poll, steady for 900 s, then the outage.
# Only the fleet with backoff (the kiosk as it is) is then timed publishing.
live() {  # name, fleet_sim flags…
  start_fleet "$@"
  say "switching on $screens screens over 330 kiosk seconds"
  wait_showing "$(generated_now)" 900
  sleep "$(real 60)"
  mark "steady start"
  sleep "$(real 900)"
  mark "steady end"
  outage
}
live backoff
printf '\n作为演示修改的通知。\n' >> "$tmp/content/notices/2026-11-recruit.md"
say "publishing a normal change"
wait_showing "$(publish normal)" 900
# An urgent notice that started 10 minutes ago and ends tomorrow, street-wide.
cat > "$tmp/content/notices/fleet-urgent.md" << MD
+++
title = "今晚燃气检修"
date = $(TZ=Asia/Shanghai date +%Y-%m-%d)
start = $(TZ=Asia/Shanghai date -d '-10 min' +%Y-%m-%dT%H:%M:00)
expires = $(TZ=Asia/Shanghai date -d tomorrow +%Y-%m-%d)
"紧急" = true
+++
今晚 22:00 至 24:00 燃气检修，请关好燃气阀门。
MD
sleep "$(real 120)"
say "publishing an urgent notice"
wait_showing "$(publish urgent)" 600
stop_fleet
live nobackoff --no-backoff
stop_fleet
stop_nginx

python3 bench/fleet_report.py --dir "$tmp" --screens "$screens" --time-scale "$scale" \
  --outage "$outage" --bundle "$tmp/www/kiosk" > "$out"
cat "$out"
