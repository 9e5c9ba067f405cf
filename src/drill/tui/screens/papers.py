"""The papers screen: the real exam papers of the bank, each to sit as a mock exam (模考),
with the last total sat and whether an exam is under way."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from drill.numbers import format_points
from drill.report import duration
from drill.store.papers import exam_state, paper_attempts, papers
from drill.tui.navigation import OpenExam, OpenPaperResult
from drill.tui.widgets.list_keys import after_queued_keys


class PapersScreen(Screen[None]):
    """试卷: sit a paper as the exam is sat."""

    BINDINGS = [
        Binding("enter", "sit", "模考", id="sit", priority=True, tooltip="按考试时限做这份试卷（进行中的接着做）"),
        Binding("ctrl+r", "last", "上次成绩", id="last", tooltip="这份试卷上一次模考的成绩"),
        Binding("escape", "back", "返回", id="back", tooltip="回到题库"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="papers-summary")
        yield DataTable(id="papers", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.reload()
        self.query_one("#papers", DataTable).focus()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read the papers, their last totals and the exams under way again."""
        store = self.app.store
        table = self.query_one("#papers", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        self.found = papers(store)
        width = max([len(p.id) for p in self.found] + [6])
        fixed = (("试卷", width), ("题数", 4), ("满分", 4), ("时限", 7), ("上次模考", 8), ("状态", 16))
        title = max(10, self.app.size.width - sum(size + 2 for _, size in fixed) - 3)
        for label, size in (*fixed, ("标题", title)):
            table.add_column(label, width=size)
        self.last: dict[str, int] = {}
        for paper in self.found:
            sat = paper_attempts(store, paper.id, limit=1)
            if sat:
                self.last[paper.id] = sat[-1].id
            under_way = exam_state(store, paper.id)
            state = f"进行中 剩{duration(max(0, paper.minutes * 60 - under_way.elapsed))}" if under_way else ""
            last = f"{format_points(sat[-1].score)}/{format_points(sat[-1].max)}" if sat else "—"
            table.add_row(paper.id, str(len(paper.questions)), format_points(paper.points), f"{paper.minutes}分钟", last, state, Text(paper.title), key=paper.id)
        said = "Enter 开始模考（进行中的接着做）· Ctrl+R 上次成绩" if self.found else "题库里还没有试卷：drill import 试卷.txt 导入一份真题"
        self.query_one("#papers-summary", Static).update(said)
        if cursor and self.found:
            table.move_cursor(row=min(cursor, len(self.found) - 1))

    def _chosen(self) -> str | None:
        table = self.query_one("#papers", DataTable)
        if not self.found:
            return None
        return self.found[min(table.cursor_row, len(self.found) - 1)].id

    def action_sit(self) -> None:
        """Enter: sit the paper under the cursor, once the keys before it are in."""
        after_queued_keys(self, self.sit)

    def sit(self) -> None:
        """Sit the paper under the cursor."""
        chosen = self._chosen()
        if chosen:
            self.post_message(OpenExam(chosen))

    @on(DataTable.RowSelected, "#papers")
    def _selected(self) -> None:
        self.sit()

    def action_last(self) -> None:
        """The result of the last mock exam of the paper under the cursor."""
        chosen = self._chosen()
        if chosen and chosen in self.last:
            self.post_message(OpenPaperResult(self.last[chosen]))
        elif chosen:
            self.notify("这份试卷还没有模考过")

    def action_back(self) -> None:
        """Back to the list."""
        self.app.pop_screen()
