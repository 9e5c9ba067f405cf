"""The connection drill talks to SQLite through, and `chunked`, for `IN (…)` over many values.

`Database` keeps sqlite-utils' rules for the few calls drill makes on every start — a write
outside a transaction commits at once, `atomic()` is a transaction and nests as savepoints —
and hands table work (creating tables, bulk inserts and upserts: migrations and bank syncs)
to sqlite-utils itself, imported when a table is first asked for (`db["name"]`). Importing
sqlite-utils takes about 0.1 s (0.2 s with numpy, which it imports only to accept numpy
values in inserts, and which drill keeps out of that import): the app's first screen need not
wait for it.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import count
from pathlib import Path

# Bound parameters per statement, well under SQLite's limit.
CHUNK = 500
_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}
_savepoints = count()


def sqlite_utils_module():
    """sqlite-utils, imported without numpy (see the module docstring)."""
    if "numpy" in sys.modules:
        import sqlite_utils
    else:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError meanwhile
        try:
            import sqlite_utils
        finally:
            del sys.modules["numpy"]
    return sqlite_utils


class Database:
    """One SQLite connection (`conn`), with `execute`, `query`, `atomic` and tables as sqlite-utils has them."""

    def __init__(self, path: Path | str | None = None, memory: bool = False) -> None:
        self.conn = sqlite3.connect(":memory:") if memory else sqlite3.connect(str(path))
        self._tables = None

    def __getitem__(self, name: str):
        """A table, through sqlite-utils (imported now, the first time)."""
        if self._tables is None:
            self._tables = sqlite_utils_module().Database(self.conn)
        return self._tables[name]

    def execute(self, sql: str, parameters: Sequence | dict | None = None) -> sqlite3.Cursor:
        """Run one statement; a write made outside a transaction is committed at once."""
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, parameters) if parameters is not None else self.conn.execute(sql)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")  # the failed statement opened a transaction nothing would end
            raise
        words = sql.lstrip().split(None, 1)
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and (words[0].upper() if words else "") not in _CONTROL):
            self.conn.execute("COMMIT")
        return cursor

    def query(self, sql: str, parameters: Sequence | dict | None = None) -> Iterator[dict]:
        """Run a query now and read its rows as dicts as they are iterated."""
        cursor = self.execute(sql, parameters)
        keys = [column[0] for column in cursor.description or ()]
        return (dict(zip(keys, row)) for row in cursor)

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction: committed when the block ends, rolled back if it raises; nested, a savepoint.

        It begins IMMEDIATE: the write lock is taken (waiting the busy timeout for another
        drill to finish) before anything is read, so a transaction that reads and then writes
        never fails because another wrote in between, as a deferred one would at once."""
        if self.conn.in_transaction:
            name = f"drill_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def enable_wal(self) -> None:
        """Write-ahead logging: readers and a writer at once."""
        if self.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            self.conn.execute("PRAGMA journal_mode=wal")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()


def chunked(values: list, size: int = CHUNK) -> Iterator[tuple[list, str]]:
    """`values` in pieces small enough for one `IN (…)`, each with its `?, ?, …` placeholders."""
    for start in range(0, len(values), size):
        chunk = values[start:start + size]
        yield chunk, ", ".join("?" * len(chunk))
