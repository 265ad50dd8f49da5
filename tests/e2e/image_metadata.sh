#!/usr/bin/env bash
# No image metadata is published. A copy of the demo gets canaries in every kind of
# metadata: a steward's JPEG photo (240×300, so print used to embed it as it was) with
# EXIF (description, artist, GPS), XMP, an ICC profile whose description is a canary,
# IPTC, a comment and data after its end; a PNG photo and the shared WeChat QR PNG with
# tEXt, zTXt, iTXt, eXIf and tIME. `hgj build` makes the site, the print files (PDFs and
# the HTML views with their pictures) and the kiosk bundle. No output file may hold a
# canary, in its bytes or in a PDF's decompressed streams; every published JPEG and PNG
# holds only what decoding needs; the pictures still decode and the QR codes still scan.
set -euo pipefail
: "${HGJ:?}" "${HGJ_SOURCE_DIR:?}"
for tool in python3 zbarimg; do
  command -v "$tool" > /dev/null || { echo "FAIL: $tool is missing (scripts/deps.sh)"; exit 1; }
done
fail() { echo "FAIL: $*"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cp -r "$HGJ_SOURCE_DIR/content" "$tmp/content"
qr_text=$(zbarimg --quiet --raw "$tmp/content/qr/dpb.png" 2> /dev/null) || fail "the demo's QR code does not scan"
python3 - "$tmp/content" <<'PY'
import pathlib, struct, sys, zlib
root = pathlib.Path(sys.argv[1])

def tiff(entries, gps=None):
    """A big-endian TIFF block: IFD0 from (tag, type, value) with ASCII or SHORT values,
    and a GPS IFD when given."""
    def ifd(items, start):
        count = len(items)
        data_at = start + 2 + 12 * count + 4
        table, data = b"", b""
        for tag, kind, value in items:
            if kind == 2:
                raw = value.encode() + b"\0"
                n = len(raw)
            elif kind == 3:
                raw, n = struct.pack(">H", value) + b"\0\0", 1
            elif kind == 4:
                raw, n = struct.pack(">I", value), 1
            elif kind == 5:
                raw = b"".join(struct.pack(">II", a, b) for a, b in value)
                n = len(value)
            if len(raw) <= 4:
                table += struct.pack(">HHI", tag, kind, n) + raw.ljust(4, b"\0")
            else:
                table += struct.pack(">HHII", tag, kind, n, data_at + len(data))
                data += raw + (b"\0" if len(raw) % 2 else b"")
        return struct.pack(">H", count) + table + b"\0\0\0\0" + data
    head = b"MM\0\x2a" + struct.pack(">I", 8)
    items = list(entries)
    if gps is None:
        return head + ifd(items, 8)
    first = ifd(items + [(0x8825, 4, 0)], 8)
    gps_at = 8 + len(first)
    items.append((0x8825, 4, gps_at))
    return head + ifd(items, 8) + ifd(gps, gps_at)

def icc_profile(description):
    """A small valid RGB matrix/TRC ICC profile (v2) whose 'desc' is `description`."""
    def xyz(x, y, z):
        return b"XYZ \0\0\0\0" + b"".join(struct.pack(">i", round(v * 65536)) for v in (x, y, z))
    curve = b"curv\0\0\0\0" + struct.pack(">I", 1) + struct.pack(">H", 0x0233) + b"\0\0"
    text = description.encode() + b"\0"
    desc = b"desc\0\0\0\0" + struct.pack(">I", len(text)) + text + b"\0" * 12 + b"\0" * 67
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)), (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
            (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)), (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve), (b"cprt", b"text\0\0\0\0CANARY-ICC-COPYRIGHT\0")]
    at = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        data += b"\0" * (-len(data) % 4)
        table += sig + struct.pack(">II", at + len(body), len(data))
        body += data
    size = at + len(body)
    header = struct.pack(">I", size) + b"lcms" + bytes([2, 0x10, 0, 0]) + b"mntrRGB XYZ " + b"\0" * 12 + b"acsp"
    header += b"\0" * (68 - len(header)) + struct.pack(">iii", 63190, 65536, 54061)
    header = header.ljust(128, b"\0")
    return header + struct.pack(">I", len(tags)) + table + body

def segment(marker, data):
    return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data

