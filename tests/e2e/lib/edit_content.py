#!/usr/bin/env python3
"""One random edit of a copy of the demo content (or of a theme copy), as staff make them,
for the incremental-build oracle tests (print_incremental.sh, site_incremental.sh):

    edit_content.py CONTENT KIND SEED [THEME]

KIND: phone, name, new-character, photo, resign, move, issue, paper; template and string
edit THEME (a copy of themes/default). Python, so the GB18030 stewards.csv stays so."""
import os, random, re, shutil, sys
content, kind, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
theme = sys.argv[4] if len(sys.argv) > 4 else None
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
elif kind == "template":
    # One page template says something new: only the pages made from it change.
    name = rng.choice(["steward", "building", "community", "notice", "home"])
    path = os.path.join(theme, "templates", name + ".mustache")
    open(path, "a", encoding="utf-8").write(f"<!-- edit {seed} -->\n")
elif kind == "string":
    # A word every page shows (the navigation).
    path = os.path.join(theme, "strings.toml")
    text = open(path, encoding="utf-8").read()
    text = re.sub(r'^nav_home = ".*"$', f'nav_home = "首页{seed % 10}"', text, flags=re.M)
    open(path, "w", encoding="utf-8").write(text)
else:
    sys.exit("unknown edit " + kind)
