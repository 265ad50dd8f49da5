#!/usr/bin/env bash
# Incremental print (print/print_recipes.h): after each edit of a copy of the demo
# content — a phone, a name, a photo swapped, a steward resigned or moved to another
# building, an issue added, a print string of a theme copy, the date, the paper, then a
# random sequence of the same — `hgj build` into the existing output must leave print/
# byte for byte as a full build into an empty folder does, and say that it reused the
# boards an edit did not touch. A build killed while it takes files from the output it
# replaces leaves that output whole, and the next build is exact again.
set -uo pipefail
: "${HGJ:?HGJ must point at the hgj binary}" "${HGJ_SOURCE_DIR:?}"
command -v python3 > /dev/null || { echo "FAIL: python3 not found"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1795518000 HGJ_CACHE_DIR="$work/cache"
unset LC_ALL LC_MESSAGES LANG  # the report in Chinese, as staff read it
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

content="$work/content"
cp -r "$HGJ_SOURCE_DIR/content" "$content"
theme_args=()
step=0

# Edits the content copy: edit.py KIND (python, so the GB18030 stewards.csv stays so).
cat > "$work/edit.py" <<'PY'
import os, random, re, shutil, sys
content, kind, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(seed)
def table(name):
    path = os.path.join(content, name)
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "gb18030"):
        try: return path, raw.decode(enc), enc
        except UnicodeDecodeError: pass
def set_field(md, key, value):
    path = os.path.join(content, "stewards", md + ".md")
    text = open(path, encoding="utf-8").read()
    head, rest = text.split("+++\n", 2)[1], text.split("+++\n", 2)[2]
    lines = [l for l in head.splitlines() if not l.startswith(key + " =")]
    lines.append(f'{key} = "{value}"')
    open(path, "w", encoding="utf-8").write("+++\n" + "\n".join(lines) + "\n+++\n" + rest)
active = [m[:-3] for m in sorted(os.listdir(os.path.join(content, "stewards")))
          if 'status = "离任"' not in open(os.path.join(content, "stewards", m), encoding="utf-8").read()]
who = rng.choice(active)
if kind == "phone":
    set_field(who, "phone", "139 %04d %04d" % (rng.randrange(10000), rng.randrange(10000)))
elif kind == "name":
    # Two stewards swap names: the run prints the same characters.
    other = rng.choice([m for m in active if m != who])
    name = lambda m: re.search(r'^name = "(.*)"', open(os.path.join(content, "stewards", m + ".md"), encoding="utf-8").read(), re.M).group(1)
    a, b = name(who), name(other)
    set_field(who, "name", b); set_field(other, "name", a)
elif kind == "new-character":
    # One the run never printed: the fonts cut down for the run change.
    set_field(who, "name", "王" + chr(0x9451 + seed % 7))
elif kind == "photo":
    a, b = (os.path.join(content, "photos", f) for f in ("HF-001.jpg", "HF-002.jpg"))
    shutil.move(a, a + ".swap"); shutil.move(b, a); shutil.move(a + ".swap", b)
elif kind == "resign":
    set_field(who, "status", "离任"); set_field(who, "left_on", "2026-11-01")
elif kind == "move":
    path, text, enc = table("buildings.csv")
    ids = [l.split(",")[0] for l in text.splitlines()[1:] if l]
    set_field(who, "buildings", rng.choice(ids))
elif kind == "issue":
    path, text, enc = table("issues.csv")
    n = sum(1 for _ in text.splitlines())
    text = text.rstrip("\n") + f"\nSX-2026-9{n:02d},楼道灯不亮,设施维修,dpb-03,2026-11-02,,,,,,,HF-001,,,,,\n"
    open(path, "w", encoding=enc).write(text)
elif kind == "paper":
    path = os.path.join(content, "site.toml")
    text = open(path, encoding="utf-8").read()
    now = re.search(r'paper = "(A\d)"', text).group(1)
    open(path, "w", encoding="utf-8").write(text.replace(f'paper = "{now}"', 'paper = "%s"' % ("A4" if now == "A3" else "A3")))
else:
    sys.exit("unknown edit " + kind)
PY

# The counts of the build's report line: boards laid out, boards reused.
reused() { sed -n 's/.*公示牌 重排 \([0-9,]*\) 张、沿用 \([0-9,]*\) 张.*/\2/p' "$1" | tr -d ,; }

