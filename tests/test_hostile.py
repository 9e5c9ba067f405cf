"""What users and machines do to drill on purpose or by accident: each case one clean line
naming the file, line, field or value, exit status 1, and nothing already saved lost."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import main
from drill.store import Store
from tests.conftest import DATA, REPO, answer


def run(*args: str, input: str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=input, env=env, catch_exceptions=False)


def one_line_error(result, *says: str) -> None:
    """The command failed with exit 1 and one line on stderr saying all of `says`."""
    assert result.exit_code == 1, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("错误：")]
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
        one_line_error(run(*args, input="一是"), "更新版本的 drill 建的（第 99 版结构）", "什么都没改")
    assert (drill_home / "drill.db").read_bytes() == before


def test_an_empty_database_file_is_kept_aside_not_taken_for_a_new_history(drill_home: Path) -> None:
    drill_home.mkdir(parents=True)
    (drill_home / "drill.db").write_bytes(b"")
    result = run("history")
    assert result.exit_code == 0 and "是空文件，不是数据库" in result.stderr
    kept = [p.name for p in drill_home.iterdir() if p.name.startswith("drill.db.empty-")]
    assert len(kept) == 1 and (drill_home / kept[0]).stat().st_size == 0


def test_a_data_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    one_line_error(run("list", env={"DRILL_HOME": "/etc/passwd"}), "DRILL_HOME=/etc/passwd 不是文件夹")
    (tmp_path / "d" / "drill.db").mkdir(parents=True)
    one_line_error(run("list", env={"DRILL_HOME": str(tmp_path / "d")}), "drill.db 是文件夹")
    # (not the bundled bank alone, as if the user's own were empty)
    one_line_error(run("list", env={"DRILL_HOME": str(tmp_path / "d2"), "DRILL_BANK": "/etc/passwd"}), "DRILL_BANK=/etc/passwd 不是文件夹")


def test_a_database_that_cannot_be_opened_is_not_called_damaged_or_a_full_disk(drill_home: Path, tmp_path: Path) -> None:
    # A link to nowhere: SQLite can neither open nor create the file. Nothing is damaged, so
    # `drill recover` is not the advice, and nothing was to be saved.
    drill_home.mkdir(parents=True)
    (drill_home / "drill.db").symlink_to(tmp_path / "gone" / "x.db")
    result = run("list")
    one_line_error(result, "打不开数据库", "drill.db", "是链接", "gone")
    assert "损坏" not in result.stderr and "recover" not in result.stderr and "磁盘已满" not in result.stderr
    # A file system of no size (/proc) is no full disk either, and says in Chinese what failed.
    result = run("list", env={"DRILL_HOME": "/proc"})
    one_line_error(result, "打不开数据库 /proc/drill.db", "建不了也读不了")
    assert "磁盘已满" not in result.stderr and "anything" not in result.stderr


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
        assert listed.exit_code == 0 and "是只读的" in listed.stderr and "s001-q2" in listed.stdout
        assert saved_history() == history
        one_line_error(run("score", "s001-q2", "-", input=answer("q2_slips.txt")), "没能保存这次作答", "是只读的")
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
    assert result.exit_code == 0 and "能读出的 300 次作答" in result.stdout and "恢复 300 次作答" in result.stdout
    assert len(saved_history()) == 300
    kept = sorted(p.name for p in drill_home.iterdir())
    assert any(name.startswith("drill.db.damaged-") for name in kept)
    recovered = next(drill_home / name for name in kept if name.startswith("attempts-recovered-"))
    assert recovered.stat().st_mode & 0o077 == 0  # a candidate's answers: private


def test_recover_never_moves_a_sound_database_or_one_it_cannot_check(drill_home: Path, history, monkeypatch) -> None:
    import drill.store.recover as recover

    assert "完好，无需恢复" in run("recover").stdout
    with monkeypatch.context() as patched:  # as a full disk or an unreadable -shm would
        patched.setattr(recover, "_connect", lambda path: (_ for _ in ()).throw(sqlite3.OperationalError("disk I/O error")))
        one_line_error(run("recover"), "检查不了", "什么都没有移动")
    assert not [p for p in drill_home.iterdir() if ".damaged-" in p.name] and saved_history() == history


def _zero_middle_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = len(data) // 4096 // 2
    data[page * 4096 : (page + 1) * 4096] = bytes(4096)
    path.write_bytes(bytes(data))


def test_damage_in_the_middle_of_the_file_is_noticed_before_anything_is_written(drill_home: Path) -> None:
    """A damaged page deep in the file let `score` go on writing into it; now the file is
    checked as it opens, and every command says to recover."""
    path = _many_attempts(300)
    _zero_middle_page(path)
    before = path.read_bytes()
    for args in (["score", "s001-q2", "-"], ["list"], ["history"]):
        one_line_error(run(*args, input=answer("q2_four_points.txt")), "已损坏", "drill recover")
    assert path.read_bytes() == before  # nothing was written into it
    assert "300 attempts restored" in run("recover").stdout or len(saved_history()) >= 295


def test_a_large_database_is_checked_by_drill_check_and_by_the_app_in_the_background(drill_home: Path, monkeypatch) -> None:
    import asyncio

    import drill.store.opening as opening
    from drill.tui.app import make_app
    from tests.conftest import wait_for

    path = _many_attempts(300)
    _zero_middle_page(path)
    monkeypatch.setattr(opening, "CHECK_BELOW", 0)  # as if the file were too large to check at each start
    checked = run("check")
    assert checked.exit_code == 1 and any("已损坏" in line and "drill recover" in line for line in checked.stderr.splitlines())

    async def notified() -> list[str]:
        app = make_app(Store(sync=False))
        async with app.run_test() as pilot:
            await wait_for(pilot, lambda: any("已损坏" in n.message for n in app._notifications))
            return [n.message for n in app._notifications]

    assert any("drill recover" in message for message in asyncio.run(notified()))


# -- bank files -----------------------------------------------------------------------------


def _hostile_bank(home: Path) -> dict[str, str]:
    """The user's own bank full of what is not a bank file; returns each one's expected words."""
    import os

    bank, rubrics = home / "bank", home / "rubrics"
    (bank / "materials").mkdir(parents=True)
    rubrics.mkdir()
    (bank / "zz.toml").mkdir()
    os.symlink("/nonexistent/lock", bank / ".#s001-q2.toml")  # Emacs's lock while editing
    (bank / "s001-q2.toml~").write_text("backup", encoding="utf-8")
    os.symlink(home / "missing.toml", bank / "gone.toml")
    os.mkfifo(bank / "fifo.toml")
    os.symlink("/dev/zero", bank / "zero.toml")
    os.symlink("/etc/passwd", bank / "materials" / "pw.md")
    (bank / "deep.toml").write_text('id = "deep"\ntype = "归纳概括"\npoints = 10\nprompt = "x"\ntags = ' + "[" * 50_000 + "]" * 50_000 + "\n", encoding="utf-8")
    question = (REPO / "bank" / "s001-q2.toml").read_text(encoding="utf-8").replace("s001-q2", "inf-q")
    (bank / "inf-q.toml").write_text(question, encoding="utf-8")
    rubric = (REPO / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8").replace("s001-q2", "inf-q")
    (rubrics / "inf-q.toml").write_text(rubric.replace("partial_credit = 0.5", "partial_credit = inf"), encoding="utf-8")
    return {
        "zz.toml": "不是普通文件（是文件夹）",
        "gone.toml": "而它不存在",
        "fifo.toml": "不是普通文件（是管道（FIFO））",
        "zero.toml": "在题库",
        "pw.md": "在题库",
        "deep.toml": "嵌套太深",
        "rubrics/inf-q.toml:4": "partial_credit: 须是有限的数",
    }


def test_what_is_not_a_bank_file_is_named_not_read_and_never_hangs(drill_home: Path) -> None:
    expected = _hostile_bank(drill_home)
    # A subprocess, so that a FIFO read by mistake fails the test instead of hanging it.
    checked = subprocess.run([sys.executable, "-m", "drill", "check"], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 1, checked.stderr
    assert "Traceback" not in checked.stderr
    errors = [line for line in checked.stderr.splitlines() if line.startswith("错误：")]
    for name, says in expected.items():
        assert any(name in line and says in line for line in errors), (name, errors)
    assert not any(".#s001-q2" in line or "toml~" in line for line in errors), errors  # editor files pass unremarked
    assert "root:" not in checked.stdout + checked.stderr  # /etc/passwd is never shown
    # The rest of the bank works: the bundled question is shown and marked.
    shown = run("show", "s001-q2")
    assert shown.exit_code == 0 and "【题目】" in shown.stdout
    assert run("score", "s001-q2", "-", input=answer("q2_four_points.txt")).exit_code == 0


def test_the_warnings_shown_are_those_of_the_bank_in_use(drill_home: Path, tmp_path: Path) -> None:
    import os

    other = tmp_path / "other"
    (other / "bank").mkdir(parents=True)
    (other / "rubrics").mkdir()
    os.mkfifo(other / "bank" / "fifo.toml")
    os.symlink("/etc/passwd", other / "bank" / "pw.toml")
    assert run("list").stderr == ""
    theirs = run("--bank", str(other), "list").stderr
    assert "fifo.toml" in theirs and "pw.toml" in theirs
    # Back on the usual bank, the other one's problems are not said again.
    assert run("list").stderr == ""
    # A bad entry removed from the bank takes its warning with it.
    (other / "bank" / "fifo.toml").unlink()
    again = run("--bank", str(other), "list").stderr
    assert "pw.toml" in again and "fifo.toml" not in again


def test_import_never_writes_through_a_symlink_out_of_the_bank(drill_home: Path, tmp_path: Path) -> None:
    import os

    outside = tmp_path / "outside"
    outside.mkdir()
    precious = outside / "precious.txt"
    precious.write_text("keep me", encoding="utf-8")
    (drill_home / "bank").mkdir(parents=True)
    (drill_home / "rubrics").mkdir()
    os.symlink(outside / "created.toml", drill_home / "bank" / "pwn-q1.toml")  # dangling
    os.symlink(precious, drill_home / "rubrics" / "pwn-q1.toml")
    document = DATA / "fresh_document.txt"
    refused = run("import", str(document), "--prefix", "pwn")
    one_line_error(refused, "已经导入过", "pwn-q1")
    forced = run("import", str(document), "--prefix", "pwn", "--force")
    assert forced.exit_code == 0, forced.output
    assert precious.read_text(encoding="utf-8") == "keep me"
    assert not (outside / "created.toml").exists()
    assert not (drill_home / "rubrics" / "pwn-q1.toml").is_symlink()
    assert "pwn-q1" in run("list").stdout


def test_control_characters_in_bank_files_never_reach_the_terminal(drill_home: Path) -> None:
    (drill_home / "bank").mkdir(parents=True)
    (drill_home / "rubrics").mkdir()
    question = (REPO / "bank" / "s001-q2.toml").read_text(encoding="utf-8").replace("s001-q2", "esc-q1")
    question = question.replace('source = "', 'source = "\\u001b]0;pwned\\u0007\\u001b[2J', 1)
    (drill_home / "bank" / "esc-q1.toml").write_text(question, encoding="utf-8")
    (drill_home / "rubrics" / "esc-q1.toml").write_text((REPO / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8").replace("s001-q2", "esc-q1"), encoding="utf-8")
    for command in (["list"], ["show", "esc-q1"], ["list", "--json"]):
        result = run(*command)
        assert result.exit_code == 0, result.output
        assert "esc-q1" in result.stdout
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout, command


# -- several drills at once -----------------------------------------------------------------


def _three_at_once(env: dict, *args: str) -> list[subprocess.CompletedProcess]:
    started = [subprocess.Popen([sys.executable, "-m", "drill", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(3)]
    done = []
    for process in started:
        out, err = process.communicate(timeout=240)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def test_three_drills_starting_together_on_a_changed_bank_all_work(drill_home: Path, tmp_path: Path) -> None:
    import os

    sys.path.insert(0, str(REPO / "bench"))
    try:
        from scale_data import generate_bank
    finally:
        sys.path.remove(str(REPO / "bench"))
    mine = tmp_path / "mine"
    generate_bank(mine, 500)
    env = {**os.environ, "DRILL_HOME": str(drill_home), "DRILL_BANK": str(mine)}
    for round_ in range(2):  # a first start on an empty data folder, then after an edit of every file
        for process in _three_at_once(env, "list", "--json"):
            assert process.returncode == 0 and "Traceback" not in process.stderr, process.stderr
            assert len(json.loads(process.stdout)) >= 500
        for path in (mine / "bank").glob("*.toml"):
            with path.open("a", encoding="utf-8") as out:
                out.write(f"# edit {round_}\n")
        (mine / "bank" / "materials" / f"new-{round_}.md").write_text("新材料", encoding="utf-8")  # the folder changes too


# -- resources ------------------------------------------------------------------------------


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_batch_workers_end_when_their_drill_is_killed(drill_home: Path, tmp_path: Path) -> None:
    import os
    import signal
    import time

    from drill.batch import PARALLEL_FROM

    batch = tmp_path / "many.jsonl"
    text = answer("q2_four_points.txt")
    batch.write_text("".join(json.dumps({"id": i, "question": "s001-q2", "answer": f"{text}（{i}）"}, ensure_ascii=False) + "\n" for i in range(PARALLEL_FROM * 10)), encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "drill", "score", "--batch", str(batch), "--no-save"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not (workers := _children(process.pid)) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    assert workers, "the batch started no worker processes"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "workers outlived their drill"
