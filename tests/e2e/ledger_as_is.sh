#!/usr/bin/env bash
# A ledger as staff keep it builds unchanged (issue #22 item 2): tests/fixtures/ledger_as_is
# has ledger headers (红管家姓名, 手机号码, 政治面貌, 负责楼栋, 任职时间, 所属社区, 所属网格),
# a platform export's own headers mapped in site.toml [columns.issues], names where ids
# go, full-width digits and letters, dates with a time, a phone in Excel's exponent form
# and a landline that lost its 0. `hgj build` publishes the values they stand for.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795465800
"$HGJ" build --content tests/fixtures/ledger_as_is/content --out "$tmp/public" \
  >"$tmp/out" 2>"$tmp/err" || { cat "$tmp/err"; echo "FAIL: hgj build failed"; exit 1; }
python3 - "$tmp/public" <<'PY'
import json, sys
root = sys.argv[1]
def load(name):
    with open(f"{root}/{name}.json", encoding="utf-8") as f:
        return {item["id"]: item for item in json.load(f)}
stewards, issues, buildings = load("stewards"), load("issues"), load("buildings")
grids_ok = {b: (buildings[b]["community"], buildings[b]["grid"]) for b in buildings}
expected = {
    "stewards": {
        "LY-001": ("张桂兰", "138 0000 0001", True, "2018-06-01", ["b1"]),
        "LY-002": ("陈美华", "0570-8012345", False, "2019-03-01", ["b2"]),
    },
    "issues": {"SX-001": ("楼道堆放纸箱", "b1", "LY-001", "2026-03-02", "2026-03-04")},
    "buildings": {"b1": ("c1", "g1"), "b2": ("c1", "g1")},
}
got = {
    "stewards": {k: (s["name"], s["phone"], s["party_member"], s["since"],
                     [b["building"] for b in s["buildings"]]) for k, s in stewards.items()},
    "issues": {k: (i["title"], i["building"], i["handled_by"], i["steps"]["found_on"],
                   i["steps"]["closed_on"]) for k, i in issues.items()},
    "buildings": grids_ok,
}
if got != expected:
    print("FAIL: published values differ")
    print(" expected", expected)
    print(" got     ", got)
    sys.exit(1)
PY
want='tests/fixtures/ledger_as_is/content/stewards.csv:3:3: warning: 手机号码 "5708012345" has lost its leading 0; read as 0570-8012345 (format the column as text)'
grep -qF "$want" "$tmp/err" || { cat "$tmp/err"; echo "FAIL: no warning for the landline"; exit 1; }
echo "ok: a ledger as staff keep it builds unchanged"
