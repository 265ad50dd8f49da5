#!/usr/bin/env bash
# Runs `hgj check` on every fixture under tests/fixtures/ that has an `expected.exit`
# and compares the whole output, in each language the fixture pins:
#   expected.stderr, expected.stdout        Chinese, the default (no locale, no --lang)
#   expected.en.stderr, expected.en.stdout  English (--lang en)
# and the exit code, the same in both. Run from the fixture folder so messages read
# content/…, as a community worker would see them.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
failures=0
checks=0
count=0
for dir in "$HGJ_SOURCE_DIR"/tests/fixtures/*/; do
  [ -f "$dir/expected.exit" ] || continue
  count=$((count + 1))
  name=$(basename "$dir")
  args=(check --content content)
  [ -f "$dir/args" ] && read -r -a args < "$dir/args"
  expected_code=$(cat "$dir/expected.exit")
  pinned=0
  for suffix in "" ".en"; do
    [ -f "$dir/expected$suffix.stderr" ] || continue
    pinned=1
    actual_err=$(mktemp); actual_out=$(mktemp)
    if [ -z "$suffix" ]; then
      (cd "$dir" && env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" "${args[@]}" \
        > "$actual_out" 2> "$actual_err")
    else
      (cd "$dir" && "$HGJ" --lang en "${args[@]}" > "$actual_out" 2> "$actual_err")
    fi
    code=$?
    label="$name${suffix:- (zh)}"
    checks=$((checks + 3))
    if [ "$code" != "$expected_code" ]; then
      echo "FAIL $label: exit $code, expected $expected_code"; failures=$((failures + 1))
    fi
    if ! diff -u "$dir/expected$suffix.stderr" "$actual_err"; then
      echo "FAIL $label: stderr differs"; failures=$((failures + 1))
    fi
    if ! diff -u "$dir/expected$suffix.stdout" "$actual_out"; then
      echo "FAIL $label: stdout differs"; failures=$((failures + 1))
    fi
    # Fixtures hide CANARY values in private and unknown fields: never printed.
    if grep -q CANARY "$actual_err" "$actual_out"; then
      echo "FAIL $label: a private or unknown value was printed"; failures=$((failures + 1))
    fi
    rm -f "$actual_err" "$actual_out"
  done
  if [ "$pinned" -eq 0 ]; then
    echo "FAIL $name: neither expected.stderr nor expected.en.stderr"; failures=$((failures + 1))
  fi
done
[ "$count" -gt 0 ] || { echo "no fixtures found"; exit 1; }
echo "$((checks - failures)) passed, $failures failed"
[ "$failures" -eq 0 ]
