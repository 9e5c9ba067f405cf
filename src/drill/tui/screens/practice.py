"""The practice screen: material beside the question, an answer editor with 字数 and a clock.

The material can be searched (Ctrl+F, F3) and walked by section (Alt+↑/↓); the layout is
side by side on wide terminals and stacked on narrow ones. The clock counts up, or down from
a suggested time (F5, Ctrl+T to set it), and pauses (F4). The answer can be shown on
方格稿纸 (Ctrl+G) and held to the 字数 limit (Ctrl+L). The draft is written to the database
every two seconds while it changes, and when the screen closes, so quitting, a crash or a
closed terminal loses at most two seconds of typing.
"""

from __future__ import annotations

from functools import partial

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Static, TextArea

from drill.tui.widgets.text_box import TextBox
from drill.errors import DrillError
from drill.marker.deductions import allowed_words
from drill.models import LimitRule
from drill.practice import Submission, prepare, save_mark
from drill.reading import suggested_minutes
from drill.report import duration
from drill.text import word_count
from drill.tui.dialogs.timer import TimerDialog
from drill.tui.navigation import OpenResult
from drill.tui.widgets.answer_area import AnswerArea
from drill.tui.widgets.list_keys import after_queued_keys
from drill.tui.widgets.material import FIND_KEYS, FindsInMaterial, MaterialView
from drill.tui.widgets.paper import PaperView

AUTOSAVE_SECONDS = 2.0
NARROW = 100  # below this many columns, material and answer are stacked
WARN_AT = (300, 60)  # seconds left when the countdown warns


