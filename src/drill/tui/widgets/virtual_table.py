"""A table that draws only the rows on screen: the rows are keys, and their cells are
fetched for the visible window when drawn, so a list of 100,000 questions costs what 40 do.

The look and keys follow Textual's DataTable (header, zebra stripes, a row cursor, Enter
selects); `RowSelected` carries the key of the chosen row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rich.cells import set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

Fetch = Callable[[list[str]], dict[str, tuple[str, ...]]]
CACHED = 5000  # rows whose cells and drawing are kept; past it they are read again


@dataclass(frozen=True)
class Column:
    """A column: its heading and width in cells (0: whatever room the others leave)."""

    label: str
    width: int = 0


class VirtualTable(ScrollView, can_focus=True):
    """Rows given as keys; `fetch(keys)` returns their cells when they come into view."""

    BINDINGS = [
        Binding("up", "cursor_up", "上移", show=False),
        Binding("down", "cursor_down", "下移", show=False),
        Binding("pageup", "page_up", "上一页", show=False),
        Binding("pagedown", "page_down", "下一页", show=False),
        Binding("home", "first", "第一行", show=False),
        Binding("end", "last", "最后一行", show=False),
        Binding("enter", "select", "Select", show=False),
    ]

    COMPONENT_CLASSES = {"virtual-table--header", "virtual-table--cursor", "virtual-table--even-row"}

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        overflow-y: scroll;
        overflow-x: hidden;
        &:focus {
            background-tint: $foreground 5%;
            & > .virtual-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .virtual-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        & > .virtual-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .virtual-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class RowMessage(Message):
        """A message about one row of the table: its key (None when there are no rows)."""

        def __init__(self, table: VirtualTable, key: str | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> VirtualTable:
            return self.table

    class RowSelected(RowMessage):
        """Enter (or a click) on a row."""

    class Highlighted(RowMessage):
        """The cursor came to another row (or the rows changed under it)."""

    cursor = reactive(0, always_update=True)

    def __init__(self, columns: Sequence[Column], fetch: Fetch, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.fetch = fetch
        self.keys: Sequence[str] = []
        self._cells: dict[str, tuple[str, ...]] = {}
        # Rows drawn before, by key, style and width: typing a filter mostly redraws rows already seen.
        self._strips: dict[tuple, Strip] = {}

    # -- rows -----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        """How many rows there are (not how many are drawn)."""
        return len(self.keys)

    @property
    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, or None when there are no rows."""
        return self.keys[self.cursor] if self.keys else None

    def set_rows(self, keys: Sequence[str], keep: str | None = None) -> None:
        """Show these rows; the cursor stays on `keep` (default: its current key) if present,
        else goes to the first row.

        Cells fetched before are kept (`refresh_rows` drops them when the data changed). When
        the rows on screen and the cursor are the same as before (typing a filter that keeps the
        first screenful), nothing is redrawn but the scrollbar.
        """
        current = keep if keep is not None else self.cursor_key
        shown = self._on_screen()
        self.keys = keys
        if len(self._cells) > CACHED or len(self._strips) > CACHED:
            self._cells, self._strips = {}, {}
        self._resize(len(keys))
        index = _index(keys, current) if current is not None else None
        self.set_reactive(VirtualTable.cursor, index if index is not None else 0)
        self._scroll_to_cursor()
        if self._on_screen() != shown:
            self.refresh()
        self._tell_highlighted()

    def _on_screen(self) -> tuple:
        """What the rows on screen depend on: the first row, their keys and the cursor."""
        top = int(self.scroll_offset.y)
        return top, self.cursor, list(self.keys[top : top + self.size.height])

    def _resize(self, rows: int) -> None:
        """Make room for `rows` rows and the header.

        The vertical scrollbar is always shown (`overflow-y: scroll`), so a new number of rows
        changes nothing on screen but the scrollbar: it is set without the layout pass of the
        whole screen that the `virtual_size` reactive asks for, most of a keystroke's time
        when typing a filter over a large bank.
        """
        size = Size(self.size.width, rows + 1)
        update = getattr(self, "_scroll_update", None)
        if size == self.virtual_size:
            return
        if update is None:  # a Textual without it: the ordinary, slower way
            self.virtual_size = size
            return
        self.set_reactive(VirtualTable.virtual_size, size)
        update(size)

    def cells(self, index: int) -> tuple[str, ...]:
        """The cells of row `index` (fetched with the rows around it if not yet)."""
        key = self.keys[index]
        if key not in self._cells:
            # The rows drawn with this one: a screenful from here, or up to here when moving up.
            height = max(self.size.height, 10)
            start = index if index + 1 >= len(self.keys) or self.keys[index + 1] not in self._cells else max(0, index - height)
            window = [k for k in self.keys[start: start + height + 1] if k not in self._cells]
            self._cells.update(self.fetch(window))
        return self._cells.get(key, ())

    # -- drawing --------------------------------------------------------------------------

    def set_width(self, index: int, width: int) -> None:
        """Change the width of column `index` (say, to fit the longest id)."""
        self.columns[index] = Column(self.columns[index].label, width)
        self._strips = {}
        self.refresh()

    def _widths(self) -> list[int]:
        fixed = sum(c.width + 1 for c in self.columns if c.width)
        rest = max(4, self.size.width - fixed - 1)
        return [c.width or rest for c in self.columns]

    def _line(self, cells: Sequence[str], style) -> Strip:
        text = " " + " ".join(set_cell_size(cell.replace("\n", " "), width) for cell, width in zip(cells, self._widths()))
        return Strip([Segment(set_cell_size(text, self.size.width), style)])

    def render_line(self, y: int) -> Strip:
        """Line 0 is the header; line y shows row scroll_y + y - 1."""
        base = self.rich_style
        if y == 0:
            return self._line([c.label for c in self.columns], base + self.get_component_rich_style("virtual-table--header"))
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self.keys):
            return Strip([Segment(" " * self.size.width, base)])
        style = base
        if index % 2:
            style += self.get_component_rich_style("virtual-table--even-row")
        if index == self.cursor:
            style += self.get_component_rich_style("virtual-table--cursor")
        key = (self.keys[index], style, self.size.width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._line(self.cells(index), style)
        return strip

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, len(self.keys) + 1)

    def watch_cursor(self) -> None:
        self.refresh()
        self._tell_highlighted()

    def _tell_highlighted(self) -> None:
        key = self.cursor_key
        if key != getattr(self, "_highlighted", None):
            self._highlighted = key
            self.post_message(self.Highlighted(self, key))

    # -- moving ---------------------------------------------------------------------------

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.size.height - 1)
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def move_cursor(self, row: int) -> None:
        """Put the cursor on row `row` (clamped) and scroll it into view."""
        self.cursor = max(0, min(row, len(self.keys) - 1))
        self._scroll_to_cursor()

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - max(1, self.size.height - 2))

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + max(1, self.size.height - 2))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.keys) - 1)

    def action_select(self) -> None:
        """Tell the screen which row was chosen."""
        if self.keys:
            self.post_message(self.RowSelected(self, self.keys[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        """A click moves the cursor to the row; a second click on it selects it."""
        index = int(self.scroll_offset.y) + event.y - 1
        if event.y >= 1 and 0 <= index < len(self.keys):
            if index == self.cursor:
                self.action_select()
            self.move_cursor(index)

    def refresh_rows(self) -> None:
        """Fetch the visible cells again (after the data behind them changed)."""
        self._cells, self._strips = {}, {}
        self.refresh(Region(0, 0, self.size.width, self.size.height))


class PagedKeys(Sequence[str]):
    """Keys read a page at a time when first needed: `count` of them, `page(offset, limit)`
    giving those from `offset`. A history of a million attempts opens with one page read."""

    def __init__(self, count: int, page: Callable[[int, int], list[str]], size: int = 200) -> None:
        self.count = count
        self.page = page
        self.size = size
        self.pages: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return self.count

    def _key(self, index: int) -> str:
        number = index // self.size
        if number not in self.pages:
            self.pages[number] = self.page(number * self.size, self.size)
        keys = self.pages[number]
        return keys[index - number * self.size] if index - number * self.size < len(keys) else ""

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._key(i) for i in range(*index.indices(self.count))]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        return self._key(index)

    def position(self, key: str) -> int | None:
        """Where `key` is among the pages read so far (None if not read or not there)."""
        for number, keys in self.pages.items():
            if key in keys:
                return number * self.size + keys.index(key)
        return None


def _index(keys: Sequence[str], key: str) -> int | None:
    if isinstance(keys, PagedKeys):
        return keys.position(key)
    try:
        return keys.index(key)
    except ValueError:
        return None
