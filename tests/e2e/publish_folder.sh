#!/usr/bin/env bash
# `hgj publish` to a folder on this machine, served by nginx with the shipped
# configuration: a dry run lists and changes nothing; the publish sends only what changed;
# a transfer broken at each of the six passes leaves the served site without a broken
# link (crawled), and the next publish completes it; a folder hgj did not publish and a
# target that refuses writes are refused with a clear message; [publish] target in
# site.toml is used without --to.
set -euo pipefail
source "$(dirname "$0")/lib/chinese_messages.sh"
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
for tool in curl python3 rsync; do command -v $tool > /dev/null || fail "$tool is missing (scripts/deps.sh)"; done
tmp=$(mktemp -d)
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
. "$HGJ_SOURCE_DIR/tests/e2e/lib/publish.sh"
trap 'stop_nginx; rm -rf "$tmp"' EXIT

make_sites
make_fault_wrapper rsync
served="$tmp/www/hgj"
port=$(free_port)
mkdir -p "$served"
start_nginx "$tmp/nginx" "$(local_site_conf "$port" "$served")" "$port"
url="http://127.0.0.1:$port/"

# A dry run into the empty folder lists every file and writes nothing.
"$HGJ" publish --out "$tmp/a" --to "$served" --dry-run > "$tmp/dry.out" 2> "$tmp/dry.err" ||
  { cat "$tmp/dry.err"; fail "the dry run failed"; }
files=$(cd "$tmp/a" && find . -type f | wc -l)
[ "$(grep -c '^新增 ' "$tmp/dry.out")" -eq "$files" ] || { cat "$tmp/dry.out"; fail "the dry run does not list the $files files"; }
grep -qx '新增 index.html' "$tmp/dry.out" || fail "the dry run does not list index.html"
[ "$(tail -n 1 "$tmp/dry.out")" = "hgj publish: 试运行，发布到 $served 会：新增 $files 个文件，更新 0 个，删除 0 个（什么都没有改）" ] ||
  { tail -n 1 "$tmp/dry.out"; fail "the dry run's summary"; }
[ -z "$(ls -A "$served")" ] || fail "the dry run wrote into the target"

# The first publish; then B's dry run lists exactly what differs, and B sends only that.
publish "$tmp/a" "$served" || { cat "$tmp/pub.err"; fail "the first publish failed"; }
[ "$(tail -n 1 "$tmp/pub.out")" = "hgj publish: 已发布到 $served：新增 $files 个文件，更新 0 个，删除 0 个" ] ||
  { cat "$tmp/pub.out"; fail "the first publish's summary"; }
crawl "$url" "after the first publish"
"$HGJ" publish --out "$tmp/b" --to "$served" -n > "$tmp/dry.out" 2>&1 || { cat "$tmp/dry.out"; fail "B's dry run failed"; }
python3 - "$tmp/a" "$tmp/b" > "$tmp/expected.list" <<'PY'
import os, sys
def files(root):
    return {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs}
a, b = sys.argv[1], sys.argv[2]
fa, fb = files(a), files(b)
rows = ["新增 " + f for f in fb - fa] + ["删除 " + f for f in fa - fb]
rows += ["更新 " + f for f in fa & fb if open(os.path.join(a, f), "rb").read() != open(os.path.join(b, f), "rb").read()]
print("\n".join(sorted(rows)))
PY
sort -o "$tmp/expected.list" "$tmp/expected.list"
grep -v '^hgj publish' "$tmp/dry.out" | sort > "$tmp/dry.list"
diff -u "$tmp/expected.list" "$tmp/dry.list" || fail "B's dry run does not list exactly what differs"
diff -r "$tmp/a" "$served" > /dev/null || fail "B's dry run changed the target"
touch -d '2001-01-01' "$served/assets/style.css"  # unchanged: its time (and ETag) stays
publish "$tmp/b" "$served" || { cat "$tmp/pub.err"; fail "publishing B failed"; }
changed=$(wc -l < "$tmp/expected.list")
[ "$(grep -c . "$tmp/pub.out")" -eq 1 ] || fail "a publish lists its files"
summary=$(tail -n 1 "$tmp/pub.out")
[ "$summary" = "hgj publish: 已发布到 $served：新增 $(grep -c '^新增' "$tmp/expected.list") 个文件，更新 $(grep -c '^更新' "$tmp/expected.list") 个，删除 $(grep -c '^删除' "$tmp/expected.list") 个" ] ||
  fail "publishing B sent more than the $changed files that changed: $summary"
