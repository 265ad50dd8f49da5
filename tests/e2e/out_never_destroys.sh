#!/usr/bin/env bash
# `--out` never destroys what hgj did not write (issue #28, item 1), through the real
# commands on a copy of the demo: a victim folder with thesis.txt is refused by build,
# print, bundle and serve (exit 2, nothing written, nothing moved) and adopted with
# --force, its content kept as victim.before-hgj; `hgj bundle --content content --out
# content` and every --out equal to, inside or above the content, theme or photo cache
# folder is refused; folders of the user's named like hgj's (public.previous,
# public.staging-1) survive builds; a symlinked web root is followed — the link stays, the
# folder it points at is swapped, its siblings survive — over three builds.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(realpath "$(mktemp -d)")
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795465800
cp -r "$HGJ_SOURCE_DIR/content" "$tmp/content"
cd "$tmp"

# expect CODE MESSAGE CMD…: CMD exits CODE and prints exactly MESSAGE on stderr.
expect() {
  local code=$1 message=$2 got
  shift 2
  set +e
  "$@" >"$tmp/cmd.out" 2>"$tmp/cmd.err"
  got=$?
  set -e
  [ "$got" = "$code" ] || { cat "$tmp/cmd.err"; fail "$* exited $got, not $code"; }
  [ "$(cat "$tmp/cmd.err")" = "$message" ] ||
    fail "$*: stderr is
$(cat "$tmp/cmd.err")
not
$message"
}
# state: every path under the test folder, and every file's SHA-256 (the command's own
# output files aside).
state() {
  find . \( -name cmd.out -o -name cmd.err -o -name state.\* \) -prune -o -print | sort
  find . \( -name cmd.out -o -name cmd.err -o -name state.\* \) -prune -o -type f -print0 | sort -z | xargs -0 sha256sum
}
unchanged_since() {
  state >"$tmp/state.now"
  diff "$tmp/$1" "$tmp/state.now" || fail "$2 changed the folder"
}

# 1. A folder hgj did not write: refused by every command, nothing written or moved.
mkdir victim
echo "my thesis, three years of work" >victim/thesis.txt
state >"$tmp/state.before"
refusal="is not empty and hgj did not write it (it has no .hgj-output file); nothing was changed. To replace it, run again with --force: what it holds now is then moved to victim.before-hgj"
expect 2 "hgj build: victim $refusal" "$HGJ" build --content content --out victim
expect 2 "hgj build: victim $refusal" "$HGJ" build --content content --out victim/ --no-print
expect 2 "hgj print: victim $refusal" "$HGJ" print --content content --out victim
expect 2 "hgj bundle: victim $refusal" "$HGJ" bundle --content content --out victim
expect 2 "hgj serve: victim $refusal" "$HGJ" serve --content content --out victim --port 0
unchanged_since state.before "a refused --out"

# 2. The content, theme and photo cache folders: never the output, never in or under it.
ln -s content alias
cp -r "$HGJ_SOURCE_DIR/themes/default" mytheme
state >"$tmp/state.before"
outside="choose an output folder outside it (nothing was changed)"
expect 2 "hgj bundle: --out content is the content folder; $outside" \
  "$HGJ" bundle --content content --out content
expect 2 "hgj bundle: --out alias is the content folder; $outside" \
  "$HGJ" bundle --content content --out alias
expect 2 "hgj build: --out content/public is inside the content folder content; $outside" \
  "$HGJ" build --content content --out content/public
expect 2 "hgj print: --out . holds the content folder content; $outside" \
  "$HGJ" print --content content --out .
expect 2 "hgj build: --out mytheme is the theme folder; $outside" \
  "$HGJ" build --content content --theme ./mytheme --out mytheme
expect 2 "hgj build: --out site holds the photo cache folder site/cache; $outside" \
  "$HGJ" build --content content --cache-dir site/cache --out site
expect 2 "hgj serve: --out content/preview is inside the content folder content; $outside" \
  "$HGJ" serve --content content --out content/preview --port 0
expect 2 "hgj build: --out content is the content folder; $outside" \
  "$HGJ" build --content content --out content --force
unchanged_since state.before "an --out over the content"

