"""The home screen: every question with its best score so far, filtered as you type."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Static

from drill.catalog import filter_questions
from drill.models import Question, format_points
from drill.progress import due_text, practise_queue
from drill.report import limit_text
from drill.tui.widgets.tables import cursor_key, refill


class HomeScreen(Screen[None]):
    """题库: pick a question to practise."""

    BINDINGS = [
        Binding("enter", "practise", "练习", id="practise", show=True, priority=False),
        Binding("ctrl+r", "history", "历史", id="history"),
        Binding("ctrl+f,slash", "focus_filter", "筛选", id="filter"),
        Binding("ctrl+n", "next", "下一题", id="next"),
        Binding("ctrl+b", "weak", "薄弱点", id="weak"),
        Binding("ctrl+g", "charts", "走势", id="charts"),
        Binding("ctrl+o", "profiles", "切换用户", id="profiles"),
        Binding("f8", "test_rubric", "测试评分标准", id="test_rubric"),
        Binding("f6", "edit", "编辑题目", id="edit"),
        Binding("f7", "new", "新题目", id="new"),
    ]

    queue: list = []
    everything: list = []
    cells: dict = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="筛选：题号、题型、来源或题目中的字词", id="filter")
        yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="count")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#questions", DataTable)
        table.add_column("题号", key="id")
        table.add_column("题型", key="type")
        table.add_column("分值", key="points")
        table.add_column("字数", key="limit")
        table.add_column("最好成绩", key="best")
        table.add_column("复习", key="due")
        table.add_column("来源", key="source")
        table.add_column("题目", key="prompt")
        self.reload()
        table.focus()

    def on_screen_resume(self) -> None:
        """Best scores and the queue change after practice: read them again when coming back."""
        self.reload()

    def reload(self) -> None:
        """Read the bank, best scores and the practise-next queue, then show the list."""
        store = self.app.store
        self.everything = store.questions()
        best = store.best_scores()
        now = datetime.now().astimezone()
        self.queue = practise_queue(self.everything, store.attempts(), now)
        due = {item.question: due_text(item, now) for item in self.queue}
        self.cells = {q.id: self._cells(q, best.get(q.id), due[q.id]) for q in self.everything}
        self.refresh_list()

    def refresh_list(self) -> None:
        """Show the questions matching the filter (from what `reload` read: typing queries nothing)."""
        questions = filter_questions(self.everything, self.query_one("#filter", Input).value)
        refill(self.query_one("#questions", DataTable), ((q.id, self.cells[q.id]) for q in questions))
        total = len(self.everything)
        shown = f"{len(questions)} / {total} 题" if len(questions) != total else f"{total} 题"
        self.query_one("#count", Static).update(f"{shown} · Enter 练习 · Ctrl+N 下一题（{self.queue[0].question if self.queue else '—'}）· Ctrl+R 历史")

    @staticmethod
    def _cells(q: Question, best: float | None, due: str) -> tuple[str, ...]:
        prompt = q.prompt.replace("\n", " ")
        return (
            q.id,
            q.type,
            format_points(q.points),
            limit_text(q),
            "—" if best is None else f"{format_points(best)}/{format_points(q.points)}",
            due,
            q.source.split("#")[0],
            prompt[:40] + ("…" if len(prompt) > 40 else ""),
        )

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.refresh_list()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        table = self.query_one("#questions", DataTable)
        table.focus()
        self.action_practise()

    @on(DataTable.RowSelected, "#questions")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(str(event.row_key.value))

    def current_id(self) -> str | None:
        """The id of the question under the cursor, if any."""
        return cursor_key(self.query_one("#questions", DataTable))

    def action_practise(self) -> None:
        """Practise the question under the cursor."""
        question_id = self.current_id()
        if question_id:
            self._open(question_id)

    def _open(self, question_id: str) -> None:
        from drill.tui.screens.practice import PracticeScreen

        self.app.push_screen(PracticeScreen(question_id))

    def action_history(self) -> None:
        """Open the history of attempts."""
        from drill.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        self.query_one("#filter", Input).focus()

    def action_next(self) -> None:
        """Practise the first question of the practise-next queue (spaced repetition, SM-2)."""
        if self.queue:
            self._open(self.queue[0].question)

    def action_charts(self) -> None:
        """Open the charts of marks over time."""
        from drill.tui.screens.charts import ChartsScreen

        self.app.push_screen(ChartsScreen())

    def action_weak(self) -> None:
        """Open the 采分点 most often missed."""
        from drill.tui.screens.weak import WeakPointsScreen

        self.app.push_screen(WeakPointsScreen())

    def _open_for_current(self, make: Callable[[str], Screen]) -> None:
        question_id = self.current_id()
        if question_id:
            self.app.push_screen(make(question_id))

    def action_test_rubric(self) -> None:
        """Test the rubric of the question under the cursor against answers graded by hand."""
        from drill.tui.screens.rubric_test import RubricTestScreen

        self._open_for_current(RubricTestScreen)

    def action_profiles(self) -> None:
        """Choose another candidate's profile, or add one."""
        from drill.tui.screens.profiles import ProfileScreen

        self.app.push_screen(ProfileScreen())

    def action_edit(self) -> None:
        """Edit the question under the cursor and its rubric."""
        from drill.tui.screens.editor import EditorScreen

        self._open_for_current(EditorScreen)

    def action_new(self) -> None:
        """Write a new question and its rubric."""
        from drill.tui.screens.editor import EditorScreen

        self.app.push_screen(EditorScreen())
