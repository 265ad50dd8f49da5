#!/usr/bin/env bash
# `hgj build` makes its output durable before it swaps it in (publish.h): a build into an
# empty folder with one syncfs(2) of the file system; a rebuild from the output before last
# with an fsync(2) of each file it wrote and of each folder whose entries changed, and no
# syncfs (which would also write out whatever other programs left unwritten there). The
# publication record beside the output likewise. Traced with strace on a copy of the demo.
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
command -v strace > /dev/null || fail "strace missing: apt-get install strace"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795518000 HGJ_CACHE_DIR="$work/cache" HOME="$work/home"
cp -r "$HGJ_SOURCE_DIR/content" "$work/content"
out=$(cd "$work" && pwd -P)/out  # as strace names the files: the real path

# build: `hgj build` traced; $work/synced gets what it synced, one per line: "syncfs" or
# the path fsync'd, relative to the staged output ("/" for its top folder) or, for the
# publication record, "record:" and its path relative to the staged record.
# (LeakSanitizer cannot run under ptrace: in the ASan suite the traced builds skip the leak
# check, which every other build there makes.)
build() {
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace -f -qq -y -e trace=fsync,syncfs -o "$work/trace" \
    "$HGJ" build --content "$work/content" --out "$out" > /dev/null 2> "$work/err" ||
    { cat "$work/err"; fail "hgj build failed"; }
  sed -n 's/.*\(syncfs\|fsync\)([0-9]*<\([^>]*\)>).*/\1 \2/p' "$work/trace" |
    sed -e 's|^syncfs .*|syncfs|' \
      -e "s|^fsync $out\.staging-[0-9]*\$|/|" \
      -e "s|^fsync $out\.staging-[0-9]*/|/|" \
      -e "s|^fsync $out\.hgj-publication\.staging-[0-9]*/\?|record:|" \
      -e "s|^fsync ||" | sort -u > "$work/synced"
}
synced() { grep -qxF -- "$1" "$work/synced"; }
# Every file with its digest.
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum | sed 's|  \./|  /|'); }

build
synced syncfs || fail "a build into an empty folder made its files durable without syncfs"
build  # no output before last yet: it starts empty too
synced syncfs || fail "the second build (no output before last) made its files durable without syncfs"
snapshot "$out.previous" > "$work/before"

# One phone: a rebuild from the output before last, which holds what $work/before lists.
steward="$work/content/stewards/HF-001.md"
sed -i 's/^phone = .*/phone = "139 9999 0001"/' "$steward"
build
if synced syncfs; then fail "a rebuild after one phone synced the whole file system"; fi
snapshot "$out" > "$work/after"
changed=$(comm -13 <(sort "$work/before") <(sort "$work/after") | cut -c67-)  # new or changed
[ -n "$changed" ] || fail "the phone changed no file"
count=0
while IFS= read -r file; do
  count=$((count + 1))
  synced "$file" || fail "$file was written but not fsync'd"
done <<< "$changed"
# Folders that gained or lost an entry, and the top folder (its page record is new).
while IFS= read -r file; do
  synced "$(dirname "$file")" || fail "$(dirname "$file") gained or lost $file but was not fsync'd"
done < <(diff <(cut -c67- "$work/before") <(cut -c67- "$work/after") | sed -n 's/^[<>] //p')
synced / || fail "the output's top folder was not fsync'd"
synced "record:content/stewards/HF-001.md" ||
  fail "the publication record's copy of the changed steward was not fsync'd"
if synced "record:content/stewards/HF-002.md"; then
  fail "the record's copy of an unchanged steward was written again (not linked from the last)"
fi
# Targeted: far fewer than the output's files.
total=$(wc -l < "$work/after")
fsyncs=$(wc -l < "$work/synced")
[ "$fsyncs" -lt $((total / 4)) ] || fail "$fsyncs fsyncs for $count changed files of $total"
echo "1 passed, 0 failed ($count changed files, $fsyncs files and folders fsync'd of $total files)"
