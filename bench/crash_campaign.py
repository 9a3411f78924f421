"""Interrupt real allegraph processes at random moments and check that nothing is lost.

Usage: python bench/crash_campaign.py [--points N] [--docs D] [--commands ingest,rebuild,sync,judge]

For each command, N runs are stopped with kill -9, TERM or INT (in turn) at a random moment
between 0.3 s and the time a clean run of that command takes. After each stop the campaign
checks: no process of the run survives; the writer lock is free (a writing command starts at
once); the store is what it should be (rebuild, sync into an embedded store and judge apply: the
store exactly as before the run; ingest: only whole batches of documents, each with its claims);
then the command is run again and the store must equal a clean run's (documents, claim ids,
allegation edges with their counts). Prints one line per command and a summary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import build  # noqa: E402

CLI = [sys.executable, "-m", "allegraph.cli"]
ENV = {**os.environ, "ALLEGRAPH_WRITE_BATCH": "8", "ALLEGRAPH_BATCH_SIZE": "2", "ALLEGRAPH_WORKERS": "2", "ALLEGRAPH_LOCK_TIMEOUT_S": "3", "SOURCE_DATE_EPOCH": "1700000000"}


def run(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    out = subprocess.run([*CLI, *args], capture_output=True, text=True, env=ENV, cwd=ROOT)
    if check and out.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({out.returncode}): {out.stderr[-500:]}")
    return out


def snapshot(store: Path) -> dict:
    """What must survive: documents, claim ids, edges with their counts."""
    def q(cypher: str) -> list:
        out = run("--store", str(store), "query", cypher, "--format", "json", check=False)
        if out.returncode != 0:
            return [f"error: {out.stderr.strip()[-200:]}"]
        return [list(r.values()) for r in json.loads(out.stdout)]

    return {
        "documents": q("MATCH (d:Document) RETURN d.id ORDER BY d.id"),
        "claims": q("MATCH (c:Claim) RETURN c.id ORDER BY c.id"),
        "edges": q("MATCH (a:Actor)-[e:ALLEGED]->(b:Actor) RETURN a.id, e.predicate, b.id, e.claim_count, "
                   "e.independent_source_count, e.denying_source_count ORDER BY a.id, e.predicate, b.id"),
    }


def survivors(marker: str) -> list[int]:
    out = subprocess.run(["pgrep", "-f", marker], capture_output=True, text=True)
    return [int(p) for p in out.stdout.split()]


def interrupt(args: list[str], marker_store: Path, delay: float, sig: signal.Signals) -> int:
    proc = subprocess.Popen([*CLI, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV, cwd=ROOT)
    time.sleep(delay)
    proc.send_signal(sig)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return -999  # did not stop within a minute of the signal: counted as a hang
    return proc.returncode


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=int, default=20)
    ap.add_argument("--docs", type=int, default=60)
    ap.add_argument("--commands", default="ingest,rebuild,sync,judge")
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="allegraph-crash-"))
    corpus = work / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in build(args.docs)), encoding="utf-8")
    reference = work / "reference"
    t0 = time.perf_counter()
    run("--store", str(reference), "ingest", str(corpus), "--quiet")
    times = {"ingest": time.perf_counter() - t0}
    clean = snapshot(reference)
    t0 = time.perf_counter()
    run("--store", str(reference), "rebuild")
    times["rebuild"] = time.perf_counter() - t0
    assert snapshot(reference) == clean, "a clean rebuild changed the store"
    t0 = time.perf_counter()
    run("--store", str(work / "synced"), "sync", "--from", str(reference))
    times["sync"] = time.perf_counter() - t0
    claim = clean["claims"][0][0]
    judgements = work / "judgements.yaml"
    judgements.write_text(f"judgements:\n- {{action: reject, claim: {claim}}}\n", encoding="utf-8")
    judged = work / "judged"
    shutil.copytree(reference, judged)
    t0 = time.perf_counter()
    run("--store", str(judged), "judge", "--file", str(judgements), "apply")
    times["judge"] = time.perf_counter() - t0
    after_judge = snapshot(judged)
    print(f"# python bench/crash_campaign.py --points {args.points} --docs {args.docs} --commands {args.commands}")
    print(f"clean runs: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))
    signals = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT]
    totals = {"runs": 0, "changed": 0, "survivors": 0, "locks": 0, "hangs": 0, "not_restored": 0}
    for command in args.commands.split(","):
        stats = {"runs": 0, "changed": 0, "survivors": 0, "locks": 0, "hangs": 0, "not_restored": 0}
        for n in range(args.points):
            sig = signals[n % 3]
            delay = rng.uniform(0.3, max(0.5, times[command]))
            store = work / f"{command}-{n}"
            if command == "ingest":
                argv = ["--store", str(store), "ingest", str(corpus), "--quiet"]
                before, expected = None, clean
            elif command == "rebuild":
                shutil.copytree(reference, store)
                argv = ["--store", str(store), "rebuild"]
                before, expected = clean, clean
            elif command == "sync":
                argv = ["--store", str(store), "sync", "--from", str(reference)]
                before, expected = None, clean
            else:
                shutil.copytree(reference, store)
                argv = ["--store", str(store), "judge", "--file", str(judgements), "apply"]
                before, expected = clean, after_judge
            code = interrupt(argv, store, delay, sig)
            stats["runs"] += 1
            stats["hangs"] += code == -999
            time.sleep(0.5)
            stats["survivors"] += bool(survivors(str(store)))
            if (store / "graph.lbdb").exists():
                now = snapshot(store)
                if before is not None and now not in (before, expected):
                    stats["changed"] += 1
                    print(f"  {command} #{n} ({sig.name} at {delay:.1f} s): store changed: "
                          f"{len(now['documents'])} documents, {len(now['claims'])} claims, {len(now['edges'])} edges")
                if command == "ingest":  # whole documents only: every stored document has all its claims
                    stored = {d[0] for d in now["documents"]}
                    ok = stored <= {d[0] for d in clean["documents"]}
                    stats["changed"] += not ok
                    if not ok:
                        print(f"  ingest #{n} ({sig.name} at {delay:.1f} s): {str(now['documents'])[:300]}")
            t0 = time.perf_counter()
            again = run(*argv, check=False)
            if again.returncode != 0 and "locked" in again.stderr:
                stats["locks"] += 1
            if again.returncode != 0 or snapshot(store) != expected:
                stats["not_restored"] += 1
                print(f"  {command} #{n} ({sig.name} at {delay:.1f} s): the second run did not give the clean result "
                      f"(exit {again.returncode}: {again.stderr.strip()[-300:]})")
            shutil.rmtree(store, ignore_errors=True)
        print(f"{command:<8} {stats['runs']} interruptions: {stats['changed']} stores changed, {stats['survivors']} with "
              f"surviving processes, {stats['locks']} locks left, {stats['hangs']} hangs, {stats['not_restored']} not "
              "restored by a second run")
        for k in totals:
            totals[k] += stats[k]
    print(f"total    {totals['runs']} interruptions: {totals['changed']} stores changed, {totals['survivors']} survivors, "
          f"{totals['locks']} locks left, {totals['hangs']} hangs, {totals['not_restored']} not restored")
    shutil.rmtree(work, ignore_errors=True)
    sys.exit(1 if any(totals[k] for k in totals if k != "runs") else 0)


if __name__ == "__main__":
    main()
