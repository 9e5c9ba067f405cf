"""The history screen: every attempt, newest first; filter, open one, or compare two.

The attempts are counted and paged by the database: the screen reads the ids on screen and
the attempts behind them, so years of history open as fast as a week's."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static

from drill.tui.widgets.text_box import TextBox
from drill.catalog import query_words
from drill.errors import DrillError
from drill.numbers import format_points
from drill.report import duration, minute
from drill.tui.dialogs.grade import grade_answer
from drill.tui.navigation import OpenCompare, OpenResult
from drill.tui.widgets.list_keys import focus_box, list_key
from drill.tui.widgets.virtual_table import Column, PagedKeys, VirtualTable

FILTER_DELAY = 0.15  # seconds after the last key


def score_text(attempt) -> str:
    """7/10, or 7/10→8 when re-marking with the current rubric changed it."""
    text = f"{format_points(attempt.score)}/{format_points(attempt.max)}"
    if attempt.rescored is not None and attempt.rescored != attempt.score:
        text += f"→{format_points(attempt.rescored)}"
    return text


class HistoryScreen(Screen[None]):
    """作答记录."""

    BINDINGS = [
        Binding("escape", "back", "返回", id="back", tooltip="回到上一屏"),
        Binding("space", "mark", "选中对比", id="mark", tooltip="选中或取消选中这次作答，用于对比"),
        Binding("ctrl+d", "compare", "对比", id="compare", tooltip="对比选中的两次作答"),
        Binding("ctrl+f", "focus_filter", "筛选", id="filter", tooltip="按题号、题型或日期筛选（在列表上直接打字也可）", show=False),
        Binding("ctrl+e", "grade", "人工评分", id="grade", tooltip="人工给这次作答评分，加入这道题的测试作答"),
    ]

    COLUMNS = (
        Column("", 1), Column("#", 7), Column("时间", 16), Column("题号", 18), Column("题型", 8), Column("得分", 12),
        Column("字数", 5), Column("用时", 8),
    )

    def __init__(self) -> None:
        super().__init__()
        self.marked: list[int] = []
        self.total = 0
        self._pending: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextBox(placeholder="筛选：题号、题型或日期（如 2026-11）", id="history-filter")
        yield Static("", id="history-summary")
        yield VirtualTable(self.COLUMNS, self._fetch, id="attempts")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        # No reload here: Textual resumes a screen when it is first shown too.
        self.query_one("#attempts", VirtualTable).focus()

    def on_screen_resume(self) -> None:
        """New attempts may have been made since: read them again."""
        self.reload()

    def reload(self) -> None:
        """Count the attempts, then show the filtered ones; pages of ids are read as they come into view."""
        self.total = self.app.store.history_count()
        table = self.query_one("#attempts", VirtualTable)
        table.set_width(3, max(4, min(24, self.app.store.longest_id())))
        table.refresh_rows()  # an attempt may have been re-marked meanwhile
        self.refresh_list()

    def refresh_list(self) -> None:
        """Show the attempts matching the filter (counted and paged by the database)."""
        store, words = self.app.store, query_words(self.query_one("#history-filter", Input).value)
        count = store.history_count(words) if words else self.total
        keys = PagedKeys(count, lambda offset, limit: [str(i) for i in store.history_page(offset, limit, words)])
        self.query_one("#attempts", VirtualTable).set_rows(keys)
        if not self.total:
            summary = "还没有作答记录：在题库中选一道题开始练习"
        else:
            summary = f"{count} / {self.total} 次作答 · Enter 查看评分 · 空格选中两次作答后按 Ctrl+D 对比 · Ctrl+E 人工评分 · 输入字词即筛选"
        self.query_one("#history-summary", Static).update(summary)

    def _fetch(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        return {
            str(a.id): ("●" if a.id in self.marked else "", str(a.id), minute(a.created), a.question,
                        a.type, score_text(a), str(a.word_count), duration(a.seconds))
            for a in self.app.store.summaries([int(k) for k in keys if k]).values()
        }

    def on_key(self, event: events.Key) -> None:
        """Typing on the list goes to the filter and the arrows in it move the list, as on every list."""
        list_key(event, self.query_one("#history-filter", Input), self.query_one("#attempts", VirtualTable))

    @on(Input.Changed, "#history-filter")
    def _filtered(self) -> None:
        # A filter by question or 题型 reads an index entry per attempt (0.2 s over 500,000):
        # wait for a pause in typing rather than query at every key.
        if self._pending is not None:
            self._pending.stop()
        self._pending = self.set_timer(FILTER_DELAY, self.refresh_list)

    @on(VirtualTable.RowSelected, "#attempts")
    def _open(self, event: VirtualTable.RowSelected) -> None:
        self.post_message(OpenResult(int(event.key)))

    def _current(self) -> int | None:
        key = self.query_one("#attempts", VirtualTable).cursor_key
        return int(key) if key else None

    def action_mark(self) -> None:
        """Select (or unselect) the attempt under the cursor for comparing; two at most."""
        current = self._current()
        if current is None:
            return
        if current in self.marked:
            self.marked.remove(current)
        else:
            self.marked = (self.marked + [current])[-2:]
        self.query_one("#attempts", VirtualTable).refresh_rows()

    def action_compare(self) -> None:
        """Compare the two selected attempts side by side."""
        if len(self.marked) != 2:
            self.notify("先用空格选中两次作答", severity="warning")
            return
        first, second = (self.app.store.attempt(i) for i in self.marked)
        if first.question != second.question:
            self.notify("只能对比同一道题的两次作答", severity="warning")
            return
        self.post_message(OpenCompare(first, second))

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
        focus_box(self.query_one("#history-filter", Input))

    def action_back(self) -> None:
        """Back to the previous screen."""
        self.app.pop_screen()
