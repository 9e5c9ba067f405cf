"""The app owns navigation: going back and forth never grows the screen stack."""

from __future__ import annotations

from drill.practice import submit_answer
from drill.store import Store
from drill.tui.app import make_app
from drill.tui.screens.history import HistoryScreen
from drill.tui.screens.home import HomeScreen
from drill.tui.screens.practice import PracticeScreen
from drill.tui.screens.profiles import ProfileScreen
from drill.tui.screens.result import ResultScreen
from tests.conftest import answer, wait_for, submit


def names(app) -> list[str]:
    """The screen stack by class name, bottom first."""
    return [type(screen).__name__ for screen in app.screen_stack]


async def settle(pilot, app, kind: type) -> None:
    """Wait until the screen on top is of `kind` (a navigation message takes a hop through the app)."""
    await wait_for(pilot, lambda: isinstance(app.screen, kind), f"{kind.__name__} on top")


async def test_switching_profile_twice_goes_back_to_the_one_list(store: Store) -> None:
    store.use("alice")
    app = make_app(store, clock=lambda: 0.0, choose_profile=True)
    async with app.run_test() as pilot:
        await settle(pilot, app, ProfileScreen)
        await pilot.press("enter")  # alice, highlighted as the current profile
        await settle(pilot, app, HomeScreen)
        for name in ("default", "alice"):
            await pilot.press("ctrl+o")
            await settle(pilot, app, ProfileScreen)
            app.screen.choose(name)
            await settle(pilot, app, HomeScreen)
            assert app.sub_title == f"用户：{name}"
            assert names(app) == ["Screen", "HomeScreen"]


async def test_history_and_results_take_turns_without_piling_up(store: Store) -> None:
    first, _ = submit_answer(store, "s001-q2", answer("q2_reference.txt"))
    submit_answer(store, "s001-q2", answer("q2_four_points.txt"))
    app = make_app(store, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app, HomeScreen)
        await pilot.press("ctrl+r")
        await settle(pilot, app, HistoryScreen)
        for _ in range(2):
            await pilot.press("enter")
            await settle(pilot, app, ResultScreen)
            await pilot.press("ctrl+r")
            await settle(pilot, app, HistoryScreen)
            assert names(app) == ["Screen", "HomeScreen", "HistoryScreen"]


async def test_a_result_opened_again_from_history_is_the_one_already_open(store: Store) -> None:
    app = make_app(store, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot, app, HomeScreen)
        await pilot.press("ctrl+f", *"s001-q2", "enter")
        await settle(pilot, app, PracticeScreen)
        app.screen.query_one("#answer").insert(answer("q2_reference.txt"))
        await pilot.pause()
        await submit(pilot)  # the result takes the practice screen's place
        await settle(pilot, app, ResultScreen)
        assert names(app) == ["Screen", "HomeScreen", "ResultScreen"]
        await pilot.press("ctrl+r")
        await settle(pilot, app, HistoryScreen)
        await pilot.press("enter")  # the newest attempt: the result below
        await settle(pilot, app, ResultScreen)
        assert names(app) == ["Screen", "HomeScreen", "ResultScreen"]
        await pilot.press("ctrl+t")  # practise again, in the result's place
        await settle(pilot, app, PracticeScreen)
        assert names(app) == ["Screen", "HomeScreen", "PracticeScreen"]
