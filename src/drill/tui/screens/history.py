"""The history screen: every attempt, newest first; filter, open one, or compare two."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from drill.catalog import filter_attempts
from drill.errors import DrillError
from drill.models import format_points
from drill.report import duration
from drill.tui.dialogs.grade import grade_answer
from drill.tui.widgets.tables import cursor_key, refill


def score_text(attempt) -> str:
    """7/10, or 7/10→8 when re-marking with the current rubric changed it."""
    text = f"{format_points(attempt.score)}/{format_points(attempt.max)}"
    if attempt.rescored is not None and attempt.rescored != attempt.score:
        text += f"→{format_points(attempt.rescored)}"
    return text


class HistoryScreen(Screen[None]):
    """作答记录."""

    BINDINGS = [
        Binding("escape", "back", "返回", id="back"),
        Binding("space", "mark", "选中对比", id="mark"),
        Binding("c", "compare", "对比", id="compare"),
        Binding("ctrl+f", "focus_filter", "筛选", id="filter"),
        Binding("g", "grade", "人工评分", id="grade"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.marked: list[int] = []
        self.types: dict[str, str] = {}
        self.everything: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="筛选：题号、题型或日期（如 2026-11）", id="history-filter")
        yield Static("", id="history-summary")
        yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#attempts", DataTable)
        for label, key in (("", "marked"), ("#", "id"), ("时间", "created"), ("题号", "question"), ("题型", "type"), ("得分", "score"), ("字数", "words"), ("用时", "seconds")):
            table.add_column(label, key=key)
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        """New attempts may have been made since: read them again."""
        self.reload()

    def reload(self) -> None:
        """Read the attempts and the 题型 of their questions, then show them."""
        store = self.app.store
        self.types = {q.id: q.type for q in store.questions()}
        self.everything = store.attempts()
        self.refresh_list()

    def refresh_list(self) -> None:
        """Show the attempts matching the filter (from what `reload` read: typing queries nothing)."""
        types, everything = self.types, self.everything
        attempts = filter_attempts(everything, self.query_one("#history-filter", Input).value, types)
        rows = (
            (
                str(a.id),
                ("●" if a.id in self.marked else "", str(a.id), a.created[:16].replace("T", " "), a.question, types.get(a.question, "—"),
                 score_text(a), str(a.word_count), duration(a.seconds)),
            )
            for a in attempts
        )
        refill(self.query_one("#attempts", DataTable), rows)
        if not everything:
            summary = "还没有作答记录：在题库中选一道题开始练习"
        else:
            summary = f"{len(attempts)} / {len(everything)} 次作答 · Enter 查看评分 · 空格选中两次作答后按 c 对比 · g 人工评分"
        self.query_one("#history-summary", Static).update(summary)

    @on(Input.Changed, "#history-filter")
    def _filtered(self) -> None:
        self.refresh_list()

    @on(DataTable.RowSelected, "#attempts")
    def _open(self, event: DataTable.RowSelected) -> None:
        from drill.tui.screens.result import ResultScreen

        self.app.push_screen(ResultScreen(int(event.row_key.value)))

    def _current(self) -> int | None:
        key = cursor_key(self.query_one("#attempts", DataTable))
        return None if key is None else int(key)

    def action_mark(self) -> None:
        """Select (or unselect) the attempt under the cursor for comparing; two at most."""
        current = self._current()
        if current is None:
            return
        if current in self.marked:
            self.marked.remove(current)
        else:
            self.marked = (self.marked + [current])[-2:]
        self.refresh_list()

    def action_compare(self) -> None:
        """Compare the two selected attempts side by side."""
        if len(self.marked) != 2:
            self.notify("先用空格选中两次作答", severity="warning")
            return
        first, second = (self.app.store.attempt(i) for i in self.marked)
        if first.question != second.question:
            self.notify("只能对比同一道题的两次作答", severity="warning")
            return
        from drill.tui.screens.compare import CompareScreen

        self.app.push_screen(CompareScreen(first, second))

    def action_grade(self) -> None:
        """Grade the attempt under the cursor by hand: it joins its question's test answers."""
        current = self._current()
        if current is None:
            return
        attempt = self.app.store.attempt(current)
        try:
            question = self.app.store.question(attempt.question)
            rubric, _ = self.app.store.rubric(attempt.question)
        except DrillError as exc:
            self.app.report(exc)
            return
        weights = {p.id: p.weight for p in rubric.points}
        grade_answer(self.app, question.id, weights, question.points, answer=attempt.answer)

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#history-filter", Input).focus()

    def action_back(self) -> None:
        """Back to the previous screen."""
        self.app.pop_screen()
