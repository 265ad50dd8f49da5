#!/usr/bin/env python3
"""Crawls a served hgj site the way a visitor and a kiosk meet it.

Usage: crawl_site.py BASE_URL

From BASE_URL (ending in /) follows every href/src of every page on the same host, as a
visitor clicking through would; every link must answer 200. A page that nothing links to
is never visited (a publish may have sent it ahead of the pages that will link to it).
Then, if BASE_URL/kiosk/manifest.json exists, every file it lists must be served (a
kiosk that finds one with another SHA-256 keeps its bundle and asks again later; one
that finds a file missing could never complete). Prints every problem, exits 1 when
there is any.
"""
import json
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urldefrag


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src"):
                self.found.append(value)


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read()
    except urllib.error.HTTPError as e:
        return e.code, "", b""


def main():
    base = sys.argv[1]
    host = urlsplit(base).netloc
    problems = []
    seen = set()
    queue = [(base, "(start)")]
    while queue:
        url, referrer = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, ctype, body = fetch(url)
        if status != 200:
            problems.append("%s → %s: %d" % (referrer, url, status))
            continue
        if not ctype.startswith("text/html"):
            continue
        parser = Links()
        parser.feed(body.decode("utf-8", "replace"))
        for link in parser.found:
            target = urldefrag(urljoin(url, link))[0]
            parts = urlsplit(target)
            if parts.scheme in ("http", "https") and parts.netloc == host:
                queue.append((target, url))
    status, _, body = fetch(urljoin(base, "kiosk/manifest.json"))
    if status == 200:
        manifest = json.loads(body)
        for entry in manifest.get("files", []):
            path = entry["path"]
            got, _, _ = fetch(urljoin(base, "kiosk/" + path))
            if got != 200:
                problems.append("kiosk/manifest.json → %s: %d" % (path, got))
    for p in problems:
        print(p)
    print("%d URLs crawled, %d problems" % (len(seen), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
