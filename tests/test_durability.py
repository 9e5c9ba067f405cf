"""Never losing an answer: a killed drill, two drills at once, a database from an older drill."""

from __future__ import annotations

import multiprocessing
import os
import pty
import select
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from drill.practice import submit_answer
from drill.store.migrations import MIGRATIONS
from drill.store import Store
from drill.tui.screens.practice import AUTOSAVE_SECONDS
from tests.conftest import BUNDLED, DATA, best_scores, submit


def read_until(fd: int, needle: bytes, timeout: float) -> bytes:
    """Read a terminal's output until `needle` shows (or the time is up)."""
    seen = b""
    end = time.monotonic() + timeout
    while time.monotonic() < end and needle not in seen:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
    return seen


def drill_in_terminal(drill_home: Path) -> tuple[int, int]:
    """drill started in a real (pseudo) terminal: its pid and the terminal's end to read and write."""
    env = {**os.environ, "DRILL_HOME": str(drill_home), "TERM": "xterm-256color"}
    pid, fd = pty.fork()
    if pid == 0:  # the child
        os.execvpe(sys.executable, [sys.executable, "-m", "drill"], env)
    return pid, fd


def to_practice(fd: int) -> None:
    """In drill's terminal `fd`: from the list down to 问题2, and open it to practise."""
    assert b"s001-q2" in read_until(fd, b"s001-q2", 20)
    os.write(fd, b"\x1b[B" * BUNDLED.index("s001-q2"))  # down to 问题2
    read_until(fd, b"\x00", 0.5)
    os.write(fd, b"\r")
    assert "提交".encode() in read_until(fd, "提交".encode(), 10)  # the practice screen is up


def test_a_killed_drill_keeps_the_draft_being_typed(drill_home: Path) -> None:
    """SIGKILL while an answer is on screen: reopening finds it, at most a few seconds behind."""
    pid, fd = drill_in_terminal(drill_home)
    try:
        to_practice(fd)
        os.write(fd, "一是思想认识不到位，理念落后。".encode())
        read_until(fd, b"\x00", AUTOSAVE_SECONDS + 1.5)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    draft = Store().draft("s001-q2")
    assert draft is not None and draft.answer == "一是思想认识不到位，理念落后。"


@pytest.mark.parametrize("sent", [signal.SIGHUP, signal.SIGTERM])
def test_a_hang_up_or_a_kill_signal_keeps_the_answer_typed_a_moment_ago(drill_home: Path, sent: int) -> None:
    """A closed terminal sends SIGHUP, a shutdown SIGTERM: drill leaves as Ctrl+Q does and
    saves the answer, however soon after the last key (Python's own handling of both ended
    the process at once: up to AUTOSAVE_SECONDS of typing was lost)."""
    pid, fd = drill_in_terminal(drill_home)
    try:
        to_practice(fd)
        os.write(fd, "一是思想认识不到位。".encode())
        assert "不到位。".encode() in read_until(fd, "不到位。".encode(), 10)  # on screen, not yet autosaved
        os.kill(pid, sent)
        deadline = time.monotonic() + 20
        while (left := os.waitpid(pid, os.WNOHANG) == (0, 0)) and time.monotonic() < deadline:
            read_until(fd, b"\x00", 0.1)  # (keep the terminal drained, as a closing one would be)
        assert not left, "drill did not leave"
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
    assert Store().draft("s001-q2").answer == "一是思想认识不到位。"


def test_a_terminal_closed_without_a_hang_up_ends_drill_and_keeps_the_answer(drill_home: Path) -> None:
    """The terminal goes away and no SIGHUP comes (drill runs in a session of its own): drill
    leaves within seconds instead of spinning, and the answer typed a moment ago is saved."""
    import subprocess

    master, slave = os.openpty()
    env = {**os.environ, "DRILL_HOME": str(drill_home), "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, "-m", "drill"], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        to_practice(master)
        os.write(master, "一是监管不到位，二是服务意识不强。".encode())
        read_until(master, b"\x00", 0.5)  # well before the next autosave
    finally:
        os.close(master)
    try:
        assert process.wait(timeout=10) == 0
    finally:
        process.kill()
    assert Store().draft("s001-q2").answer == "一是监管不到位，二是服务意识不强。"


def _write_attempts(home: str, count: int, tag: str) -> None:
    os.environ["DRILL_HOME"] = home
    store = Store()
    for i in range(count):
        submit_answer(store, "s001-q2", f"一是思想认识不到位。{tag}{i}", seconds=i)
        store.save_draft("s001-q1", f"{tag}{i}", i)


def test_two_drills_writing_at_once_lose_nothing(drill_home: Path) -> None:
    Store().close()  # build the bank once, as a first start would
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_write_attempts, args=(str(drill_home), 60, tag)) for tag in "ab"]
    for w in workers:
        w.start()
    for w in workers:
        w.join(120)
        assert w.exitcode == 0
    answers = {a.answer for a in list(Store().iter_attempts())}
    assert len(answers) == 120
    assert all(f"一是思想认识不到位。{tag}{i}" in answers for tag in "ab" for i in range(60))


