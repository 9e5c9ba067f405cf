"""A dialog to grade an answer by hand: the mark, and optionally each 采分点 0 / 0.5 / 1."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from drill.tui.widgets.list_keys import after_queued_keys
from drill.tui.widgets.text_box import TextBox
from drill.errors import DrillError, os_reason
from drill.numbers import format_points
from drill.bank.graded import Grading, add_graded, read_grading


class GradeDialog(ModalScreen[Grading | None]):
    """人工评分: returns the grading, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "取消", id="cancel"),
        Binding("ctrl+s", "done_typed", "保存评分", id="done", priority=True),
    ]

    def __init__(self, question_id: str, weights: dict[str, float], maximum: float, answer: str = "") -> None:
        super().__init__()
        self.question_id = question_id
        self.weights = weights
        self.maximum = maximum
        self.answer = answer

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="grade-dialog"):
            yield Static(f"人工评分 · {self.question_id} · 满分 {format_points(self.maximum)}", classes="pane-title")
            yield Label("作答", classes="field-label")
            yield TextArea(self.answer, id="grade-answer", soft_wrap=True)
            yield Label("各采分点（0 / 0.5 / 1，可不填）", classes="field-label")
            with Horizontal(id="grade-points"):
                for pid, weight in self.weights.items():
                    yield TextBox(placeholder=f"{pid}（{format_points(weight)}分）", id=f"grade-{pid}", classes="grade-point")
            yield Label("人工得分（空着则按采分点相加）", classes="field-label")
            yield TextBox(id="grade-mark")
            yield Static("Ctrl+S 保存 · Esc 取消", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#grade-mark" if self.answer else "#grade-answer").focus()

    def action_done_typed(self) -> None:
        """Ctrl+S: done, once the keys typed before it are in (`after_queued_keys`)."""
        after_queued_keys(self, self.action_done)

    def action_done(self) -> None:
        """Check what was typed and return it, or say which field is wrong."""
        try:
            grading = read_grading(
                self.query_one("#grade-answer", TextArea).text,
                self.query_one("#grade-mark", Input).value,
                {pid: self.query_one(f"#grade-{pid}", Input).value for pid in self.weights},
                self.weights, self.maximum,
            )
        except ValueError as exc:
            self.notify(str(exc), title="人工评分", severity="error")
            return
        self.dismiss(grading)

    def action_cancel(self) -> None:
        """Close without grading."""
        self.dismiss(None)


def grade_answer(app, question_id: str, weights: dict[str, float], maximum: float, answer: str = "", then: Callable[[], None] | None = None) -> None:
    """Ask the instructor for a mark, add it to the question's graded answers, then call `then`.

    The graded answers are written to the instructor's own bank (`Store.own_root`).
    """

    def graded(grading: Grading | None) -> None:
        if grading is None:
            return
        store = app.store
        try:
            path = add_graded(store.roots, store.own_root, question_id, grading.answer, grading.human, grading.points or None)
        except DrillError as exc:
            app.notify(f"评分未保存：{exc.message}", title="人工评分", severity="error", timeout=10)
            return
        except OSError as exc:
            app.notify(f"评分未保存：{exc.filename}: {os_reason(exc)}", title="人工评分", severity="error", timeout=10)
            return
        app.notify(f"已加入 {question_id} 的测试作答（人工 {format_points(grading.human)} 分）：rubrics/{path.name}", timeout=6)
        if then is not None:
            then()

    app.push_screen(GradeDialog(question_id, weights, maximum, answer), graded)
