#!/usr/bin/env python3
"""Bytes a page load adds (BENCHMARKS.md, previews): `page-bytes.py BEFORE_SITE AFTER_SITE PAGE...`.

For each page: its HTML before and after, raw and gzip -9; the theme files every page loads
(`theme/*.css|js` as mdBook copies them: additional-css/js, cached after the first page); and
what inlining the page's previews would have cost instead of the site-wide data file (the
entries of `report-previews-*.js` the page links to, as one inline JSON block).
"""
import glob, gzip, json, os, re, sys
from urllib.parse import urljoin

def sizes(data: bytes):
    return len(data), len(gzip.compress(data, 9))

def theme(site):
    out = {}
    for f in sorted(glob.glob(os.path.join(site, "theme", "*"))):
        if f.endswith((".css", ".js")):
            out[re.sub(r"-[0-9a-f]{8}\.", ".", os.path.basename(f))] = open(f, "rb").read()
    return out

def previews(site):
    files = glob.glob(os.path.join(site, "report-previews-*.js"))
    if not files:
        return None, b""
    text = open(files[0], "rb").read()
    body = text.decode()[len("reportPreviewsLoaded("):].rstrip().rstrip(";").rstrip(")")
    return json.loads(body), text

def inline(site, page, data):
    html = open(os.path.join(site, page), encoding="utf-8").read()
    main = html[html.find("<main>"):html.find("</main>")]
    base = "http://x/" + page
    used = {}
    for href in re.findall(r'<a [^>]*href="([^"]+)"', main):
        url = urljoin(base, href.replace("&amp;", "&"))
        if not url.startswith("http://x/"):
            continue
        key = url[len("http://x/"):]
        for kind, table in data.items():
            if key in table:
                used.setdefault(kind, {})[key] = table[key]
    block = '<script type="application/json" id="report-previews">%s</script>' % json.dumps(
        used, ensure_ascii=False, separators=(",", ":"))
    return block.encode(), sum(len(t) for t in used.values())

before, after, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
tb, ta = theme(before), theme(after)
data, file = previews(after)
print("| page | HTML before (raw / gzip) | after (raw / gzip) | added (raw / gzip) | previews inlined instead (raw / gzip, entries) |")
print("|---|---|---|---|---|")
for page in pages:
    b = sizes(open(os.path.join(before, page), "rb").read())
    a = sizes(open(os.path.join(after, page), "rb").read())
    block, n = inline(after, page, data or {})
    i = sizes(block)
    print(f"| `{page}` | {b[0]:,} / {b[1]:,} | {a[0]:,} / {a[1]:,} | {a[0]-b[0]:+,} / {a[1]-b[1]:+,} | {i[0]:,} / {i[1]:,} ({n}) |")
print()
print("| theme file (loaded by every page, cached) | before (raw / gzip) | after (raw / gzip) |")
print("|---|---|---|")
for name in sorted(set(tb) | set(ta)):
    b = sizes(tb[name]) if name in tb else (0, 0)
    a = sizes(ta[name]) if name in ta else (0, 0)
    print(f"| `{name}` | {b[0]:,} / {b[1]:,} | {a[0]:,} / {a[1]:,} |")
if file:
    s = sizes(file)
    print(f"\nThe site-wide previews data, loaded once on the first hover, focus or tap: {s[0]:,} bytes raw, {s[1]:,} gzip.")
