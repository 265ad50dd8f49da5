#!/usr/bin/env bash
# `hgj studio` on 127.0.0.1 (one person on their own PC, no login), through HTTP as the
# browser uses it: every page answers in Chinese; a change without the page's CSRF token,
# from another origin, or to another Host name is refused and changes nothing; a form
# posted after the content changed gets 409 and changes nothing; 发布 builds the output,
# records who published, and after a phone change offers a reprint pack holding exactly
# that building's board and card sheet; 变更 and the 审批单 name the change; 打印 gives
# the chosen buildings' sheets; /source never reads outside the content folder.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
for tool in curl pdfinfo pdftotext; do
  command -v "$tool" > /dev/null || { echo "FAIL: $tool is missing (scripts/deps.sh)"; exit 1; }
done

work=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/studio.sh"
trap 'stop_studio; rm -rf "$work"' EXIT

cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
export SOURCE_DATE_EPOCH=1780000000
start_studio --no-browser

get() { curl -s -o "$work/body" -w '%{http_code}' "$url$1"; }
field() { grep -o "name=\"$1\" value=\"[^\"]*\"" "$work/body" | tail -n 1 | sed 's/.*value="//;s/"$//'; }

# Every page, in Chinese, with the navigation and the security headers.
for page in / /check /changes /preview /publish /print; do
  code=$(get "$page")
  [ "$code" = 200 ] || fail "GET $page answered $code"
  grep '<html lang="zh-CN">' "$work/body" > /dev/null || fail "GET $page is not in Chinese"
  grep '<a href="/check"' "$work/body" > /dev/null || fail "GET $page has no navigation"
done
headers=$(curl -s -D - -o /dev/null "$url/")
for h in "Content-Security-Policy: default-src 'self'" "X-Content-Type-Options: nosniff" "Referrer-Policy: same-origin"; do
  printf '%s' "$headers" | grep -i "$h" > /dev/null || fail "pages lack the header $h"
done
get / > /dev/null
grep '还没有发布过' "$work/body" > /dev/null || fail "概览 does not say nothing was published"
grep '28</span>位在任红管家' "$work/body" > /dev/null || fail "概览 does not count the demo's 28 stewards"

# Refused changes: no token, a wrong one, another origin, another Host name.
get /publish > /dev/null
csrf=$(field csrf)
base=$(field base)
[ -n "$csrf" ] && [ -n "$base" ] || fail "发布 has no form with csrf and base"
post() { curl -s -o "$work/answer" -w '%{http_code}' -H "Origin: $url" "$@"; }
[ "$(post -d "base=$base" "$url/publish")" = 403 ] || fail "a publish without the token was not 403"
[ "$(post -d "csrf=0$csrf&base=$base" "$url/publish")" = 403 ] || fail "a publish with a wrong token was not 403"
grep '请从工作台的页面操作' "$work/answer" > /dev/null || fail "the refusal does not say why in Chinese"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Origin: http://evil.example' -d "csrf=$csrf&base=$base" "$url/publish")
[ "$code" = 403 ] || fail "a publish from another origin answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: evil.example' "$url/")
[ "$code" = 403 ] || fail "a request for another Host name answered $code (DNS rebinding)"
[ ! -e "$work/public" ] || fail "a refused publish wrote the output"

# A form posted after the content changed: 409, nothing published.
printf '\n' >> "$work/content/site.toml"
[ "$(post -d "csrf=$csrf&base=$base" "$url/publish")" = 409 ] || fail "a stale publish form was not 409"
grep '内容已经被改动过' "$work/answer" > /dev/null || fail "the conflict page does not say why"
[ ! -e "$work/public" ] || fail "a stale publish wrote the output"

# The first publication.
get /publish > /dev/null
base=$(field base)
[ "$(post -d "csrf=$csrf&base=$base" "$url/publish")" = 200 ] || fail "publishing failed: $(cat "$work/answer")"
grep '已发布' "$work/answer" > /dev/null || fail "the publish page does not say it published"
[ -f "$work/public/index.html" ] && [ -f "$work/public/print/boards/dpb-03.pdf" ] && [ -f "$work/public/kiosk/manifest.json" ] ||
  fail "the publication lacks the site, boards or bundle"
grep "\"by\":\"" "$work/state/publications.jsonl" > /dev/null || fail "who published was not recorded"

