"""The answer editor: a TextArea that takes a burst of typed characters as one edit.

A terminal without bracketed paste sends a paste as one key per character: 3,600 keys, each an
edit, a re-wrap and a redraw, held the clock for ~20 s. Characters typed while more keys wait
in the queue are gathered and inserted at once, when the queue reaches them; any other key
(a cursor move, Enter, Backspace) first inserts what was gathered, so the order of edits is
the order of keys. Typing by hand, one key at a time, inserts each key as it comes.
"""

from __future__ import annotations

from textual import events
from textual.widgets import TextArea


class AnswerArea(TextArea):
    """作答: a TextArea whose bursts of characters are one edit each."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._typed: list[str] = []
        self._flush_due = False

    async def _on_key(self, event: events.Key) -> None:
        if not self.read_only and event.is_printable and event.character and event.key != "enter":
            event.stop()
            event.prevent_default()
            self._restart_blink()
            self._typed.append(event.character)
            if not self._flush_due:
                self._flush_due = True
                self.call_later(self.flush_typed)  # after the keys already queued
            return
        self.flush_typed()
        await super()._on_key(event)

    def flush_typed(self) -> None:
        """Insert the characters gathered so far, as the keys would have, in one edit."""
        self._flush_due = False
        if not self._typed or self.read_only:
            self._typed.clear()
            return
        text = "".join(self._typed)
        self._typed.clear()
        start, end = self.selection
        self._replace_via_keyboard(text, start, end)
