#!/usr/bin/env bash
# The ICP 备案号 and 公安备案号 of site.toml in every page footer, the 长辈模式 copy too,
# linked to the MIIT filing site and to the MPS page of the number (issue #26 item 6).
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$HGJ" build --content "$HGJ_SOURCE_DIR/content" --out "$tmp/site" --no-print --no-kiosk > "$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log"; fail "hgj build of the demo failed"; }
icp='<p class="filing"><a href="https://beian.miit.gov.cn/" rel="noopener">浙ICP备12345678号-1</a></p>'
police='<p class="filing"><a href="https://beian.mps.gov.cn/#/query/webSearch?code=33010202000001" rel="noopener">浙公网安备 33010202000001号</a></p>'
pages=0
while IFS= read -r page; do
  pages=$((pages + 1))
  grep -qF "$icp" "$page" || fail "${page#"$tmp/site/"} has no linked ICP 备案号"
  grep -qF "$police" "$page" || fail "${page#"$tmp/site/"} has no linked 公安备案号"
done < <(find "$tmp/site" -name '*.html' -not -path '*/print/*')
[ -f "$tmp/site/elder/index.html" ] && [ "$pages" -gt 50 ] || fail "only $pages pages checked"

# Without them in site.toml, no footer line (and hgj check warns: tests/fixtures/filings_*).
cp -r "$HGJ_SOURCE_DIR/content" "$tmp/content"
sed -i '/^icp =/d; /^police_filing =/d' "$tmp/content/site.toml"
"$HGJ" build --content "$tmp/content" --out "$tmp/plain" --no-print --no-kiosk > "$tmp/build.log" 2>&1 ||
  { cat "$tmp/build.log"; fail "hgj build without filing numbers failed"; }
! grep -rq 'class="filing"' "$tmp/plain" || fail "a footer shows a filing line without numbers"
echo "site_filings: ok ($pages pages)"
