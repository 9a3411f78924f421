"""One exception tree. Every message says what failed, where, and what to do.

Codes are stable (E0xx) so that users can search for them and tests can assert them.
"""

from __future__ import annotations


def shown(text: str) -> str:
    """text safe to print on one line: control characters, line separators and the lone
    surrogates of undecodable file names escaped as in repr (a file name with a newline in it
    cannot forge an 'Error:' line)."""
    import unicodedata

    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else
                   (repr(ch)[1:-1] if unicodedata.category(ch) != "Zs" else ch) for ch in text)


class AllegraphError(Exception):
    """Base of every error allegraph raises on purpose."""

    code = "E000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


class UsageError(AllegraphError):
    """The command line is wrong: an unknown option, query name, actor or date. The message names
    the argument and, where it can, suggests the nearest valid value. Exit status 2."""

    code = "E001"


class SettingsError(UsageError):
    """allegraph.toml or an ALLEGRAPH_* variable has an unknown key or a value of the wrong type; the
    message names the file and the key. Fix it, or remove it to get the default."""

    code = "E002"


class InputError(AllegraphError):
    """One input (file or record) cannot be read: empty, binary, undecodable, malformed JSON/CSV,
    too large, not a regular file. A batch skips it, names it with `skipped:` and keeps the rest;
    fix the file and ingest it again (stored documents are not read twice)."""

    code = "E010"

    def __init__(self, source: str, reason: str, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        text = f"{shown(source)}: {reason}"
        if hint:
            text += f"; {hint}"
        super().__init__(text)


class CatalogueError(AllegraphError):
    """The actor catalogue (the shipped one or `--catalogue FILE`) is invalid: a duplicate id, an
    unknown kind, an alias given to two actors. The message names the entry; fix the file."""

    code = "E020"


class LexiconError(AllegraphError):
    """The extraction vocabulary (schema/predicates.yaml, lexicon.yaml) is invalid: an unknown
    family, a cue listed twice, an entry that can never match. Fix the named entry."""

    code = "E022"


class JudgementError(AllegraphError):
    """The judgements file is malformed, or a new judgement names nothing (an unknown claim id,
    actor or document). Entries that went stale after a rebuild are warned about, not errors."""

    code = "E021"


class ModelError(AllegraphError):
    """The spaCy model in the `model` setting is not installed or cannot be loaded; the message
    says which package to install (docs/extraction.md, "Models")."""

    code = "E030"


class StoreError(AllegraphError):
    """The store cannot be opened or written: no store at the path, an unwritable folder, an
    unreachable Bolt server or wrong credentials (the password is never printed), a schema
    version this allegraph cannot read."""

    code = "E040"


class StoreLockedError(StoreError):
    """Another allegraph is writing to the store (its PID is named). Wait for it, or raise
    `lock_timeout_s`; a lock left by a dead process is taken over by itself."""

    code = "E041"


class StoreCorruptError(StoreError):
    """The graph file is damaged (empty, cut short, appended to, its checksum differs) or is not
    an allegraph store. Restore the folder from a backup, or move it away and re-ingest."""

    code = "E042"


class QueryError(AllegraphError):
    """A Cypher statement failed, timed out (`query_timeout_ms`) or misses a parameter; the
    database's own message follows."""

    code = "E050"


class ReadOnlyQueryError(QueryError):
    """A statement would write (CREATE, SET, DELETE, a writing CALL …) and `--write` was not given."""

    code = "E051"


class ExportError(AllegraphError):
    """An export cannot be written: an unknown format for what is exported, or nothing to draw."""

    code = "E060"


class Interrupted(AllegraphError):
    """Ctrl-C or SIGTERM stopped a command; the message says what was kept. Exit status 130."""

    code = "E070"
