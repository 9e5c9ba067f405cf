"""Every main screen, rendered at fixed terminal sizes (update with `pytest --snapshot-update`)."""

from __future__ import annotations

import pytest
from textual.widgets import Input, TextArea

from drill.practice import submit_answer
from drill.store import Store
from drill.tui.app import make_app
from tests.conftest import answer, wait_for

SIZES = [(120, 40), (80, 24)]
FIXED_TIME = "2026-11-21T09:30:00+08:00"


@pytest.fixture(autouse=True)
def steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cursors that do not blink, from the moment each field is made: a snapshot would catch a
    blinking one on or off, and a screen under a dialog keeps the frame it had when covered."""
    for widget in (Input, TextArea):
        monkeypatch.setattr(widget.cursor_blink, "_default", False)


async def arrive(pilot, screen: str) -> None:
    """Wait until the screen named `screen` is on top (navigation takes a hop through the app)."""
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == screen, screen)
    await pilot.pause()


def app_with_history(store: Store):
    """A candidate who has answered 问题2 once, at a fixed time."""
    submit_answer(store, "s001-q2", answer("q2_four_points.txt"), seconds=754)
    store.db.execute("UPDATE attempts SET created = ?", [FIXED_TIME])
    store.db.conn.commit()
    return make_app(store, clock=lambda: 0.0)


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare, store: Store, size) -> None:
    assert snap_compare(app_with_history(store), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_practice(snap_compare, store: Store, size) -> None:
    async def write_some(pilot) -> None:
        await pilot.press("ctrl+f", *"s001-q2", "enter")
        await arrive(pilot, "PracticeScreen")
        pilot.app.screen.query_one("#answer", TextArea).insert("一是思想认识不到位，理念落后。\n二是")
        await pilot.pause()
        pilot.app.screen.save_draft()  # as the autosave does two seconds after typing: not left to the clock
        await pilot.pause()

    assert snap_compare(make_app(store, clock=lambda: 0.0), terminal_size=size, run_before=write_some)


async def to_result(pilot) -> None:
    """From the list to the history, and the result of its attempt."""
    await pilot.press("ctrl+r")
    await arrive(pilot, "HistoryScreen")
    await pilot.press("enter")
    await arrive(pilot, "ResultScreen")


@pytest.mark.parametrize("size", SIZES)
def test_result(snap_compare, store: Store, size) -> None:
    assert snap_compare(app_with_history(store), terminal_size=size, run_before=to_result)


@pytest.mark.parametrize("size", SIZES)
def test_result_material(snap_compare, store: Store, size) -> None:
    """F2 on a missed point (p5): the material in place of the reference, its source marked out."""

    async def show_source(pilot) -> None:
        await to_result(pilot)
        await pilot.press("down", "down", "down", "down", "f2")
        view = pilot.app.screen.query_one("#result-material")
        await wait_for(pilot, lambda: view.hits and view.scroll_y > 0, "p5's source in view")
        await pilot.pause()

    assert snap_compare(app_with_history(store), terminal_size=size, run_before=show_source)


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare, store: Store, size) -> None:
    async def open_history(pilot) -> None:
        await pilot.press("ctrl+r")
        await arrive(pilot, "HistoryScreen")

    assert snap_compare(app_with_history(store), terminal_size=size, run_before=open_history)


@pytest.mark.parametrize("size", SIZES)
def test_profiles(snap_compare, store: Store, size) -> None:
    store.use("张三")
    store.use("李四")
    assert snap_compare(make_app(store, clock=lambda: 0.0, choose_profile=True), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_weak_points(snap_compare, store: Store, size) -> None:
    async def open_weak(pilot) -> None:
        await pilot.press("ctrl+b")
        await arrive(pilot, "WeakPointsScreen")

    assert snap_compare(app_with_history(store), terminal_size=size, run_before=open_weak)


@pytest.mark.parametrize("size", SIZES)
def test_compare(snap_compare, store: Store, size) -> None:
    submit_answer(store, "s001-q2", answer("q2_reference.txt"), seconds=500)
    app = app_with_history(store)

    async def compare_two(pilot) -> None:
        await pilot.press("ctrl+r")
        await arrive(pilot, "HistoryScreen")
        await pilot.press("space", "down", "space", "ctrl+d")
        await arrive(pilot, "CompareScreen")

    assert snap_compare(app, terminal_size=size, run_before=compare_two)


@pytest.mark.parametrize("size", SIZES)
def test_charts(snap_compare, store: Store, size) -> None:
    submit_answer(store, "s001-q2", answer("q2_reference.txt"), seconds=500)
    submit_answer(store, "s001-q1", answer("q1_paraphrase.txt"), seconds=900)
    app = app_with_history(store)

    async def open_charts(pilot) -> None:
        await pilot.press("ctrl+g")
        await arrive(pilot, "ChartsScreen")

    assert snap_compare(app, terminal_size=size, run_before=open_charts)


@pytest.mark.parametrize("size", SIZES)
def test_timer_dialog(snap_compare, store: Store, size) -> None:
    async def open_timer(pilot) -> None:
        await pilot.press("ctrl+f", *"s001-q2", "enter")
        await arrive(pilot, "PracticeScreen")
        await pilot.press("ctrl+t")
        await arrive(pilot, "TimerDialog")

    assert snap_compare(make_app(store, clock=lambda: 0.0), terminal_size=size, run_before=open_timer)


@pytest.mark.parametrize("size", SIZES)
def test_rubric_test(snap_compare, graded_bank, size) -> None:
    async def open_test(pilot) -> None:
        await pilot.press("ctrl+f", *"s001-q2", "f8")
        await arrive(pilot, "RubricTestScreen")

    assert snap_compare(make_app(Store(), clock=lambda: 0.0), terminal_size=size, run_before=open_test)


@pytest.mark.parametrize("size", SIZES)
def test_editor(snap_compare, graded_bank, size) -> None:
    """The editor with one field wrong, beside the graded answers marked by the rubric as typed."""

    async def open_editor(pilot) -> None:
        await pilot.press("ctrl+f", *"s001-q2", "f6")
        await arrive(pilot, "EditorScreen")
        weight = pilot.app.screen.query_one("#kp2-weight")
        weight.value = "two"
        await pilot.pause()
        await wait_for(pilot, lambda: pilot.app.screen.checked, "the editor's check")
        await pilot.pause()

    assert snap_compare(make_app(Store(), clock=lambda: 0.0), terminal_size=size, run_before=open_editor)


@pytest.mark.parametrize("size", SIZES)
def test_grade_dialog(snap_compare, store: Store, size) -> None:
    async def open_dialog(pilot) -> None:
        await pilot.press("ctrl+r")
        await arrive(pilot, "HistoryScreen")
        await pilot.press("ctrl+e")
        await arrive(pilot, "GradeDialog")

    assert snap_compare(app_with_history(store), terminal_size=size, run_before=open_dialog)


def opened_by(key: str, screen: str):
    """What a snapshot runs first: `key` on the list, until `screen` is up."""

    async def run(pilot) -> None:
        await pilot.press(key)
        await arrive(pilot, screen)

    return run


@pytest.mark.parametrize("size", SIZES)
def test_review(snap_compare, store: Store, size) -> None:
    """Every candidate's marks at every question (F4 on the list)."""
    app = app_with_history(store)
    store.use("张三")
    submit_answer(store, "s001-q2", "一是思想认识不到位。", seconds=300)
    store.use("default")
    assert snap_compare(app, terminal_size=size, run_before=opened_by("f4", "ReviewScreen"))


