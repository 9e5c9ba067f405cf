"""A small TOML writer for bank and rubric files, line lookup for error messages, and
patching a file a person edited so that a save changes only the lines of what changed.

The files are written for people: Chinese stays as it is (no escapes), long text goes in
multi-line literal strings, and the same model always produces the same bytes.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from typing import Any

import tomlkit
from tomlkit.items import AoT, Table

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
    raise TypeError(f"{type(obj).__name__} 写不成 TOML")


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


def patch(old_text: str, new_text: str, old_values: dict | None = None, same: Callable[[str], bool] | None = None) -> str:
    """`new_text`'s values laid into `old_text`: what did not change keeps its bytes.

    A key whose value is the same keeps its lines, comments and layout; a changed value takes
    the lines `new_text` gives it; a key `new_text` lacks is removed, and a new one added.
    `old_values` are the values the old file stood for (its model, defaults included): a key
    the old file left out whose value is still that default is not written in. When the
    result does not read back as `new_text` does (or `same(result)` says it does not),
    `new_text` itself is returned.
    """
    if old_text.strip() == "":
        return new_text
    try:
        old, new = tomlkit.parse(old_text), tomlkit.parse(new_text)
    except tomlkit.exceptions.ParseError:
        return new_text
    if tomllib.loads(old_text) == tomllib.loads(new_text):
        return old_text
    _merge(old, new, old_values or {})
    out = tomlkit.dumps(old).rstrip("\n") + "\n"
    try:
        good = same(out) if same is not None else tomllib.loads(out) == tomllib.loads(new_text)
    except (ValueError, tomllib.TOMLDecodeError):
        good = False
    return out if good else new_text


def _plain(item: Any) -> Any:
    return item.unwrap() if hasattr(item, "unwrap") else item


def _merge(old: Any, new: Any, values: Any) -> None:
    """Make container `old` hold `new`'s values, touching only the keys that differ."""
    values = values if isinstance(values, dict) else {}
    for key in [k for k in old.keys() if k not in new]:
        del old[key]
    for key, item in new.items():
        implied = values.get(key)
        if key not in old:
            if implied is None or implied != _plain(item):
                old[key] = item
            continue
        current = old[key]
        if _plain(current) == _plain(item):
            continue
        if isinstance(current, Table) and isinstance(item, Table):
            _merge(current, item, implied)
        elif isinstance(current, AoT) and isinstance(item, AoT):
            _merge_tables(current, item, implied if isinstance(implied, list) else [])
        else:
            old[key] = item


def _merge_tables(old: AoT, new: AoT, values: list) -> None:
    """[[tables]] matched by position: changed ones merged, extra ones removed or appended."""
    for i in range(min(len(old), len(new))):
        _merge(old[i], new[i], values[i] if i < len(values) else {})
    for i in range(len(old) - 1, len(new) - 1, -1):
        del old[i]
    for i in range(len(old), len(new)):
        if len(old) and not tomlkit.dumps(old).endswith("\n\n"):
            old[len(old) - 1].add(tomlkit.nl())  # a blank line before the new table
        old.append(new[i])
