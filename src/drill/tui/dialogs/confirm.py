"""A dialog asking what to do with unsaved edits: save, discard, or keep editing."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class LeaveDialog(ModalScreen[str | None]):
    """有未保存的修改: returns "save", "discard", or None to keep editing."""

    BINDINGS = [
        Binding("s", "choose('save')", "保存", id="save"),
        Binding("d", "choose('discard')", "放弃修改", id="discard"),
        Binding("escape", "choose(None)", "继续编辑", id="stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-dialog"):
            yield Static("有未保存的修改。", classes="pane-title")
            yield Static("s 保存后返回 · d 放弃修改 · Esc 继续编辑", classes="hint")

    def action_choose(self, choice: str | None) -> None:
        """Close with the choice."""
        self.dismiss(choice)
