# Sourced by the publish_*.sh tests: two builds of the demo (A, and B with a new notice,
# one notice removed, a steward's phone changed), a fault-injecting wrapper around rsync
# or rclone, and the round every target goes through. Needs `fail`, "$tmp", "$HGJ",
# "$HGJ_SOURCE_DIR" and lib/nginx.sh.

# Builds A into $tmp/a and B into $tmp/b.
make_sites() {
  cp -r "$HGJ_SOURCE_DIR/content" "$tmp/content-a"
  "$HGJ" build --content "$tmp/content-a" --out "$tmp/a" > "$tmp/build-a.log" 2>&1 ||
    { cat "$tmp/build-a.log"; fail "hgj build of A failed"; }
  cp -r "$tmp/content-a" "$tmp/content-b"
  rm "$tmp/content-b/notices/2026-09-water-outage.md"
  cat > "$tmp/content-b/notices/2026-12-publish-test.md" <<'MD'
+++
title = "楼道消防通道清理通知"
date = 2026-12-01
+++
本周六上午清理各楼道堆物，请居民配合。
MD
  sed -i "s/138 0000 0001/137 0000 0001/" "$tmp/content-b/stewards/HF-001.md"
  "$HGJ" build --content "$tmp/content-b" --out "$tmp/b" > "$tmp/build-b.log" 2>&1 ||
    { cat "$tmp/build-b.log"; fail "hgj build of B failed"; }
  diff -rq "$tmp/a" "$tmp/b" > "$tmp/ab.diff" || true
  grep -q "Only in $tmp/b" "$tmp/ab.diff" && grep -q "Only in $tmp/a" "$tmp/ab.diff" &&
    grep -q "differ" "$tmp/ab.diff" || { cat "$tmp/ab.diff"; fail "B does not add, change and remove files"; }
}

# A wrapper named TOOL first on PATH: it counts the transfer runs hgj makes (not the
# listing) and breaks run number $BREAK_AT half-way: the real tool slowed to 2 KB/s and
# allowed one deletion, stopped after 2 s, and a dropped connection reported (exit 99).
make_fault_wrapper() {
  local tool=$1 real
  real=$(command -v "$tool") || fail "$tool is missing (scripts/deps.sh installs it)"
  local slow="--bwlimit=2 --max-delete=1"
  [ "$tool" = rclone ] && slow="--bwlimit 2k --max-delete 1"
  mkdir -p "$tmp/bin"
  cat > "$tmp/bin/$tool" <<SH
#!/usr/bin/env bash
case " \$* " in *" --list-only "*|*" lsf "*|*" lsjson "*|*" backend "*) exec "$real" "\$@" ;; esac
n=\$(( \$(cat "$tmp/runs" 2> /dev/null || echo 0) + 1 ))
echo \$n > "$tmp/runs"
if [ "\$n" = "\${BREAK_AT:-0}" ]; then
  timeout -s TERM 2 "$real" $slow "\$@" || true
  echo "test: the connection dropped" >&2
  exit 99
fi
exec "$real" "\$@"
SH
  chmod +x "$tmp/bin/$tool"
}

# publish SITE TARGET [BREAK_AT]: hgj publish through the wrapper; output in $tmp/pub.*
publish() {
  rm -f "$tmp/runs"
  BREAK_AT=${3:-0} PATH="$tmp/bin:$PATH" "$HGJ" publish --out "$1" --to "$2" > "$tmp/pub.out" 2> "$tmp/pub.err"
}

crawl() {
  python3 "$HGJ_SOURCE_DIR/tests/e2e/crawl_site.py" "$1" > "$tmp/crawl.log" ||
    { cat "$tmp/crawl.log"; fail "$2: the served site has broken links"; }
}

# publish_round TARGET SERVED_DIR URL TOOL [PASSES…]: for each pass k (default all six),
# the served site at A, then B broken at pass k (exit 2, the whole message, no broken
# link), then B completed (exit 0, the served folder is B, no broken link).
publish_round() {
  local target=$1 served=$2 url=$3 tool=$4 names k passes
  shift 4
  passes=("$@")
  [ ${#passes[@]} -gt 0 ] || passes=(1 2 3 4 5 6)
  names=("" "图片、PDF 等被链接的文件" "新页面" "改动的页面" "大屏数据清单" "大屏紧急通知提示" "删除网站已不用的文件")
  for k in "${passes[@]}"; do
    publish "$tmp/a" "$target" || { cat "$tmp/pub.err"; fail "publishing A failed"; }
    diff -r "$tmp/a" "$served" > /dev/null || fail "the served folder is not A"
    local code=0
    publish "$tmp/b" "$target" "$k" || code=$?
    [ "$code" -eq 2 ] || { cat "$tmp/pub.out" "$tmp/pub.err"; fail "a publish broken at pass $k exited $code, expected 2"; }
    local expected="hgj publish: 发布到 $target 在第 $k/6 步（${names[$k]}）中断（$tool 退出码 99）。网站仍然完整可用：新页面要用的文件总是先传，旧文件最后才删；问题解决后再运行一次 hgj publish 即可补完"
    [ "$(tail -n 1 "$tmp/pub.err")" = "$expected" ] ||
      { cat "$tmp/pub.err"; fail "pass $k: the message is not \"$expected\""; }
    grep -q "test: the connection dropped" "$tmp/pub.err" || fail "pass $k: the tool's own report was not shown"
    crawl "$url" "broken at pass $k"
    publish "$tmp/b" "$target" || { cat "$tmp/pub.err"; fail "the publish after the break at pass $k failed"; }
    diff -r "$tmp/b" "$served" || fail "after the break at pass $k, the next publish did not complete B"
    crawl "$url" "completed after pass $k"
  done
}
