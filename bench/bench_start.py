"""How quickly drill answers: `drill --help`, and the app's first screen in a real terminal.

    python bench/bench_start.py

1. `drill --help`, median of 15 runs, beside `python -c "import click"` in the same run; and
   `drill score` of one answer (a new process marks once: its tables are read that once).
2. The app on the bundled bank (its database already built), in a pseudo-terminal of 120×40:
   from starting `drill --user default` until the list's status line is drawn, median of 7,
   beside a bare Textual app showing one line, started the same way, runs alternating.

drill's modules are compiled first, as `pip install .` leaves them (and as Python leaves them
after a first run): Textual's are, by pip. An editable checkout on a machine that sets
PYTHONDONTWRITEBYTECODE (this one does) would otherwise compile every module at every start
(2026-12-03: the first screen 0.88 s against 0.54 s, `drill score` 1.05 s against 0.64 s).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import DRILL, HELLO, Terminal  # noqa: E402


def command(argv: list[str], env: dict[str, str] | None = None, runs: int = 15) -> float:
    """The median seconds of `argv`, run `runs` times."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def compile_drill() -> None:
    """Write the bytecode of drill's modules where Python looks for it, as pip does on installing."""
    import compileall

    import drill

    compileall.compile_dir(Path(drill.__file__).parent, quiet=1)


def main() -> None:
    compile_drill()
    ours, click = command([DRILL, "--help"]), command([sys.executable, "-c", "import click"])
    print(f"drill --help: median {ours:.3f} s; python -c 'import click': {click:.3f} s ({ours / click:.1f}×; target ≤ 2×)")
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, DRILL_HOME=home)
        subprocess.run([DRILL, "list"], env=env, capture_output=True, check=True)  # the database exists, as after a first run
        answer = Path(__file__).resolve().parents[1] / "tests" / "data" / "answers" / "q2_reference.txt"
        scored = command([DRILL, "score", "s001-q2", str(answer), "--no-save"], env)
        print(f"drill score, one answer (s001-q2, {len(answer.read_text(encoding='utf-8'))} characters): median {scored:.3f} s, "
              f"{scored - ours:.3f} s more than drill --help")
        drill, bare = [], []
        for _ in range(7):
            terminal = Terminal([DRILL, "--user", "default"], env)
            drill.append(terminal.wait_for("Enter 练习"))
            terminal.close()
            terminal = Terminal([sys.executable, "-c", HELLO], dict(os.environ))
            bare.append(terminal.wait_for("ready 就绪"))
            terminal.close()
    print(f"first screen: median {statistics.median(drill):.2f} s ({min(drill):.2f}–{max(drill):.2f}); a bare Textual app "
          f"{statistics.median(bare):.2f} s ({statistics.median(drill) / statistics.median(bare):.1f}×; targets ≤ 1 s and ≤ 2×)")


if __name__ == "__main__":
    main()
