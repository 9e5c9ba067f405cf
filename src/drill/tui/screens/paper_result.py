"""The result of a paper sat: the total, each question's mark and the time spent on it beside
the suggested allocation; Enter opens a question's result (the practice result screen)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from drill.errors import DrillError, UnknownQuestion
from drill.exam import allocation
from drill.numbers import format_points
from drill.report import duration, minute
from drill.store.papers import paper, paper_attempt
from drill.tui.navigation import OpenExam, OpenResult
from drill.tui.widgets.list_keys import after_queued_keys


class PaperResultScreen(Screen[None]):
    """模考成绩 of one paper sat."""

    BINDINGS = [
        Binding("enter", "open", "本题评分", id="open", priority=True, tooltip="看这道题的评分：每个采分点、你的表述和参考作答"),
        Binding("ctrl+t", "again", "再考一次", id="again", tooltip="再做一次这份试卷"),
        Binding("escape", "back", "返回", id="back", tooltip="回到上一屏"),
    ]

    def __init__(self, paper_attempt_id: int) -> None:
        super().__init__()
        self.paper_attempt_id = paper_attempt_id

    def compose(self) -> ComposeResult:
        self.sat = sat = paper_attempt(self.app.store, self.paper_attempt_id)
        yield Header()
        if sat is None:
            yield Static("没有这次模考的记录", id="paper-total")
        else:
            unmarked = f" · 其中 {format_points(sat.unmarked)} 分的题没有参考答案，内容未评" if sat.unmarked else ""
            total = f"{sat.title} · 总分 {format_points(sat.score)}/{format_points(sat.max)}{unmarked} · 用时 {duration(sat.seconds)} · {minute(sat.created)}"
            yield Static(total, id="paper-total", markup=False)
        yield DataTable(id="paper-questions", cursor_type="row", zebra_stripes=True)
        yield Static("", id="paper-advice", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#paper-questions", DataTable)
        table.add_columns("题", "题号", "题型", "得分", "用时", "建议用时")
        if self.sat is None:
            return
        store = self.app.store
        try:
            reading, suggested = allocation(store, paper(store, self.sat.paper))
        except DrillError:  # the paper or a question left the bank: the result still shows
            reading, suggested = 0, {}
        for i, row in enumerate(self.sat.questions, start=1):
            try:
                kind = store.question(row["question"]).type
            except UnknownQuestion:
                kind = "（已不在题库）"
            score = "未评" if row.get("unmarked") else f"{format_points(row['score'])}/{format_points(row['max'])}"
            hint = f"{suggested[row['question']] // 60}分钟" if row["question"] in suggested else "—"
            table.add_row(f"第{i}题", row["question"], kind, score, duration(row["seconds"]), hint, key=str(row["attempt"]))
        spent = sum(row["seconds"] for row in self.sat.questions)
        # The time no answer had the focus: reading the material (and moving between questions).
        table.add_row("阅读", "—", "阅读材料", "—", duration(max(0, self.sat.seconds - spent)), f"{reading // 60}分钟" if reading else "—", key="reading")
        advice = f"建议：先用 {reading // 60} 分钟读材料，再按分值分配时间" if reading else ""
        over = [f"第{i}题" for i, row in enumerate(self.sat.questions, 1) if row["question"] in suggested and row["seconds"] > suggested[row["question"]] * 1.25]
        if over:
            advice += f"；{'、'.join(over)}用时超过建议的四分之一以上"
        self.query_one("#paper-advice", Static).update(f"各题作答共用 {duration(spent)}。{advice}".rstrip("。") + " · Enter 看本题评分")
        table.focus()

    def action_open(self) -> None:
        """Enter: the result of the question under the cursor, once the keys before it are in."""
        after_queued_keys(self, self.open_result)

    def open_result(self) -> None:
        """The result of the question under the cursor."""
        table = self.query_one("#paper-questions", DataTable)
        if self.sat and table.cursor_row < len(self.sat.questions):  # the reading row opens nothing
            self.post_message(OpenResult(self.sat.questions[table.cursor_row]["attempt"]))

    @on(DataTable.RowSelected, "#paper-questions")
    def _selected(self) -> None:
        self.open_result()

    def action_again(self) -> None:
        """Sit the paper again."""
        if self.sat:
            self.post_message(OpenExam(self.sat.paper))

    def action_back(self) -> None:
        """Back to where the result was opened from."""
        self.app.pop_screen()
