"""The mock exam screen (模考): a whole paper against one clock, as the exam is sat.

Every question is a key away (F7 / F8), each with its prompt, requirements, 字数
count and answer, and beside it the 给定资料 it cites, with find (Ctrl+F) and jumps between
资料 (Alt+↑/↓). The clock counts down from the paper's 考试时限 and warns at 30 and 5
minutes; the time spent on each question (its answer in focus) is recorded, the rest counts
as reading. Answers are saved as drafts every two seconds and when the screen closes, with
the clock, so a crash or a closed terminal resumes the exam where it was. Ctrl+S twice hands
the paper in; so does the time running out.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Static, TextArea

from drill.errors import DrillError
from drill.exam import Exam, allocation, mark_answers, save_work, start, tick, to_mark
from drill.numbers import format_points
from drill.practice import Submission
from drill.report import duration
from drill.store.papers import save_paper_attempt
from drill.text import word_count
from drill.tui.navigation import OpenPaperResult
from drill.tui.widgets.answer_area import AnswerArea
from drill.tui.widgets.list_keys import after_queued_keys
from drill.tui.widgets.material import FIND_KEYS, FindsInMaterial, MaterialView
from drill.tui.widgets.text_box import TextBox

AUTOSAVE_SECONDS = 2.0
CONFIRM_SECONDS = 5.0  # the second Ctrl+S within this hands the paper in
NARROW = 100


class ExamScreen(FindsInMaterial, Screen[None]):
    """模考: sit a whole paper."""

    BINDINGS = [
        Binding("f7", "move(-1)", "上一题", id="previous_question", priority=True, tooltip="到上一道题"),
        Binding("f8", "move(1)", "下一题", id="next_question", priority=True, tooltip="到下一道题"),
        Binding("ctrl+s", "submit", "交卷", id="submit", priority=True, tooltip="评出每道题和总分（连按两次）"),
        Binding("f2", "toggle_focus", "材料/作答", id="toggle_focus", tooltip="在给定资料和作答之间切换"),
        *FIND_KEYS,
        Binding("alt+down", "section(1)", "下一则资料", id="next_section", priority=True, tooltip="跳到下一则给定资料", show=False),
        Binding("alt+up", "section(-1)", "上一则资料", id="previous_section", priority=True, tooltip="跳到上一则给定资料", show=False),
        Binding("escape", "leave", "离开", id="leave", tooltip="计时停下，作答已保存，回来接着做"),
    ]

    def __init__(self, paper_id: str) -> None:
        super().__init__()
        self.paper_id = paper_id
        self.exam: Exam | None = None
        self.index = 0
        self.saved: dict[str, str] = {}
        self.marking = False
        self._accounted = 0.0
        self._confirm_until = -1.0
        self._types: dict[str, str] = {}
        self._materials: dict[str, str] = {}  # the 给定资料 texts read, shared by the questions citing them
        self.handed_in = False  # the paper was stored: nothing left to keep

    @property
    def current(self) -> str:
        return self.exam.info.questions[self.index]

    def compose(self) -> ComposeResult:
        store = self.app.store
        self.exam = exam = start(store, self.paper_id)
        self.saved = dict(exam.answers)
        self.index = exam.info.questions.index(exam.state.current)
        self.reading, self.suggested = allocation(store, exam.info)
        yield Header()
        yield Static("", id="exam-bar", markup=False)
        yield Static("", id="exam-tabs")
        yield TextBox(placeholder="查找给定资料（回车下一处，Esc 关闭）", id="find-bar")
        self._types = {qid: store.question(qid).type for qid in exam.info.questions}
        # The question open is built now, the others when first visited: each holds its 给定资料,
        # hundreds of paragraphs that need not be laid out before they are read.
        with ContentSwitcher(initial=f"q-{self.index}", id="exam-questions"):
            yield self._pane(self.index)
        yield Static("", id="exam-status", markup=False)
        yield Footer(compact=True, show_command_palette=False)

    def _pane(self, i: int) -> Horizontal:
        """Question `i`'s pane: the 给定资料 it cites beside its requirements, prompt and answer."""
        store = self.app.store
        qid = self.exam.info.questions[i]
        question = store.question(qid)
        rubric = store.rubric(qid)[0]
        essay = rubric.essay if rubric else None
        said = question.requirement_text(essay.min_words if essay else None)
        unmarked = " · 没有参考答案：内容暂不评分" if rubric is None else ""
        return Horizontal(
            Vertical(MaterialView(store.material_shown(question, self._materials), id=f"material-{i}", classes="exam-material"), classes="material-side"),
            Vertical(
                Static(f"第{i + 1}题 · {question.type} · {said}{unmarked}", classes="exam-requirements", markup=False),
                Static(question.prompt, classes="exam-prompt", markup=False),
                AnswerArea(self.exam.answers.get(qid, ""), id=f"answer-{i}", classes="exam-answer", soft_wrap=True, show_line_numbers=False),
                classes="answer-side",
            ),
            id=f"q-{i}", classes="exam-question",
        )

    def on_mount(self) -> None:
        self._accounted = self.app.clock()
        self._focus_answer()
        if self.exam.state.elapsed:
            self.notify(f"接着上次的模考：已用 {duration(self.exam.state.elapsed)}，剩余 {duration(self.exam.left)}", timeout=5)
        self.set_interval(1.0, self._tick)
        self.set_interval(AUTOSAVE_SECONDS, self.save)
        self._show()

    def on_resize(self, event: Resize) -> None:
        """Stack the material over the answer when the terminal is narrow."""
        self.set_class(event.size.width < NARROW, "stacked")
        if self.exam is not None and self.is_mounted:
            self._show_tabs()

    # -- the clock ----------------------------------------------------------------------------

    def _answer(self, index: int | None = None) -> AnswerArea:
        return self.query_one(f"#answer-{self.index if index is None else index}", AnswerArea)

    def _focused_question(self) -> str | None:
        """The question whose answer has the focus (None: reading the material)."""
        focused = self.focused
        return self.current if isinstance(focused, AnswerArea) and focused.id == f"answer-{self.index}" else None

    def _tick(self) -> None:
        """Account the whole seconds passed since the last tick to the question in focus."""
        now = self.app.clock()
        whole = int(now - self._accounted)
        if whole <= 0 or self.marking:
            return
        self._accounted += whole
        said = tick(self.exam, whole, self._focused_question())
        if said:
            self.notify(said, title="时间", severity="warning", timeout=10)
        if self.exam.left == 0:
            self.notify("考试时间到：已自动交卷", title="时间", severity="warning", timeout=10)
            self._hand_in()
            return
        self._show_status()

    # -- showing --------------------------------------------------------------------------------

    def _show(self) -> None:
        self._show_tabs()
        self._show_status()

    def _show_tabs(self) -> None:
        tabs = Text()
        for i, qid in enumerate(self.exam.info.questions):
            count = word_count(self.exam.answers.get(qid, ""))
            kind = self._types[qid] if self.size.width >= NARROW else self._types[qid][:2]
            tabs.append(f" {i + 1} {kind} {count}字 ", style="reverse" if i == self.index else "")
            tabs.append(" ")
        if self.size.width >= NARROW:
            tabs.append(" F7/F8 换题")
        self.query_one("#exam-tabs", Static).update(tabs)

    def _show_status(self) -> None:
        exam = self.exam
        qid = self.current
        count = word_count(exam.answers.get(qid, ""))
        limit = self.app.store.question(qid).word_limit
        counter = f"字数 {count}/{limit}" if limit else f"字数 {count}"
        spent = exam.state.seconds.get(qid, 0)
        hint = f"（建议 {self.suggested[qid] // 60} 分钟）" if qid in self.suggested else ""
        left = f"剩余 {duration(exam.left)}"
        bar = self.query_one("#exam-bar", Static)
        bar.set_class(exam.left <= 5 * 60, "late")
        bar.update(f"{left} · 第{self.index + 1}/{len(exam.info.questions)}题 · 满分 {format_points(exam.info.points)} · {exam.info.title}", layout=False)
        saved = "正在评分…" if self.marking else ("已保存" if all(exam.answers.get(q, "") == self.saved.get(q, "") for q in exam.info.questions) else "未保存")
        self.query_one("#exam-status", Static).update(f"{counter} · 本题用时 {duration(spent)}{hint} · {saved} · Ctrl+S 交卷", layout=False)

    # -- moving -------------------------------------------------------------------------------

    def _focus_answer(self) -> None:
        self._answer().focus()

    async def _go(self, index: int) -> None:
        if self.marking or not 0 <= index < len(self.exam.info.questions):
            return
        self._take_typed()
        switcher = self.query_one("#exam-questions", ContentSwitcher)
        if not self.query(f"#q-{index}"):
            await switcher.mount(self._pane(index))
        self.index = index
        self.exam.state.current = self.current
        switcher.current = f"q-{index}"
        self.remove_class("finding")
        self._focus_answer()
        self._show()

    async def action_move(self, step: int) -> None:
        """The next or previous question."""
        await self._go(self.index + step)

    def action_toggle_focus(self) -> None:
        """Between the 给定资料 and the answer."""
        answer = self._answer()
        (self.query_one(f"#material-{self.index}", MaterialView) if answer.has_focus else answer).focus()

    # -- answers ------------------------------------------------------------------------------

    @on(TextArea.Changed, ".exam-answer")
    def _changed(self, event: TextArea.Changed) -> None:
        index = int(str(event.text_area.id).split("-")[1])
        self.exam.answers[self.exam.info.questions[index]] = event.text_area.text
        self._show()

    def _take_typed(self) -> None:
        """The text of every editor now, with the characters it has gathered inserted."""
        for i, qid in enumerate(self.exam.info.questions):
            for editor in self.query(f"#answer-{i}").results(AnswerArea):
                editor.flush_typed()
                self.exam.answers[qid] = editor.text

    def save(self) -> None:
        """Save the changed answers as drafts, and the clock."""
        if self.marking:
            return
        self._take_typed()
        changed = [q for q in self.exam.info.questions if self.exam.answers.get(q, "") != self.saved.get(q, "")]
        try:
            save_work(self.app.store, self.exam, changed)
        except DrillError as exc:
            self.app.report(exc)
            return
        self.saved.update((q, self.exam.answers.get(q, "")) for q in changed)
        self._show_status()

    def on_unmount(self) -> None:
        """Leaving (or the app closing) keeps the answers and the clock; the widgets are gone."""
        if self.exam is not None and not self.marking and not self.handed_in:
            changed = [q for q in self.exam.info.questions if self.exam.answers.get(q, "") != self.saved.get(q, "")]
            try:
                save_work(self.app.store, self.exam, changed)
            except DrillError:
                pass  # the app is closing: nothing left to show it on

    # -- the material -------------------------------------------------------------------------

    def material_view(self) -> MaterialView:
        """The 给定资料 of the question open: what find and the section jumps work on."""
        return self.query_one(f"#material-{self.index}", MaterialView)

    # -- leaving and handing in -------------------------------------------------------------------

    def action_leave(self) -> None:
        """Close the find bar; else leave the exam, kept as it is, to come back to."""
        if self.has_class("finding"):
            self.remove_class("finding")
            self._focus_answer()
            return
        self.save()
        self.app.pop_screen()

    def action_submit(self) -> None:
        """Ctrl+S, once the keys typed before it are in (`after_queued_keys`)."""
        after_queued_keys(self, self.submit)

    def submit(self) -> None:
        """Hand the paper in: the first Ctrl+S asks, the second (within five seconds) does."""
        if self.marking:
            return
        self._take_typed()
        now = self.app.clock()
        if now > self._confirm_until:
            self._confirm_until = now + CONFIRM_SECONDS
            blank = [f"第{i + 1}题" for i, q in enumerate(self.exam.info.questions) if not self.exam.answers.get(q, "").strip()]
            said = f"（{'、'.join(blank)}还没有作答）" if blank else ""
            self.notify(f"再按一次 Ctrl+S 交卷{said}；交卷后不能再改", title="交卷？", severity="warning", timeout=CONFIRM_SECONDS)
            return
        self._hand_in()

    def _hand_in(self) -> None:
        """Mark every answer in a thread, then store the paper and show its result."""
        self._take_typed()
        try:
            answers = to_mark(self.app.store, self.exam)
        except DrillError as exc:
            self.app.report(exc)
            return
        self.marking = True
        for editor in self.query(AnswerArea):
            editor.read_only = True
        self._show_status()
        self.run_worker(partial(self._mark, answers), thread=True, group="marking", exit_on_error=False)

    def _mark(self, answers: list[Submission]) -> None:
        marked = mark_answers(answers)
        self.app.call_from_thread(self._marked, marked)

    def _marked(self, marked) -> None:
        try:
            sat = save_paper_attempt(self.app.store, self.exam.info, marked, self.exam.state)
        except DrillError as exc:
            self.marking = False
            for editor in self.query(AnswerArea):
                editor.read_only = False
            self.app.report(exc)
            self._show_status()
            return
        self.handed_in = True
        self.post_message(OpenPaperResult(sat.id, replace=True))
