"""The mock exam (模考): one clock for a paper, the time per question, drafts that survive a
kill, and the paper marked and stored whole."""

from __future__ import annotations

import json
import os
import pty
import signal
import sys
import time
from pathlib import Path

from textual import events
from textual.widgets import DataTable

from drill import exam
from drill.store import Store
from drill.store.papers import exam_draft_key, exam_state, paper_attempts, papers
from drill.tui.app import make_app
from drill.tui.navigation import OpenExam
from drill.tui.screens.exam import ExamScreen
from tests.conftest import wait_for
from tests.test_durability import read_until

PAPER = "yingshang-mock"
ORDER = ["s003-q2", "s000-q3", "s001-q1", "s002-q4", "s004-q2"]


def test_the_bundled_paper_is_100_points_in_180_minutes_with_every_type(store: Store) -> None:
    (paper,) = [p for p in papers(store) if p.id == PAPER]
    assert (paper.minutes, paper.reading_minutes, paper.points, paper.questions) == (180, 40, 100, ORDER)
    assert {store.question(q).type for q in paper.questions} == {"归纳概括", "综合分析", "提出对策", "贯彻执行", "文章写作"}
    # Each question reads the 给定资料 it cites, under their headings: the essay all five.
    assert store.material_shown(store.question("s003-q2")).startswith("给定资料4\n\n关于我市提升政务效能")
    essay = store.material_shown(store.question("s004-q2"))
    assert [f"给定资料{n}" in essay for n in range(1, 6)] == [True] * 5


def test_the_clock_warns_at_30_and_5_minutes_and_splits_the_time(store: Store) -> None:
    sitting = exam.start(store, PAPER)
    assert sitting.left == 180 * 60 and sitting.state.current == ORDER[0]
    assert exam.tick(sitting, 600) is None  # reading: no answer in focus
    assert exam.tick(sitting, 180 * 60 - 600 - 30 * 60 - 1, on=ORDER[0]) is None
    assert exam.tick(sitting, 1, on=ORDER[0]) == "离考试结束还有 30 分钟"
    assert exam.tick(sitting, 25 * 60 - 1, on=ORDER[1]) is None
    assert exam.tick(sitting, 2, on=ORDER[1]).startswith("离考试结束还有 5 分钟")
    assert sitting.state.seconds == {exam.READING: 600, ORDER[0]: 180 * 60 - 600 - 30 * 60, ORDER[1]: 25 * 60 + 1}
    assert sitting.left == 5 * 60 - 1


def test_an_exam_resumes_with_its_clock_and_answers(store: Store) -> None:
    sitting = exam.start(store, PAPER)
    sitting.answers[ORDER[1]] = "有的干部怕担责任。"
    sitting.state.current = ORDER[1]
    exam.tick(sitting, 95, on=ORDER[1])
    exam.save_work(store, sitting, [ORDER[1]])
    again = exam.start(Store(), PAPER)
    assert (again.state.elapsed, again.state.current, again.answers[ORDER[1]]) == (95, ORDER[1], "有的干部怕担责任。")
    assert store.draft(ORDER[1]) is None  # an exam's answers are not the practice drafts


def test_handing_in_marks_every_answer_and_stores_the_paper_whole(store: Store) -> None:
    sitting = exam.start(store, PAPER)
    sitting.answers[ORDER[0]] = store.question(ORDER[0]).references[0]
    sitting.answers[ORDER[2]] = store.question(ORDER[2]).references[0]
    exam.tick(sitting, 1200, on=ORDER[0])
    exam.save_work(store, sitting)
    sat = exam.submit(store, sitting)
    rows = {row["question"]: row for row in sat.questions}
    assert [row["question"] for row in sat.questions] == ORDER
    assert rows[ORDER[0]]["score"] > 10 and rows[ORDER[2]]["score"] > 7  # the references earn most of the points
    assert rows[ORDER[1]]["score"] == 0 and rows[ORDER[0]]["seconds"] == 1200
    assert sat.score == round(sum(row["score"] for row in sat.questions), 2) and sat.max == 100
    unanswered = store.attempt(rows[ORDER[1]]["attempt"])
    assert unanswered.mark.notes[0] == exam.UNANSWERED
    assert exam_state(store, PAPER) is None and store.draft(exam_draft_key(PAPER, ORDER[0])) is None
    assert [p.id for p in paper_attempts(store)] == [sat.id]
    # The next sitting starts afresh.
    assert exam.start(store, PAPER).state.elapsed == 0


