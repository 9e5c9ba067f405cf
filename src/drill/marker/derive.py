"""Key points derived from a reference answer, when no rubric was written by hand.

Key points are derived from each reference answer: its numbered points, else its
sentences; a sentence that lists items (…分为A、B、C / …：A、B、C) gives one point per item.
What only restates the question is left out, and so are the words all items share
(直线制组织结构形式、事业部制组织结构形式 → 直线制, 事业部制), since they tell nothing
apart. Points weigh alike and add up to the marks.

Each derived point is sought the way its kind calls for (`scheme.Way`): an item (under
STATEMENT characters) closely, as a hand-written key point, its credit growing linearly
from similarity CREDIT_FROM to CREDIT_FULL; a statement closely or by coverage; a 判断题's
verdict by the verdict the answer opens with. When the question asks for a quantity, the
results the reference arrives at make a scheme of their own (`results_scheme`).
"""

from __future__ import annotations

import os
import re

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from drill.marker.formats import form_lines, form_of
from drill.marker.formulas import ASKS_QUANTITY, results
from drill.marker.scheme import Scheme, Sought, Way
from drill.marker import tuning
from drill.marker.verdict import is_judgement, is_verdict_point, verdict
from drill.models import KeyPoint, Rubric
from drill.text import compact, sentences, split_points

REFERENCE_ID = "reference"
# Where a list of items starts: after a colon or dash, or a verb that introduces a list.
_LIST_START = re.compile(r"[：:]|——|—|分为|分成|包括|包含|主要有|有以下|有|是指|是|为")
_ITEM_SPLIT = re.compile(r"[、，,；;]|以及|及|与|和")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _restates(clause: str, question: str) -> bool:
    """Whether a clause says nothing the question does not: one new character at most, and in
    one stretch of the question (单链表不可以 answers 能否… rather than restating it)."""
    form = compact(clause)
    if not form or not question or len(form) - LCSseq.similarity(form, question) > 1:
        return False
    if len(form) <= 4:
        return form in question
    return fuzz.partial_ratio(form, question) >= (100 * (1 - 1 / len(form)) if len(form) <= 10 else 90)


def _items(sentence: str, question: str) -> list[str]:
    """The items a sentence lists after its lead-in, or [] when it lists nothing."""
    for lead in _LIST_START.finditer(sentence):
        head, tail = sentence[: lead.start()], sentence[lead.end() :]
        if question and not (_restates(head, question) or lead.group() in "：:——" or not compact(head)):
            continue
        parts = [p.strip(" 。；;，,、") for p in _ITEM_SPLIT.split(tail)]
        parts = [p for p in parts if compact(p)]
        if len(parts) >= 2 and all(len(compact(p)) <= 20 and _HAN.search(p) for p in parts):
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


def derive_points(reference: str, question: str = "", document: bool = False) -> list[str]:
    """The statements a reference answer makes, each to become a key point; of a `document`,
    not its title, addressee, signer and date (its form, marked as format)."""
    asked = compact(question)
    if document:
        lines = [line for line in reference.strip().split("\n") if line.strip()]
        reference = "\n".join(line for i, line in enumerate(lines) if i not in form_lines(lines)) or reference
    pieces = split_points(reference)
    if len(pieces) <= 1:
        pieces = sentences(reference)
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


def reference_rubric(reference: str, max_points: float, question: str = "", document: bool = False) -> Rubric:
    """A rubric of equally weighted points derived from one reference answer, credited
    linearly from similarity tuning.CREDIT_FROM to tuning.CREDIT_FULL; for a `document`
    (贯彻执行), the format its reference shows (`formats.form_of`) takes tuning.DERIVED_FORM
    of the marks, as the hand-written rubrics of documents give it."""
    form = form_of(reference) if document else []
    texts = derive_points(reference, question, document)
    kept = max_points * (1 - tuning.DERIVED_FORM) if form else max_points
    points = [KeyPoint(id=f"r{i + 1}", weight=kept / len(texts), text=t) for i, t in enumerate(texts)]
    checks = [check.model_copy(update={"weight": (max_points - kept) / len(form)}) for check in form]
    return Rubric(
        question=REFERENCE_ID, points=points, format=checks, credit="linear",
        partial_threshold=tuning.CREDIT_FROM, hit_threshold=tuning.CREDIT_FULL,
    )


def _way(text: str, judged: bool) -> Way:
    if judged and is_verdict_point(text):
        return "verdict"
    return "statement" if len(compact(text)) >= tuning.STATEMENT else "close"


def reference_scheme(reference: str, max_points: float, question: str = "", document: bool = False) -> Scheme:
    """The points one reference answer makes, each sought the way its kind calls for (and,
    of a `document`, its format)."""
    rubric = reference_rubric(reference, max_points, question, document)
    wanted = verdict(reference) if is_judgement(question) else None
    sought = tuple(Sought(point, _way(point.text, wanted is not None)) for point in rubric.points)
    return Scheme(rubric=rubric, sought=sought, prompt=question, verdict=wanted)


def results_scheme(reference: str, max_points: float, question: str = "") -> Scheme | None:
    """The results a reference arrives at, as formulas to state, when the question asks for a
    quantity and the reference gives some; else None."""
    wanted = results(reference, question) if ASKS_QUANTITY.search(question) else []
    if not wanted:
        return None
    weight = max_points / len(wanted)
    points = [KeyPoint(id=f"result{i + 1}", weight=weight, text=f"结果：{formula}") for i, formula in enumerate(wanted)]
    sought = tuple(Sought(point, "result", formula) for point, formula in zip(points, wanted))
    return Scheme(rubric=Rubric(question=REFERENCE_ID, points=points), sought=sought, prompt=question)
