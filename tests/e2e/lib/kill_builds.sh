# Sourced by the incremental-build oracles (site_incremental.sh, print_incremental.sh).
# kill_during_builds "DELAYS" OUT MARKER… -- BUILD-ARGS…: for each delay (seconds), one
# steward's phone is changed (edit_content.py, seeded by the delay), `hgj build
# BUILD-ARGS… --out OUT` is killed with SIGKILL after that long, and then:
#   - before the swap the output must be the previous one exactly; after it, a whole new
#     one (every MARKER, a path under OUT, there and not empty);
#   - `check "after a kill at D s" any` (the caller's: the next build is exact).
# Needs fail (counting, not exiting), check, $HGJ, $HGJ_SOURCE_DIR, $content and $work.
kill_during_builds() {
  local delays=$1 out=$2 markers=() delay marker pid
  shift 2
  while [ "$1" != -- ]; do
    markers+=("$1")
    shift
  done
  shift
  for delay in $delays; do
    python3 "$HGJ_SOURCE_DIR/tests/e2e/lib/edit_content.py" "$content" phone "${delay/./}" ||
      fail "edit phone"
    kill_snapshot "$out" > "$work/before"
    "$HGJ" build "$@" --out "$out" > /dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
    kill_snapshot "$out" > "$work/after"
    if ! cmp -s "$work/before" "$work/after"; then
      for marker in "${markers[@]}"; do
        [ -s "$out/$marker" ] ||
          fail "killed after $delay s: the output is neither the old one nor a whole new one (no $marker)"
      done
    fi
    check "after a kill at $delay s" any
  done
}

# Every file with its digest, and every folder.
kill_snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum && find . -type d | sort); }
