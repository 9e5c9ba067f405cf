"""The home screen: every question with its best score so far, filtered as you type.

The list is a `VirtualTable`: only the rows on screen are read and drawn, so a bank of
100,000 questions opens and filters as fast as a small one."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import partial
from pathlib import Path

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from drill.tui.dialogs.import_file import ImportDialog
from drill.tui.widgets.text_box import TextBox
from drill.catalog import QuestionSearch
from drill.numbers import format_points
from drill.progress import due_text
from drill.report import limit_text
from drill.store import search_texts_at
from drill.store.database import Listed
from drill.store.progress import Due
from drill.tui.navigation import (
    OpenCharts, OpenEditor, OpenHistory, OpenPapers, OpenPractice, OpenProfiles, OpenReview, OpenRubricTest, OpenWeakPoints,
)
from drill.tui.widgets.list_keys import after_queued_keys, focus_box, list_key
from drill.tui.widgets.virtual_table import Column, VirtualTable


def short_source(source: str) -> str:
    """A source as the list can show it: the document's name without its digest and extension,
    and the last part of the place in it (001_b43d7cd7380caf35.txt#实战应用/问题2 → 001·问题2)."""
    name, _, place = source.partition("#")
    name = re.sub(r"_[0-9a-f]{8,}$", "", re.sub(r"\.(txt|md|docx?|pdf)$", "", Path(name).name))
    place = place.rsplit("/", 1)[-1]
    return f"{name}·{place}" if name and place else name or place


class HomeScreen(Screen[None]):
    """题库: pick a question to practise."""

    BINDINGS = [
        Binding("enter", "practise", "练习", id="practise", priority=True, tooltip="练习光标所在的题目"),
        Binding("ctrl+r", "history", "历史", id="history", tooltip="看全部作答记录，打开、对比或人工评分"),
        Binding("ctrl+f,slash", "focus_filter", "筛选", id="filter", tooltip="按题号、题型、来源或题目字词筛选（在列表上直接打字也可）", show=False),
        Binding("ctrl+n", "next", "下一题", id="next", tooltip="按复习计划（FSRS）练最该练的一题"),
        Binding("ctrl+b", "weak", "薄弱点", id="weak", tooltip="最常失分的采分点"),
        Binding("ctrl+g", "charts", "走势", id="charts", tooltip="各题、各题型得分率的走势"),
        Binding("ctrl+y", "papers", "试卷", id="papers", priority=True, tooltip="整份真题试卷：按考试时限模考"),
        Binding("ctrl+o", "profiles", "切换用户", id="profiles", tooltip="换一个考生练习，或新建用户", show=False),
        Binding("f8", "test_rubric", "测试评分标准", id="test_rubric", tooltip="用人工评过分的答案检验这道题的评分标准", show=False),
        Binding("f6", "edit", "编辑题目", id="edit", tooltip="编辑这道题和它的评分标准", show=False),
        Binding("f7", "new", "新题目", id="new", tooltip="写一道新题和它的评分标准", show=False),
        Binding("f9", "import", "导入", id="import", tooltip="导入真题试卷、文档、题目文件或题目表到你的题库", show=False),
        Binding("f4", "review", "考生成绩", id="review", tooltip="每位考生每道题的成绩和常失分的采分点（教师用）", show=False),
    ]

    COLUMNS = (
        Column("题号", 18), Column("题型", 8), Column("分值", 4), Column("字数", 6), Column("最好", 6),
        Column("复习", 6), Column("草稿", 6), Column("来源", 10), Column("题目"),
    )

    search: QuestionSearch | None = None
    bank_version = ""
    next_id: str | None = None
    open_when_ready = False  # Enter was pressed in the filter before the texts to filter by came
    typed_ahead = ""  # … and what was typed after it, for the answer (`_typed_after`)
    shown_for: str | None = None  # the filter the list shows the questions of

    def compose(self) -> ComposeResult:
        yield Header()
        yield TextBox(placeholder="筛选：题号、题型、来源或题目中的字词", id="filter")
        yield VirtualTable(self.COLUMNS, self._fetch, id="questions")
        yield Static("", id="selected-prompt")
        yield Static("", id="count")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        # No reload here: Textual resumes a screen when it is first shown too.
        self.query_one("#questions", VirtualTable).focus()

    def on_screen_resume(self) -> None:
        """Best scores and the queue change after practice: read them again when coming back."""
        self.reload()

    def reload(self) -> None:
        """Read the bank's ids and search texts (only when the bank changed) and the
        practise-next queue, then show the list; the cells are read as rows come into view."""
        store = self.app.store
        version = store.bank_version()
        if self.search is None or version != self.bank_version:
            self.bank_version = version
            self.query_one("#questions", VirtualTable).set_width(0, max(4, min(24, store.longest_id())))
            if store.path is None:
                self.search = QuestionSearch([], store.search_texts())
            else:  # the list shows at once; the texts to filter by come from a thread
                self.search = QuestionSearch(store.question_ids())
                # After the first paint: the thread would otherwise hold the GIL while the list draws.
                work = partial(self._read_texts, store.path, self.bank_version)
                self.call_after_refresh(self.run_worker, work, thread=True, group="search", exclusive=True)
        self.refresh_list()
        self.query_one("#questions", VirtualTable).refresh_rows()
        # The queue is read just after the list is drawn (it reads the scheduler, which the
        # first screen need not wait for); Ctrl+N before then reads it at once.
        self.call_after_refresh(self._read_queue)

    def _read_queue(self) -> None:
        queue = self.app.store.queue()
        self.next_id = queue[0].question if queue else None
        self.refresh_list()

    def _read_texts(self, path: Path, version: str) -> None:
        texts = search_texts_at(path)
        self.app.call_from_thread(self._texts_read, version, texts)

    def _texts_read(self, version: str, texts: list[tuple[str, str]]) -> None:
        if version == self.bank_version and self.search is not None:
            self.search.load(texts)
            self.refresh_list()
            if self.open_when_ready:
                self.open_when_ready = False
                self.practise(self.typed_ahead)

    def refresh_list(self) -> None:
        """Show the questions matching the filter (the search texts are in memory: typing queries nothing)."""
        try:
            self._show_found()
        except NoMatches:
            pass  # the screen is being taken down (the app closing as the search texts came in)

    def _show_found(self) -> None:
        wanted = self.query_one("#filter", Input).value
        found = self.search.find(wanted)
        total = len(self.search.ids)
        if found is None:
            self.query_one("#count", Static).update(f"{total} 题 · 正在准备筛选…", layout=False)
            return
        self.query_one("#questions", VirtualTable).set_rows(found)
        self.shown_for = wanted
        shown = f"{len(found)} / {total} 题" if len(found) != total else f"{total} 题"
        self.query_one("#count", Static).update(f"{shown} · Enter 练习 · Ctrl+N 下一题（{self.next_id or '—'}）· Ctrl+R 历史", layout=False)

    def _fetch(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        """The cells of the rows coming into view: their questions, best scores and due dates."""
        store = self.app.store
        questions = store.listed(keys)
        progress = store.progress(keys)
        drafts = store.draft_sizes(keys)
        now = datetime.now().astimezone()
        cells = {}
        for qid, question in questions.items():
            due, best = progress.get(qid, (Due(qid, None, 0.0, None), None))
            cells[qid] = self._cells(question, best, due_text(due, now), drafts.get(qid))
        return cells

    @staticmethod
    def _cells(q: Listed, best: float | None, due: str, draft: int | None) -> tuple[str, ...]:
        prompt = q.prompt.replace("\n", " ")
        return (
            q.id,
            q.type,
            format_points(q.points),
            limit_text(q),
            "—" if best is None else f"{format_points(best)}/{format_points(q.points)}",
            due,
            "" if draft is None else f"✎{draft}字",
            short_source(q.source),
            prompt[:80],
        )

    @on(VirtualTable.Highlighted, "#questions")
    def _highlighted(self, event: VirtualTable.Highlighted) -> None:
        """The question under the cursor, its prompt whole, under the list."""
        shown = self.query_one("#selected-prompt", Static)
        listed = self.app.store.listed([event.key]).get(event.key) if event.key else None
        if listed is None:
            shown.update("")
            return
        source = f"（来源 {listed.source}）" if listed.source else ""
        shown.update(Text(f"{listed.id} · {listed.type}：{listed.prompt.strip()}{source}"))

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.open_when_ready = False
        self.refresh_list()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter in the filter is the filter's: it submits once the keys typed before it are in
        the box (a fast typist's, a paste's), and `_filter_submitted` opens the question then.
        Taken at once, as a priority binding is, it opened the row under the cursor of a list
        not yet filtered."""
        if action == "practise" and self.focused is not None and self.focused.id == "filter":
            return False
        return True

    def on_key(self, event: events.Key) -> None:
        """Typing on the list types into the filter (as in a file picker), the arrows in the
        filter move the list: the same on every list."""
        list_key(event, self.query_one("#filter", Input), self.query_one("#questions", VirtualTable))

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter: the keys read after it are held for the answer
        (`DrillApp.hold_keys`); those the filter was given already are taken back from it once
        they are in it (`_typed_after`)."""
        self.app.hold_keys("open")
        after_queued_keys(self, lambda: self.practise(self._typed_after(event.value)))
        self.query_one("#questions", VirtualTable).focus()

    def _typed_after(self, before: str) -> str:
        """What came into the filter after Enter, when it held `before` (keys in one burst, as
        a paste or tmux sends them: `s003-q2 Enter 一是……`): the answer's, not the filter's. The
        filter is put back as it was at Enter, and what was added to it returned, for the
        question to open with."""
        box = self.query_one("#filter", Input)
        after = box.value
        if after == before:
            return ""
        with box.prevent(Input.Changed):  # (a change of the filter would call off an open waiting for the texts)
            box.value = before
        return after[len(before) :] if after.startswith(before) else ""

    @on(VirtualTable.RowSelected, "#questions")
    def _row_selected(self, event: VirtualTable.RowSelected) -> None:
        self._open(event.key)

    def current_id(self) -> str | None:
        """The id of the question under the cursor, if any."""
        return self.query_one("#questions", VirtualTable).cursor_key

    def action_practise(self) -> None:
        """Enter: practise, once the keys that came before it are in (`after_queued_keys`:
        `C-f s003-q2 Enter` in one burst opened s000-q1, the row under the cursor before them);
        the keys after it are held for the answer (`DrillApp.hold_keys`)."""
        self.app.hold_keys("open")
        after_queued_keys(self, self.practise)

    def practise(self, typed: str = "") -> None:
        """Practise the question under the cursor, its answer begun with `typed`; with a filter
        typed before the texts to filter by came (from a thread), the first question it finds
        once they come: the row under the cursor is not yet what was asked for."""
        wanted = self.query_one("#filter", Input).value
        if self.search is not None and self.search.find(wanted) is None:
            self.open_when_ready, self.typed_ahead = True, typed
            self.query_one("#count", Static).update("正在准备筛选…（准备好就打开筛出的第一题）", layout=False)
            return
        if wanted != self.shown_for:
            self.refresh_list()  # typed, but not yet listed: the row under the cursor is not the one
        question_id = self.current_id()
        if question_id:
            self._open(question_id, typed)
        else:
            self.app.release_keys("open")  # nothing to open: they are the filter's after all

    def _open(self, question_id: str, typed: str = "") -> None:
        self.app.hold_keys("open")  # (a row chosen, Ctrl+N: what is typed from now is the answer's)
        self.post_message(OpenPractice(question_id, typed=typed))

    def action_history(self) -> None:
        """Open the history of attempts."""
        self.post_message(OpenHistory())

    def action_focus_filter(self) -> None:
        """Put the cursor in the filter box."""
        focus_box(self.query_one("#filter", Input))

    def action_next(self) -> None:
        """Practise the first question of the practise-next queue (spaced repetition, FSRS)."""
        if self.next_id is None:
            self._read_queue()
        if self.next_id:
            self._open(self.next_id)

    def action_papers(self) -> None:
        """Open the papers, to sit one as a mock exam."""
        self.post_message(OpenPapers())

    def action_charts(self) -> None:
        """Open the charts of marks over time."""
        self.post_message(OpenCharts())

    def action_weak(self) -> None:
        """Open the 采分点 most often missed."""
        self.post_message(OpenWeakPoints())

    def _for_current(self, make: Callable[[str], Message]) -> None:
        question_id = self.current_id()
        if question_id:
            self.post_message(make(question_id))

    def action_test_rubric(self) -> None:
        """Test the rubric of the question under the cursor against answers graded by hand."""
        self._for_current(OpenRubricTest)

    def action_profiles(self) -> None:
        """Choose another candidate's profile, or add one."""
        self.post_message(OpenProfiles())

    def action_edit(self) -> None:
        """Edit the question under the cursor and its rubric."""
        self._for_current(OpenEditor)

    def action_new(self) -> None:
        """Write a new question and its rubric."""
        self.post_message(OpenEditor())

    def action_review(self) -> None:
        """Every candidate's marks at every question."""
        self.post_message(OpenReview())

    def action_import(self) -> None:
        """Import a paper, a document, a question file or a table into the bank (as `drill import`)."""

        def chosen(path) -> None:
            if path is not None:
                self.app.import_file(path)

        self.app.push_screen(ImportDialog(), chosen)
