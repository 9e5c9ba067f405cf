"""Opening drill's database file, and saying plainly what is wrong with it, changing nothing.

- A folder that is not a folder, a database that is a folder: an error naming the path.
- An empty file (a failed copy, a full disk at its creation): moved aside and said so, never
  silently taken for a new database that hides a history.
- A database made by a newer drill: refused, nothing written.
- A read-only file or mount: opened for reading; saving then says it cannot.
- A full disk: said as such, not as damage ('drill recover' is for damage, and a full disk
  is not damage).
- Several drills starting at once: each schema step is one immediate transaction that looks
  at the schema version again inside it, so a step never runs twice.
- The folder is made private (0700) and the database file too (0600): the answers in it are
  a candidate's own.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path

from drill.errors import StoreError
from drill.store.migrations import MIGRATIONS
from drill.store.sqlite import Database

# How long a writer waits for another drill's transaction before it says so (ms).
BUSY_TIMEOUT = 30_000
RECOVER = "'drill recover' moves it aside, saves the attempts it can read and starts a new one"


def disk_full(path: Path, exc: BaseException | None = None) -> bool:
    """Whether the disk holding `path` is (as good as) full, or the error says so."""
    if exc is not None and "full" in str(exc).lower():
        return True
    try:
        return shutil.disk_usage(path.parent if not path.is_dir() else path).free < 1 << 20
    except OSError:
        return False


def full_disk_error(path: Path, what: str) -> StoreError:
    """What to say when a write fails because the disk is full."""
    try:
        free = shutil.disk_usage(path.parent).free
        room = f" ({free // 1024} KB free)"
    except OSError:
        room = ""
    return StoreError(f"could not save {what}: the disk holding {path} is full{room}; free some space and try again (nothing was lost)")


def _folder(path: Path) -> None:
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} is not a folder: drill keeps its database in a folder (set DRILL_HOME to one)")
    if not folder.exists():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise StoreError(f"cannot make the folder {folder}: {exc.strerror}") from None
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file")


def _empty_aside(path: Path) -> str | None:
    """An empty database file moved aside (its name said), or None when there was none."""
    try:
        if not path.exists() or path.stat().st_size > 0:
            return None
    except OSError:
        return None
    aside = path.with_name(f"{path.name}.empty-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    try:
        path.replace(aside)
    except OSError as exc:
        raise StoreError(f"{path} is an empty file, not a database, and cannot be moved aside: {exc.strerror}") from None
    return f"{path} was an empty file, not a database: it is kept as {aside.name} and a new database is started"


def _private(path: Path) -> None:
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)
        except OSError:
            pass  # not ours to change: left as it is


def _retrying(action, attempts: int = 60) -> None:
    """Run `action`, waiting for another drill that holds the database (a journal-mode change
    does not wait by itself)."""
    for attempt in range(attempts):
        try:
            action()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == attempts - 1:
                raise
            time.sleep(0.5)


def migrate(db: Database) -> None:
    """Bring the schema up to date: each step one immediate transaction, the version read again
    inside it, so that drills starting together neither run a step twice nor fail."""
    for number, step in enumerate(MIGRATIONS, start=1):
        if db.execute("PRAGMA user_version").fetchone()[0] >= number:
            continue
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("PRAGMA user_version").fetchone()[0] < number:
                step(db)
                db.execute(f"PRAGMA user_version = {number}")
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise


def open_database(path: Path) -> tuple[Database, bool, list[str]]:
    """The database at `path`, whether it could be opened for reading only, and what was said
    about it on the way (an empty file moved aside)."""
    _folder(path)
    notes = [note] if (note := _empty_aside(path)) else []
    try:
        db = Database(path)
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if disk_full(path, exc):
            raise full_disk_error(path, "anything") from None
        raise StoreError(f"cannot open the database {path}: {exc}; {RECOVER}") from None
    if version > len(MIGRATIONS):
        db.close()
        raise StoreError(f"{path} was made by a newer drill (schema {version}); this drill knows {len(MIGRATIONS)}: nothing was changed")
    read_only = False
    try:
        if db.conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            _retrying(db.enable_wal)
        _retrying(lambda: migrate(db))
    except sqlite3.OperationalError as exc:
        message = str(exc).lower()
        if "readonly" in message or "read-only" in message:
            if version < len(MIGRATIONS):
                db.close()
                raise StoreError(f"{path} needs upgrading to schema {len(MIGRATIONS)} but is read-only: nothing was changed") from None
            read_only = True
        elif disk_full(path, exc):
            db.close()
            raise full_disk_error(path, "anything") from None
        else:
            db.close()
            raise StoreError(f"cannot open the database {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StoreError(f"cannot open the database {path}: {exc}; {RECOVER}") from None
    if not read_only:
        _private(path)
    return db, read_only, notes
