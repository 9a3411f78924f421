"""Text normalisation and scraped-page clutter removal, then Document records.

The rules are general: leading breadcrumb junk, a header of title / dek / byline, inline share
prompts, and a footer that starts at the first reader-engagement widget (votes, comments, "Leave a
Reply", "Related") and runs to the end, taking trailing headlines with it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Mapping

from ..errors import InputError
from ..schema.ids import document_id, text_hash
from ..schema.model import Document
from .lang import detect_language

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TERMINAL = re.compile(r"[.!?…:;\"”’')\]]$")

# A line that starts the footer: everything from it to the end is page furniture.
_FOOTER = re.compile(
    r"^(what do you think\??|leave a (reply|comment)|\d+\s+(points?|comments?|responses?)|upvote|downvote|"
    r"comments?( \(\d+\))?|(\d+ )?responses?|related( (posts|articles|stories|news))?:?|read (more|next|also):?|"
    r"you (may|might) (also )?like:?|more (from|stories|on this)\b.*|recommended( for you)?:?|"
    r"(share|like) this( (article|story|post))?:?|written by\b.*|posted (in|by)\b.*|tags?:.*|filed under\b.*|"
    r"your email address will not be published.*|about the author|sign up for\b.*|subscribe\b.*|"
    r"newsletter\b.*|loading…?|loading\.\.\.|all rights reserved.*|©.*|copyright\b.*|trending( now)?:?|"
    r"most (read|popular):?|follow us\b.*)$",
    re.IGNORECASE,
)
# A line dropped wherever it stands.
_INLINE_JUNK = re.compile(
    r"^(share( on| via)?( facebook| twitter| x| whatsapp| telegram| email| linkedin)*:?|tweet|email|print|"
    r"click to (share|print|email)\b.*|advertisement|sponsored|skip to (main )?content|"
    r"(facebook|twitter|whatsapp|telegram|linkedin|reddit|pinterest)(\s*[|·•]\s*\w+)*|"
    r"gif|giphy app key not set.*|\d+|[\W\d_]*)$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:by|written by|author:)\s+(.+)$", re.IGNORECASE)
_NAME = re.compile(r"^[A-Z][\w'’.\-]+(?:\s+(?:[A-Z][\w'’.\-]+|al-\w+|bin|ibn|de|van|von)){1,3}$")
_CREDIT_LINE = re.compile(r"^[A-Z][\w'’.\-]+(?:\s+[A-Z][\w'’.\-]+){1,3}\s*[|,/–-]\s*[\w .]+$")


def normalise_text(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    return text


def _letters(line: str) -> int:
    return sum(ch.isalpha() for ch in line)


def _is_junk(line: str) -> bool:
    if _INLINE_JUNK.match(line):
        return True
    letters = _letters(line)
    return letters < 3 or letters < 0.4 * len(line.replace(" ", ""))


def _blocks(text: str) -> list[list[str]]:
    """Paragraph blocks of stripped, space-collapsed lines."""
    blocks: list[list[str]] = [[]]
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if not line:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(line)
    return [b for b in blocks if b]


def _join_wrapped(lines: list[str]) -> list[str]:
    """Re-join hard-wrapped lines; keep short headings and finished lines apart."""
    out: list[str] = []
    for line in lines:
        if out and len(out[-1]) > 60 and not _TERMINAL.search(out[-1]) and line[:1].islower():
            out[-1] += " " + line
        else:
            out.append(line)
    return out


@dataclass
class Cleaned:
    body: list[list[str]]
    title: str = ""
    subtitle: str = ""
    author: str = ""
    dropped: list[str] = field(default_factory=list)


def _sentence_like(line: str) -> bool:
    return bool(_TERMINAL.search(line)) and len(line.split()) >= 6


def _strip_header(lines: list[str], cleaned: Cleaned, want_title: bool) -> int:
    """Take title, dek and byline from the first short unpunctuated lines; return lines used."""
    i = 0
    while i < len(lines) and i < 6 and not _sentence_like(lines[i]):
        line = lines[i]
        m = _BYLINE.match(line)
        if m and len(m.group(1).split()) <= 6:
            cleaned.author = cleaned.author or m.group(1).strip()
        elif _NAME.match(line) and len(line.split()) <= 4 and (cleaned.title or not want_title):
            cleaned.author = cleaned.author or line
        elif want_title and not cleaned.title:
            cleaned.title = line
        elif not cleaned.subtitle and len(line.split()) >= 4:
            cleaned.subtitle = line
        else:
            break
        i += 1
    return i


def _strip_footer(lines: list[str], start: int, cleaned: Cleaned) -> int:
    """Index where the body ends: the first footer line, minus trailing headline lines."""
    end = len(lines)
    for i in range(start + 1, len(lines)):
        if _FOOTER.match(lines[i]):
            end = i
            break
    while end > start + 1 and not _TERMINAL.search(lines[end - 1]) and len(lines[end - 1].split()) <= 15:
        end -= 1
    cleaned.dropped.extend(lines[end:])
    return end


def clean_text(text: str, *, detect_header: bool) -> Cleaned:
    blocks = [_join_wrapped(b) for b in _blocks(normalise_text(text))]
    kept = [(bi, line) for bi, b in enumerate(blocks) for line in b if not _is_junk(line)]
    lines = [line for _, line in kept]
    cleaned = Cleaned(body=[])
    start = _strip_header(lines, cleaned, want_title=True) if detect_header else 0
    end = _strip_footer(lines, start, cleaned)
    grouped: list[list[str]] = []
    last_block = None
    for bi, line in kept[start:end]:
        if bi != last_block:
            grouped.append([])
            last_block = bi
        grouped[-1].append(line)
    cleaned.body = grouped
    return cleaned


def body_text(blocks: list[list[str]]) -> str:
    return "\n\n".join("\n".join(b) for b in blocks)


# Field names of the common collectors (docs/ingest.md has the table): trafilatura, newspaper3k/4k,
# Media Cloud, NewsAPI, GDELT DOC/GKG, schema.org, plain outlet/published/url. First match wins.
_META_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "articleBody", "full_text", "maintext", "raw_text"),
    "title": ("title", "headline", "name"),
    "subtitle": ("subtitle", "dek", "description", "summary", "standfirst", "excerpt"),
    "outlet": ("outlet", "sitename", "site_name", "source-hostname", "media_name", "SourceCommonName", "publisher",
               "source_name", "source", "site", "domain", "hostname"),
    "author": ("author", "authors", "byline", "creator"),
    "published": ("published", "publish_date", "publishedAt", "datePublished", "published_at", "date", "pubdate",
                  "date_publish", "seendate", "timestamp"),
    "url": ("url", "link", "href", "canonical_url", "DocumentIdentifier", "source_url"),
    "external_id": ("id", "_id", "guid", "uuid", "doc_id", "GKGRECORDID"),
    "language": ("language", "lang", "inLanguage"),
}


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return _as_text(value.get("name") or value.get("@value") or "")
    if isinstance(value, (list, tuple)):
        return ", ".join(t for t in (_as_text(v) for v in value) if t)
    return _SPACES.sub(" ", normalise_text(str(value))).strip()


def pick(record: Mapping[str, Any], name: str) -> Any:
    lowered = {str(k).lower(): v for k, v in record.items()}
    for key in _META_FIELDS[name]:
        if key in record and record[key] not in (None, ""):
            return record[key]
        if key.lower() in lowered and lowered[key.lower()] not in (None, ""):
            return lowered[key.lower()]
    return None


def normalise_date(value: str) -> str:
    """ISO date (YYYY-MM-DD) of a date as collectors write it; '' when it is not a real date."""
    from datetime import date, datetime, timezone

    value = value.strip()
    if re.fullmatch(r"\d{9,10}(\.\d+)?", value):  # seconds since 1970
        return datetime.fromtimestamp(float(value), tz=timezone.utc).date().isoformat()
    m = re.match(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:$|[T ])", value) or re.match(r"^(\d{4})(\d{2})(\d{2})(?:$|T?\d{2})", value)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return ""
    for fmt in ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z",
                "%B %Y", "%Y"):
        try:
            return datetime.strptime(value, fmt).strftime("%Y-%m-%d")
        except ValueError:
            continue
    return ""


def url_host(url: str) -> str:
    """The host of a URL without 'www.' ('' when it has none): a missing outlet's stand-in."""
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def make_document(
    text: str,
    meta: Mapping[str, Any],
    source: str,
    *,
    detect_header: bool,
    outlet: str | None = None,
    max_chars: int = 1_000_000,
) -> tuple[Document, list[str]]:
    """Clean a record's text and metadata into a Document; returns (document, warnings)."""
    warnings: list[str] = []
    cleaned = clean_text(text, detect_header=detect_header)
    body = body_text(cleaned.body)
    if len(body) > max_chars:
        cut = body.rfind("\n", 0, max_chars)
        body = body[: cut if cut > max_chars // 2 else max_chars]
        warnings.append(f"{source}: text longer than {max_chars} characters (setting max_document_chars); cut")
    if _letters(body) < 20:
        raise InputError(source, "no article text after cleaning", "check that the file holds an article")
    title = _as_text(meta.get("title")) or cleaned.title
    author = _as_text(meta.get("author")) or cleaned.author
    m = _BYLINE.match(author)
    if m:
        author = m.group(1).strip()
    language = _as_text(meta.get("language")) or detect_language(body)
    url = _as_text(meta.get("url"))
    named_outlet = _as_text(meta.get("outlet"))
    if re.match(r"^(https?:)?//", named_outlet):  # trafilatura's 'source' is the page's address
        named_outlet = url_host(named_outlet)
    named_outlet = named_outlet or url_host(url)
    given_date = _as_text(meta.get("published"))
    published = normalise_date(given_date)
    if given_date and not published:
        warnings.append(f"{source}: publication date {given_date[:40]!r} is not a date allegraph reads; stored undated "
                        "(give YYYY-MM-DD)")
    doc = Document(
        id=document_id(body),
        text=body,
        title=title,
        subtitle=_as_text(meta.get("subtitle")) or cleaned.subtitle,
        outlet=outlet or named_outlet,
        author=author,
        published=published,
        url=url,
        language=language[:2].lower() if language else "",
        path=source,
        external_id=_as_text(meta.get("external_id")),
        text_hash=text_hash(body),
    )
    return doc, warnings
