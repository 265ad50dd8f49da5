#!/usr/bin/env bash
# The city-scale benchmark runs end to end at scale 0.01: the generated dataset checks
# cleanly under --strict, and bench/run writes its table with the hgj build row. No timing
# is asserted; hgj commands that are not there yet show as "not available" rows. The
# kiosk soak (10,000 transitions) and most of the printing are left out to stay quick.
# Its last step, the incremental builds, must reuse pages and boards and match --full.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bench/make_dataset "$tmp/content" --scale 0.01 --seed 7 2>/dev/null || fail "make_dataset failed"
summary=$("$HGJ" check --content "$tmp/content" --strict 2>"$tmp/check.err") || {
  cat "$tmp/check.err"; fail "the bench dataset does not check cleanly"; }
[ -s "$tmp/check.err" ] && { head -20 "$tmp/check.err"; fail "check printed diagnostics"; }
[[ "$summary" == *"5 communities, 25 grids, 50 buildings, 100 stewards, 1000 issues; 0 errors, 0 warnings" ]] ||
  fail "unexpected summary: $summary"

bench/run --scale 0.01 --hgj "$HGJ" --out "$tmp/r.md" --print-communities 1 --serve-edits 1 --skip kiosk --cache "$tmp/cache" >"$tmp/run.out" 2>"$tmp/run.err" || {
  tail -20 "$tmp/run.err"; fail "bench/run failed"; }
[ -s "$tmp/r.md" ] || fail "bench/run wrote no table"
grep -q '^| hgj build |' "$tmp/r.md" || { cat "$tmp/r.md"; fail "the table has no hgj build row"; }
grep -q '^| Hugo build' "$tmp/r.md" || { cat "$tmp/r.md"; fail "the table has no Hugo row"; }
grep -q '^| hgj print .*printing alone (after loading the content) [0-9.]* s, [0-9]* boards/s' "$tmp/r.md" ||
  { cat "$tmp/r.md"; fail "the print row does not give the print stage's own rate"; }
grep -q '^| hgj build |' "$tmp/run.out" || fail "bench/run did not print the table"

# bench/run's last step: bench/incremental_bench.sh on its dataset, its table under ours.
grep -q "^| one steward's phone changed | .* 公示牌 重排 [1-9] 张、沿用 4[0-9] 张" "$tmp/r.md" ||
  { cat "$tmp/r.md"; fail "the incremental bench did not reuse the boards the phone did not change"; }
grep -q "^| one steward's phone changed | .* 页面 重新生成 [1-9][0-9]* 个、沿用 [1-9][0-9]* 个" "$tmp/r.md" ||
  { cat "$tmp/r.md"; fail "the incremental bench did not keep the pages the phone did not change"; }
grep -q '^| Hugo rebuild over its output' "$tmp/r.md" || { cat "$tmp/r.md"; fail "the incremental bench has no Hugo row"; }
grep -q '^| hgj build, incremental .*the incremental output and the --full one: byte-identical' "$tmp/r.md" ||
  { cat "$tmp/r.md"; fail "the incremental bench's output differs from --full"; }
echo "1 passed, 0 failed"
