"""What is taken off, and the one total: the sum of the rows' credits less the deductions.

The rubric sets two deductions: going over the 字数 limit, and copying the material. Others
come from the kind of answer (an essay held to its band, a 判断题 with the opposite
verdict) and are made where that kind is read, as `Deduction`s like these.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

from drill.marker import tuning
from drill.models import Deduction, LimitRule, PointMark, Question, Rubric
from drill.numbers import format_points
from drill.text import compact


def earned(points: Iterable[PointMark], deductions: Iterable[Deduction] = ()) -> float:
    """The rows' credits less the deductions, unrounded and unbounded (what the caps read)."""
    return sum(p.credit for p in points) - sum(d.points for d in deductions)


def total(points: Iterable[PointMark], deductions: Iterable[Deduction], maximum: float) -> float:
    """The score: `earned`, rounded to hundredths, never below 0 or above the maximum."""
    return min(maximum, max(0.0, round(earned(points, deductions), 2)))


def allowed_words(question: Question, rule: LimitRule) -> int | None:
    """The most 字 an answer may have before it is over the limit: a `max` limit itself, an
    `about` limit `about_tolerance` more; None when the question sets none."""
    if not question.word_limit:
        return None
    return question.word_limit if question.limit_kind == "max" else math.floor(question.word_limit * (1 + rule.about_tolerance))


def limit_deduction(count: int, question: Question, rule: LimitRule) -> Deduction | None:
    """The deduction for going over the 字数 limit (`rule`: the rubric's), if any, with the rule spelled out."""
    allowed = allowed_words(question, rule)
    if allowed is None:
        return None
    over = count - allowed
    if over <= 0 or rule.over_points == 0:
        return None
    points = min(rule.over_cap, math.ceil(over / rule.over_step) * rule.over_points)
    kind = "上限" if question.limit_kind == "max" else f"{question.word_limit}字左右的上限"
    reason = (
        f"超字数：{count}字，超出{kind}{allowed}字{over}字；"
        f"每超{rule.over_step}字扣{format_points(rule.over_points)}分，最多扣{format_points(rule.over_cap)}分"
    )
    return Deduction(reason=reason, points=points)


@lru_cache(maxsize=32)
def _material_runs(material: str) -> frozenset[str]:
    form = compact(material)
    return frozenset(form[i : i + tuning.COPY_RUN] for i in range(len(form) - tuning.COPY_RUN + 1))


def copied_share(answer: str, material: str) -> float:
    """The share of the answer (by characters, punctuation aside) inside runs copied verbatim from the material."""
    if not material:
        return 0.0
    form = compact(answer)
    if len(form) < tuning.COPY_RUN:
        return 0.0
    runs = _material_runs(material)
    run = tuning.COPY_RUN
    covered = reach = 0  # characters inside copied runs; where the last run found ends
    for i in range(len(form) - run + 1):
        if form[i : i + run] in runs:
            covered += i + run - max(i, reach)
            reach = i + run
    return round(covered / len(form), 3)


def copy_deduction(share: float, rubric: Rubric) -> Deduction | None:
    """The deduction for copying the material, when the rubric sets one and the share passes its threshold."""
    if rubric.copy_points <= 0 or share <= rubric.copy_threshold:
        return None
    reason = f"照抄材料：作答中{share:.0%}的文字与材料连续相同，超过{rubric.copy_threshold:.0%}，扣{format_points(rubric.copy_points)}分"
    return Deduction(reason=reason, points=rubric.copy_points)


def rubric_deductions(count: int, copied: float, question: Question, rubric: Rubric) -> list[Deduction]:
    """The deductions the rubric sets: over the limit, copying."""
    return [d for d in (limit_deduction(count, question, rubric.limit), copy_deduction(copied, rubric)) if d]
