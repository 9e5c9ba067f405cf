"""The material pane: paragraphs that scroll, a search that jumps between hits, section jumps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from drill.reading import Hit, find, is_heading, paragraphs

HIT_STYLE = "black on yellow"
CURRENT_STYLE = "bold black on #ff8c00"
SEARCH_DELAY = 0.15  # seconds of no typing in the find bar before it searches
FIRST_SCREENFUL = 12  # paragraphs mounted with the screen; the rest follow right after,
MOUNT_STEP = 16  # this many at a time, so that keys typed meanwhile are not held up


class MaterialView(VerticalScroll, can_focus=True):
    """材料: one Static per paragraph, so a hit or a heading can be scrolled to exactly."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.paras = paragraphs(text) or ["（本题没有材料）"]
        self.headings = [i for i, p in enumerate(self.paras) if is_heading(p)]
        self.hits: list[Hit] = []
        self.current = -1
        # Each paragraph's widget once made: found at once, not by a query of the whole screen
        # (a search of a paper's five 给定资料 repainted 100 paragraphs at 10 ms a query).
        self._made: dict[int, Static] = {}
        self._pending: int | None = None  # a paragraph to scroll to once it is mounted (`show_span`)

    def compose(self) -> ComposeResult:
        yield Static("材料", classes="pane-title")
        yield from self._statics(0, FIRST_SCREENFUL)

    def on_mount(self) -> None:
        # The rest of the material is mounted once the first screenful is shown, a few
        # paragraphs a frame, so the practice screen opens at once and typing is never held up.
        if len(self.paras) > FIRST_SCREENFUL:
            self.call_after_refresh(self._mount_rest, FIRST_SCREENFUL)

    async def _mount_rest(self, start: int) -> None:
        end = min(len(self.paras), start + MOUNT_STEP)
        await self.mount_all(list(self._statics(start, end)))
        for number in {h.paragraph for h in self.hits if start <= h.paragraph < end}:
            self._paint(number)  # a search made before these paragraphs were mounted
        if self._pending is not None and start <= self._pending < end:
            self.call_after_refresh(self._centre, self._pending)
        if end < len(self.paras):
            self.call_after_refresh(self._mount_rest, end)

    def _statics(self, start: int, end: int):
        for i in range(start, min(end, len(self.paras))):
            self._made[i] = Static(self.paras[i], id=f"para-{i}", classes="heading" if i in self.headings else "para")
            yield self._made[i]

    def _widget(self, number: int) -> Static | None:
        """Paragraph `number`'s widget, if it is mounted yet."""
        made = self._made.get(number)
        return made if made is not None and made.is_mounted else None

    def search(self, term: str) -> int:
        """Highlight every occurrence of `term`; returns how many there are."""
        touched = {h.paragraph for h in self.hits}
        self.hits = find(self.paras, term)
        self.current = -1
        for number in touched | {h.paragraph for h in self.hits}:
            self._paint(number)
        return len(self.hits)

    def jump(self, step: int = 1) -> Hit | None:
        """Move to the next (or previous) hit and scroll it into view."""
        if not self.hits:
            return None
        previous = self.hits[self.current].paragraph if self.current >= 0 else None
        self.current = (self.current + step) % len(self.hits)
        hit = self.hits[self.current]
        for number in {previous, hit.paragraph} - {None}:
            self._paint(number)
        widget = self._widget(hit.paragraph)
        if widget is not None:
            self.scroll_to_widget(widget, animate=False, top=True)
        return hit

    def show_span(self, paragraph: int, start: int, end: int) -> None:
        """Mark out one stretch of paragraph `paragraph` (a point's source) and bring it into view;
        show_span(-1, 0, 0) marks nothing."""
        touched = {h.paragraph for h in self.hits}
        self.hits = [Hit(paragraph, start, end)] if paragraph >= 0 else []
        self.current = 0 if self.hits else -1
        for number in touched | {h.paragraph for h in self.hits}:
            self._paint(number)
        if paragraph >= 0:
            self._centre(paragraph)

    def _centre(self, paragraph: int) -> None:
        """Paragraph `paragraph` in the middle of the view, now or once it is mounted."""
        widget = self._widget(paragraph)
        self._pending = paragraph if widget is None else None
        if widget is not None:
            self.scroll_to_center(widget, animate=False)

    def jump_section(self, step: int = 1) -> str | None:
        """Scroll to the next (or previous) section heading; returns its text."""
        if not self.headings:
            return None
        top = self.scroll_y
        mounted = [(i, w.virtual_region.y) for i in self.headings if (w := self._widget(i)) is not None]
        if not mounted:
            return None
        if step > 0:
            later = [(i, y) for i, y in mounted if y > top + 0.5]
            target, _ = later[0] if later else mounted[-1]
        else:
            earlier = [(i, y) for i, y in mounted if y < top - 0.5]
            target, _ = earlier[-1] if earlier else mounted[0]
        self.scroll_to_widget(self._made[target], animate=False, top=True)
        return self.paras[target]

    def _paint(self, number: int) -> None:
        widget = self._widget(number)
        if widget is None:
            return  # not mounted yet: painted when it is
        text = Text(self.paras[number])
        for index, hit in enumerate(self.hits):
            if hit.paragraph == number:
                text.stylize(CURRENT_STYLE if index == self.current else HIT_STYLE, hit.start, hit.end)
        widget.update(text)


