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

LATEX_PACKAGES = ("longtable", "booktabs")


def cite_key(doc: dict[str, Any]) -> str:
    year = (doc.get("published") or "")[:4]
    base = slug(doc.get("outlet") or doc.get("title") or "doc")[:24].replace("_", "")
    return f"{base}{year if year.isdigit() else 'nd'}{digest(doc['id'], size=4)}"


def _rows(bundle: Bundle) -> list[dict[str, Any]]:
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
        rows.append({"subject": e["subject"]["name"], "predicate": e["predicate"], "object": e["object"]["name"],
                     "sources": e["independent_source_count"], "single_source": e["single_source"],
                     "contested": e["contested"],
                     "citations": [(cite_key(d), d.get("outlet") or d.get("title") or "?", d.get("published") or "n.d.")
                                   for d in cites]})
    return rows


def table_markdown(bundle: Bundle) -> str:
    lines = ["| Subject | Predicate | Object | Independent sources | Single source | Citations |",
             "|---|---|---|---:|:---:|---|"]
    for r in _rows(bundle):
        cites = "; ".join(f"{markdown(o)}, {markdown(d)} [@{k}]" for k, o, d in r["citations"])
        lines.append(f"| {markdown(r['subject'])} | {markdown(r['predicate'])}{' (contested)' if r['contested'] else ''} | "
                     f"{markdown(r['object'])} | {r['sources']} | {'yes' if r['single_source'] else 'no'} | {cites} |")
    return "\n".join(lines) + "\n"


def table_latex(bundle: Bundle) -> str:
    out = [f"% requires \\usepackage{{{','.join(LATEX_PACKAGES)}}}",
           r"\begin{longtable}{lllrcp{0.35\linewidth}}", r"\toprule",
           r"Subject & Predicate & Object & Sources & Single & Citations \\", r"\midrule", r"\endhead"]
    for r in _rows(bundle):
        cites = "; ".join(f"{latex(o)}, {latex(d)} \\cite{{{k}}}" for k, o, d in r["citations"])
        pred = latex(r["predicate"].replace("_", " ")) + (" (contested)" if r["contested"] else "")
        out.append(f"{latex(r['subject'])} & {pred} & {latex(r['object'])} & {r['sources']} & "
                   f"{'yes' if r['single_source'] else 'no'} & {cites} \\\\")
    out += [r"\bottomrule", r"\end{longtable}"]
    return "\n".join(out) + "\n"


def table_csv(bundle: Bundle) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["subject", "predicate", "object", "independent_sources", "single_source", "contested", "citations"])
    for r in _rows(bundle):
        w.writerow([csv_cell(v) for v in (r["subject"], r["predicate"], r["object"], r["sources"], r["single_source"],
                                          r["contested"], "; ".join(f"{o}, {d} [{k}]" for k, o, d in r["citations"]))])
    return buf.getvalue()


def _author(name: str) -> str:
    """Persons as BibTeX reads them ('A and B'); a name of three words or more, or with no space, braced whole."""
    people = [p.strip() for p in re.split(r",| and ", name) if p.strip()]
    if all(1 < len(p.split()) <= 3 and not any(w.lower() in ("contributors", "staff", "news", "agency", "desk")
                                               for w in p.split()) for p in people):
        return " and ".join(bibtex(p) for p in people)
    return "{" + bibtex(name) + "}"


def bibliography(bundle: Bundle) -> str:
    """BibTeX entries (@online) of the cited documents; written for biblatex with biber, which reads
    @online and the date field (classic BibTeX styles ignore both)."""
    entries = []
    for d in sorted(bundle.documents.values(), key=cite_key):
        fields = [("title", d.get("title") or "(untitled)"), ("organization", d.get("outlet") or ""),
                  ("author", d.get("author") or ""), ("date", d.get("published") or ""), ("url", d.get("url") or "")]
        # a corporate author ("Wikipedia contributors", an outlet) is braced so BibTeX does not split it into names
        body = ",\n".join(f"  {k} = {{{_author(v) if k == 'author' else bibtex(v) if k != 'url' else re.sub(r'[{}]', '', v)}}}"
                           for k, v in fields if v)
        entries.append(f"@online{{{cite_key(d)},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


TABLES = {"markdown": table_markdown, "latex": table_latex, "csv": table_csv}


def write_table(bundle: Bundle, path: Path, fmt: str, bib: Path | None) -> list[Path]:
    path.write_text(TABLES[fmt](bundle), encoding="utf-8")
    out = [path]
    if bib is not None:
        bib.write_text(bibliography(bundle), encoding="utf-8")
        out.append(bib)
    return out
