#!/usr/bin/env bash
# Runs `hgj check` on every fixture under tests/fixtures/ that has an `expected.exit`
# and compares the whole output: stderr with expected.stderr, stdout with
# expected.stdout, and the exit code. Run from the fixture folder so messages read
# content/…, as a community worker would see them.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
failures=0
count=0
for dir in "$HGJ_SOURCE_DIR"/tests/fixtures/*/; do
  [ -f "$dir/expected.exit" ] || continue
  count=$((count + 1))
  name=$(basename "$dir")
  args=(check --content content)
  [ -f "$dir/args" ] && read -r -a args < "$dir/args"
  actual_err=$(mktemp); actual_out=$(mktemp)
  (cd "$dir" && "$HGJ" "${args[@]}" > "$actual_out" 2> "$actual_err")
  code=$?
  expected_code=$(cat "$dir/expected.exit")
  if [ "$code" != "$expected_code" ]; then
    echo "FAIL $name: exit $code, expected $expected_code"; failures=$((failures + 1))
  fi
  if ! diff -u "$dir/expected.stderr" "$actual_err"; then
    echo "FAIL $name: stderr differs"; failures=$((failures + 1))
  fi
  if ! diff -u "$dir/expected.stdout" "$actual_out"; then
    echo "FAIL $name: stdout differs"; failures=$((failures + 1))
  fi
  # Fixtures hide CANARY values in private and unknown fields: never printed.
  if grep -q CANARY "$actual_err" "$actual_out"; then
    echo "FAIL $name: a private or unknown value was printed"; failures=$((failures + 1))
  fi
  rm -f "$actual_err" "$actual_out"
done
[ "$count" -gt 0 ] || { echo "no fixtures found"; exit 1; }
echo "$((count * 3 - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