def within_cap(old: str, new: str, limit: int) -> tuple[str, int, int]:
    """`new` (an edit of `old`) with as much of what the edit inserted as keeps it within
    `limit` 字: the text, the offset where the kept insertion ends, and how many 字 were kept."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    tail = 0
    while tail < min(len(old), len(new)) - start and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    inserted, after = new[start:len(new) - tail], new[len(new) - tail:]
    room = limit - word_count(new[:start] + after)
    kept, count = [], 0
    for character in inserted:
        counted = not character.isspace()
        if counted and count >= room:
            break
        kept.append(character)
        count += counted
    text = new[:start] + "".join(kept)
    return text + after, len(text), count


def location_of(text: str, offset: int) -> tuple[int, int]:
    """The (row, column) of character `offset` of `text` in an editor."""
    before = text[:offset]
    return before.count("\n"), len(before) - (before.rfind("\n") + 1)


class PracticeScreen(FindsInMaterial, Screen[None]):
    """作答: write an answer to one question."""

    BINDINGS = [
        Binding("ctrl+s", "submit", "提交", id="submit", priority=True, tooltip="提交作答并看评分"),
        Binding("escape", "leave", "返回", id="leave", tooltip="回到题库（草稿已保存）"),
        Binding("f2", "toggle_focus", "材料/作答", id="toggle_focus", tooltip="在材料和作答之间切换"),
        *FIND_KEYS,
        Binding("alt+down", "section(1)", "下一节", id="next_section", priority=True, tooltip="材料的下一节", show=False),
        Binding("alt+up", "section(-1)", "上一节", id="previous_section", priority=True, tooltip="材料的上一节", show=False),
        Binding("f4", "pause", "暂停", id="pause", tooltip="暂停计时；暂停时作答不可编辑"),
        Binding("f5", "countdown", "倒计时", id="countdown", tooltip="正计时与倒计时之间切换", show=False),
        Binding("ctrl+t", "set_timer", "设定时间", id="set_timer", priority=True, tooltip="设定倒计时的分钟数", show=False),
        Binding("ctrl+g", "paper", "稿纸", id="paper", priority=True, tooltip="方格稿纸：按格数看字数", show=False),
        Binding("ctrl+l", "cap", "字数上限", id="cap", priority=True, tooltip="字数到上限后不再接受输入（开或关）", show=False),
    ]

    def __init__(self, question_id: str, typed: str = "") -> None:
        super().__init__()
        self.question_id = question_id
        self._typed = typed  # typed for the answer before the screen opened (`OpenPractice.typed`)
        self.question = None
        self._saved_text: str | None = None
        self._text = ""
        self._base_seconds = 0
        self._started = 0.0
        self._paused_at: float | None = None
        self._paused_for = 0.0
        self.countdown_minutes = 0  # 0: the clock counts up
        self._warned: set[int] = set()
        self.capped = False
        self.marking = False  # a submitted answer is being marked (in a thread)
        self._status_due = False

    def compose(self) -> ComposeResult:
        store = self.app.store
        self.question = store.question(self.question_id)
        draft = store.draft(self.question_id)
        self._base_seconds = draft.seconds if draft else 0
        self._saved_text = self._text = draft.answer if draft else ""
        yield Header()
        with Horizontal(id="practice"):
            with Vertical(id="material-side"):
                yield TextBox(placeholder="查找材料（回车下一处，Esc 关闭）", id="find-bar")
                yield MaterialView(store.material_shown(self.question), id="material-pane")
            with Vertical(id="answer-pane"):
                rubric = store.rubric(self.question_id)[0]
                essay = rubric.essay if rubric else None
                requirements = self.question.requirement_text(essay.min_words if essay else None)
                yield Static(f"{self.question.id} · {self.question.type} · {requirements}", id="requirements", markup=False)
                yield Static(self.question.prompt, id="prompt", markup=False)
                yield AnswerArea(self._saved_text, id="answer", soft_wrap=True, show_line_numbers=False)
                yield PaperView(id="paper")
                yield Static("", id="status")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        self._started = self.app.clock()
        editor = self.query_one("#answer", TextArea)
        editor.focus()
        if self._saved_text:
            editor.move_cursor(editor.document.end)  # go on writing where the draft ended
            self.notify("已恢复上次保存的草稿", timeout=3)
        if self._typed:
            editor.insert(self._typed)
        self.set_interval(1.0, self._update_status)
        self.set_interval(AUTOSAVE_SECONDS, self.save_draft)
        self._update_status()

    def on_resize(self, event: Resize) -> None:
        """Stack material over answer when the terminal is narrow."""
        self.set_class(event.size.width < NARROW, "stacked")

    # -- time -------------------------------------------------------------------------------

    @property
    def answer(self) -> str:
        """The text in the editor (kept on the screen too, so it outlives the widget at unmount)."""
        return self._text

    @property
    def seconds(self) -> int:
        """Time spent on this question, drafts included, pauses left out."""
        now = self.app.clock()
        paused = self._paused_for + (now - self._paused_at if self._paused_at is not None else 0.0)
        return self._base_seconds + int(now - self._started - paused)

    def clock_text(self) -> str:
        """用时 mm:ss, or 剩余 mm:ss / 超时 mm:ss when counting down."""
        if not self.countdown_minutes:
            return f"用时 {duration(self.seconds)}"
        left = self.countdown_minutes * 60 - self.seconds
        return f"剩余 {duration(left)}" if left >= 0 else f"超时 {duration(-left)}"

    def _update_status(self) -> None:
        """Redraw the status line: 字数, clock, draft. It is one line high, so new text needs no
        layout of the screen, and its classes are set only when they change (each key calls this)."""
        count = word_count(self.answer)
        status = self.query_one("#status", Static)
        limit = self.question.word_limit
        classes = set()
        if limit:
            allowed = allowed_words(self.question, LimitRule())
            if count > allowed:
                classes.add("over")
            if 0.9 * limit <= count <= allowed:
                classes.add("near")
            counter = f"字数 {count}/{limit}"
        else:
            counter = f"字数 {count}"
        if self.countdown_minutes:
            left = self.countdown_minutes * 60 - self.seconds
            if left < 0:
                classes.add("late")
            for mark in WARN_AT:
                if left <= mark and mark not in self._warned and left >= 0:
                    self._warned.add(mark)
                    self.notify(f"还剩 {mark // 60} 分钟", title="时间", severity="warning")
        for name in ("near", "over", "late"):
            if (name in classes) != status.has_class(name):
                status.set_class(name in classes, name)
        if self.marking:
            status.update(f"{counter} · {self.clock_text()} · 正在评分…", layout=False)
            return
        paused = " · 已暂停（F4 继续）" if self._paused_at is not None else ""
        saved = "草稿已保存" if self.answer == self._saved_text else "草稿未保存"
        cap = " · 限字" if self.capped else ""
        status.update(f"{counter}{cap} · {self.clock_text()}{paused} · {saved} · Ctrl+S 提交", layout=False)

    def action_pause(self) -> None:
        """Stop the clock, or start it again; while it is stopped the answer cannot be edited."""
        now = self.app.clock()
        editor = self.query_one("#answer", TextArea)
        if self._paused_at is None:
            self._paused_at = now
            editor.read_only = True
            self.notify("已暂停：计时停止，作答不可编辑（F4 继续）", timeout=3)
        else:
            self._paused_for += now - self._paused_at
            self._paused_at = None
            editor.read_only = False
        self._update_status()

    def action_countdown(self) -> None:
        """Count down from the suggested time, or count up again."""
        self.countdown_minutes = 0 if self.countdown_minutes else suggested_minutes(self.question)
        self._warned.clear()
        self._update_status()

    def action_set_timer(self) -> None:
        """Set the countdown in minutes (0 counts up)."""
        def chosen(minutes: int | None) -> None:
            if minutes is not None:
                self.countdown_minutes = minutes
                self._warned.clear()
                self._update_status()

        self.app.push_screen(TimerDialog(self.countdown_minutes or suggested_minutes(self.question)), chosen)

    # -- the answer -------------------------------------------------------------------------

    @on(TextArea.Changed, "#answer")
    def _answer_changed(self, event: TextArea.Changed) -> None:
        editor = event.text_area
        limit = self.question.word_limit
        if self.capped and limit and word_count(editor.text) > limit >= word_count(self._text):
            kept, end, cut = within_cap(self._text, editor.text, limit)
            editor.load_text(kept)
            editor.move_cursor(location_of(kept, end))
            said = f"粘贴的内容只写入了前 {cut} 字" if cut else "超出的字没有写入"
            self.notify(f"已到字数上限 {limit}：{said}（Ctrl+L 取消限字）", severity="warning", timeout=3)
            return
        self._text = editor.text
        if self.has_class("paper"):
            self.query_one("#paper", PaperView).show(self._text, self.question.word_limit)
        # One redraw for a burst of changes (a paste typed in as keys is one change a character).
        if not self._status_due:
            self._status_due = True
            self.call_later(self._changes_shown)

    def _changes_shown(self) -> None:
        self._status_due = False
        self._update_status()

    def action_paper(self) -> None:
        """Show the answer on 方格稿纸, or the editor again."""
        self.toggle_class("paper")
        if self.has_class("paper"):
            self.query_one("#paper", PaperView).show(self._text, self.question.word_limit)
        else:
            self.query_one("#answer", TextArea).focus()

    def action_cap(self) -> None:
        """Hold the answer to the 字数 limit, or let it run over."""
        if not self.question.word_limit:
            self.notify("本题没有字数限制")
            return
        self.capped = not self.capped
        self.notify("已限制字数：超出上限的输入不会写入" if self.capped else "已取消限字", timeout=3)
        self._update_status()

    def _take_typed(self) -> None:
        """Insert the characters the editor has gathered and take its text now, not when its
        change message comes (leaving, submitting or saving may come first)."""
        for editor in self.query("#answer").results(AnswerArea):
            editor.flush_typed()
            limit = self.question.word_limit
            if not (self.capped and limit and word_count(editor.text) > limit):
                self._text = editor.text

    def save_draft(self) -> None:
        """Write the draft if it changed since the last save, and say so in the status line."""
        self._take_typed()
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
            self._take_typed()
            self._write_draft()

    # -- the material -------------------------------------------------------------------------

    def action_toggle_focus(self) -> None:
        """Move between the material and the answer editor."""
        editor = self.query_one("#answer", TextArea)
        (self.query_one(MaterialView) if editor.has_focus else editor).focus()

    # -- leaving ------------------------------------------------------------------------------

    def action_leave(self) -> None:
        """Close the find bar if it is open; else back to the list, keeping the draft."""
        if self.has_class("finding"):
            self.remove_class("finding")
            self.query_one("#answer", TextArea).focus()
            return
        self.save_draft()
        self.app.pop_screen()

    def action_submit(self) -> None:
        """Ctrl+S: submit, once the keys typed before it are in (`after_queued_keys`: typing and
        Ctrl+S in one burst submitted the answer without its last characters, or said it was empty)."""
        after_queued_keys(self, self.submit)

    def submit(self) -> None:
        """Mark the answer in a thread (the screen says so and stays responsive), then store
        the attempt and show the result."""
        self._take_typed()
        text = self.answer
        if self.marking:
            return
        if not text.strip():
            self.notify("作答为空：写下答案后再提交", severity="warning")
            return
        try:
            submission = prepare(self.app.store, self.question_id, text, seconds=self.seconds)
        except DrillError as exc:
            self.app.report(exc)
            return
        self.marking = True
        editor = self.query_one("#answer", TextArea)
        editor.read_only = True
        editor.loading = True
        self._update_status()
        self.run_worker(partial(self._mark, submission), thread=True, group="marking", exit_on_error=False)

    def _mark(self, submission: Submission) -> None:
        """In a thread: the mark alone; storing it is done back on the app's thread."""
        mark = submission.mark()
        self.app.call_from_thread(self._marked, submission, mark)

    def _marked(self, submission: Submission, mark) -> None:
        self.marking = False
        try:  # stored first: the app may be closing, its widgets gone, as the mark comes in
            attempt = save_mark(self.app.store, submission, mark)
        except DrillError as exc:
            attempt = None
            self.app.report(exc)
        else:
            self._saved_text = submission.answer  # submitted: nothing left to keep as a draft
        try:
            editor = self.query_one("#answer", TextArea)
        except NoMatches:
            return
        editor.loading = False
        editor.read_only = self._paused_at is not None
        if attempt is None:
            self._update_status()
            return
        self.post_message(OpenResult(attempt.id, replace=True))
