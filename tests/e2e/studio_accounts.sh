#!/usr/bin/env bash
# `hgj studio` with accounts, attacked through HTTP: no session or a forged one is sent to
# the sign-in page and changes nothing; a session's form without its CSRF token is 403;
# wrong passwords are slowed (429 with the wait in Chinese) per name; an editor cannot
# publish or restore, nor import a ledger that changes another community; a password
# changed from the command line ends the session at once; an upload that is not a
# spreadsheet, one over the limit, and one whose name climbs out of the folder are refused
# with nothing written; a studio killed during an import leaves the content whole.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
command -v curl > /dev/null || { echo "FAIL: curl is missing (scripts/deps.sh)"; exit 1; }

work=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/studio.sh"
trap 'stop_studio; rm -rf "$work"' EXIT
zh() { env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" "$@"; }

cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
state=$work/state
printf '%s\n' 'publisher-pass-1' | zh studio user add 王建华 --role publisher --state "$state" > /dev/null || fail "user add"
printf '%s\n' 'editor-pass-22' | zh studio user add 李梅 --role editor --community fangkou --state "$state" > /dev/null ||
  fail "user add editor"

start() { start_studio --accounts --no-browser; }
start

# curl with a cookie jar per person; every POST names the workbench as its origin.
as() { local who=$1; shift; curl -s -b "$work/$who.jar" -c "$work/$who.jar" -H "Origin: $url" "$@"; }
code_of() { local who=$1; shift; as "$who" -o "$work/body" -w '%{http_code}' "$@"; }
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" "$work/body" | tail -n 1 | sed 's/.*value="//;s/"$//'; }
# Each person signs in from an address of their own, as the nginx in front names it.
login() { code_of "$1" -H "X-Real-IP: $4" --data-urlencode "name=$2" --data-urlencode "password=$3" "$url/login"; }

# No session, or a forged one: the sign-in page, and nothing is published.
[ "$(code_of nobody "$url/")" = 303 ] || fail "a visitor without a session was not sent to sign in"
[ "$(curl -s -o /dev/null -w '%{redirect_url}' "$url/history")" = "$url/login" ] || fail "历史 without a session"
[ "$(code_of nobody -H 'Cookie: hgj_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' "$url/publish")" = 303 ] ||
  fail "a forged session was let in"
[ "$(code_of nobody -H 'Cookie: hgj_session="\x01;;' -d 'csrf=x&base=y' "$url/publish")" = 303 ] ||
  fail "a garbage cookie was not sent to sign in"
[ ! -e "$work/public" ] || fail "a request without a session published"

# Wrong passwords: five are answered, the sixth waits, and so does the right password for
# that name from another address; the address is slowed for other names too.
for i in 1 2 3 4 5; do
  [ "$(login guesser 王建华 "wrong-$i" 10.0.0.66)" = 401 ] || fail "wrong password $i was not 401"
done
grep '用户名或密码不对' "$work/body" > /dev/null || fail "a wrong password is not said in Chinese"
[ "$(login guesser 王建华 wrong-6 10.0.0.66)" = 429 ] || fail "the sixth wrong password was not slowed"
grep '登录失败次数过多，请 [0-9]* 秒后再试' "$work/body" > /dev/null || fail "the wait is not said: $(grep notice "$work/body")"
[ "$(login owner 王建华 publisher-pass-1 10.0.0.1)" = 429 ] || fail "a locked name signed in at once"
[ "$(login guesser 李梅 editor-pass-22 10.0.0.66)" = 429 ] || fail "a locked address tried another name at once"

# The editor: signed in, may look, may not publish or restore.
[ "$(login editor 李梅 editor-pass-22 10.0.0.2)" = 303 ] || fail "the editor could not sign in"
[ "$(code_of editor "$url/publish")" = 200 ] || fail "the editor cannot see 发布"
grep '只有发布人可以发布' "$work/body" > /dev/null || fail "发布 does not tell the editor who publishes"
csrf=$(grep -o 'name="csrf" value="[^"]*"' "$work/body" | head -n 1 | sed 's/.*value="//;s/"$//')
[ -n "$csrf" ] || fail "no CSRF token on the editor's page"
code_of editor "$url/history" > /dev/null
base=$(field base)
[ "$(code_of editor -d "csrf=$csrf&base=$base" "$url/publish")" = 403 ] || fail "the editor published"
[ ! -e "$work/public" ] || fail "the editor's publish wrote the output"
commit=$(git -C "$work/content" rev-list --max-parents=0 HEAD)
[ "$(code_of editor -d "csrf=$csrf&base=$base&commit=$commit" "$url/history/restore")" = 403 ] || fail "the editor restored"
# The session's form without its token, with another session's token.
[ "$(code_of editor -d "base=$base" "$url/history/restore")" = 403 ] || fail "a form without the CSRF token"
grep '请从工作台的页面操作' "$work/body" > /dev/null || fail "the CSRF refusal does not say why"

# The editor imports stewards of 天平巷 (not theirs): refused, nothing written.
python3 - "$HGJ_SOURCE_DIR/content/stewards.csv" "$work/tianping.csv" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8-sig")
except UnicodeDecodeError:
    text = data.decode("gb18030")
assert "138 0000 0009" in text
open(sys.argv[2], "w", encoding="utf-8").write(text.replace("138 0000 0009", "139 0000 0999"))
PY
before=$(cd "$work/content" && find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum | sha256sum)
upload() { as "$1" -o "$work/body" -w '%{redirect_url}' -F "upload=@$2;filename=$3" "$url/import?csrf=$4"; }
preview=$(upload editor "$work/tianping.csv" stewards.csv "$csrf")
[ -n "$preview" ] || fail "the editor's upload was not staged: $(grep notice "$work/body")"
code_of editor "$preview" > /dev/null
token=$(field token)
base=$(grep -o 'action="/import/accept">.*' "$work/body" | grep -o 'name="base" value="[^"]*"' | sed 's/.*value="//;s/"$//')
[ "$(code_of editor -d "csrf=$csrf&base=$base&token=$token" "$url/import/accept")" = 403 ] ||
  fail "the editor imported another community's stewards"
grep '你的账号只能改自己负责的社区' "$work/body" > /dev/null || fail "the refusal does not say why"
after=$(cd "$work/content" && find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum | sha256sum)
[ "$before" = "$after" ] || fail "a refused import changed the content"

# Bad uploads: not a spreadsheet, a name that climbs out, too big; nothing written.
printf 'not a workbook' > "$work/fake.xlsx"
upload editor "$work/fake.xlsx" fake.xlsx "$csrf" > /dev/null
grep 'fake.xlsx' "$work/body" > /dev/null && grep 'class="notice bad"' "$work/body" > /dev/null ||
  fail "a file that is not a workbook was not refused with its name"
upload editor "$work/tianping.csv" '../../../etc/cron.d/x.csv' "$csrf" > /dev/null
[ ! -e /etc/cron.d/x.csv ] && [ ! -e "$work/x.csv" ] || fail "an upload name climbed out of the folder"
head -c $((25 * 1024 * 1024)) /dev/zero > "$work/big.csv"
code=$(as editor -o /dev/null -w '%{http_code}' -F "upload=@$work/big.csv" "$url/import?csrf=$csrf")
[ "$code" = 413 ] || fail "an upload over the limit answered $code"
after=$(cd "$work/content" && find . -path ./.git -prune -o -type f -print | sort | xargs sha256sum | sha256sum)
[ "$before" = "$after" ] || fail "a bad upload changed the content"

# The publisher changes the editor's password from the command line: the editor's
# session ends at once.
printf '%s\n' 'editor-pass-33' | zh studio user passwd 李梅 --state "$state" > /dev/null || fail "user passwd"
[ "$(code_of editor "$url/history")" = 303 ] || fail "the editor's session outlived a password change"

# Killed during an import: the content is one version or the other, whole. The
# publisher (signed in once the lock is over would take 30 s: a second account).
printf '%s\n' 'second-pass-44' | zh studio user add 张强 --role publisher --state "$state" > /dev/null || fail "user add"
[ "$(login second 张强 second-pass-44 10.0.0.3)" = 303 ] || fail "the second publisher could not sign in"
code_of second "$url/import" > /dev/null
csrf2=$(grep -o 'csrf=[0-9A-Za-z_-]*' "$work/body" | head -n 1 | sed 's/csrf=//')
preview=$(upload second "$work/tianping.csv" stewards.csv "$csrf2")
code_of second "$preview" > /dev/null
token=$(field token)
base=$(grep -o 'action="/import/accept">.*' "$work/body" | grep -o 'name="base" value="[^"]*"' | sed 's/.*value="//;s/"$//')
as second -o /dev/null -d "csrf=$csrf2&base=$base&token=$token" "$url/import/accept" &
sleep 0.05
kill -KILL "$pid"
wait "$pid" 2> /dev/null
pid=
wait
phones=$(iconv -f gb18030 -t utf-8 "$work/content/stewards.csv" 2> /dev/null || cat "$work/content/stewards.csv")
case "$phones" in
  *'138 0000 0009'* | *'139 0000 0999'*) ;;
  *) fail "after a kill during an import stewards.csv is neither version" ;;
esac
zh check --content "$work/content" > /dev/null 2>&1 || fail "after a kill during an import the content does not check"
start
code_of second "$url/history" > /dev/null
[ "$(code_of second "$url/history")" = 303 ] || fail "a session survived a restart of the workbench"
echo "PASS"
