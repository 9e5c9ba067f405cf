"""click's own words in drill's help, in Chinese: "Usage:", "Options", "Show this message and exit."

click writes them through `gettext` (`_` in each of its modules) and ships no Chinese
catalogue; `install` puts this table in its place before drill's commands are declared
(the help of `--version` and `--help` is read when they are)."""

from __future__ import annotations

import click.core
import click.decorators
import click.formatting

WORDS = {
    "Usage:": "用法：",
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Show the version and exit.": "显示版本后退出。",
    "Show this message and exit.": "显示本帮助后退出。",
    "%(prog)s, version %(version)s": "%(prog)s 版本 %(version)s",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "required": "必填",
    "Aborted!": "已取消。",
    "Missing command.": "缺少命令。",
    "deprecated": "已停用",
    "(dynamic)": "（动态）",
}


def _said(message: str) -> str:
    return WORDS.get(message, message)


def install() -> None:
    """Have click's help speak Chinese."""
    for module in (click.core, click.decorators, click.formatting):
        module._ = _said
