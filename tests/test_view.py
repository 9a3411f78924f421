"""The HTML view in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Where chromium is missing these tests skip and say why; with ALLEGRAPH_REQUIRE_BROWSER=1 (CI) they fail.
A screenshot of every page is written to out/screenshots/.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from allegraph import api
from allegraph.schema import encoding

from .conftest import ROOT, make_settings

CHROMIUM = os.environ.get("ALLEGRAPH_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "out" / "screenshots"


def _browser_missing() -> str:
    if not Path(CHROMIUM).exists():
        return f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "python package playwright not installed"
    return ""


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    reason = _browser_missing()
    if reason:
        if os.environ.get("ALLEGRAPH_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here but cannot run: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(str(tmp_path_factory.mktemp("chromium")), executable_path=CHROMIUM,
                                                   headless=True, args=FLAGS, viewport={"width": 1400, "height": 900})
        yield ctx
        ctx.close()


def open_page(browser, html: Path, shot: str):
    page = browser.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    page.goto(html.as_uri())
    page.wait_for_function("window.allegraph !== undefined", timeout=20000)
    page.wait_for_timeout(1500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{shot}.png"))
    return page, errors, outside


def click_edge(page, edge_id: str) -> bool:
    """Click the middle of an edge on the canvas, as a person would."""
    pos = page.evaluate("""(id) => { const e = edges.get(id); const p = network.getPositions([e.from, e.to]);
        const a = network.canvasToDOM(p[e.from]), b = network.canvasToDOM(p[e.to]);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return {x: r.left + (a.x + b.x) / 2, y: r.top + (a.y + b.y) / 2}; }""", edge_id)
    page.mouse.click(pos["x"], pos["y"])
    page.wait_for_timeout(300)
    return page.evaluate("document.getElementById('ag-panel').style.display") == "block"


@pytest.fixture(scope="module")
def sample_view(sample_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("view") / "graph.html"
    v = api.view(sample_store, out)
    return v, api.export_records(sample_store, "allegations")


def test_view_loads_offline_without_errors(browser, sample_view):
    v, _ = sample_view
    page, errors, outside = open_page(browser, v.path, "samples")
    assert errors == [] and outside == []
    html = v.path.read_text(encoding="utf-8")
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html and "bootstrap" not in html.lower()
    page.close()


def test_view_counts_match_the_graph(browser, sample_view):
    v, allegations = sample_view
    page, _, _ = open_page(browser, v.path, "samples-counts")
    actors = {e["subject"]["id"] for e in allegations} | {e["object"]["id"] for e in allegations}
    assert page.evaluate("[nodes.length, edges.length]") == [len(actors), len(allegations)] == [v.nodes, v.edges]
    page.close()


def test_view_single_source_dashed_corroborated_solid(browser, sample_view):
    v, allegations = sample_view
    page, _, _ = open_page(browser, v.path, "samples-encoding")
    styles = page.evaluate("edges.get().map(e => [e.id, e.dashes, e.width])")
    by_id = {i: (d, w) for i, d, w in styles}
    expected = {"corroborated": False, "single_source": [8, 6], "contested": [12, 4, 2, 4], "denied_only": [2, 5]}
    seen = set()
    for e in allegations:
        dashes, width = by_id[f"{e['subject']['id']}|{e['predicate']}|{e['object']['id']}"]
        standing = encoding.of(e)
        seen.add(standing)
        assert dashes == expected[standing], (e, dashes)
        assert (width > 1) == (e["independent_source_count"] >= 2)
    assert {"single_source", "corroborated", "contested", "denied_only"} <= seen  # the samples have all four
    legend = page.evaluate("Array.from(document.querySelectorAll('#ag-legend [data-standing]')).map(x => x.style.borderTopStyle)")
    assert legend == ["solid", "dashed", "double", "dotted"]
    page.close()


def test_view_clicking_an_edge_shows_its_quotes(browser, sample_view):
    v, allegations = sample_view
    page, _, _ = open_page(browser, v.path, "samples-click")
    target = max(allegations, key=lambda e: (e["independent_source_count"], e["claim_count"]))
    edge_id = f"{target['subject']['id']}|{target['predicate']}|{target['object']['id']}"
    page.evaluate("id => network.focus(id.split('|')[0], {scale: 1.0})", edge_id)
    page.evaluate("network.moveTo({scale: 1.2})")
    page.wait_for_timeout(300)
    clicked = click_edge(page, edge_id)
    if not clicked or page.evaluate("network.getSelectedEdges()[0]") != edge_id:
        pytest.fail("the click did not land on the edge")
    text = page.inner_text("#ag-panel")
    assert target["subject"]["name"] in text and text.count("origin:") == target["claim_count"]
    assert page.evaluate("document.querySelectorAll('#ag-panel mark').length") >= 1
    page.screenshot(path=str(SHOTS / "samples-panel.png"))
    page.close()


def test_view_filters_hide_edges(browser, sample_view):
    v, allegations = sample_view
    page, _, _ = open_page(browser, v.path, "samples-filter")
    page.fill("#ag-min", "2")
    page.dispatch_event("#ag-min", "input")
    visible = page.evaluate("edges.get().filter(e => !e.hidden).length")
    assert visible == sum(e["independent_source_count"] >= 2 or e["contested"] for e in allegations)  # denials stay
    page.uncheck("#ag-keep-contested")
    visible = page.evaluate("edges.get().filter(e => !e.hidden).length")
    assert visible == sum(e["independent_source_count"] >= 2 for e in allegations)
    page.fill("#ag-min", "0")
    page.dispatch_event("#ag-min", "input")
    page.select_option("#ag-standing", "single_source")
    visible = page.evaluate("edges.get().filter(e => !e.hidden).map(e => e.id).sort()")
    assert visible == sorted(f"{e['subject']['id']}|{e['predicate']}|{e['object']['id']}" for e in allegations
                             if encoding.of(e) == "single_source")
    page.select_option("#ag-standing", "disputed")
    visible = page.evaluate("edges.get().filter(e => !e.hidden).length")
    assert visible == sum(e["contested"] for e in allegations)
    page.close()


HOSTILE_TITLE = "<img src=x onerror=\"window.__pwned=1\">"


def test_view_hostile_article_runs_no_script(browser, tmp_path):
    record = {"id": "h1", "title": HOSTILE_TITLE, "outlet": "<script>window.__pwned=2</script> Wire",
              "url": "javascript:window.__pwned=3", "published": "2024-01-01",
              "text": "Hezbollah attacked Israel near the border <script>window.__pwned=4</script> on Monday, "
                      "</script><img src=x onerror=window.__pwned=5> href the report said."}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "h.json").write_text(json.dumps(record))
    s = make_settings(tmp_path / "store")
    api.ingest([tmp_path / "in"], s, progress=False)
    v = api.view(s, tmp_path / "hostile.html")
    assert v.edges >= 1
    page, errors, outside = open_page(browser, v.path, "hostile")
    edge_id = page.evaluate("edges.getIds()[0]")
    page.evaluate("id => window.allegraph.showEdges([JSON.parse(document.getElementById('allegraph-data').textContent).edges.find(e => e.id === id)], 'x')", edge_id)
    text = page.inner_text("#ag-panel")
    assert HOSTILE_TITLE in text  # shown literally
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('#ag-panel img, #ag-panel script').length") == 0
    assert outside == [] and errors == []
    page.close()


def test_view_notebook_object_displays_inline(sample_view):
    v, _ = sample_view
    html = v._repr_html_()
    assert html.startswith("<iframe srcdoc=") and "&lt;script" in html


def test_view_is_deterministic(sample_store, tmp_path):
    a = api.view(sample_store, tmp_path / "a.html").path.read_bytes()
    b = api.view(sample_store, tmp_path / "b.html").path.read_bytes()
    assert a == b


def test_view_filters_in_the_command(sample_store, tmp_path):
    from allegraph.cli import main

    assert main(["--store", sample_store.store, "view", "-o", str(tmp_path / "v.html"), "--actor", "HTS", "--depth", "1",
                 "--only-single-source"]) == 0
    assert main(["--store", sample_store.store, "view", "-o", str(tmp_path / "v.html"), "--predicate", "bogus"]) == 2


def _visible(page) -> list[str]:
    return sorted(page.evaluate("edges.get().filter(e => !e.hidden).map(e => e.id)"))


def _key(e) -> str:
    return f"{e['subject']['id']}|{e['predicate']}|{e['object']['id']}"


def test_view_predicate_kind_and_date_filters(browser, sample_view):
    v, allegations = sample_view
    page, _, _ = open_page(browser, v.path, "samples-filters-more")
    page.select_option("#ag-predicate", "attacks")
    assert _visible(page) == sorted(_key(e) for e in allegations if e["predicate"] == "attacks")
    page.select_option("#ag-predicate", "")
    page.select_option("#ag-kind", "person")
    assert _visible(page) == sorted(_key(e) for e in allegations if "person" in (e["subject"]["kind"], e["object"]["kind"]))
    page.select_option("#ag-kind", "")
    page.fill("#ag-since", "2024-01-01")
    page.dispatch_event("#ag-since", "change")
    dated = sorted(_key(e) for e in allegations if (e["last_seen"] or e["first_seen"] or "") >= "2024-01-01")
    assert _visible(page) == dated and dated
    page.check("#ag-undated")
    assert _visible(page) == sorted(set(dated) | {_key(e) for e in allegations if not (e["first_seen"] or e["last_seen"])})
    page.close()


def test_view_legend_is_in_a_collapsible_panel_that_never_covers_the_graph(browser, sample_view):
    v, _ = sample_view
    page, _, _ = open_page(browser, v.path, "samples-legend")
    side = page.evaluate("(() => { const r = document.getElementById('ag-side').getBoundingClientRect(); return [r.left, r.right]; })()")
    graph = page.evaluate("(() => { const r = document.getElementById('mynetwork').getBoundingClientRect(); return [r.left, r.right]; })()")
    assert side[1] <= graph[0] + 1, (side, graph)  # the legend's panel ends where the graph begins
    labels = page.inner_text("#ag-legend")
    assert "is affiliated with" in labels and "Armed group" in labels and "affiliated_with" not in labels
    page.click("#ag-toggle")
    page.wait_for_timeout(300)
    assert page.evaluate("document.getElementById('ag-legend').offsetParent") is None  # hidden
    wider = page.evaluate("document.getElementById('mynetwork').getBoundingClientRect().width")
    assert wider > graph[1] - graph[0]
    page.screenshot(path=str(SHOTS / "samples-legend-collapsed.png"))
    page.close()


def test_view_search_knows_aliases_and_whole_words_and_refits(browser, sample_view):
    v, allegations = sample_view
    page, _, _ = open_page(browser, v.path, "samples-search")
    before = page.evaluate("[network.getScale(), network.getViewPosition()]")
    page.fill("#ag-search", "Turkey")  # an alias of Türkiye
    page.dispatch_event("#ag-search", "input")
    page.wait_for_timeout(200)
    expected = sorted(_key(e) for e in allegations if "turkiye" in (e["subject"]["id"], e["object"]["id"]))
    assert _visible(page) == expected and expected
    assert "Türkiye" in page.inner_text("#ag-match")
    assert page.evaluate("[network.getScale(), network.getViewPosition()]") != before  # re-fitted to what is shown
    assert page.evaluate("Array.from(document.querySelectorAll('#ag-names option')).some(o => o.value === 'HTS')")
    assert page.evaluate("window.allegraph.matches('hts', 'hts')") is True
    names = {n["id"]: n["name"] for e in allegations for n in (e["subject"], e["object"])}
    heights = [i for i, n in names.items() if "Heights" in n]
    assert all(page.evaluate(f"window.allegraph.matches('{i}', 'HTS')") is False for i in heights)
    page.close()


def test_view_node_panel_respects_the_filters(browser, sample_view):
    v, allegations = sample_view
    page, _, _ = open_page(browser, v.path, "samples-node-panel")
    page.select_option("#ag-predicate", "attacks")
    hub = max({n["id"] for e in allegations if e["predicate"] == "attacks" for n in (e["subject"], e["object"])},
              key=lambda i: sum(i in (e["subject"]["id"], e["object"]["id"]) for e in allegations))
    page.evaluate("id => network.selectNodes([id])", hub)
    page.evaluate("""id => network.body.emitter.emit('click', {nodes: [id], edges: []})""", hub)
    page.wait_for_timeout(200)
    shown = page.evaluate("document.querySelectorAll('#ag-panel .edge').length")
    assert shown == sum(e["predicate"] == "attacks" and hub in (e["subject"]["id"], e["object"]["id"]) for e in allegations)
    assert shown < sum(hub in (e["subject"]["id"], e["object"]["id"]) for e in allegations)
    page.close()


def test_view_groups_identical_sentences_and_pages_the_evidence(browser, tmp_path):
    """Five outlets carry one sentence, and twelve more origins each say it differently: one box says
    '5 outlets carry this sentence', and the panel shows ten groups at first, then the rest on demand."""
    sentence = "Hezbollah fired rockets at northern Israel on Monday, the Israeli army said."
    records = [{"id": f"c{i}", "title": f"Copy {i}", "outlet": f"Outlet {i}", "published": f"2024-03-0{i + 1}",
                "text": sentence + f" Residents of town {i} took shelter."} for i in range(5)]
    records += [{"id": f"o{i}", "title": f"Other {i}", "outlet": f"Paper {i}", "published": "2024-03-10",
                 "text": f"Hezbollah attacked Israel with {i + 2} drones near the border, Source{i} said."} for i in range(12)]
    (tmp_path / "in.json").write_text(json.dumps(records), encoding="utf-8")
    s = make_settings(tmp_path / "store")
    api.ingest([tmp_path / "in.json"], s, progress=False)
    v = api.view(s, tmp_path / "v.html", actor="Hezbollah")
    page, errors, _ = open_page(browser, v.path, "grouped-evidence")
    edge = page.evaluate("edges.get().filter(e => e.from === 'hezbollah' && e.to === 'israel' && e.predicate === 'attacks')[0].id")
    page.evaluate("""id => window.allegraph.showEdges([JSON.parse(document.getElementById('allegraph-data').textContent)
                        .edges.find(e => e.id === id)], 'x')""", edge)
    text = page.inner_text("#ag-panel")
    assert "5 outlets carry this sentence" in text
    first = page.evaluate("document.querySelectorAll('#ag-panel .claim').length")
    assert first == 10 and page.evaluate("document.querySelectorAll('#ag-panel button.more').length") == 1
    page.click("#ag-panel button.more")
    assert page.evaluate("document.querySelectorAll('#ag-panel .claim').length") > first
    page.screenshot(path=str(SHOTS / "grouped-evidence.png"))
    assert errors == []
    page.close()


def test_view_opens_a_large_graph_on_communities_that_expand_on_click(browser, sample_store, tmp_path):
    import dataclasses

    v = api.view(dataclasses.replace(sample_store, view_cluster_above=10), tmp_path / "c.html")
    page, errors, _ = open_page(browser, v.path, "samples-communities")
    clusters = page.evaluate("window.allegraph.communities()")
    assert clusters and page.evaluate("window.allegraph.clusters") >= len(clusters)
    biggest = clusters[0]
    hidden = page.evaluate("nodes.get().filter(n => n.hidden).length")
    assert hidden >= 2 and page.evaluate("edges.get().filter(e => String(e.id).startsWith('agg:')).length") >= 1
    page.evaluate("id => network.body.emitter.emit('click', {nodes: [id], edges: []})", biggest)
    page.wait_for_timeout(300)
    assert biggest not in page.evaluate("window.allegraph.communities()")
    assert page.evaluate("nodes.get().filter(n => n.hidden).length") < hidden
    page.screenshot(path=str(SHOTS / "samples-communities-opened.png"))
    assert errors == []
    page.close()
