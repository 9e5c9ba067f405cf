"""Benchmark: how long each screen takes to open on the bundled bank (target < 100 ms).

Runs the real app headless (Textual's `run_test`, 120×40) with 50 attempts of history and
opens every screen several times, timing `push_screen` until the screen has composed and
mounted; the editor also with Python's default garbage collection, beside drill's. Beside
it, measured in the same run: the store queries those screens make, without widgets, and an
empty key press through the same app (the framework's own floor).
Run: `python bench/bench_screens.py`.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import tempfile
import time
from pathlib import Path

from drill.practice import submit_answer
from drill.store import Store
from drill.tui.app import make_app
from drill.tui.collection import YOUNGEST
from drill.tui.screens.charts import ChartsScreen
from drill.tui.screens.editor import EditorScreen
from drill.tui.screens.history import HistoryScreen
from drill.tui.screens.practice import PracticeScreen
from drill.tui.screens.result import ResultScreen
from drill.tui.screens.review import ReviewScreen
from drill.tui.screens.weak import WeakPointsScreen

ANSWERS = sorted((Path(__file__).resolve().parent.parent / "tests" / "data" / "answers").glob("q2_*.txt"))
ROUNDS = 15


async def measure() -> None:
    store = Store()
    for i in range(50):
        submit_answer(store, "s001-q2", ANSWERS[i % len(ANSWERS)].read_text(encoding="utf-8"), seconds=60 + i)
    app = make_app(store)
    screens = {
        "charts": ChartsScreen,
        "practice": lambda: PracticeScreen("s001-q2"),
        "result": lambda: ResultScreen(3),
        "history": HistoryScreen,
        "weak points": WeakPointsScreen,
        "candidates (review)": ReviewScreen,
        "editor": lambda: EditorScreen("s001-q2"),
        # The same, collecting garbage as Python does by default (`drill.tui.collection`).
        "editor (default gc)": lambda: EditorScreen("s001-q2"),
    }
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        floor = []
        for _ in range(ROUNDS):
            start = time.perf_counter()
            await pilot.press("f12")
            floor.append((time.perf_counter() - start) * 1000)
        for name, make in screens.items():
            gc.set_threshold(700 if "default gc" in name else YOUNGEST, *gc.get_threshold()[1:])
            times = []
            for _ in range(ROUNDS):
                gc.collect()  # time the screen, not a collection that earlier screens left due
                start = time.perf_counter()
                await app.push_screen(make())
                times.append((time.perf_counter() - start) * 1000)
                app.pop_screen()
                await pilot.pause()
            print(f"open {name:<20} median {statistics.median(times):6.1f} ms  (max {max(times):6.1f} ms)")
    start = time.perf_counter()
    for _ in range(ROUNDS):
        store.questions(), list(store.iter_attempts()), store.progress(), store.material("001_b43d7cd7380caf35")
    queries = (time.perf_counter() - start) * 1000 / ROUNDS
    print(f"baselines: the store queries behind them {queries:.1f} ms; an unbound key press {statistics.median(floor):.1f} ms")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        os.environ["DRILL_HOME"] = home
        asyncio.run(measure())


if __name__ == "__main__":
    main()
