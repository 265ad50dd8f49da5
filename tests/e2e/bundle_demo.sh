#!/usr/bin/env bash
# `hgj bundle` on the demo: every file the manifest lists matches its size and SHA-256,
# every file written is listed, the output is deterministic under SOURCE_DATE_EPOCH, no
# private value (`_` / `private_` columns and keys, private-category stories) appears
# in any file, and bad content leaves an existing bundle exactly as it was.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
command -v python3 >/dev/null || { echo "FAIL: python3 is required"; exit 1; }
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795465800  # 2026-11-23T20:30:00Z

"$HGJ" --help | grep '^  bundle ' >/dev/null || fail "hgj --help does not list bundle"

out=$("$HGJ" bundle --content content --out "$tmp/public/kiosk" 2>"$tmp/err") || {
  cat "$tmp/err"; fail "hgj bundle failed on the demo"; }
[ -s "$tmp/err" ] && { cat "$tmp/err"; fail "hgj bundle printed diagnostics on the demo"; }
# The summary is the last line: the first bundle on a machine says first that it made the
# signing key (tests/e2e/bundle_signing.sh checks that line).
[[ "${out##*$'\n'}" == "hgj bundle: "*" buildings, "*" stewards; "*" files, "*" KB in $tmp/public/kiosk" ]] ||
  fail "unexpected summary: $out"
ls "$tmp/public" | grep -v '^kiosk$' >/dev/null && fail "staging leftovers beside the output: $(ls "$tmp/public")"

python3 - "$tmp/public/kiosk" content <<'PY'
import csv, hashlib, io, json, os, sys, tomllib
bundle, content = sys.argv[1], sys.argv[2]
def fail(msg): sys.exit("FAIL: " + msg)

# The manifest: sorted, every listed file matches, every file is listed.
manifest = json.load(open(os.path.join(bundle, "manifest.json"), encoding="utf-8"))
if manifest["format_version"] != 1: fail("format_version %r" % manifest["format_version"])
if manifest["generated_at"] != 1795465800: fail("generated_at %r" % manifest["generated_at"])
if manifest["generated_at_iso"] != "2026-11-23T20:30:00Z": fail("generated_at_iso %r" % manifest["generated_at_iso"])
paths = [f["path"] for f in manifest["files"]]
if paths != sorted(paths): fail("manifest files are not sorted")
for f in manifest["files"]:
    data = open(os.path.join(bundle, f["path"]), "rb").read()
    if len(data) != f["bytes"]: fail("%s: %d bytes, manifest says %d" % (f["path"], len(data), f["bytes"]))
    if hashlib.sha256(data).hexdigest() != f["sha256"]: fail("%s: SHA-256 differs from the manifest" % f["path"])
sig = manifest.get("signature") or fail("manifest.json is not signed")
if sig["algorithm"] != "ed25519" or len(sig["key_id"]) != 16: fail("signature %r" % sig)
written = sorted(os.path.relpath(os.path.join(d, n), bundle) for d, _, ns in os.walk(bundle) for n in ns)
# urgent.json sits beside the manifest, outside it (docs/kiosk-bundle.md): the demo has no urgent notice.
if sorted(paths + ["manifest.json", "urgent.json"]) != written: fail("files written %s, listed %s" % (written, paths))
urgent = json.load(open(os.path.join(bundle, "urgent.json")))
if urgent != {"generated_at": "2026-11-23T20:30:00Z", "urgent": []}: fail("urgent.json %r" % urgent)
if "bundle.json" not in paths: fail("bundle.json is not listed")

doc = json.load(open(os.path.join(bundle, "bundle.json"), encoding="utf-8"))
if doc["generated_at"] != 1795465800: fail("bundle.json generated_at %r" % doc["generated_at"])
photos = [s["photo"] for s in doc["stewards"] if s["photo"]]
if len(photos) < 5: fail("only %d steward photos in the bundle" % len(photos))
for p in photos + [s["wechat_qr"] for s in doc["stewards"] if s["wechat_qr"]]:
    if p not in paths: fail("bundle.json refers to unlisted %s" % p)

