"""The history screen: every attempt, newest first; opening one shows its result again."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from drill.models import format_points
from drill.report import duration


class HistoryScreen(Screen[None]):
    """作答记录."""

    BINDINGS = [Binding("escape", "back", "返回", id="back")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="history-summary")
        yield DataTable(id="attempts", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#attempts", DataTable)
        table.add_column("#", key="id")
        table.add_column("时间", key="created")
        table.add_column("题号", key="question")
        table.add_column("得分", key="score")
        table.add_column("字数", key="words")
        table.add_column("用时", key="seconds")
        self.refresh_list()
        table.focus()

    def on_screen_resume(self) -> None:
        """New attempts may have been made since: redraw."""
        self.refresh_list()

    def refresh_list(self) -> None:
        """Fill the table from the store."""
        attempts = self.app.store.attempts()
        table = self.query_one("#attempts", DataTable)
        table.clear()
        for a in attempts:
            table.add_row(
                str(a.id), a.created[:16].replace("T", " "), a.question,
                f"{format_points(a.score)}/{format_points(a.max)}", str(a.word_count), duration(a.seconds),
                key=str(a.id),
            )
        summary = f"{len(attempts)} 次作答 · Enter 查看评分" if attempts else "还没有作答记录：在题库中选一道题开始练习"
        self.query_one("#history-summary", Static).update(summary)

    @on(DataTable.RowSelected, "#attempts")
    def _open(self, event: DataTable.RowSelected) -> None:
        from drill.tui.screens.result import ResultScreen

        self.app.push_screen(ResultScreen(int(event.row_key.value)))

    def action_back(self) -> None:
        """Back to the previous screen."""
        self.app.pop_screen()
