"""Which language a document is in, so that English extraction is never run on another language.

The writing system decides first (Arabic, Cyrillic, Hebrew, CJK letters are unambiguous); Latin
script goes to py3langid (the maintained fork of langid.py: offline, 97 languages, its model in
the wheel), trusted when it is at least 50 % sure of a text of 8 words or more. Short or
undecided texts fall back to a stop-word count that leans to English, so a headline of names
("SAA, HTS, SDF: Aleppo") is not sent away as Tagalog.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP = {
    "en": {"the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by", "it", "are", "from", "has", "have", "said"},
    "fr": {"le", "la", "les", "des", "et", "est", "un", "une", "du", "que", "dans", "pour", "pas", "sur", "au", "qui"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "ein", "eine", "zu", "den", "mit", "von", "auf", "für", "sich"},
    "es": {"el", "los", "las", "y", "es", "en", "que", "del", "por", "una", "con", "para", "se", "su", "al"},
    "tr": {"ve", "bir", "bu", "ile", "için", "da", "de", "olarak", "gibi", "daha", "çok", "değil"},
    "it": {"il", "di", "che", "e", "della", "per", "non", "sono", "gli", "nel", "una", "alla"},
}


_IDENTIFIER: list[object] = []


def _langid(text: str) -> tuple[str, float] | None:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:  # pragma: no cover - a dependency; the stop-word guess still works without it
        return None
    if not _IDENTIFIER:
        _IDENTIFIER.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
    lang, prob = _IDENTIFIER[0].classify(text)  # type: ignore[attr-defined]
    return {"nb": "no", "nn": "no"}.get(lang, lang), float(prob)


def detect_language(text: str) -> str:
    sample = text[:20000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return ""
    scripts = {
        "ar": sum("\u0600" <= ch <= "\u06ff" for ch in letters),
        "ru": sum("\u0400" <= ch <= "\u04ff" for ch in letters),
        "he": sum("\u0590" <= ch <= "\u05ff" for ch in letters),
        "zh": sum("\u4e00" <= ch <= "\u9fff" for ch in letters),
        "fa": 0,
    }
    script, count = max(scripts.items(), key=lambda kv: kv[1])
    if count > 0.5 * len(letters):
        return script
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 8:
        return "en"
    found = _langid(sample[:5000])
    if found is not None and found[1] >= 0.5:
        if found[0] != "en" and sum(w in _STOP["en"] for w in words) / len(words) >= 0.08:
            return "en"  # English prose with foreign names: the stop words settle it
        return found[0]
    scores = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOP.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores["en"] >= 0.08 or scores[best] < 0.05:
        return "en" if scores["en"] >= 0.03 or scores[best] < 0.05 else best
    return best
