#!/usr/bin/env bash
# A SOURCE_DATE_EPOCH that is not a number of seconds: every command that dates its output
# (build, print, bundle, diff) says the same thing, naming the value, exits 2 and writes
# nothing (hgj bundle and hgj print once said only "stoll").
set -euo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
source "$HGJ_SOURCE_DIR/tests/e2e/lib/chinese_messages.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

zh='环境变量 SOURCE_DATE_EPOCH 是“%s”，要写成从 1970-01-01 起的秒数（例如 1795465800），或者不设置'
en='SOURCE_DATE_EPOCH is "%s"; it must be a number of seconds since 1970-01-01 (e.g. 1795465800), or unset'
for value in abc 12x 99999999999999999999 ' 5'; do
  for command in print bundle diff build; do
    args=(--content "$HGJ_SOURCE_DIR/content")
    case $command in diff) args+=(--since "$HGJ_SOURCE_DIR/content") ;; *) args+=(--out "out-$command") ;; esac
    code=0
    SOURCE_DATE_EPOCH=$value "$HGJ" "$command" "${args[@]}" > /dev/null 2> err || code=$?
    [ "$code" = 2 ] || fail "$command with SOURCE_DATE_EPOCH=\"$value\": exit $code"
    # shellcheck disable=SC2059
    want=$(printf "$zh" "$value")
    case $command in
      build) grep -qxF "hgj: 错误：$want" err || fail "build: $(cat err)" ;;
      *) [ "$(cat err)" = "hgj $command: $want" ] || fail "$command: $(cat err)" ;;
    esac
    [ ! -e "out-$command" ] || fail "$command wrote out-$command"
  done
done
# shellcheck disable=SC2059
want=$(printf "$en" abc)
SOURCE_DATE_EPOCH=abc "$HGJ" bundle --content "$HGJ_SOURCE_DIR/content" --out o --lang en > /dev/null 2> err || true
[ "$(cat err)" = "hgj bundle: $want" ] || fail "English: $(cat err)"
# A number is a date, 0 included.
SOURCE_DATE_EPOCH=0 "$HGJ" bundle --content "$HGJ_SOURCE_DIR/content" --out ok > /dev/null 2> err || fail "SOURCE_DATE_EPOCH=0: $(cat err)"
echo "source_date_epoch: one message from build, print, bundle and diff: ok"
