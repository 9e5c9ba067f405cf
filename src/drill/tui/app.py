"""The drill Textual app: holds the store and owns navigation.

Screens ask to go somewhere with a message (`navigation.py`); the app opens that screen, or
pops back to it when it is open already. Screens import widgets, dialogs and the core,
never each other. Each screen but the list (and the profile chooser) is imported when first
opened, with the core it marks with: the first screen shows without them.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import Awaitable, Callable, Iterable
from functools import partial
from pathlib import Path

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.css.query import NoMatches
from textual.message import Message
from textual.screen import Screen

from drill.errors import DrillError
from drill.store import Store
from drill.store.bank_sync import bank_changed
from drill.tui import navigation as go
from drill.tui.screens.home import HomeScreen
from drill.tui.screens.profiles import ProfileScreen
from drill.tui.collection import install as install_collection
from drill.tui.overlays import install as install_whole_wide_characters
from drill.tui.styles_cache import install as install_styles_cache
from drill.tui.wrapping import install as install_line_breaking

install_line_breaking()
install_whole_wide_characters()
install_styles_cache()
install_collection()

# The longest keys are held (`DrillApp.hold_keys`): a question opens in a tenth of a second;
# if what they wait for has not come by then, they go where the focus is.
HOLD_AT_MOST = 3.0
REPORT_SHOWN = 10.0  # seconds an error stays on screen (`DrillApp.report`)


class DrillApp(App[None]):
    """Practise 申论 questions: home → practice → result, and history."""

    CSS_PATH = "drill.tcss"
    TITLE = "drill · 申论练习"
    BINDINGS = [
        Binding("ctrl+q", "quit", "退出", id="quit", tooltip="退出 drill（作答草稿已保存）"),
        Binding("f1", "toggle_help", "帮助", id="help", tooltip="本屏的按键和编辑键"),
    ]

    def __init__(self, store: Store, clock: Callable[[], float] = time.monotonic, choose_profile: bool = False, start: Message | None = None) -> None:
        super().__init__()
        # Where to go over the list at once (`drill new`, `drill edit ID`): a navigation message.
        self.start = start
        self.store = store
        # The practice clock reads this; tests fix it so that screens are reproducible.
        self.clock = clock
        self.choose_profile = choose_profile
        # The connection of a damage check running in a thread, interrupted if the app leaves first.
        self._checking: list = []
        self._marker_loading = False  # the marker's tables asked for (`_load_marker`)
        self._held_keys: list[events.Key] | None = None  # keys read while they are held (`hold_keys`)
        self._holds: set[str] = set()  # what they are held for
        self._holding = None  # the timer that gives them back if they are not released
        self._reported: dict[tuple[str, str], float] = {}  # each error on screen, and when it was shown (`report`)

    def on_mount(self) -> None:
        """Open the question list (or the profile choice, when several candidates share the machine)."""
        self.sub_title = f"用户：{self.store.user}"
        if self.choose_profile and len(self.store.users()) > 1:
            self.push_screen(ProfileScreen())
        else:
            self.push_screen(HomeScreen())
            if self.start is not None:
                self.post_message(self.start)
        self._warn(self.store.problems)
        for note in self.store.notes:
            self.notify(note, severity="warning", timeout=15)
        if not self.is_headless:
            self._leave_on_signals()
            if sys.__stderr__ is not None and sys.__stderr__.isatty():
                self.set_interval(1.0, self._check_terminal)
        if self.store.path is not None:
            self.call_after_refresh(self.run_worker, partial(self._check_bank, self.store.bank_version()), thread=True, group="bank")
            if self.store.checked_at_open is False:  # too large to check as it opened: checked meanwhile
                self.call_after_refresh(self.run_worker, self._check_damage, thread=True, group="damage")

    def _check_damage(self) -> None:
        """In a thread: SQLite's quick check of a large database; a damaged one is said at once."""
        from drill.store.opening import damage, damaged_error

        found = damage(self.store.path, self._checking)
        if found:
            self.call_from_thread(self.report, damaged_error(self.store.path, found))

    def on_unmount(self) -> None:
        import sqlite3

        for con in self._checking:
            try:
                con.interrupt()
            except sqlite3.ProgrammingError:
                pass  # the check had finished

    def _leave_on_signals(self) -> None:
        """A closed terminal's hang-up (SIGHUP) or a kill (SIGTERM: a shutdown, `kill`) leaves
        as Ctrl+Q does: the screens unmount and save the answer being written. Python's own
        way with both signals ends the process at once, and what was typed since the last
        autosave (up to two seconds) was lost."""
        loop = asyncio.get_running_loop()
        for name in ("SIGHUP", "SIGTERM"):
            if (number := getattr(signal, name, None)) is not None:  # (Windows has no SIGHUP)
                try:
                    loop.add_signal_handler(number, self.exit)
                except (NotImplementedError, RuntimeError, ValueError):
                    pass  # (no signal handlers on this platform's loop, or not in the main thread)

    def _check_terminal(self) -> None:
        """Leave when the terminal is gone. A closed terminal usually sends a hang-up signal;
        when it does not (its window closed under a program that started its own session),
        Textual would spin on the closed input at full CPU. Leaving unmounts the screens, and
        the practice screen saves the answer being written on its way out."""
        try:
            os.write(sys.__stderr__.fileno(), b"")
        except OSError:
            self.exit()

    def _warn(self, problems: list[str]) -> None:
        for problem in problems:
            self.notify(problem, title="题库文件有问题", severity="warning", timeout=15)

    def _check_bank(self, version: str) -> None:
        """In a thread: if the bank files changed since the tables were built, rebuild them
        (on a connection of this thread) and have the screens read them again."""
        if not bank_changed(self.store.roots, version):
            return
        try:
            other = Store(self.store.path, roots=self.store.roots, user=self.store.user)
        except DrillError as exc:
            self.call_from_thread(self.report, exc)
            return
        problems = other.problems
        other.close()
        self.call_from_thread(self._bank_rebuilt, problems)

    def rebuild_bank(self, then: Callable[[list[str] | None], None]) -> None:
        """Rebuild the bank tables from the files (after the editor wrote some) in a thread;
        `then(problems)` on this thread once done (None: it failed, and the error was shown)."""
        if self.store.path is None:  # an in-memory database has only this connection
            self._bank_rebuilt(self.store.sync_bank())
            then(self.store.problems)
            return
        self.run_worker(partial(self._rebuild, then), thread=True, group="rebuild")

    def _rebuild(self, then: Callable[[list[str] | None], None]) -> None:
        try:
            other = Store(self.store.path, roots=self.store.roots, user=self.store.user)
        except DrillError as exc:
            self.call_from_thread(self.report, exc)
            self.call_from_thread(then, None)
            return
        problems = other.problems
        other.close()
        self.call_from_thread(self._bank_rebuilt, problems)
        self.call_from_thread(then, problems)

    def import_file(self, path: Path) -> None:
        """Import a file into the instructor's own bank in a thread (`bank.importing.run`, as
        `drill import` does), rebuild the bank, and say what was made."""
        from drill.bank.importing.run import Known

        if any(worker.group in ("import", "rebuild") and not worker.is_finished for worker in self.workers):
            self.notify("上一个导入（或题库重建）还没有完成，完成后再导入", severity="warning", timeout=5)
            return  # (two at once would both take the same paper for new)
        self.notify(f"正在导入 {path.name}…", timeout=3)
        self.run_worker(partial(self._import, path, Known.of(self.store)), thread=True, group="import")

    def _import(self, path: Path, known) -> None:
        from drill.bank.importing.run import import_one

        try:
            done = import_one(path, known, self.store.own_root)
        except DrillError as exc:
            self.call_from_thread(self.report, exc)
            return
        except Exception as exc:  # noqa: BLE001 - a file the importer does not expect must not end the app (and its answers)
            self.call_from_thread(self.report, DrillError(f"没能导入 {path.name}：读它时出了 drill 没料到的错（{type(exc).__name__}: {exc}）"))
            return
        self.call_from_thread(self.rebuild_bank, lambda problems: self._imported(path, done, problems))

    def _imported(self, path: Path, done, problems: list[str] | None) -> None:
        if problems is None:  # (the rebuild failed, and said why: the files were written)
            return
        if not done.created:
            self.notify(f"没有导入：{path.name} 里的题目题库里都有了（{'、'.join(done.skipped[:5])}）", timeout=8)
            return
        said = f"已导入 {path.name}：{len(done.created)} 道题（{'、'.join(done.created[:5])}{' 等' if len(done.created) > 5 else ''}）"
        if done.paper:
            said += f"，试卷 {done.paper}：Ctrl+Y 模考"
        if done.skipped:
            said += f"；{len(done.skipped)} 道题库里已有，没有再导入"
        if done.unmarked:
            said += f"。{len(done.unmarked)} 道没有参考答案：F6 编辑加上后才评内容"
        self.notify(said, title="导入", timeout=12)

    def rescore(self, question_id: str, progress: Callable[[int, int], None], then: Callable[[int | None, int], None]) -> None:
        """Re-mark every profile's attempts at a question with its saved rubric (`batch.rescore`)
        in a thread; `progress(done, total)` now and then, `then(count, moved)` at the end
        (count None: it failed, and the error was shown)."""
        if self.store.path is None:  # an in-memory database has only this connection
            self._rescore(question_id, progress, then, lambda call, *args: call(*args))
            return
        self.run_worker(partial(self._rescore, question_id, progress, then, self.call_from_thread), thread=True, group="rescore")

    def _rescore(self, question_id: str, progress, then, call) -> None:
        from drill.batch import rescore
        from drill.store.records import rescore_count

        count = moved = 0
        other = None
        try:
            other = Store(self.store.path, roots=self.store.roots, user=self.store.user) if self.store.path else self.store
            total = rescore_count(other, question_id)
            call(progress, 0, total)
            shown = time.monotonic()
            for changed in rescore(other, question_id, workers=1):
                count += 1
                moved += changed.now != changed.original
                if time.monotonic() - shown > 0.1:
                    call(progress, count, total)
                    shown = time.monotonic()
            call(progress, count, total)
        except DrillError as exc:
            call(self.report, exc)
            call(then, None, 0)
            return
        finally:
            if other is not None and other is not self.store:
                other.close()
        call(then, count, moved)

    def _bank_rebuilt(self, problems: list[str]) -> None:
        fresh = [p for p in problems if p not in self.store.problems]
        self.store.problems = problems
        self._warn(fresh)
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                try:
                    screen.reload()
                except NoMatches:
                    pass  # the app is closing, the list already gone: nothing to show it on

    # -- navigation ---------------------------------------------------------------------

    def show(self, make: Callable[[], Screen], same: Callable[[Screen], bool], replace: bool = False) -> Awaitable | None:
        """Pop back to the open screen that `same` picks, if there is one; else open `make()`,
        over the current screen or in its place (`replace`), and return what awaits its mount.
        The stack never grows by going back and forth."""
        stack = self.screen_stack
        for index in range(len(stack) - 1, 0, -1):
            if same(stack[index]):
                for _ in range(len(stack) - 1 - index):
                    self.pop_screen()
                return None
        if replace:
            return self.switch_screen(make())
        return self.push_screen(make())

    def _there(self, read: Callable[[], object]) -> bool:
        """Whether what a screen is to open is in the bank (`read` reads it): one a list still
        shows after another drill, or an import, rebuilt the bank without it raised in the
        screen's compose, a traceback that closed the app. Now the error is shown."""
        try:
            read()
        except DrillError as exc:
            self.report(exc)
            return False
        return True

    def hold_keys(self, reason: str) -> bool:
        """Hold the keys that reach the app from now until every `reason` they are held for is
        released (`release_keys`; at most HOLD_AT_MOST), then give them, in order, to where the
        focus is then. Keys typed straight after Enter on the list (`C-f s003-q2 Enter 一是……`
        read in two, or a typist quicker than the screen opens) wait for the question ("open"):
        they went to the list's filter. Keys typed as the focus moves from a list to its box
        ("focus") wait for those still on their way through the list: they overtook them.
        True when they were not held for `reason` already."""
        if self._held_keys is None:
            self._held_keys = []
            self._holding = self.set_timer(HOLD_AT_MOST, partial(self._give_keys_back, True))
        new = reason not in self._holds
        self._holds.add(reason)
        return new

    def release_keys(self, reason: str) -> None:
        """No longer hold keys for `reason` (`hold_keys`); nothing when they were not held for it."""
        if reason in self._holds:
            self._holds.discard(reason)
            if not self._holds:
                self.call_later(self._give_keys_back)  # (keys come until then are held too, in order)

    async def on_event(self, event: events.Event) -> None:
        """A key the app reads while keys are held waits with them (`hold_keys`)."""
        if self._held_keys is not None and isinstance(event, events.Key) and not event.is_forwarded:
            self._held_keys.append(event)
            return
        await super().on_event(event)

    async def _give_keys_back(self, whatever: bool = False) -> None:
        """The held keys, in order, to where the focus is now, ahead of any read since; with
        `whatever`, even if they are still held for something (HOLD_AT_MOST has passed)."""
        if self._held_keys is None or (self._holds and not whatever):
            return  # given back already, or held again meanwhile: given back when that is released
        held, self._held_keys, self._holds = self._held_keys, None, set()
        if self._holding is not None:
            self._holding.stop()
            self._holding = None
        for i, key in enumerate(held):
            if self._held_keys is not None:  # a key given back held them again (Enter opened a question)
                self._held_keys.extend(held[i:])
                return
            await super().on_event(key)

    async def on_open_practice(self, message: go.OpenPractice) -> None:
        from drill.tui.screens.practice import PracticeScreen

        try:
            if not self._there(partial(self.store.question, message.question_id)):
                return
            shown = self.show(lambda: PracticeScreen(message.question_id, message.typed),
                              lambda s: isinstance(s, PracticeScreen) and s.question_id == message.question_id, message.replace)
            if shown is not None:
                await shown
        finally:
            self.call_later(self.release_keys, "open")  # after the answer takes the focus its mount asked for
        self._load_marker()

    def _load_marker(self) -> None:
        """Once, as a question or paper opens: the marker and its tables read in a thread (0.3 s
        the first time) while the candidate reads and writes, so that the first answer
        submitted is marked as quickly as the next. (Not as the app opens: the first screen
        would wait for it.)"""
        if not self._marker_loading:
            self._marker_loading = True
            self.call_after_refresh(self.run_worker, _load_marker, thread=True, group="marker")

    def on_open_result(self, message: go.OpenResult) -> None:
        from drill.tui.screens.result import ResultScreen

        if self.store.attempt(message.attempt_id) is None:  # (gone from under a list another drill changed)
            self.notify(f"没有编号为 {message.attempt_id} 的作答记录", title="找不到作答", severity="error", timeout=10)
            return
        self.show(lambda: ResultScreen(message.attempt_id),
                  lambda s: isinstance(s, ResultScreen) and s.attempt_id == message.attempt_id, message.replace)

    def on_open_history(self, message: go.OpenHistory) -> None:
        from drill.tui.screens.history import HistoryScreen

        self.show(HistoryScreen, lambda s: isinstance(s, HistoryScreen))

    def on_open_compare(self, message: go.OpenCompare) -> None:
        from drill.tui.screens.compare import CompareScreen

        self.push_screen(CompareScreen(message.first, message.second))

    def on_open_charts(self, message: go.OpenCharts) -> None:
        from drill.tui.screens.charts import ChartsScreen

        self.show(ChartsScreen, lambda s: isinstance(s, ChartsScreen))

    def on_open_weak_points(self, message: go.OpenWeakPoints) -> None:
        from drill.tui.screens.weak import WeakPointsScreen

        self.show(WeakPointsScreen, lambda s: isinstance(s, WeakPointsScreen))

    def on_open_review(self, message: go.OpenReview) -> None:
        from drill.tui.screens.review import ReviewScreen

        self.show(ReviewScreen, lambda s: isinstance(s, ReviewScreen))

    def on_open_profiles(self, message: go.OpenProfiles) -> None:
        self.show(ProfileScreen, lambda s: isinstance(s, ProfileScreen))

    def on_open_editor(self, message: go.OpenEditor) -> None:
        from drill.tui.screens.editor import EditorScreen

        if message.question_id is not None and not self._there(partial(self.store.question, message.question_id)):
            return
        self.show(lambda: EditorScreen(message.question_id),
                  lambda s: isinstance(s, EditorScreen) and message.question_id is not None and s.question_id == message.question_id)

    def on_open_rubric_test(self, message: go.OpenRubricTest) -> None:
        from drill.tui.screens.rubric_test import RubricTestScreen

        self.show(lambda: RubricTestScreen(message.question_id),
                  lambda s: isinstance(s, RubricTestScreen) and s.question_id == message.question_id)

    def on_open_papers(self, message: go.OpenPapers) -> None:
        from drill.tui.screens.papers import PapersScreen

        self.show(PapersScreen, lambda s: isinstance(s, PapersScreen))

    def on_open_exam(self, message: go.OpenExam) -> None:
        from drill.store.papers import paper
        from drill.tui.screens.exam import ExamScreen

        if not self._there(partial(paper, self.store, message.paper_id)):
            return
        self.show(lambda: ExamScreen(message.paper_id), lambda s: isinstance(s, ExamScreen) and s.paper_id == message.paper_id)
        self._load_marker()

    def on_open_paper_result(self, message: go.OpenPaperResult) -> None:
        from drill.tui.screens.paper_result import PaperResultScreen

        self.show(lambda: PaperResultScreen(message.paper_attempt_id),
                  lambda s: isinstance(s, PaperResultScreen) and s.paper_attempt_id == message.paper_attempt_id, message.replace)

    def use_profile(self, name: str) -> bool:
        """Practise as `name` from now on (created if new; the list is read for them), or say
        why not (a name drill refuses) and return False."""
        try:
            self.store.use(name)
        except DrillError as exc:
            self.report(exc)
            return False
        self.post_message(go.ProfileChosen(self.store.user))
        return True

    def on_profile_chosen(self, message: go.ProfileChosen) -> None:
        """Another candidate practises now: back to the list, read for them."""
        self.sub_title = f"用户：{message.name}"
        self.show(HomeScreen, lambda s: isinstance(s, HomeScreen), replace=True)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette (Ctrl+P), in Chinese: the current screen's actions, each with
        what it does and its key, then the app's own."""
        from drill.tui.dialogs.help import key_name

        seen: set[str] = set()
        for key, active in screen.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.id is None or binding.action in seen or active.node is not screen and active.node is not self:
                continue
            seen.add(binding.action)
            target = active.node
            yield SystemCommand(binding.description, f"{binding.tooltip or binding.description}（{key_name(key)}）", partial(target.run_action, binding.action))
        yield SystemCommand("按键帮助", "本屏的按键和编辑键（F1）", self.action_toggle_help)
        yield SystemCommand("主题", "换一种配色", self.action_change_theme)
        if screen.maximized is not None:
            yield SystemCommand("还原", "把放大的部分还原", screen.action_minimize)
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand("放大", "把光标所在的部分放大到整屏", screen.action_maximize)
        yield SystemCommand("截图", "把当前屏幕存为 SVG 图片", lambda: self.set_timer(0.1, self.deliver_screenshot))
        yield SystemCommand("退出", "退出 drill（作答草稿已保存）", self.action_quit)

    def action_toggle_help(self) -> None:
        """Show or hide the keys of the current screen, in Chinese."""
        from drill.tui.dialogs.help import HelpDialog

        if isinstance(self.screen, HelpDialog):
            self.screen.dismiss()
        else:
            self.push_screen(HelpDialog(self.screen))

    def action_command_palette(self) -> None:
        """The command palette (Ctrl+P), with a Chinese prompt."""
        from textual.command import CommandPalette

        from drill.tui.dialogs.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette())

    def action_help_quit(self) -> None:
        """Ctrl+C copies in the answer; said in Chinese how to leave instead."""
        self.notify("要退出请按 Ctrl+Q（作答草稿已保存）；Ctrl+C 在作答里是复制", title="要退出吗？")

    def get_key_display(self, binding: Binding) -> str:
        """A key as the footer shows it: Textual's own (^s, esc, f2), but 空格 for the space bar."""
        return "空格" if binding.key == "space" and not binding.key_display else super().get_key_display(binding)

    def report(self, error: DrillError) -> None:
        """Show a user-caused error in one place, the same way everywhere. The same error
        again while it is on screen is not shown twice: a draft that cannot be saved (a full
        disk) failed at every autosave, and stacked a new message every two seconds."""
        now = time.monotonic()
        said = (error.title, error.message)
        self._reported = {shown: at for shown, at in self._reported.items() if now - at < REPORT_SHOWN}
        if said in self._reported:
            return
        self._reported[said] = now
        self.notify(error.message, title=error.title, severity="error", timeout=REPORT_SHOWN)


def make_app(store: Store | None = None, clock: Callable[[], float] = time.monotonic, choose_profile: bool = False, start: Message | None = None) -> DrillApp:
    """The app as the CLI and the tests build it; `start` (a navigation message) opens a
    screen over the list."""
    return DrillApp(store if store is not None else Store(), clock=clock, choose_profile=choose_profile, start=start)


def _load_marker() -> None:
    """In a thread, as a question or paper opens: the marker and its tables (0.3 s the first time)."""
    from drill.marker import load_tables

    load_tables()
