"""Stories of a candidate in the app, driven with Textual's Pilot."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from click.testing import CliRunner
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from drill.tui.screens.history import FILTER_DELAY
from drill.tui.widgets.virtual_table import VirtualTable

from drill.cli import main
from drill.models import Draft
from drill.text import word_count
from drill.practice import submit_answer
from drill.report import duration
from drill.store import Store
from drill.tui.app import make_app
from drill.tui.screens.compare import CompareScreen
from drill.tui.screens.history import HistoryScreen
from drill.tui.screens.home import HomeScreen
from drill.tui.screens.practice import AUTOSAVE_SECONDS, PracticeScreen
from drill.tui.screens.profiles import ProfileScreen
from drill.tui.screens.result import ResultScreen
from drill.tui.widgets.material import MaterialView
from tests.conftest import three_attempts, BUNDLED, answer, wait_for, send_burst, submit


def still_clock() -> float:
    return 0.0


async def open_question(pilot, question_id: str) -> PracticeScreen:
    """From the home list, filter to one question and open it."""
    await pilot.press("ctrl+f", *question_id, "enter")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PracticeScreen) and screen.question_id == question_id
    return screen


async def write(pilot, text: str) -> None:
    """Type into the answer editor as an IME would commit text."""
    pilot.app.screen.query_one("#answer", TextArea).insert(text)
    await pilot.pause()


def cells(table: DataTable | VirtualTable, column: int) -> list[str]:
    """One column of a table, every row (a virtual table fetches the rows it has not drawn)."""
    if isinstance(table, VirtualTable):
        return [table.cells(i)[column] for i in range(table.row_count)]
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_a_candidate_answers_question_2_and_sees_which_points_were_missed(store: Store) -> None:
    app = make_app(store, clock=still_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        practice = await open_question(pilot, "s001-q2")
        assert "不超过200字" in str(practice.query_one("#requirements", Static).render())
        assert practice.query_one(MaterialView).paras[0] == "一、背景链接"
        await write(pilot, answer("q2_four_points.txt"))
        assert "字数 63/200" in str(practice.query_one("#status", Static).render())
        await submit(pilot)
        result = app.screen
        assert isinstance(result, ResultScreen)
        assert "得分 7/10" in str(result.query_one("#score", Static).render())
        table = result.query_one("#points", DataTable)
        assert cells(table, 0) == ["✓ 得分"] * 4 + ["✗ 未得"] * 2
        assert cells(table, 4)[4:] == ["未涉及：作答里没有相近的表述"] * 2  # why each missed point was missed
        yours = result.query_one("#yours", Static).render()
        highlighted = {yours.plain[s.start : s.end] for s in yours.spans}
        assert "思想认识不到位，理念比较落后" in highlighted
        assert "一是思想认识不够到位" in str(result.query_one("#reference", Static).render())


async def test_an_interrupted_answer_comes_back_from_the_draft(store: Store) -> None:
    ticks = iter(range(0, 1000, 7))
    app = make_app(store, clock=lambda: float(next(ticks)))
    async with app.run_test() as pilot:
        await open_question(pilot, "s001-q1")
        await write(pilot, "一是要持续推进营商环境改革。")
        # Saved while still typing (every AUTOSAVE_SECONDS): a crash now would lose nothing.
        saved = lambda: (Store().draft("s001-q1") or Draft(question="", answer="")).answer  # noqa: E731
        await wait_for(pilot, lambda: saved() == "一是要持续推进营商环境改革。", "the autosave", timeout=AUTOSAVE_SECONDS + 10)
        await write(pilot, "\n二是")
    # The app closed with the screen open: the last words are kept too.
    draft = Store().draft("s001-q1")
    assert draft.answer == "一是要持续推进营商环境改革。\n二是" and draft.seconds > 0
    again = make_app(Store(), clock=still_clock)
    async with again.run_test() as pilot:
        practice = await open_question(pilot, "s001-q1")
        assert practice.query_one("#answer", TextArea).text == draft.answer
        assert f"用时 {duration(draft.seconds)}" in str(practice.query_one("#status", Static).render())
        await submit(pilot)
        assert isinstance(again.screen, ResultScreen)
    assert Store().draft("s001-q1") is None


async def test_a_mark_coming_in_as_the_app_closes_is_still_stored(store: Store) -> None:
    # Marking runs in a thread; the app may be closing, the editor already gone, when the mark
    # arrives: the attempt is stored before anything on screen is touched.
    from drill.practice import prepare

    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        practice = await open_question(pilot, "s001-q2")
        submission = prepare(store, "s001-q2", answer("q2_four_points.txt"))
        await practice.query_one("#answer", TextArea).remove()
        practice._marked(submission, submission.mark())
        await pilot.pause()
        assert app._exception is None
    assert [row["score"] for row in Store().history_rows("s001-q2")] == [7.0]


async def test_the_attempt_is_in_history_and_opens_its_result(store: Store) -> None:
    app = make_app(store, clock=still_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_question(pilot, "s001-q2")
        await write(pilot, answer("q2_reference.txt"))
        await submit(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        history = app.screen
        assert isinstance(history, HistoryScreen)
        table = history.query_one("#attempts", VirtualTable)
        assert cells(table, 3) == ["s001-q2"] and cells(table, 5) == ["10/10"]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultScreen)
        assert "得分 10/10" in str(app.screen.query_one("#score", Static).render())
        for _ in range(4):  # back from the result, its history, …, to the list (its filter kept)
            if isinstance(app.screen, HomeScreen):
                break
            await pilot.press("escape")
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        best = cells(app.screen.query_one("#questions", VirtualTable), 4)
        assert best == ["10/10"]


async def test_the_app_and_the_cli_give_the_same_mark(store: Store) -> None:
    text = answer("q2_slips.txt") + answer("q2_countermeasures.txt")
    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        await open_question(pilot, "s001-q2")
        await write(pilot, text)
        await submit(pilot)
        shown = app.screen.attempt.mark
    printed = json.loads(CliRunner().invoke(main, ["score", "s001-q2", "-", "--json", "--no-save"], input=text).stdout)
    assert printed["score"] == shown.score
    assert [p["status"] for p in printed["points"]] == [p.status for p in shown.points]


async def test_the_list_filters_as_you_type(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        table = app.screen.query_one("#questions", VirtualTable)
        assert table.row_count == len(BUNDLED)
        await pilot.press("ctrl+f", *"自我革命")
        await pilot.pause()
        assert cells(table, 0) == ["s001-q1"]
        app.screen.query_one("#filter", Input).value = "職能"  # Traditional finds Simplified
        await pilot.pause()
        assert cells(table, 0) == ["s001-q2"]
        app.screen.query_one("#filter", Input).value = "没有这种题"
        await pilot.pause()
        assert table.row_count == 0
        assert f"0 / {len(BUNDLED)} 题" in str(app.screen.query_one("#count", Static).render())


async def test_typing_on_the_list_goes_to_the_filter(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await pilot.pause()
        table = app.screen.query_one("#questions", VirtualTable)
        assert app.focused is table
        await pilot.press("down", *"s001")
        await pilot.pause()
        assert app.screen.query_one("#filter", Input).value == "s001" and cells(table, 0) == ["s001-q1", "s001-q2"]
        assert table.cursor_key == "s001-q1"  # the row the cursor was on is gone: the first match
        await pilot.press("down", "enter")  # the arrows in the filter move the list; Enter practises
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and app.screen.question_id == "s001-q2"


async def test_an_empty_answer_is_not_submitted(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        await open_question(pilot, "s001-q2")
        await submit(pilot)
        assert isinstance(app.screen, PracticeScreen)
    assert list(store.iter_attempts()) == []


async def test_trying_again_keeps_the_old_attempt(store: Store) -> None:
    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        await open_question(pilot, "s001-q2")
        await write(pilot, "一是思想认识不到位，理念落后。")
        await submit(pilot)
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.query_one("#answer", TextArea).text == ""
        await write(pilot, answer("q2_reference.txt"))
        await submit(pilot)
    assert [a.score for a in list(store.iter_attempts())] == [10, 2]


async def test_the_word_count_turns_red_over_the_limit(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        practice = await open_question(pilot, "s001-q2")
        status = practice.query_one("#status", Static)
        await write(pilot, "字" * 185)
        assert status.has_class("near") and not status.has_class("over")
        await write(pilot, "字" * 20)
        assert status.has_class("over")


async def test_f2_moves_between_the_material_and_the_answer(store: Store) -> None:
    app = make_app(store)
    async with app.run_test() as pilot:
        practice = await open_question(pilot, "s001-q2")
        assert practice.query_one("#answer", TextArea).has_focus
        await pilot.press("f2")
        assert practice.query_one("#material-pane").has_focus
        await pilot.press("pagedown", "f2")
        assert practice.query_one("#material-pane").scroll_y > 0
        assert practice.query_one("#answer", TextArea).has_focus


async def test_a_bad_bank_file_is_shown_and_the_rest_still_works(tmp_path, monkeypatch) -> None:
    mine = tmp_path / "mine"
    (mine / "bank").mkdir(parents=True)
    (mine / "bank" / "x1.toml").write_text('id = "x1"\ntype = "归纳概括"\npoints = "ten"\nprompt = "题"\n', encoding="utf-8")
    monkeypatch.setenv("DRILL_BANK", str(mine))
    app = make_app(Store())
    async with app.run_test() as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(m.startswith(f"{mine / 'bank' / 'x1.toml'}:3: points:") for m in messages)
        assert app.screen.query_one("#questions", VirtualTable).row_count == len(BUNDLED)


async def test_two_profiles_do_not_see_each_others_history(store: Store) -> None:
    submit_answer(store, "s001-q2", answer("q2_reference.txt"))
    store.use("alice")
    app = make_app(store, clock=still_clock, choose_profile=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ProfileScreen)
        options = app.screen.query_one("#profiles", OptionList)
        assert [str(options.get_option_at_index(i).id) for i in range(options.option_count)] == ["default", "alice"]
        app.screen.query_one("#new-profile", Input).value = "bob"
        app.screen.query_one("#new-profile", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.sub_title == "用户：bob"
        assert cells(app.screen.query_one("#questions", VirtualTable), 4) == ["—"] * len(BUNDLED)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen.query_one("#attempts", VirtualTable).row_count == 0
        await pilot.press("escape", "ctrl+o")
        await pilot.pause()
        await pilot.press("home", "enter")  # the default profile, first in the list
        await pilot.pause()
        assert app.sub_title == "用户：default"
        table = app.screen.query_one("#questions", VirtualTable)
        assert dict(zip(cells(table, 0), cells(table, 4))) == {q: "10/10" if q == "s001-q2" else "—" for q in BUNDLED}
    assert list(Store(user="bob").iter_attempts()) == []


async def test_a_single_profile_goes_straight_to_the_list(store: Store) -> None:
    app = make_app(store, choose_profile=True)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_the_material_can_be_searched_and_walked_by_section(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        practice = await open_question(pilot, "s001-q2")
        view = practice.query_one(MaterialView)
        await pilot.press("ctrl+f", *"监管")
        await wait_for(pilot, lambda: view.hits and view.scroll_y > 0, "the search, once typing pauses, and its jump")
        assert len(view.hits) > 5 and view.current == 0
        shown = practice.query_one(f"#para-{view.hits[0].paragraph}", Static).virtual_region.y
        assert view.scroll_y > 0 and view.scroll_y <= shown < view.scroll_y + view.size.height
        await pilot.press("f3")
        assert view.current == 1
        painted = practice.query_one(f"#para-{view.hits[1].paragraph}", Static).render()
        assert any(painted.plain[s.start : s.end] == "监管" for s in painted.spans)
        await pilot.press("escape")
        assert not practice.has_class("finding") and practice.query_one("#answer", TextArea).has_focus
        view.scroll_home(animate=False)
        await pilot.pause()
        await pilot.press("alt+down")
        await pilot.pause()
        assert view.scroll_y > 0


async def test_the_layout_stacks_on_a_narrow_terminal(store: Store) -> None:
    for size, stacked in (((80, 24), True), ((120, 40), False)):
        app = make_app(store)
        async with app.run_test(size=size) as pilot:
            practice = await open_question(pilot, "s001-q2")
            await pilot.pause()
            assert practice.has_class("stacked") == stacked


async def test_the_clock_counts_down_pauses_and_can_be_set(store: Store) -> None:
    now = [0.0]
    app = make_app(store, clock=lambda: now[0])
    async with app.run_test() as pilot:
        practice = await open_question(pilot, "s001-q2")
        status = practice.query_one("#status", Static)
        await pilot.press("f5")
        assert "剩余 15:00" in str(status.render())
        now[0] = 60.0
        await pilot.press("f4")  # pause at one minute
        now[0] = 600.0
        practice._update_status()
        assert practice.seconds == 60 and "已暂停" in str(status.render())
        await pilot.press("f4")
        now[0] = 660.0
        assert practice.seconds == 120
        await pilot.press("ctrl+t")
        await pilot.pause()
        dialog = app.screen.query_one("#timer-minutes", Input)
        dialog.value = "1"
        await pilot.press("enter")
        await pilot.pause()
        assert practice.countdown_minutes == 1
        assert "超时 01:00" in str(status.render()) and status.has_class("late")


async def test_the_answer_on_squared_paper_and_held_to_the_limit(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        practice = await open_question(pilot, "s001-q2")
        await write(pilot, "思" * 60)
        await pilot.press("ctrl+g")
        await pilot.pause()
        paper = str(practice.query_one("#paper", Static).render())
        assert practice.query_one("#paper").display and not practice.query_one("#answer").display
        assert paper.count("思") == 60 and len(paper.strip().splitlines()) == 3
        await pilot.press("ctrl+g", "ctrl+l")
        await write(pilot, "想" * 140)
        assert word_count(practice.query_one("#answer", TextArea).text) == 200
        await write(pilot, "多")
        assert word_count(practice.query_one("#answer", TextArea).text) == 200


async def test_the_practise_next_queue_changes_after_an_attempt(store: Store) -> None:
    app = make_app(store, clock=still_clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        home = app.screen
        assert home.next_id == BUNDLED[0]  # all new: in id order
        assert [d.question for d in store.queue(limit=len(BUNDLED))] == BUNDLED
        first = BUNDLED[0]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.question_id == first
        await write(pilot, store.question(first).references[0].strip())
        await submit(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.next_id == BUNDLED[1]
        assert [d.question for d in store.queue(limit=len(BUNDLED))] == [*BUNDLED[1:], first]
        due = dict(zip(cells(app.screen.query_one("#questions", VirtualTable), 0), cells(app.screen.query_one("#questions", VirtualTable), 5)))
        # Full marks the first time: FSRS schedules it days ahead (Easy), and the list says when.
        interval = store.progress([first])[first][0].interval_days
        assert interval >= 1 and due[first] == f"{round(interval)}天后" and {due[q] for q in BUNDLED[1:]} == {"新题"}


async def test_weak_points_lead_to_their_question(store: Store) -> None:
    submit_answer(store, "s001-q2", answer("q2_four_points.txt"))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+b")
        await pilot.pause()
        table = app.screen.query_one("#weak", DataTable)
        assert cells(table, 1) == ["p5", "p6"]
        # Under the list, where the material states the point under the cursor.
        source = lambda: str(app.screen.query_one("#weak-source", Static).render())  # noqa: E731
        await wait_for(pilot, lambda: "电子政务服务平台不够健全和运行低效" in source(), "p5's place")
        assert source() == "材料出处：二、深度解读 › ★政府职能转变 › （二）存在问题：「电子政务服务平台不够健全和运行低效」"
        await pilot.press("down")
        await wait_for(pilot, lambda: "“放管服”协同性不够高" in source(), "p6's place")
        await pilot.press("up")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and app.screen.question_id == "s001-q2"


async def test_history_filters_and_compares_two_attempts(store: Store) -> None:
    three_attempts(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        history = app.screen
        table = history.query_one("#attempts", VirtualTable)
        month = list(store.iter_attempts())[0].created[:7]
        summary = lambda: str(history.query_one("#history-summary", Static).render())  # noqa: E731
        history.query_one("#history-filter", Input).value = f"{month} 寫作"  # a month and a 题型 not attempted, in Traditional
        await wait_for(pilot, lambda: "0 / 3 次作答" in summary(), f"the filter, {FILTER_DELAY} s after the last key")
        assert cells(table, 3) == []
        history.query_one("#history-filter", Input).value = f"{month} 归纳"
        await wait_for(pilot, lambda: "2 / 3 次作答" in summary(), "the filter")
        assert cells(table, 3) == ["s001-q2", "s001-q2"]
        table.focus()
        await pilot.press("space", "down", "space", "ctrl+d")
        await pilot.pause()
        compare = app.screen
        assert isinstance(compare, CompareScreen)
        assert (compare.older.score, compare.newer.score) == (3.5, 10)
        assert "分数变化 +6.5" in str(compare.query_one("#compare-title", Static).render())


async def test_selecting_a_point_scrolls_the_answer_to_its_words(store: Store) -> None:
    filler = "".join(f"{i}、这是一段没有得分的铺垫文字，用来把答案拉长。\n" for i in range(40))
    _, attempt = submit_answer(store, "s001-q2", filler + "最后，电子政务服务平台不够健全，运行低效。")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ResultScreen(attempt.id))
        await pilot.pause()
        result = app.screen
        pane = result.query_one("#yours-pane")
        assert pane.scroll_y == 0
        table = result.query_one("#points", DataTable)
        table.move_cursor(row=4)  # p5, the point stated at the very end
        await wait_for(pilot, lambda: pane.scroll_y == pane.max_scroll_y > 0, "the words at the very end scrolled to")
        shown = result.query_one("#yours", Static).render()
        marked = [shown.plain[s.start : s.end] for s in shown.spans if "rgb(255,213,79)" in str(s.style)]
        assert marked == ["电子政务服务平台不够健全，运行低效"]


async def test_charts_show_marks_over_time(store: Store) -> None:
    submit_answer(store, "s001-q2", answer("q2_slips.txt"))
    submit_answer(store, "s001-q2", answer("q2_reference.txt"))
    submit_answer(store, "s001-q1", answer("q1_paraphrase.txt"))
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+g")
        await pilot.pause()
        charts = app.screen
        assert charts.series == {"s001-q1": [(3, 60.0)], "s001-q2": [(1, 35.0), (2, 100.0)]}
        await pilot.press("t")
        await pilot.pause()
        assert set(charts.series) == {"归纳概括", "提出对策"}


async def test_every_action_of_the_screen_is_in_the_command_palette(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_question(pilot, "s001-q2")
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"提交", "返回", "查找", "暂停", "倒计时", "稿纸", "设定时间", "下一节", "退出", "帮助"} <= titles
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "倒计时")
        await command.callback()
        assert app.screen.countdown_minutes == 15


async def test_history_shows_the_original_mark_and_the_new_one(store: Store) -> None:
    submit_answer(store, "s001-q2", answer("q2_four_points.txt"))
    store.db.execute("UPDATE attempts SET rescored_score = 8.5")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert cells(app.screen.query_one("#attempts", VirtualTable), 5) == ["7/10→8.5"]


async def test_the_marker_s_tables_are_read_as_a_question_opens(store: Store) -> None:
    """While the candidate writes, so that the first answer submitted is marked as quickly as
    the next (0.13 s of tables); not before the first screen."""
    from drill.marker import sound, thesaurus

    sound._sound_array.cache_clear()
    thesaurus._table.cache_clear()
    def read() -> bool:
        return sound._sound_array.cache_info().currsize == 1 and thesaurus._table.cache_info().currsize == 2

    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        assert not read()
        await open_question(pilot, "s001-q2")
        for _ in range(200):  # the worker starts once the screen is drawn
            await pilot.pause()
            await app.workers.wait_for_complete()
            if read():
                break
        assert read()


async def test_the_countdown_warns_before_time_runs_out(store: Store) -> None:
    now = [0.0]
    app = make_app(store, clock=lambda: now[0])
    async with app.run_test() as pilot:
        practice = await open_question(pilot, "s001-q2")
        practice.countdown_minutes = 6
        now[0] = 61.0  # 4:59 left
        practice._update_status()
        now[0] = 305.0  # 0:55 left
        practice._update_status()
        practice._update_status()  # each warning once
        await pilot.pause()
        warnings = [n.message for n in app._notifications if n.title == "时间"]
        assert warnings == ["还剩 5 分钟", "还剩 1 分钟"]


async def test_an_instructor_tests_a_rubric_and_adds_a_suggested_synonym(graded_bank: Path) -> None:
    from drill import paths
    from drill.tui.screens.rubric_test import RubricTestScreen

    mine = graded_bank
    bundled = (paths.bundled_root() / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8")
    app = make_app(Store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f", *"s001-q2", "f8")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RubricTestScreen)
        figures = str(screen.query_one("#rubric-figures", Static).render())
        assert "2 份人工评分" in figures and "平均误差 0.38" in figures  # p5 half-credited by its second clause
        assert cells(screen.query_one("#graded", DataTable), 0) == ["p5", "ref"]  # the disagreement first
        assert [(s.point, s.phrase) for s in screen.suggestions] == [("p5", "网上办事系统建设各自为政，运行效率低")]
        await pilot.press("a")
        await pilot.pause()
        assert "平均误差 0.00" in str(screen.query_one("#rubric-figures", Static).render())
        assert screen.suggestions == []
    written = (mine / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8")
    assert '    "网上办事系统建设各自为政，运行效率低",\n' in written
    assert (mine / "bank" / "s001-q2.toml").is_file()
    assert (paths.bundled_root() / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8") == bundled


async def test_a_graded_line_that_cannot_be_compared_is_named_not_passed_over(graded_bank: Path) -> None:
    """The instructor's hand-edited graded file with a broken line: the figures say so and
    which line; with no line left to compare, no figures (0.00 would read as full agreement)."""
    graded = graded_bank / "rubrics" / "s001-q2.graded.jsonl"
    graded.write_text(graded.read_text(encoding="utf-8") + '{"id": "x", "answer": "一是", "human": 99}\n', encoding="utf-8")
    app = make_app(Store())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+f", *"s001-q2", "f8")
        await pilot.pause()
        figures = app.screen.query_one("#rubric-figures", Static)
        assert "2 份人工评分" in str(figures.render())
        assert "1 行无法评分（s001-q2.graded.jsonl: 第 3 行：human：99 超过了这道题的 10 分）" in str(figures.render())
        graded.write_text("not json\n", encoding="utf-8")
        await pilot.press("r")
        await pilot.pause()
        shown = str(figures.render())
        assert shown.startswith("s001-q2：没有一份人工评分能比较 · 1 行无法评分") and "平均误差" not in shown


async def test_enter_in_the_filter_before_the_texts_come_opens_what_was_asked_for(store: Store) -> None:
    # On a first run the texts to filter by come from a thread: Enter before them used to open
    # the row under the cursor of the unfiltered list (s000-q1 for s004-q1).
    from drill.catalog import QuestionSearch

    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        home = app.screen
        await app.workers.wait_for_complete()  # the texts of this run are in: take them away again
        texts = list(store.search_texts())
        home.search = QuestionSearch([qid for qid, _ in texts])  # as on a first run: ids, no texts yet
        await pilot.press("ctrl+f", *"s004-q1", "enter")
        await pilot.pause()
        assert app.screen is home and "正在准备筛选" in str(home.query_one("#count", Static).render())
        home._texts_read(home.bank_version, texts)
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and app.screen.question_id == "s004-q1"


# A question's id and Enter, as tmux sends `C-f s003-q2 Enter` (or a paste): in one burst.
ID_AND_ENTER = pytest.mark.parametrize(
    "burst", [["ctrl+f", *"s003-q2", "enter"], [*"s003-q2", "enter"]], ids=["ctrl+f first", "typed on the list"],
)


@ID_AND_ENTER
@pytest.mark.parametrize("after", ["", "一是营商环境。"], ids=["nothing after", "the answer after"])
async def test_a_question_id_and_enter_in_one_burst_open_that_question(store: Store, burst: list[str], after: str) -> None:
    # The keys were still queued where the focus was when Enter, a priority binding, reached
    # the app, and it opened the row under the cursor of the list not yet filtered (s000-q1);
    # characters that reached the list after the box took the focus were lost. And characters
    # after Enter (`C-f s003-q2 Enter 一是营商环境。`) reached the filter before the question
    # opened, so it filtered out everything and opened nothing: they are the answer's.
    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        home = app.screen
        send_burst(app, [*burst, *after])
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), "the question opened")
        practice = app.screen
        # (the answer has the focus once the screen is mounted, and then what was typed ahead)
        await wait_for(pilot, lambda: any(box.has_focus for box in practice.query("#answer")), "the answer box")
        assert practice.question_id == "s003-q2" and practice.query_one("#answer", TextArea).text == after
        assert home.query_one("#filter", Input).value == "s003-q2"


@ID_AND_ENTER
async def test_keys_read_after_the_question_was_asked_for_begin_its_answer(store: Store, burst: list[str]) -> None:
    # tmux's `C-f s003-q2 Enter 一是营商环境。` now and then reaches the app in two reads, and a
    # typist can be quicker than the screen opens: the keys that came once the list had asked
    # for the question (here: posted as it asked) went to the list's filter (营商环境。 there),
    # and the answer began without them.
    from drill.tui.navigation import OpenPractice

    after, sent = "一是营商环境。", []

    def as_asked(message) -> None:
        if isinstance(message, OpenPractice) and not sent:  # (posted again as it bubbles to the app)
            sent.append(message)
            send_burst(app, after)

    app = make_app(store, clock=still_clock)
    async with app.run_test(message_hook=as_asked) as pilot:
        await app.workers.wait_for_complete()
        home = app.screen
        send_burst(app, burst)
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), "the question opened")
        practice = app.screen
        await wait_for(pilot, lambda: practice.query_one("#answer", TextArea).text == after, "the answer typed")
        assert practice.question_id == "s003-q2" and home.query_one("#filter", Input).value == "s003-q2"


async def test_an_id_enter_and_the_answer_typed_in_the_filter_in_one_burst_open_that_question(store: Store) -> None:
    # With the filter focused (Esc back from a result leaves it so), `s004-q1 Enter 政策` in one
    # burst: Input's Enter binding submitted once Enter had come back up to the app, after 政策
    # was typed into the filter too, so it filtered out everything and opened nothing.
    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        home = app.screen
        await pilot.press("ctrl+f")
        await wait_for(pilot, lambda: home.focused is home.query_one("#filter", Input), "the filter focused")
        send_burst(app, [*"s004-q1", "enter", *"政策"])
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), "the question opened")
        practice = app.screen
        await wait_for(pilot, lambda: practice.query_one("#answer", TextArea).text == "政策", "the answer typed")
        assert practice.question_id == "s004-q1" and home.query_one("#filter", Input).value == "s004-q1"


@pytest.mark.parametrize("gone, said", [
    (("OpenPractice", "s009-q9"), "s009-q9"), (("OpenEditor", "s009-q9"), "s009-q9"),
    (("OpenResult", 99999), "99999"), (("OpenExam", "no-such-paper"), "no-such-paper"),
], ids=["practice", "editor", "result", "exam"])
async def test_opening_what_the_bank_no_longer_holds_says_so_and_stays_on_the_list(store: Store, gone, said: str) -> None:
    # Another drill (or `drill import`) rebuilt the shared bank without a question or paper
    # a list still shows, or the queue still names: opening it raised in the screen's
    # compose (UnknownQuestion, DrillError, None.mark), a traceback that closed the app.
    from drill.tui import navigation as go

    kind, key = gone
    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        home = app.screen
        app.post_message(getattr(go, kind)(key))
        await wait_for(pilot, lambda: any(said in n.message for n in app._notifications), "the error said")
        assert app.screen is home and app.is_running
        await pilot.press(*"s003-q2", "enter")  # and the keys typed next are not held for it
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), "the next question opened")


async def test_the_last_keys_typed_before_ctrl_s_in_one_burst_are_submitted(store: Store) -> None:
    # As tmux sends `一是审批 C-s` (or a candidate types on while the app is busy a moment): Ctrl+S,
    # a priority binding, submitted before the characters queued in the editor were in; the
    # answer went without them (here: said it was empty).
    from textual import events

    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        practice = await open_question(pilot, "s001-q2")
        await write(pilot, "一是思想认识不到位。")
        for key in [*"二是放权不到位", "ctrl+s"]:
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ResultScreen", "the result", timeout=30)
        assert practice.answer == "一是思想认识不到位。二是放权不到位"
        assert app.screen.attempt.answer == "一是思想认识不到位。二是放权不到位"
        await pilot.pause()


async def test_enter_right_after_fast_typing_opens_what_was_typed(store: Store) -> None:
    # Keys arriving together (a fast typist, a paste, a terminal multiplexer): Enter, a
    # priority binding, was taken before the box had the keys typed before it.
    from textual import events

    app = make_app(store, clock=still_clock)
    async with app.run_test() as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+f")
        home = app.screen
        opened: list[str] = []
        home._open = lambda question_id, typed="": opened.append(question_id)  # the question it opens (opening it is tested above)
        box = home.query_one("#filter", Input)
        for key in "s004-q1":  # in the box's queue, not yet handled ...
            box.post_message(events.Key(key, key))
        app.post_message(events.Key("enter", "\r"))  # ... when Enter comes to the app
        await wait_for(pilot, lambda: opened, "a question opened")
        assert opened == ["s004-q1"]


async def test_f4_on_the_list_shows_every_candidates_marks(store: Store) -> None:
    """For an instructor: each candidate's marks at each question, as `drill review` prints them."""
    from drill.tui.screens.review import ReviewScreen

    submit_answer(store, "s001-q2", answer("q2_four_points.txt"))
    store.use("张三")
    submit_answer(store, "s001-q2", "一是思想认识不到位。")
    submit_answer(store, "s001-q1", "一是要压实旗县区优化营商环境责任。")
    store.use("default")
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f4")
        await wait_for(pilot, lambda: isinstance(app.screen, ReviewScreen), "the candidates")
        table = app.screen.query_one("#review", DataTable)
        await wait_for(pilot, lambda: table.row_count == 3, "a row per candidate and question")
        assert [(str(r[0]), str(r[1])) for r in (table.get_row_at(i) for i in range(3))] == [("default", "s001-q2"), ("张三", "s001-q1"), ("张三", "s001-q2")]
        assert str(table.get_row_at(0)[2]) == "1次" and str(table.get_row_at(0)[3]) == "70%"
        assert "p5 电子政务服务平台不够健全" in str(table.get_row_at(0)[6])  # the points it missed, named
        assert "2 位考生，3 组" in str(app.screen.query_one("#review-summary", Static).render())
        # Enter on a candidate's row: their attempts, as that candidate (said, and Ctrl+O goes back).
        table.move_cursor(row=1)
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "HistoryScreen" and store.user == "张三", "张三's history")
        assert app.sub_title == "用户：张三" and app.screen.total == 2
        assert any("现在是考生 张三" in str(n.message) for n in app._notifications)