# Every private value in the content: `_`/`private_` CSV columns and front-matter keys.
def read_csv(path):
    raw = open(path, "rb").read()
    for enc in ("utf-8-sig", "gb18030"):
        try: return list(csv.DictReader(io.StringIO(raw.decode(enc))))
        except UnicodeDecodeError: pass
    fail("cannot decode " + path)
secrets, private_categories = set(), ["邻里纠纷"]
issue_rows = []
for name in os.listdir(content):
    if name.endswith(".csv"):
        rows = read_csv(os.path.join(content, name))
        if name == "issues.csv": issue_rows += rows
        for row in rows:
            for key, value in row.items():
                if key and (key.startswith("_") or key.startswith("private_")) and value and value.strip():
                    secrets.add(value.strip())
for folder, _, names in os.walk(content):
    for name in names:
        if not name.endswith(".md"): continue
        text = open(os.path.join(folder, name), encoding="utf-8").read()
        if not text.startswith("+++"): continue
        front = tomllib.loads(text.split("+++")[1])
        for key, value in front.items():
            if (key.startswith("_") or key.startswith("private_")) and isinstance(value, str) and value.strip():
                secrets.add(value.strip())
for wanted in ("（演示数据）",):
    if wanted not in secrets: fail("the demo no longer has the private value %s: update this test" % wanted)
# The stories of private-category issues (标题 and 处理结果 columns).
stories = set()
for row in issue_rows:
    if row.get("类别", row.get("category")) in private_categories:
        for key in ("事项", "title", "处理结果", "resolution"):
            if row.get(key): stories.add(row[key].strip())
stories -= set(private_categories)  # a title that is just the category says nothing more
if not stories: fail("the demo has no private-category issue with a story: update this test")

for folder, _, names in os.walk(bundle):
    for name in names:
        data = open(os.path.join(folder, name), "rb").read()
        for value in secrets | stories:
            if value.encode("utf-8") in data:
                fail("%s contains the private value %r" % (os.path.relpath(os.path.join(folder, name), bundle), value))
for b in doc["buildings"]:
    for i in b["recent_issues"]:
        if i["private"] and ("title" in i or "resolution" in i): fail("private issue %s has a title or resolution" % i["id"])
        if "reporter" in i or "_举报人" in i: fail("issue %s names a reporter" % i["id"])
print("checked %d files, %d private values" % (len(paths), len(secrets | stories)))
PY

# Deterministic: the same content and SOURCE_DATE_EPOCH give the same bytes.
"$HGJ" bundle --content content --out "$tmp/again" >/dev/null 2>&1 || fail "second run failed"
diff -r "$tmp/public/kiosk" "$tmp/again" >/dev/null || fail "two runs differ"

# Bad content: exit 1, and the existing bundle stays exactly as it was.
cp -r "$tmp/public/kiosk" "$tmp/before"
set +e
"$HGJ" bundle --content tests/fixtures/bad_phone/content --out "$tmp/public/kiosk" >"$tmp/bad.out" 2>"$tmp/bad.err"
code=$?
set -e
[ "$code" = 1 ] || { cat "$tmp/bad.err"; fail "bad content exited $code, not 1"; }
grep -q "left as it was" "$tmp/bad.err" || { cat "$tmp/bad.err"; fail "no 'left as it was' line"; }
diff -r "$tmp/before" "$tmp/public/kiosk" >/dev/null || fail "bad content changed the existing bundle"
ls "$tmp/public" | grep -v '^kiosk$' >/dev/null && fail "staging leftovers after a failed run: $(ls "$tmp/public")"

# A missing content folder is a usage error (2).
set +e
"$HGJ" bundle --content "$tmp/nowhere" --out "$tmp/x" >/dev/null 2>&1
code=$?
set -e
[ "$code" = 2 ] || fail "a missing content folder exited $code, not 2"
[ -e "$tmp/x" ] && fail "a failed run created $tmp/x"
echo "1 passed, 0 failed"