async def test_a_candidate_sits_the_bundled_paper(store: Store) -> None:
    """From the list to the papers, into the exam, between questions, out and back, handed in."""
    now = [0.0]
    app = make_app(store, clock=lambda: now[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+y")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PapersScreen", "papers")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamScreen), "exam")
        screen = app.screen
        await pilot.press(*"一是审批要件多")
        now[0] = 62.0
        await wait_for(pilot, lambda: screen.exam.state.elapsed == 62, "the clock's tick")
        await pilot.press("f8")
        assert screen.current == ORDER[1]
        assert "第2/5题" in str(screen.query_one("#exam-bar").render())
        await pilot.press(*"干部怕担风险")
        now[0] = 92.0
        await wait_for(pilot, lambda: screen.exam.state.elapsed == 92, "the clock's tick")
        assert screen.exam.state.seconds == {ORDER[0]: 62, ORDER[1]: 30}
        await pilot.press("escape")  # out: the exam is kept as it is
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PapersScreen", "papers again")
        assert "进行中" in str(app.screen.query_one("#papers", DataTable).get_row_at(0))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, ExamScreen), "exam again")
        screen = app.screen
        assert screen.exam.answers[ORDER[0]] == "一是审批要件多" and screen.exam.state.elapsed == 92
        assert screen.current == ORDER[1]  # where the candidate left off
        await pilot.press("ctrl+s")
        assert paper_attempts(store) == []  # the first Ctrl+S only asks
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PaperResultScreen", "the paper's result", timeout=60)
        total = str(app.screen.query_one("#paper-total").render())
        (sat,) = paper_attempts(store)
        assert f"总分 {sat.score:g}/100" in total
        await pilot.press("enter")  # the first question's mark, as practice shows it
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ResultScreen", "a question's result")
        assert app.screen.attempt.question == ORDER[0]
        await pilot.press("escape")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PaperResultScreen", "the paper's result again")
        second = app.screen.sat.questions[1]["attempt"]
        for key in ("down", "enter"):  # in one burst, as tmux sends `Down Enter`: the second row's
            app.post_message(events.Key(key, "\r" if key == "enter" else None))
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ResultScreen", "a question's result")
        assert app.screen.attempt.id == second
        await pilot.pause()  # (the screen mounted before the app closes)


async def test_the_time_running_out_hands_the_paper_in(store: Store) -> None:
    now = [0.0]
    app = make_app(store, clock=lambda: now[0])
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "the list")
        await pilot.pause()
        app.post_message(OpenExam(PAPER))
        await wait_for(pilot, lambda: isinstance(app.screen, ExamScreen), "exam")
        await pilot.pause()
        await pilot.press(*"一是")
        now[0] = 180 * 60.0  # the screen's clock reads it at its next tick
        await wait_for(pilot, lambda: type(app.screen).__name__ == "PaperResultScreen", "handed in", timeout=60)
        await pilot.pause()
        (sat,) = paper_attempts(store)
        assert sat.seconds == 180 * 60


def test_a_killed_exam_resumes_where_it_was(drill_home: Path) -> None:
    """SIGKILL in the middle of an exam: reopening finds the answer and the clock."""
    env = {**os.environ, "DRILL_HOME": str(drill_home), "TERM": "xterm-256color"}
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe(sys.executable, [sys.executable, "-m", "drill", "exam", PAPER], env)
    try:
        assert "交卷".encode() in read_until(fd, "交卷".encode(), 20)
        os.write(fd, "一是审批要件多且重复提交。".encode())
        end = time.monotonic() + 20
        key = exam_draft_key(PAPER, ORDER[0])
        while time.monotonic() < end:  # until the autosave has written it
            read_until(fd, b"\x00", 0.2)
            draft = Store().draft(key)
            if draft and draft.answer == "一是审批要件多且重复提交。" and (exam_state(Store(), PAPER) or exam.ExamState(PAPER, "")).elapsed >= 1:
                break
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    again = exam.start(Store(), PAPER)
    assert again.answers[ORDER[0]] == "一是审批要件多且重复提交。"
    assert again.state.elapsed >= 1


def test_papers_sat_are_listed_and_charted(store: Store) -> None:
    from drill.progress import paper_series
    from tests.test_cli import run

    sitting = exam.start(store, PAPER)
    sitting.answers[ORDER[2]] = store.question(ORDER[2]).references[0]
    sat = exam.submit(store, sitting)
    (listed,) = json.loads(run("papers", "--sat", "--json").stdout)
    assert (listed["id"], listed["paper"], listed["score"], listed["max"]) == (sat.id, PAPER, sat.score, 100)
    assert [q["question"] for q in listed["questions"]] == ORDER
    assert paper_series(paper_attempts(store)) == {PAPER: [(1, round(sat.score, 1))]}
    unknown = run("exam", "nope", ok=False)
    assert unknown.exit_code == 1 and unknown.stderr.strip() == f"错误：没有试卷 'nope'；题库里的试卷：{PAPER}"


async def test_the_exam_finds_in_the_cited_materials_and_jumps_between_them(store: Store) -> None:
    app = make_app(store, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HomeScreen", "the list")
        app.post_message(OpenExam(PAPER))
        await wait_for(pilot, lambda: isinstance(app.screen, ExamScreen), "exam")
        screen = app.screen
        for _ in range(4):
            await pilot.press("f8")  # to the essay, which cites all five 给定资料
        assert screen.current == ORDER[4]
        view = screen.material_view()
        headings = [view.paras[i] for i in view.headings if view.paras[i].startswith("给定资料")]
        assert headings == [f"给定资料{n}" for n in range(1, 6)]
        await pilot.press("ctrl+f", *"营商环境")
        await wait_for(pilot, lambda: view.hits, "the search, once typing pauses")
        assert len(view.hits) > 20 and view.current == 0  # the essay's material, not the first question's
        await pilot.press("escape")
        assert screen.query_one("#answer-4").has_focus
