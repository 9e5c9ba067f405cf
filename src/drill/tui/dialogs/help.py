"""帮助 (F1): the keys of the screen beneath, drill's own first, then the editing keys, in Chinese.

Textual's own key panel lists the focused widget's ~40 bindings in English (`Cursor up`,
`Select all`); this lists what a candidate looks for first, in words they read."""

from __future__ import annotations

import re

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

# The editing keys of the answer area and the text boxes, as Textual binds them.
EDITING = (
    ("← → ↑ ↓", "移动光标"),
    ("Home / End", "到行首 / 行尾"),
    ("PgUp / PgDn", "上一页 / 下一页"),
    ("Shift+方向键", "选中文字"),
    ("Ctrl+A", "全选"),
    ("Ctrl+C / Ctrl+X / Ctrl+V", "复制 / 剪切 / 粘贴"),
    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做"),
    ("Backspace / Delete", "删除前一字 / 后一字"),
    ("Ctrl+W", "删除前一个词"),
    ("Ctrl+U / Ctrl+K", "删除到行首 / 行尾"),
    ("Tab / Shift+Tab", "下一个 / 上一个输入框"),
    ("Ctrl+P", "命令面板：按名称查找本屏的操作"),
)


def key_name(key: str) -> str:
    """`ctrl+shift+f3,slash` as a user reads it: Ctrl+Shift+F3 / /."""
    names = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "escape": "Esc", "enter": "Enter", "space": "空格", "slash": "/", "up": "↑", "down": "↓", "pageup": "PgUp", "pagedown": "PgDn", "backspace": "Backspace"}

    def one(key: str) -> str:
        return "+".join(names.get(part, part.upper() if len(part) <= 3 else part.capitalize()) for part in key.split("+"))

    return " / ".join(one(k.strip()) for k in key.split(","))


def screen_keys(screen: Screen) -> list[tuple[str, str, str]]:
    """(keys, name, what it does) of the screen's and the app's drill bindings, the screen's first."""
    rows: list[tuple[str, str, str]] = []
    seen: set[str] = set()
    for node in (screen, screen.app):
        for binding in type(node).BINDINGS:
            if not isinstance(binding, Binding) or not binding.description or binding.system or binding.action in seen:
                continue
            seen.add(binding.action)
            rows.append((key_name(binding.key), binding.description, binding.tooltip or binding.description))
    return rows


def screen_name(screen: type) -> str:
    """A screen's name as its docstring opens it (评分结果 of "评分结果 of one attempt."): its
    Chinese words only, never the English that explains them to a reader of the code."""
    found = _NAME.match((screen.__doc__ or "").strip())
    return found.group() if found else "drill"


_NAME = re.compile(r"[\u3400-\u9fff·]+")


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


class HelpDialog(ModalScreen[None]):
    """按键帮助."""

    BINDINGS = [Binding("escape,f1,q", "dismiss", "关闭", id="close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.rows = screen_keys(under)
        self.title_text = screen_name(type(under))

    def compose(self) -> ComposeResult:
        width = max((cell_len(keys) for keys, _, _ in self.rows), default=8) + 2
        own = "\n".join(f"[b]{_pad(keys, width)}[/] {name}：{what}" for keys, name, what in self.rows)
        editing = "\n".join(f"[b]{_pad(keys, 26)}[/] {what}" for keys, what in EDITING)
        with Vertical(id="help-dialog"):
            yield Static(f"[b]按键 · {self.title_text}[/]", id="help-title")
            with VerticalScroll(id="help-body"):
                yield Static(f"[b]本屏[/]\n{own}\n\n[b]编辑[/]\n{editing}", id="help-keys")
            yield Static("Esc 或 F1 关闭", classes="hint")
