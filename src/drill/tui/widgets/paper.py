"""方格稿纸: the answer shown on squared paper, 25 squares a line, a mark every 100 字."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from drill.reading import MARK_EVERY, SQUARES, paper_rows


def paper_text(answer: str, limit: int | None = None) -> Text:
    """The rows of squares, each square two cells wide, with a count at every 100 characters."""
    out = Text()
    count = 0
    for row in paper_rows(answer):
        out.append("│")
        for char in row:
            count += 1
            style = "bold red" if limit and count > limit else ""
            out.append(char if cell_len(char) == 2 else f"{char} ", style=style)
            out.append("│", style="dim")
        out.append("  " * (SQUARES - len(row)))
        if count // MARK_EVERY > (count - len(row)) // MARK_EVERY:  # this row passed a hundred
            out.append(f" ◀{count // MARK_EVERY * MARK_EVERY}", style="bold cyan")
        out.append("\n")
    if not count:
        out.append("（稿纸上还没有字）", style="dim")
    return out


class PaperView(Static):
    """The answer on squared paper (read only; write in the editor)."""

    def show(self, answer: str, limit: int | None) -> None:
        """Redraw for the current answer."""
        self.update(paper_text(answer, limit))
