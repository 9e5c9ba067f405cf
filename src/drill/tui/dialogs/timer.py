"""A dialog to set the countdown: minutes, or 0 to count up."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from drill.tui.widgets.text_box import TextBox


class TimerDialog(ModalScreen[int | None]):
    """设定倒计时: returns the minutes (0 counts up), or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "取消", id="cancel")]

    def __init__(self, minutes: int) -> None:
        super().__init__()
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical(id="timer-dialog"):
            yield Static("倒计时（分钟）：0 表示正计时", id="timer-title")
            yield TextBox(str(self.minutes), id="timer-minutes", type="integer")
            yield Static("回车确定 · Esc 取消", classes="hint")

    @on(Input.Submitted, "#timer-minutes")
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value.isdigit() or int(value) > 600:
            self.notify(f"倒计时：{value!r} 不是 0 到 600 之间的分钟数", severity="error")
            return
        self.dismiss(int(value))

    def action_cancel(self) -> None:
        """Close without changing the clock."""
        self.dismiss(None)
