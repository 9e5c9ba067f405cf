"""The practice screen: material beside the question, an answer editor with 字数 and a clock.

The draft is written to the database every two seconds while it changes, and when the
screen closes, so quitting, a crash or a closed terminal loses at most two seconds of typing.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from drill.errors import DrillError
from drill.normalize import word_count
from drill.practice import submit_answer
from drill.report import duration

AUTOSAVE_SECONDS = 2.0


class PracticeScreen(Screen[None]):
    """作答: write an answer to one question."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "提交", id="submit", priority=True),
        Binding("escape", "leave", "返回（保存草稿）", id="leave"),
        Binding("f2", "toggle_focus", "材料/作答", id="toggle_focus"),
    ]

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id
        self.question = None
        self._saved_text: str | None = None
        self._text = ""
        self._base_seconds = 0
        self._started = 0.0

    def compose(self) -> ComposeResult:
        store = self.app.store
        self.question = store.question(self.question_id)
        material = store.material(self.question.material) if self.question.material else None
        draft = store.draft(self.question_id)
        self._base_seconds = draft.seconds if draft else 0
        self._saved_text = self._text = draft.answer if draft else ""
        yield Header()
        with Horizontal(id="practice"):
            with VerticalScroll(id="material-pane"):
                yield Static("材料", classes="pane-title")
                yield Static(material.text if material else "（本题没有材料）", id="material")
            with Vertical(id="answer-pane"):
                yield Static(f"{self.question.id} · {self.question.type} · {self.question.requirement_text()}", id="requirements")
                yield Static(self.question.prompt, id="prompt")
                yield TextArea(self._saved_text, id="answer", soft_wrap=True, show_line_numbers=False)
                yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self._started = self.app.clock()
        self.query_one("#answer", TextArea).focus()
        if self._saved_text:
            self.notify("已恢复上次保存的草稿", timeout=3)
        self.set_interval(1.0, self._update_status)
        self.set_interval(AUTOSAVE_SECONDS, self.save_draft)
        self._update_status()

    @property
    def answer(self) -> str:
        """The text in the editor (kept on the screen too, so it outlives the widget at unmount)."""
        return self._text

    @property
    def seconds(self) -> int:
        """Time spent on this question, drafts included."""
        return self._base_seconds + int(self.app.clock() - self._started)

    def _update_status(self) -> None:
        count = word_count(self.answer)
        status = self.query_one("#status", Static)
        limit = self.question.word_limit
        status.remove_class("near", "over")
        if limit:
            allowed = limit if self.question.limit_kind == "max" else int(limit * 1.1)
            if count > allowed:
                status.add_class("over")
            elif count >= 0.9 * limit:
                status.add_class("near")
            counter = f"字数 {count}/{limit}"
        else:
            counter = f"字数 {count}"
        saved = "草稿已保存" if self.answer == self._saved_text else "草稿未保存"
        status.update(f"{counter} · 用时 {duration(self.seconds)} · {saved} · Ctrl+S 提交")

    @on(TextArea.Changed, "#answer")
    def _answer_changed(self, event: TextArea.Changed) -> None:
        self._text = event.text_area.text
        self._update_status()

    def save_draft(self) -> None:
        """Write the draft if it changed since the last save, and say so in the status line."""
        if self._write_draft():
            self._update_status()

    def _write_draft(self) -> bool:
        text = self.answer
        if text == self._saved_text:
            return False
        try:
            self.app.store.save_draft(self.question_id, text, self.seconds)
        except DrillError as exc:
            self.app.report(exc)
            return False
        self._saved_text = text
        return True

    def on_unmount(self) -> None:
        """Closing the screen (or the app) keeps the draft; the widgets are gone by now."""
        if self.question is not None:
            self._write_draft()

    def action_leave(self) -> None:
        """Back to the list; the draft stays."""
        self.save_draft()
        self.app.pop_screen()

    def action_toggle_focus(self) -> None:
        """Move between the material and the answer editor."""
        editor = self.query_one("#answer", TextArea)
        (self.query_one("#material-pane") if editor.has_focus else editor).focus()

    def action_submit(self) -> None:
        """Mark the answer, store the attempt and show the result."""
        text = self.answer
        if not text.strip():
            self.notify("作答为空：写下答案后再提交", severity="warning")
            return
        try:
            _, attempt = submit_answer(self.app.store, self.question_id, text, seconds=self.seconds)
        except DrillError as exc:
            self.app.report(exc)
            return
        from drill.tui.screens.result import ResultScreen

        self._saved_text = text  # submitted: nothing left to keep as a draft
        self.app.switch_screen(ResultScreen(attempt.id))
