"""A longer fuzz campaign than CI runs: random bytes, random Unicode, deep JSON, CSV quoting, and
news-like word salad through every reader and the extractor. Prints figures for docs/reliability.md.

Usage: python bench/fuzz_campaign.py [SECONDS_PER_TARGET]   (default 60)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allegraph.errors import InputError  # noqa: E402
from allegraph.extract.extractor import Extractor  # noqa: E402
from allegraph.ingest.clean import make_document  # noqa: E402
from allegraph.ingest.readers import RawRecord, iter_records  # noqa: E402
from allegraph.schema.catalogue import load_catalogue  # noqa: E402
from allegraph.schema.model import Document  # noqa: E402
from allegraph.settings import Settings  # noqa: E402

NASTY = ["\u202e", "\u200b", "\ufeff", "\u0301", "🚀", "\x00", "\r", "\n\n", "<script>", "</p>", "&amp;", '"', "'", ",",
         "{", "}", "[", "]", "---\n", "\\", "\t", "ا", "ש", "中", "\u2028", "Iran", "HTS", "attacked", "said", "denied"]
WORDS = ["Iran", "Israel", "HTS", "Türkiye", "attacked", "backed", "said", "denied", "reportedly", "the", "it", "its",
         "support", "of", "by", "was", "-", ",", ".", "“", "”", "\n\n", "Reuters", "reports", "that", "sources", "told",
         "according", "to", "not", "accused", "Hezbollah", "SNA", "Turkish-backed", "Assad", "who", "which"]


def rand_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(NASTY) if rng.random() < 0.3 else chr(rng.randint(32, 0x2FFF)) for _ in range(n))


def campaign(seconds: float) -> None:
    rng = random.Random(20261124)
    ex = Extractor(Settings(), load_catalogue())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for target in ("bytes", "unicode", "deep-json", "csv", "extractor"):
            n = crashes = 0
            worst = 0.0
            t_end = time.monotonic() + seconds
            while time.monotonic() < t_end:
                n += 1
                t0 = time.monotonic()
                try:
                    if target == "extractor":
                        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 400)))
                        ex.extract(Document(id="t", text=text, outlet="X"))
                    else:
                        ext = rng.choice([".txt", ".md", ".html", ".json", ".jsonl", ".csv"])
                        path = Path(tmp) / f"in{ext}"
                        if target == "bytes":
                            path.write_bytes(rng.randbytes(rng.randint(0, 5000)))
                        elif target == "unicode":
                            path.write_text(rand_text(rng, rng.randint(0, 3000)), encoding="utf-8")
                        elif target == "deep-json":
                            d = rng.randint(1, 200_000)
                            path = Path(tmp) / "deep.json"
                            path.write_text("[" * d + "]" * rng.choice([d, d - 1]))
                        else:
                            path = Path(tmp) / "x.csv"
                            cells = [rand_text(rng, rng.randint(0, 80)).replace("\x00", "") for _ in range(rng.randint(2, 40))]
                            path.write_text("title,text\n" + "\n".join(f'"{a}","{b}"' for a, b in zip(cells[::2], cells[1::2])))
                        try:
                            for item in iter_records(path, 25):
                                if isinstance(item, RawRecord):
                                    try:
                                        make_document(item.text, item.meta, item.source, detect_header=item.detect_header)
                                    except InputError:
                                        pass
                        except InputError:
                            pass
                except Exception:  # noqa: BLE001 - a crash is what we count
                    crashes += 1
                    traceback.print_exc(limit=3)
                worst = max(worst, time.monotonic() - t0)
            rows.append((target, n, crashes, worst))
    print(f"# python bench/fuzz_campaign.py {seconds:g}")
    print("| target | inputs | crashes | slowest input (s) |")
    print("|---|---:|---:|---:|")
    for target, n, crashes, worst in rows:
        print(f"| {target} | {n} | {crashes} | {worst:.2f} |")


if __name__ == "__main__":
    campaign(float(sys.argv[1]) if len(sys.argv) > 1 else 60)
