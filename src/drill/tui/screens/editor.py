"""The question editor: a question and its rubric, checked as you type, saved to the bank files,
with the instructor's graded answers re-marked by the rubric on screen at every change."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.events import Resize
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, ProgressBar, Select, Static, TextArea

from drill.tui.widgets.text_box import TextBox
from drill.bank import read_text
from drill.bank.authoring import LABELS, LIMIT_RULES, RULES, Built, PointForm, QuestionForm, blank_form, build, form_of, save
from drill.bank.graded import graded_answers, graded_file, graded_lines
from drill.batch import Prepared
from drill.report import unread_note
from drill.errors import DrillError, os_reason
from drill.evaluation import Agreement, evaluate
from drill.models import QUESTION_TYPES
from drill.text import clean_text
from drill.tui.dialogs.confirm import LeaveDialog
from drill.tui.dialogs.grade import grade_answer
from drill.tui.widgets.list_keys import after_queued_keys
from drill.tui.widgets.point_editor import PointEditor

NARROW = 110  # below this many columns, the test answers are under the form, not beside it
CHECK_DELAY = 0.25  # seconds of quiet typing before the fields are checked and answers re-marked


def _figures(result: Agreement, where: str) -> str:
    if not result.n:  # (no figures: 0.00 over no answers would read as perfect agreement)
        return f"没有一份人工评分能比较{unread_note(result, where)}"
    return f"平均误差 {result.mae:.2f} · QWK {result.qwk:.3f} · 一分以内 {result.within_one:.0%}{unread_note(result, where)}"


class EditorScreen(Screen[None]):
    """编辑题目: every field of a question and its rubric."""

    # The field the editor opens on takes the focus as it mounts (`on_mount`), and nothing
    # before it: focused first by Textual's default (the first focusable widget), the scrolling
    # form restyled its 148 widgets as it took the focus and again as it gave it to the field.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("ctrl+s", "save_typed", "保存", id="save", priority=True, tooltip="检查各项并存入你的题库"),
        Binding("escape", "leave", "返回", id="leave", tooltip="返回；有未保存的修改时先问"),
        Binding("ctrl+k", "add_point", "加采分点", id="add_point", priority=True, tooltip="在最后加一个采分点"),
        Binding("ctrl+g", "grade", "人工评分", id="grade", priority=True, tooltip="人工评一份答案，用来检验评分标准"),
        Binding("ctrl+r", "rescore", "重评作答", id="rescore", priority=True, tooltip="用保存的评分标准重新评分所有考生对这道题的作答"),
    ]

    def __init__(self, question_id: str | None = None) -> None:
        super().__init__()
        self.question_id = question_id
        self.serial = 0
        self.built = Built()
        self.saved = QuestionForm()
        self.saved_agreement: Agreement | None = None  # the graded answers under the saved rubric
        self._marked: tuple | None = None  # (what they were marked with, the figures) under the rubric in the form
        self.materials: set[str] = set()  # material ids, and ids a new question may not take:
        self.taken: set[str] = set()  # read when the screen is built and after a save
        self._check_timer: Timer | None = None
        self.checked = True  # every field has been checked since the last edit
        self.rebuilding = False  # the bank is being rebuilt after a save
        self.rescoring = False  # the attempts are being re-marked
        self.save_tried = False

    # -- building the form --------------------------------------------------------------

    def _initial(self) -> QuestionForm:
        store = self.app.store
        if self.question_id is None:
            return blank_form()
        question = store.question(self.question_id)
        rubric, _ = store.rubric(self.question_id)
        return form_of(question, rubric, store.material_text(question))

    def compose(self) -> ComposeResult:
        form = self._initial()
        self.saved = form
        self.materials = set(self.app.store.material_ids())
        self.taken = set(self.app.store.question_ids()) if self.question_id is None else set()
        materials = [(m, m) for m in sorted(self.materials)]
        yield Header()
        with Horizontal(id="editor"):
            with VerticalScroll(id="editor-form"):
                yield Static("题目", classes="pane-title")
                with Horizontal(classes="field-row"):
                    yield from self._field("编号", TextBox(form.id, id="f-id", disabled=self.question_id is not None, placeholder="如 s005-q1"))
                    yield from self._field("题型", Select([(t, t) for t in QUESTION_TYPES], value=form.type, allow_blank=False, id="f-type"))
                    yield from self._field("分值", TextBox(form.points, id="f-points"))
                with Horizontal(classes="field-row"):
                    yield from self._field("字数", TextBox(form.word_limit, id="f-word_limit", placeholder="不限"))
                    yield from self._field("字数要求", Select([("不超过", "max"), ("左右", "about")], value=form.limit_kind, allow_blank=False, id="f-limit_kind"), "select")
                    yield from self._field("标签（、或逗号分隔）", TextBox(form.tags, id="f-tags"))
                yield from self._field("来源", TextBox(form.source, id="f-source"))
                yield from self._field("题目（问题与作答要求）", TextArea(form.prompt, id="f-prompt", soft_wrap=True))
                yield from self._field("参考作答（几份之间用一行 --- 隔开）", TextArea(form.references, id="f-references", soft_wrap=True))
                with Horizontal(classes="field-row"):
                    yield from self._field("材料", Select([("（新材料：以题号命名）", "")] + materials, value=form.material, allow_blank=False, id="f-material"), "wide")
                    yield from self._field("从文件读取材料（路径，回车）", TextBox(id="f-material-file", placeholder="如 ../shared/seeds/x.txt"), "wide")
                yield from self._field("材料正文（可粘贴；改动共用材料会影响用它的每道题）", TextArea(form.material_text, id="f-material-text", soft_wrap=True))
                yield Static("评分标准", classes="pane-title")
                with Horizontal(classes="field-row"):
                    for key in RULES:
                        if key == "credit":
                            yield from self._field("计分方式", Select([("分档", "steps"), ("线性", "linear")], value=form.rules["credit"], allow_blank=False, id="r-credit"), "select")
                        else:
                            yield from self._field(LABELS[key], TextBox(form.rules[key], id=f"r-{key}"))
                with Horizontal(classes="field-row"):
                    for key in LIMIT_RULES:
                        yield from self._field(LABELS[key], TextBox(form.rules[f"limit.{key}"], id=f"r-limit-{key}"))
                yield Label("采分点（Ctrl+K 加一个）", classes="field-label")
                with Vertical(id="key-points"):
                    for point in form.key_points:
                        yield self._point_editor(point)
                yield Button("＋ 采分点", id="add-point")
                yield from self._field("格式检查 [[format]] / 作文评分 [essay]（TOML，可空）", TextArea(form.extra, id="r-extra", language=None))
            with Vertical(id="editor-side"):
                yield Static("", id="editor-status")
                with Horizontal(id="editor-work"):  # shown while the bank is rebuilt or answers re-marked
                    yield Label("", id="editor-work-label")
                    yield ProgressBar(id="editor-progress", show_eta=False)
                yield Static("", id="editor-problems")
                yield Static("", id="editor-figures")
                yield DataTable(id="editor-graded", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True, show_command_palette=False)

    @staticmethod
    def _field(label: str, widget: Widget, size: str = "") -> ComposeResult:
        with Vertical(classes=f"field {size}".strip()):
            yield Label(label, classes="field-label")
            yield widget

    def _point_editor(self, point: PointForm) -> PointEditor:
        self.serial += 1
        return PointEditor(point, self.serial)

    def on_resize(self, event: Resize) -> None:
        """On a narrow terminal the test answers go under the form."""
        self.set_class(event.size.width < NARROW, "stacked")

    def on_mount(self) -> None:
        self.query_one("#editor-graded", DataTable).add_columns("答案", "人工", "drill", "相差", "作答")
        self.title = f"编辑 {self.question_id}" if self.question_id else "新题目"
        self.check()
        self._go_to(self.query_one("#f-prompt" if self.question_id else "#f-id"))

    def _go_to(self, widget: Widget) -> None:
        """Focus a field and bring it into view at once (no scrolling animation)."""
        widget.focus(scroll_visible=False)
        self.call_after_refresh(lambda: self.query_one("#editor-form").scroll_to_widget(widget, animate=False))

    # -- reading and checking -----------------------------------------------------------

    def form(self) -> QuestionForm:
        """Every field as typed."""
        value = lambda selector: self.query_one(selector).value  # noqa: E731 - a local shorthand
        return QuestionForm(
            id=value("#f-id"), type=value("#f-type"), points=value("#f-points"),
            word_limit=value("#f-word_limit"), limit_kind=value("#f-limit_kind"),
            source=value("#f-source"), tags=value("#f-tags"), material=value("#f-material"),
            material_text=self.query_one("#f-material-text", TextArea).text,
            prompt=self.query_one("#f-prompt", TextArea).text,
            references=self.query_one("#f-references", TextArea).text,
            rules={**{key: str(value(f"#r-{key}")) for key in RULES}, **{f"limit.{key}": value(f"#r-limit-{key}") for key in LIMIT_RULES}},
            key_points=[editor.form for editor in self.query(PointEditor)],
            extra=self.query_one("#r-extra", TextArea).text,
        )

    def check(self) -> Built:
        """Check every field, mark the wrong ones and list them; re-mark the graded answers."""
        self.checked = True
        form = self.form()
        self.built = build(form, self.materials, self.taken)
        for widget in self.query(".-invalid"):
            widget.remove_class("-invalid")
        # A blank form says nothing until something is typed in it or saving is tried.
        shown = self.built.problems if self.question_id is not None or form != self.saved or self.save_tried else []
        for problem in shown:
            target = self._widget_of(problem.field)
            if target is not None:
                target.add_class("-invalid")
        problems = self.query_one("#editor-problems", Static)
        if shown:
            problems.update("[b red]要改的地方[/]\n" + "\n".join(f"• {p}" for p in shown))
        elif self.built.problems:
            problems.update("填好各项后，这里列出要改的地方")
        else:
            problems.update("[green]✓ 各项无误[/]")
        self._show_status(form)
        self._show_figures()
        return self.built

    def _widget_of(self, field: str) -> Widget | None:
        """The widget holding a field the way `build` names it."""
        parts = field.split(".")
        try:
            if parts[0] != "rubric":
                name = {"limit_kind": "word_limit", "question": "prompt"}.get(parts[0], parts[0])
                return self.query_one(f"#f-{name}")
            if len(parts) > 1 and parts[1] in ("essay", "format", "extra"):
                return self.query_one("#r-extra")
            if len(parts) > 1 and parts[1] == "points":
                editors = list(self.query(PointEditor))
                if len(parts) > 3 and parts[2].isdigit() and int(parts[2]) < len(editors):
                    return editors[int(parts[2])].field(parts[3] if parts[3] in ("id", "weight", "text", "synonyms") else "text")
                return self.query_one("#key-points")
            if len(parts) > 2 and parts[1] == "limit":
                return self.query_one(f"#r-limit-{parts[2]}")
            return self.query_one(f"#r-{parts[1]}" if len(parts) > 1 else "#r-hit_threshold")
        except Exception:  # noqa: BLE001 - a field with no widget of its own is listed all the same
            return None

    def _agreement(self) -> Agreement | None:
        """The graded answers marked by the rubric as it stands in the editor."""
        built = self.built
        if not built.ok:
            return None
        path = graded_file(self.app.store.roots, built.question.id)
        if path is None:
            return None
        material = self.query_one("#f-material-text", TextArea).text
        # The same question, rubric, material and graded file as the last time: the same figures
        # (a check comes as the form's selects say their first values, with nothing changed).
        try:
            found = path.stat()
            graded_at = (found.st_mtime_ns, found.st_size)  # (an answer graded since: marked again)
        except OSError:
            graded_at = None
        key = (built.question.model_dump_json(), built.rubric.model_dump_json(), material, path, graded_at)
        if self._marked is None or self._marked[0] != key:
            prepared = Prepared({built.question.id: (built.question, built.rubric, "", material)})
            self._marked = (key, evaluate(graded_lines(path, built.question.id), None, workers=1, bank=prepared))
        return self._marked[1]

    def _saved(self) -> Agreement | None:
        """The graded answers marked by the rubric as saved (kept until the next save or grading)."""
        if self.saved_agreement is None and self.question_id is not None:
            path = graded_file(self.app.store.roots, self.question_id)
            if path is not None:
                self.saved_agreement = evaluate(graded_lines(path, self.question_id), self.app.store, workers=1)
        return self.saved_agreement

    def _show_figures(self) -> None:
        figures = self.query_one("#editor-figures", Static)
        table = self.query_one("#editor-graded", DataTable)
        table.clear()
        result, saved = self._agreement(), self._saved()
        shown = result or saved
        if shown is None:
            qid = self.built.question.id if self.built.question else self.question_id or "ID"
            figures.update(f"测试作答：还没有人工评过分的答案（rubrics/{qid}.graded.jsonl）· Ctrl+G 评一份")
            return
        qid = self.question_id or self.built.question.id
        path = graded_file(self.app.store.roots, qid)
        now = f"此刻的评分标准：{_figures(result, path.name)}" if result is not None else "此刻的评分标准有误，无法评分（见上）"
        before = f"\n保存的评分标准：{_figures(saved, path.name)}" if saved is not None and saved.n else ""
        figures.update(f"[b]测试作答 {shown.n} 份[/]\n{now}{before}")
        answers = graded_answers(graded_lines(path, qid))
        for g in shown.disagreements(count=len(shown.rows)):
            table.add_row(str(g.id), f"{g.human:g}", f"{g.ours:.1f}", f"{g.ours - g.human:+.1f}", answers.get(str(g.id), "").replace("\n", " ")[:30])

    def _show_status(self, form: QuestionForm) -> None:
        if form != self.saved:
            state = "[yellow]● 有未保存的修改[/]"
        else:
            state = "新题目，尚未保存" if self.question_id is None else "已保存"
        self.query_one("#editor-status", Static).update(f"{state} · Ctrl+S 存入你的题库")

    @on(Input.Changed)
    @on(TextArea.Changed)
    @on(Select.Changed)
    def _changed(self) -> None:
        if self._check_timer is not None:
            self._check_timer.stop()
        self.checked = False
        self._check_timer = self.set_timer(CHECK_DELAY, self.check)

    # -- material -----------------------------------------------------------------------

    @on(Select.Changed, "#f-material")
    def _material_chosen(self, event: Select.Changed) -> None:
        if event.value:
            material = self.app.store.material(str(event.value))
            area = self.query_one("#f-material-text", TextArea)
            if material is not None and area.text != material.text:  # (the Select says so as it mounts: not wrapped again then)
                area.text = material.text

    @on(Input.Submitted, "#f-material-file")
    def _material_file(self) -> None:
        self._read_material_file()

    def _read_material_file(self) -> bool:
        """Read the material from the file named in its box (Enter, or saving with a path
        typed but not read): False, with the reason shown, when it cannot be read."""
        box = self.query_one("#f-material-file", Input)
        named = box.value.strip()
        if not named:
            return True
        path = Path(named).expanduser()
        try:
            text = clean_text(read_text(path))
        except DrillError as exc:
            self.app.report(exc)
            return False
        except OSError as exc:
            self.notify(f"从文件读取材料：{named}：{os_reason(exc)}", title="读不了这个文件", severity="error")
            return False
        if not text.strip():
            self.notify(f"从文件读取材料：{named} 是空的", title="没有读入材料", severity="error")
            return False
        self.query_one("#f-material", Select).value = ""
        self.query_one("#f-material-text", TextArea).text = text
        box.value = ""
        self.notify(f"已读入材料 {len(text)} 字：{path.name}（保存时以题号命名）")
        return True

    # -- key points ---------------------------------------------------------------------

    async def action_add_point(self) -> None:
        """Add an empty 采分点 after the others, numbered on."""
        taken = {editor.form.id for editor in self.query(PointEditor)}
        number = len(taken) + 1
        while f"p{number}" in taken:
            number += 1
        editor = self._point_editor(PointForm(id=f"p{number}"))
        await self.query_one("#key-points").mount(editor)
        self._go_to(editor.field("text"))
        self._changed()

    @on(Button.Pressed, "#add-point")
    async def _add_pressed(self) -> None:
        await self.action_add_point()

    @on(Button.Pressed, ".point-remove")
    async def _remove_pressed(self, event: Button.Pressed) -> None:
        editor = next(node for node in event.button.ancestors if isinstance(node, PointEditor))
        await editor.remove()
        self._changed()

    # -- saving, grading, leaving ---------------------------------------------------------

    def action_save_typed(self) -> None:
        """Ctrl+S: save, once the keys typed before it are in (`after_queued_keys`)."""
        after_queued_keys(self, self.action_save)

    def action_save(self) -> bool:
        """Check, then write the bank files and rebuild the database from them."""
        if self._check_timer is not None:
            self._check_timer.stop()
        self.save_tried = True
        if not self._read_material_file():
            return False
        built = self.check()
        if not built.ok:
            self.notify(f"未保存：{len(built.problems)} 处要改（见右侧）", title="编辑题目", severity="error")
            first = self._widget_of(built.problems[0].field) if built.problems else None
            if first is not None and first.focusable:
                self._go_to(first)
            return False
        store = self.app.store
        form = self.form()
        try:
            written = save(store.roots, store.own_root, built, form.material_text if form.material_text.strip() else None)
        except (DrillError, OSError) as exc:
            # Nothing on screen is lost: the fields stay as typed.
            message = exc.message if isinstance(exc, DrillError) else f"{exc.filename}: {os_reason(exc)}"
            self.notify(f"未保存：{message}", title="编辑题目", severity="error", timeout=15)
            return False
        self.saved = form
        self.saved_agreement = None
        if self.question_id is None:
            self.question_id = built.question.id
            self.query_one("#f-id", Input).disabled = True
            self.title = f"编辑 {self.question_id}"
        names = "、".join(str(path.relative_to(store.own_root)) for path in written) or "没有改动"
        self._show_status(form)
        # The files are written; the database is rebuilt from them in a thread (seconds on a
        # large bank when a material changed), the progress shown meanwhile.
        self.rebuilding = True
        self._working("正在按题库文件重建题库…", None)
        app = self.app
        app.rebuild_bank(lambda problems: self._rebuilt(app, built.question.id, names, problems))
        return True

    def _rebuilt(self, app, qid: str, names: str, problems: list[str] | None) -> None:
        """The bank tables rebuilt after a save (None: the rebuild failed, and was said)."""
        self.rebuilding = False
        if not self.is_attached or self not in app.screen_stack:
            if problems is not None:  # left meanwhile (saved on the way out): said over the list
                app.notify(f"已保存 {qid}：{names}", timeout=6)
            return
        self._working(None)
        if problems is None:
            self.notify(f"已写入 {names}，但题库没有重建：下次打开 drill 时重建", title="编辑题目", severity="warning", timeout=10)
            return
        self.materials = set(self.app.store.material_ids())
        self.notify(f"已保存 {qid}：{names}", timeout=6)
        self._show_status(self.form())
        self._show_figures()

    def _working(self, label: str | None, total: int | None = None) -> None:
        """Show the progress row with `label` (a bar that fills to `total`, or pulses when
        there is no count), or hide it (None)."""
        row = self.query_one("#editor-work")
        row.display = label is not None
        if label is not None:
            self.query_one("#editor-work-label", Label).update(label)
            bar = self.query_one("#editor-progress", ProgressBar)
            bar.update(total=total, progress=0)

    def action_rescore(self) -> None:
        """Re-mark every candidate's attempts at this question with the saved rubric, in a
        thread, the count shown as it goes; the original marks are kept beside the new."""
        if self.question_id is None or self.form() != self.saved:
            self.notify("先保存（Ctrl+S），再用保存的评分标准重新评分", title="重评作答", severity="warning")
            return
        if self.rebuilding or self.rescoring:
            self.notify("上一项工作还在进行，请稍候", title="重评作答", severity="warning")
            return
        self.rescoring = True
        self._working("重新评分作答…", None)
        self.app.rescore(self.question_id, self._rescore_progress, self._rescored)

    def _rescore_progress(self, done: int, total: int) -> None:
        if self.is_attached and self in self.app.screen_stack:
            self.query_one("#editor-progress", ProgressBar).update(total=max(total, 1), progress=done)
            self.query_one("#editor-work-label", Label).update(f"重新评分作答 {done}/{total}")

    def _rescored(self, count: int | None, moved: int) -> None:
        self.rescoring = False
        if not self.is_attached or self not in self.app.screen_stack:
            return
        self._working(None)
        if count is not None:
            self.notify(f"已重新评分 {count} 次作答，{moved} 次分数有变（原分数保留）", title="重评作答", timeout=8)

    def action_grade(self) -> None:
        """Grade an answer by hand for this question; it joins the test answers at once."""
        built = self.check()
        if not built.ok:
            self.notify("先把题目和评分标准改对，再评分（见右侧）", severity="error")
            return
        weights = {p.id: p.weight for p in built.rubric.points}
        grade_answer(self.app, built.question.id, weights, built.question.points, then=self._graded)

    def _graded(self) -> None:
        self.saved_agreement = None
        self.check()

    def action_leave(self) -> None:
        """Back to where the editor was opened from; unsaved edits are asked about first."""
        if self.form() == self.saved:
            self.app.pop_screen()
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard" or (choice == "save" and self.action_save()):
                self.app.pop_screen()

        self.app.push_screen(LeaveDialog(), chosen)

