"""The one text box of drill's screens and dialogs: Textual's `Input`, except that entering a
filled box puts the cursor at its end instead of selecting it (typing adds to it, as in
every Chinese input field; Ctrl+A still selects all), and that Enter submits what the box
holds as Enter comes."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class TextBox(Input):
    """An `Input` that does not select its text when it gets the focus."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            # Submitted as Enter comes: as Input's binding, it ran once Enter had come back up to
            # the app, after the keys behind it were typed in too (`s004-q1 Enter 政策` in one
            # burst submitted s004-q1政策, and nothing opened).
            event.stop()
            event.prevent_default()
            await self.action_submit()
            return
        await super()._on_key(event)
