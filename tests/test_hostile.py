"""What users and machines do to drill on purpose or by accident: each case one clean line
naming the file, line, field or value, exit status 1, and nothing already saved lost."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import main
from drill.store import Store
from tests.conftest import answer


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def one_line_error(result, *says: str) -> None:
    """The command failed with exit 1 and one line on stderr saying all of `says`."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    for words in says:
        assert words in lines[0], lines[0]


def saved_history() -> list[tuple[str, float]]:
    """The attempts as `drill history --json` lists them."""
    return [(r["question"], r["score"]) for r in json.loads(run("history", "--json").stdout)]


@pytest.fixture
def history() -> list[tuple[str, float]]:
    """Two attempts already saved, as a candidate would have them."""
    run("score", "s001-q2", "-", input=answer("q2_four_points.txt"))
    run("score", "s001-q1", "-", input=answer("q1_paraphrase.txt"))
    return saved_history()


# -- the database file ----------------------------------------------------------------------


def test_a_database_from_a_newer_drill_is_refused_and_left_alone(drill_home: Path) -> None:
    drill_home.mkdir(parents=True)
    con = sqlite3.connect(drill_home / "drill.db")
    con.execute("PRAGMA user_version = 99")
    con.close()
    before = (drill_home / "drill.db").read_bytes()
    for args in (["list"], ["score", "s001-q2", "-"]):
        one_line_error(run(*args, input="一是"), "made by a newer drill (schema 99)", "nothing was changed")
    assert (drill_home / "drill.db").read_bytes() == before


def test_an_empty_database_file_is_kept_aside_not_taken_for_a_new_history(drill_home: Path) -> None:
    drill_home.mkdir(parents=True)
    (drill_home / "drill.db").write_bytes(b"")
    result = run("history")
    assert result.exit_code == 0 and "was an empty file, not a database" in result.stderr
    kept = [p.name for p in drill_home.iterdir() if p.name.startswith("drill.db.empty-")]
    assert len(kept) == 1 and (drill_home / kept[0]).stat().st_size == 0


def test_a_data_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    one_line_error(run("list", env={"DRILL_HOME": "/etc/passwd"}), "DRILL_HOME=/etc/passwd is not a folder")
    (tmp_path / "d" / "drill.db").mkdir(parents=True)
    one_line_error(run("list", env={"DRILL_HOME": str(tmp_path / "d")}), "drill.db is a folder")


def test_the_data_folder_and_database_are_private(drill_home: Path, history) -> None:
    assert drill_home.stat().st_mode & 0o777 == 0o700
    assert (drill_home / "drill.db").stat().st_mode & 0o077 == 0


def _immutable(paths: list[Path], on: bool) -> bool:
    done = subprocess.run(["chattr", "+i" if on else "-i", *map(str, paths)], capture_output=True)
    return done.returncode == 0


def test_a_read_only_database_is_read_and_saving_says_why(drill_home: Path, history) -> None:
    """As on a read-only mount: every file and the folder unwritable (chattr +i, which even
    root cannot write through)."""
    Store().close()
    files = sorted(drill_home.iterdir())
    if not _immutable([*files, drill_home], True):
        pytest.skip("chattr +i is not available here")
    try:
        listed = run("list")
        assert listed.exit_code == 0 and "read-only" in listed.stderr and "s001-q2" in listed.stdout
        assert saved_history() == history
        one_line_error(run("score", "s001-q2", "-", input=answer("q2_slips.txt")), "could not save the attempt", "is read-only")
        assert run("recover").exit_code == 0
    finally:
        _immutable([*files, drill_home], False)
    assert saved_history() == history


# -- damage, and recovering from it ---------------------------------------------------------


def _many_attempts(count: int) -> Path:
    """A database of `count` attempts of one marked answer, checkpointed into its file."""
    from drill.marker import mark_answer
    from drill.store.database import insert_attempt

    store = Store()
    question, rubric, version, material = store.marking("s001-q2")
    mark = mark_answer(question.references[0], question, rubric, material).model_dump_json()
    with store.db.atomic():
        for i in range(count):
            insert_attempt(store.db, {
                "user": "default", "question": "s001-q2", "answer": f"{question.references[0]}（{i}）", "score": 10.0,
                "max": 10.0, "word_count": 130, "seconds": None, "created": f"2026-11-{1 + i % 28:02d}T10:00:00+08:00",
                "rubric_version": version,
            }, mark)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    path = store.path
    store.close()
    return path


@pytest.mark.parametrize("damage", ["page", "header", "page two"])
def test_recover_reads_every_row_it_can(damage: str) -> None:
    """Reading stopped at the first bad row (2,834 of 6,003 back from one bad page; none at all
    from a zeroed header). Now each range of ids is halved around what fails."""
    from drill.store.recover import readable_with_header_mended

    path = _many_attempts(1500)
    data = bytearray(path.read_bytes())
    page = {"page": len(data) // 4096 // 2, "header": None, "page two": 1}[damage]
    if page is None:
        data[:100] = bytes(100)
    else:
        data[page * 4096 : (page + 1) * 4096] = bytes(4096)
    path.write_bytes(bytes(data))
    found, lost = readable_with_header_mended(path)
    assert len(found) + lost == 1500 and len(found) >= 1495
    assert [a.id for a in found] == sorted({a.id for a in found})


def test_recover_end_to_end_moves_the_damaged_file_aside_and_restores_the_rest(drill_home: Path) -> None:
    path = _many_attempts(300)
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)
    path.write_bytes(bytes(data))
    broken = run("history")
    one_line_error(broken, "drill recover")
    result = run("recover")
    assert result.exit_code == 0 and "saved 300 readable attempts" in result.stdout and "300 attempts restored" in result.stdout
    assert len(saved_history()) == 300
    kept = sorted(p.name for p in drill_home.iterdir())
    assert any(name.startswith("drill.db.damaged-") for name in kept)
    recovered = next(drill_home / name for name in kept if name.startswith("attempts-recovered-"))
    assert recovered.stat().st_mode & 0o077 == 0  # a candidate's answers: private


def test_recover_never_moves_a_sound_database_or_one_it_cannot_check(drill_home: Path, history, monkeypatch) -> None:
    import drill.store.recover as recover

    assert "is sound: nothing to recover" in run("recover").stdout
    with monkeypatch.context() as patched:  # as a full disk or an unreadable -shm would
        patched.setattr(recover, "_connect", lambda path: (_ for _ in ()).throw(sqlite3.OperationalError("disk I/O error")))
        one_line_error(run("recover"), "cannot check", "nothing was moved")
    assert not [p for p in drill_home.iterdir() if ".damaged-" in p.name] and saved_history() == history
