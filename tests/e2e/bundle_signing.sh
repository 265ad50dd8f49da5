#!/usr/bin/env bash
# Signed kiosk bundles through the real programs: `hgj keygen` makes the key where the
# builds find it (0600 in a 0700 folder) and never replaces one without --force (then
# keeps .old); the first `hgj bundle` on a machine without a key makes one and says so
# on stdout; two first builds at once end with one key; the signature verifies with
# openssl over the canonical bytes python re-derives; the kiosk on the same machine
# trusts it, another kiosk refuses it, and a forged copy (fake phone, re-hashed
# manifest) or an unsigned one shows the "no data" screen — or, over HTTP, leaves the
# good bundle on screen; a bad key file exits 2 and leaves the output as it was.
set -euo pipefail
: "${HGJ:?}" "${HGJ_KIOSK:?}" "${HGJ_SOURCE_DIR:?}"
cd "$HGJ_SOURCE_DIR"
for tool in python3 openssl; do command -v $tool >/dev/null || { echo "FAIL: $tool is required"; exit 1; }; done
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795465800
export XDG_CONFIG_HOME="$tmp/config" HGJ_SIGNING_KEY=
key="$tmp/config/hgj/bundle-signing.key" pub="$tmp/config/hgj/bundle-signing.pub"

# 1. keygen: made where the builds look, private, printed for screens.
"$HGJ" --help | grep '^  keygen ' >/dev/null || fail "hgj --help does not list keygen"
"$HGJ" keygen >"$tmp/keygen.out" 2>"$tmp/keygen.err" || { cat "$tmp/keygen.err"; fail "hgj keygen failed"; }
[ -s "$tmp/keygen.err" ] && fail "hgj keygen wrote to stderr: $(cat "$tmp/keygen.err")"
id=$(awk '$1 == "ed25519" { print $2 }' "$pub")
[[ "$id" =~ ^[0-9a-f]{16}$ ]] || fail "no key id in $pub: $(cat "$pub")"
[ "$(head -1 "$tmp/keygen.out")" = "hgj keygen: made the bundle signing key $id in $key" ] ||
  fail "keygen said: $(cat "$tmp/keygen.out")"
grep -qF "$(awk '$1 == "ed25519"' "$pub")" "$tmp/keygen.out" || fail "keygen does not print the public key"
grep -q "/etc/hgj-kiosk/trusted-keys/" "$tmp/keygen.out" || fail "keygen does not say how to install the key"
[ "$(stat -c %a "$key")" = 600 ] || fail "secret key mode $(stat -c %a "$key")"
[ "$(stat -c %a "$(dirname "$key")")" = 700 ] || fail "key folder mode $(stat -c %a "$(dirname "$key")")"
cp "$key" "$tmp/first.key"
"$HGJ" keygen >"$tmp/again.out" 2>&1 || fail "a second hgj keygen failed"
cmp -s "$key" "$tmp/first.key" || fail "a second hgj keygen replaced the key"
grep -q "kept the existing key $id" "$tmp/again.out" || fail "second keygen said: $(cat "$tmp/again.out")"
"$HGJ" keygen --force >/dev/null 2>&1 || fail "hgj keygen --force failed"
cmp -s "$key.old" "$tmp/first.key" || fail "--force did not keep the old key as .old"
cmp -s "$key" "$tmp/first.key" && fail "--force did not make a new key"
rm -rf "$tmp/config"

# 2. The first bundle on a machine makes the key, says so on stdout, stderr stays empty.
"$HGJ" bundle --content content --out "$tmp/a" >"$tmp/a.out" 2>"$tmp/a.err" || { cat "$tmp/a.err"; fail "hgj bundle failed"; }
[ -s "$tmp/a.err" ] && fail "hgj bundle wrote to stderr: $(cat "$tmp/a.err")"
id=$(awk '$1 == "ed25519" { print $2 }' "$pub")
[ "$(head -1 "$tmp/a.out")" = "hgj: made the bundle signing key $id in $key; install $pub on every kiosk (docs/kiosk.md)" ] ||
  fail "first line: $(head -1 "$tmp/a.out")"
[ "$(wc -l <"$tmp/a.out")" = 2 ] || fail "stdout: $(cat "$tmp/a.out")"
"$HGJ" bundle --content content --out "$tmp/b" >"$tmp/b.out" 2>&1 || fail "second hgj bundle failed"
grep -q "made the bundle signing key" "$tmp/b.out" && fail "the second build made another key"
diff -r "$tmp/a" "$tmp/b" >/dev/null || fail "same content, time and key gave different bundles"

