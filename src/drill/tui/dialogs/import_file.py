"""A dialog to name a file to import into the bank: a paper, a document, a question file or a table."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from drill.tui.widgets.text_box import TextBox


class ImportDialog(ModalScreen[Path | None]):
    """导入文件: returns the file named, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "取消", id="cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="import-dialog"):
            yield Static("导入到你的题库：真题试卷、实战应用文档、题目文件，或 CSV / JSONL 题目表", id="import-title")
            yield TextBox(id="import-path", placeholder="文件路径，如 ~/下载/2024省考申论.txt")
            yield Static("回车导入（同样的题目不会再导入一次）· Esc 取消", classes="hint")

    @on(Input.Submitted, "#import-path")
    def _submitted(self, event: Input.Submitted) -> None:
        named = event.value.strip()
        if not named:
            self.notify("先写下要导入的文件的路径", severity="warning")
            return
        self.dismiss(Path(named).expanduser())

    def action_cancel(self) -> None:
        """Close without importing anything."""
        self.dismiss(None)
