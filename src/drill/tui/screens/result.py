"""The result screen: the mark, every 采分点 with its credit, the answer with the words that
earned each point highlighted, and the reference answer beside it."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from drill.errors import UnknownQuestion
from drill.marker.sources import point_sources
from drill.models import Attempt
from drill.numbers import format_points
from drill.reading import locate
from drill.report import FORM_WORD, STATUS_SIGN, STATUS_WORD, duration, minute, point_name, where_said
from drill.tui.navigation import OpenHistory, OpenPractice
from drill.tui.widgets.highlight import POINT_COLOURS, SELECTED_STYLE, highlighted_answer
from drill.tui.widgets.material import MaterialView
from drill.tui.widgets.text_lines import line_of

def _cut(text: str, width: int) -> str:
    """`text` on one line of `width` cells, ending in … when it is longer."""
    text = text.replace("\n", " ")
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


class ResultScreen(Screen[None]):
    """评分结果 of one attempt."""

    BINDINGS = [
        Binding("escape", "back", "返回", id="back", tooltip="回到上一屏"),
        Binding("ctrl+t", "retry", "再练一次", id="retry", tooltip="再练一次这道题（原作答保留）"),
        Binding("ctrl+r", "history", "历史", id="history", tooltip="看全部作答记录"),
        Binding("f2", "toggle_material", "材料", id="material", tooltip="参考作答与材料互换：选中的采分点在材料中的出处标出"),
    ]

    def __init__(self, attempt_id: int) -> None:
        super().__init__()
        self.attempt_id = attempt_id
        self.attempt: Attempt | None = None

    def compose(self) -> ComposeResult:
        store = self.app.store
        self.attempt = attempt = store.attempt(self.attempt_id)
        mark = attempt.mark
        self.sources: dict = {}  # where each point not hit was to be found in the material (`self.material`)
        self.material = ""
        self.rubric = None
        self.everywhere: dict | None = None  # where every point is found in it, looked for with F2 first
        self.in_reference: dict = {}  # each point's sentence in the reference answers shown
        try:
            question = store.question(attempt.question)
            references = question.references
            limit = f"/{question.word_limit}" if question.word_limit else ""
            self.rubric = rubric = store.rubric(attempt.question)[0]
            if rubric is not None:  # where each point was to be found in the material, and said in the reference
                self.material = store.material_shown(question)
                self.sources = point_sources([p for p in rubric.points if p.id in {m.id for m in mark.points if m.status != "hit"}], self.material)
                self.in_reference = point_sources(rubric.points, "\n\n".join(references))
        except UnknownQuestion:  # the question left the bank: the attempt still shows
            question, references, limit = None, [], ""
        yield Header()
        scored = f"内容未评分（满分 {format_points(mark.max)}）" if mark.unmarked else f"得分 {format_points(mark.score)}/{format_points(mark.max)}"
        summary = (
            f"{attempt.question} · {scored}{' · ' + mark.band if mark.band else ''}"
            f" · 字数 {mark.word_count}{limit} · 用时 {duration(attempt.seconds)} · {minute(attempt.created)}"
        )
        if mark.copied:
            summary += f" · 照抄材料 {mark.copied:.0%}"
        yield Static(summary, id="score", markup=False)
        deductions = "\n".join([*(f"扣 {format_points(d.points)} 分：{d.reason}" for d in mark.deductions), *(f"说明：{n}" for n in mark.notes)])
        yield Static(deductions, id="deductions", classes="" if deductions else "empty", markup=False)
        yield DataTable(id="points", cursor_type="row", zebra_stripes=True)
        yield Static("", id="point-reason", markup=False)
        with Horizontal(id="compare"):
            with VerticalScroll(id="yours-pane"):
                yield Static("你的作答", classes="pane-title")
                yield Static(highlighted_answer(attempt.answer, mark), id="yours")
            with VerticalScroll(id="reference-pane"):
                yield Static("参考作答", classes="pane-title")
                missing = "（这道题还没有参考答案：在编辑器里加上后就能评内容）" if question else "（题库中已没有这道题）"
                self.reference_text = "\n\n".join(references) or missing
                yield Static(self.reference_text, id="reference", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._fill_table(self.app.size.width)
        self.query_one("#points", DataTable).focus()

    def on_resize(self, event: Resize) -> None:
        if event.size.width != self._table_width:
            self._fill_table(event.size.width)

    _table_width = 0

    def _fill_table(self, width: int) -> None:
        """The points, with the point's text and your words sharing what the other columns
        leave, so both are seen at 80 columns (each cut with … when longer)."""
        self._table_width = width
        table = self.query_one("#points", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        mark = self.attempt.mark
        names = [point_name(p.id) for p in mark.points]
        scores = ["—" if mark.unmarked else f"{format_points(p.credit)}/{format_points(p.weight)}" for p in mark.points]
        name_width = max([cell_len(n) + 2 for n in names] + [6])
        score_width = max([cell_len(s) for s in scores] + [4])  # 0.25/2.5 whole, not 0.25/2.
        text_width = max(10, (width - 6 - name_width - score_width - 4 * 2 - 2) // 2)
        table.add_column("", width=6)
        table.add_column("采分点", width=name_width)
        table.add_column("得分", width=score_width)
        table.add_column("要点", width=text_width)
        table.add_column("你的表述", width=text_width)
        words = FORM_WORD if mark.unmarked else STATUS_WORD
        for i, (point, name, score) in enumerate(zip(mark.points, names, scores)):
            colour = POINT_COLOURS[i % len(POINT_COLOURS)]
            swatch = Text(f" {name} ", style=f"bold white on {colour}") if point.evidence else Text(f" {name} ")
            table.add_row(
                f"{STATUS_SIGN[point.status]} {words[point.status]}",
                swatch,
                score,
                Text(_cut(point.text, text_width)),
                Text(_cut(point.evidence.text, text_width)) if point.evidence else Text(_cut(point.reason or "—", text_width), style="italic"),
                key=point.id,
            )
        if cursor:
            table.move_cursor(row=cursor)

    @on(DataTable.RowHighlighted, "#points")
    def _point_chosen(self, event: DataTable.RowHighlighted) -> None:
        """Selecting a point shows its words: marked out, and scrolled into view."""
        point_id = str(event.row_key.value)
        mark = self.attempt.mark
        text = highlighted_answer(self.attempt.answer, mark, point_id)
        self.query_one("#yours", Static).update(text)
        point = next(p for p in mark.points if p.id == point_id)
        reference = self.query_one("#reference", Static)
        said_there = self.in_reference.get(point_id)
        if self.in_reference:
            marked = Text(self.reference_text)
            if said_there is not None:
                marked.stylize(SELECTED_STYLE, said_there.start, said_there.end)
            reference.update(marked)
        shown = self.query_one("#point-reason", Static)
        source = self.sources.get(point_id)
        said = [f"为什么：{point.reason}"] if point.reason else []
        if source is not None:
            said.append(f"材料出处：{where_said(self.material, source)}")
        self._mark_source(point_id)
        shown.update("\n".join(said))
        shown.set_class(not said, "empty")
        if point.evidence:
            line = line_of(text, point.evidence.start, self.query_one("#yours", Static).content_region.width, self.app.console)
            # After the layout: the reason line above may come or go, and the pane's height with it.
            self.call_after_refresh(self._scroll_to, line)

    def _scroll_to(self, line: int) -> None:
        """Scroll your answer so that `line` is in the middle of its pane."""
        pane = self.query_one("#yours-pane", VerticalScroll)
        pane.scroll_to(y=max(0, line + 2 - pane.size.height // 2), animate=False)

    # -- the material ------------------------------------------------------------------------

    def action_toggle_material(self) -> None:
        """F2: the material in place of the reference answer (or back), the source of the point
        under the cursor marked out in it and scrolled to: where it was to be found (or, for a
        point earned, where it stands)."""
        if not self.material.strip():
            self.notify("这道题没有材料", timeout=3)
            return
        if not self.query("#result-material"):
            view = MaterialView(self.material, id="result-material")
            view.border_title = "材料（F2 换回参考作答）"
            self.query_one("#compare", Horizontal).mount(view)
        if self.everywhere is None:  # the points earned too, once the material is asked for
            earned = [p for p in self.rubric.points if p.id not in self.sources] if self.rubric else []
            self.everywhere = {**self.sources, **point_sources(earned, self.material)}
        self.toggle_class("material-shown")
        table = self.query_one("#points", DataTable)
        if table.row_count:
            self._mark_source(str(table.coordinate_to_cell_key((table.cursor_row, 0)).row_key.value))

    def _mark_source(self, point_id: str) -> None:
        """Mark out where the material states point `point_id`, if it is shown and states it."""
        if not self.has_class("material-shown"):
            return
        source = (self.everywhere or {}).get(point_id)
        view = self.query_one("#result-material", MaterialView)
        if source is None:
            view.show_span(-1, 0, 0)
            return
        paragraph, start = locate(self.material, source.start)
        view.show_span(paragraph, start, start + len(source.text))

    def action_back(self) -> None:
        """Back to where the result was opened from."""
        self.app.pop_screen()

    def action_retry(self) -> None:
        """Answer the same question again; this attempt stays in history."""
        self.post_message(OpenPractice(self.attempt.question, replace=True))

    def action_history(self) -> None:
        """Open the history of attempts."""
        self.post_message(OpenHistory())
