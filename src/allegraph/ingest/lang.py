"""A small language guess: enough to refuse English extraction on other languages."""

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
    scores = {lang: sum(w in stop for w in words) / len(words) for lang, stop in _STOP.items()}
    best = max(scores, key=lambda k: scores[k])
    if scores["en"] >= 0.08 or scores[best] < 0.05:
        return "en" if scores["en"] >= 0.03 or scores[best] < 0.05 else best
    return best