# 3. The signature, checked without hgj: python re-derives the signed bytes, openssl verifies.
python3 - "$tmp/a/manifest.json" "$pub" "$tmp" <<'PY'
import base64, json, sys
manifest, pub, tmp = sys.argv[1:]
doc = json.load(open(manifest, encoding="utf-8"))
sig = doc.pop("signature")
assert sig["algorithm"] == "ed25519", sig
algo, key_id, key64 = [l for l in open(pub) if not l.startswith("#")][0].split()
assert sig["key_id"] == key_id, (sig, key_id)
open(tmp + "/signed.bin", "wb").write(
    json.dumps(doc, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode("utf-8"))
open(tmp + "/sig.bin", "wb").write(base64.b64decode(sig["value"]))
# SubjectPublicKeyInfo for Ed25519: a fixed 12-byte prefix, then the raw key.
open(tmp + "/pub.der", "wb").write(bytes.fromhex("302a300506032b6570032100") + base64.b64decode(key64))
PY
openssl pkeyutl -verify -pubin -keyform DER -inkey "$tmp/pub.der" -rawin -in "$tmp/signed.bin" \
  -sigfile "$tmp/sig.bin" >/dev/null || fail "openssl does not verify the manifest's signature"

# 4. The kiosk on this machine trusts the user's own key; a kiosk elsewhere does not.
shot() {  # shot NAME BUNDLE [kiosk options…]: screenshot, stderr in NAME.err
  local name=$1 bundle=$2
  shift 2
  # A fixed time: the burn-in shift moves the picture every few minutes, and two shots
  # either side of a step would differ by pixels.
  "$HGJ_KIOSK" --bundle "$bundle" --building dpb-03 --size 540x960 --screenshot "$tmp/$name.png" \
    --at 2026-11-25T09:30 --state-dir "$tmp/state-$name" "$@" 2>"$tmp/$name.err" || { cat "$tmp/$name.err"; fail "kiosk $name failed"; }
}
shot own "$tmp/a"
[ -s "$tmp/own.err" ] && fail "the kiosk refused this machine's own bundle: $(cat "$tmp/own.err")"
XDG_CONFIG_HOME="$tmp/elsewhere" shot stranger "$tmp/a"
grep -qF "bundle $tmp/a refused: manifest.json is signed by key $id, which this kiosk does not trust" "$tmp/stranger.err" ||
  fail "an untrusting kiosk said: $(cat "$tmp/stranger.err")"
XDG_CONFIG_HOME="$tmp/elsewhere" shot installed "$tmp/a" --trusted-key "$pub"
grep -q "refused" "$tmp/installed.err" && fail "--trusted-key did not make the key trusted: $(cat "$tmp/installed.err")"
# The no-data screen is not the demo's: the pictures differ.
cmp -s "$tmp/stranger.png" "$tmp/own.png" && fail "a refused bundle was shown"
cmp -s "$tmp/installed.png" "$tmp/own.png" || fail "the trusted key's screenshot differs from the own key's"

# 5. Forged: a fake steward phone, the manifest re-hashed, the old signature kept.
cp -r "$tmp/a" "$tmp/forged"
python3 - "$tmp/forged" <<'PY'
import hashlib, json, os, sys
d = sys.argv[1]
data = open(os.path.join(d, "bundle.json"), encoding="utf-8").read()
doc = json.loads(data)
doc["stewards"][0]["phone"] = {"display": "139 6666 6666", "digits": "13966666666"}
data = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
open(os.path.join(d, "bundle.json"), "w", encoding="utf-8").write(data)
m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
for f in m["files"]:
    if f["path"] == "bundle.json":
        raw = data.encode("utf-8")
        f["sha256"], f["bytes"] = hashlib.sha256(raw).hexdigest(), len(raw)
open(os.path.join(d, "manifest.json"), "w", encoding="utf-8").write(json.dumps(m, indent=2))
PY
shot forged "$tmp/forged"
grep -qF "bundle $tmp/forged refused: manifest.json: the signature by key $id does not match its content" "$tmp/forged.err" ||
  fail "a forged bundle: $(cat "$tmp/forged.err")"
cmp -s "$tmp/forged.png" "$tmp/stranger.png" || fail "the forged bundle's screen is not the no-data screen"
python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); m.pop("signature"); json.dump(m, open(sys.argv[1], "w"))' \
  "$tmp/forged/manifest.json"
shot unsigned "$tmp/forged"
grep -qF "bundle $tmp/forged refused: manifest.json is not signed (refused; --insecure-unsigned accepts it)" "$tmp/unsigned.err" ||
  fail "an unsigned bundle: $(cat "$tmp/unsigned.err")"
shot insecure "$tmp/forged" --insecure-unsigned
grep -q "refused" "$tmp/insecure.err" && fail "--insecure-unsigned refused: $(cat "$tmp/insecure.err")"
grep -q "WARNING: --insecure-unsigned accepts unsigned bundles" "$tmp/insecure.err" ||
  fail "--insecure-unsigned without a warning: $(cat "$tmp/insecure.err")"

# 5b. The same over HTTP: the kiosk keeps the good bundle it has and logs why.
cp -r "$tmp/a" "$tmp/forged-http"
cp "$tmp/a/manifest.json" "$tmp/good-manifest.json"
python3 "$HGJ_SOURCE_DIR/tests/e2e/static_server.py" "$tmp" >"$tmp/port" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$tmp/port")"
at=(--at 2026-11-25T09:30)
"$HGJ_KIOSK" --bundle "$url/a/" --building dpb-03 --size 540x960 "${at[@]}" --screenshot "$tmp/http-good.png" \
  --state-dir "$tmp/state-http" 2>"$tmp/http-good.err" || fail "kiosk over http failed"
