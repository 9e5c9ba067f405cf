"""Marking from reference answers alone (参考答案评分), when no rubric was written by hand.

Key points are derived from each reference answer: its numbered points, else its
sentences; a sentence that lists items (…分为A、B、C / …：A、B、C) gives one point per item.
What only restates the question is left out, and so are the words all items share
(直线制组织结构形式、事业部制组织结构形式 → 直线制, 事业部制), since they tell nothing
apart. Points weigh alike and add up to the marks. With several references, the answer
takes the best mark it gets against any of them.
"""

from __future__ import annotations

import os
import re

from rapidfuzz.distance import LCSseq

from drill.importer import split_points
from drill.models import KeyPoint, Mark, Question, Rubric
from drill.normalize import compact
from drill.scoring import mark_answer

REFERENCE_ID = "reference"
_SENTENCE = re.compile(r"(?<=[。；;！!？?\n])")
# Where a list of items starts: after a colon or dash, or a verb that introduces a list.
_LIST_START = re.compile(r"[：:]|——|—|分为|分成|包括|包含|主要有|有以下|有|是指|是|为")
_ITEM_SPLIT = re.compile(r"[、，,；;]|以及|及|与|和")
# Credit grows from nothing at similarity 60 to the whole weight at 95: measured on the public
# LE training set (README, "Measured"), where human marks follow how much of each item is stated.
CREDIT_FROM, CREDIT_FULL = 60.0, 95.0


def _restates(clause: str, question: str) -> bool:
    """Whether a clause says nothing the question does not (one new character at most)."""
    form = compact(clause)
    return bool(form) and bool(question) and len(form) - LCSseq.similarity(form, question) <= 1


def _items(sentence: str, question: str) -> list[str]:
    """The items a sentence lists after its lead-in, or [] when it lists nothing."""
    for lead in _LIST_START.finditer(sentence):
        head, tail = sentence[: lead.start()], sentence[lead.end() :]
        if question and not (_restates(head, question) or lead.group() in "：:——" or not compact(head)):
            continue
        parts = [p.strip(" 。；;，,、") for p in _ITEM_SPLIT.split(tail)]
        parts = [p for p in parts if compact(p)]
        if len(parts) >= 2 and all(len(compact(p)) <= 20 for p in parts):
            return _distinct(parts)
    return []


def _distinct(items: list[str]) -> list[str]:
    """Items without the prefix and suffix they all share, when each keeps two characters or more."""
    prefix = os.path.commonprefix(items)
    suffix = os.path.commonprefix([i[::-1] for i in items])[::-1]
    cut = [i[len(prefix) : len(i) - len(suffix)] for i in items]
    if (prefix or suffix) and all(len(compact(c)) >= 2 for c in cut):
        return cut
    return items


def _without_restatement(piece: str, question: str) -> str:
    """A piece with the leading clauses that only restate the question taken off."""
    clauses = re.split(r"(?<=[，,：:])|——", piece)
    while len(clauses) > 1 and _restates(clauses[0], question):
        clauses.pop(0)
    return "".join(clauses).strip(" ，,：:—")


def derive_points(reference: str, question: str = "") -> list[str]:
    """The statements a reference answer makes, each to become a key point."""
    asked = compact(question)
    pieces = split_points(reference)
    if len(pieces) <= 1:
        pieces = [s.strip().strip("。；;！!？? ") for s in _SENTENCE.split(reference.strip())]
    points: list[str] = []
    for piece in (p for p in pieces if compact(p)):
        items = _items(piece, asked)
        if items:
            points.extend(items)
            continue
        kept = _without_restatement(piece, asked)
        if compact(kept) and not (_restates(kept, asked) and len(pieces) > 1):
            points.append(kept)
    return points or [reference.strip()]


def reference_rubric(reference: str, max_points: float, question: str = "") -> Rubric:
    """A rubric of equally weighted points derived from one reference answer."""
    texts = derive_points(reference, question)
    share = max_points / len(texts)
    points = [KeyPoint(id=f"r{i + 1}", weight=share, text=t) for i, t in enumerate(texts)]
    return Rubric(question=REFERENCE_ID, points=points, credit="linear", partial_threshold=CREDIT_FROM, hit_threshold=CREDIT_FULL)


def mark_by_references(answer: str, references: list[str], max_points: float = 10.0, question: str = "", material: str = "") -> Mark:
    """The best mark of `answer` against rubrics derived from each reference answer."""
    if not references:
        raise ValueError("no reference answer to mark against")
    target = Question(id=REFERENCE_ID, type="归纳概括", points=max_points, prompt=question or "（参考答案评分）", references=references)
    marks = [mark_answer(answer, target, reference_rubric(r, max_points, question), material) for r in references]
    return max(marks, key=lambda m: m.score)
