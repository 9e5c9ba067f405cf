"""One way for every list with a box above it (the question list, history, the profiles).

Typing or Backspace on the list goes to its box; ↑ ↓ PgUp PgDn in the box move the list;
Esc in the box clears it first, then gives the list back its focus, and Esc on the list is
left to the screen (back, where there is a back). A screen calls `list_key` from its
`on_key`; a key it takes is stopped there, so no binding sees it. A priority binding that
opens the row under the cursor runs its action `after_queued_keys`; the focus moves from the
list to its box by `focus_box`.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.screen import Screen
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
            focus_box(box)
            box.insert_text_at_cursor(event.character)
        elif event.key == "backspace":
            focus_box(box)
            box.action_delete_left()
        else:
            return False
    elif focused is box:
        if typed(event):
            # The box takes what is typed in it: a character that reaches here was sent to the
            # list before the box took the focus (keys in one burst), and is the box's.
            box.insert_text_at_cursor(event.character)
        elif event.key in MOVES:
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


def focus_box(box: Input) -> None:
    """Give a list's `box` the focus (typing on the list, Ctrl+F). Keys the app reads meanwhile
    wait (`DrillApp.hold_keys`) for those already on their way through the list, which type
    into the box too (`list_key`): going straight to the box, they overtook them
    (`C-f s003-q2` left -q2s003 there)."""
    app = box.app
    if app.hold_keys("focus"):  # (each key typed on the list before the box has the focus comes here)
        after_queued_keys(box.screen, lambda: app.release_keys("focus"))
    box.focus()


def after_queued_keys(screen: Screen, action: Callable[[], None]) -> None:
    """Run `action` once the keys that came before the one calling it are in. A priority
    binding (Enter to open the row under the cursor) runs as its key reaches the app, ahead of
    keys still queued where the focus is (`Down Down Enter` or `C-f s003-q2 Enter` in one burst,
    as tmux or a paste sends them): it opened the row the cursor was on before them. So the
    action waits behind them in each queue a key passes through as it bubbles up (the app,
    last, runs the binding that moves the cursor)."""
    path = []  # the way a key bubbles: the focused widget, its parents, the screen, the app
    node = screen.focused or screen
    while node is not None:
        path.append(node)
        node = node.parent

    def hop(step: int) -> None:
        if step == len(path):
            action()
        else:
            path[step].call_later(hop, step + 1)

    hop(0)
