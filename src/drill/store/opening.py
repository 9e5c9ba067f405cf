"""Opening drill's database file, and saying plainly what is wrong with it, changing nothing.

- A folder that is not a folder, a database that is a folder: an error naming the path.
- An empty file (a failed copy, a full disk at its creation): moved aside and said so, never
  silently taken for a new database that hides a history.
- A damaged file: noticed before anything is written into it (`PRAGMA quick_check` as it
  opens, for a file of up to CHECK_BELOW bytes: a few milliseconds; a larger one is
  checked by `drill check`, and by the app in the background), and refused with the advice
  to run 'drill recover'.
- A database made by a newer drill: refused, nothing written.
- A read-only file or mount: opened for reading; saving then says it cannot.
- A full disk: said as such, not as damage ('drill recover' is for damage, and a full disk
  is not damage).
- Several drills starting at once: they open the file one after another (a lock on
  `drill.db.lock` beside it), so none takes the file another is creating for an empty one;
  each schema step is one immediate transaction that looks at the schema version again
  inside it, so a step never runs twice.
- The folder is made private (0700) and the database file too (0600): the answers in it are
  a candidate's own.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from drill.errors import StoreError, os_reason
from drill.store.migrations import MIGRATIONS
from drill.store.sqlite import Database

# How long a writer waits for another drill's transaction before it says so (ms).
BUSY_TIMEOUT = 30_000
RECOVER = "运行 drill recover：把它移到一旁，保存能读出的作答记录，另建一个新的数据库"
# Files up to this size are checked each time they are opened: quick_check reads about
# 1 MB a millisecond from the cache (4 ms for 30 attempts, 55 ms for 20,000 in 48 MB).
CHECK_BELOW = 32_000_000


def damage(path: Path, cancel: list | None = None) -> str | None:
    """What SQLite's quick check finds wrong in the database file, or None when it is sound.
    Read on a connection of its own, read-only, so a thread can run it; the connection is put
    in `cancel` (when given) for another thread to interrupt."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT / 1000, check_same_thread=False)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if cancel is not None:
        cancel.append(con)
    try:
        return _quick_check(con)
    finally:
        con.close()


def _quick_check(con: sqlite3.Connection) -> str | None:
    try:
        rows = con.execute("PRAGMA quick_check(3)").fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc) or "locked" in str(exc):
            return None  # stopped, or another drill holds it: not found damaged
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    found = [row[0] for row in rows]
    # English read, not said: SQLite's own heading of its findings, taken out.
    return None if found == ["ok"] else "; ".join(" ".join(item.replace("*** in database main ***", "").split()) for item in found)[:300]


def damaged_error(path: Path, found: str) -> StoreError:
    """What to say of a database found damaged."""
    return StoreError(f"数据库 {path} 已损坏（{found}）；{RECOVER}")


def disk_full(path: Path, exc: BaseException | None = None) -> bool:
    """Whether the disk holding `path` is (as good as) full, or the error says so."""
    if exc is not None and "full" in str(exc).lower():
        return True
    try:
        usage = shutil.disk_usage(path.parent if not path.is_dir() else path)
    except OSError:
        return False
    return 0 < usage.total and usage.free < 1 << 20  # (a file system of no size, /proc, is not a disk)


def full_disk_error(path: Path, failed: str) -> StoreError:
    """What to say when the disk is full: what could not be done (没能保存草稿, 没能打开数据库)."""
    try:
        free = shutil.disk_usage(path.parent).free
        room = f"（剩余 {free // 1024} KB）"
    except OSError:
        room = ""
    return StoreError(f"{failed}：{path} 所在的磁盘已满{room}；腾出空间后再试（什么都没丢）")


