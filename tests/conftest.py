"""Shared fixtures: every test runs against its own data dir, never the user's."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from drill import paths
from drill.store import Store

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
SEEDS = REPO.parent / "shared" / "seeds"
# The ids of the bundled bank's questions, in id order.
BUNDLED = sorted(path.stem for path in (REPO / "bank").glob("*.toml"))


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
def ungraded_bundle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The bundled bank without the graded answers it ships: an instructor's first grading of
    a question, as on a question of their own. Ask for it before `store`."""
    root = tmp_path / "bundle"
    shutil.copytree(paths.bundled_root() / "bank", root / "bank")
    shutil.copytree(paths.bundled_root() / "rubrics", root / "rubrics", ignore=shutil.ignore_patterns("*.graded.jsonl"))
    monkeypatch.setattr(paths, "bundled_root", lambda: root)
    return root


@pytest.fixture
def bank_copy(tmp_path: Path) -> Path:
    """A copy of the bundled bank in a folder of its own, to break on purpose."""
    root = tmp_path / "bankcopy"
    shutil.copytree(paths.bundled_root() / "bank", root / "bank")
    shutil.copytree(paths.bundled_root() / "rubrics", root / "rubrics")
    return root


# The two questions of the seed document (问题1 and 问题2): the first set we graded by hand.
SEED_QUESTIONS = ["s001-q2", "s001-q1"]


def graded(name: str) -> list[str]:
    """Our hand-marked answers shipped beside the bundled rubrics (`rubrics/ID.graded.jsonl`),
    as `drill eval` lines: "seed" (问题1 and 问题2) or "bank" (every other bundled question)."""
    from drill import paths
    from drill.bank.graded import graded_questions, graded_set

    roots = [paths.bundled_root()]
    ids = SEED_QUESTIONS if name == "seed" else [q for q in graded_questions(roots) if q not in SEED_QUESTIONS]
    return graded_set(roots, ids)


def answer(name: str) -> str:
    """A hand-written answer from tests/data/answers."""
    return (DATA / "answers" / name).read_text(encoding="utf-8")


@pytest.fixture
def graded_bank(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The instructor's own bank (DRILL_BANK) holding two answers to 问题2 graded by hand."""
    import json

    mine = tmp_path / "mine"
    (mine / "rubrics").mkdir(parents=True)
    graded = [
        {"id": "ref", "answer": answer("q2_reference.txt"), "human": 10, "human_points": [1, 1, 1, 1, 1, 1]},
        {"id": "p5", "answer": "一是网上办事系统建设各自为政，运行效率低。", "human": 1.5, "human_points": {"p5": 1}},
    ]
    (mine / "rubrics" / "s001-q2.graded.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in graded), encoding="utf-8")
    monkeypatch.setenv("DRILL_BANK", str(mine))
    return mine


def best_scores(store: Store) -> dict[str, float]:
    """The profile's best mark per question attempted, as the progress table keeps it."""
    return {qid: best for qid, (_, best) in store.progress().items()}


def rebuild_progress(store: Store) -> None:
    """Recompute every profile's progress after attempts were written straight into the table."""
    from drill.store.progress import replay

    with store.db.atomic():
        replay(store.db, store.plan)


def send_burst(app, keys) -> None:
    """Post `keys` to the app all at once, as tmux or a paste sends them (`pilot.press` waits
    after each key): Enter as a carriage return, a one-character key as that character."""
    from textual import events

    for key in keys:
        app.post_message(events.Key(key, "\r" if key == "enter" else key if len(key) == 1 else None))


async def wait_for(pilot, condition: Callable[[], object], what: str = "", timeout: float = 15.0) -> None:
    """Let the app run until `condition()` holds (a message handled, a timer fired, a worker
    done); fail, saying what was awaited, after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what or condition}")
        await pilot.pause(0.02)


async def open_result(pilot, attempt_id: int) -> None:
    """From the list at start, open the result screen of a stored attempt and wait for it."""
    from drill.tui.navigation import OpenResult

    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "HomeScreen", "the list")
    pilot.app.post_message(OpenResult(attempt_id))
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ResultScreen", "the result")
    await pilot.pause()


async def submit(pilot) -> None:
    """Press Ctrl+S on the practice screen and wait until the answer is marked (in a thread)
    and what follows is shown."""
    screen = pilot.app.screen
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not getattr(screen, "marking", False), "the mark")
    await pilot.pause()


async def save_edits(pilot) -> None:
    """Press Ctrl+S in the editor and wait until the bank has been rebuilt from the files
    written (in a thread) and the editor has shown it."""
    editor = pilot.app.screen
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not editor.rebuilding, "the bank rebuilt")
    await pilot.pause()


def three_attempts(store: Store) -> None:
    """Two attempts at 问题2 and one at 问题1, the oldest first: a history to filter."""
    from drill.practice import submit_answer

    submit_answer(store, "s001-q2", answer("q2_slips.txt"))
    submit_answer(store, "s001-q1", answer("q1_paraphrase.txt"))
    submit_answer(store, "s001-q2", answer("q2_reference.txt"))
