#!/usr/bin/env bash
# `hgj studio user add|passwd|remove|list` through the real binary: passwords come from
# standard input (a pipe: its first line; a terminal: twice, not echoed), never from the
# arguments; users.json is 0600 in a 0700 folder and holds hashes only; every refusal is
# the whole Chinese message, exit 2, nothing written; the state folder follows
# --state, then $STATE_DIRECTORY, then $XDG_STATE_HOME.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
command -v python3 >/dev/null || { echo "FAIL: python3 is required"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
zh() { env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" "$@"; }
state="$work/state"
pw1='Hong-guanjia 2026!' pw2='新的密码 second one' pw3='third password here'

# run EXPECTED-CODE STDIN ARGS…: runs hgj in Chinese with STDIN piped in; out/err kept.
run() {
  local want=$1 input=$2; shift 2
  set +e
  printf '%s\n' "$input" | zh "$@" >"$work/out" 2>"$work/err"
  local code=$?
  set -e
  [ "$code" -eq "$want" ] || fail "hgj $*: exit $code, expected $want; stderr: $(cat "$work/err")"
  for secret in "$pw1" "$pw2" "$pw3"; do
    ! grep -qF "$secret" "$work/out" "$work/err" || fail "hgj $* printed a password"
  done
}
same() { [ "$1" = "$2" ] || fail "$3: got \"$1\", want \"$2\""; }

"$HGJ" --help | grep -q '^  studio ' || fail "hgj --help does not list studio"

# add: a pipe gives the password; the account is stored hashed, private.
run 0 "$pw1" studio user add 王芳 --role editor --community tianping --community xinyuan --state "$state"
same "$(cat "$work/out")" "hgj studio user: 已添加账户 王芳（编辑，社区：tianping,xinyuan）" "add"
[ ! -s "$work/err" ] || fail "add wrote to stderr: $(cat "$work/err")"
same "$(stat -c %a "$state")" 700 "state folder mode"
same "$(stat -c %a "$state/users.json")" 600 "users.json mode"
run 0 "$pw2" studio user add zhao.li --role publisher --state "$state"
same "$(cat "$work/out")" "hgj studio user: 已添加账户 zhao.li（发布人，社区：全部）" "add publisher"
for secret in "$pw1" "$pw2"; do ! grep -qF "$secret" "$state/users.json" || fail "users.json holds a password"; done
[ "$(grep -c '"\$argon2id\$v=19\$m=65536,t=2,p=1\$' "$state/users.json")" -eq 2 ] || fail "users.json: $(cat "$state/users.json")"

# list: a table with the creation time in local time.
run 0 "" studio user list --state "$state"
created() {  # the creation time of account N of users.json, as hgj lists it
  date -d "@$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["users"][int(sys.argv[2])]["created"])' \
    "$state/users.json" "$1")" '+%Y-%m-%d %H:%M'
}
same "$(cat "$work/out")" "用户名   角色                 社区              创建时间
王芳     editor（编辑）       tianping,xinyuan  $(created 0)
zhao.li  publisher（发布人）  全部              $(created 1)" "list"

# Refusals: the whole message, exit 2, users.json as it was.
cp "$state/users.json" "$work/before.json"
refused() {  # message, stdin, args…
  local message=$1 input=$2; shift 2
  run 2 "$input" "$@"
  same "$(cat "$work/err")" "$message" "hgj $*"
  [ ! -s "$work/out" ] || fail "hgj $* wrote to stdout: $(cat "$work/out")"
  cmp -s "$state/users.json" "$work/before.json" || fail "hgj $* changed users.json"
}
refused "hgj studio user: 已经有名为“王芳”的账户，没有改动它；要改密码用 hgj studio user passwd 王芳" \
  "$pw3" studio user add 王芳 --role publisher --state "$state"
refused "hgj studio user: 已经有名为“zhao.li”的账户，没有改动它；要改密码用 hgj studio user passwd zhao.li" \
  "" studio user add ZHAO.LI --role publisher --state "$state"  # refused before the password
refused "hgj studio user: 密码太短：至少要 8 个字符，短密码几分钟就能被试出来" \
  "1234567" studio user add li --role editor --state "$state"
refused "hgj studio user: 密码不能和用户名一样" "lisi2026" studio user add lisi2026 --role editor --state "$state"
refused "hgj studio user: 没有从标准输入读到密码（第一行就是密码）" "" studio user add li --role editor --state "$state"
refused "hgj studio user: “li si”不能作为用户名：用户名只能用 1 到 32 个汉字、英文字母、数字或 . _ - ·，不能以 . - · 开头" \
  "$pw3" studio user add "li si" --role editor --state "$state"
refused "hgj studio user: 要用 --role editor 或 --role publisher 写明角色" "$pw3" studio user add li --state "$state"
refused "hgj studio user: 角色只能是 editor（编辑）或 publisher（发布人），不是“admin”" \
  "$pw3" studio user add li --role admin --state "$state"
refused "hgj studio user: “天平”不是有效的社区编号：只能用英文字母、数字、- 和 _" \
  "$pw3" studio user add li --role editor --community 天平 --state "$state"
refused "hgj studio user: $HGJ_SOURCE_DIR/content 里没有编号为“nowhere”的社区（有：fangkou, tianping, xinyuan）" \
  "$pw3" studio user add li --role editor --community nowhere --content "$HGJ_SOURCE_DIR/content" --state "$state"
refused "hgj studio user: 没有名为“li”的账户（hgj studio user list 列出所有账户）" "" studio user passwd li --state "$state"
refused "hgj studio user: 没有名为“li”的账户（hgj studio user list 列出所有账户）" "" studio user remove li --state "$state"
refused "hgj studio user: 要写明用户名，例如 hgj studio user remove 王芳" "" studio user remove --state "$state"
refused "hgj studio user: --role 和 --community 只用于 user add" "$pw3" studio user passwd 王芳 --role publisher --state "$state"
# A password on the command line is not an option at all.
run 2 "" studio user add li --role editor --password "$pw3" --state "$state"
grep -q -- "--password" "$work/err" || fail "--password: $(cat "$work/err")"
cmp -s "$state/users.json" "$work/before.json" || fail "--password changed users.json"
run 2 "" studio user frobnicate --state "$state"
same "$(head -1 "$work/err")" "hgj studio user: 不认识“frobnicate”，可以用 add、passwd、remove 或 list" "unknown action"
run 2 "" studio --content "$work/none"
same "$(cat "$work/err")" "hgj studio: $work/none 不是内容文件夹（里面没有 site.toml）：请用 --content 指向内容文件夹" "studio without content"
# With accounts required and none made, the server says how to make the first one.
run 2 "" studio --content "$HGJ_SOURCE_DIR/content" --accounts --no-browser --state "$work/empty-state"
same "$(cat "$work/err")" "hgj studio: 还没有账号，谁也登录不了。先建一个：hgj studio user add 名字 --role publisher --state $work/empty-state" "studio without accounts"

# --content: a community of that folder is accepted.
run 0 "$pw3" studio user add li --role editor --community fangkou --content "$HGJ_SOURCE_DIR/content" --state "$state"
same "$(cat "$work/out")" "hgj studio user: 已添加账户 li（编辑，社区：fangkou）" "add with --content"

# While hgj waits for the password, `ps` shows no password: it is not in the arguments.
mkfifo "$work/fifo"
env -u LC_ALL -u LC_MESSAGES -u LANG "$HGJ" studio user passwd 王芳 --state "$state" \
  <"$work/fifo" >"$work/passwd.out" 2>"$work/passwd.err" &
pid=$!
exec 3>"$work/fifo"
for _ in $(seq 50); do grep -q "studio" "/proc/$pid/cmdline" 2>/dev/null && break; sleep 0.1; done
args=$(tr '\0' ' ' <"/proc/$pid/cmdline")
same "$args" "$HGJ studio user passwd 王芳 --state $state " "ps-visible arguments"
ps -o args= -p "$pid" | grep -qF "$pw3" && fail "ps shows the password"
old_hash=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["users"][0]["password_hash"])' "$state/users.json")
printf '%s\n' "$pw3" >&3
exec 3>&-
wait "$pid" || fail "passwd through a pipe failed: $(cat "$work/passwd.err")"
same "$(cat "$work/passwd.out")" "hgj studio user: 已修改 王芳 的密码；用旧密码登录的浏览器都已退出登录" "passwd"
python3 - "$state/users.json" "$old_hash" <<'PY' || fail "passwd did not replace the hash and its version"
import json, sys
user = json.load(open(sys.argv[1]))["users"][0]
assert user["name"] == "王芳" and user["password_hash"] != sys.argv[2] and user["password_version"] == 2, user
PY
! grep -qF "$pw3" "$state/users.json" || fail "users.json holds the new password"

# A terminal: asked twice without echo; two different answers change nothing.
cat >"$work/on_terminal.py" <<'PY'
import os, pty, sys
hgj, state, first, second = sys.argv[1:5]
env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
pid, fd = pty.fork()
if pid == 0:
    os.execve(hgj, [hgj, "studio", "user", "passwd", "zhao.li", "--state", state], env)
seen = b""
def until(text):
    global seen
    while text.encode() not in seen:
        chunk = os.read(fd, 1024)
        if not chunk:
            sys.exit("no prompt %r in %r" % (text, seen.decode()))
        seen += chunk
until("zhao.li 的新密码（不显示）：")
os.write(fd, (first + "\n").encode())
until("再输入一次：")
os.write(fd, (second + "\n").encode())
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
code = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
sys.stdout.write(seen.decode().replace("\r\n", "\n"))
sys.exit(code)
PY
cp "$state/users.json" "$work/before.json"
set +e
python3 "$work/on_terminal.py" "$HGJ" "$state" "$pw1" "$pw2" >"$work/tty.out" 2>&1
code=$?
set -e
same "$code" 2 "terminal passwd with two different passwords: $(cat "$work/tty.out")"
same "$(tail -1 "$work/tty.out")" "hgj studio user: 两次输入的密码不一样，没有改动" "terminal mismatch"
cmp -s "$state/users.json" "$work/before.json" || fail "a mismatch changed users.json"
python3 "$work/on_terminal.py" "$HGJ" "$state" "$pw1" "$pw1" >"$work/tty.out" 2>&1 ||
  fail "terminal passwd failed: $(cat "$work/tty.out")"
same "$(tail -1 "$work/tty.out")" "hgj studio user: 已修改 zhao.li 的密码；用旧密码登录的浏览器都已退出登录" "terminal passwd"
! grep -qF "$pw1" "$work/tty.out" || fail "the terminal echoed the password"
cmp -s "$state/users.json" "$work/before.json" && fail "terminal passwd did not change users.json"

# remove, then list again.
run 0 "" studio user remove 王芳 --state "$state"
same "$(cat "$work/out")" "hgj studio user: 已删除账户 王芳；它登录的浏览器都已退出登录" "remove"
run 0 "" studio user list --state "$state"
same "$(cut -d' ' -f1 "$work/out" | tr '\n' ' ')" "用户名 zhao.li li " "list after remove"
same "$(stat -c %a "$state/users.json")" 600 "users.json mode after changes"
[ "$(ls "$state")" = "$(printf 'users.json\nusers.json.lock')" ] || fail "state folder holds: $(ls "$state")"

# English when asked.
set +e
"$HGJ" --lang en studio user remove nobody --state "$state" >/dev/null 2>"$work/err.en"
set -e
same "$(cat "$work/err.en")" "hgj studio user: there is no account named \"nobody\" (hgj studio user list lists them)" "--lang en"

# A damaged users.json is said so and left as it is, never taken for an empty store.
printf '{"users": [\n  {"name": "li",\n' >"$state/users.json"
cp "$state/users.json" "$work/damaged.json"
refused_damaged="hgj studio user: $state/users.json:3：账户文件已损坏，不是有效的 JSON。没有改动它；请从备份恢复它"
cp "$state/users.json" "$work/before.json"
refused "$refused_damaged" "" studio user list --state "$state"
refused "$refused_damaged" "$pw3" studio user add wang --role editor --state "$state"

# The default state folder: $STATE_DIRECTORY (systemd), else $XDG_STATE_HOME/hgj/studio.
printf '%s\n' "$pw1" | env -u LC_ALL -u LC_MESSAGES -u LANG STATE_DIRECTORY="$work/systemd" "$HGJ" \
  studio user add wang --role editor >/dev/null
[ -f "$work/systemd/users.json" ] || fail "\$STATE_DIRECTORY was not used"
printf '%s\n' "$pw1" | env -u LC_ALL -u LC_MESSAGES -u LANG -u STATE_DIRECTORY XDG_STATE_HOME="$work/xdg" "$HGJ" \
  studio user add wang --role editor >/dev/null
same "$(stat -c %a "$work/xdg/hgj/studio/users.json")" 600 "XDG_STATE_HOME users.json"
echo "studio_user: all passed"