grep -q "refused\|failed" "$tmp/http-good.err" && fail "the good bundle over http: $(cat "$tmp/http-good.err")"
grep -q "WARNING: syncing over plain http" "$tmp/http-good.err" || fail "no plain-http warning: $(cat "$tmp/http-good.err")"
cp "$tmp/forged/bundle.json" "$tmp/forged-http/bundle.json"
python3 - "$tmp/forged-http/manifest.json" "$tmp/forged-http/bundle.json" <<'PY'
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
raw = open(sys.argv[2], "rb").read()
for f in m["files"]:
    if f["path"] == "bundle.json": f["sha256"], f["bytes"] = hashlib.sha256(raw).hexdigest(), len(raw)
m["generated_at"] += 60
json.dump(m, open(sys.argv[1], "w"), indent=2)
PY
"$HGJ_KIOSK" --bundle "$url/forged-http/" --building dpb-03 --size 540x960 "${at[@]}" \
  --screenshot "$tmp/http-forged.png" --state-dir "$tmp/state-http" 2>"$tmp/http-forged.err" || fail "kiosk failed"
grep -qF "bundle update failed, keeping what is shown: $url/forged-http/manifest.json: manifest.json: the signature by key $id does not match its content" "$tmp/http-forged.err" ||
  fail "a forged bundle over http: $(cat "$tmp/http-forged.err")"
cmp -s "$tmp/http-good.png" "$tmp/http-forged.png" || fail "the forged bundle over http replaced the good one on screen"
cmp -s "$tmp/state-http/current/manifest.json" "$tmp/good-manifest.json" || fail "the kept bundle changed"
kill $server

# 6. Two first builds at once: one key, both bundles signed with it.
rm -rf "$tmp/config"
"$HGJ" bundle --content content --out "$tmp/p1" >"$tmp/p1.out" 2>&1 &
p1=$!
"$HGJ" bundle --content content --out "$tmp/p2" >"$tmp/p2.out" 2>&1 &
p2=$!
wait $p1 || { cat "$tmp/p1.out"; fail "parallel build 1 failed"; }
wait $p2 || { cat "$tmp/p2.out"; fail "parallel build 2 failed"; }
id=$(awk '$1 == "ed25519" { print $2 }' "$pub")
made=$(cat "$tmp/p1.out" "$tmp/p2.out" | grep -c "made the bundle signing key" || true)
[ "$made" = 1 ] || fail "two first builds announced $made keys"
for p in p1 p2; do
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["signature"]["key_id"])' "$tmp/$p/manifest.json" |
    grep -x "$id" >/dev/null || fail "$p is not signed with the one key $id"
done
ls "$tmp/config/hgj" | grep -v -e '^bundle-signing.key$' -e '^bundle-signing.pub$' &&
  fail "leftovers in the key folder: $(ls "$tmp/config/hgj")"

# 7. A bad key: exit 2, a clear message, the output as it was.
cp -r "$tmp/a" "$tmp/before"
echo "not a key" >"$tmp/bad.key"
for cmd in "bundle --out $tmp/a" "build --out $tmp/site --no-print"; do
  set +e
  # shellcheck disable=SC2086
  "$HGJ" $cmd --content content --signing-key "$tmp/bad.key" >"$tmp/bad.out" 2>"$tmp/bad.err"
  code=$?
  set -e
  [ "$code" = 2 ] || fail "hgj $cmd with a bad key exited $code"
  verb=${cmd%% *} out=${cmd#* --out }
  out=${out%% *}
  [ "$(cat "$tmp/bad.err")" = "hgj $verb: $tmp/bad.key: not an hgj secret key (expected a line \"hgj-ed25519-secret <key id> <base64>\"); $out left as it was" ] ||
    fail "hgj $cmd with a bad key said: $(cat "$tmp/bad.err")"
done
diff -r "$tmp/before" "$tmp/a" >/dev/null || fail "a bad key changed the output"
[ -e "$tmp/site" ] && fail "a bad key made $tmp/site"
set +e
"$HGJ" bundle --content content --out "$tmp/a" --signing-key "$tmp/none.key" >/dev/null 2>"$tmp/none.err"
code=$?
set -e
[ "$code" = 2 ] || fail "a missing --signing-key exited $code"
[ "$(cat "$tmp/none.err")" = "hgj bundle: $tmp/none.key: no such key (hgj keygen --key $tmp/none.key makes one); $tmp/a left as it was" ] ||
  fail "a missing key said: $(cat "$tmp/none.err")"
echo "not a key" >"$key"
set +e
"$HGJ" bundle --content content --out "$tmp/a" >/dev/null 2>"$tmp/default.err"
code=$?
set -e
[ "$code" = 2 ] || fail "a malformed default key exited $code"
grep -qF "hgj bundle: $key: not an hgj secret key" "$tmp/default.err" || fail "malformed default key: $(cat "$tmp/default.err")"
diff -r "$tmp/before" "$tmp/a" >/dev/null || fail "a bad default key changed the output"
echo "1 passed, 0 failed"
