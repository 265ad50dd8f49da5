#!/usr/bin/env bash
# One writer per output folder, and a durable swap (issue #28, items 2 and 3), with real
# concurrent runs on a copy of the demo:
# - a build held at its swap (strace delays its renameat2 by 3 s): a second build into
#   the same --out exits 2 at once naming the first one's pid (before it loads any
#   content), and the first one
#   publishes a whole site, equal to a build nobody disturbed;
# - the swap is durable: one syncfs(2) before the exchange, an fsync of the parent
#   folder after it and after the old output's move to .previous;
# - `hgj serve --out` holds its output for the whole session: build and print into it
#   are refused, and so is a print into served/print (inside it); the served site stays
#   whole, and once serve stops a build goes through.
set -uo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
command -v strace >/dev/null || { echo "FAIL: strace is missing (scripts/deps.sh)"; exit 1; }
tmp=$(realpath "$(mktemp -d)")
first= serve=
cleanup() {  # only runs of this test that have not been waited for
  # strace's child first: killing strace alone would let it run on, detached.
  [ -n "$first" ] && pkill -KILL -P "$first" 2>/dev/null
  for pid in $first $serve; do kill -KILL "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
export SOURCE_DATE_EPOCH=1795465800
cp -r "$HGJ_SOURCE_DIR/content" "$tmp/content"
cd "$tmp"

"$HGJ" build --content content --out reference --no-print 2>/dev/null || fail "reference build failed"
"$HGJ" build --content content --out pub --no-print 2>/dev/null || fail "first build failed"

# 1. Two builds at once: the first is held at its swap.
# LeakSanitizer cannot run under ptrace: a sanitizer build (scripts/hardening.sh) is traced
# without leak checks, which the rest of the suite makes.
ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -o trace -e trace=syncfs,fsync,fdatasync,renameat2,rename,renameat \
  -e inject=renameat2:delay_enter=3000000 \
  "$HGJ" build --content content --out pub --no-print 2>first.err &
first=$!
for _ in $(seq 1 200); do
  staging=$(ls -d pub.staging-* 2>/dev/null) && break
  sleep 0.05
done
[ -n "${staging:-}" ] || fail "the first build made no staging folder within 10 s"
pid=${staging#pub.staging-}
started=$(date +%s%N)
"$HGJ" build --content content --out pub --no-print >second.out 2>second.err
code=$?
ms=$((($(date +%s%N) - started) / 1000000))
[ "$code" = 2 ] || { cat second.err; fail "the second build exited $code, not 2"; }
[ "$(cat second.err)" = "hgj build: another hgj is writing pub (pid $pid); try again when it has finished" ] ||
  fail "the second build said: $(cat second.err)"
[ "$ms" -lt 2000 ] || fail "the second build took $ms ms to give up"
# Refused before the content is loaded (seconds at city scale): a missing content folder
# is not even looked at.
"$HGJ" build --content nowhere --out pub --no-print >second.out 2>second.err
code=$?
[ "$code" = 2 ] && [ "$(cat second.err)" = "hgj build: another hgj is writing pub (pid $pid); try again when it has finished" ] ||
  fail "a build of no content into a busy output exited $code: $(cat second.err)"
kill -0 "$first" 2>/dev/null || fail "the first build had finished before the second one: the test proves nothing"
wait "$first" || { cat first.err; fail "the first build failed"; }
first=
diff -r reference pub >/dev/null || fail "the first build's output is not whole"
[ "$(ls -a | grep '^pub' | tr '\n' ' ')" = "pub pub.hgj-publication pub.previous " ] || fail "left beside pub: $(ls -a)"
[ -e .pub.hgj-lock ] && fail "the lock file is left beside pub"

# 2. The swap is durable: one syncfs before it (the build started in an empty folder: no
# output before last yet), the parent folder fsynced after it; then the publication record
# (generator/diff/publication.h): what it wrote and its folders fsynced (its unchanged
# files are linked from the record before), swapped in, and the parent fsynced too.
grep -v 'syncfs\|fsync\|rename' trace && fail "unexpected lines in the trace"
calls=$(sed -E 's/^[0-9]+ +([a-z0-9]+)\(.*(RENAME_EXCHANGE)?.*$/\1/' trace | tr '\n' ' ')
[[ "$calls" =~ ^syncfs\ renameat2\ rename\ fsync\ (fsync\ )+renameat2\ fsync\ $ ]] ||
  { cat trace; fail "durable swap: $calls"; }
grep -q 'renameat2(.*pub.staging-[0-9]*", AT_FDCWD, ".*/pub", RENAME_EXCHANGE) = 0' trace || fail "no exchange: $(cat trace)"
grep -q 'renameat2(.*pub.hgj-publication.staging-[0-9]*", AT_FDCWD, ".*/pub.hgj-publication", RENAME_EXCHANGE) = 0' trace ||
  fail "no exchange of the publication record: $(cat trace)"

# 3. serve holds its --out for the whole session.
"$HGJ" serve --content content --out served --port 0 >serve.out 2>serve.err &
serve=$!
base=
for _ in $(seq 1 300); do
  base=$(grep -o 'http://127\.0\.0\.1:[0-9]*' serve.out 2>/dev/null | head -n 1) && [ -n "$base" ] && break
  kill -0 "$serve" 2>/dev/null || { cat serve.err; fail "hgj serve exited before serving"; }
  sleep 0.1
done
[ -n "$base" ] || fail "hgj serve printed no URL within 30 s"
"$HGJ" build --content content --out served --no-print >second.out 2>second.err
code=$?
[ "$code" = 2 ] && [ "$(cat second.err)" = "hgj build: another hgj is writing served (pid $serve); try again when it has finished" ] ||
  fail "a build into serve's output exited $code: $(cat second.err)"
"$HGJ" print --content content --out served/ >second.out 2>second.err
code=$?
[ "$code" = 2 ] && [ "$(cat second.err)" = "hgj print: another hgj is writing served (pid $serve); try again when it has finished" ] ||
  fail "a print into serve's output exited $code: $(cat second.err)"
# hgj print's default --out, public/print, is inside hgj build's: one writer for both.
"$HGJ" print --content content --out served/print >second.out 2>second.err
code=$?
[ "$code" = 2 ] && [ "$(cat second.err)" = "hgj print: another hgj is writing $tmp/served (pid $serve); try again when it has finished" ] ||
  fail "a print into a folder inside serve's output exited $code: $(cat second.err)"
"$HGJ" build --content content --out preview --no-print --no-kiosk --base-url "$base" 2>/dev/null ||
  fail "the preview's reference build failed"
diff -r preview served >/dev/null || fail "serve's output is not whole after the refused runs"
kill -TERM "$serve"
wait "$serve" || { serve=; fail "hgj serve did not stop cleanly"; }
serve=
"$HGJ" build --content content --out served --no-print 2>second.err || { cat second.err; fail "a build after serve stopped failed"; }
diff -r reference served >/dev/null || fail "the build after serve is not the site"
echo "1 passed, 0 failed"