# The find keys of a screen with `FindsInMaterial`, in its BINDINGS.
FIND_KEYS = [
    Binding("ctrl+f", "find", "查找", id="find", priority=True, tooltip="在材料中查找字词"),
    Binding("f3", "find_next", "下一处", id="find_next", tooltip="查找的下一处", show=False),
    Binding("shift+f3", "find_previous", "上一处", id="find_previous", tooltip="查找的上一处", show=False),
]


class FindsInMaterial:
    """What a screen with a find bar (`#find-bar`) over a `MaterialView` does: open the bar
    (Ctrl+F), highlight and jump between hits as one types (Enter, F3, Shift+F3), and jump
    between the material's sections (Alt+↑/↓). Mixed into the practice and exam screens;
    `material_view` says which view is searched (the exam has one per question)."""

    def material_view(self) -> MaterialView:
        return self.query_one(MaterialView)

    def action_find(self) -> None:
        """Open the find bar over the material."""
        self.add_class("finding")
        self.query_one("#find-bar").focus()

    _search_timer = None

    def on_input_changed(self, event) -> None:
        """Search once typing pauses: a word typed (or committed by an input method) a
        character at a time is one search, not one per character, each repainting its hits."""
        if event.input.id != "find-bar":
            return
        if self._search_timer is not None:
            self._search_timer.stop()
        self._search_timer = self.set_timer(SEARCH_DELAY, self._search)

    def _search(self) -> None:
        self._search_timer = None
        bar = self.query_one("#find-bar")
        view = self.material_view()
        count = view.search(bar.value)
        if count:
            view.jump(1)
        bar.border_subtitle = f"{count} 处" if bar.value else ""

    def on_input_submitted(self, event) -> None:
        if event.input.id == "find-bar":
            if self._search_timer is not None:  # Enter before the search ran: search now
                self._search_timer.stop()
                self._search()
            else:
                self.action_find_next()

    def action_find_next(self) -> None:
        """Jump to the next hit of the search."""
        self._show_hit(self.material_view().jump(1))

    def action_find_previous(self) -> None:
        """Jump to the previous hit of the search."""
        self._show_hit(self.material_view().jump(-1))

    def _show_hit(self, hit: Hit | None) -> None:
        view = self.material_view()
        if hit is not None:
            self.query_one("#find-bar").border_subtitle = f"{view.current + 1}/{len(view.hits)} 处"

    def action_section(self, step: int) -> None:
        """Jump to the next or previous section of the material."""
        title = self.material_view().jump_section(step)
        if title:
            self.notify(title, timeout=2)