@pytest.mark.parametrize("size", SIZES)
def test_import_dialog(snap_compare, store: Store, size) -> None:
    assert snap_compare(make_app(store, clock=lambda: 0.0), terminal_size=size, run_before=opened_by("f9", "ImportDialog"))


@pytest.mark.parametrize("size", SIZES)
def test_papers(snap_compare, store: Store, size) -> None:
    assert snap_compare(make_app(store, clock=lambda: 0.0), terminal_size=size, run_before=opened_by("ctrl+y", "PapersScreen"))


@pytest.mark.parametrize("size", SIZES)
def test_exam(snap_compare, store: Store, size) -> None:
    """The mock exam on its second question, the first answered, the material beside it."""

    async def sit(pilot) -> None:
        await pilot.press("ctrl+y")
        await arrive(pilot, "PapersScreen")
        await pilot.press("enter")
        await arrive(pilot, "ExamScreen")
        pilot.app.screen.query_one("#answer-0", TextArea).insert("一是行政审批效能偏低，审批要件多。")
        await pilot.press("f8")
        pilot.app.screen.query_one("#answer-1", TextArea).insert("这种现象反映出部分干部")
        await pilot.pause()
        pilot.app.screen.save()  # as the autosave does: not left to the clock
        await pilot.pause()

    assert snap_compare(make_app(store, clock=lambda: 0.0), terminal_size=size, run_before=sit)


@pytest.mark.parametrize("size", SIZES)
def test_paper_result(snap_compare, store: Store, size) -> None:
    from drill import exam

    sitting = exam.start(store, "yingshang-mock")
    sitting.answers["s003-q2"] = store.question("s003-q2").references[0]
    sitting.answers["s001-q1"] = answer("q1_paraphrase.txt")
    for qid, seconds in (("s003-q2", 1500), ("s000-q3", 600), ("s001-q1", 1200)):
        exam.tick(sitting, seconds, on=qid)
    exam.tick(sitting, 2400)
    exam.submit(store, sitting)
    store.db.execute("UPDATE paper_attempts SET created = ?", [FIXED_TIME])
    store.db.execute("UPDATE attempts SET created = ?", [FIXED_TIME])
    store.db.conn.commit()

    async def open_result(pilot) -> None:
        await pilot.press("ctrl+y")
        await arrive(pilot, "PapersScreen")
        await pilot.press("ctrl+r")
        await arrive(pilot, "PaperResultScreen")

    assert snap_compare(make_app(store, clock=lambda: 0.0), terminal_size=size, run_before=open_result)
