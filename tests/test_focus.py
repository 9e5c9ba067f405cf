"""One focus model on every list: typing and Backspace reach the box above it, the arrows in
the box move the list, Esc clears the box, then leaves it."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from drill.store import Store
from drill.tui.app import make_app
from drill.tui.screens.history import HistoryScreen
from drill.tui.screens.home import HomeScreen
from drill.tui.screens.practice import PracticeScreen
from drill.tui.screens.profiles import ProfileScreen
from drill.tui.widgets.virtual_table import VirtualTable
from tests.conftest import three_attempts, wait_for


async def test_the_question_list_filter_takes_typing_and_backspace_after_coming_back(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        home = app.screen
        box, table = home.query_one("#filter", Input), home.query_one("#questions", VirtualTable)
        await pilot.press(*"s003-q4")
        assert box.value == "s003-q4" and app.focused is box
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), "practice")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "back on the list")
        table.focus()
        await pilot.pause()
        # Backspace on the list edits the filter it shows, rather than doing nothing.
        await pilot.press(*["backspace"] * 7, *"s001-q2")
        assert box.value == "s001-q2"
        await wait_for(pilot, lambda: table.cursor_key == "s001-q2", "the filtered list")
        # Esc clears the filter, a second Esc gives the list its focus back.
        await pilot.press("escape")
        assert box.value == "" and app.focused is box
        await pilot.press("escape")
        assert app.focused is table


async def test_history_filter_takes_typing_and_moves_the_list(store: Store) -> None:
    three_attempts(store)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), "history")
        history = app.screen
        box, table = history.query_one("#history-filter", Input), history.query_one("#attempts", VirtualTable)
        summary = lambda: str(history.query_one("#history-summary", Static).render())  # noqa: E731
        assert app.focused is table
        await pilot.press(*"s001-q2")
        assert box.value == "s001-q2" and app.focused is box
        await wait_for(pilot, lambda: "2 / 3 次作答" in summary(), "the filter")
        first = table.cursor_key
        await pilot.press("down")
        assert app.focused is box and table.cursor_key != first
        await pilot.press("escape")  # clears
        assert box.value == "" and isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")  # to the list
        assert app.focused is table
        await pilot.press("escape")  # leaves
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "back on the list")


async def test_typing_on_the_profile_chooser_writes_the_new_name(store: Store) -> None:
    store.use("小王")
    store.use("default")
    app = make_app(store, choose_profile=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ProfileScreen), "the chooser")
        options = app.screen.query_one("#profiles", OptionList)
        assert app.focused is options
        await pilot.press(*"lisi")
        box = app.screen.query_one("#new-profile", Input)
        assert box.value == "lisi" and app.focused is box
        before = options.highlighted
        await pilot.press("up")
        assert options.highlighted != before and app.focused is box
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the list as the new user")
        assert store.user == "lisi"
