"""Marking from reference answers alone (参考答案评分), when no rubric was written by hand.

Key points are derived from each reference answer: its numbered points, else its
sentences; a sentence that lists items (…分为A、B、C / …：A、B、C) gives one point per item.
What only restates the question is left out, and so are the words all items share
(直线制组织结构形式、事业部制组织结构形式 → 直线制, 事业部制), since they tell nothing
apart. Points weigh alike and add up to the marks.

How a point is credited depends on what it is:
- an item (a few characters) by close matching, as a hand-written key point;
- a statement (a longer sentence) by close matching or, when that gives more, by how much of
  its content the answer states in any words (`coverage.py`);
- the verdict of a 判断题 (错误 / 正确) by the verdict the answer opens with; the opposite
  verdict takes away everything the explanation earned (`verdict.py`);
- and when the question asks for a quantity, an answer that states the reference's results
  as formulas (`formulas.py`) gets the marks of those results, if that is more.
With several references, the answer takes the best mark it gets against any of them.
"""

from __future__ import annotations

import os
import re

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from drill.coverage import STATEMENT, best_sentence, coverage, credit_share
from drill.formulas import ASKS_QUANTITY, formulas, results, where
from drill.importer import split_points
from drill.models import Deduction, Evidence, KeyPoint, Mark, PointMark, Question, Rubric, format_points
from drill.normalize import compact, word_count
from drill.scoring import copied_share, mark_answer
from drill.verdict import is_judgement, verdict, verdict_span

REFERENCE_ID = "reference"
_SENTENCE = re.compile(r"(?<=[。；;！!？?\n])")
# Where a list of items starts: after a colon or dash, or a verb that introduces a list.
_LIST_START = re.compile(r"[：:]|——|—|分为|分成|包括|包含|主要有|有以下|有|是指|是|为")
_ITEM_SPLIT = re.compile(r"[、，,；;]|以及|及|与|和")
_HAN = re.compile(r"[\u3400-\u9fff]")
# Credit grows from nothing at similarity 60 to the whole weight at 95: measured on the public
# LE training set (README, "Measured"), where human marks follow how much of each item is stated.
CREDIT_FROM, CREDIT_FULL = 60.0, 95.0


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
    """The best mark of `answer` against what each reference answer says (see the module's docstring)."""
    if not references:
        raise ValueError("no reference answer to mark against")
    target = Question(id=REFERENCE_ID, type="归纳概括", points=max_points, prompt=question or "（参考答案评分）", references=references)
    marks = [_mark_against(answer, target, r, question, material) for r in references]
    if ASKS_QUANTITY.search(question):
        marks += [m for r in references if (m := _mark_by_results(answer, target, r, question, material))]
    return max(marks, key=lambda m: m.score)


def _mark_against(answer: str, target: Question, reference: str, question: str, material: str) -> Mark:
    """The mark against the points derived from one reference."""
    rubric = reference_rubric(reference, target.points, question)
    mark = mark_answer(answer, target, rubric, material)
    wanted = verdict(reference) if is_judgement(question) else None
    given = verdict_span(answer) if wanted else None
    points = []
    for point, graded in zip(rubric.points, mark.points):
        if given and len(compact(point.text)) <= 4 and verdict(point.text):
            graded = _verdict_row(point, answer, given, wanted)
        elif len(compact(point.text)) >= STATEMENT:
            graded = max(graded, _by_coverage(point, answer, question), key=lambda g: g.credit)
        points.append(graded)
    deductions = list(mark.deductions)
    earned = sum(p.credit for p in points)
    notes = list(mark.notes)
    if given and given[0] != wanted:
        opposite = f"判断相反：参考答案判为「{wanted}」，作答判为「{given[0]}」"
        if earned > 0:
            deductions.append(Deduction(reason=f"{opposite}，解释不得分（{format_points(earned)}分）", points=round(earned, 2)))
        else:
            notes.append(opposite)
    score = max(0.0, round(earned - sum(d.points for d in deductions), 2))
    return mark.model_copy(update={"points": points, "deductions": deductions, "score": score, "notes": notes})


def _verdict_row(point: KeyPoint, answer: str, given: tuple[str, int, int], wanted: str | None) -> PointMark:
    """The verdict point, credited when the answer opens with the same verdict."""
    found, start, end = given
    if found != wanted:
        return PointMark(id=point.id, text=point.text, weight=point.weight, status="miss", credit=0.0)
    evidence = Evidence(start=start, end=end, text=answer[start:end])
    return PointMark(id=point.id, text=point.text, weight=point.weight, status="hit", credit=point.weight, similarity=100.0, evidence=evidence)


def _by_coverage(point: KeyPoint, answer: str, question: str) -> PointMark:
    """A statement credited by the share of its content the answer states."""
    covered = coverage(point.text, answer, question)
    share = credit_share(covered)
    status = "hit" if share >= 1 else "partial" if share > 0 else "miss"
    span = best_sentence(point.text, answer, question) if share > 0 else None
    evidence = Evidence(start=span[0], end=span[1], text=answer[span[0] : span[1]]) if span else None
    return PointMark(
        id=point.id, text=point.text, weight=point.weight, status=status, credit=min(point.weight, round(point.weight * share, 2)),
        similarity=round(covered * 100, 1), evidence=evidence,
    )


def _mark_by_results(answer: str, target: Question, reference: str, question: str, material: str) -> Mark | None:
    """The mark by the results the reference arrives at, when it states some as formulas."""
    wanted = results(reference, question)
    if not wanted:
        return None
    stated = set(formulas(answer))
    weight = target.points / len(wanted)
    points = []
    for i, formula in enumerate(wanted):
        found = formula in stated
        span = where(formula, answer) if found else None
        evidence = Evidence(start=span[0], end=span[1], text=answer[span[0] : span[1]]) if span else None
        points.append(PointMark(
            id=f"result{i + 1}", text=f"结果：{formula}", weight=weight, status="hit" if found else "miss",
            credit=weight if found else 0.0, similarity=100.0 if found else 0.0, evidence=evidence,
        ))
    score = min(target.points, round(sum(p.credit for p in points), 2))
    return Mark(question=target.id, score=score, max=target.points, word_count=word_count(answer), points=points, copied=copied_share(answer, material))
