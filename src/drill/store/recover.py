"""`drill recover`: the way out of a damaged database.

A database that SQLite finds sound (`PRAGMA integrity_check`) is never moved, whatever else
is wrong (a full disk is not damage); one it cannot even check is left alone with the reason.
A damaged one is checkpointed if it can be, then moved aside with its -wal and -shm (never
deleted), every attempt that can still be read is saved as JSON lines beside it (private,
0600) and imported into a new database built afresh from the bank files.

Reading what is left: the attempts are read in ranges of ids, and a range that fails is
halved until single rows, so that one bad page costs the rows on it and no more; when the
file's first 100 bytes (its header) are damaged, the rows are read from a copy with a
standard header put back. Attempt ids are never reused or deleted, so every id up to the
highest is an attempt: the ones not read are counted as lost.
"""

from __future__ import annotations

import sqlite3
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drill.errors import DrillError, os_reason
from drill.paths import private_file
from drill.models import Attempt, Mark
from drill.store.records import export_lines

FIELDS = ("id", "user", "question", "answer", "score", "max", "word_count", "seconds", "created", "rubric_version", "mark")
MAGIC = b"SQLite format 3\x00"
# Words of SQLite errors that mean the file itself is damaged (anything else: it could not be checked).
# English read, not said
DAMAGE = ("malformed", "not a database", "corrupt", "file is encrypted", "disk image")
RANGE = 1024


@dataclass
class RecoverReport:
    """What `recover_database` did."""

    healthy: bool
    moved_to: Path | None = None
    saved_to: Path | None = None
    recovered: int = 0
    unreadable: int = 0


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)


def is_healthy(path: Path) -> bool:
    """Whether SQLite opens the file and finds it sound; `DrillError` when it cannot tell (a
    full disk, a file it may not read): then nothing must be moved."""
    try:
        con = _connect(path)
        try:
            return con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        if any(word in str(exc).lower() for word in DAMAGE):
            return False
        raise DrillError(f"检查不了 {path}：{exc}；如果磁盘已满，请先腾出空间（什么都没有移动）") from None


def _row(values: tuple) -> Attempt | None:
    record = dict(zip(FIELDS, values))
    try:
        record["user"] = record["user"] or "default"
        record["mark"] = Mark.model_validate_json(record["mark"])
        return Attempt(**record)
    except Exception:  # a row whose fields are damaged: counted, not guessed at
        return None


def _highest_id(con: sqlite3.Connection) -> int:
    """The highest attempt id, read directly or, when that fails, found by probing ids."""
    try:
        found = con.execute("SELECT max(id) FROM attempts").fetchone()[0]
        return found or 0
    except sqlite3.DatabaseError:
        pass
    def exists(i: int) -> bool:
        try:
            return con.execute("SELECT 1 FROM attempts WHERE id = ?", [i]).fetchone() is not None
        except sqlite3.DatabaseError:
            return True  # a bad page there: rows may be behind it
    high = 1
    while exists(high * 2) or exists(high * 2 + 1):
        high *= 2
    return high * 2 + 1


def readable_attempts(path: Path, advance: Callable[[int], None] = lambda n: None) -> tuple[list[Attempt], int]:
    """The attempts that can still be read from a damaged file, and how many could not be."""
    try:
        con = _connect(path)
        columns = {row[1] for row in con.execute("PRAGMA table_info(attempts)")}
        select = f"SELECT {', '.join(c if c in columns else 'NULL' for c in FIELDS)} FROM attempts"
        highest = _highest_id(con)
    except sqlite3.DatabaseError:
        return [], 0
    found: list[Attempt] = []
    for start in range(0, highest + 1, RANGE):
        found += _read_range(con, select, start, min(start + RANGE, highest + 1))
        advance(min(RANGE, highest + 1 - start))
    con.close()
    found.sort(key=lambda a: a.id)
    return found, max(0, highest - len(found))


