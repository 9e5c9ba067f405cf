"""Rebuilding the bank tables after a few edits touches only the edited questions, and ends
exactly where a rebuild from every file ends: the same rows, the same problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from drill import paths
from drill.store import bank_sync
from drill.store import Store
from tests.conftest import REPO


def state(store: Store) -> tuple[list[tuple], list[str]]:
    rows = [tuple(row) for row in store.db.execute("SELECT * FROM questions ORDER BY id")]
    return rows, sorted(store.problems)


def copy_question(mine: Path, source: str, new_id: str, prompt: str | None = None) -> None:
    for folder, key in (("bank", "id"), ("rubrics", "question")):
        text = (REPO / folder / f"{source}.toml").read_text(encoding="utf-8").replace(f'{key} = "{source}"', f'{key} = "{new_id}"')
        if prompt and folder == "bank":
            text = text.replace('prompt = "', f'prompt = "{prompt}', 1)
        (mine / folder / f"{new_id}.toml").write_text(text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


EDITS = [
    ("a new question of one's own", lambda m: copy_question(m, "s001-q1", "mine-1")),
    ("a rubric's weight and threshold", lambda m: edit(m / "rubrics" / "mine-1.toml", "hit_threshold = 78", "hit_threshold = 80")),
    ("a bad field", lambda m: edit(m / "bank" / "mine-1.toml", "points = 10", 'points = "ten"')),
    ("the field put right", lambda m: edit(m / "bank" / "mine-1.toml", 'points = "ten"', "points = 10")),
    ("a bundled question replaced by one's own", lambda m: copy_question(m, "s001-q2", "s001-q2", prompt="【我的】")),
    ("the replacement removed", lambda m: [(m / d / "s001-q2.toml").unlink() for d in ("bank", "rubrics")]),
    ("weights that do not add up", lambda m: edit(m / "bank" / "mine-1.toml", "points = 10", "points = 12")),
    ("a rubric removed", lambda m: (m / "rubrics" / "mine-1.toml").unlink()),
    ("a rubric without its question", lambda m: [copy_question(m, "s001-q2", "mine-2"), (m / "bank" / "mine-2.toml").unlink()]),
    ("a question for a material that is not there", lambda m: [copy_question(m, "s001-q2", "mine-3"), edit(m / "bank" / "mine-3.toml", 'material = "001_', 'material = "999_')]),
]


@pytest.fixture
def mine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "mine"
    (root / "bank" / "materials").mkdir(parents=True)
    (root / "rubrics").mkdir()
    monkeypatch.setenv("DRILL_BANK", str(root))
    return root


def test_each_edit_reloads_its_question_alone_and_ends_where_a_full_rebuild_ends(mine: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store()
    full_builds = []
    whole = bank_sync._sync_all
    monkeypatch.setattr(bank_sync, "_sync_all", lambda db, roots: full_builds.append(1) or whole(db, roots))
    for name, change in EDITS:
        change(mine)
        store.sync_bank()
        fresh = Store(tmp_path / f"fresh-{len(full_builds)}-{name[:6]}.db", roots=paths.bank_roots())
        assert state(store) == state(fresh), name
        fresh.close()
        if name == "a bundled question replaced by one's own":
            assert store.question("s001-q2").prompt.startswith("【我的】")
    assert len(full_builds) == len(EDITS)  # the fresh databases' first builds only: every edit took the short way
    problems = "\n".join(store.problems)
    assert "mine-1.toml:1: id: 没有评分标准" in problems and "没有题目 'mine-2'" in problems and "找不到材料 '999_" in problems
    assert "mine-1" not in store.question_ids() and not store.question("s001-q2").prompt.startswith("【我的】")


def test_a_changed_material_or_a_forced_rebuild_reads_the_whole_bank(mine: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store()
    full_builds = []
    whole = bank_sync._sync_all
    monkeypatch.setattr(bank_sync, "_sync_all", lambda db, roots: full_builds.append(1) or whole(db, roots))
    shutil.copy(REPO / "bank" / "materials" / "001_b43d7cd7380caf35.md", mine / "bank" / "materials" / "mine.md")
    store.sync_bank()
    assert full_builds == [1] and store.material("mine") is not None
    store.sync_bank(force=True)
    assert full_builds == [1, 1]
    store.sync_bank()  # nothing changed: nothing read
    assert full_builds == [1, 1]
