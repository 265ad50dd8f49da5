#!/usr/bin/env bash
# bench/xlsx_read.cpp (hgj's reader alone, as bench/xlsx_bench times it against xlsx2csv)
# writes the rows the workbook holds: the demo's issues as a libxlsxwriter workbook with
# merged 类别 runs and date cells come back as the CSV they were made from, row for row.
set -euo pipefail
: "${HGJ_SOURCE_DIR:?}" "${HGJ_XLSXWRITER:?}" "${HGJ_XLSX_READ:?}"
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
/usr/bin/python3 - "$HGJ_SOURCE_DIR/content/issues.csv" "$tmp/issues.csv" <<'PY'
import sys
text = open(sys.argv[1], "rb").read().decode("utf-8-sig")
open(sys.argv[2], "w", encoding="utf-8", newline="").write(text.replace("\r\n", "\n"))
PY
/usr/bin/python3 "$HGJ_SOURCE_DIR/tests/xlsx/csv_to_xlsx.py" --producer plan --hidden-row '' \
  "$tmp/plan.tsv" "问题台账=$tmp/issues.csv"
"$HGJ_XLSXWRITER" "$tmp/issues.xlsx" "$tmp/plan.tsv"
"$HGJ_XLSX_READ" "$tmp/issues.xlsx" "$tmp/read.csv" || fail "the reader failed"
rows=$(wc -l < "$tmp/issues.csv")
[ "$(wc -l < "$tmp/read.csv")" -eq "$rows" ] || fail "$(wc -l < "$tmp/read.csv") rows read, $rows written"
# The first column (the issue ids, text cells) comes back exactly.
diff <(cut -d, -f1 "$tmp/issues.csv") <(tr -d '\r' < "$tmp/read.csv" | cut -d, -f1) ||
  fail "the ids differ"
"$HGJ_XLSX_READ" "$tmp/plan.tsv" "$tmp/x.csv" 2> "$tmp/err" && fail "a file that is not a workbook was read"
[ -s "$tmp/err" ] || fail "no message for a file that is not a workbook"
echo "PASS: the bench's reader writes the workbook's rows"
