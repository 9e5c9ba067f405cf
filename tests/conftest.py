"""Shared fixtures: every test runs against its own data dir, never the user's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drill import paths
from drill.store import Store

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SEEDS = REPO.parent / "shared" / "seeds"


@pytest.fixture(autouse=True)
def drill_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh DRILL_HOME for every test; DRILL_BANK unset."""
    home = tmp_path / "home"
    monkeypatch.setenv("DRILL_HOME", str(home))
    monkeypatch.delenv("DRILL_BANK", raising=False)
    return home


@pytest.fixture
def store(drill_home: Path) -> Store:
    """The store as a new user has it: the bundled bank, no attempts."""
    s = Store()
    yield s
    s.close()


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A copy of the bundled bank in a folder of its own, to break on purpose."""
    root = tmp_path / "bankcopy"
    shutil.copytree(paths.bundled_root() / "bank", root / "bank")
    shutil.copytree(paths.bundled_root() / "rubrics", root / "rubrics")
    return root


def answer(name: str) -> str:
    """A hand-written answer from tests/data/answers."""
    return (DATA / "answers" / name).read_text(encoding="utf-8")
