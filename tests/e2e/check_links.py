#!/usr/bin/env python3
"""Link checker for a built hgj site.

Usage: check_links.py OUTPUT_DIR

Every href/src/action in every HTML page that is relative must resolve to a file in the
output (a folder link to its index.html), and a #fragment must name an id on the target
page. Pages may load nothing from outside the site: an absolute or protocol-relative URL
in src= or <link href=> fails (but <link rel="canonical">, the page's public address that
no browser loads), and so does any javascript: URL. Links that start with "/"
(only 404.html uses them) resolve against the output root. Prints every problem and
exits 1 when there is any.
"""
import os
import sys
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (tag, attribute, value)
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        if tag == "link" and dict(attrs).get("rel") == "canonical":
            return
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value is not None and name in ("href", "src", "action", "poster", "data"):
                self.links.append((tag, name, value))


def parse(path, cache):
    if path not in cache:
        page = Page()
        with open(path, encoding="utf-8") as f:
            page.feed(f.read())
        cache[path] = page
    return cache[path]


def check(root):
    root = os.path.abspath(root)
    cache, problems, checked = {}, [], 0
    for folder, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            shown = os.path.relpath(path, root)
            for tag, attr, value in parse(path, cache).links:
                checked += 1
                url = urlsplit(value.strip())
                if url.scheme.lower() in ("javascript", "vbscript", "data"):
                    problems.append(f"{shown}: <{tag} {attr}> uses a {url.scheme}: URL: {value}")
                    continue
                if url.scheme or value.startswith("//"):
                    external_load = attr != "href" or tag in ("link",)
                    if url.scheme in ("tel", "mailto", "sms"):
                        continue
                    if external_load or value.startswith("//"):
                        problems.append(f"{shown}: <{tag} {attr}> loads from outside the site: {value}")
                    continue
                if url.path:
                    base = root if url.path.startswith("/") else folder
                    target = os.path.normpath(os.path.join(base, unquote(url.path).lstrip("/")))
                    if not (target == root or target.startswith(root + os.sep)):
                        problems.append(f"{shown}: {value} leads outside the output")
                        continue
                    if os.path.isdir(target):
                        target = os.path.join(target, "index.html")
                else:
                    target = path
                if not os.path.isfile(target):
                    problems.append(f"{shown}: <{tag} {attr}=\"{value}\"> → missing {os.path.relpath(target, root)}")
                    continue
                if url.fragment and target.endswith(".html"):
                    if unquote(url.fragment) not in parse(target, cache).ids:
                        problems.append(f"{shown}: {value} → no id \"{url.fragment}\" in {os.path.relpath(target, root)}")
    return problems, checked, len(cache)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    problems, checked, pages = check(sys.argv[1])
    for p in problems:
        print(p)
    print(f"check_links: {pages} pages, {checked} links, {len(problems)} problems")
    return 1 if problems or pages == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