# A phone changes: 变更 says so, the 审批单 names it, the reprint pack holds one board
# and one card sheet.
sed -i 's/138 0000 0009/138 0000 0099/' "$work/content/stewards.csv"
get /changes > /dev/null
grep '电话 138 0000 0009 → 138 0000 0099' "$work/body" > /dev/null || fail "变更 does not show the phone change"
grep '德平坝小区3幢（dpb-03）' "$work/body" > /dev/null || fail "变更 does not list dpb-03's board to reprint"
[ "$(get /changes/approval.pdf)" = 200 ] || fail "no 审批单"
pdftotext "$work/body" - | grep '138 0000 0099' > /dev/null || fail "the 审批单 does not name the change"
get /preview > /dev/null
grep 'href="/preview/print/boards/dpb-03.pdf"' "$work/body" > /dev/null || fail "预览 does not offer the changed board"
[ "$(get /preview/site/index.html)" = 200 ] || fail "the preview site is not served"
[ "$(get /preview/print/boards/dpb-03.pdf)" = 200 ] || fail "the previewed board is not served"
[ "$(get /preview/../../etc/passwd)" != 200 ] || fail "the preview served a file outside its folder"
get /publish > /dev/null
base=$(field base)
[ "$(post -d "csrf=$csrf&base=$base" "$url/publish")" = 200 ] || fail "the second publication failed"
grep '1 张公示牌、1 张联户卡' "$work/answer" > /dev/null || fail "the reprint pack does not hold one board and one card sheet"
[ "$(get /publish/reprint.pdf)" = 200 ] || fail "the reprint pack cannot be downloaded"
board_pages=$(pdfinfo "$work/public/print/boards/dpb-03.pdf" | awk '/^Pages:/ { print $2 }')
card_pages=$(pdfinfo "$work/public/print/cards/dpb-03.pdf" | awk '/^Pages:/ { print $2 }')
pack_pages=$(pdfinfo "$work/body" | awk '/^Pages:/ { print $2 }')
[ "$pack_pages" = $((board_pages + card_pages)) ] ||
  fail "the reprint pack has $pack_pages pages, not the board's $board_pages and the cards' $card_pages"
get / > /dev/null
grep '和上次发布相比没有变化' "$work/body" > /dev/null || fail "概览 still shows changes after publishing"

# 历史: both publications tagged; restoring the first version brings the old phone back
# as a new version, and the phone's change shows up again against the last publication.
get /history > /dev/null
[ "$(grep -o '这个版本发布了' "$work/body" | wc -l)" = 2 ] || fail "历史 does not show two published versions"
[ "$(git -C "$work/content" tag --list 'publication-*' | wc -l)" = 2 ] || fail "the two publications are not tagged"
grep '修改 stewards.csv' "$work/body" > /dev/null || fail "历史 does not name the file the phone change touched"
first=$(grep -o 'name="commit" value="[0-9a-f]*"' "$work/body" | tail -n 1 | sed 's/.*value="//;s/"$//')
base=$(field base)
versions=$(git -C "$work/content" rev-list --count HEAD)
[ "$(post -d "csrf=$csrf&base=$base&commit=$first" "$url/history/restore")" = 200 ] || fail "the restore failed: $(cat "$work/answer")"
grep '138 0000 0009' "$work/content/stewards.csv" > /dev/null || fail "the restore did not bring the old phone back"
[ "$(git -C "$work/content" rev-list --count HEAD)" = $((versions + 1)) ] || fail "the restore is not one new version"
git -C "$work/content" log -1 --format=%s | grep '^恢复到 ' > /dev/null || fail "the restore's version is not named so"
get /changes > /dev/null
grep '电话 138 0000 0099 → 138 0000 0009' "$work/body" > /dev/null || fail "变更 does not show the restored phone"
[ "$(post -d "csrf=$csrf&base=$base&commit=$first" "$url/history/restore")" = 409 ] || fail "a stale restore form was not 409"

# 打印: two buildings' card sheets; nothing chosen is a clear 400.
[ "$(get '/print/download?kind=cards&b=dpb-03&b=dpb-05')" = 200 ] || fail "打印 gave no PDF"
expected=$(($(pdfinfo "$work/public/print/cards/dpb-03.pdf" | awk '/^Pages:/ { print $2 }') +
  $(pdfinfo "$work/public/print/cards/dpb-05.pdf" | awk '/^Pages:/ { print $2 }')))
[ "$(pdfinfo "$work/body" | awk '/^Pages:/ { print $2 }')" = "$expected" ] || fail "打印's PDF does not hold the two buildings' sheets"
[ "$(get '/print/download?kind=boards')" = 400 ] || fail "打印 with nothing chosen was not 400"
grep '请至少勾选一个社区或楼栋' "$work/body" > /dev/null || fail "打印 does not say what to choose"

