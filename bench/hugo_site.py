"""The Hugo side of bench/run: an equivalent Hugo site written from a bench dataset.

One Markdown page for every HTML page hgj wrote (same URL, set with `url`), carrying the same
data as Markdown (steward cards, issue tables, statistics), and list pages that Hugo builds
itself from the pages (`where site.RegularPages`). When there is no hgj output to copy, the
page set follows DESIGN.md's outputs instead. The theme is a few generated layouts.
"""
import csv
import math
import os
import re
import shutil
import tomllib

CSV_LABELS = {  # Chinese CSV headers → keys, for the columns bench/make_dataset writes
    "编号": "id", "名称": "name", "社区": "community", "网格": "grid", "地址": "address",
    "单元数": "units", "户数": "households", "物业": "property", "物业电话": "property_phone",
    "姓名": "name", "电话": "phone", "照片": "photo", "微信群二维码": "wechat_qr", "党员": "party_member",
    "身份": "role", "楼栋": "buildings", "聘任日期": "since", "荣誉": "honors", "服务时间": "office_hours",
    "事项": "title", "类别": "category", "巡查日期": "found_on", "反馈日期": "reported_on",
    "协调日期": "coordinated_on", "处置日期": "handled_on", "督查日期": "verified_on",
    "销号日期": "closed_on", "解决层级": "level", "经办红管家": "handled_by", "处理结果": "resolution",
    "满意度": "satisfaction", "结果": "outcome", "重新打开次数": "reopened",
}
STEPS = [("found_on", "巡查"), ("reported_on", "反馈"), ("coordinated_on", "协调"),
         ("handled_on", "处置"), ("verified_on", "督查"), ("closed_on", "销号")]
OUTCOME_ZH = {"": "已解决", "resolved": "已解决", "已解决": "已解决", "referred": "已转办", "已转办": "已转办",
              "duplicate": "重复", "重复": "重复", "unable": "无法解决", "无法解决": "无法解决"}


# ---- page kinds (shared with bench/run's by-kind table) ---------------------------------

def page_kind(path):
    parts = path.split("/")
    top, rest = parts[0], parts[1:]
    if path == "index.html":
        return "home"
    if path == "404.html":
        return "404"
    if top == "communities":
        return "community list"
    if top == "community":
        return "monthly log" if "log" in rest else ("community" if rest[-1] == "index.html" else "community (other)")
    if top in ("building", "category"):
        base = {"building": "building", "category": "category"}[top]
        if len(parts) == 2:
            return base + " list"
        return base + (" (page 2+)" if parts[-1].startswith("page-") else "")
    if top in ("notices",):
        return "notice list" if len(parts) == 2 else "notice"
    names = {"grid": "grid", "steward": "steward", "duties": "duty", "pages": "page",
             "events": "events", "stats": "stats"}
    return names.get(top, top if rest else "other")


# ---- reading the dataset ----------------------------------------------------------------

