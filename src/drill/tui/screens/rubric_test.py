"""The rubric test screen: a question's graded answers, drill's mark beside the human one,
the agreement figures, the disagreements first, and synonyms to add with one key."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from drill.bank.authoring import add_synonym
from drill.bank.graded import graded_answers, graded_file, graded_lines, graded_records
from drill.errors import DrillError
from drill.evaluation import evaluate
from drill.numbers import format_points
from drill.report import unread_note
from drill.suggest import suggest_synonyms
from drill.tui.dialogs.grade import grade_answer
from drill.tui.navigation import OpenEditor


class RubricTestScreen(Screen[None]):
    """测试评分标准: how the rubric agrees with the instructor's own marks."""

    BINDINGS = [
        Binding("escape", "back", "返回", id="back", tooltip="回到上一屏"),
        Binding("r", "reload", "重新评分", id="reload", tooltip="用当前评分标准重新评分"),
        Binding("a", "add", "加为同义词", id="add", tooltip="把这句表述加为采分点的同义词"),
        Binding("n", "grade", "人工评分", id="grade", tooltip="人工评一份答案"),
        Binding("f6", "edit", "编辑评分标准", id="edit", tooltip="编辑这道题的评分标准"),
    ]

    def __init__(self, question_id: str) -> None:
        super().__init__()
        self.question_id = question_id
        self.suggestions: list = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="rubric-figures")
        yield DataTable(id="graded", cursor_type="row", zebra_stripes=True)
        yield Static("", id="suggest-title")
        yield DataTable(id="suggestions", cursor_type="row")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#graded", DataTable).add_columns("答案", "人工", "drill", "相差", "作答")
        self.query_one("#suggestions", DataTable).add_columns("采分点", "建议的同义表述", "答案数")
        self.action_reload()

    def action_reload(self) -> None:
        """Re-read the bank (the rubric may have been edited) and mark the graded answers again."""
        store = self.app.store
        store.sync_bank()
        path = graded_file(store.roots, self.question_id)
        figures = self.query_one("#rubric-figures", Static)
        graded = self.query_one("#graded", DataTable)
        suggestions = self.query_one("#suggestions", DataTable)
        graded.clear()
        suggestions.clear()
        if path is None:
            figures.update(f"{self.question_id}：还没有人工评过分的答案（rubrics/{self.question_id}.graded.jsonl）· n 评一份")
            return
        lines = graded_lines(path, self.question_id)
        result = evaluate(lines, store)
        if not result.n:  # (no figures: 0.00 over no answers would read as perfect agreement)
            figures.update(f"{self.question_id}：没有一份人工评分能比较{unread_note(result, path.name)}")
        else:
            figures.update(
                f"{self.question_id} · {result.n} 份人工评分 · 平均误差 {result.mae:.2f} · QWK {result.qwk:.3f} · "
                f"r {result.pearson:.3f} · 一分以内 {result.within_one:.0%}"
                + (f" · 采分点 P {result.point_precision:.2f} / R {result.point_recall:.2f}" if result.point_precision is not None else "")
                + unread_note(result, path.name)
            )
        records = graded_records(lines)
        answers = graded_answers(lines)
        for g in result.disagreements(count=len(result.rows)):
            text = answers.get(str(g.id), "").replace("\n", " ")
            difference = g.ours - g.human
            graded.add_row(str(g.id), format_points(g.human), format_points(g.ours), ("+" if difference >= 0 else "") + format_points(difference), text[:40])
        question, rubric, _, material = store.marking(self.question_id)
        self.suggestions = suggest_synonyms(question, rubric, records, material)
        for i, s in enumerate(self.suggestions):
            suggestions.add_row(s.point, s.phrase, str(s.answers), key=str(i))
        title = "建议加为同义词（选中后按 a）" if self.suggestions else "没有可建议的同义词"
        self.query_one("#suggest-title", Static).update(title)

    def action_add(self) -> None:
        """Add the highlighted suggestion to its key point's synonyms, then mark again."""
        table = self.query_one("#suggestions", DataTable)
        if not self.suggestions or not table.row_count:
            return
        chosen = self.suggestions[table.cursor_row]
        store = self.app.store
        try:
            # Into the instructor's own bank: the bundled rubric is never written.
            written = add_synonym(store.roots, store.own_root, self.question_id, chosen.point, chosen.phrase)
        except DrillError as exc:
            self.app.report(exc)
            return
        self.notify(f"已把「{chosen.phrase}」加为 {chosen.point} 的同义词：{written}", timeout=5)
        self.action_reload()

    def action_grade(self) -> None:
        """Grade a new answer by hand (typed or pasted); it joins the graded answers."""
        store = self.app.store
        question = store.question(self.question_id)
        rubric, _ = store.rubric(self.question_id)
        if rubric is None:
            self.notify("这道题还没有评分标准：先在编辑器里加上参考答案（F6 编辑）", severity="warning")
            return
        grade_answer(self.app, self.question_id, {p.id: p.weight for p in rubric.points}, question.points, then=self.action_reload)

    def action_edit(self) -> None:
        """Open the question and its rubric in the editor (the answers re-marked as you type)."""
        self.post_message(OpenEditor(self.question_id))

    def on_screen_resume(self) -> None:
        """The rubric may have been edited meanwhile: mark again."""
        self.action_reload()

    def action_back(self) -> None:
        """Back to the list."""
        self.app.pop_screen()

    @on(DataTable.RowSelected, "#suggestions")
    def _chosen(self) -> None:
        self.action_add()
