"""Benchmark: drill with a bank of 100,000 questions and 1,000,000 attempts.

Generates the data once into DIR (see `scale_data.py`; about three minutes, 3 GB), then:

1. Cold start, the real program in a pseudo-terminal (120×40): the time from starting
   `drill --user default` until the list's status line ("… 题 · Enter 练习") is on screen,
   on the bundled bank and on the large one; median of 5. Baseline in the same run: a
   Textual app that shows one line, started the same way.
   Typing into the list's filter there: from each key until the new count is drawn.
   Baselines: the same on the bundled bank, and a bare Textual app echoing keys into an input.
2. Opening history, charts and weak points in that terminal: from the key (Ctrl+R, Ctrl+G,
   Ctrl+B) until the screen's summary line is drawn, for the profile holding 500,000
   attempts. Baseline: the same on the bundled bank with 50 attempts.
3. Memory: the peak resident size (VmHWM) of the process after the list, a filter, the
   history, the charts and the weak points have been opened through the keyboard.
4. Filtering as you type (in-process, headless): setting the filter box to each longer prefix
   of a query and letting the app handle it (message, search, redraw), and drill's own part
   of it alone. Baselines: the same search as a plain SQLite `instr` query over the same
   text, and an app pause with nothing to do.
5. The history filtered by month and by 题型, after the pause in typing it waits for.
   Baseline: counting the profile's attempts and reading a page of them in plain SQLite.
6. A sync of the 200,000 bank files when nothing changed, and after one rubric changed.
   Baseline: listing and stat-ing them.

Run: `python bench/bench_scale.py [DIR]` (DIR defaults to /tmp/drill-scale).
"""

from __future__ import annotations

import asyncio
import codecs
import gc
import os
import re
import select
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_data import prepare  # noqa: E402

QUESTIONS, ATTEMPTS = 100_000, 1_000_000
ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[PX^_][^\x1b]*\x1b\\|.)")
DRILL = str(Path(sys.executable).with_name("drill"))
HELLO = "from textual.app import App\nfrom textual.widgets import Static\nclass A(App):\n    def compose(self):\n        yield Static('ready 就绪')\nA().run()\n"


ECHO = (
    "from textual.app import App\nfrom textual.widgets import Input, Static\nclass A(App):\n    def compose(self):\n"
    "        yield Input()\n        yield Static('ready 就绪', id='s')\n    def on_input_changed(self, event):\n"
    "        self.query_one('#s', Static).update(f'count {len(event.value)} 个')\nA().run()\n"
)


class Terminal:
    """A program running in a pseudo-terminal of 120×40, its screen output read as text."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import fcntl
        import struct
        import termios

        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)  # Textual draws on stderr
        os.close(slave)
        self.text = ""
        # A frame can be cut inside a character: decode across reads, so no marker is lost.
        self.decoder = codecs.getincrementaldecoder("utf-8")("ignore")

    def press(self, key: str, marker: str) -> float:
        """Seconds from sending `key` until `marker` is drawn after it."""
        self._drain(0.3)
        self.text, self.started = "", time.perf_counter()
        os.write(self.master, key.encode())
        return self.wait_for(marker)

    def wait_for(self, marker: str, timeout: float = 60) -> float:
        """Seconds from the start (or the last key pressed) until `marker` is on screen."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.master, 1 << 16)
                except OSError:
                    break
                self.text += ANSI.sub("", self.decoder.decode(chunk))
                if marker in self.text:
                    return time.perf_counter() - self.started
        raise RuntimeError(f"{marker!r} did not appear; screen so far: {self.text[-500:]!r}")

    def keys(self, data: str, settle: float = 1.0) -> None:
        """Type `data` a key at a time, reading the screen meanwhile."""
        for key in data:
            os.write(self.master, key.encode())
            self._drain(0.15)
        self._drain(settle)

    def _drain(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.text += ANSI.sub("", self.decoder.decode(os.read(self.master, 1 << 16)))
                except OSError:
                    return

    def peak_memory_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024

    def close(self) -> None:
        os.write(self.master, b"\x11")  # Ctrl+Q
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self.master)