def test_a_database_of_the_first_schema_opens_with_its_history(drill_home: Path) -> None:
    drill_home.mkdir(parents=True)
    con = sqlite3.connect(drill_home / "drill.db")
    con.executescript((DATA / "schema_v1.sql").read_text(encoding="utf-8"))
    con.close()
    store = Store()
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    assert [(a.question, a.score, a.seconds) for a in list(store.iter_attempts())] == [("s001-q1", 6.0, None), ("s001-q2", 7.0, 300)]
    assert store.draft("s001-q1").answer == "一是要持续推进营商环境改革。"
    assert store.question_ids() == BUNDLED
    # The progress table added later is filled from the old history: best marks and the queue.
    assert best_scores(store) == {"s001-q1": 6.0, "s001-q2": 7.0} and store.history_count() == 2
    # Practised long ago, so due again: the queue starts with them.
    assert {d.question for d in store.queue(limit=len(BUNDLED))[:2]} == {"s001-q1", "s001-q2"}


def test_a_corrupt_database_is_a_clear_error(drill_home: Path) -> None:
    drill_home.mkdir(parents=True)
    (drill_home / "drill.db").write_bytes(b"this is not a database" * 200)
    from drill.errors import StoreError

    with pytest.raises(StoreError, match=r"数据库 .*drill\.db 已损坏（file is not a database）；运行 drill recover"):
        Store()


async def test_a_read_only_database_keeps_the_answer_on_screen(drill_home: Path) -> None:
    from textual.widgets import TextArea

    from drill.tui.app import make_app
    from drill.tui.screens.practice import PracticeScreen

    store = Store()
    app = make_app(store)
    async with app.run_test() as pilot:
        app.push_screen(PracticeScreen("s001-q2"))
        await pilot.pause()
        store.db.execute("PRAGMA query_only = ON")  # as a read-only file or a full disk would
        app.screen.query_one("#answer", TextArea).insert("一是思想认识不到位。")
        await pilot.pause()
        app.screen.save_draft()
        await submit(pilot)
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.query_one("#answer", TextArea).text == "一是思想认识不到位。"
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("没能保存草稿：数据库") and "是只读的" in m for m in messages)
        assert any(m.startswith("没能保存这次作答：数据库") and "是只读的" in m for m in messages)
        # Autosave after autosave fails the same way: said once while it is on screen, not
        # a new message every two seconds.
        for more in "二三":
            app.screen.query_one("#answer", TextArea).insert(more)
            await pilot.pause()
            app.screen.save_draft()
        assert sum(1 for m in (n.message for n in app._notifications) if m.startswith("没能保存草稿")) == 1
        store.db.execute("PRAGMA query_only = OFF")  # the disk is writable again: saving works
        app.screen.save_draft()
    assert Store().draft("s001-q2").answer == "一是思想认识不到位。二三"


def _two_attempts() -> None:
    store = Store()
    submit_answer(store, "s001-q2", "一是思想认识不到位，理念落后。")
    submit_answer(store, "s001-q1", "一是要压实旗县区优化营商环境责任。")
    store.close()


def test_a_database_with_a_damaged_header_is_recovered_with_its_attempts(drill_home: Path) -> None:
    from click.testing import CliRunner

    from drill.cli import main

    _two_attempts()
    db = drill_home / "drill.db"
    data = bytearray(db.read_bytes())
    data[:16] = b"garbage garbage!"
    db.write_bytes(bytes(data))
    runner = CliRunner()
    broken = runner.invoke(main, ["history"])
    assert broken.exit_code == 1 and "运行 drill recover：把它移到一旁" in broken.stderr
    result = runner.invoke(main, ["recover"])
    assert result.exit_code == 0, result.output
    assert "能读出的 2 次作答" in result.stdout and "恢复 2 次作答" in result.stdout
    assert len(list(drill_home.glob("drill.db.damaged-*"))) >= 1
    assert sorted(a.question for a in list(Store().iter_attempts())) == ["s001-q1", "s001-q2"]
    assert runner.invoke(main, ["recover"]).stdout.strip().endswith("完好，无需恢复")


def test_a_database_damaged_beyond_reading_still_gives_a_new_start(drill_home: Path) -> None:
    from click.testing import CliRunner

    from drill.cli import main

    _two_attempts()
    (drill_home / "drill.db").write_bytes(b"\x00" * 4096)
    result = CliRunner().invoke(main, ["recover"])
    assert result.exit_code == 0, result.output
    assert "能读出的 0 次作答" in result.stdout and f"{len(BUNDLED)} 道题" in result.stdout
    assert Store().question_ids() == BUNDLED
