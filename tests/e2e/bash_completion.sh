#!/usr/bin/env bash
# The shipped bash completions offer what the programs accept: commands and each
# command's options come from hgj's own --help, the kiosk's options from hgj-kiosk --help.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
ln -s "$(readlink -f "$HGJ")" "$bin/hgj"
ln -s "$(readlink -f "$HGJ_KIOSK")" "$bin/hgj-kiosk"
export PATH="$bin:$PATH"
# shellcheck source=/dev/null
source "$HGJ_SOURCE_DIR/packaging/bash-completion/hgj"
# shellcheck source=/dev/null
source "$HGJ_SOURCE_DIR/packaging/bash-completion/hgj-kiosk"
complete_words() {  # function, then the words typed; prints the offers, one line
  local fn=$1; shift
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  "$fn"
  printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' '
}
passed=0
check() {  # what, got, want
  [ "$2" = "$3" ] || fail "$1: got \"$2\", want \"$3\""
  passed=$((passed + 1))
}
check "commands" "$(complete_words _hgj hgj b)" "build bundle "
check "build options" "$(complete_words _hgj hgj build --no-)" "--no-cache --no-kiosk --no-print "
check "print --paper" "$(complete_words _hgj hgj print --paper "")" "A3 A4 "
check "new kinds" "$(complete_words _hgj hgj new st)" "steward "
check "kiosk options" "$(complete_words _hgj_kiosk hgj-kiosk --ver)" "--verbose --version "
check "kiosk --rotate" "$(complete_words _hgj_kiosk hgj-kiosk --rotate 1)" "180 "
echo "$passed passed, 0 failed"
