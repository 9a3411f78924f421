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
    """The command line or a setting is wrong. Exit status 2."""

    code = "E001"


class SettingsError(UsageError):
    code = "E002"


class InputError(AllegraphError):
    """One input (file or record) cannot be read. A batch skips it and goes on."""

    code = "E010"

    def __init__(self, source: str, reason: str, hint: str = "") -> None:
        self.source = source
        self.reason = reason
        text = f"{shown(source)}: {reason}"
        if hint:
            text += f"; {hint}"
        super().__init__(text)


class CatalogueError(AllegraphError):
    code = "E020"


class LexiconError(AllegraphError):
    """The shipped extraction vocabulary (schema/predicates.yaml, lexicon.yaml) is invalid."""

    code = "E022"


class JudgementError(AllegraphError):
    code = "E021"


class ModelError(AllegraphError):
    code = "E030"


class StoreError(AllegraphError):
    code = "E040"


class StoreLockedError(StoreError):
    code = "E041"


class StoreCorruptError(StoreError):
    code = "E042"


class QueryError(AllegraphError):
    code = "E050"


class ReadOnlyQueryError(QueryError):
    code = "E051"


class ExportError(AllegraphError):
    code = "E060"


class Interrupted(AllegraphError):
    """Ctrl-C or SIGTERM stopped a command; the message says what was kept. Exit status 130."""

    code = "E070"