[ "$(stat -c %Y "$served/assets/style.css")" -eq "$(date -d 2001-01-01 +%s)" ] ||
  fail "an unchanged page was sent again (its time, and so its ETag, changed)"

publish_round "$served" "$served" "$url" rsync

# A folder hgj did not publish into: refused, untouched.
mkdir -p "$tmp/other" && echo keep > "$tmp/other/notes.txt"
code=0; "$HGJ" publish --out "$tmp/a" --to "$tmp/other" 2> "$tmp/err" || code=$?
[ "$code" -eq 2 ] || fail "publishing into a foreign folder exited $code"
[ "$(cat "$tmp/err")" = "hgj publish: 发布目标 $tmp/other 里已有不是 hgj 发布的文件（如 notes.txt），hgj 不会覆盖或删除它们：请发布到一个空文件夹" ] ||
  { cat "$tmp/err"; fail "the foreign-folder message"; }
[ "$(ls -A "$tmp/other")" = notes.txt ] || fail "the foreign folder was changed"

# A target that cannot be written (its parent is a file): exit 2, rsync's reason and
# hgj's, nothing made.
echo x > "$tmp/plainfile"
code=0; "$HGJ" publish --out "$tmp/a" --to "$tmp/plainfile/site" 2> "$tmp/err" || code=$?
[ "$code" -eq 2 ] || { cat "$tmp/err"; fail "a target that refuses writes exited $code"; }
grep -q "Not a directory" "$tmp/err" || { cat "$tmp/err"; fail "rsync's reason is not shown"; }
[ "$(tail -n 1 "$tmp/err")" = "hgj publish: 发布目标 $tmp/plainfile/site 无法访问（rsync 退出码 23），什么都没有改" ] ||
  { cat "$tmp/err"; fail "the refused-write message"; }
[ "$(cat "$tmp/plainfile")" = x ] || fail "the file in the way was changed"

# site.toml's [publish] target, and the English messages.
printf '\n[publish]\ntarget = "%s"\n' "$tmp/www2" >> "$tmp/content-a/site.toml"
"$HGJ" publish --content "$tmp/content-a" --out "$tmp/a" --lang en > "$tmp/pub.out" 2> "$tmp/pub.err" ||
  { cat "$tmp/pub.err"; fail "publishing to site.toml's target failed"; }
[ "$(cat "$tmp/pub.out")" = "hgj publish: published to $tmp/www2: $files added, 0 updated, 0 deleted" ] ||
  { cat "$tmp/pub.out"; fail "the English summary"; }
diff -r "$tmp/a" "$tmp/www2" > /dev/null || fail "site.toml's target is not the site"

# Not a built site, no target: clear refusals.
code=0; "$HGJ" publish --out "$tmp/content-a" --to "$tmp/www3" 2> "$tmp/err" || code=$?
[ "$code" -eq 2 ] && [ "$(cat "$tmp/err")" = "hgj publish: $tmp/content-a 不是 hgj 生成的网站：请先运行 hgj build" ] ||
  { cat "$tmp/err"; fail "publishing a folder hgj did not build"; }
code=0; "$HGJ" publish --content "$tmp/content-b" --out "$tmp/b" 2> "$tmp/err" || code=$?
[ "$code" -eq 2 ] && [ "$(cat "$tmp/err")" = "hgj publish: 没有给出发布目标：用 --to 或 site.toml 的 [publish] target" ] ||
  { cat "$tmp/err"; fail "publishing without a target"; }
echo "publish_folder: ok"