# 3. --force adopts the victim: its content is kept aside, then every build replaces it.
"$HGJ" build --content content --out victim --force --no-print 2>/dev/null || fail "build --force failed"
[ "$(cat victim.before-hgj/thesis.txt)" = "my thesis, three years of work" ] || fail "thesis.txt was not kept"
[ -f victim/.hgj-output ] && [ -f victim/index.html ] || fail "victim is not a site after --force"
"$HGJ" build --content content --out victim --no-print 2>/dev/null || fail "second build failed"
"$HGJ" build --content content --out victim --no-print 2>/dev/null || fail "third build failed"
[ "$(cat victim.before-hgj/thesis.txt)" = "my thesis, three years of work" ] || fail "thesis.txt went later"
[ -f victim.previous/.hgj-output ] || fail "no victim.previous after three builds"
"$HGJ" print --content content --out victim/print >/dev/null 2>&1 || fail "print into a site's print/ refused"
"$HGJ" bundle --content content --out victim/kiosk >/dev/null 2>&1 || fail "bundle into a site's kiosk/ refused"
"$HGJ" bundle --content content --out kiosk >/dev/null 2>&1 || fail "first bundle failed"
"$HGJ" bundle --content content --out kiosk >/dev/null 2>&1 || fail "a bundle is not recognised by its manifest"
[ -e kiosk/.hgj-output ] && fail "a bundle folder holds a file its manifest does not list"
[ "$(ls -a | grep -c '^\.[^.]')" = 0 ] || fail "left beside the outputs: $(ls -a | grep '^\.[^.]')"
ls | grep 'staging' >/dev/null && fail "staging folders left: $(ls)"

# 4. Folders of the user's that happen to have hgj's names survive.
mkdir public.previous public.staging-1
echo "notes" >public.previous/notes.txt
echo "draft" >public.staging-1/draft.txt
for run in 1 2 3; do
  "$HGJ" build --content content --out public --no-print 2>/dev/null || fail "build $run into public failed"
done
[ "$(cat public.previous/notes.txt)" = notes ] || fail "public.previous/notes.txt is gone"
[ "$(ls public.previous)" = notes.txt ] || fail "hgj wrote into the user's public.previous"
[ "$(cat public.staging-1/draft.txt)" = draft ] || fail "public.staging-1/draft.txt is gone"

# 5. A symlinked web root: refused until adopted, then swapped where it is, three times.
"$HGJ" build --content content --out reference --no-print 2>/dev/null || fail "reference build failed"
mkdir -p srv/webroot
echo "<h1>It works</h1>" >srv/webroot/index.html
echo "keep" >srv/webroot/keep.txt
echo "sibling" >srv/sibling.txt
ln -s srv/webroot web
state >"$tmp/state.before"
expect 2 "hgj build: web is not empty and hgj did not write it (it has no .hgj-output file); nothing was changed. To replace it, run again with --force: what it holds now is then moved to $tmp/srv/webroot.before-hgj" \
  "$HGJ" build --content content --out web --no-print
unchanged_since state.before "a refused symlinked --out"
for run in 1 2 3; do
  force=(); [ "$run" = 1 ] && force=(--force)
  "$HGJ" build --content content --out web --no-print "${force[@]}" 2>"$tmp/cmd.err" ||
    { cat "$tmp/cmd.err"; fail "build $run into the symlinked web root failed"; }
  [ -L web ] && [ "$(readlink web)" = srv/webroot ] || fail "build $run replaced the link"
  diff -r reference srv/webroot >/dev/null || fail "build $run: the web root is not the site"
  [ "$(cat srv/sibling.txt)" = sibling ] || fail "build $run: the web root's sibling is gone"
  [ "$(ls -a srv | tr '\n' ' ')" = ". .. sibling.txt webroot webroot.before-hgj webroot.hgj-publication $([ "$run" = 1 ] || echo "webroot.previous ")" ] ||
    fail "build $run left beside the web root: $(ls -a srv)"
  [ "$(cat srv/webroot.before-hgj/keep.txt)" = keep ] || fail "build $run: the old web root is gone"
done

# 6. An --out that is no folder, or a link to nothing.
echo "a file" >afile
ln -s nowhere dangling
expect 2 "hgj build: afile is not a folder; nothing was changed" "$HGJ" build --content content --out afile
expect 2 "hgj bundle: dangling is a symbolic link to nowhere, which is not a folder; point it at a folder (hgj swaps the folder, never the link)" \
  "$HGJ" bundle --content content --out dangling
[ "$(cat afile)" = "a file" ] || fail "afile changed"

echo "1 passed, 0 failed"
