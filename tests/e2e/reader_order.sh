#!/usr/bin/env bash
# The readers' order in every output of `hgj build` (core/include/hgj/order.h): 排序
# first, then names with numbers by value (德坪坝小区2幢 before 10幢), people by pinyin
# (李 王 张, where ids and code points say 张 王 李) — on the site's pages, in the public
# JSON and search index, in a community's boards and card sheets (pdftotext) and in the
# kiosk bundle, whose order the kiosk picker shows as it is.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
for tool in pdftotext python3; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool not found (apt-get install poppler-utils python3)"; exit 1; }
done
cd "$HGJ_SOURCE_DIR"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795000000

"$HGJ" build --content tests/fixtures/reader_order --out "$tmp/public" 2>"$tmp/err" ||
  { cat "$tmp/err"; fail "hgj build failed on the reader_order fixture"; }
grep -v '^hgj build: ' "$tmp/err" && fail "hgj build printed diagnostics"
for f in community/dpb/index.html print/community/dpb-boards.pdf print/community/dpb-cards.pdf kiosk/bundle.json; do
  [ -s "$tmp/public/$f" ] || fail "missing $f"
done
pdftotext -enc UTF-8 "$tmp/public/print/community/dpb-boards.pdf" "$tmp/boards.txt"
pdftotext -enc UTF-8 "$tmp/public/print/community/dpb-cards.pdf" "$tmp/cards.txt"

python3 - "$tmp/public" "$tmp" <<'PY'
import json, os, re, sys
public, tmp = sys.argv[1], sys.argv[2]
failures = []

def text(path):
    raw = open(path, encoding="utf-8").read()
    return re.sub(r"\s+", "", raw)  # a name wrapped across lines in a PDF is still found

def in_order(where, body, names):
    at = [body.find(n) for n in names]
    if -1 in at:
        failures.append("%s: %s not found" % (where, names[at.index(-1)]))
    elif at != sorted(at):
        shown = [n for _, n in sorted(zip(at, names))]
        failures.append("%s: %s, expected %s" % (where, " ".join(shown), " ".join(names)))

buildings = ["德坪坝会所", "德坪坝小区1幢", "德坪坝小区2幢", "德坪坝小区10幢"]  # 会所 has 排序 1
people = ["李秀英", "王建国", "张桂兰"]
communities = ["中心社区", "德坪坝社区", "和平社区"]  # 中心 has 排序 1

community_page = text(os.path.join(public, "community/dpb/index.html"))
in_order("community page buildings", community_page, buildings)
in_order("community page grids", community_page, ["德坪坝2网格", "德坪坝10网格"])
in_order("community page stewards of 2幢", community_page, people)
in_order("communities page", text(os.path.join(public, "communities/index.html")), communities)
in_order("home page", text(os.path.join(public, "index.html")), communities)
in_order("grid page", text(os.path.join(public, "grid/g2/index.html")), buildings[1:3])
in_order("building page stewards", text(os.path.join(public, "building/b-b/index.html")), people)
# s4 is given 10幢, 1幢 and 会所 in that order; the issues make a statistics row per community.
in_order("steward page buildings", text(os.path.join(public, "steward/s4/index.html")),
         ["德坪坝会所", "德坪坝小区1幢", "德坪坝小区10幢"])
in_order("statistics by community", text(os.path.join(public, "stats/index.html")), communities)

in_order("community boards PDF", text(os.path.join(tmp, "boards.txt")), buildings)
boards = open(os.path.join(tmp, "boards.txt"), encoding="utf-8").read().split("\f")
board = re.sub(r"\s+", "", next((p for p in boards if "德坪坝小区2幢" in re.sub(r"\s+", "", p)), ""))
in_order("board of 德坪坝小区2幢", board, people)
in_order("community card sheets PDF", text(os.path.join(tmp, "cards.txt")), buildings)

def ids(items): return [x["id"] for x in items]
def expect(where, got, want):
    if got != want: failures.append("%s: %s, expected %s" % (where, got, want))

all_buildings = ["b-d", "b-c", "b-b", "b-a", "hp-1", "zx-1"]
all_stewards = ["s3", "s2", "s1", "s4", "s5"]  # li wang zhang zhao zhou
bundle = json.load(open(os.path.join(public, "kiosk/bundle.json"), encoding="utf-8"))
expect("bundle communities", ids(bundle["communities"]), ["zx", "dpb", "hp"])
expect("bundle grids", ids(bundle["grids"]), ["g2", "g10"])
expect("bundle buildings", ids(bundle["buildings"]), all_buildings)
expect("bundle stewards", ids(bundle["stewards"]), all_stewards)
expect("buildings.json", ids(json.load(open(os.path.join(public, "buildings.json"), encoding="utf-8"))), all_buildings)
expect("stewards.json", ids(json.load(open(os.path.join(public, "stewards.json"), encoding="utf-8"))), all_stewards)
b_b = next(b for b in json.load(open(os.path.join(public, "buildings.json"), encoding="utf-8")) if b["id"] == "b-b")
expect("buildings.json stewards of b-b", b_b["stewards"], ["s3", "s2", "s1"])
s4 = next(s for s in json.load(open(os.path.join(public, "stewards.json"), encoding="utf-8")) if s["id"] == "s4")
expect("stewards.json buildings of s4", [r["building"] for r in s4["buildings"]], ["b-d", "b-c", "b-a"])
expect("bundle buildings of s4", [r["building"] for r in bundle["stewards"][3]["buildings"]], ["b-d", "b-c", "b-a"])
search = json.load(open(os.path.join(public, "search.json"), encoding="utf-8"))
expect("search.json", [x["n"] for x in search][:4], buildings)

for f in failures: print("FAIL: " + f)
sys.exit(1 if failures else 0)
PY
echo "reader_order: site, JSON, boards, cards and bundle in the readers' order"
