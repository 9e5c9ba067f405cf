"""A small TOML writer for bank and rubric files, and line lookup for error messages.

The files are written for people: Chinese stays as it is (no escapes), long text goes in
multi-line literal strings, and the same model always produces the same bytes.
"""

from __future__ import annotations

import re
from typing import Any

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _basic(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    out = out.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")
    return '"' + re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04x}", out) + '"'


def string(text: str) -> str:
    """A TOML string for `text`: multi-line literal when it has newlines and nothing that breaks it."""
    if "\n" in text and "'" not in text and "\r" not in text and not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", text):
        return "'''\n" + text + "'''"
    return _basic(text)


def value(obj: Any) -> str:
    """A TOML value for a str, number, bool or list of those."""
    if isinstance(obj, bool):
        return "true" if obj else "false"
    if isinstance(obj, int):
        return str(obj)
    if isinstance(obj, float):
        return str(int(obj)) if obj == int(obj) else repr(obj)
    if isinstance(obj, str):
        return string(obj)
    if isinstance(obj, list):
        if not obj:
            return "[]"
        # One item a line, so that adding a synonym changes one line; multi-line strings
        # are not indented because their indentation would become part of the text.
        indent = "" if any(isinstance(item, str) and "\n" in item for item in obj) else "    "
        return "[\n" + "".join(f"{indent}{value(item)},\n" for item in obj) + "]"
    raise TypeError(f"cannot write {type(obj).__name__} as TOML")


def assignments(pairs: dict[str, Any]) -> str:
    """`key = value` lines for the pairs whose value is not None."""
    lines = []
    for key, item in pairs.items():
        if item is None:
            continue
        name = key if _BARE_KEY.match(key) else _basic(key)
        lines.append(f"{name} = {value(item)}")
    return "\n".join(lines) + "\n" if lines else ""


def locate(text: str, loc: tuple[Any, ...]) -> int | None:
    """The 1-based line of the field at pydantic location `loc` (e.g. ("points", 2, "weight")).

    Finds the table header `[[points]]` number 3, then the key inside it; a key that is
    missing gives the line of its table, or line 1 at the top level.
    """
    if not loc:
        return 1  # a rule across fields: the message names them
    lines = text.splitlines()
    start, end = 0, len(lines)
    header_line: int | None = None
    parts = list(loc)
    while parts:
        key = parts.pop(0)
        if not isinstance(key, str):
            return header_line
        if parts and isinstance(parts[0], int):
            index = parts.pop(0)
            headers = [i for i in range(start, end) if lines[i].strip() == f"[[{key}]]"]
            if index < len(headers):
                start = headers[index]
                header_line = start + 1
                nxt = [i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")]
                end = nxt[0] if nxt else len(lines)
                start += 1
                continue
            found = _key_line(lines, start, end, key)
            return found or header_line
        table = [i for i in range(start, end) if lines[i].strip() == f"[{key}]"]
        if table and parts:
            start = table[0] + 1
            header_line = start
            nxt = [i for i in range(start, len(lines)) if lines[i].lstrip().startswith("[")]
            end = nxt[0] if nxt else len(lines)
            continue
        if start == 0:
            first_table = next((i for i, line in enumerate(lines) if line.lstrip().startswith("[") and not line.lstrip().startswith("[\"")), None)
            end = first_table if first_table is not None and not table else end
        found = _key_line(lines, start, end, key)
        return found or header_line or (table[0] + 1 if table else None) or 1
    return header_line


def _key_line(lines: list[str], start: int, end: int, key: str) -> int | None:
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for i in range(start, end):
        if pattern.match(lines[i]):
            return i + 1
    return None
