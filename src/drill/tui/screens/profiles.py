"""The profile screen: choose who is practising, or add a new candidate."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from drill.tui.widgets.text_box import TextBox
from drill.tui.widgets.list_keys import list_key


class ProfileScreen(Screen[None]):
    """选择用户: every candidate on this machine keeps their own history."""

    BINDINGS = [Binding("escape", "back", "返回", id="back", tooltip="回到题库")]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("谁在练习？选择用户，或输入新名字创建用户。", id="profiles-title")
        yield OptionList(*[Option(name, id=name) for name in self.app.store.users()], id="profiles")
        yield TextBox(placeholder="新用户名（回车创建）", id="new-profile")
        yield Footer(compact=True, show_command_palette=False)

    def on_mount(self) -> None:
        options = self.query_one("#profiles", OptionList)
        names = self.app.store.users()
        if self.app.store.user in names:
            options.highlighted = names.index(self.app.store.user)
        options.focus()

    def on_key(self, event: events.Key) -> None:
        """Typing on the list writes the new name; the arrows in the box move the list."""
        list_key(event, self.query_one("#new-profile", Input), self.query_one("#profiles", OptionList))

    @on(OptionList.OptionSelected, "#profiles")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.choose(str(event.option.id))

    @on(Input.Submitted, "#new-profile")
    def _created(self, event: Input.Submitted) -> None:
        self.choose(event.value)

    def choose(self, name: str) -> None:
        """Practise as `name` (created if new) and go to the question list."""
        self.app.use_profile(name)

    def action_back(self) -> None:
        """Back to the list as the current user, if there is a screen to go back to."""
        if len(self.app.screen_stack) > 2:
            self.app.pop_screen()
