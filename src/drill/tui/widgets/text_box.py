"""The one text box of drill's screens and dialogs: Textual's `Input`, except that entering a
filled box puts the cursor at its end instead of selecting it (typing adds to it, as in
every Chinese input field; Ctrl+A still selects all)."""

from __future__ import annotations

from textual.widgets import Input


class TextBox(Input):
    """An `Input` that does not select its text when it gets the focus."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
