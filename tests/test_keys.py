"""Keys a candidate can find: each screen's own keys in its footer, F1 and Ctrl+P in Chinese."""

from __future__ import annotations

from textual.command import CommandPalette
from textual.widgets import Static

from drill.store import Store
from drill.tui.app import make_app
from drill.tui.dialogs.help import HelpDialog
from drill.tui.screens.home import HomeScreen
from drill.tui.screens.practice import PracticeScreen
from tests.conftest import wait_for


def footer_text(app) -> str:
    from textual.widgets import Footer

    footer = app.screen.query_one(Footer)
    return " ".join(str(item.render()) for item in footer.query("FooterKey"))


async def test_the_footer_shows_the_screen_keys_that_matter_at_80_columns(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = footer_text(app)
        for words in ("练习", "下一题", "历史", "帮助", "退出"):
            assert words in shown, shown
        assert "palette" not in shown
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), "practice")
        await pilot.pause()
        shown = footer_text(app)
        for words in ("提交", "返回", "材料/作答", "暂停", "帮助"):
            assert words in shown, shown
        assert "上一处" not in shown  # in F1, not crowding the footer


async def test_f1_lists_the_screens_keys_in_chinese_before_the_editing_keys(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), "practice")
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpDialog), "the help")
        keys = str(app.screen.query_one("#help-keys", Static).render())
        assert keys.index("提交") < keys.index("上一处") < keys.index("编辑") < keys.index("撤销")
        assert "Ctrl+G" in keys and "方格稿纸" in keys and "Ctrl+L" in keys
        for english in ("Cursor", "Select all", "Delete"):
            assert english not in keys.replace("Backspace / Delete", ""), english
        await pilot.press("f1")
        await wait_for(pilot, lambda: isinstance(app.screen, PracticeScreen), "the help closed")


async def test_ctrl_c_and_the_palette_speak_chinese(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+c")
        await pilot.pause()
        said = [n.title + n.message for n in app._notifications]  # noqa: SLF001
        assert any("Ctrl+Q" in s and "退出" in s for s in said) and not any("Press" in s for s in said), said
        commands = list(app.get_system_commands(app.screen))
        names = [c.title for c in commands]
        assert {"练习", "历史", "按键帮助", "主题", "截图", "退出"} <= set(names), names
        assert not {"Theme", "Quit", "Keys", "Screenshot", "Focus Next", "palette"} & set(names)
        assert all(not c.title.isascii() for c in commands), names  # every entry in Chinese
        practise = next(c for c in commands if c.title == "练习")
        assert practise.help.startswith("练习光标所在的题目") and "Enter" in practise.help
        await pilot.press("ctrl+r")  # in a filter box too (the app's own Tab keys are not listed)
        await wait_for(pilot, lambda: app.screen.__class__.__name__ == "HistoryScreen", "history")
        app.screen.query_one("#history-filter").focus()
        await pilot.pause()
        names = [c.title for c in app.get_system_commands(app.screen)]
        assert all(not name.isascii() for name in names), names
        await pilot.press("escape", "escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "home")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: CommandPalette.is_open(app), "the palette")
        assert "查找命令" in app.screen.query_one("CommandInput").placeholder
        await pilot.press(*"zzzz")
        listed = app.screen.query_one("CommandList")
        await wait_for(pilot, lambda: listed.option_count and "没有找到" in str(listed.get_option_at_index(0).prompt), "the no-match line")
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, HomeScreen), "the palette closed")


def test_every_screen_is_named_in_chinese_in_its_help() -> None:
    """F1's title names the screen from its docstring's Chinese words: 评分结果 of one attempt
    showed as 按键 · 评分结果 of one attempt."""
    import importlib
    import inspect
    import pkgutil
    import re

    from textual.screen import Screen

    import drill.tui.dialogs
    import drill.tui.screens
    from drill.tui.dialogs.help import screen_name

    names = {
        cls.__name__: screen_name(cls)
        for package in (drill.tui.screens, drill.tui.dialogs)
        for found in pkgutil.iter_modules(package.__path__)
        for cls in vars(importlib.import_module(f"{package.__name__}.{found.name}")).values()
        if inspect.isclass(cls) and issubclass(cls, Screen) and cls.__module__.startswith(package.__name__)
    }
    assert len(names) >= 15 and names["ResultScreen"] == "评分结果" and names["PaperResultScreen"] == "模考成绩"
    assert all(re.fullmatch(r"[\u3400-\u9fff·]+", name) for name in names.values()), names


async def test_the_footer_names_the_space_bar_in_chinese(store: Store) -> None:
    from drill.tui.screens.history import HistoryScreen

    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen), "the history")
        await pilot.pause()
        shown = footer_text(app)
        assert "空格 选中对比" in shown and "space" not in shown, shown