exif = b"Exif\0\0" + tiff([(0x010E, 2, "CANARY-EXIF-DESCRIPTION"), (0x0112, 3, 1), (0x013B, 2, "CANARY-EXIF-ARTIST")],
                          gps=[(0x0001, 2, "N"), (0x0002, 5, [(28, 1), (58, 1), (1234, 100)]),
                               (0x0012, 2, "CANARY-GPS-DATUM")])
xmp = b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'>CANARY-XMP</x:xmpmeta>"
icc = b"ICC_PROFILE\0\x01\x01" + icc_profile("CANARY-ICC-DESCRIPTION")
iptc = b"Photoshop 3.0\08BIM\x04\x04\0\0" + struct.pack(">I", 20) + b"\x1c\x02\x78\0\x0eCANARY-IPTC-1\0"
photo = root / "photos/HF-001.jpg"
jpeg = photo.read_bytes()
assert jpeg[:2] == b"\xff\xd8" and jpeg[2:4] == b"\xff\xe0"
app0_end = 4 + struct.unpack(">H", jpeg[4:6])[0]
jpeg = (jpeg[:app0_end] + segment(0xE1, exif) + segment(0xE1, xmp) + segment(0xE2, icc) + segment(0xED, iptc)
        + segment(0xFE, b"CANARY-JPEG-COMMENT") + jpeg[app0_end:] + b"CANARY-AFTER-END")
photo.write_bytes(jpeg)

def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

def add_chunks(path):
    png = path.read_bytes()
    ihdr_end = 8 + 12 + struct.unpack(">I", png[8:12])[0]
    extra = (chunk(b"tEXt", b"Comment\0CANARY-PNG-TEXT")
             + chunk(b"zTXt", b"Description\0\0" + zlib.compress(b"CANARY-PNG-ZTXT"))
             + chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0<x:xmpmeta>CANARY-PNG-ITXT</x:xmpmeta>")
             + chunk(b"eXIf", tiff([(0x010E, 2, "CANARY-PNG-EXIF"), (0x0112, 3, 1)]))
             + chunk(b"tIME", struct.pack(">HBBBBB", 2026, 11, 20, 8, 0, 0)))
    iend = png.rindex(b"IEND") - 4
    path.write_bytes(png[:ihdr_end] + extra + png[ihdr_end:iend] + chunk(b"tEXt", b"Author\0CANARY-PNG-LATE") + png[iend:]
                     + b"CANARY-AFTER-IEND")
add_chunks(root / "photos/HF-003.png")
add_chunks(root / "qr/dpb.png")
PY
grep -rqa "CANARY-EXIF-ARTIST" "$tmp/content/photos/HF-001.jpg" || fail "the canary photo was not written"

"$HGJ" check --content "$tmp/content" > "$tmp/check.out" 2>&1 || { cat "$tmp/check.out"; fail "hgj check failed"; }
grep -q " 0 warnings" "$tmp/check.out" || { cat "$tmp/check.out"; fail "the canary pictures are not valid content"; }
"$HGJ" build --content "$tmp/content" --out "$tmp/public" > "$tmp/build.out" 2>&1 ||
  { cat "$tmp/build.out"; fail "hgj build failed"; }
grep -q "warning" "$tmp/build.out" && { cat "$tmp/build.out"; fail "hgj build warned about a canary picture"; }

# The pictures of the steward with the canary photo, the PNG photo and the QR code are
# published where the site, print and kiosk put them.
for f in photos/HF-001.jpg photos/HF-003.jpg qr/HF-001.png print/boards/img/photos-HF-001.jpg \
    print/boards/img/photos-HF-003.png print/boards/img/qr-dpb.png print/boards/dpb-03.pdf; do
  [ -s "$tmp/public/$f" ] || fail "$f was not published ($(ls "$tmp/public/print/boards/img" | head -5 | tr '\n' ' '))"
done
ls "$tmp/public/kiosk/images/"qr-*.png > /dev/null 2>&1 || fail "the kiosk bundle has no QR image"

python3 - "$tmp/public" <<'PY'
import pathlib, re, struct, sys, zlib
root = pathlib.Path(sys.argv[1])
failed = []
JPEG_KEEP = {0xC0, 0xC1, 0xC2, 0xC4, 0xDB, 0xDD, 0xDA, 0xEE}

