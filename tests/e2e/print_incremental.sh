#!/usr/bin/env bash
# Incremental print (print/print_recipes.h): after each edit of a copy of the demo
# content — a phone, a name, a photo swapped, a steward resigned or moved to another
# building, an issue added, a print string of a theme copy, the date, the paper, then a
# random sequence of the same — `hgj build` into the existing output must leave print/
# byte for byte as a full build into an empty folder does, and say that it reused the
# boards an edit did not touch. print/reprint.json lists the boards and card sheets whose
# printed content changed — not those merely laid out again — as `hgj diff` does before
# the build. A build killed while it takes files from the output it replaces leaves that
# output whole, and the next build is exact again.
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
  # (reprint.json is what changed against the output replaced: a fresh folder has none.)
  diff -r -x reprint.json "$work/inc/print" "$work/full-$step/print" > "$work/diff" || { head -5 "$work/diff"; fail "$what: print/ differs from a full build"; }
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

# print/reprint.json as "compared boards cards": the buildings listed, each with its why.
reprinted() {
  python3 - "$1/print/reprint.json" << 'EOF'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
items = lambda k: ",".join(f"{i['building']}:{i['why']}" for i in j[k]) or "-"
print(str(j["compared"]).lower(), items("boards"), items("cards"))
EOF
}

check "first build" none
[ "$(reprinted "$work/inc")" = "false - -" ] || fail "first build: reprint.json $(reprinted "$work/inc")"
check "no change" some
grep -q '公示牌 重排 0 张、沿用 16 张；联户卡 重排 0 张、沿用 16 张；社区合订本 重新合并 0 个、沿用 3 个' "$work/inc.err" ||
  fail "no change: $(grep 公示牌 "$work/inc.err")"
[ "$(reprinted "$work/inc")" = "true - -" ] || fail "no change: reprint.json $(reprinted "$work/inc")"

# One phone on one board and its card sheet: `hgj diff` against the output lists them
# before the build, and the build's reprint.json after it, --full or not.
sed -i 's/138 0000 0009/138 0000 0099/' "$content/stewards.csv"
"$HGJ" diff --content "$content" --since "$work/inc" --json > "$work/diff.json" 2> /dev/null || fail "hgj diff"
check "one phone" some
[ "$(reprinted "$work/inc")" = "true dpb-03:changed dpb-03:changed" ] || fail "one phone: reprint.json $(reprinted "$work/inc")"
python3 - "$work/diff.json" "$work/inc/print/reprint.json" << 'EOF' || fail "hgj diff and reprint.json list other boards"
import json, sys
diff, built = (json.load(open(f, encoding="utf-8")) for f in sys.argv[1:])
key = lambda items: [(i["building"], i["why"]) for i in items]
for k in ("boards", "cards"):
    assert key(diff["reprint"][k]) == key(built[k]), (k, diff["reprint"][k], built[k])
assert built["boards"][0]["pages"] == 1 and built["cards"][0]["pages"] >= 1, built
EOF
sed -i 's/138 0000 0099/138 0000 0009/' "$content/stewards.csv"
"$HGJ" build --full --content "$content" --out "$work/inc" --no-kiosk > /dev/null 2>&1 || fail "--full build"
[ "$(reprinted "$work/inc")" = "true dpb-03:changed dpb-03:changed" ] || fail "--full: reprint.json $(reprinted "$work/inc")"
for kind in phone name photo move issue; do
  python3 "$HGJ_SOURCE_DIR/tests/e2e/lib/edit_content.py" "$content" "$kind" "$step" || fail "edit $kind"
  check "$kind" some
done
grep -q '联户卡 重排 0 张、沿用 16 张' "$work/inc.err" || fail "an issue reprinted card sheets: $(grep 公示牌 "$work/inc.err")"

# A resigned steward's name leaves the boards, and characters with it; a new name brings
# one no board printed: the run's cut-down fonts change, the other boards do not.
python3 "$HGJ_SOURCE_DIR/tests/e2e/lib/edit_content.py" "$content" resign "$step" || fail "edit resign"
check "resign" some
python3 "$HGJ_SOURCE_DIR/tests/e2e/lib/edit_content.py" "$content" new-character "$step" || fail "edit new-character"
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
# The date: every PDF carries it, and every board is laid out again; none prints other
# content (nor does the print string above: the digests leave the theme's words out).
SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + 86400)) check "date" none
[ "$(reprinted "$work/inc")" = "true - -" ] || fail "date: reprint.json $(reprinted "$work/inc")"
export SOURCE_DATE_EPOCH=$((SOURCE_DATE_EPOCH + 86400))
python3 "$HGJ_SOURCE_DIR/tests/e2e/lib/edit_content.py" "$content" paper 0 || fail "edit paper"
check "paper" none

# A random sequence of the same edits (the seed is printed to replay a failure).
seed=${PRINT_INCREMENTAL_SEED:-$RANDOM}
echo "print_incremental: random edits, seed $seed"
kinds=(phone name photo resign move issue paper new-character)
for i in 1 2 3 4 5 6; do
  kind=${kinds[$(( (seed * 7 + i * 13) % ${#kinds[@]} ))]}
  python3 "$HGJ_SOURCE_DIR/tests/e2e/lib/edit_content.py" "$content" "$kind" "$((seed + i))" || fail "edit $kind"
  check "random $i: $kind" any
done

# Killed while taking files from the output it replaces: that output stays whole.
. "$HGJ_SOURCE_DIR/tests/e2e/lib/kill_builds.sh"
kill_during_builds "0.05 0.2 0.4 0.6" "$work/inc" print/.recipes.json index.html -- \
  --content "$content" --no-kiosk "${theme_args[@]}"

[ "$failures" -eq 0 ] || { echo "print_incremental: $failures failures"; exit 1; }
echo "print_incremental: ok"
