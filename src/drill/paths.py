"""Where drill keeps its data and finds its banks, and how it writes a private file.

`DRILL_HOME` points drill at another data directory (tests use it so they never touch the
user's files); otherwise the platform's user data dir is used.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import platformdirs

from drill.errors import DrillError, os_reason

APP_NAME = "drill"


def data_dir() -> Path:
    """The directory holding drill.db and the user's own bank (created on demand)."""
    home = os.environ.get("DRILL_HOME")
    path = Path(home).expanduser() if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    where = f"DRILL_HOME={home}" if home else str(path)
    if path.exists() and not path.is_dir():
        raise DrillError(f"{where} 不是文件夹：drill 把数据库和你自己的题库放在一个文件夹里")
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)  # private: a candidate's answers are theirs
    except OSError as exc:
        raise DrillError(f"建不了数据文件夹 {where}：{os_reason(exc)}") from None
    return path


def db_path() -> Path:
    """The SQLite database file."""
    return data_dir() / "drill.db"


def settings_path() -> Path:
    """The settings file (`drill config`), beside the database."""
    return data_dir() / "settings.toml"


def bundled_root() -> Path:
    """The bank shipped with drill: inside the installed package, or the checkout's top level."""
    packaged = Path(__file__).parent / "bundled"
    if (packaged / "bank").is_dir():
        return packaged
    return Path(__file__).resolve().parents[2]


def user_root() -> Path:
    """The user's own bank root (holding `bank/` and `rubrics/`): `DRILL_BANK`, else the data dir."""
    root = os.environ.get("DRILL_BANK")
    if not root:
        return data_dir()
    path = Path(root).expanduser()
    if path.exists() and not path.is_dir():
        raise DrillError(f"DRILL_BANK={root} 不是文件夹：它应是你自己的题库文件夹（含 bank/ 和 rubrics/）")
    return path


def bank_roots(user: Path | None = None) -> list[Path]:
    """Every bank root the database is built from, bundled first so the user's own files win."""
    roots: list[Path] = []
    for root in (bundled_root(), user or user_root()):
        resolved = root.resolve()
        if resolved not in roots:
            roots.append(resolved)
    return roots


def own_root(roots: list[Path]) -> Path:
    """The user's own bank root among `roots`: the last, as `bank_roots` orders them. Imports,
    the editor and graded answers write there; the bundled bank is never written."""
    return roots[-1]


@contextmanager
def private_file(path: Path) -> Iterator[TextIO]:
    """A text file only its owner can read (0600: exports and recovered attempts hold a
    candidate's answers), written beside `path` and renamed onto it when the block ends: a
    killed export leaves no half file, a failed one leaves what was there. A folder that
    does not exist or cannot be written is a `DrillError` naming it."""
    path = Path(path)
    try:
        descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix="." + path.name + ".", suffix=".part")
    except OSError as exc:
        raise DrillError(f"写不了 {path}：{os_reason(exc)}（{path.parent}）") from None
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)
    except OSError as exc:
        raise DrillError(f"写不了 {path}：{os_reason(exc)}") from None
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
