"""The command palette (Ctrl+P) in Chinese: Textual's, with its prompt and its "no matches"
line in Chinese (the line is written inside Textual's countdown, so that method is ours)."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option


class Palette(CommandPalette):
    """查找命令."""

    def __init__(self) -> None:
        super().__init__(placeholder="查找命令（输入名称的字词）…", id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        self._stop_no_matches_countdown()

        def show_none() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(Align.center(Text("没有找到这样的命令", style="not bold")), disabled=True, id=self._NO_MATCHES)
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_none)
