"""Progress lines on a terminal (tqdm), for the commands that take long: ingest (bytes of input,
with a total and an ETA) and exports (their steps). Nothing is drawn when standard error is not
a terminal, as tqdm itself does by default."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Sequence


class Bar:
    """The ingest progress line, in bytes of input with a total and an ETA, from the first file on
    (a terminal only, like tqdm's own default). It moves as documents are parsed (or found already
    stored): each document owes the bytes of its record, the last of a file the rest of the file."""

    def __init__(self, files: Sequence[Any], enabled: bool) -> None:
        self.bar: Any = None
        self.owed: dict[str, int] = {}
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            total = sum(size(f) for f in files if isinstance(f, Path))
            self.bar = tqdm(total=total, desc="ingest", unit="B", unit_scale=True, file=sys.stderr, leave=False,
                            dynamic_ncols=True)

    def note(self, text: str) -> None:
        if self.bar is not None:
            self.bar.set_description_str(text)
            self.bar.refresh()

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(max(0, min(n, self.bar.total - self.bar.n)))

    def owe(self, doc_id: str, n: int) -> None:
        """n bytes of input are done when this document is (extracted, or found already stored)."""
        if self.bar is not None:
            self.owed[doc_id] = self.owed.get(doc_id, 0) + n

    def paid(self, doc_id: str) -> None:
        if self.bar is not None:
            self.advance(self.owed.pop(doc_id, 0))

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class Stages:
    """A progress line for a command made of a few long steps (an export of a large store): the step
    being done, how many of how many, and the time spent; a terminal only."""

    def __init__(self, steps: list[str], enabled: bool, desc: str) -> None:
        self.bar: Any = None
        self.steps = steps
        if enabled and sys.stderr.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=len(steps), desc=f"{desc}: {steps[0]}", unit="step", file=sys.stderr, leave=False,
                            bar_format="{desc} [{n_fmt}/{total_fmt}, {elapsed}]")
        self.desc = desc

    def next(self) -> None:
        if self.bar is not None:
            self.bar.update(1)
            if self.bar.n < len(self.steps):
                self.bar.set_description_str(f"{self.desc}: {self.steps[self.bar.n]}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
