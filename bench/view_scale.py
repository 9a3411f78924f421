"""View at scale: build a synthetic allegation graph of N actors (in communities of about 40, as
conflict corpora have: most allegations inside a conflict, a few across), write the HTML, time the
write and the page load in headless Chromium (until the data is ready, the communities collapsed
and two frames drawn), count what the reader sees at open, time opening the largest community,
and save a screenshot of each to out/bench/.

Usage: python bench/view_scale.py [N ...]   (default 2000)
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from allegraph.viz.view import write_view  # noqa: E402

KINDS = ["state", "armed_group", "person", "media", "agency", "place"]
PREDICATES = ["supports", "controls", "cooperates", "attacks", "threatens", "opposes", "captures", "affiliated_with"]


def synthetic(n: int, seed: int = 7):
    rng = random.Random(seed)
    actors = [{"id": f"a{i}", "name": f"Actor {i}", "kind": KINDS[i % len(KINDS)]} for i in range(n)]
    groups = [actors[i:i + 40] for i in range(0, n, 40)]
    allegations, claims = [], []
    for j in range(n * 3 // 2):
        group = rng.choice(groups)
        s, o = rng.sample(group, 2) if rng.random() < 0.9 and len(group) > 1 else rng.sample(actors, 2)
        k = rng.choice([1, 1, 1, 2, 3])
        cid = f"c{j}"
        claims.append({"claim_id": cid, "document": {"id": "d", "title": f"Doc {j}"}, "origin": {"name": "Outlet"},
                       "attribution": "named", "relays": [], "evidence": {"text": f"Actor {s['name']} did it."},
                       "polarity": "asserted", "hedged": False, "predicate_text": "did"})
        allegations.append({"subject": s, "object": o, "predicate": rng.choice(PREDICATES), "claim_count": k,
                            "origins": [{"id": "x", "name": "Outlet"}], "independent_source_count": k,
                            "denying_source_count": 0, "single_source": k == 1, "contested": False,
                            "confidence": 0.5, "first_seen": "", "last_seen": "", "claim_ids": [cid], "relays": []})
    uniq = {(a["subject"]["id"], a["predicate"], a["object"]["id"]): a for a in allegations}
    return list(uniq.values()), claims


def main() -> None:
    import faulthandler

    faulthandler.dump_traceback_later(600, repeat=True)  # a size that takes over ten minutes says where it is
    sizes = [int(x) for x in sys.argv[1:]] or [2000]
    from playwright.sync_api import sync_playwright

    print(f"# python bench/view_scale.py {' '.join(map(str, sizes))}")
    print("| actors | allegations | view write s | HTML MB | page ready s | nodes at open | open a community s "
          "| graphml s | gexf s | figure png s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    shots = ROOT / "out" / "bench"
    shots.mkdir(parents=True, exist_ok=True)
    flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        ctx = p.chromium.launch_persistent_context(tmp + "/ud", executable_path="/usr/bin/chromium", headless=True, args=flags)
        for n in sizes:
            allegations, claims = synthetic(n)
            out = Path(tmp) / f"v{n}.html"
            t0 = time.perf_counter()
            v = write_view(allegations, claims, {}, out)
            t1 = time.perf_counter()
            print(f"  {n}: view written in {t1 - t0:.1f} s", file=sys.stderr, flush=True)
            page = ctx.new_page()
            page.set_viewport_size({"width": 1400, "height": 900})
            t2 = time.perf_counter()
            page.goto(out.as_uri())
            page.wait_for_function("window.allegraph !== undefined", timeout=300000)
            page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            t3 = time.perf_counter()
            print(f"  {n}: page ready in {t3 - t2:.1f} s", file=sys.stderr, flush=True)
            shown = page.evaluate("nodes.get().filter(n => !n.hidden).length")
            page.screenshot(path=str(shots / f"view-{n}.png"))
            biggest = page.evaluate("window.allegraph.communities()[0] || ''")
            t5 = time.perf_counter()
            if biggest:
                page.evaluate("id => { window.allegraph.openCommunity(id); return new Promise(r => requestAnimationFrame(r)); }",
                              biggest)
            opened = time.perf_counter() - t5 if biggest else float("nan")
            page.screenshot(path=str(shots / f"view-{n}-opened.png"))
            page.close()
            from allegraph.exports.bundle import make_bundle
            from allegraph.exports.figures import write_figure
            from allegraph.exports.graphs import write_gexf, write_graphml
            from allegraph.graph.filters import Filters

            bundle = make_bundle(allegations, claims, {}, Filters())
            timings = []
            for fn, name in ((write_graphml, "g.graphml"), (write_gexf, "g.gexf")):
                t4 = time.perf_counter()
                fn(bundle, Path(tmp) / name)
                timings.append(time.perf_counter() - t4)
            t4 = time.perf_counter()
            write_figure(bundle, Path(tmp) / "f.png", "png")
            timings.append(time.perf_counter() - t4)
            print(f"| {v.nodes} | {v.edges} | {t1 - t0:.2f} | {out.stat().st_size / 1e6:.1f} | {t3 - t2:.2f} | {shown} | "
                  f"{opened:.2f} | " + " | ".join(f"{x:.1f}" for x in timings) + " |")
        ctx.close()


if __name__ == "__main__":
    main()
