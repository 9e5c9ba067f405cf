"""The material pane: paragraphs that scroll, a search that jumps between hits, section jumps."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from drill.reading import Hit, find, is_heading, paragraphs

HIT_STYLE = "black on yellow"
CURRENT_STYLE = "bold black on #ff8c00"


class MaterialView(VerticalScroll, can_focus=True):
    """材料: one Static per paragraph, so a hit or a heading can be scrolled to exactly."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.paras = paragraphs(text) or ["（本题没有材料）"]
        self.headings = [i for i, p in enumerate(self.paras) if is_heading(p)]
        self.hits: list[Hit] = []
        self.current = -1

    def compose(self) -> ComposeResult:
        yield Static("材料", classes="pane-title")
        for i, para in enumerate(self.paras):
            yield Static(para, id=f"para-{i}", classes="heading" if i in self.headings else "para")

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
        self.scroll_to_widget(self.query_one(f"#para-{hit.paragraph}", Static), animate=False, top=True)
        return hit

    def jump_section(self, step: int = 1) -> str | None:
        """Scroll to the next (or previous) section heading; returns its text."""
        if not self.headings:
            return None
        top = self.scroll_y
        offsets = [self.query_one(f"#para-{i}", Static).virtual_region.y for i in self.headings]
        if step > 0:
            later = [i for i, y in zip(self.headings, offsets) if y > top + 0.5]
            target = later[0] if later else self.headings[-1]
        else:
            earlier = [i for i, y in zip(self.headings, offsets) if y < top - 0.5]
            target = earlier[-1] if earlier else self.headings[0]
        self.scroll_to_widget(self.query_one(f"#para-{target}", Static), animate=False, top=True)
        return self.paras[target]

    def _paint(self, number: int) -> None:
        text = Text(self.paras[number])
        for index, hit in enumerate(self.hits):
            if hit.paragraph == number:
                text.stylize(CURRENT_STYLE if index == self.current else HIT_STYLE, hit.start, hit.end)
        self.query_one(f"#para-{number}", Static).update(text)