def _cannot_open(path: Path) -> str:
    """Why SQLite could not open or create the file at `path` (nothing it found was damaged)."""
    if path.is_symlink() and not path.exists():
        return f"它是链接，指向的 {os.readlink(path)} 不存在（删掉链接，或让它指向能写的地方）"
    return f"{path.parent} 里建不了也读不了文件（把 DRILL_HOME 设为别的文件夹）"


def _folder(path: Path) -> None:
    folder = path.parent
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder} 不是文件夹：drill 把数据库放在一个文件夹里（把 DRILL_HOME 设为一个文件夹）")
    if not folder.exists():
        try:
            folder.mkdir(parents=True, mode=0o700)
        except OSError as exc:
            raise StoreError(f"建不了文件夹 {folder}：{os_reason(exc)}") from None
    if path.is_dir():
        raise StoreError(f"{path} 是文件夹，不是数据库文件")


@contextmanager
def _opening(path: Path) -> Iterator[None]:
    """Held while the database is opened and upgraded: one drill at a time (where the
    system has `flock`; a folder drill cannot write in is opened without it)."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locks and the retries below
        yield
        return
    try:
        descriptor = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError:
        yield
        return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # the lock goes with it


def _empty_aside(path: Path) -> str | None:
    """An empty database file moved aside (its name said), or None when there was none. A
    file whose write-ahead log holds pages is not empty: its pages are there."""
    try:
        if not path.exists() or path.stat().st_size > 0:
            return None
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            return None
    except OSError:
        return None
    aside = path.with_name(f"{path.name}.empty-{datetime.now().strftime('%Y%m%d-%H%M%S')}")
    try:
        path.replace(aside)
    except OSError as exc:
        raise StoreError(f"{path} 是空文件，不是数据库，也移不开：{os_reason(exc)}") from None
    return f"{path} 是空文件，不是数据库：已改名为 {aside.name} 保留，并新建了数据库"


def _size(path: Path) -> int:
    """The database's size with its write-ahead log."""
    total = 0
    for file in (path, path.with_name(path.name + "-wal")):
        try:
            total += file.stat().st_size
        except OSError:
            pass
    return total


def _private(path: Path) -> None:
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"), path.with_name(path.name + ".lock")):
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


def open_database(path: Path) -> tuple[Database, bool, list[str], bool]:
    """The database at `path`, whether it could be opened for reading only, what was said
    about it on the way (an empty file moved aside), and whether it was checked for damage
    (it was, unless larger than CHECK_BELOW). A damaged file is a `StoreError`."""
    _folder(path)
    with _opening(path):
        return _open(path)


def _open(path: Path) -> tuple[Database, bool, list[str], bool]:
    notes = [note] if (note := _empty_aside(path)) else []
    try:
        db = Database(path)
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT}")
        version = db.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if disk_full(path, exc):
            raise full_disk_error(path, "没能打开数据库") from None
        if getattr(exc, "sqlite_errorcode", None) == sqlite3.SQLITE_CANTOPEN:
            raise StoreError(f"打不开数据库 {path}：{_cannot_open(path)}") from None
        raise damaged_error(path, str(exc)) from None
    checked = _size(path) <= CHECK_BELOW
    if checked and (found := _quick_check(db.conn)):
        db.close()
        raise damaged_error(path, found)
    if version > len(MIGRATIONS):
        db.close()
        raise StoreError(f"{path} 是更新版本的 drill 建的（第 {version} 版结构）；这个 drill 只认识到第 {len(MIGRATIONS)} 版：什么都没改")
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
                raise StoreError(f"{path} 需要升级到第 {len(MIGRATIONS)} 版结构，但它是只读的：什么都没改") from None
            read_only = True
        elif disk_full(path, exc):
            db.close()
            raise full_disk_error(path, "没能打开数据库") from None
        else:
            db.close()
            raise StoreError(f"打不开数据库 {path}：{exc}") from None
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StoreError(f"打不开数据库 {path}：{exc}；{RECOVER}") from None
    if not read_only:
        _private(path)
    return db, read_only, notes, checked
