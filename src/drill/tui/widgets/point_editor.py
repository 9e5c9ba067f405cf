"""One 采分点 in the editor: id, weight and statement on a line, synonyms one a line below."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, TextArea

from drill.tui.widgets.text_box import TextBox
from drill.bank.authoring import PointForm


class PointEditor(Vertical):
    """Edits one key point; `form` reads it back."""

    def __init__(self, point: PointForm, serial: int) -> None:
        super().__init__(classes="point-editor")
        self.point = point
        self.serial = serial

    def compose(self) -> ComposeResult:
        with Horizontal(classes="point-row"):
            yield TextBox(self.point.id, placeholder="编号 p1", id=f"kp{self.serial}-id", classes="point-id")
            yield TextBox(self.point.weight, placeholder="分值", id=f"kp{self.serial}-weight", classes="point-weight")
            yield TextBox(self.point.text, placeholder="要点（采分点的表述）", id=f"kp{self.serial}-text", classes="point-text")
            yield Button("删除", id=f"kp{self.serial}-remove", classes="point-remove", variant="error")
        yield Label("同义表述（一行一个）", classes="field-label")
        yield TextArea(self.point.synonyms, id=f"kp{self.serial}-synonyms", classes="point-synonyms", soft_wrap=True)

    def field(self, name: str) -> Input | TextArea:
        """The widget of one field: id, weight, text or synonyms."""
        return self.query_one(f"#kp{self.serial}-{name}")

    @property
    def form(self) -> PointForm:
        """The point as typed."""
        return PointForm(
            id=self.field("id").value, weight=self.field("weight").value,
            text=self.field("text").value, synonyms=self.field("synonyms").text,
        )
