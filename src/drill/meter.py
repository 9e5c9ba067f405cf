"""A progress bar for long commands: on stderr when it is a terminal, nothing when it is not.

`drill score --batch`, `import`, `rescore`, `review`, `history --import/--export`, `recover`
and a first bank build can take seconds to minutes. They report their progress through a
callback (`advance(n)`: n more done); `meter` draws it with rich — counts, rate, time left —
and leaves stdout alone, so JSON printed there stays clean when piped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _wanted() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextmanager
def meter(label: str, total: int | None, unit: str = "条") -> Iterator[Callable[[int], None]]:
    """`advance(n)` while the work runs, drawn as a bar when stderr is a terminal."""
    if not _wanted():
        yield lambda n=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
    from rich.text import Text

    class Rate(ProgressColumn):
        """How many a second, as the work has gone so far."""

        def render(self, task) -> Text:
            return Text(f"{task.speed:,.0f} {unit}/秒" if task.speed else f"— {unit}/秒", style="progress.data.speed")

    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(), TextColumn("剩余"), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    )
    with progress:
        task = progress.add_task(label, total=total)
        yield lambda n=1: progress.advance(task, n)