# Builds incrementally into $work/inc and afresh into $work/full-N; print/ must match.
# $2: "some" when the report must show reused boards, "none" when it must not.
check() {
  local what=$1 expect=$2
  step=$((step + 1))
  "$HGJ" build --content "$content" --out "$work/inc" --no-kiosk "${theme_args[@]}" > /dev/null 2> "$work/inc.err" ||
    { cat "$work/inc.err"; fail "$what: incremental build"; return; }
  "$HGJ" build --full --content "$content" --out "$work/full-$step" --no-kiosk "${theme_args[@]}" > /dev/null 2> "$work/full.err" ||
    { cat "$work/full.err"; fail "$what: full build"; return; }
  diff -r "$work/inc/print" "$work/full-$step/print" > "$work/diff" || { head -5 "$work/diff"; fail "$what: print/ differs from a full build"; }
  grep -q '公示牌 重排 [0-9,]* 张、沿用 0 张' "$work/full.err" || fail "$what: --full reused files: $(grep 公示牌 "$work/full.err")"
  local n; n=$(reused "$work/inc.err")
  case $expect in
    some) [ "${n:-0}" -gt 0 ] || fail "$what: nothing reused: $(grep 公示牌 "$work/inc.err")" ;;
    none) [ "${n:-1}" -eq 0 ] || fail "$what: reused $n boards though everything changed" ;;
  esac
  [ -s "$work/inc/print/.recipes.json" ] || fail "$what: no print/.recipes.json"
  rm -rf "$work/full-$step"
  echo "print_incremental: $what: $(grep 公示牌 "$work/inc.err" | sed 's/^hgj build: //')"
}

check "first build" none
check "no change" some
grep -q '公示牌 重排 0 张、沿用 16 张；联户卡 重排 0 张、沿用 16 张；社区合订本 重新合并 0 个、沿用 3 个' "$work/inc.err" ||
  fail "no change: $(grep 公示牌 "$work/inc.err")"
for kind in phone name photo move issue; do
  python3 "$work/edit.py" "$content" "$kind" "$step" || fail "edit $kind"
  check "$kind" some
done
grep -q '联户卡 重排 0 张、沿用 16 张' "$work/inc.err" || fail "an issue reprinted card sheets: $(grep 公示牌 "$work/inc.err")"

# A resigned steward's name leaves the boards, and characters with it; a new name brings
# one no board printed: the run's cut-down fonts change, the other boards do not.
python3 "$work/edit.py" "$content" resign "$step" || fail "edit resign"
check "resign" some
python3 "$work/edit.py" "$content" new-character "$step" || fail "edit new-character"
check "a character never printed before" some

# Doubt means laying out afresh: a file of the old output gone, the recipes unreadable,
# or written by another hgj.
rm "$work/inc/print/boards/dpb-03.pdf" "$work/inc/print/community/tianping-cards.pdf"
check "a board and a community file gone" some
grep -q '公示牌 重排 1 张、沿用 15 张；联户卡 重排 0 张、沿用 16 张；社区合订本 重新合并 1 个、沿用 2 个' "$work/inc.err" ||
  fail "files gone: $(grep 公示牌 "$work/inc.err")"
echo '{"hgj": "hgj 0.0.1", "buildings": {' > "$work/inc/print/.recipes.json"
check "unreadable recipes" none
sed -i 's/"hgj": "hgj [^"]*"/"hgj": "hgj 0.0.1"/' "$work/inc/print/.recipes.json"
check "recipes of another hgj" none

# A print string of a theme copy: every board says it.
cp -r "$HGJ_SOURCE_DIR/themes/default" "$work/mytheme"
sed -i 's/^board_title = .*/board_title = "楼道红管家公示栏"/' "$work/mytheme/print.toml"
theme_args=(--theme "$work/mytheme")
check "theme print string" none
# The date: every PDF carries it.
SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + 86400)) check "date" none
export SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + 86400))
python3 "$work/edit.py" "$content" paper 0 || fail "edit paper"
check "paper" none

# A random sequence of the same edits (the seed is printed to replay a failure).
seed=${PRINT_INCREMENTAL_SEED:-$RANDOM}
echo "print_incremental: random edits, seed $seed"
kinds=(phone name photo resign move issue paper new-character)
for i in 1 2 3 4 5 6; do
  kind=${kinds[$(( (seed * 7 + i * 13) % ${#kinds[@]} ))]}
  python3 "$work/edit.py" "$content" "$kind" "$((seed + i))" || fail "edit $kind"
  check "random $i: $kind" any
done

# Killed while taking files from the output it replaces: that output stays whole.
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
for delay in 0.05 0.2 0.4 0.6; do
  python3 "$work/edit.py" "$content" phone "$delay" 2> /dev/null || python3 "$work/edit.py" "$content" phone 1
  snapshot "$work/inc" > "$work/before"
  "$HGJ" build --content "$content" --out "$work/inc" --no-kiosk "${theme_args[@]}" > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"
  kill -KILL "$pid" 2> /dev/null
  wait "$pid" 2> /dev/null
  snapshot "$work/inc" > "$work/after"
  # Killed before the swap: the old output exactly; after it: a whole new one.
  if ! cmp -s "$work/before" "$work/after"; then
    [ -s "$work/inc/print/.recipes.json" ] && [ -f "$work/inc/index.html" ] ||
      fail "killed after $delay s: the output is neither the old one nor a whole new one"
  fi
  check "after a kill at $delay s" any
done

[ "$failures" -eq 0 ] || { echo "print_incremental: $failures failures"; exit 1; }
echo "print_incremental: ok"
