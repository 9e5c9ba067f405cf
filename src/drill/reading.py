"""Reading the material, and writing on the answer sheet: what the practice screen computes.

- `paragraphs`, `is_heading`, `find`: the material split for display, its section headings,
  and the places a search term occurs (a Traditional term finds Simplified text);
  `section_path` and `locate`: the headings a place in the material stands under, and its
  paragraph.
- `paper_rows`: an answer laid out on 方格稿纸, 25 squares a line, as on the answer sheet.
- `suggested_minutes`: how long a question should take.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drill.models import Question
from drill.text import NUMERALS, to_simplified

# What opens a section heading, by level, outermost first: 给定资料3 › 一、背景链接 ›
# ★国家政策 › （一）取得成效 (`section_path`); any of them heads a section (`is_heading`).
_LEVELS = [re.compile(p) for p in (r"^给定资料\s*\d+\s*$", rf"^(?:[{NUMERALS}]+、|第[{NUMERALS}]+[章节部分])", r"^★", rf"^[（(][{NUMERALS}]+[）)]")]
_HEADING = re.compile("|".join(level.pattern for level in _LEVELS))
SQUARES = 25
MARK_EVERY = 100


def paragraphs(text: str) -> list[str]:
    """The material's paragraphs, one per non-empty line."""
    return [line for line in text.split("\n") if line.strip()]


def locate(text: str, offset: int) -> tuple[int, int]:
    """Which of `paragraphs(text)` the character at `offset` of `text` is in, and where in it."""
    at, number = 0, -1
    for line in text.split("\n"):
        end = at + len(line)
        if line.strip():
            number += 1
            if offset <= end:
                return number, max(0, offset - at)
        at = end + 1
    return max(number, 0), 0


def is_heading(paragraph: str) -> bool:
    """Whether a paragraph heads a section: 一、背景链接 / ★国家政策 / （一）取得成效."""
    return bool(_HEADING.match(paragraph)) and len(paragraph) <= 40


def _level(paragraph: str) -> int:
    return next((level for level, pattern in enumerate(_LEVELS) if pattern.match(paragraph)), len(_LEVELS))


def section_path(text: str, offset: int) -> list[str]:
    """The headings the stretch of `text` at `offset` stands under, outermost first (给定资料3,
    一、背景链接, ★国家政策): where in the material a candidate finds it. Empty when no heading
    comes before it."""
    path: list[str] = []
    within = len(_LEVELS) + 1  # the level of the heading found last: only those above it count
    lines = text[:offset].split("\n")[:-1]  # (the line the stretch is on is not its heading)
    for line in reversed(lines):
        line = line.strip()
        if line and is_heading(line) and (level := _level(line)) < within:
            path.insert(0, line)
            within = level
            if level == 0:
                break
    return path


@dataclass(frozen=True)
class Hit:
    """Where a search term occurs: the paragraph and the span in it."""

    paragraph: int
    start: int
    end: int


def find(paras: list[str], term: str) -> list[Hit]:
    """Every occurrence of `term` in the paragraphs, in reading order (case and script ignored)."""
    needle = to_simplified(term.strip()).lower()
    if not needle:
        return []
    hits = []
    for number, para in enumerate(paras):
        hay = para.lower()
        start = hay.find(needle)
        while start != -1:
            hits.append(Hit(number, start, start + len(needle)))
            start = hay.find(needle, start + len(needle))
    return hits


def paper_rows(text: str, squares: int = SQUARES) -> list[str]:
    """The answer on squared paper: each row `squares` characters (a line break ends a row).

    Every character but whitespace takes a square, punctuation included, as markers count.
    """
    rows: list[str] = []
    for line in text.split("\n"):
        chars = [c for c in line if not c.isspace()]
        if not chars:
            continue
        rows.extend("".join(chars[i : i + squares]) for i in range(0, len(chars), squares))
    return rows


def suggested_minutes(question: Question) -> int:
    """A pace for the clock: a minute a point, and a minute for every 40 字 to write."""
    return max(5, round(question.points + (question.word_limit or 0) / 40))
