"""Main text and metadata from news pages: trafilatura (with htmldate) against allegraph's own
HTML reader, on pages built around known article texts with the clutter news sites carry.

Usage: python bench/html_extraction.py [--show]

Each text of the dev set's tune half (and the shipped samples) is wrapped in four layouts:
semantic (header/nav/article/aside/footer), div soup (no semantic tags, class names only),
in-article clutter (read-more links, ads, captions, embedded posts inside the story), and
metadata only in JSON-LD. For each page we score:

- recall: share of the article's words (as a multiset) found in the extracted text;
- precision: share of the extracted words that belong to the article;
- metadata: title, author, date and site name each right or wrong.

The figures decide which reader allegraph uses for what (docs/ingest.md).
"""

from __future__ import annotations

import html
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEV = ROOT.parent / "shared" / "dev"
TUNE = re.compile(r"^(0[1-6]|2\d|30)_")

CLUTTER_TOP = """<header class="site-header"><div class="logo">The Daily Ledger</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/business">Business</a></li><li><a href="/opinion">Opinion</a></li></ul></nav></header>
<div id="cookie-consent"><p>We use cookies to improve your experience on our site. By continuing you accept our
use of cookies and our privacy policy.</p><button>Accept</button></div>"""
CLUTTER_SIDE = """<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Markets rally as central bank holds interest rates steady for a third month</a></li>
<li><a href="/b">Football: late goal sends the home side top of the league table</a></li>
<li><a href="/c">Weather warning issued as storm approaches the northern coast tonight</a></li></ul></aside>
<div class="newsletter"><p>Subscribe to our newsletter for the best of our journalism every morning in your inbox.</p>
<form><input type="email"></form></div>
<section class="comments"><h3>Comments</h3><p>Great article, thanks for sharing this with us all.</p>
<p>I do not agree with any of this and I think the writer is biased against everyone.</p></section>"""
CLUTTER_BOTTOM = """<footer><p>© 2025 The Daily Ledger. All rights reserved. Terms of use. Privacy policy.
Contact us. Advertise with us.</p></footer>"""
SOUP_SIDE = """<div class="most-read"><div class="mr-title">Most read</div>
<p>Celebrity couple announce surprise engagement at a film festival in the south of France</p>
<p>Ten things you did not know about the history of the city's oldest bridge</p></div>
<div class="promo-box"><p>Get unlimited access to all of our reporting for just one pound a week.</p></div>"""
IN_ARTICLE = ['<p class="read-more"><strong>Read more:</strong> <a href="/x">Why the region\'s water crisis is '
              'getting worse every summer</a></p>',
              '<div class="advert"><p>Advertisement</p></div>',
              '<figure><img src="x.jpg"><figcaption>A view of the city skyline at dusk. Photo: Agency staff '
              'photographer</figcaption></figure>',
              '<blockquote class="twitter-tweet"><p>Breaking: watch our live coverage of the summit now on our '
              'channel</p></blockquote>']


NEUTRAL = ['<div class="box-3"><p><a href="/t1">Minister resigns after row over spending plans</a></p>'
           '<p><a href="/t2">Floods cut off villages in the east for a second day</a></p></div>',
           '<p>Share this: <a href="/f">Facebook</a> <a href="/t">Twitter</a> <a href="/e">Email</a> '
           '<a href="/w">WhatsApp</a></p>',
           '<div class="k9"><span>Sponsored</span><p><a href="/s">These shoes are taking the country by storm '
           'this winter</a></p></div>']


