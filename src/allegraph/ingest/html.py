"""HTML: main text with boilerplate dropped; metadata from <title>, <meta>, OpenGraph, JSON-LD."""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
from lxml import etree

from ..errors import InputError

_DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
              "button", "select", "template", "figure", "figcaption", "menu", "dialog", "input", "textarea")
_BOILER = re.compile(
    r"(^|[\s_-])(comment|share|social|related|newsletter|subscribe|promo|advert|ads?|cookie|sidebar|menu|"
    r"breadcrumb|footer|header|nav|vote|widget|popup|modal|banner|tags|author-box|recommend|trending|sponsor)",
    re.IGNORECASE,
)
_BLOCKS = ("p", "h2", "h3", "h4", "h5", "li", "blockquote", "pre")


def _jsonld_article(tree: Any) -> dict[str, Any]:
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(node.text or "")
        except (json.JSONDecodeError, RecursionError):
            continue
        items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
        for item in items:
            if isinstance(item, dict) and str(item.get("@type", "")).endswith(("Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle")):
                return item
            if isinstance(item, dict) and isinstance(item.get("@type"), list) and any(
                str(t).endswith("Article") for t in item["@type"]):
                return item
    return {}


def _meta(tree: Any, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f'//meta[@{attr}=$n]/@content', n=name)
            if found and str(found[0]).strip():
                return str(found[0]).strip()
    return ""


def _author(ld: dict[str, Any]) -> str:
    author = ld.get("author")
    if isinstance(author, list):
        return ", ".join(a.get("name", "") if isinstance(a, dict) else str(a) for a in author)
    if isinstance(author, dict):
        return str(author.get("name", ""))
    return str(author or "")


def _main_container(tree: Any) -> Any:
    for xp in ('//*[@itemprop="articleBody"]', "//article", "//main", '//*[@role="main"]'):
        found = tree.xpath(xp)
        if found:
            return max(found, key=lambda el: len(el.text_content()))
    best, best_score = tree, 0
    for el in tree.iter("div", "section", "td"):
        score = sum(len(p.text_content()) for p in el.findall("p"))
        if score > best_score:
            best, best_score = el, score
    return best


def read_own(html: str, source: str) -> tuple[str, dict[str, Any]]:
    """allegraph's own reader: lxml, a boilerplate list and the largest block of paragraphs."""
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(source, f"cannot parse HTML ({exc})") from None
    ld = _jsonld_article(tree)
    publisher = ld.get("publisher")
    title_tag = (tree.findtext(".//title") or "").strip()
    h1 = tree.xpath("//h1")
    meta = {
        "title": _meta(tree, "og:title", "twitter:title") or str(ld.get("headline") or "")
        or (h1[0].text_content().strip() if h1 else "") or title_tag,
        "subtitle": _meta(tree, "og:description", "description", "twitter:description") or str(ld.get("description") or ""),
        "outlet": _meta(tree, "og:site_name", "application-name")
        or (str(publisher.get("name", "")) if isinstance(publisher, dict) else str(publisher or "")),
        "author": _meta(tree, "author", "article:author", "byl", "parsely-author") or _author(ld),
        "published": _meta(tree, "article:published_time", "datePublished", "pubdate", "date", "dc.date")
        or str(ld.get("datePublished") or "")
        or next(iter(tree.xpath("//time/@datetime")), ""),
        "url": _meta(tree, "og:url") or next(iter(tree.xpath('//link[@rel="canonical"]/@href')), "") or str(ld.get("url") or ""),
        "language": (tree.get("lang") or "").split("-")[0],
        "external_id": "",
    }
    for bad in tree.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        bad.drop_tree()
    for el in list(tree.iter(etree.Element)):
        attrs = f"{el.get('class', '')} {el.get('id', '')}"
        if el.getparent() is not None and _BOILER.search(attrs) and el.tag not in ("html", "body", "article", "main"):
            el.drop_tree()
    for el in tree.iter("br"):
        el.tail = "\n" + (el.tail or "")
    container = _main_container(tree)
    blocks = [el.text_content().strip() for el in container.iter(*_BLOCKS)
              if not any(a.tag in _BLOCKS for a in el.iterancestors())]
    text = "\n\n".join(b for b in blocks if b)
    if len(text) < 80:
        text = container.text_content()
    return text, meta


def read_trafilatura(html: str, source: str) -> tuple[str, dict[str, Any]]:
    """trafilatura's main text and metadata (htmldate for the date); ('', {}) when it finds none."""
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=True,
                                          include_images=False, deduplicate=False,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # noqa: BLE001 - a page trafilatura cannot read falls back to our reader
        return "", {}
    if doc is None:
        return "", {}
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = str(d.get("text") or "")
    title = str(d.get("title") or "")
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip():  # trafilatura keeps the headline as the first line
        text = rest
    meta = {"title": title, "subtitle": str(d.get("description") or ""), "outlet": str(d.get("sitename") or ""),
            "author": str(d.get("author") or ""), "published": str(d.get("date") or ""), "url": str(d.get("url") or ""),
            "language": str(d.get("language") or ""), "external_id": ""}
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip()), meta


def read_html_text(html: str, source: str) -> tuple[str, dict[str, Any]]:
    """Main text and metadata of a news page, from both readers (bench/html_extraction.py has the
    measure behind each choice):

    - text: the shorter of the two, when it keeps at least half of the other's words. Both keep the
      whole article on every layout measured; each lets in clutter the other drops (trafilatura
      link-dense teasers inside the story, ours class-named side blocks), so the shorter is the
      cleaner. When one reader finds far less, it lost the story, and the longer is taken.
    - metadata: ours field by field (the page's own og:, JSON-LD and meta values, as written),
      trafilatura's where ours found nothing. Its author field splits and rewrites names
      ("Lloyd J Austin III; Secretary"), so it is never preferred.
    """
    text, meta = read_own(html, source)
    other, extra = read_trafilatura(html, source)
    mine, theirs = len(re.findall(r"\w+", text)), len(re.findall(r"\w+", other))
    if other and theirs < mine and theirs >= 0.5 * mine:
        text = other
    for key, value in extra.items():
        if value and not meta.get(key):
            meta[key] = value
    return text, meta
