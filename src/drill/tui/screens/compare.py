"""Comparing two attempts at the same question, side by side."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from drill.models import Attempt
from drill.numbers import format_points
from drill.report import STATUS_SIGN, duration, minute
from drill.tui.widgets.highlight import highlighted_answer


def _column(attempt: Attempt) -> list[Static]:
    mark = attempt.mark
    head = f"#{attempt.id} · {minute(attempt.created)} · 得分 {format_points(mark.score)}/{format_points(mark.max)} · 用时 {duration(attempt.seconds)}"
    points = "\n".join(f"{STATUS_SIGN[p.status]} {p.id} {format_points(p.credit)}/{format_points(p.weight)}  {p.text}" for p in mark.points)
    return [Static(head, classes="pane-title"), Static(points, classes="compare-points"), Static(highlighted_answer(attempt.answer, mark))]


class CompareScreen(Screen[None]):
    """对比: two attempts of one question, older on the left."""

    BINDINGS = [Binding("escape", "back", "返回", id="back", tooltip="回到上一屏")]

    def __init__(self, first: Attempt, second: Attempt) -> None:
        super().__init__()
        self.older, self.newer = sorted((first, second), key=lambda a: a.id)

    def compose(self) -> ComposeResult:
        yield Header()
        change = self.newer.score - self.older.score
        yield Static(f"{self.older.question} · 两次作答对比 · 分数变化 {change:+g}", id="compare-title")
        with Horizontal(id="compare"):
            for attempt in (self.older, self.newer):
                with VerticalScroll(classes="compare-side"):
                    yield from _column(attempt)
        yield Footer(compact=True, show_command_palette=False)

    def action_back(self) -> None:
        """Back to the history."""
        self.app.pop_screen()
