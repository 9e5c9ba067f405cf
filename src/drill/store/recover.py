"""`drill recover`: the way out of a damaged database.

The damaged file is moved aside (never deleted), every attempt that can still be read is
saved as JSON lines beside it and imported into a new database, which is built afresh from
the bank files (drafts and profiles are rebuilt as attempts name them).
"""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drill.models import Attempt, Mark
from drill.store.records import export_lines

FIELDS = ("id", "user", "question", "answer", "score", "max", "word_count", "seconds", "created", "rubric_version", "mark")


@dataclass
class RecoverReport:
    """What `recover_database` did."""

    healthy: bool
    moved_to: Path | None = None
    saved_to: Path | None = None
    recovered: int = 0
    unreadable: int = 0


def is_healthy(path: Path) -> bool:
    """Whether SQLite can open the file and finds it sound (`PRAGMA quick_check`)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return False


def readable_attempts(path: Path) -> tuple[list[Attempt], int]:
    """The attempts that can still be read from a damaged file, and how many rows could not be."""
    found: list[Attempt] = []
    lost = 0
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        columns = {row[1] for row in con.execute("PRAGMA table_info(attempts)")}
        cursor = con.execute(f"SELECT {', '.join(c if c in columns else 'NULL' for c in FIELDS)} FROM attempts")
    except sqlite3.DatabaseError:
        return found, lost
    while True:
        try:
            row = cursor.fetchone()
        except sqlite3.DatabaseError:
            lost += 1
            break
        if row is None:
            break
        record = dict(zip(FIELDS, row))
        try:
            record["user"] = record["user"] or "default"
            record["mark"] = Mark.model_validate_json(record["mark"])
            found.append(Attempt(**record))
        except Exception:  # a row whose fields are damaged: counted, not guessed at
            lost += 1
    con.close()
    return found, lost


MAGIC = b"SQLite format 3\x00"


def readable_with_header_mended(path: Path) -> tuple[list[Attempt], int]:
    """The readable attempts; if the file's first bytes are damaged, from a copy with them mended."""
    attempts, lost = readable_attempts(path)
    if attempts or path.read_bytes()[:16] == MAGIC:
        return attempts, lost
    mended = path.with_name(path.name + ".mended")
    try:
        mended.write_bytes(MAGIC + path.read_bytes()[16:])
        return readable_attempts(mended)
    finally:
        mended.unlink(missing_ok=True)


def recover_database(path: Path) -> RecoverReport:
    """Move a damaged database aside and save what can be read from it (see the module docstring)."""
    if not path.exists() or is_healthy(path):
        return RecoverReport(healthy=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = path.with_name(f"{path.name}.damaged-{stamp}")
    attempts, lost = readable_with_header_mended(path)
    shutil.move(path, moved)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            shutil.move(side, moved.with_name(moved.name + suffix))
    saved = path.with_name(f"attempts-recovered-{stamp}.jsonl")
    saved.write_text("".join(line + "\n" for line in export_lines(attempts)), encoding="utf-8")
    return RecoverReport(healthy=False, moved_to=moved, saved_to=saved, recovered=len(attempts), unreadable=lost)