def jpeg_problems(data):
    """Segments other than what decoding needs, and bytes after the end."""
    bad, at = [], 2
    while at < len(data):
        if data[at] != 0xFF:
            return bad + ["garbage at %d" % at]
        marker = data[at + 1]
        if marker == 0xD9:
            return bad + (["%d bytes after the end" % (len(data) - at - 2)] if at + 2 < len(data) else [])
        length = struct.unpack(">H", data[at + 2:at + 4])[0]
        body = data[at + 4:at + 2 + length]
        if marker == 0xE0 and (body[:5] != b"JFIF\0" or length != 16):
            bad.append("APP0 other than a bare JFIF header")
        elif marker == 0xE1 and (body[:6] != b"Exif\0\0" or length > 40):
            bad.append("APP1 other than an orientation")
        elif marker not in JPEG_KEEP | {0xE0, 0xE1}:
            bad.append("segment FF%02X" % marker)
        at += 2 + length
        if marker == 0xDA:
            while at + 1 < len(data) and not (data[at] == 0xFF and data[at + 1] not in (0, *range(0xD0, 0xD8))):
                at += 1
    return bad + ["no end of image"]

def png_problems(data):
    bad, at, allowed = [], 8, {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"pHYs", b"bKGD"}
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        if kind not in allowed:
            bad.append("chunk " + kind.decode("latin-1"))
        at += 12 + length
        if kind == b"IEND":
            return bad + (["%d bytes after IEND" % (len(data) - at)] if at < len(data) else [])
    return bad + ["no IEND"]

def pdf_streams(data):
    for m in re.finditer(rb"stream\r?\n", data):
        end = data.find(b"endstream", m.end())
        raw = data[m.end():end].rstrip(b"\r\n")  # the line end before endstream
        try:
            yield zlib.decompressobj().decompress(raw)
        except zlib.error:
            yield raw  # DCTDecode: a JPEG as it is

checked = {"jpeg": 0, "png": 0, "pdf": 0, "pdf-jpeg": 0}
for path in sorted(p for p in root.rglob("*") if p.is_file()):
    data = path.read_bytes()
    name = path.relative_to(root)
    texts = [data]
    if data[:2] == b"\xff\xd8":
        checked["jpeg"] += 1
        failed += ["%s: %s" % (name, p) for p in jpeg_problems(data)]
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        checked["png"] += 1
        failed += ["%s: %s" % (name, p) for p in png_problems(data)]
    elif data[:5] == b"%PDF-":
        checked["pdf"] += 1
        for stream in pdf_streams(data):
            texts.append(stream)
            if stream[:2] == b"\xff\xd8":
                checked["pdf-jpeg"] += 1
                failed += ["%s (embedded JPEG): %s" % (name, p) for p in jpeg_problems(stream)]
    for text in texts:
        for canary in sorted(set(re.findall(rb"CANARY-[A-Z0-9-]+", text))):
            failed.append("%s: holds %s" % (name, canary.decode()))
for f in failed[:40]:
    print("FAIL:", f)
if len(failed) > 40:
    print("FAIL: … and %d more" % (len(failed) - 40))
if not checked["pdf-jpeg"]:
    failed.append("no PDF embeds a JPEG: the photo path is not covered")
    print("FAIL:", failed[-1])
print("checked %(jpeg)d JPEG, %(png)d PNG, %(pdf)d PDF files (%(pdf-jpeg)d embedded JPEGs)" % checked)
sys.exit(1 if failed else 0)
PY

# Still pictures: the QR codes scan to what the source says, the photos decode.
for f in qr/HF-001.png print/boards/img/qr-dpb.png kiosk/images/qr-*.png; do
  for file in "$tmp/public/"$f; do
    got=$(zbarimg --quiet --raw "$file" 2> /dev/null) || fail "$f does not scan"
    [ "$got" = "$qr_text" ] || fail "$f scans as \"$got\", want \"$qr_text\""
  done
done
for f in photos/HF-001.jpg photos/HF-003.jpg print/boards/img/photos-HF-001.jpg print/boards/img/photos-HF-003.png \
    kiosk/images/steward-HF-001.jpg; do
  code=0
  zbarimg --quiet "$tmp/public/$f" > /dev/null 2>&1 || code=$?
  [ "$code" -eq 4 ] || fail "$f does not decode (zbarimg exit $code; 4 is a picture without a code)"
done
echo "no metadata in any published picture; QR codes scan, photos decode"
