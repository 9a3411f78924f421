"""Re-run every case of the hostile-input review (issue #20) and print a table: cases tried,
handled (one clear line, the rest of the batch kept, nothing hangs) and lost data (a good
document not stored, or a store changed or damaged by a command that should not touch it).

Usage: python bench/hostile_campaign.py            (embedded store; ~2 minutes)

Each case is small and self-contained; the figures go to docs/reliability.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allegraph import api  # noqa: E402
from allegraph.errors import AllegraphError  # noqa: E402
from allegraph.settings import Settings  # noqa: E402

CLI = [sys.executable, "-m", "allegraph.cli"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
SECRET = "S3cr3tPw"
GOOD = "Turkish forces attacked Kurdish positions near Kobani on Monday, the Syrian Observatory said. Türkiye denied it.\n"
Outcome = tuple[bool, bool]  # handled, lost data


def cli(args: list[str], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, errors="replace", cwd=cwd, env=ENV,
                          timeout=timeout)


def one_line(proc: subprocess.CompletedProcess[str]) -> bool:
    return "Traceback" not in proc.stderr and proc.stderr.count("Error:") <= 1


# ------------------------------------------------------------------ read-only
WRITES = [
    "MATCH (c:Claim) WITH c LIMIT 5 //\rDETACH DELETE c", "MATCH (a:Actor) WITH a LIMIT 1 //\u2028SET a.name = 'x'",
    "MATCH (a:Actor) /* */ WITH a LIMIT 1 /*\n*/ SET a.name = 'x' RETURN a", "INSERT INTO Actor VALUES ('x')",
    "CALL show_tables() RETURN * UNION CALL db.create.setNodeVectorProperty(null, 'k', []) RETURN 1",
    "CALL table_info('Actor') RETURN * CALL apoc.create.node(['Actor'], {id: 'x'}) YIELD node RETURN node",
    "UNINSTALL json", "MATCH (a:Actor) RETURN a.id; ANALYZE", "MATCH (a:Actor) FOREACH (x IN [1] | CREATE (:Actor {id: 'y'}))",
    "MATCH (a:Actor) SET a.name = 'x'", "CREATE (:Actor {id: 'z'})", "MATCH (d:Document) DETACH DELETE d",
    "MATCH (a:Actor) MERGE (a)-[:X]->(a)", "MATCH (a:Actor) REMOVE a.name", "COPY Actor FROM 'x.csv'",
    "DROP TABLE Actor", "ALTER TABLE Actor ADD x STRING", "LOAD EXTENSION json", "CHECKPOINT", "ATTACH 'x' AS y",
    "MATCH (a:Actor) WITH a /* unterminated", "MATCH (a:Actor) `SET` a.name = 'x'",
]


def read_only_cases(store: Settings) -> list[tuple[str, Callable[[], Outcome]]]:
    def case(cypher: str) -> Callable[[], Outcome]:
        def run() -> Outcome:
            before = api.stats(store)
            names = api.query(store, "MATCH (a:Actor) RETURN a.name ORDER BY a.id")[1]
            try:
                api.query(store, cypher)
                refused = False
            except AllegraphError:
                refused = True
            lost = api.stats(store) != before or api.query(store, "MATCH (a:Actor) RETURN a.name ORDER BY a.id")[1] != names
            return refused, lost
        return run
    return [(f"read-only: {c[:40]!r}", case(c)) for c in WRITES]


# ------------------------------------------------------------------ secrets
URIS = [f"http://root:{SECRET}@example.org:7687", f"bolt:/root:{SECRET}@127.0.0.1:1",
        f"bolt://root:{SECRET}@/#?x@127.0.0.1:1", f"bolt://root:{SECRET}@127.0.0.1:notaport",
        f"neo4j://root:{SECRET}%40x@127.0.0.1:1", f"bolt://root:{SECRET}@127.0.0.1:1",
        f"bolt+s://root:{SECRET}@127.0.0.1:1", f"neo4j+ssc://root:{SECRET}@[::1]:1", f"bolt://:{SECRET}@127.0.0.1:1",
        f"ftp://u:{SECRET}@h/x", f"bolt:root:{SECRET}@h:1"]


def secret_cases(tmp: Path) -> list[tuple[str, Callable[[], Outcome]]]:
    def case(uri: str, args: list[str]) -> Callable[[], Outcome]:
        def run() -> Outcome:
            cwd = Path(tempfile.mkdtemp(dir=tmp))
            proc = cli(["--store", uri, *args], cwd)
            leaked = SECRET in proc.stdout + proc.stderr or any(SECRET in str(p) for p in cwd.rglob("*"))
            return proc.returncode != 0 and not leaked and one_line(proc), False
        return run
    cases = []
    for uri in URIS:
        for args in (["stats"], ["ingest", str(ROOT / "samples" / "seed-article.txt")], ["query", "RETURN 1"]):
            cases.append((f"secret: {args[0]} {uri.split(SECRET)[0]}…", case(uri, args)))
    return cases


# ------------------------------------------------------------------ inputs
def _batch(tmp: Path, name: str, make: Callable[[Path], None], expect_good: int = 1,
           timeout: float = 60) -> Callable[[], Outcome]:
    """A folder with one good article and the hostile item; handled = ingest ends in time with
    the good article stored and the bad one reported (or read correctly)."""
    def run() -> Outcome:
        folder = tmp / f"in-{name}"
        folder.mkdir()
        (folder / "good.txt").write_text(GOOD, encoding="utf-8")
        make(folder)
        try:
            proc = cli(["--store", str(tmp / f"st-{name}"), "ingest", str(folder)], tmp, timeout=timeout)
        except subprocess.TimeoutExpired:
            return False, False
        stored = api.stats(Settings(store=str(tmp / f"st-{name}")))["documents"] if (tmp / f"st-{name}").exists() else 0
        said = "skipped:" in proc.stderr or "warning:" in proc.stderr or "note:" in proc.stderr
        return one_line(proc) and said and stored >= expect_good, stored < expect_good
    return run


def _w(name: str, data: bytes | str) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        target = folder / name
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
    return make


def input_cases(tmp: Path) -> list[tuple[str, Callable[[], Outcome]]]:
    def fifo(folder: Path) -> None:
        os.mkfifo(folder / "pipe.txt")

    def zero(folder: Path) -> None:
        (folder / "zero.txt").symlink_to("/dev/zero")

    def badname(folder: Path) -> None:
        Path(os.fsdecode(os.fsencode(folder) + b"/bad\xffname.txt")).write_text(GOOD.replace("Kobani", "Afrin"))

    def newline(folder: Path) -> None:
        (folder / "x\nError: forged.txt").write_text("")

    def deep(folder: Path) -> None:
        fd = os.open(folder, os.O_RDONLY)
        for _ in range(18):
            os.mkdir("d" * 250, dir_fd=fd)
            nxt = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        os.close(fd)

    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n" \
           "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n" + GOOD
    other = GOOD.replace("Kobani", "Manbij")
    cases: list[tuple[str, Callable[[], Outcome]]] = [
        ("input: JSON integer of 5,000 digits", _batch(tmp, "bigint", _w("big.json", '{"text": "x", "n": ' + "9" * 5000 + "}"))),
        ("input: JSONL with one bad line", _batch(tmp, "jsonl", _w("a.jsonl", '{"text": "%s"}\n{bad\n' % other.strip()), 2)),
        ("input: file name not UTF-8", _batch(tmp, "badname", badname)),
        ("input: file name with a newline", _batch(tmp, "newline", newline)),
        ("input: FIFO in the folder", _batch(tmp, "fifo", fifo, timeout=30)),
        ("input: link to /dev/zero", _batch(tmp, "zero", zero, timeout=30)),
        ("input: YAML alias bomb in front matter", _batch(tmp, "bomb", _w("bomb.md", bomb), timeout=30)),
        ("input: folder path too long to list", _batch(tmp, "deep", deep)),
        ("input: README.md article passed over, said", _batch(tmp, "readme", _w("README.md", other))),
        ("decode: one bad byte in UTF-8", _batch(tmp, "badbyte", _w("b.txt", other.encode() + b"\xff.\n"), 2)),
        ("decode: UTF-16 without a mark", _batch(tmp, "u16", _w("u.txt", other.encode("utf-16-le")), 2)),
        ("decode: UTF-32 without a mark", _batch(tmp, "u32", _w("u.txt", other.encode("utf-32-be")), 2)),
        ("decode: cp1252", _batch(tmp, "cp1252", _w("c.txt", ("“%s” — at the café." % other.strip()).encode("cp1252")), 2)),
        ("decode: random high bytes", _batch(tmp, "noise", _w("n.txt", bytes((i * 37 + 128) % 128 + 128 for i in range(900)))),),
        ("csv: runaway quote keeps later rows", _batch(tmp, "csv", _w("a.csv", 'title,text\n"Bad,x\nok,"%s"\n' % other.strip()), 2)),
        ("input: empty and binary files", _batch(tmp, "binary", lambda f: (_w("e.txt", b"")(f), _w("p.txt", b"\x89PNG\x00\x00")(f)))),
    ]
    return cases


def linear_cases() -> list[tuple[str, Callable[[], Outcome]]]:
    from allegraph.errors import InputError
    from allegraph.ingest.clean import make_document
    from allegraph.ingest.readers import read_html_file, read_text_file

    def case(unit: str) -> Callable[[], Outcome]:
        def run() -> Outcome:
            body = ("Title\n\nSome words here. " + unit * (1_000_000 // len(unit))).encode()
            t = time.perf_counter()
            for suffix, reader in ((".md", read_text_file), (".html", read_html_file), (".txt", read_text_file)):
                for r in reader(Path(f"x{suffix}"), body):
                    if hasattr(r, "text"):
                        try:
                            make_document(r.text, r.meta, r.source, detect_header=r.detect_header, max_chars=4_000_000)
                        except InputError:
                            pass
            return time.perf_counter() - t < 2.0 * 3, False  # three readers, 2 s each
        return run
    return [(f"linear: 1 MB of {u!r}", case(u)) for u in ("[", "*a ", "**[*`", "![", "_", "\n", "<", "<b>", "&#")]


# ------------------------------------------------------------------ store state and outputs
def store_cases(tmp: Path, samples: Path) -> list[tuple[str, Callable[[], Outcome]]]:
    def copy(name: str) -> Path:
        target = tmp / name
        shutil.copytree(samples, target, ignore=shutil.ignore_patterns("writer.lock"))
        return target

    def damage(name: str, how: Callable[[Path], None]) -> Callable[[], Outcome]:
        def run() -> Outcome:
            st = copy(name)
            how(st / "graph.lbdb")
            proc = cli(["--store", str(st), "report"], tmp)
            return proc.returncode != 0 and "damaged" in proc.stderr and one_line(proc), False
        return run

    def tail(p: Path) -> None:
        with p.open("ab") as fh:
            fh.write(b"\x00garbage")

    def flip(p: Path) -> None:
        data = bytearray(p.read_bytes())
        data[len(data) // 3] ^= 0xFF
        p.write_bytes(bytes(data))

    def stale() -> Outcome:
        from allegraph.store import open_store
        st = copy("stale")
        s = Settings(store=str(st))
        with open_store(s) as store:
            store.set_meta("aggregation", "dirty")
        proc = cli(["--store", str(st), "export", "allegations", "-o", str(tmp / "stale.jsonl")], tmp)
        import json
        flagged = json.loads((tmp / "stale.jsonl.manifest.json").read_text())["stale"] is True
        return "incomplete" in proc.stderr and flagged, False

    def formula() -> Outcome:
        st = copy("formula")
        proc = cli(["--store", str(st), "query", "RETURN '=1+1' AS a, '@SUM(A1)' AS b, '+1' AS c", "--format", "csv"], tmp)
        cells = proc.stdout.splitlines()[1:]
        return bool(cells) and not any(c.startswith(("=", "@", "+", '"=')) for c in ",".join(cells).split(",")), False

    def out_path() -> Outcome:
        st = copy("outpath")
        procs = [cli(["--store", str(st), "export", "claims", "-o", p], tmp) for p in (str(tmp), "/proc/nope/x.jsonl")]
        return all(p.returncode == 1 and one_line(p) for p in procs) and not Path(str(tmp) + ".tmp").exists(), False

    return [("store: garbage appended to the graph", damage("tail", tail)),
            ("store: one byte flipped in the graph", damage("flip", flip)),
            ("store: incomplete edges said, export flagged", stale),
            ("output: formulas inert in query csv", formula),
            ("output: bad output paths, one line", out_path)]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        samples = tmp / "samples"
        api.ingest([ROOT / "samples"], Settings(store=str(samples)), progress=False)
        ro = tmp / "ro"
        shutil.copytree(samples, ro, ignore=shutil.ignore_patterns("writer.lock"))
        groups = {"read-only": read_only_cases(Settings(store=str(ro))), "secrets": secret_cases(tmp),
                  "inputs": input_cases(tmp), "linear": linear_cases(), "store/outputs": store_cases(tmp, samples)}
        print(f"{'group':<14} {'tried':>5} {'handled':>7} {'lost data':>9}")
        failures = []
        for group, cases in groups.items():
            handled = lost = 0
            for name, run in cases:
                try:
                    ok, lost_one = run()
                except Exception as exc:  # noqa: BLE001 - a case that crashes the campaign is a failure
                    ok, lost_one = False, False
                    name += f" ({type(exc).__name__}: {exc})"
                handled += ok
                lost += lost_one
                if not ok or lost_one:
                    failures.append(name)
            print(f"{group:<14} {len(cases):>5} {handled:>7} {lost:>9}")
        for name in failures:
            print(f"not handled: {name}")


if __name__ == "__main__":
    main()
