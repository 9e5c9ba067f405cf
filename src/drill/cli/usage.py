"""Click's usage errors (a wrong option, value or command) said as drill says every error:
one line, in Chinese, naming the command and the value, exit status 1."""

from __future__ import annotations

import re

import click

# Click's own wording (8.x) of a bad value, and how drill says it.
_VALUES = (
    (re.compile(r"^'?(?P<v>.*?)'? is not in the range (?P<a>-?\d+(?:\.\d+)?)<=x<=(?P<b>-?\d+(?:\.\d+)?)\.?$"), "{v} 不在 {a} 到 {b} 之间"),
    (re.compile(r"^'?(?P<v>.*?)'? is not in the range x<=(?P<b>-?\d+(?:\.\d+)?)\.?$"), "{v} 大于 {b}"),
    (re.compile(r"^'?(?P<v>.*?)'? is not in the range x>=(?P<a>-?\d+(?:\.\d+)?)\.?$"), "{v} 小于 {a}"),
    (re.compile(r"^'(?P<v>.*)' is not a valid integer(?: range)?\.?$"), "{v} 不是整数"),
    (re.compile(r"^'(?P<v>.*)' is not a valid float(?: range)?\.?$"), "{v} 不是数"),
    (re.compile(r"^(?:File|Directory|Path) '(?P<v>.*)' does not exist\.?$"), "{v} 不存在"),
    (re.compile(r"^(?:File|Path) '(?P<v>.*)' is a directory\.?$"), "{v} 是文件夹，不是文件"),
    (re.compile(r"^(?:Directory|Path) '(?P<v>.*)' is a file\.?$"), "{v} 是文件，不是文件夹"),
    (re.compile(r"^'(?P<v>.*)' is not one of (?P<c>.*)\.$"), "{v} 不是可选的值之一：{c}"),
)


# Click's other usage messages (8.x), and how drill says them.
_USAGE = (
    (re.compile(r"^Option '(?P<v>.*)' requires an argument\.$"), "选项 {v} 后面要给一个值"),
    (re.compile(r"^Option '(?P<v>.*)' requires (?P<n>\d+) arguments\.$"), "选项 {v} 后面要给 {n} 个值"),
    (re.compile(r"^Option '(?P<v>.*)' does not take a value\.$"), "选项 {v} 不带值"),
    (re.compile(r"^Got unexpected extra arguments? \((?P<v>.*)\)$"), "多出了参数：{v}"),
)


def _value(message: str) -> str:
    for pattern, said in _VALUES:
        found = pattern.match(message.strip())
        if found:
            return said.format(**found.groupdict())
    return message


def usage_message(exc: click.UsageError) -> str:
    """The one line drill prints for a usage error."""
    command = exc.ctx.command_path if exc.ctx is not None else "drill"
    hint = f"（{command} --help 看用法）"
    if isinstance(exc, click.NoSuchOption):
        near = f"，是不是 {'、'.join(exc.possibilities)}？" if exc.possibilities else ""
        return f"{command}：没有这个选项 {exc.option_name}{near}{hint}"
    if isinstance(exc, click.MissingParameter):
        what = exc.param.human_readable_name if exc.param is not None else ""
        return f"{command}：缺少 {what}{hint}"
    if isinstance(exc, click.BadParameter):
        if isinstance(exc.param_hint, str):
            where = exc.param_hint
        elif isinstance(exc.param, click.Argument):
            where = exc.param.human_readable_name  # as the usage line names it: FILES
        else:
            where = exc.param.opts[0] if exc.param is not None and exc.param.opts else ""
        return f"{command}：{where.strip(chr(39))} 的值不对：{_value(exc.message)}{hint}"
    found = re.match(r"^No such command '(?P<v>.*)'\.", exc.message)
    if found:
        return f"{command}：没有这个命令 {found['v']}（drill --help 列出全部命令）"
    for pattern, said in _USAGE:
        if found := pattern.match(exc.message.strip()):
            return f"{command}：{said.format(**found.groupdict())}{hint}"
    return f"{command}：{exc.message}{hint}"
