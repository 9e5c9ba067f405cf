"""Chinese first: no message drill writes for a user is an English sentence.

Every string in the source that reads as English words (two or more in a row, no Chinese)
is a message someone will see, unless it is SQL, a pattern, a style or a docstring. The
operating system's and the JSON reader's reasons are given in Chinese too."""

from __future__ import annotations

import ast
import errno
import re
from pathlib import Path

import pytest

from drill.errors import BadLine, os_reason, toml_problem
from drill.jsonl import json_object

SOURCE = Path(__file__).resolve().parents[1] / "src" / "drill"
ENGLISH = re.compile(r"[A-Za-z]{2,} [a-z]{2,}")
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Not messages: SQL, regular expressions, Rich styles, a command named (drill exam …), click's own
# strings we translate (chinese.py holds the English it replaces) and the usage patterns that
# read click's English.
NOT_SAID = re.compile(
    r"\b(?:SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|PRAGMA|WHERE|FROM|ORDER BY|AND|AS|CASE WHEN)\b|\(\?|\\d|\bbold\b|^[a-z]+ on \S+$|\bdrill [a-z]+"
)
# A line that reads another program's English (SQLite's, the JSON reader's) says so.
READ = "# English read, not said"
TRANSLATING = {"cli/chinese.py", "cli/usage.py"}


def _said(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    tree = ast.parse(text)
    skipped = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)
    }
    # The English side of a table that puts another program's words into Chinese.
    skipped |= {
        id(key)
        for node in ast.walk(tree)
        if isinstance(node, ast.Dict)
        for key, value in zip(node.keys, node.values)
        if isinstance(value, ast.Constant) and isinstance(value.value, str) and CHINESE.search(value.value)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
        and ENGLISH.search(node.value) and not CHINESE.search(node.value) and not NOT_SAID.search(node.value)
        and READ not in lines[node.lineno - 1] and READ not in lines[node.lineno - 2]
    ]


def test_no_message_in_the_source_is_english() -> None:
    found = [
        f"{path.relative_to(SOURCE)}:{line}: {text!r}"
        for path in sorted(SOURCE.rglob("*.py"))
        if path.relative_to(SOURCE).as_posix() not in TRANSLATING
        for line, text in _said(path)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("code", "said"),
    [(errno.ENOENT, "文件或文件夹不存在"), (errno.EACCES, "没有权限"), (errno.ENOSPC, "磁盘已满"), (errno.EISDIR, "这是文件夹，不是文件")],
)
def test_the_systems_reasons_are_said_in_chinese(code: int, said: str) -> None:
    assert os_reason(OSError(code, "English words")) == said


def test_a_reason_we_have_no_words_for_keeps_the_systems() -> None:
    assert os_reason(OSError(errno.ECHILD, "No child processes")) == "No child processes"


@pytest.mark.parametrize(
    ("line", "said"),
    [("{a: 1}", "这里应有用双引号括起的字段名，第 2 列"), ('{"a": 1} x', "一个 JSON 值之后还有多余内容"), ('{"a": "x', "字符串没有结束的引号")],
)
def test_a_bad_json_line_is_said_in_chinese(line: str, said: str) -> None:
    with pytest.raises(BadLine) as caught:
        json_object(3, line)
    assert said in caught.value.message and caught.value.message.startswith("第 3 行：不是有效的 JSON")


@pytest.mark.parametrize(
    ("text", "said", "line"),
    [
        ('a = 1\n[[[', "键不能以这个字符开头", 2),
        ("a = 1 2", "一行只能写一个“键 = 值”", 1),
        ('a = "x', "字符串没有结束的引号", None),
        ("a = 1\na = 2\n", "同一个键写了两次", 2),
        ("a = [1, 2", "数组没有以 ] 结束", None),
        ("a = x", "= 后面不是有效的值", 1),
        ("[t]\nb = 1\n[t]\n", "t 声明了两次", 3),
        ('a = "\x1b[2J"', "不允许的字符 U+001B", 1),
    ],
)
def test_a_file_that_is_not_toml_is_said_in_chinese_with_its_line(text: str, said: str, line: int | None) -> None:
    import tomllib

    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    message, found = toml_problem(caught.value)
    assert said in message and found == line
    assert not re.search(r"[A-Za-z]{3,}", message), message  # (no word of the parser's English left)
    assert message.isprintable()