def pages(doc: dict) -> dict[str, str]:
    title, author, date, site = doc["title"], doc.get("author") or "", doc.get("published") or "", doc["outlet"]
    paras = [p.strip() for p in doc["text"].split("\n\n") if p.strip()]
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paras)
    e = html.escape
    og = (f'<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="{e(site)}">'
          f'<meta name="author" content="{e(author)}"><meta property="article:published_time" content="{e(date)}">')
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "author": {"@type": "Person", "name": author}, "datePublished": date,
                     "publisher": {"@type": "Organization", "name": site}})
    mixed = []
    for i, p in enumerate(paras):
        mixed.append(f"<p>{html.escape(p)}</p>")
        if i % 3 == 1:
            mixed.append(IN_ARTICLE[(i // 3) % len(IN_ARTICLE)])
    neutral = []
    for i, p in enumerate(paras):
        neutral.append(f"<p>{html.escape(p)}</p>")
        if i % 2 == 1:
            neutral.append(NEUTRAL[(i // 2) % len(NEUTRAL)])
    return {
        "neutral-names": f"<html><head><title>{e(title)}</title>{og}</head><body><div class=\"c1\"><h1>{e(title)}</h1>"
                         f"{''.join(neutral)}</div><div class=\"c2\">{NEUTRAL[0]}{NEUTRAL[0]}</div></body></html>",
        "semantic": f"<html><head><title>{e(title)} | {e(site)}</title>{og}</head><body>{CLUTTER_TOP}<main><article>"
                    f"<h1>{e(title)}</h1><p class=\"byline\">By {e(author)}</p><time datetime=\"{e(date)}\">{e(date)}</time>"
                    f"{body}</article>{CLUTTER_SIDE}</main>{CLUTTER_BOTTOM}</body></html>",
        "div-soup": f"<html><head><title>{e(title)} - {e(site)}</title>{og}</head><body><div class=\"wrap\">"
                    f"<div class=\"top\">{CLUTTER_TOP}</div><div class=\"col-main\"><div class=\"headline\">{e(title)}</div>"
                    f"<div class=\"story-text\">{body}</div></div><div class=\"col-side\">{SOUP_SIDE}</div>"
                    f"<div class=\"bottom\">{CLUTTER_BOTTOM}</div></div></body></html>",
        "in-article": f"<html><head><title>{e(title)}</title>{og}</head><body>{CLUTTER_TOP}<article><h1>{e(title)}</h1>"
                      f"{''.join(mixed)}</article>{CLUTTER_SIDE}{CLUTTER_BOTTOM}</body></html>",
        "json-ld": f"<html><head><title>{e(title)}</title><script type=\"application/ld+json\">{ld}</script></head>"
                   f"<body>{CLUTTER_TOP}<div class=\"article-body\">{body}</div>{SOUP_SIDE}{CLUTTER_BOTTOM}</body></html>",
    }


LAYOUTS = ("semantic", "div-soup", "in-article", "json-ld", "neutral-names")
SHOW = "--show" in sys.argv


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.lower()))


def score(gold: str, got: str) -> tuple[float, float]:
    g, x = words(gold), words(got)
    common = sum((g & x).values())
    return common / max(sum(g.values()), 1), common / max(sum(x.values()), 1)


def documents() -> list[dict]:
    out = []
    for path in sorted(DEV.glob("*.json")):
        if TUNE.match(path.name) and not path.name.endswith(".gold.json"):
            out.append(json.loads(path.read_text(encoding="utf-8")))
    for path in sorted((ROOT / "samples").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        if all(doc.get("id") != d.get("id") for d in out):
            out.append(doc)
    return [d for d in out if d.get("text") and d.get("title") and d.get("outlet")]


def main() -> None:
    from allegraph.ingest import html as ours
    from allegraph.ingest.clean import normalise_date

    readers = {"allegraph": lambda h: ours.read_own(h, "x.html"), "trafilatura": lambda h: ours.read_trafilatura(h, "x.html"),
               "combined": lambda h: ours.read_html_text(h, "x.html")}
    docs = documents()
    timings: dict[str, float] = {}
    print(f"{len(docs)} articles x {len(LAYOUTS)} layouts\n")
    print(f"| reader | layout | recall | precision | title | author | date | site |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, read in readers.items():
        totals = Counter()
        started = time.perf_counter()
        for layout in LAYOUTS:
            r = p = 0.0
            meta = Counter()
            for doc in docs:
                text, m = read(pages(doc)[layout])
                rr, pp = score(doc["text"], text)
                r, p = r + rr, p + pp
                meta["title"] += m.get("title", "").strip() == doc["title"].strip()
                meta["author"] += (m.get("author") or "").strip() == (doc.get("author") or "").strip()
                meta["date"] += normalise_date(m.get("published") or "")[:10] == (doc.get("published") or "")[:10]
                meta["site"] += (m.get("outlet") or "").strip() == doc["outlet"].strip()
                if SHOW and name == "trafilatura" and layout == "semantic":
                    print("  ", doc["id"], repr(m.get("author")), repr(doc.get("author")), repr(m.get("published")), repr(doc.get("published")))
            n = len(docs)
            totals.update({"r": r, "p": p, **meta})
            print(f"| {name} | {layout} | {r / n:.3f} | {p / n:.3f} | " + " | ".join(f"{meta[k]}/{n}" for k in ("title", "author", "date", "site")) + " |")
        n = len(docs) * len(LAYOUTS)
        print(f"| **{name}** | all | **{totals['r'] / n:.3f}** | **{totals['p'] / n:.3f}** | "
              + " | ".join(f"{totals[k]}/{n}" for k in ("title", "author", "date", "site")) + " |")
        timings[name] = (time.perf_counter() - started) / n * 1000
    print("\nms per page: " + ", ".join(f"{k} {v:.1f}" for k, v in timings.items()))


if __name__ == "__main__":
    main()
