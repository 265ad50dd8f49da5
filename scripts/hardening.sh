#!/usr/bin/env bash
# The hardening checks of docs/security.md, after scripts/test.sh's normal build and
# tests (or alone, once scripts/build.sh has built build/):
#   1. the whole test suite under ASan + UBSan, leaks included      build-asan/
#   2. `hgj build` killed with SIGKILL at random points, 10 runs    build/ (Release)
#      on a city of HGJ_CRASH_SCALE (0.05: 250 buildings, 6,500 files)
#   3. each libFuzzer target for HGJ_FUZZ_SECONDS (30), two at once  build-fuzz/ (clang)
#   4. the kiosk soak, shortened, under LeakSanitizer               build-asan/
# Fuzz executions per target are written to build-fuzz/fuzz-runs.md.
#   scripts/hardening.sh [asan] [crash] [fuzz] [soak]     some steps only (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
normal=${HGJ_BUILD_DIR:-build}
asan=${HGJ_ASAN_DIR:-build-asan}
fuzz=${HGJ_FUZZ_DIR:-build-fuzz}
seconds=${HGJ_FUZZ_SECONDS:-30}
jobs=$(nproc)
# Third-party leaks only (fontconfig, glib, pango…): hgj's own must be zero.
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
# Full stacks through third-party code without frame pointers, so suppressions match.
export ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=20"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
times=()
step() { times+=("$(printf '%-34s %4d s' "$1" "$2")"); }
steps=" ${*:-asan crash fuzz soak} "
want() { [[ "$steps" == *" $1 "* ]]; }

# -O0: compiling is the slowest part of CI, and ASan finds the same errors unoptimised.
if want asan || want soak; then
start=$SECONDS
cmake -S . -B "$asan" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O0 -g1" -DHGJ_SANITIZE=ON -DHGJ_WERROR=ON \
  >"$asan.configure.log" 2>&1 || { cat "$asan.configure.log"; exit 1; }
cmake --build "$asan" -j "$jobs"
step "ASan+UBSan build" $((SECONDS - start))
fi
if want asan; then
start=$SECONDS
# The browser tests and the bench smoke test drive Chromium and Hugo around an ordinary
# build, or the workbench whose every request studio_local/studio_accounts already make,
# under the sanitizers; they run in the normal suite only (about 3 of the 6 minutes this
# step took).
# The SSH and rclone publishing tests drive sshd, rsync and rclone for minutes around the
# same few hgj calls that e2e.publish_folder makes under the sanitizers.
# The end-to-end tests that keep live kiosks running (idle wake-ups, fleet sync, status
# reports, Pushgateway, urgent notices, pairing) draw through Mesa's llvmpipe under SDL's offscreen driver: with
# the slow unwinding below its JIT registration deadlocks them (see the real-window kiosk
# next). They run in the normal suite; the sync, status and urgent code they drive runs
# under the sanitizers in hgj_kiosk_tests, the kiosk's leaks in the soak.
# The incremental-build oracles (print_incremental, site_incremental) compare dozens of
# whole builds byte for byte: 7–10 minutes each at -O0 with ASan (449 s measured) for code
# that site_build, print_pdfs, out_never_destroys and the unit tests already run under
# the sanitizers; they run in the normal suite.
ctest --test-dir "$asan" --output-on-failure -j "$jobs" --timeout 900 \
  -E '^e2e\.(kiosk_xvfb|browser|bench_smoke|publish_ssh|publish_rclone|kiosk_idle_wakeups|kiosk_status_fleet|kiosk_pushgateway|kiosk_sync_fleet|kiosk_urgent|kiosk_urgent_live|kiosk_pairing|studio_browser|print_incremental|site_incremental)$'
# Mesa's llvmpipe registers JIT code with the unwinder under its lock, and a slow
# unwind inside malloc then deadlocks; its unloaded driver modules leave leaks with no
# name to suppress. The real-window kiosk runs with fast unwinding and without leak
# checks (the soak below checks the kiosk's own leaks).
ASAN_OPTIONS="detect_leaks=0" ctest --test-dir "$asan" --output-on-failure --timeout 300 -R '^e2e\.kiosk_xvfb$'
step "ASan+UBSan ctest" $((SECONDS - start))
fi

if want crash; then
start=$SECONDS
[ -x "$normal/generator/hgj" ] || { echo "hardening: no $normal/generator/hgj (run scripts/build.sh)"; exit 1; }
HGJ="$root/$normal/generator/hgj" bash tests/hardening/crash_safety.sh 10 "${HGJ_CRASH_SCALE:-0.05}"
step "crash safety (10 SIGKILLs)" $((SECONDS - start))
fi

if want fuzz; then
start=$SECONDS
cmake -S . -B "$fuzz" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHGJ_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
  >"$fuzz.configure.log" 2>&1 || { cat "$fuzz.configure.log"; exit 1; }
cmake --build "$fuzz" -j "$jobs"
step "fuzz build (clang)" $((SECONDS - start))
start=$SECONDS
rm -rf "$fuzz/seeds" "$fuzz/bundle"
hgj_bin="$normal/generator/hgj"
[ -x "$hgj_bin" ] || hgj_bin="$asan/generator/hgj"
"$hgj_bin" bundle --content content --out "$fuzz/bundle" >/dev/null
python3 tests/fuzz/make_seeds.py "$fuzz/seeds" "$fuzz/bundle"
targets=(markdown csv values bundle theme photo upload)
# One target: the regression inputs first (each must pass), then $seconds of fuzzing
# from the seeds and the corpus kept from earlier runs. Crashes land in $fuzz/crashes.
fuzz_one() {
  local t=$1 dir=$fuzz
  mkdir -p "$dir/corpus/$t" "$dir/crashes/$t" "$dir/logs"
  local regressions=(tests/fuzz/regressions/"$t"/*)
  if [ -e "${regressions[0]}" ]; then
    "$dir/tests/fuzz/fuzz_$t" "${regressions[@]}" >"$dir/logs/$t.regressions" 2>&1 ||
      { tail -40 "$dir/logs/$t.regressions"; echo "FAIL: fuzz_$t regression input"; return 1; }
  fi
  "$dir/tests/fuzz/fuzz_$t" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix="$dir/crashes/$t/" -print_final_stats=1 \
    "$dir/corpus/$t" "$dir/seeds/$t" >"$dir/logs/$t.log" 2>&1 ||
    { tail -60 "$dir/logs/$t.log"; echo "FAIL: fuzz_$t found a crash (in $dir/crashes/$t/)"; return 1; }
  echo "| $t | $(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/logs/$t.log") |" \
    >"$dir/logs/$t.runs"
}
export -f fuzz_one
export fuzz seconds
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'fuzz_one {}'
{
  echo "| target | executions in ${seconds} s |"
  echo "|---|---|"
  for t in "${targets[@]}"; do cat "$fuzz/logs/$t.runs"; done
} >"$fuzz/fuzz-runs.md"
cat "$fuzz/fuzz-runs.md"
step "fuzzing (${#targets[@]} targets × ${seconds} s)" $((SECONDS - start))
fi

if want soak; then
start=$SECONDS
HGJ_BUILD_DIR="$asan" HGJ_SOAK_FLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer" \
  bench/kiosk_soak.sh "${HGJ_SOAK_TRANSITIONS:-300}" "${HGJ_SOAK_SWAPS:-10}"
step "kiosk soak under LeakSanitizer" $((SECONDS - start))
fi

printf '%s\n' "${times[@]}"
echo "hardening: ok"
