#!/usr/bin/env python3
"""Draws the illustrated (not real) steward avatars and the WeChat-group QR for the demo
content. Needs python3-pil and qrencode. Usage: make_demo_images.py CONTENT_DIR"""
import os, subprocess, sys
from PIL import Image, ImageDraw

W, H, S = 240, 300, 3  # drawn at 3x, scaled down for smooth edges

# id, file ext, skin, hair colour, hair style, shirt, red vest, glasses, background, female
PEOPLE = [
    ("HF-001", "jpg", "#f1c7a0", "#d9d9d9", "short", "#4f6d8f", True, True, "#e8f1f8", False),
    ("HF-002", "jpg", "#d9a47a", "#9a9a9a", "crew", "#556b2f", True, False, "#eef4e6", False),
    ("HF-003", "png", "#f3cfae", "#cfcfcf", "bun", "#8e5b9e", True, False, "#f7ecf4", True),
    ("HF-004", "jpg", "#e2b48c", "#2b2b2b", "side", "#2f5f8f", False, False, "#e9eef6", False),
    ("HF-005", "jpg", "#c98d62", "#4a3b33", "curly", "#c0707a", False, False, "#fbefe6", True),
    ("HF-006", "jpg", "#f0c39d", "#6b6b6b", "bob", "#3f7f7a", True, True, "#e6f4f1", True),
    ("HF-007", "png", "#b97f55", "#1f1f1f", "crew", "#2f6fb0", True, False, "#eaf2fb", False),
    ("HF-008", "png", "#edc29b", "#3a2f2a", "bob", "#7a6a4f", False, True, "#f5f1e6", True),
    ("HF-009", "jpg", "#e6b894", "#bdbdbd", "curly", "#4d7f4d", True, False, "#eef6ea", True),
    ("HF-015", "jpg", "#d7a27c", "#8c8c8c", "bun", "#a0522d", True, False, "#fbf0e4", True),
]

def s(*v):
    return [x * S for x in v]

def avatar(skin, hair, style, shirt, vest, glasses, bg, female):
    im = Image.new("RGB", (W * S, H * S), bg)
    d = ImageDraw.Draw(im)
    # shoulders and shirt
    d.rounded_rectangle(s(30, 215, 210, 340), radius=60 * S, fill=shirt)
    d.polygon(s(100, 215, 140, 215, 120, 250), fill="#ffffff")  # collar
    if vest:
        d.polygon(s(30, 250, 100, 215, 108, 300, 30, 300), fill="#d7261e")
        d.polygon(s(210, 250, 140, 215, 132, 300, 210, 300), fill="#d7261e")
        d.ellipse(s(150, 245, 170, 265), fill="#ffd43b")  # badge
    # neck
    d.rectangle(s(105, 180, 135, 220), fill=skin)
    # hair behind the head
    if style in ("bob", "curly"):
        d.rounded_rectangle(s(58, 56, 182, 172), radius=40 * S, fill=hair)
    # head and ears
    d.ellipse(s(55, 112, 75, 142), fill=skin)
    d.ellipse(s(165, 112, 185, 142), fill=skin)
    d.ellipse(s(68, 60, 172, 190), fill=skin)
    # hair on top
    if style == "short":
        d.chord(s(66, 54, 174, 140), 180, 360, fill=hair)
    elif style == "crew":
        d.chord(s(68, 58, 172, 126), 180, 360, fill=hair)
    elif style == "side":
        d.chord(s(66, 54, 174, 140), 180, 360, fill=hair)
        d.polygon(s(70, 98, 150, 70, 176, 98), fill=hair)
    elif style == "bun":
        d.ellipse(s(98, 30, 142, 70), fill=hair)
        d.chord(s(66, 56, 174, 146), 180, 360, fill=hair)
    elif style == "bob":
        d.chord(s(64, 54, 176, 150), 180, 360, fill=hair)
    elif style == "curly":
        for x in range(70, 175, 18):
            d.ellipse(s(x - 14, 56, x + 14, 96), fill=hair)
    # eyes, brows, cheeks, smile
    for ex in (100, 140):
        d.ellipse(s(ex - 6, 120, ex + 6, 132), fill="#2b2b2b")
        d.line(s(ex - 10, 110, ex + 10, 108), fill=hair if hair != "#d9d9d9" else "#9e9e9e", width=3 * S)
        d.ellipse(s(ex - 14 + (0 if ex == 100 else 8), 140, ex - 2 + (0 if ex == 100 else 8), 150),
                  fill="#f4a3a3")
    if glasses:
        for ex in (100, 140):
            d.ellipse(s(ex - 15, 112, ex + 15, 140), outline="#333333", width=3 * S)
        d.line(s(115, 124, 125, 124), fill="#333333", width=3 * S)
    d.arc(s(102, 140, 138, 166), 20, 160, fill="#8a3b2e", width=4 * S)
    d.polygon(s(120, 128, 115, 142, 124, 142), fill="#e3a985" if skin > "#d" else "#a86f4a")
    return im.resize((W, H), Image.LANCZOS)

def main(content):
    os.makedirs(os.path.join(content, "photos"), exist_ok=True)
    for pid, ext, *args in PEOPLE:
        im = avatar(*args)
        path = os.path.join(content, "photos", f"{pid}.{ext}")
        if ext == "jpg":
            im.save(path, "JPEG", quality=85, optimize=True)
        else:
            im.convert("P", palette=Image.ADAPTIVE, colors=64).save(path, "PNG", optimize=True)
        assert os.path.getsize(path) <= 30 * 1024, path
    os.makedirs(os.path.join(content, "qr"), exist_ok=True)
    subprocess.run(["qrencode", "-o", os.path.join(content, "qr", "dpb.png"), "-s", "6",
                    "https://hgj.example.cn/wechat/dpb"], check=True)

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "content")