def read_front_matter(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    _, head, body = text.split("+++", 2)
    return tomllib.loads(head), body.strip()


def read_csv(path, labels=None):
    if not os.path.exists(path):
        return []
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    rows = list(csv.reader(text.splitlines()))
    labels = {**CSV_LABELS, **(labels or {})}
    keys = [labels.get(h, h) for h in rows[0]]
    return [dict(zip(keys, r)) for r in rows[1:] if r]


def read_folder(content, name):
    folder = os.path.join(content, name)
    items = []
    if os.path.isdir(folder):
        for file in sorted(os.listdir(folder)):
            if file.endswith(".md"):
                fields, body = read_front_matter(os.path.join(folder, file))
                fields.setdefault("id", file[:-3])
                fields["body"] = body
                items.append(fields)
    return items


def iso(text):
    m = re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", text or "")
    return f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m else ""


class Dataset:
    def __init__(self, content):
        with open(os.path.join(content, "site.toml"), "rb") as f:
            self.site = tomllib.load(f)
        self.categories = self.site.get("categories", [])
        self.private = set(self.site.get("private_categories", ["邻里纠纷"]))
        self.communities = read_folder(content, "communities") + read_csv(os.path.join(content, "communities.csv"))
        self.grids = read_folder(content, "grids") + read_csv(os.path.join(content, "grids.csv"))
        self.buildings = read_folder(content, "buildings") + read_csv(os.path.join(content, "buildings.csv"))
        self.stewards = read_folder(content, "stewards") + read_csv(os.path.join(content, "stewards.csv"))
        self.issues = read_csv(os.path.join(content, "issues.csv"), {"楼栋": "building"})
        self.events = read_folder(content, "events")
        self.notices = read_folder(content, "notices")
        self.duties = read_folder(content, "duties")
        self.pages = read_folder(content, "pages")
        self.index()

    def index(self):
        self.community = {c["id"]: c for c in self.communities}
        self.building = {b["id"]: b for b in self.buildings}
        self.grids_of, self.buildings_of, self.buildings_in_grid = {}, {}, {}
        for g in self.grids:
            self.grids_of.setdefault(g["community"], []).append(g)
        for b in self.buildings:
            self.buildings_of.setdefault(b["community"], []).append(b)
            self.buildings_in_grid.setdefault(b.get("grid", ""), []).append(b)
        self.stewards_of, self.steward = {}, {}
        for s in self.stewards:
            self.steward[s["id"]] = s
            s["refs"] = [r for r in re.split(r"[、,;，；\s]+", s.get("buildings", "")) if r]
            for ref in s["refs"]:
                self.stewards_of.setdefault(ref.split(":")[0], []).append(s)
        self.issues_of, self.issues_in, self.issues_by_log = {}, {}, {}
        for i in self.issues:
            for key, _ in STEPS:
                i[key] = iso(i.get(key, ""))
            i["first"] = next((i[k] for k, _ in STEPS if i[k]), "")
            b = self.building.get(i["building"], {})
            self.issues_of.setdefault(i["building"], []).append(i)
            self.issues_in.setdefault(i["category"], []).append(i)
            self.issues_by_log.setdefault((b.get("community", ""), i["first"][:7]), []).append(i)
        for group in (self.issues_of, self.issues_in, self.issues_by_log):
            for issues in group.values():
                issues.sort(key=lambda x: (x["first"], x["id"]), reverse=True)


# ---- Markdown bodies --------------------------------------------------------------------

def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def issue_table(ds, issues):
    lines = ["| 编号 | 类别 | 楼栋 | 事项 | 办理经过 | 层级 | 结果 | 满意度 |", "|---|---|---|---|---|---|---|---|"]
    for i in issues:
        b = ds.building.get(i["building"], {"name": i["building"]})
        steps = " → ".join(f"{zh} {i[k]}" for k, zh in STEPS if i[k])
        private = i["category"] in ds.private
        title = "（敏感类别，不公开）" if private else cell(i.get("title", ""))
        result = OUTCOME_ZH.get(i.get("outcome", ""), "") if i["closed_on"] else "办理中"
        lines.append(f'| <a id="{i["id"]}"></a>{i["id"]} | {i["category"]} | '
                     f'[{cell(b["name"])}](/building/{i["building"]}/) | {title} | {steps} | '
                     f'{i.get("level", "")} | {result} | {i.get("satisfaction", "")} |')
    return "\n".join(lines)


def steward_card(s):
    phone = s.get("phone", "")
    return (f"- [{cell(s['name'])}](/steward/{s['id']}/)（编号 {s['id']}）"
            f" 电话 [{phone}](tel:{re.sub(r'[^0-9]', '', phone)}) {s.get('role', '')}")


def body_community(ds, c):
    grids = "\n".join(f"- [{g['name']}](/grid/{g['id']}/) 网格长 {g.get('leader', '')}"
                      for g in ds.grids_of.get(c["id"], []))
    buildings = "\n".join(
        f"- [{b['name']}](/building/{b['id']}/)：" + "、".join(s["name"] for s in ds.stewards_of.get(b["id"], []))
        for b in ds.buildings_of.get(c["id"], []))
    events = "\n".join(f"- {e['title']}（{e.get('rule', e.get('date', ''))} {e.get('time', '')}）"
                       for e in ds.events if c["id"] in e.get("scope", []) or not e.get("scope"))
    return (f"党组织书记：{c.get('party_secretary', '')}  \n地址：{c.get('address', '')}  \n"
            f"电话：{c.get('phone', '')}  \n办公时间：{c.get('office_hours', '')}\n\n{c.get('body', '')}\n\n"
            f"## 网格\n\n{grids}\n\n## 楼栋和红管家\n\n{buildings}\n\n## 活动\n\n{events}\n")


def body_grid(ds, g):
    buildings = "\n".join(
        f"- [{b['name']}](/building/{b['id']}/)\n" + "\n".join(
            "  " + steward_card(s) for s in ds.stewards_of.get(b["id"], []))
        for b in ds.buildings_in_grid.get(g["id"], []))
    return (f"社区：[{ds.community[g['community']]['name']}](/community/{g['community']}/)  \n"
            f"网格长：{g.get('leader', '')} {g.get('leader_phone', '')}  \n"
            f"专职网格员：{g.get('worker', '')} {g.get('worker_phone', '')}\n\n## 楼栋\n\n{buildings}\n")


def body_building(ds, b, issues):
    stewards = "\n".join(steward_card(s) for s in ds.stewards_of.get(b["id"], []))
    return (f"社区：[{ds.community[b['community']]['name']}](/community/{b['community']}/)  \n"
            f"网格：[{b.get('grid', '')}](/grid/{b.get('grid', '')}/)  \n地址：{b.get('address', '')}  \n"
            f"{b.get('units', '')} 个单元，{b.get('households', '')} 户  \n"
            f"物业：{b.get('property', '')} {b.get('property_phone', '')}\n\n## 红管家\n\n{stewards}\n\n"
            f"## 问题办理记录\n\n{issue_table(ds, issues)}\n")


def body_steward(ds, s):
    buildings = "\n".join(
        f"- [{ds.building[r.split(':')[0]]['name']}](/building/{r.split(':')[0]}/)"
        + (f" {r.split(':')[1]} 单元" if ":" in r else "") for r in s["refs"] if r.split(":")[0] in ds.building)
    first = ds.building.get(s["refs"][0].split(":")[0]) if s["refs"] else None
    scheme = (ds.community.get(first["community"], {}).get("duty_scheme") if first else None) \
        or ds.site.get("duty_scheme", "")
    duty = next((d for d in ds.duties if d["id"] == scheme), None)
    duties = "\n".join(f"- **{g['name']}**：" + "、".join(g["items"]) for g in duty["groups"]) if duty else ""
    photo = f"![{s['name']}](/{s['photo']})\n\n" if s.get("photo") else ""
    return (f"{photo}编号：{s['id']}  \n电话：[{s.get('phone', '')}](tel:{re.sub(r'[^0-9]', '', s.get('phone', ''))})  \n"
            f"身份：{s.get('role', '')}  \n党员：{s.get('party_member', '')}  \n聘任日期：{iso(s.get('since', ''))}  \n"
            f"荣誉：{s.get('honors', '')}  \n服务时间：{s.get('office_hours', '')}\n\n{s.get('body', '')}\n\n"
            f"## 负责楼栋\n\n{buildings}\n\n## 职责\n\n{duties}\n")


def body_duty(d):
    groups = "\n\n".join(f"## {g['name']}\n\n" + "\n".join(f"- {item}" for item in g["items"]) for g in d["groups"])
    return f"{groups}\n\n{d.get('body', '')}\n"


def body_events(ds):
    lines = ["| 活动 | 类型 | 时间 | 地点 | 范围 |", "|---|---|---|---|---|"]
    for e in ds.events:
        when = e.get("rule") or e.get("date", "")
        lines.append(f"| {cell(e['title'])} | {e['kind']} | {when} {e.get('time', '')} | "
                     f"{cell(e.get('location', ''))} | {'、'.join(e.get('scope', [])) or '全街道'} |")
    return "\n".join(lines) + "\n"


def body_stats(ds):
    def table(title, counts):
        rows = "\n".join(f"| {cell(k)} | {v} |" for k, v in counts)
        return f"## {title}\n\n| | 件数 |\n|---|---:|\n{rows}\n"
    by_cat, by_comm, by_month = {}, {}, {}
    for i in ds.issues:
        by_cat[i["category"]] = by_cat.get(i["category"], 0) + 1
        c = ds.building.get(i["building"], {}).get("community", "")
        by_comm[c] = by_comm.get(c, 0) + 1
        by_month[i["first"][:7]] = by_month.get(i["first"][:7], 0) + 1
    closed = [i for i in ds.issues if i["closed_on"]]
    return "\n".join([
        f"共 {len(ds.issues)} 件，已销号 {len(closed)} 件。\n",
        table("按类别", sorted(by_cat.items())),
        table("按社区", [(ds.community.get(k, {}).get("name", k), v) for k, v in sorted(by_comm.items())]),
        table("按月份", sorted(by_month.items()))])


def body_category_list(ds):
    return "\n".join(f"- [{c}](/category/{slug_for(ds, c)}/)：{len(ds.issues_in.get(c, []))} 件"
                     for c in ds.categories) + "\n"


def slug_for(ds, category):
    return ds.category_slugs.get(category, f"c{ds.categories.index(category) + 1}")


def html_text(path):
    """The text of an hgj page, for page kinds this script has no Markdown for."""
    with open(path, encoding="utf-8", errors="replace") as f:
        html = f.read()
    m = re.search(r"<main[^>]*>(.*)</main>", html, re.S)
    text = re.sub(r"<[^>]+>", " ", m.group(1) if m else html)
    return re.sub(r"[ \t]+", " ", re.sub(r"\n\s*\n+", "\n\n", text)).strip() + "\n"


def page_number(path):
    m = re.search(r"page-(\d+)\.html$", path)
    return int(m.group(1)) if m else 1


def chunk(items, page, pages):
    size = max(1, math.ceil(len(items) / max(1, pages)))
    return items[(page - 1) * size: page * size]


# ---- the page plan ----------------------------------------------------------------------

def plan_from_hgj(ds, html_paths, hgj_public):
    """(path, kind, key) for every hgj page; category slugs read from hgj's pages."""
    ds.category_slugs = {}
    pages_of = count_pages(html_paths)
    for path in html_paths:
        parts = path.split("/")
        if parts[0] == "category" and len(parts) == 3 and parts[2] == "index.html":
            with open(os.path.join(hgj_public, path), encoding="utf-8", errors="replace") as f:
                head = f.read(20000)
            m = re.search(r"<h1[^>]*>(.*?)</h1>", head, re.S) or re.search(r"<title>(.*?)</title>", head, re.S)
            heading = m.group(1) if m else head
            for c in sorted(ds.categories, key=len, reverse=True):
                if c in heading:
                    ds.category_slugs[c] = parts[1]
                    break
    return [(path, page_kind(path), pages_of) for path in html_paths]


def expected_plan(ds, building_page=50, category_page=200):
    """DESIGN.md's page set, for when hgj build has no output to copy."""
    ds.category_slugs = {c: f"c{n + 1}" for n, c in enumerate(ds.categories)}
    paths = ["index.html", "communities/index.html", "notices/index.html", "events/index.html",
             "stats/index.html", "category/index.html"]
    paths += [f"community/{c['id']}/index.html" for c in ds.communities]
    paths += [f"community/{c}/log/{m}/index.html" for c, m in sorted(ds.issues_by_log) if c and m]
    paths += [f"grid/{g['id']}/index.html" for g in ds.grids]
    paths += [f"steward/{s['id']}/index.html" for s in ds.stewards]
    paths += [f"duties/{d['id']}/index.html" for d in ds.duties]
    paths += [f"pages/{p['id']}/index.html" for p in ds.pages]
    paths += [f"notices/{n['id']}/index.html" for n in ds.notices]
    for b in ds.buildings:
        n = max(1, math.ceil(len(ds.issues_of.get(b["id"], [])) / building_page))
        paths += [f"building/{b['id']}/index.html"] + [f"building/{b['id']}/page-{k}.html" for k in range(2, n + 1)]
    for c in ds.categories:
        n = max(1, math.ceil(len(ds.issues_in.get(c, [])) / category_page))
        slug = ds.category_slugs[c]
        paths += [f"category/{slug}/index.html"] + [f"category/{slug}/page-{k}.html" for k in range(2, n + 1)]
    pages_of = count_pages(paths)
    return [(p, page_kind(p), pages_of) for p in paths]


def count_pages(paths):
    pages_of = {}
    for path in paths:
        parts = path.split("/")
        if parts[0] in ("building", "category") and len(parts) == 3:
            pages_of[(parts[0], parts[1])] = pages_of.get((parts[0], parts[1]), 0) + 1
    return pages_of


def page_for(ds, path, kind, pages_of, hgj_public):
    """(front matter fields, Markdown body) for one page."""
    parts = path.split("/")
    key = parts[1] if len(parts) > 1 else ""
    listing = {"community list": ("社区", "community", "title"), "notice list": ("通知公告", "notice", "date")}
    if kind in listing:
        title, lists, order = listing[kind]
        return {"title": title, "layout": "listing", "lists": lists, "order": order}, ""
    if kind == "community" and key in ds.community:
        c = ds.community[key]
        return {"title": c["name"], "hgjkind": "community"}, body_community(ds, c)
    if kind == "monthly log":
        c = ds.community.get(key, {"name": key})
        month = parts[3]
        return ({"title": f"{c['name']} {month} 工作日志", "hgjkind": "log"},
                issue_table(ds, ds.issues_by_log.get((key, month), [])))
    if kind == "grid":
        g = next((g for g in ds.grids if g["id"] == key), None)
        if g:
            return {"title": g["name"], "hgjkind": "grid"}, body_grid(ds, g)
    if kind.startswith("building") and key in ds.building:
        issues = chunk(ds.issues_of.get(key, []), page_number(path), pages_of.get(("building", key), 1))
        return {"title": ds.building[key]["name"], "hgjkind": "building"}, body_building(ds, ds.building[key], issues)
    if kind == "steward" and key in ds.steward:
        s = ds.steward[key]
        return {"title": s["name"], "hgjkind": "steward"}, body_steward(ds, s)
    if kind == "duty":
        d = next((d for d in ds.duties if d["id"] == key), None)
        if d:
            return {"title": d["title"], "hgjkind": "duty"}, body_duty(d)
    if kind == "page":
        p = next((p for p in ds.pages if p["id"] == key), None)
        if p:
            return {"title": p["title"], "hgjkind": "page"}, p["body"] + "\n"
    if kind == "notice":
        n = next((n for n in ds.notices if n["id"] == key), None)
        if n:
            return {"title": n["title"], "date": n["date"], "hgjkind": "notice"}, n["body"] + "\n"
    if kind == "events":
        return {"title": "活动安排"}, body_events(ds)
    if kind == "stats":
        return {"title": "统计"}, body_stats(ds)
    if kind == "category list":
        return {"title": "问题类别"}, body_category_list(ds)
    if kind.startswith("category"):
        category = next((c for c, s in ds.category_slugs.items() if s == key), None)
        if category:
            issues = chunk(ds.issues_in.get(category, []), page_number(path), pages_of.get(("category", key), 1))
            return {"title": category, "hgjkind": "category"}, issue_table(ds, issues)
    if hgj_public and os.path.exists(os.path.join(hgj_public, path)):
        return {"title": kind}, html_text(os.path.join(hgj_public, path))
    return {"title": kind}, ""


# ---- writing the Hugo site --------------------------------------------------------------

def toml_value(value):
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value).lower() if isinstance(value, bool) else str(value)


