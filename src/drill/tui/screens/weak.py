"""The weak points screen: the 采分点 missed most often, each leading to its question."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from drill.errors import UnknownQuestion
from drill.marker.sources import point_sources
from drill.progress import weak_points
from drill.report import where_said
from drill.tui.navigation import OpenPractice

# The attempts read: enough for years of weekly practice, and a screen that opens at once
# after a million of them.
RECENT = 1000


class WeakPointsScreen(Screen[None]):
    """薄弱采分点: what to practise, from this profile's recent attempts."""

    BINDINGS = [Binding("escape", "back", "返回", id="back", tooltip="回到上一屏")]

    def compose(self) -> ComposeResult:
        self._sources: dict[str, tuple[str, dict]] = {}  # each question's material and its points' places there
        yield Header()
        yield Static("", id="weak-summary")
        yield DataTable(id="weak", cursor_type="row", zebra_stripes=True)
        yield Static("", id="weak-source", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        table = self.query_one("#weak", DataTable)
        table.add_columns("题号", "采分点", "失分次数", "作答次数", "要点")
        points = weak_points(self.app.store.recent_points(RECENT))
        for i, w in enumerate(points):
            table.add_row(w.question, w.point, f"{w.missed:g}", str(w.attempts), Text(w.text), key=f"{i}:{w.question}")
        summary = f"最近{RECENT}次作答中最常失分的采分点 · Enter 练习这道题" if points else "还没有失分的采分点：先练几道题"
        self.query_one("#weak-summary", Static).update(summary)
        table.focus()

    @on(DataTable.RowHighlighted, "#weak")
    def _show_source(self, event: DataTable.RowHighlighted) -> None:
        """Under the list, where the material states the point under the cursor: where to read
        again what was missed."""
        row = self.query_one("#weak", DataTable).get_row(event.row_key)
        question_id, point_id = str(row[0]), str(row[1])
        material, found = self._sources_of(question_id)
        source = found.get(point_id)
        shown = self.query_one("#weak-source", Static)
        shown.update(f"材料出处：{where_said(material, source)}" if source is not None else "材料出处：材料里没有找到这个要点")

    def _sources_of(self, question_id: str) -> tuple[str, dict]:
        """A question's material and where it states each of its rubric's points (each
        question's material read once while the screen is open)."""
        if question_id not in self._sources:
            store = self.app.store
            try:
                question = store.question(question_id)
                rubric = store.rubric(question_id)[0]
            except UnknownQuestion:  # (the question left the bank since the attempts)
                question = rubric = None
            material = store.material_shown(question) if question is not None else ""
            self._sources[question_id] = (material, point_sources(rubric.points, material) if rubric is not None else {})
        return self._sources[question_id]

    @on(DataTable.RowSelected, "#weak")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenPractice(str(event.row_key.value).split(":", 1)[1]))

    def action_back(self) -> None:
        """Back to the previous screen."""
        self.app.pop_screen()
