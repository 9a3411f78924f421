"""Citation tables for a paper's appendix (markdown, LaTeX, CSV) and the BibTeX of the cited documents."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from ..schema.ids import digest, slug
from .bundle import Bundle
from .escape import bibtex, csv_cell, latex, markdown

LATEX_PACKAGES = ("longtable", "booktabs", "array")


def cite_key(doc: dict[str, Any]) -> str:
    year = (doc.get("published") or "")[:4]
    base = slug(doc.get("outlet") or doc.get("title") or "doc")[:24].replace("_", "")
    return f"{base}{year if year.isdigit() else 'nd'}{digest(doc['id'], size=4)}"


def _rows(bundle: Bundle) -> list[dict[str, Any]]:
    """One row per allegation, sorted by subject, predicate and object as a reader looks them up."""
    by_claim = {c["claim_id"]: c for c in bundle.claims}
    rows = []
    for e in bundle.allegations:
        docs = {}
        for cid in e["claim_ids"]:
            c = by_claim.get(cid)
            if c is not None:
                d = bundle.documents.get(c["document"]["id"], c["document"])
                docs[d["id"]] = d
        cites = sorted(docs.values(), key=lambda d: (d.get("published") or "", d["id"]))
        dates = sorted(d["published"] for d in cites if d.get("published"))
        rows.append({"subject": e["subject"]["name"], "predicate": e["predicate"], "object": e["object"]["name"],
                     "sources": e["independent_source_count"], "denying": e["denying_source_count"],
                     "single_source": e["single_source"], "contested": e["contested"],
                     "dates": (dates[0], dates[-1]) if dates else ("", ""),
                     "citations": [(cite_key(d), d.get("outlet") or d.get("title") or "?", d.get("published") or "n.d.")
                                   for d in cites]})
    return sorted(rows, key=lambda r: (r["subject"].casefold(), r["predicate"], r["object"].casefold()))


def _span(dates: tuple[str, str], sep: str = " – ") -> str:
    first, last = dates
    if not first:
        return "n.d."
    return first if first == last else f"{first}{sep}{last}"


def table_markdown(bundle: Bundle) -> str:
    lines = ["| Subject | Predicate | Object | Independent sources | Denying sources | Single source | Dates | Citations |",
             "|---|---|---|---:|---:|:---:|---|---|"]
    for r in _rows(bundle):
        cites = "; ".join(f"{markdown(o)}, {markdown(d)} [@{k}]" for k, o, d in r["citations"])
        lines.append(f"| {markdown(r['subject'])} | {markdown(r['predicate'])}{' (contested)' if r['contested'] else ''} | "
                     f"{markdown(r['object'])} | {r['sources']} | {r['denying']} | {'yes' if r['single_source'] else 'no'} | "
                     f"{_span(r['dates'])} | {cites} |")
    return "\n".join(lines) + "\n"


# Column widths as shares of \linewidth, 0.87 in all, with \tabcolsep at 3pt: the table fits the
# narrowest usual text block (article class, 10pt, A4: 345pt) and any wider one (a test compiles it).
_LATEX_COLUMNS = [("Subject", 0.15, "l"), ("Predicate", 0.13, "l"), ("Object", 0.15, "l"), ("Src.", 0.055, "r"),
                  ("Den.", 0.055, "r"), ("Dates", 0.125, "l"), ("Citations", 0.205, "l")]


_LONG_TOKEN = re.compile(r"\S{16,}")


def _breakable(cell: str) -> str:
    """An escaped cell whose long unbroken tokens (addresses, hostile names) may break after
    punctuation, so that no word runs out of its column."""
    return _LONG_TOKEN.sub(lambda m: re.sub(r"([/.\-()=\"_,:;])", r"\1\\allowbreak{}", m.group(0)), cell)


def table_latex(bundle: Bundle) -> str:
    """A longtable (breaks across pages, header repeated) of wrapped columns in \footnotesize.
    Src. = independent sources asserting, Den. = independent sources denying."""
    spec = "".join((r">{\raggedleft\arraybackslash}" if align == "r" else r">{\raggedright\arraybackslash}")
                   + f"p{{{share:.3f}\\linewidth}}" for _, share, align in _LATEX_COLUMNS)
    head = " & ".join(name for name, _, _ in _LATEX_COLUMNS) + r" \\"
    out = [f"% requires \\usepackage{{{','.join(LATEX_PACKAGES)}}}; Src. = independent sources, Den. = denying sources",
           r"{\footnotesize\setlength{\tabcolsep}{3pt}",
           f"\\begin{{longtable}}{{@{{}}{spec}@{{}}}}", r"\toprule", head, r"\midrule", r"\endfirsthead",
           r"\toprule", head, r"\midrule", r"\endhead", r"\bottomrule", r"\endlastfoot"]
    for r in _rows(bundle):
        cites = "; ".join(f"{_breakable(latex(o))}, {latex(d)} \\cite{{{k}}}" for k, o, d in r["citations"])
        pred = latex(r["predicate"].replace("_", " ")) + (" (contested)" if r["contested"] else "")
        out.append(f"{_breakable(latex(r['subject']))} & {pred} & {_breakable(latex(r['object']))} & {r['sources']} & {r['denying']} & "
                   f"{latex(_span(r['dates'], ' -- '))} & {cites} \\\\")
    out += [r"\end{longtable}}"]
    return "\n".join(out) + "\n"


def table_csv(bundle: Bundle) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["subject", "predicate", "object", "independent_sources", "denying_sources", "single_source", "contested",
                "first_published", "last_published", "citations"])
    for r in _rows(bundle):
        w.writerow([csv_cell(v) for v in (r["subject"], r["predicate"], r["object"], r["sources"], r["denying"],
                                          r["single_source"], r["contested"], *r["dates"],
                                          "; ".join(f"{o}, {d} [{k}]" for k, o, d in r["citations"]))])
    return buf.getvalue()


def _author(name: str) -> str:
    """Persons as BibTeX reads them ('A and B'); a name of three words or more, or with no space, braced whole."""
    people = [p.strip() for p in re.split(r",| and ", name) if p.strip()]
    if all(1 < len(p.split()) <= 3 and not any(w.lower() in ("contributors", "staff", "news", "agency", "desk")
                                               for w in p.split()) for p in people):
        return " and ".join(bibtex(p) for p in people)
    return "{" + bibtex(name) + "}"


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def bibliography(bundle: Bundle) -> str:
    """BibTeX entries of the cited documents as @misc, which every style reads: plain BibTeX takes
    author, title, howpublished (the outlet), year and month and note (the address); biblatex takes
    the same plus date and url. Corporate authors are braced so that neither splits them into names."""
    entries = []
    for d in sorted(bundle.documents.values(), key=cite_key):
        published = d.get("published") or ""
        year, month = published[:4], published[5:7]
        url = re.sub(r"[{}\\%#\s]", "", d.get("url") or "")
        fields = [("author", _author(d["author"]) if d.get("author") else ""), ("title", "{" + bibtex(d.get("title") or "(untitled)") + "}"),
                  ("howpublished", bibtex(d.get("outlet") or "")), ("year", year if year.isdigit() else ""),
                  ("month", _MONTHS[int(month) - 1] if month.isdigit() and 1 <= int(month) <= 12 else ""),
                  ("date", published), ("url", url), ("note", f"\\url{{{url}}}" if url else ""),
                  ("key", bibtex(d.get("outlet") or d.get("title") or ""))]  # plain BibTeX sorts on it without an author
        body = ",\n".join(f"  {k} = {v}" if k == "month" else f"  {k} = {{{v}}}" for k, v in fields if v)
        entries.append(f"@misc{{{cite_key(d)},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


TABLES = {"markdown": table_markdown, "latex": table_latex, "csv": table_csv}


def write_table(bundle: Bundle, path: Path, fmt: str, bib: Path | None) -> list[Path]:
    path.write_text(TABLES[fmt](bundle), encoding="utf-8")
    out = [path]
    if bib is not None:
        bib.write_text(bibliography(bundle), encoding="utf-8")
        out.append(bib)
    return out
