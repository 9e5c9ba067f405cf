"""Typing an answer in the real program: from each key until the new 字数 is drawn.

    python bench/bench_typing.py

drill runs in a pseudo-terminal of 120×40 on the bundled bank, practising s001-q2 with a
draft of 100, 1,000 and 3,000 characters already written; then 15 keys are typed, each
timed from the key until the status line shows the new count. Baseline in the same run: a
bare Textual app with a TextArea and a line showing its length, timed the same way.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import DRILL, Terminal  # noqa: E402

BARE = (
    "from textual.app import App\nfrom textual.widgets import Static, TextArea\nclass A(App):\n"
    "    def compose(self):\n        yield TextArea('一' * int(__import__('sys').argv[1]), id='t')\n"
    "        yield Static('ready 就绪', id='s')\n    def on_mount(self):\n"
    "        self.query_one('#t').focus()\n        self.query_one('#t').move_cursor((0, 10**6))\n"
    "    def on_text_area_changed(self, event):\n"
    "        self.query_one('#s', Static).update(f'字数 {len(event.text_area.text)} 个')\nA().run()\n"
)


def drill_keys(written: int) -> list[float]:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, DRILL_HOME=home)
        from drill.store import Store

        os.environ["DRILL_HOME"] = home
        store = Store()
        store.save_draft("s001-q2", "一" * written, 0)
        store.close()
        terminal = Terminal([DRILL, "--user", "default"], env)
        terminal.wait_for("Enter 练习")
        terminal.keys("s001-q2", settle=1.0)
        terminal.press("\r", "Ctrl+S 提交")
        terminal.keys("", settle=3.5)  # the notice "draft restored" covers the status line for 3 s
        os.write(terminal.master, b"\x1b[F")  # End: after the draft (older drills put the cursor first)
        terminal.keys("", settle=0.5)
        times = [terminal.press("二", f"字数 {written + n}/") * 1000 for n in range(1, 16)]
        terminal.close()
        return times


def bare_keys(written: int) -> list[float]:
    terminal = Terminal([sys.executable, "-c", BARE, str(written)], dict(os.environ))
    terminal.wait_for("ready 就绪")
    terminal.keys("", settle=1.0)
    times = [terminal.press("二", f"字数 {written + n} 个") * 1000 for n in range(1, 16)]
    terminal.close()
    return times


def main() -> None:
    for written in (100, 1000, 3000):
        ours, base = drill_keys(written), bare_keys(written)
        print(f"{written:>5} characters written: drill median {statistics.median(ours):.0f} ms a key (max {max(ours):.0f}); "
              f"a bare TextArea {statistics.median(base):.0f} ms (max {max(base):.0f})")


if __name__ == "__main__":
    main()
