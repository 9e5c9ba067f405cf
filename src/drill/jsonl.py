"""JSON lines, read one way everywhere: batches, graded answers, question tables, history.

Lines are split at `\\n` only. `str.splitlines` also breaks at U+2028, U+2029 and U+0085,
which a JSON string may hold raw (`json.dumps(ensure_ascii=False)` writes them so): an answer
holding one would come apart into two bad lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from drill.errors import BadLine
from drill.text import SURROGATE, printable


def lines_of(text: str) -> list[str]:
    """The lines of a JSONL text, split at `\\n` only (a `\\r` before it is dropped)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number drill accepts")


def json_object(number: int, text: str) -> dict:
    """Line `number` of a JSONL file as an object; `BadLine` if it is not one (not JSON, NaN
    or Infinity, a number of thousands of digits, nesting too deep to read)."""
    try:
        record = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise BadLine(number, f"not valid JSON ({exc.msg}, column {exc.colno})") from None
    except RecursionError:
        raise BadLine(number, "not read: nested too deeply") from None
    except ValueError as exc:  # NaN / Infinity, or an integer of more than 4,300 digits
        raise BadLine(number, f"not read: {str(exc).split(';')[0]}") from None
    if not isinstance(record, dict):
        raise BadLine(number, "expected a JSON object")
    return record


def text_field(number: int, name: str, value: object, empty: bool = True, mend: bool = False) -> str:
    """A text field of line `number`, checked: a string, holding only real characters. JSON
    can carry a lone surrogate ("\\ud800"), which is not text and cannot be stored: refused,
    or with `mend` (an answer) made `printable` (U+FFFD for it, control characters dropped)."""
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise BadLine(number, f"{name}: missing or not a text")
    if mend:
        return printable(value)
    if SURROGATE.search(value):
        at = SURROGATE.search(value).start()
        raise BadLine(number, f"{name}: holds an unpaired surrogate (U+{ord(value[at]):04X} at character {at + 1}), not text")
    return value


def json_lines(lines: Iterable[str | bytes]) -> Iterator[tuple[int, dict | BadLine]]:
    """(1-based line number, the object or why it is not one) of every non-blank line; a line
    given as bytes (`stream_lines`) is decoded here, so one bad byte costs one line."""
    for number, text in enumerate(lines, start=1):
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, BadLine(number, f"not valid UTF-8 (byte {exc.start + 1} of the line)")
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
