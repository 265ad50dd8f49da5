#!/usr/bin/env bash
# The workbench behind Debian's nginx as docs/studio.md deploys it: the shipped
# deploy/nginx/hgj-studio.conf (HTTPS with a throwaway certificate, on 127.0.0.1) in front
# of `hgj studio --accounts --behind-tls`. Signing in works through the proxy and the
# session cookie is Secure, HttpOnly and SameSite=Strict; a form posted through it is
# accepted (the Host nginx passes matches the browser's Origin); failed sign-ins are
# counted per client address as nginx names it; an upload of 20 MiB reaches the workbench
# and gets its message, not nginx's 413.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
for tool in curl openssl python3; do
  command -v "$tool" > /dev/null || { echo "FAIL: $tool is missing (scripts/deps.sh)"; exit 1; }
done

work=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/studio.sh"
fail() {
  echo "FAIL: $*"
  [ -f "$work/studio.err" ] && { echo "--- hgj studio stderr"; tail -n 20 "$work/studio.err"; }
  [ -f "$work/nginx/logs/error.log" ] && { echo "--- nginx error.log"; tail -n 20 "$work/nginx/logs/error.log"; }
  exit 1
}
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
cleanup() {
  stop_nginx
  stop_studio
  rm -rf "$work"
}
trap cleanup EXIT
zh() { env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" "$@"; }

cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
printf '%s\n' 'publisher-pass-1' | zh studio user add 王建华 --role publisher --state "$work/state" > /dev/null ||
  fail "user add"
studio_port=$(free_port)
start_studio --accounts --behind-tls --no-browser

openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=127.0.0.1' -keyout "$work/key.pem" \
  -out "$work/cert.pem" > /dev/null 2>&1 || fail "openssl could not make a certificate"
port=$(free_port)
server=$(sed -e "s|^\( *\)listen 443 ssl;|\1listen 127.0.0.1:$port ssl;|" -e '/listen \[::\]:443 ssl;/d' \
  -e "s|/etc/ssl/certs/hgj-studio.pem|$work/cert.pem|" -e "s|/etc/ssl/private/hgj-studio.key|$work/key.pem|" \
  -e "s|proxy_pass http://127.0.0.1:8340;|proxy_pass http://127.0.0.1:$studio_port;|" \
  "$HGJ_SOURCE_DIR/deploy/nginx/hgj-studio.conf")
printf '%s' "$server" | grep "listen 127.0.0.1:$port ssl" > /dev/null || fail "the shipped configuration changed shape"
start_nginx "$work/nginx" "$server" "$port"
url="https://127.0.0.1:$port"
as() { curl -s -k -b "$work/jar" -c "$work/jar" -H "Origin: $url" "$@"; }

[ "$(as -o "$work/body" -w '%{http_code}' "$url/login")" = 200 ] || fail "the sign-in page does not come through nginx"
grep '<html lang="zh-CN">' "$work/body" > /dev/null || fail "the sign-in page is not the workbench's"
headers=$(as -D - -o /dev/null --data-urlencode name=王建华 --data-urlencode password=publisher-pass-1 "$url/login")
printf '%s' "$headers" | grep -i '^set-cookie: hgj_session=[A-Za-z0-9_-]*; Path=/; HttpOnly; SameSite=Strict; Secure' > /dev/null ||
  fail "the session cookie is not Secure, HttpOnly and SameSite=Strict: $(printf '%s' "$headers" | grep -i set-cookie)"
[ "$(as -o "$work/body" -w '%{http_code}' "$url/publish")" = 200 ] || fail "signed in, 发布 does not open"
csrf=$(grep -o 'name="csrf" value="[^"]*"' "$work/body" | head -n 1 | sed 's/.*value="//;s/"$//')
base=$(grep -o 'name="base" value="[^"]*"' "$work/body" | tail -n 1 | sed 's/.*value="//;s/"$//')
code=$(as -o "$work/body" -w '%{http_code}' -d "csrf=$csrf&base=$base" "$url/publish")
[ "$code" = 200 ] || fail "a publish through nginx answered $code: $(grep -o 'notice bad">[^<]*' "$work/body")"
[ -f "$work/public/index.html" ] || fail "the publish through nginx built nothing"

# Five wrong passwords from this client: the next attempt waits; the address is the one
# nginx saw (the access log has it), not the proxy's.
for i in 1 2 3 4 5; do
  as -o /dev/null --data-urlencode name=nobody --data-urlencode "password=wrong-$i" "$url/login"
done
[ "$(as -o /dev/null -w '%{http_code}' --data-urlencode name=someone --data-urlencode password=x-y-z-w-1 "$url/login")" = 429 ] ||
  fail "failed sign-ins from one address were not slowed through nginx"
grep '(127.0.0.1)' "$work/studio.out" > /dev/null || fail "the failed sign-ins do not name the client's address"

# 20 MiB and a little: past the workbench's limit, within nginx's.
head -c $((21 * 1024 * 1024)) /dev/zero > "$work/big.csv"
code=$(as -o "$work/body" -w '%{http_code}' -F "upload=@$work/big.csv" "$url/import?csrf=$csrf")
[ "$code" = 400 ] || [ "$code" = 413 ] || fail "a 21 MiB upload through nginx answered $code"
grep -i '<center>nginx' "$work/body" > /dev/null && fail "nginx refused the upload, not the workbench"
echo "PASS"