# 导入台账 with a column no field is known for: the preview offers the fields; the choice is
# remembered in site.toml (its comments kept), the upload staged again without unknown
# columns, and the accepted import is one version.
python3 - "$HGJ_SOURCE_DIR/content/stewards.csv" "$work/stewards-odd.csv" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
try:
    text = data.decode("utf-8-sig")
except UnicodeDecodeError:
    text = data.decode("gb18030")
header, rest = text.split("\n", 1)
cells = header.rstrip("\r").split(",")
assert cells[2] == "电话", cells
cells[2] = "联络手机"
open(sys.argv[2], "w", encoding="utf-8").write(",".join(cells) + "\n" + rest)
PY
get /import > /dev/null
preview=$(curl -s -o "$work/body" -w '%{redirect_url}' -H "Origin: $url" -F "upload=@$work/stewards-odd.csv;filename=stewards.csv" \
  "$url/import?csrf=$csrf")
[ -n "$preview" ] || fail "the upload was not staged: $(grep -o 'notice bad">[^<]*' "$work/body")"
get "${preview#$url}" > /dev/null
grep '认不出的列' "$work/body" > /dev/null || fail "the preview does not list the unknown column"
choice=$(grep -o 'value="stewards[^"]*	联络手机	phone"' "$work/body" | head -n 1 | sed 's/^value="//;s/"$//')
[ -n "$choice" ] || fail "the unknown column is not offered the phone field"
token=$(field token)
cp "$work/content/site.toml" "$work/site.before"
columns_base=$(grep -o 'action="/import/columns">.*' "$work/body" | grep -o 'name="base" value="[^"]*"' | sed 's/.*value="//;s/"$//')
code=$(curl -s -o "$work/answer" -w '%{http_code}' -H "Origin: $url" --data-urlencode "csrf=$csrf" \
  --data-urlencode "base=$columns_base" --data-urlencode "token=$token" --data-urlencode "map=$choice" "$url/import/columns")
[ "$code" = 303 ] || fail "remembering the column answered $code: $(grep -o 'notice bad">[^<]*' "$work/answer")"
grep -A2 '^\[columns.stewards\]' "$work/content/site.toml" | grep '"联络手机" = "phone"' > /dev/null ||
  fail "site.toml does not remember the column"
head -c "$(wc -c < "$work/site.before")" "$work/content/site.toml" | cmp -s - "$work/site.before" ||
  fail "remembering the column changed what site.toml held"
get "/import/preview?token=$token" > /dev/null
grep '认不出的列' "$work/body" > /dev/null && fail "the column is still unknown after it was remembered"
accept_base=$(grep -o 'action="/import/accept">.*' "$work/body" | grep -o 'name="base" value="[^"]*"' | sed 's/.*value="//;s/"$//')
[ "$(post -d "csrf=$csrf&base=$accept_base&token=$token" "$url/import/accept")" = 200 ] ||
  fail "the import was not accepted: $(grep -o 'notice bad">[^<]*' "$work/answer")"
git -C "$work/content" log -2 --format=%s | grep '^导入 stewards.csv' > /dev/null || fail "the import is not a version"
git -C "$work/content" log -2 --format=%s | grep '^记住台账的列' > /dev/null || fail "the column mapping is not a version"
env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" check --content "$work/content" > /dev/null 2>&1 ||
  fail "the content does not check after the import"

# /source shows a table's row; never a file outside the content folder.
[ "$(get '/source?file=stewards.csv&line=2')" = 200 ] || fail "/source does not show stewards.csv"
grep 'id="line-2" class="has-problem"' "$work/body" > /dev/null || fail "/source does not mark the row"
for bad in '../../../etc/passwd.toml' '/etc/passwd.md' '..%2F..%2Fsite.toml'; do
  [ "$(get "/source?file=$bad")" = 404 ] || fail "/source?file=$bad was not 404"
done
ln -s /etc/hostname "$work/content/outside.md"
[ "$(get '/source?file=outside.md')" = 404 ] || fail "/source followed a symbolic link out of the content folder"

kill -TERM "$pid"
wait "$pid" || fail "hgj studio did not stop cleanly on SIGTERM"
pid=
grep '已停止' "$work/studio.out" > /dev/null || fail "hgj studio did not say it stopped"
echo "PASS"
