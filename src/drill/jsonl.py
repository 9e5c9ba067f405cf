"""JSON lines, read one way everywhere: batches, graded answers, question tables, history.

Lines are split at `\\n` only. `str.splitlines` also breaks at U+2028, U+2029 and U+0085,
which a JSON string may hold raw (`json.dumps(ensure_ascii=False)` writes them so): an answer
holding one would come apart into two bad lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from drill.errors import BadLine
from drill.text import SURROGATE, printable


def lines_of(text: str) -> list[str]:
    """The lines of a JSONL text, split at `\\n` only (a `\\r` before it is dropped)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


# What Python's JSON reader says is wrong, in Chinese (its messages, by how they start).
_JSON_REASONS = {
    "Expecting value": "这里应有一个值",
    "Expecting property name enclosed in double quotes": "这里应有用双引号括起的字段名",
    "Expecting ':' delimiter": "字段名后应有冒号",
    "Expecting ',' delimiter": "这里应有逗号",
    "Unterminated string": "字符串没有结束的引号",
    "Invalid control character": "字符串里有控制字符",
    "Invalid \\uXXXX escape": "\\u 转义不完整",
    "Invalid \\escape": "反斜杠转义无效",
    "Extra data": "一个 JSON 值之后还有多余内容",
    "Illegal trailing comma": "最后一项后面多了逗号",
}


def _json_reason(message: str) -> str:
    """A JSON reader's message in Chinese (its own words when we have none)."""
    return next((said for start, said in _JSON_REASONS.items() if message.startswith(start)), message)


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} 不是 drill 接受的数")


def json_object(number: int, text: str) -> dict:
    """Line `number` of a JSONL file as an object; `BadLine` if it is not one (not JSON, NaN
    or Infinity, a number of thousands of digits, nesting too deep to read)."""
    try:
        record = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise BadLine(number, f"不是有效的 JSON（{_json_reason(exc.msg)}，第 {exc.colno} 列）") from None
    except RecursionError:
        raise BadLine(number, "没有读：嵌套太深") from None
    except ValueError as exc:  # NaN / Infinity, or an integer of more than 4,300 digits
        said = str(exc)
        if digits := re.search(r"value has (\d+) digits", said):
            said = f"数字有 {digits.group(1)} 位，太长"
        raise BadLine(number, f"没有读：{said.split(';')[0]}") from None
    if not isinstance(record, dict):
        raise BadLine(number, "应为一个 JSON 对象")
    return record


def text_field(number: int, name: str, value: object, empty: bool = True, mend: bool = False) -> str:
    """A text field of line `number`, checked: a string, holding only real characters. JSON
    can carry a lone surrogate ("\\ud800"), which is not text and cannot be stored: refused,
    or with `mend` (an answer) made `printable` (U+FFFD for it, control characters dropped)."""
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise BadLine(number, f"{name}：缺少，或不是文字")
    if mend:
        return printable(value)
    if SURROGATE.search(value):
        at = SURROGATE.search(value).start()
        raise BadLine(number, f"{name}：含有不成对的代理字符（第 {at + 1} 个字符，U+{ord(value[at]):04X}），不是文字")
    return value


def json_lines(lines: Iterable[str | bytes]) -> Iterator[tuple[int, dict | BadLine]]:
    """(1-based line number, the object or why it is not one) of every non-blank line; a line
    given as bytes (`stream_lines`) is decoded here, so one bad byte costs one line."""
    for number, text in enumerate(lines, start=1):
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, BadLine(number, f"不是有效的 UTF-8（这一行的第 {exc.start + 1} 个字节）")
                continue
        if not text.strip():
            continue
        try:
            yield number, json_object(number, text)
        except BadLine as exc:
            yield number, exc


def stream_lines(handle) -> Iterator[bytes]:
    """The lines of a file opened in binary, one at a time, split at `\n` only (a `\r`
    before it and a BOM at the start dropped): a file of any size is read in pieces."""
    pending, first = b"", True
    while chunk := handle.read(1 << 16):
        if first:
            chunk, first = chunk.removeprefix(b"\xef\xbb\xbf"), False
        pieces = (pending + chunk).split(b"\n")
        pending = pieces.pop()
        for piece in pieces:
            yield piece.removesuffix(b"\r")
    if pending:
        yield pending.removesuffix(b"\r")
