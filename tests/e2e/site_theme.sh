#!/usr/bin/env bash
# Themes: a theme folder overrides single files and falls back to the default for the
# rest; template errors are reported as file:line:col with the source line, exit 2 (a
# theme is not content: `hgj print` and `hgj bundle` exit the same, theme_errors.sh), and
# leave the previous output untouched.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/themes/plain" "$tmp/themes/broken/templates" "$tmp/themes/nopartial/partials"
cp -r "$HGJ_SOURCE_DIR/themes/default" "$tmp/themes/default"
cd "$tmp"
content="$HGJ_SOURCE_DIR/content"

# Override one string and the stylesheet; everything else comes from the default.
printf 'nav_home = "主页OVERRIDE"\n' >themes/plain/strings.toml
mkdir -p themes/plain/assets && printf 'body { color: #000; }\n' >themes/plain/assets/style.css
"$HGJ" build --content "$content" --out out --themes-dir themes --theme plain 2>err || { cat err; fail "override build"; }
grep -q '主页OVERRIDE' out/index.html || fail "the theme's string is not used"
grep -q '主页OVERRIDE' out/building/dpb-03/index.html || fail "the string is not used on every page"
grep -q '>社区<' out/index.html || fail "the default's other strings are not used"
[ "$(cat out/assets/style.css)" = "body { color: #000; }" ] || fail "the theme's stylesheet is not used"
[ -f out/assets/site.js ] || fail "the default's assets are not copied"
(find out -type f -exec sha256sum {} + | sort) >before

# An unclosed section: the error names the theme's file, line and column.
{ echo '{{> head}}'; echo '<h1>{{name}}</h1>'; echo '  {{#stewards}}<p>{{name}}</p>'; echo '{{> foot}}'; } \
  >themes/broken/templates/building.mustache
set +e
"$HGJ" build --content "$content" --out out --themes-dir themes --theme broken 2>err
code=$?
set -e
[ $code -eq 2 ] || { cat err; fail "a template error must exit 2, got $code"; }
expected='themes/broken/templates/building.mustache:3:3: error: unclosed section "stewards"
      {{#stewards}}<p>{{name}}</p>
      ^'
[ "$(head -3 err)" = "$expected" ] || { cat err; fail "unexpected message"; }
(find out -type f -exec sha256sum {} + | sort) | cmp -s - before || fail "a failed build changed the output"

# An unknown partial is an error too (Mustache would render it as nothing).
printf '<p>x</p>\n<p>{{> nosuch }}</p>\n' >themes/nopartial/partials/foot.mustache
set +e
"$HGJ" build --content "$content" --out out --themes-dir themes --theme nopartial 2>err
code=$?
set -e
[ $code -eq 2 ] || fail "an unknown partial must exit 2"
grep -qx 'themes/nopartial/partials/foot.mustache:2:4: error: unknown partial "nosuch"' err || { cat err; fail "unknown partial message"; }
[ "$(grep -c 'unknown partial' err)" -eq 1 ] || fail "the error is repeated for every template using the partial"

# A partial that includes itself is an error at each tag that does, once (not for every
# template using the partial), and fails fast: inlined,
# ten copies of itself per level would have grown ten times at each of eight levels
# (the theme fuzzer found that hang).
mkdir -p themes/loop/partials
printf '<p>x</p>\n%s\n' "$(printf '{{> foot}}%.0s' $(seq 10))" >themes/loop/partials/foot.mustache
set +e
timeout 60 "$HGJ" build --content "$content" --out out --themes-dir themes --theme loop 2>err
code=$?
set -e
[ $code -eq 2 ] || { cat err; fail "a partial including itself must exit 2, got $code"; }
grep -qx 'themes/loop/partials/foot.mustache:2:1: error: partial "foot" includes itself' err || { cat err; fail "self-including partial message"; }
[ "$(grep -c 'includes itself' err)" -eq 10 ] || { cat err; fail "one error per tag expected"; }

# Partials nest at most eight deep: a template → foot → n1 … n7, and n7's n8 is one more.
mkdir -p themes/deep/partials
printf '<p>x</p>{{> n1}}\n' >themes/deep/partials/foot.mustache
for i in 1 2 3 4 5 6 7 8; do printf '<i>%s</i>{{> n%s}}\n' "$i" "$((i + 1))" >themes/deep/partials/n$i.mustache; done
printf '<i>9</i>\n' >themes/deep/partials/n9.mustache
set +e
"$HGJ" build --content "$content" --out out --themes-dir themes --theme deep 2>err
code=$?
set -e
[ $code -eq 2 ] || { cat err; fail "nesting nine deep must exit 2, got $code"; }
grep -qx 'themes/deep/partials/n7.mustache:1:9: error: partial "n8" nests too deep' err || { cat err; fail "too-deep message"; }

# A theme that does not exist.
set +e
"$HGJ" build --content "$content" --out out --themes-dir themes --theme nosuchtheme 2>err
code=$?
set -e
[ $code -eq 2 ] && grep -q 'themes/nosuchtheme: error: theme folder not found' err || { cat err; fail "missing theme"; }
echo "site_theme: ok"
