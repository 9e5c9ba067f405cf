"""Marking from reference answers alone (参考答案评分), when no rubric was written by hand.

Key points are derived from each reference answer — its numbered points, else the items of an
enumeration (…：A、B、C), else its sentences — with equal weights adding up to the marks.
With several references, the answer takes the best mark it gets against any of them.
"""

from __future__ import annotations

import re

from drill.importer import split_points
from drill.models import KeyPoint, Mark, Question, Rubric
from drill.scoring import mark_answer

_ENUMERATION = re.compile(r"[：:]\s*([^：:。；;]*[、，,][^：:。；;]*)[。；;]?\s*$")
_SENTENCE = re.compile(r"(?<=[。；;！!？?])")
REFERENCE_ID = "reference"


def derive_points(reference: str) -> list[str]:
    """The statements a reference answer makes, each to become a key point."""
    points = split_points(reference)
    if len(points) > 1:
        return points
    text = reference.strip()
    items = _ENUMERATION.search(text)
    if items:
        parts = [p.strip() for p in re.split(r"[、，,]|以及|和(?=[^和]{2,}$)", items.group(1)) if p.strip()]
        if len(parts) > 1:
            return parts
    sentences = [s.strip().strip("。；;！!？? ") for s in _SENTENCE.split(text)]
    sentences = [s for s in sentences if s]
    return sentences or ([text] if text else [])


def reference_rubric(reference: str, max_points: float) -> Rubric:
    """A rubric of equally weighted points derived from one reference answer."""
    texts = derive_points(reference) or [reference.strip() or "（空）"]
    share = max_points / len(texts)
    points = [KeyPoint(id=f"r{i + 1}", weight=share, text=t) for i, t in enumerate(texts)]
    return Rubric(question=REFERENCE_ID, points=points)


def mark_by_references(answer: str, references: list[str], max_points: float = 10.0, material: str = "") -> Mark:
    """The best mark of `answer` against rubrics derived from each reference answer."""
    question = Question(id=REFERENCE_ID, type="归纳概括", points=max_points, prompt="（参考答案评分）", references=references)
    best: Mark | None = None
    for reference in references:
        mark = mark_answer(answer, question, reference_rubric(reference, max_points), material)
        if best is None or mark.score > best.score:
            best = mark
    if best is None:
        raise ValueError("no reference answer to mark against")
    return best
