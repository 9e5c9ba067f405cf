"""One way for every list with a box above it (the question list, history, the profiles).

Typing or Backspace on the list goes to its box; ↑ ↓ PgUp PgDn in the box move the list;
Esc in the box clears it first, then gives the list back its focus, and Esc on the list is
left to the screen (back, where there is a back). A screen calls `list_key` from its
`on_key`; a key it takes is stopped there, so no binding sees it.
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget
from textual.widgets import Input

MOVES = {"up": "cursor_up", "down": "cursor_down", "pageup": "page_up", "pagedown": "page_down"}


def typed(event: events.Key) -> bool:
    """Whether the key is a character typed as text (not a space: lists use it)."""
    character = event.character
    return bool(character) and character.isprintable() and not character.isspace() and event.key != "slash"


def list_key(event: events.Key, box: Input, items: Widget) -> bool:
    """Route `event` between the list `items` and its `box`; True when it was taken."""
    focused = box.screen.focused
    if focused is items:
        if typed(event):
            box.focus()
            box.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            box.focus()
            box.action_delete_left()
        else:
            return False
    elif focused is box:
        if event.key in MOVES:
            getattr(items, f"action_{MOVES[event.key]}")()
        elif event.key == "escape" and box.value:
            box.value = ""
        elif event.key == "escape":
            items.focus()
        else:
            return False
    else:
        return False
    event.stop()
    event.prevent_default()
    return True