def content_path(path):
    base = path[:-len(".html")]
    if base.endswith("/index"):
        base = base[:-len("/index")]
    return base + ".md"


def url_of(path):
    return "/" + path[:-len("index.html")] if path.endswith("index.html") else "/" + path


LAYOUTS = {
    "_default/baseof.html": """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="stylesheet" href="{{ "site.css" | relURL }}"></head>
<body><a class="skip" href="#main">跳到正文</a>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/communities/" | relURL }}">社区</a> <a href="{{ "/events/" | relURL }}">活动</a>
<a href="{{ "/notices/" | relURL }}">通知</a> <a href="{{ "/category/" | relURL }}">问题</a>
<a href="{{ "/stats/" | relURL }}">统计</a></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Params.street }} · 服务电话 {{ site.Params.hotline }}</footer></body></html>
""",
    "_default/single.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ with .Date }}{{ if not $.Date.IsZero }}<p><time>{{ $.Date.Format "2006-01-02" }}</time></p>{{ end }}{{ end }}
{{ .Content }}{{ end }}
""",
    "_default/listing.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
{{ $pages := where site.RegularPages "Params.hgjkind" .Params.lists }}
{{ if eq .Params.order "date" }}{{ $pages = $pages.ByDate.Reverse }}{{ else }}{{ $pages = $pages.ByTitle }}{{ end }}
<ul>{{ range $pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ if not .Date.IsZero }} <time>{{ .Date.Format "2006-01-02" }}</time>{{ end }}</li>
{{ end }}</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ site.Title }}</h1>{{ .Content }}
<p>社区 {{ len (where site.RegularPages "Params.hgjkind" "community") }} 个，网格 {{ len (where site.RegularPages "Params.hgjkind" "grid") }} 个，
楼栋 {{ len (where site.RegularPages "Params.hgjkind" "building") }} 个页面，红管家 {{ len (where site.RegularPages "Params.hgjkind" "steward") }} 位。</p>
<h2>找我的楼</h2><ul>{{ range (where site.RegularPages "Params.hgjkind" "community").ByTitle }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
<h2>通知公告</h2><ul>{{ range first 10 (where site.RegularPages "Params.hgjkind" "notice").ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "404.html": """{{ define "main" }}<h1>页面不存在</h1><p><a href="{{ "/" | relURL }}">回首页</a></p>{{ end }}
""",
}
CSS = """body{font-size:18px;line-height:1.5;max-width:60rem;margin:0 auto;padding:0 1rem;color:#1a1a1a}
a{color:#a40000}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em}
nav a,header a{display:inline-block;min-height:44px;padding:.5em}.skip{position:absolute;left:-999px}
"""


def write_site(content, site, hgj_files, hgj_public):
    """Writes the Hugo site for dataset `content` into `site`; returns {kind: page count}."""
    ds = Dataset(content)
    if hgj_files:
        plan = plan_from_hgj(ds, [p for p, _ in hgj_files if p.endswith(".html") and p != "404.html"], hgj_public)
    else:
        plan = expected_plan(ds)
    s = ds.site
    os.makedirs(site)
    with open(os.path.join(site, "hugo.toml"), "w", encoding="utf-8") as f:
        f.write(f'baseURL = {toml_value(s["base_url"] + "/")}\ntitle = {toml_value(s["title"])}\n'
                'languageCode = "zh-CN"\nhasCJKLanguage = true\nbuildFuture = true\nbuildExpired = true\n'
                'disableKinds = ["taxonomy", "term", "section", "RSS"]\ntimeout = "3600s"\n'
                f'[params]\nstreet = {toml_value(s["street"])}\nhotline = {toml_value(s.get("hotline", ""))}\n'
                '[markup.goldmark.renderer]\nunsafe = true\n')
    for name, text in LAYOUTS.items():
        os.makedirs(os.path.dirname(os.path.join(site, "layouts", name)), exist_ok=True)
        with open(os.path.join(site, "layouts", name), "w", encoding="utf-8") as f:
            f.write(text)
    os.makedirs(os.path.join(site, "static"))
    with open(os.path.join(site, "static", "site.css"), "w") as f:
        f.write(CSS)
    for folder in ("photos", "qr"):
        if os.path.isdir(os.path.join(content, folder)):
            shutil.copytree(os.path.join(content, folder), os.path.join(site, "static", folder))
    counts = {}
    for path, kind, pages_of in plan:
        fields, body = page_for(ds, path, kind, pages_of, hgj_public)
        target = os.path.join(site, "content", "_index.md" if path == "index.html" else content_path(path))
        if path != "index.html":
            fields["url"] = url_of(path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8") as f:
            f.write("+++\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in fields.items()) + "+++\n" + body)
        counts[kind] = counts.get(kind, 0) + 1
    return counts
