"""Where a character of a wrapped text lands on screen: for scrolling to words in a pane."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text


def wrapped_line_starts(text: Text, width: int, console: Console) -> list[int]:
    """The character offset at which each display line starts, once `text` is wrapped at `width`."""
    starts = []
    position = 0
    plain = text.plain
    for line in text.wrap(console, max(1, width)):
        starts.append(position)
        position += len(line.plain)
        if position < len(plain) and plain[position] == "\n":
            position += 1
    return starts or [0]


def line_of(text: Text, offset: int, width: int, console: Console) -> int:
    """The display line on which character `offset` of `text` falls, once wrapped at `width`."""
    starts = wrapped_line_starts(text, width, console)
    return max(0, next((i for i, s in enumerate(starts) if s > offset), len(starts)) - 1)
