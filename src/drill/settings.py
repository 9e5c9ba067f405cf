"""drill's settings: `settings.toml` in the data dir, read and written by `drill config`.

Only the scheduler's two settings so far: the retention it aims for and the longest interval
between two practices of a question, in days. A missing file means the defaults; a bad one
is an error naming the file, the line and the setting, and the file is left as it is.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from drill.errors import DrillError, toml_problem
from drill.paths import private_file
from drill.scheduling import Plan

FILE_NAME = "settings.toml"


@dataclass(frozen=True)
class Setting:
    """One setting: its kind, the range it must lie in, and what it means."""

    name: str
    kind: type
    low: float
    high: float
    meaning: str


SETTINGS = {
    s.name: s for s in (
        Setting("desired_retention", float, 0.7, 0.99, "复习时希望还能答好的把握（FSRS 的目标记忆保持率）"),
        Setting("maximum_interval", int, 1, 3650, "同一道题两次练习最多相隔的天数"),
    )
}


def _line_of(text: str, name: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(name)}\s*=", line):
            return number
    return None


def check(name: str, value: object, where: str) -> float | int:
    """A setting's value if it is one, else a `DrillError` naming `where` and the rule."""
    setting = SETTINGS.get(name)
    if setting is None:
        raise DrillError(f"{where}: 没有这个设置（可用：{'、'.join(SETTINGS)}）")
    if isinstance(value, str):
        try:
            value = setting.kind(value.strip())
        except ValueError:
            value = None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (
        setting.kind is int and math.isfinite(value) and value != int(value)  # (inf has no int)
    ):
        raise DrillError(f"{where}: 应为{'整数' if setting.kind is int else '数'}，在 {setting.low:g} 到 {setting.high:g} 之间")
    if not math.isfinite(value) or not setting.low <= value <= setting.high:
        raise DrillError(f"{where}: {value!r} 不在 {setting.low:g} 到 {setting.high:g} 之间")
    return setting.kind(value)


def read(path: Path) -> dict[str, float | int]:
    """The settings written in `path` (none when it does not exist)."""
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise DrillError(f"{path}: 读不了设置文件（{exc}）") from None
    except tomllib.TOMLDecodeError as exc:
        message, line = toml_problem(exc)
        raise DrillError(f"{path}{f':{line}' if line else ''}: 不是有效的 TOML：{message}") from None
    return {name: check(name, value, f"{path}:{_line_of(text, name) or 1}: {name}") for name, value in data.items()}


def plan(path: Path) -> Plan:
    """The scheduler's settings from `path`, defaults for what it does not set."""
    return Plan(**read(path))


def write(path: Path, name: str, value: str) -> float | int:
    """Set one setting in `path` (checked first; the file is replaced whole, atomically: a
    failed write, a full disk, is a `DrillError` and leaves the file as it was)."""
    values = read(path)
    values[name] = check(name, value, f"drill config {name} {value!r}")
    with private_file(path) as out:  # (a full disk or a killed drill leaves the old file whole)
        out.write("".join(f"{key} = {values[key]!r}\n" for key in SETTINGS if key in values))
    return values[name]
