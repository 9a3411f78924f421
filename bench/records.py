"""Cost of the record conversions every store read and export goes through: a claim row read
back into its record (``Claim.from_store_row``) and written as the export says (``to_export``).

    python bench/records.py [N]      # default 100,000 claims
"""

from __future__ import annotations

import sys
import time

from allegraph.schema.model import Claim


def main(n: int) -> None:
    claim = Claim(id="clm_1", document_id="doc_1", subject="iran", object="hezbollah", origin=None, predicate="supports",
                  relays=("reuters",), hedge_cues=("reportedly",), start=1, end=40, evidence_text="Iran armed Hezbollah.")
    row = claim.to_store_row()
    ref = {"id": "x", "name": "X", "kind": "state"}
    started = time.perf_counter()
    for _ in range(n):
        Claim.from_store_row(row).to_export(lambda a: ref)
    took = time.perf_counter() - started
    print(f"{n:,} claims read and exported in {took:.2f} s: {took / n * 1e6:.1f} us per claim")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
