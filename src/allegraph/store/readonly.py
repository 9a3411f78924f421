"""Is a Cypher statement read-only? Decided on tokens, not on a regex over the text.

The tokenizer knows what can hide a word: strings ('…', "…", with backslash escapes), backtick
identifiers, line comments (ended by any line break: \\n, \\r, \\u2028, \\u2029, \\x85) and block
comments. Outside them, any word that writes or administers a store refuses the statement, and
every ``CALL`` must name an allow-listed read-only procedure (each one is checked, so one allowed
CALL does not let another through). Statements that do not tokenize (an unterminated string or
comment) are refused too: what we cannot read we do not run.

This is a second barrier. On Neo4j, queries without --write also run in a READ transaction, which
the server enforces; ArcadeDB runs writes inside read transactions, so there this is the barrier
(docs/neo4j.md).
"""

from __future__ import annotations

import re

from ..errors import ReadOnlyQueryError

WRITES = frozenset("""CREATE MERGE DELETE DETACH SET REMOVE DROP ALTER COPY LOAD INSTALL UNINSTALL ATTACH IMPORT EXPORT
CHECKPOINT BEGIN COMMIT ROLLBACK USE INSERT UPDATE UPSERT ANALYZE FOREACH TRUNCATE GRANT REVOKE DENY START STOP
TERMINATE ENABLE DISABLE RENAME SHOW_CONNECTION EXECUTE""".split())
READ_PROCEDURES = ("show_tables", "show_functions", "show_warnings", "show_connection", "table_info", "current_setting",
                   "db_version", "db.labels", "db.relationshiptypes", "db.propertykeys", "db.schema.visualization",
                   "dbms.components")

_LINE_BREAKS = "\n\r\u2028\u2029\x85"
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")


def tokens(cypher: str) -> list[str]:
    """The words of a statement outside strings, identifiers in backticks and comments."""
    out: list[str] = []
    i, n = 0, len(cypher)
    while i < n:
        ch = cypher[i]
        if ch in "'\"":
            j = i + 1
            while j < n and cypher[j] != ch:
                j += 2 if cypher[j] == "\\" else 1
            if j >= n:
                raise ReadOnlyQueryError("query has an unterminated string; it is not run")
            i = j + 1
        elif ch == "`":
            j = cypher.find("`", i + 1)
            if j < 0:
                raise ReadOnlyQueryError("query has an unterminated `identifier`; it is not run")
            i = j + 1
        elif cypher.startswith("//", i):
            while i < n and cypher[i] not in _LINE_BREAKS:
                i += 1
        elif cypher.startswith("/*", i):
            j = cypher.find("*/", i + 2)
            if j < 0:
                raise ReadOnlyQueryError("query has an unterminated /* comment; it is not run")
            i = j + 2
        else:
            m = _WORD.match(cypher, i)
            if m:
                out.append(m.group(0))
                i = m.end()
            else:
                i += 1
    return out


def assert_read_only(cypher: str) -> None:
    """Refuse statements that write or administer, unless the caller asked for --write."""
    words = tokens(cypher)
    for k, word in enumerate(words):
        upper = word.upper()
        if upper in WRITES:
            raise ReadOnlyQueryError(f"query contains {upper}: queries are read-only; pass --write to change the store")
        if upper == "CALL":
            name = words[k + 1].lower() if k + 1 < len(words) else ""
            if name not in READ_PROCEDURES:
                raise ReadOnlyQueryError(f"query CALLs {name or 'a procedure'!r}, which may write; pass --write if you "
                                         f"mean it (read-only procedures: {', '.join(READ_PROCEDURES)})")
