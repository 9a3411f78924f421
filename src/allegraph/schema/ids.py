"""Deterministic ids hashed from their defining parts."""

from __future__ import annotations

import hashlib
import re
import unicodedata


def digest(*parts: object, size: int = 16) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(str(part).encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:size]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(clean_text: str) -> str:
    return "doc_" + text_hash(clean_text)[:20]


def claim_id(document: str, start: int, end: int, subject: str, predicate: str, obj: str) -> str:
    return "clm_" + digest(document, start, end, subject, predicate, obj, size=20)


def edge_id(subject: str, predicate: str, obj: str) -> str:
    """An allegation edge: one (subject, predicate family, object)."""
    return "alg_" + digest(subject, predicate, obj, size=20)


def fold(text: str) -> str:
    """Case- and accent-insensitive form used to compare names."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("ı", "i")
    return re.sub(r"\s+", " ", text).strip().casefold()


def slug(name: str) -> str:
    """A stable id for an actor the catalogue does not know."""
    s = re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")
    return s[:60] or "actor_" + digest(name, size=8)
