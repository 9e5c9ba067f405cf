"""The practice screen as a candidate meets it: drafts resume where they ended and are marked
in the list, a pause stops the writing too, a paste over the cap is cut at it, and marking
shows that it is under way without freezing the screen."""

from __future__ import annotations

import threading

from textual.widgets import Static, TextArea

from drill.store import Store
from drill.tui.app import make_app
from drill.tui.screens.home import HomeScreen, short_source
from drill.tui.screens.practice import PracticeScreen, within_cap
from drill.tui.screens.result import ResultScreen
from drill.tui.widgets.virtual_table import VirtualTable
from tests.conftest import wait_for


def status(screen) -> str:
    return str(screen.query_one("#status", Static).render())


async def open_question(pilot, question_id: str) -> PracticeScreen:
    await pilot.press(*question_id, "enter")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PracticeScreen), "practice")
    return pilot.app.screen


async def test_a_draft_resumes_with_the_cursor_at_its_end_and_the_list_shows_it(store: Store) -> None:
    store.save_draft("s001-q2", "一是思想认识不到位。\n二是放权不到位。", 30)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one("#questions", VirtualTable)
        row = table.keys.index("s001-q2")
        await wait_for(pilot, lambda: table.cells(row)[6] == "✎18字", "the draft column")
        assert table.cells(table.keys.index("s001-q1"))[6] == ""
        practice = await open_question(pilot, "s001-q2")
        editor = practice.query_one("#answer", TextArea)
        assert editor.cursor_location == (1, 8)
        await pilot.press(*"三")
        assert editor.text.endswith("二是放权不到位。三")


async def test_the_list_names_sources_briefly_and_shows_the_chosen_prompt_whole(store: Store) -> None:
    assert short_source("001_b43d7cd7380caf35.txt#实战应用/问题2") == "001·问题2"
    assert short_source("手写") == "手写"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"s001-q2")
        shown = app.screen.query_one("#selected-prompt", Static)
        prompt = store.question("s001-q2").prompt
        await wait_for(pilot, lambda: prompt in str(shown.render()), "the whole prompt under the list")


async def test_a_pause_stops_the_clock_and_the_writing(store: Store) -> None:
    app = make_app(store, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        practice = await open_question(pilot, "s001-q2")
        editor = practice.query_one("#answer", TextArea)
        await pilot.press("f4")
        assert editor.read_only and "已暂停" in status(practice)
        await pilot.press(*"一是")
        assert editor.text == ""
        await pilot.press("f4")
        await pilot.press(*"一是")
        assert editor.text == "一是" and not editor.read_only


def test_an_edit_over_the_cap_keeps_what_fits() -> None:
    assert within_cap("一二三", "一二三四五六七", 5) == ("一二三四五", 5, 2)
    assert within_cap("一二三", "一X二三", 3) == ("一二三", 1, 0)
    assert within_cap("甲乙", "甲 a b c 乙", 4) == ("甲 a b 乙", 6, 2)  # spaces do not count


async def test_a_paste_over_the_cap_is_cut_at_the_cap_with_a_notice(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        practice = await open_question(pilot, "s001-q2")  # 不超过200字
        editor = practice.query_one("#answer", TextArea)
        await pilot.press("ctrl+l")
        editor.insert("一" * 150)
        await pilot.pause()
        editor.insert("二" * 100)
        await wait_for(pilot, lambda: editor.text == "一" * 150 + "二" * 50, "the paste cut at 200 字")
        assert editor.cursor_location == (0, 200)
        said = [n.message for n in app._notifications]  # noqa: SLF001
        assert any("只写入了前 50 字" in s for s in said), said


async def test_marking_says_so_and_the_screen_stays_alive(store: Store, monkeypatch) -> None:
    from drill.practice import Submission

    release = threading.Event()
    real = Submission.mark

    def slow(self):
        release.wait(10)
        return real(self)

    monkeypatch.setattr(Submission, "mark", slow)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        practice = await open_question(pilot, "s001-q2")
        practice.query_one("#answer", TextArea).insert("一是思想认识不到位。")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "正在评分" in status(practice), "the marking notice")
        editor = practice.query_one("#answer", TextArea)
        assert editor.loading and editor.read_only
        await pilot.press("ctrl+s")  # a second press does not mark twice
        release.set()
        await wait_for(pilot, lambda: isinstance(app.screen, ResultScreen) and app.screen.query("#points"), "the result")
        await pilot.pause()
    assert len(list(store.iter_attempts())) == 1


async def test_a_paste_sent_as_keys_is_one_edit_and_nothing_is_lost(store: Store, monkeypatch) -> None:
    from textual import events

    from drill.tui.widgets.answer_area import AnswerArea

    edits: list[str] = []
    real = AnswerArea._replace_via_keyboard

    def counted(self, insert, start, end):
        edits.append(insert)
        return real(self, insert, start, end)

    monkeypatch.setattr(AnswerArea, "_replace_via_keyboard", counted)
    pasted = "一是思想认识不到位，理念比较落后。" * 60  # 1,020 characters, a key each
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        practice = await open_question(pilot, "s001-q2")
        editor = practice.query_one("#answer", TextArea)
        for character in pasted:  # as a terminal without bracketed paste sends them: all at once
            app.post_message(events.Key(character, character))
        await wait_for(pilot, lambda: editor.text == pasted, "the whole paste")
        assert len(edits) < 20, len(edits)
        await pilot.press("left", "x")  # a key of another kind keeps its place in the order
        assert editor.text == pasted[:-1] + "x" + pasted[-1]
        await pilot.press(*"ab", "escape")  # leaving at once keeps what was just typed
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the list")
    assert store.draft("s001-q2").answer == pasted[:-1] + "xab" + pasted[-1]