def _read_range(con: sqlite3.Connection, select: str, low: int, high: int) -> Iterator[Attempt]:
    """Rows low ≤ id < high, halving the range around rows that cannot be read."""
    try:
        rows = con.execute(f"{select} WHERE id >= ? AND id < ? ORDER BY id", [low, high]).fetchall()
    except sqlite3.DatabaseError:
        if high - low <= 1:
            return
        middle = (low + high) // 2
        yield from _read_range(con, select, low, middle)
        yield from _read_range(con, select, middle, high)
        return
    for values in rows:
        attempt = _row(values)
        if attempt is not None:
            yield attempt


PAGE_SIZES = (4096, 1024, 2048, 8192, 16384, 32768, 65536, 512)


def standard_header(data: bytes, size: int) -> bytes | None:
    """The file with a standard SQLite header of page size `size` in its first 100 bytes, or
    None when that size cannot be the file's."""
    if len(data) < size or len(data) % size or data[100] not in (0x0D, 0x05):  # page 1: a table b-tree
        return None
    header = bytearray(100)
    header[0:16] = MAGIC
    struct.pack_into(">H", header, 16, 1 if size == 65536 else size)
    header[18:24] = bytes([1, 1, 0, 64, 32, 32])  # legacy journal, no reserved bytes, payload fractions
    struct.pack_into(">I", header, 24, 1)  # change counter
    struct.pack_into(">I", header, 28, len(data) // size)  # pages
    struct.pack_into(">I", header, 40, 1)  # schema cookie
    struct.pack_into(">I", header, 44, 4)  # schema format
    struct.pack_into(">I", header, 56, 1)  # UTF-8
    struct.pack_into(">I", header, 92, 1)  # valid for change 1
    struct.pack_into(">I", header, 96, 3_045_000)
    return bytes(header) + data[100:]


def readable_with_header_mended(path: Path, advance: Callable[[int], None] = lambda n: None) -> tuple[list[Attempt], int]:
    """The readable attempts; if the file's header is damaged, from a copy with it mended."""
    attempts, lost = readable_attempts(path, advance)
    data = path.read_bytes()
    if attempts or data[:16] == MAGIC and _header_readable(path):
        return attempts, lost
    mended = path.with_name(path.name + ".mended")
    for size in PAGE_SIZES:  # the page size was in the header too: the first that reads
        fixed = standard_header(data, size)
        if fixed is None:
            continue
        try:
            mended.write_bytes(fixed)
            found, missing = readable_attempts(mended, advance)
        finally:
            mended.unlink(missing_ok=True)
        if found:
            return found, missing
    return attempts, lost


def _header_readable(path: Path) -> bool:
    try:
        con = _connect(path)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return True
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def _checkpoint(path: Path) -> None:
    """Fold the -wal into the file if SQLite still can, so that what moves aside is whole."""
    try:
        con = sqlite3.connect(str(path), timeout=5)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    except sqlite3.DatabaseError:
        pass  # too damaged: the -wal moves with it, unchanged


def recover_database(path: Path, advance: Callable[[int], None] = lambda n: None) -> RecoverReport:
    """Move a damaged database aside and save what can be read from it (see the module docstring)."""
    if not path.exists() or is_healthy(path):
        return RecoverReport(healthy=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.damaged-{stamp}")
    saved = path.with_name(f"attempts-recovered-{stamp}.jsonl")
    try:
        _checkpoint(path)
        attempts, lost = readable_with_header_mended(path, advance)
        with private_file(saved) as out:
            out.writelines(line + "\n" for line in export_lines(attempts))
        path.replace(moved)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(moved.with_name(moved.name + suffix))
    except OSError as exc:
        raise DrillError(f"恢复不了 {path}：{os_reason(exc)}（{exc.filename}）；什么都没有移动") from None
    return RecoverReport(healthy=False, moved_to=moved, saved_to=saved, recovered=len(attempts), unreadable=lost)
