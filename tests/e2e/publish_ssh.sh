#!/usr/bin/env bash
# `hgj publish` over SSH: rsync to a real sshd (Debian openssh-server) the test starts on
# 127.0.0.1 at a free port, with a host key and a user key of its own. The served folder
# (nginx, shipped configuration) never has a broken link while a transfer breaks at each
# pass, and the next publish completes it; a server that refuses the key fails at once
# (no password prompt), with ssh's reason.
set -euo pipefail
source "$(dirname "$0")/lib/chinese_messages.sh"
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
fail() { echo "FAIL: $*"; exit 1; }
for tool in curl python3 rsync ssh ssh-keygen; do command -v $tool > /dev/null || fail "$tool is missing (scripts/deps.sh)"; done
sshd_bin=/usr/sbin/sshd
[ -x "$sshd_bin" ] || fail "$sshd_bin is missing (scripts/deps.sh installs openssh-server)"
tmp=$(mktemp -d)
sshd_pid=
. "$HGJ_SOURCE_DIR/tests/e2e/lib/nginx.sh"
. "$HGJ_SOURCE_DIR/tests/e2e/lib/publish.sh"
trap 'stop_nginx; [ -n "$sshd_pid" ] && kill "$sshd_pid" 2> /dev/null; rm -rf "$tmp"' EXIT

# sshd: its own host key, one authorized user key, nothing of the machine's.
ssh-keygen -q -t ed25519 -N '' -f "$tmp/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/user_key"
ssh-keygen -q -t ed25519 -N '' -f "$tmp/other_key"
cp "$tmp/user_key.pub" "$tmp/authorized_keys"
sshd_port=$(free_port)
user=$(id -un)
cat > "$tmp/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $sshd_port
HostKey $tmp/host_key
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
AllowUsers $user
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
StrictModes no
UsePAM no
CONF
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd
"$sshd_bin" -D -e -f "$tmp/sshd_config" 2> "$tmp/sshd.log" &
sshd_pid=$!
echo "[127.0.0.1]:$sshd_port $(cat "$tmp/host_key.pub")" > "$tmp/known_hosts"
export RSYNC_RSH="ssh -F /dev/null -i $tmp/user_key -o IdentitiesOnly=yes -o UserKnownHostsFile=$tmp/known_hosts -o StrictHostKeyChecking=yes"
for _ in $(seq 1 100); do
  $RSYNC_RSH -p "$sshd_port" -o BatchMode=yes "$user@127.0.0.1" true 2> /dev/null && break
  kill -0 "$sshd_pid" 2> /dev/null || { cat "$tmp/sshd.log"; fail "sshd exited"; }
  sleep 0.1
done
$RSYNC_RSH -p "$sshd_port" -o BatchMode=yes "$user@127.0.0.1" true || { cat "$tmp/sshd.log"; fail "cannot log in to the test's sshd"; }

make_sites
make_fault_wrapper rsync
served="$tmp/www/hgj"
mkdir -p "$served"
port=$(free_port)
start_nginx "$tmp/nginx" "$(local_site_conf "$port" "$served")" "$port"
url="http://127.0.0.1:$port/"
target="ssh://$user@127.0.0.1:$sshd_port$served"

# A dry run over SSH lists and changes nothing.
"$HGJ" publish --out "$tmp/a" --to "$target" --dry-run > "$tmp/dry.out" 2> "$tmp/dry.err" ||
  { cat "$tmp/dry.err"; fail "the dry run over SSH failed"; }
grep -qx '新增 index.html' "$tmp/dry.out" || { cat "$tmp/dry.out"; fail "the dry run does not list index.html"; }
[ -z "$(ls -A "$served")" ] || fail "the dry run wrote into the target"

publish_round "$target" "$served" "$url" rsync

# The same target as user@host:folder, with the port from the operator's RSYNC_RSH.
RSYNC_RSH="$RSYNC_RSH -p $sshd_port" "$HGJ" publish --out "$tmp/a" --to "$user@127.0.0.1:$served" > "$tmp/pub.out" 2> "$tmp/pub.err" ||
  { cat "$tmp/pub.err"; fail "publishing to user@host:folder failed"; }
diff -r "$tmp/a" "$served" > /dev/null || fail "user@host:folder did not receive A"

# A key the server does not accept: no prompt, ssh's reason, exit 2, the site as it was.
code=0
RSYNC_RSH="${RSYNC_RSH/user_key/other_key}" timeout 60 "$HGJ" publish --out "$tmp/b" --to "$target" 2> "$tmp/err" < /dev/null || code=$?
[ "$code" -eq 2 ] || { cat "$tmp/err"; fail "a refused key exited $code"; }
grep -q "Permission denied" "$tmp/err" || { cat "$tmp/err"; fail "ssh's reason is not shown"; }
# ssh exits 255; rsync passes that on, or, when it sees its pipe close first, exits 12
# (protocol stream error) — the same refusal, told with whichever code rsync gave.
tail -n 1 "$tmp/err" | grep -Ex "hgj publish: 发布目标 $target 无法访问（rsync 退出码 (255|12)），什么都没有改" > /dev/null ||
  { cat "$tmp/err"; fail "the refused-key message"; }
diff -r "$tmp/a" "$served" > /dev/null || fail "a refused publish changed the site"
echo "publish_ssh: ok"
