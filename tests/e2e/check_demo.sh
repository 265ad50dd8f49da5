#!/usr/bin/env bash
# The demo content checks cleanly (no errors, no warnings even under --strict) and is
# as big as the foundation issue asks; the command line answers --help, --version and
# bad usage with the documented exit codes.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }

summary=$("$HGJ" check --content content --strict 2>/tmp/hgj-demo-check.err) || {
  cat /tmp/hgj-demo-check.err; fail "demo content does not check cleanly"; }
[ -s /tmp/hgj-demo-check.err ] && { cat /tmp/hgj-demo-check.err; fail "demo check printed diagnostics"; }
echo "$summary"
[[ "$summary" =~ ^hgj\ check:\ ([0-9]+)\ communities,\ ([0-9]+)\ grids,\ ([0-9]+)\ buildings,\ ([0-9]+)\ stewards,\ ([0-9]+)\ issues\;\ 0\ errors,\ 0\ warnings$ ]] ||
  fail "unexpected summary: $summary"
(( BASH_REMATCH[1] >= 3 && BASH_REMATCH[2] >= 6 && BASH_REMATCH[3] >= 15 &&
   BASH_REMATCH[4] >= 25 && BASH_REMATCH[5] >= 80 )) || fail "demo smaller than required: $summary"

# The stewards table is saved as Excel does in China: GB18030, not UTF-8.
python3 - <<'PY' || fail "content/stewards.csv is not GB18030 with Chinese headers"
raw = open("content/stewards.csv", "rb").read()
try:
    raw.decode("utf-8")
    raise SystemExit(1)
except UnicodeDecodeError:
    pass
assert raw.decode("gb18030").startswith("编号")
PY

"$HGJ" --help | grep "^  check " >/dev/null || fail "--help lists no check command"
"$HGJ" --help | grep "2  usage error" >/dev/null || fail "--help documents no exit codes"
"$HGJ" --version | grep -Eq '^hgj [0-9]+\.[0-9]+\.[0-9]+$' || fail "--version"
"$HGJ" check --help | grep -- "--strict" >/dev/null || fail "check --help"
set +e
"$HGJ" frobnicate 2>/dev/null; [ $? -eq 2 ] || fail "unknown command must exit 2"
"$HGJ" check --no-such-option 2>/dev/null; [ $? -eq 2 ] || fail "unknown option must exit 2"
"$HGJ" 2>/dev/null; [ $? -eq 2 ] || fail "no command must exit 2"
echo "1 passed, 0 failed"
