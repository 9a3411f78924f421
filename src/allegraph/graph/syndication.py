"""Syndicated copies: near-identical passages under several outlets are one text.

Every claim carries the MinHash signature of the paragraph it was read from (``passage``: 64
permutations of datasketch's MinHash over word shingles, stored as base64). Two claims of one
allegation in different documents whose passages agree on at least ``threshold`` of the
signature (an estimate of the Jaccard similarity of their shingle sets) are copies of one text;
copies join transitively. The copy in the earliest dated document (then the smallest document id)
carries the origin; the others relay it (docs/data-model.md, "One chain per document").

Why paragraphs and not sentences: two outlets writing "Russian forces shelled Kharkiv on Monday,
the governor said" independently share most of one short sentence, but rarely most of a paragraph.
Paragraphs shorter than ``min_words`` words get no signature and are never taken for copies.

The corpus report (``allegraph duplicates``) runs the same signatures through datasketch's
MinHashLSH over every paragraph of every document, which keeps it near linear in the corpus size
(bench/syndication.py).
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE_WORDS = 4
MIN_WORDS = 12
DEFAULT_THRESHOLD = 0.5

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _template() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32")


def paragraph_at(text: str, offset: int) -> str:
    """The paragraph (blank-line separated block) of ``text`` that holds ``offset``."""
    start = text.rfind("\n\n", 0, max(0, offset))
    end = text.find("\n\n", offset)
    return text[start + 2 if start >= 0 else 0:end if end >= 0 else len(text)]


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[bytes]:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    return sorted({" ".join(words[i:i + size]).encode("utf-8") for i in range(len(words) - size + 1)})


def minhash(text: str, size: int = SHINGLE_WORDS, min_words: int = MIN_WORDS) -> MinHash | None:
    if len(_WORD.findall(text)) < min_words:
        return None
    template = _template()
    m = MinHash(num_perm=NUM_PERM, seed=1, permutations=template.permutations, scheme=template.scheme)
    m.update_batch(shingles(text, size))
    return m


def signature(text: str, size: int = SHINGLE_WORDS, min_words: int = MIN_WORDS) -> str:
    """The passage signature stored with a claim; '' for a passage too short to judge."""
    m = minhash(text, size, min_words)
    if m is None:
        return ""
    return base64.b64encode(m.hashvalues.astype("<u4").tobytes()).decode("ascii")


def _values(sig: str) -> np.ndarray | None:
    if not sig:
        return None
    try:
        raw = base64.b64decode(sig.encode("ascii"), validate=True)
    except ValueError:
        return None
    return np.frombuffer(raw, dtype="<u4") if len(raw) == NUM_PERM * 4 else None


def similarity(a: str, b: str) -> float:
    """Estimated Jaccard similarity of two passages from their signatures (0 when either is missing)."""
    va, vb = _values(a), _values(b)
    if va is None or vb is None:
        return 0.0
    return float(np.count_nonzero(va == vb)) / NUM_PERM


BANDS = 32  # LSH bands of 2 rows over the 64 values: a pair at similarity 0.5 shares a band with p > 0.999


def copy_groups(claims: list[dict[str, Any]], threshold: float = DEFAULT_THRESHOLD) -> list[list[dict[str, Any]]]:
    """Claims grouped into texts: each group is one claim or the copies of one passage across
    documents, the carrying copy first (earliest dated document, then smallest document id).

    Claims are taken in carrying order; each joins the group of the first earlier carrier it
    copies, else carries a group of its own. A copy must keep the attribution (a named source
    stays the same source: two sources quoted in one paragraph are never merged) and come from
    a document the group does not hold yet. Carriers are found through LSH bands, so the work
    grows with the claims, not with their pairs."""
    groups: list[list[dict[str, Any]]] = []
    carriers: dict[tuple[str, str], tuple[list[np.ndarray], list[int], dict[tuple[int, bytes], list[int]]]] = {}
    for c in sorted(claims, key=carrier_order):
        v = _values(c.get("passage") or "")
        if v is None:
            groups.append([c])
            continue
        key = (str(c["attribution"]), str(c.get("origin") or "") if c["attribution"] == "named" else "")
        sigs, index, bands = carriers.setdefault(key, ([], [], {}))
        band_keys = [(b, v[2 * b:2 * b + 2].tobytes()) for b in range(BANDS)]
        candidates = sorted({k for bk in band_keys for k in bands.get(bk, ())})
        joined = False
        if candidates:
            agree = np.count_nonzero(np.stack([sigs[k] for k in candidates]) == v, axis=1) / NUM_PERM
            for n in np.argsort(-agree, kind="stable"):
                if agree[n] < threshold:
                    break
                group = groups[index[candidates[int(n)]]]
                if all(x["document_id"] != c["document_id"] for x in group):
                    group.append(c)
                    joined = True
                    break
        if not joined:
            groups.append([c])
            sigs.append(v)
            index.append(len(groups) - 1)
            for bk in band_keys:
                bands.setdefault(bk, []).append(len(sigs) - 1)
    return groups


def carrier_order(claim: dict[str, Any]) -> tuple[str, str, str]:
    return (str(claim.get("published") or "9999-99-99"), str(claim.get("document_id", "")), str(claim["id"]))


# -- the corpus report ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Cluster:
    """Near-identical passages in several documents: (document id, paragraph index) members,
    the carrying (earliest) copy first."""

    members: tuple[tuple[str, int], ...]
    text: str

    @property
    def documents(self) -> list[str]:
        return list(dict.fromkeys(d for d, _ in self.members))


def passage_clusters(documents: Iterable[dict[str, Any]], *, threshold: float = DEFAULT_THRESHOLD,
                     size: int = SHINGLE_WORDS, min_words: int = MIN_WORDS) -> list[Cluster]:
    """Clusters of near-identical paragraphs across documents (each document: id, text, published),
    found with MinHashLSH; paragraphs within one document never form a cluster on their own. Only
    a cluster's first paragraph is indexed: a copy joins the most similar one, so a passage
    copied thousands of times costs one lookup per copy."""
    # candidates at a lower threshold than the one verified, so that LSH misses few true copies
    lsh = MinHashLSH(threshold=max(0.1, threshold - 0.2), num_perm=NUM_PERM)
    keys: list[tuple[str, int]] = []
    dates: dict[str, str] = {}
    rep_of: list[int] = []  # each paragraph's cluster: the index of its representative (first) paragraph
    reps: dict[int, tuple[np.ndarray, str]] = {}  # representatives only: signature and text
    for doc in documents:
        dates[doc["id"]] = str(doc.get("published") or "9999-99-99")
        for n, para in enumerate(p for p in doc["text"].split("\n\n") if p.strip()):
            m = minhash(para, size, min_words)
            if m is None:
                continue
            i = len(keys)
            keys.append((doc["id"], n))
            best = max(((np.count_nonzero(m.hashvalues == reps[j][0]) / NUM_PERM, -j) for j in lsh.query(m)
                        if keys[j][0] != doc["id"]), default=(0.0, 0))
            if best[0] >= threshold:
                rep_of.append(-best[1])  # a copy: joins its most similar representative's cluster
            else:
                rep_of.append(i)  # a new text represents its cluster; only these are indexed, so queries stay short
                reps[i] = (m.hashvalues, para.strip())
                lsh.insert(i, m)
    groups: dict[int, list[int]] = {}
    for i, rep in enumerate(rep_of):
        groups.setdefault(rep, []).append(i)
    out = []
    for rep, members in groups.items():
        if len({keys[i][0] for i in members}) < 2:
            continue
        members.sort(key=lambda i: (dates[keys[i][0]], keys[i]))
        out.append(Cluster(tuple(keys[i] for i in members), reps[rep][1]))
    return sorted(out, key=lambda c: (-len(c.documents), c.members[0]))
