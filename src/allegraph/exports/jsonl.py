"""JSON Lines files: one sorted-key JSON record per line, written whole or not at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable


def write_jsonl(records: Iterable[dict[str, Any]], out: Path) -> int:
    from ..errors import ExportError

    if out.is_dir():
        raise ExportError(f"{out}: is a folder; give a file name for --out (e.g. {out / 'claims.jsonl'})")
    out.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    tmp = out.with_name(out.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
                n += 1
        tmp.replace(out)
    finally:
        if tmp.exists():
            tmp.unlink()  # no stray half-file beside the output
    return n