def cold_starts(env: dict[str, str], runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        terminal = Terminal([DRILL, "--user", "default"], env)
        times.append(terminal.wait_for("Enter 练习"))
        terminal.close()
    return times


def baseline_starts(runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        terminal = Terminal([sys.executable, "-c", HELLO], dict(os.environ))
        times.append(terminal.wait_for("ready 就绪"))
        terminal.close()
    return times


KEYS = {"history": ("\x12", "次作答 · Enter"), "charts": ("\x07", "成绩走势（"), "weak points": ("\x02", "最常失分的采分点")}


def screen_times(env: dict[str, str], rounds: int = 7) -> dict[str, list[float]]:
    """Milliseconds from the key that opens each screen until its summary line is drawn, in the
    real program; Esc goes back to the list between presses."""
    terminal = Terminal([DRILL, "--user", "default"], env)
    terminal.wait_for("Enter 练习")
    times: dict[str, list[float]] = {}
    for name, (key, marker) in KEYS.items():
        for _ in range(rounds):
            times.setdefault(name, []).append(terminal.press(key, marker) * 1000)
            terminal.press("\x1b", "Enter 练习")
    terminal.close()
    return times


def key_times(env: dict[str, str], directory: Path, query: str) -> list[float]:
    """Milliseconds from typing each key of `query` into the list's filter until the list's
    count line shows the new number of questions, in the real program."""
    import sqlite3

    from drill.catalog import QuestionSearch
    from drill.store.database import haystack

    conn = sqlite3.connect(directory / "drill.db")
    rows = conn.execute("SELECT id, type, source, tags, prompt FROM questions ORDER BY id")
    search = QuestionSearch([], [(r[0], haystack(r[0], r[1], r[2], __import__("json").loads(r[3]), r[4])) for r in rows])
    conn.close()
    total = len(search.ids)
    terminal = Terminal([DRILL, "--user", "default"], env)
    terminal.wait_for("Enter 练习")
    terminal.keys("", settle=2.0)  # the search texts arrive from their thread
    terminal.press("/", "筛选")
    terminal.keys("", settle=1.0)  # the focus moved: let the footer and the box redraw first
    times = []
    for end in range(1, len(query) + 1):
        found = len(search.find(query[:end]))
        marker = f"{found} / {total} 题" if found != total else f"{total} 题 ·"
        times.append(terminal.press(query[end - 1], marker) * 1000)
    terminal.close()
    return times


def echo_times(text: str = "营商环境根据材料") -> list[float]:
    """The framework's floor: a bare Textual app that shows the length of what is typed into
    an input; milliseconds from each key until the new length is drawn."""
    terminal = Terminal([sys.executable, "-c", ECHO], dict(os.environ))
    terminal.wait_for("ready 就绪")
    terminal.keys("", settle=1.0)
    times = [terminal.press(ch, f"count {i} 个") * 1000 for i, ch in enumerate(text, start=1)]
    terminal.close()
    return times


def start_and_memory(directory: Path, root: Path) -> None:
    big = dict(os.environ, DRILL_HOME=str(directory), DRILL_BANK=str(root))
    with tempfile.TemporaryDirectory() as home:
        small = dict(os.environ, DRILL_HOME=home)
        subprocess.run([DRILL, "list"], env=small, capture_output=True, check=True)  # the database exists, as after a first run
        bundled = cold_starts(small)
        for i in range(50):
            subprocess.run([DRILL, "score", "s001-q2", "-"], input="一是监管不到位。二是服务意识不强。", text=True, env=small, capture_output=True, check=True)
        small_screens = screen_times(small)
        small_keys = key_times(small, Path(home), "营商环境") + key_times(small, Path(home), "根据材料")
    large = cold_starts(big)
    large_screens = screen_times(big)
    floor = baseline_starts()
    print(f"cold start, bundled bank (17 questions): median {statistics.median(bundled):.2f} s (max {max(bundled):.2f}); target ≤ 1 s")
    print(f"cold start, {QUESTIONS:,} questions / {ATTEMPTS:,} attempts: median {statistics.median(large):.2f} s (max {max(large):.2f}); target ≤ 1.5 s")
    print(f"  baseline: a Textual app showing one line: median {statistics.median(floor):.2f} s")
    for name, times in large_screens.items():
        print(f"open {name} by its key, until drawn, 500,000 attempts of this profile: median {statistics.median(times):.0f} ms (max {max(times):.0f});"
              f" baseline, the same on the bundled bank with 50 attempts: {statistics.median(small_screens[name]):.0f} ms; target ≤ 200 ms")
    for query in ("第123题", "g0012"):
        typed = key_times(big, directory, query)
        print(f"filter '{query}' typed in the real terminal, key → new count drawn: {' '.join(f'{t:.0f}' for t in typed)} ms; target ≤ 50 ms")
    print(f"  baseline: the same on the bundled bank ('营商环境', '根据材料'): {' '.join(f'{t:.0f}' for t in small_keys)} ms;"
          f" a bare Textual input: {' '.join(f'{t:.0f}' for t in echo_times())} ms")
    terminal = Terminal([DRILL, "--user", "default"], big)
    terminal.wait_for("Enter 练习")
    terminal.keys("", settle=2.0)  # the search texts arrive from their thread
    after_start = terminal.peak_memory_mb()
    terminal.keys("/乡村", settle=1.0)
    terminal.keys("\x1b\x12", settle=2.0)  # Esc, Ctrl+R: history
    terminal.keys("\x1b\x07", settle=2.0)  # Esc, Ctrl+G: charts
    terminal.keys("\x1b\x02", settle=2.0)  # Esc, Ctrl+B: weak points
    peak = terminal.peak_memory_mb()
    opened = all(marker in terminal.text for marker in ("3360 /", "500000 / 500000 次作答", "成绩走势", "最常失分"))
    terminal.close()
    print(f"memory (peak resident): {after_start:.0f} MB after the list; {peak:.0f} MB after filter, history, charts, weak points"
          f" (all shown: {opened}); target ≤ 300 MB")


async def in_process(directory: Path, root: Path) -> None:
    from textual.widgets import Input

    from drill import paths
    from drill.store.bank_sync import bank_files
    from drill.store import Store
    from drill.tui.app import make_app
    from drill.tui.screens.history import FILTER_DELAY, HistoryScreen

    os.environ["DRILL_HOME"], os.environ["DRILL_BANK"] = str(directory), str(root)
    roots = paths.bank_roots()
    started = time.perf_counter()
    store = Store(roots=roots)
    synced = time.perf_counter() - started
    started = time.perf_counter()
    files = bank_files(roots)
    listed = time.perf_counter() - started
    rubric = next((root / "rubrics").glob("g000042-*.toml"))
    original = rubric.read_text(encoding="utf-8")
    rubric.write_text(original.replace("partial_credit = 0.5", "partial_credit = 0.6"), encoding="utf-8")
    started = time.perf_counter()
    store.sync_bank()
    one = time.perf_counter() - started
    assert store.rubric(rubric.stem)[0].partial_credit == 0.6
    rubric.write_text(original, encoding="utf-8")
    store.sync_bank()
    print(f"sync of {len(files):,} bank files, nothing changed: {synced:.2f} s; one rubric changed: {one:.2f} s"
          f" (target ≤ 2 s at 10,000 files, see bench_bank.py); baseline, listing and stat-ing them: {listed:.2f} s")
    store.close()
    store = Store(roots=roots, sync=False)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the search texts, read in a thread after the first paint
        await pilot.pause()
        home = app.screen
        table = home.query_one("#questions")
        box = home.query_one("#filter", Input)
        floor = []
        for _ in range(10):
            start = time.perf_counter()
            await pilot.pause()
            floor.append((time.perf_counter() - start) * 1000)
        for query in ("乡村振兴", "g0012", "管理 乡"):
            times, own, sql = [], [], []
            for end in range(1, len(query) + 1):
                gc.collect()
                start = time.perf_counter()
                box.value = query[:end]
                await pilot.pause()
                times.append((time.perf_counter() - start) * 1000)
                # drill's own part of it, timed alone: search, refill, fetch and draw the rows on screen
                home.search._last = ([], list(range(len(home.search.ids)))) if end == 1 else home.search._last
                start = time.perf_counter()
                home.refresh_list()
                for y in range(table.size.height):
                    table.render_line(y)
                own.append((time.perf_counter() - start) * 1000)
                words = query[:end].split()
                start = time.perf_counter()
                where = " AND ".join(["instr(lower(id || ' ' || type || ' ' || source || ' ' || tags || ' ' || prompt), ?)"] * len(words))
                found = store.db.execute(f"SELECT id FROM questions WHERE {where} ORDER BY id", words).fetchall()
                sql.append((time.perf_counter() - start) * 1000)
            shown = len(home.query_one("#questions").keys)
            assert shown == len(found), (query, shown, len(found))
            print(f"filter '{query}' typed a key at a time: per key {' '.join(f'{t:.0f}' for t in times)} ms (max {max(times):.0f});"
                  f" {shown:,} shown; of which drill's search and drawing: {' '.join(f'{t:.0f}' for t in own)} ms;"
                  f" baseline, the same search in SQLite: {' '.join(f'{t:.0f}' for t in sql)} ms; target ≤ 50 ms")
        print(f"  baseline: an app pause with nothing to do {statistics.median(floor):.1f} ms")
        box.value = ""
        await pilot.pause()
        filtered: dict[str, list[float]] = {}
        await app.push_screen(HistoryScreen())
        for words in ("2024-03", "归纳") * 5:
            app.screen.query_one("#history-filter", Input).value = words
            await pilot.pause(FILTER_DELAY + 0.1)  # the filter waits for a pause in typing
            start = time.perf_counter()
            app.screen.refresh_list()  # what it then does
            await pilot.pause()
            filtered.setdefault(words, []).append((time.perf_counter() - start) * 1000)
    for words, times in filtered.items():
        print(f"history filtered by '{words}' (after a {FILTER_DELAY:g} s pause in typing): median {statistics.median(times):.0f} ms")
    start = time.perf_counter()
    store.db.execute("SELECT count(*) FROM attempts WHERE user = 'default'").fetchone()
    store.db.execute(
        "SELECT id, created, question, score, max, word_count, seconds FROM attempts WHERE user = 'default' ORDER BY created DESC, id DESC LIMIT 40"
    ).fetchall()
    print(f"  baseline: counting the profile's attempts and reading a page of them in plain SQLite {(time.perf_counter() - start) * 1000:.0f} ms")


def main() -> None:
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/drill-scale")
    directory.mkdir(parents=True, exist_ok=True)
    root, _ = prepare(directory, QUESTIONS, ATTEMPTS)
    if not shutil.which(DRILL):
        raise SystemExit(f"{DRILL} not found: install drill into this Python first")
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {time.strftime('%Y-%m-%d')}")
    start_and_memory(directory, root)
    asyncio.run(in_process(directory, root))


if __name__ == "__main__":
    main()
