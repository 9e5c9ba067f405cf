"""Chinese line breaking (禁则): where a line of text may be broken to fit a width.

A closing mark (。，、；：？！”）》 …) never starts a line and an opening one (“（《 …) never ends
one: each goes with the character it belongs to. A run of Latin letters or digits is kept
whole while it fits, and folded by cells when it is wider than a line. Everything drill
wraps — material, prompt, answer, reference, result — is broken here (the app installs it
in place of Rich's and Textual's word wrap).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len, chop_cells

NO_START = frozenset("。，、；：？！”’）》」』】〕〉〗…—·％‰℃,.;:?!)]}%")
NO_END = frozenset("“‘（《「『【〔〈〖([{")
# A Latin word or number, with the marks that join its parts (3.5、2026-12、e.g.).
_LATIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_'./:+\-]*[A-Za-z0-9])?")


def units(text: str) -> Iterator[tuple[int, int]]:
    """The stretches of `text` that a line break may not split, as (start, end): opening marks,
    one character or a Latin word, its closing marks, and the spaces after them."""
    i, n = 0, len(text)
    while i < n:
        start = i
        # Opening marks, and any spaces after them, go with what they open.
        while i < n and (text[i] in NO_END or (i > start and text[i].isspace())):
            i += 1
        if i < n and not (i == start and text[i].isspace()):
            word = _LATIN.match(text, i)
            i = word.end() if word else i + 1
        i = _tail(text, i)
        yield start, i


def _tail(text: str, i: int) -> int:
    """Where a unit ends that has reached `i`: past its spaces and closing marks, including a
    closing mark after a space (`中 :`), which may not start a line either."""
    n = len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] not in NO_START:
            return i
        while i < n and text[i] in NO_START:
            i += 1


def break_offsets(text: str, width: int, fold: bool = True, spaces_fit: bool = False) -> list[int]:
    """The offsets at which `text` (one line, no newline) is broken to lines of at most `width`
    cells, as Rich's `divide_line` gives them. `spaces_fit`: spaces at a line end count toward
    the width (the editor's rule); otherwise they may hang past it (they are not drawn)."""
    width = max(1, width)
    breaks: list[int] = []
    used = 0
    for start, end in units(text):
        unit = text[start:end]
        full = cell_len(unit)
        core = full if spaces_fit else cell_len(unit.rstrip())
        if used + core <= width:
            used += full
            continue
        if used and start:
            breaks.append(start)
        if core <= width or not fold:
            used = full
            continue
        position = start
        pieces = chop_cells(unit, width)
        for index, piece in enumerate(pieces):
            if index:
                breaks.append(position)
            position += len(piece)
        used = cell_len(pieces[-1])
    return breaks


def wrap(text: str, width: int) -> list[str]:
    """`text` broken into lines of at most `width` cells (each paragraph on its own lines)."""
    lines = []
    for paragraph in text.split("\n"):
        offsets = [0, *break_offsets(paragraph, width), len(paragraph)]
        lines += [paragraph[a:b].rstrip() for a, b in zip(offsets, offsets[1:])] or [""]
    return lines
