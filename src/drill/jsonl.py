"""JSON lines, read one way everywhere: batches, graded answers, question tables, history.

Lines are split at `\\n` only. `str.splitlines` also breaks at U+2028, U+2029 and U+0085,
which a JSON string may hold raw (`json.dumps(ensure_ascii=False)` writes them so): an answer
holding one would come apart into two bad lines.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from drill.errors import BadLine


def lines_of(text: str) -> list[str]:
    """The lines of a JSONL text, split at `\\n` only (a `\\r` before it is dropped)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def json_object(number: int, text: str) -> dict:
    """Line `number` of a JSONL file as an object; `BadLine` if it is not one."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadLine(number, f"not valid JSON ({exc.msg}, column {exc.colno})") from None
    if not isinstance(record, dict):
        raise BadLine(number, "expected a JSON object")
    return record


def json_lines(lines: list[str]) -> Iterator[tuple[int, dict | BadLine]]:
    """(1-based line number, the object or why it is not one) of every non-blank line."""
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            yield number, json_object(number, text)
        except BadLine as exc:
            yield number, exc
