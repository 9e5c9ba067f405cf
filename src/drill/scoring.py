"""Marking (阅卷): score a free-text answer against a rubric's key points, explaining each credit.

Each key point is looked for anywhere in the answer through all its phrasings (its text and
synonyms; see `matching.py` for how a phrasing is compared). A phrasing of several clauses
scores the length-weighted mean of its clauses' best matches, so half a point earns about
half, or, if more, a share of its headline's (first clause's) match. The total is the sum of credits less deductions (over the 字数 limit; copying the
material when the rubric says so). Deterministic: no randomness, ties broken by position.
"""

from __future__ import annotations

import math
from functools import lru_cache

from drill.essay import CANNOT_JUDGE, band_of, essay_caps, essay_rows
from drill.formats import check_format
from drill.matching import Clause, Window, answer_windows, best_matches, key_clauses
from drill.models import Deduction, Evidence, KeyPoint, Mark, PointMark, Question, Rubric, format_points
from drill.normalize import compact, word_count

COPY_RUN = 12  # characters in a row identical to the material that count as copied


def headline_share(clauses: int) -> float:
    """What stating only the first clause (the headline) of a phrasing is worth.

    Markers credit 思想认识不到位 for 思想认识不够到位，理念相对滞后: the headline states the
    point. Of a two-clause phrasing it reaches a hit; of a longer one, a partial.
    """
    return 0.8 if clauses == 2 else 0.7


def _evidence(answer: str, used: list[Window]) -> Evidence | None:
    """The stretch that earned a point: the windows used, or the longest when they are far apart."""
    if not used:
        return None
    chosen = used if len({w.sentence for w in used}) == 1 else [max(used, key=lambda w: (len(w.form), -w.start))]
    start, end = min(w.start for w in chosen), max(w.end for w in chosen)
    return Evidence(start=start, end=end, text=answer[start:end])


def grade(point: KeyPoint, rubric: Rubric, best: dict[Clause, tuple[float, Window | None]], answer: str) -> PointMark:
    """Grade one key point from the best matches of its clauses: hit / partial / miss."""
    tried: list[tuple[float, list[Window]]] = []
    for phrasing in [point.text, *point.synonyms]:
        clauses = key_clauses(phrasing)
        total = sum(len(c.form) for c in clauses)
        if not total:
            continue
        this = sum(best[c][0] * len(c.form) for c in clauses) / total
        sources = [best[c][1] for c in clauses if best[c][1] is not None and best[c][0] > 0]
        if len(clauses) > 1 and best[clauses[0]][0] * headline_share(len(clauses)) > this:
            this, sources = best[clauses[0]][0] * headline_share(len(clauses)), [best[clauses[0]][1]]
        tried.append((this, sources))
    score, used = max(tried, key=lambda t: t[0], default=(0.0, []))
    if score >= rubric.hit_threshold:
        status, credit = "hit", point.weight
    elif score >= rubric.partial_threshold:
        share = rubric.partial_credit
        if rubric.credit == "linear":
            share = (score - rubric.partial_threshold) / max(1e-9, rubric.hit_threshold - rubric.partial_threshold)
        status, credit = "partial", round(point.weight * share, 2)
    else:
        status, credit = "miss", 0.0
    if status == "miss":
        return PointMark(id=point.id, text=point.text, weight=point.weight, status=status, credit=credit, similarity=round(score, 1))
    # The evidence also shows the words other phrasings matched in the same sentence.
    sentences = {w.sentence for w in used}
    used = used + [w for s, ws in tried if s >= rubric.partial_threshold for w in ws if w.sentence in sentences]
    return PointMark(
        id=point.id, text=point.text, weight=point.weight, status=status, credit=credit,
        similarity=round(score, 1), evidence=_evidence(answer, used),
    )


def limit_deduction(count: int, question: Question, rubric: Rubric) -> Deduction | None:
    """The deduction for going over the 字数 limit, if any, with the rule spelled out."""
    if not question.word_limit:
        return None
    rule = rubric.limit
    allowed = question.word_limit if question.limit_kind == "max" else math.floor(question.word_limit * (1 + rule.about_tolerance))
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
    return frozenset(form[i : i + COPY_RUN] for i in range(len(form) - COPY_RUN + 1))


def copied_share(answer: str, material: str) -> float:
    """The share of the answer (by characters, punctuation aside) inside runs copied verbatim from the material."""
    form = compact(answer)
    if not material or len(form) < COPY_RUN:
        return 0.0
    runs = _material_runs(material)
    covered = [False] * len(form)
    for i in range(len(form) - COPY_RUN + 1):
        if form[i : i + COPY_RUN] in runs:
            covered[i : i + COPY_RUN] = [True] * COPY_RUN
    return round(sum(covered) / len(form), 3)


def copy_deduction(share: float, rubric: Rubric) -> Deduction | None:
    """The deduction for copying the material, when the rubric sets one and the share passes its threshold."""
    if rubric.copy_points <= 0 or share <= rubric.copy_threshold:
        return None
    reason = f"照抄材料：作答中{share:.0%}的文字与材料连续相同，超过{rubric.copy_threshold:.0%}，扣{format_points(rubric.copy_points)}分"
    return Deduction(reason=reason, points=rubric.copy_points)


def mark_answer(answer: str, question: Question, rubric: Rubric, material: str = "") -> Mark:
    """The mark of `answer`: every key point's status, credit and evidence, and deductions.

    A rubric with format checks (贯彻执行) adds a row per check; an essay rubric (文章写作)
    marks the essay's parts and names its band (see `essay.py`).
    """
    thesis = None
    if rubric.essay:
        essay = rubric.essay
        thesis = KeyPoint(id="thesis", weight=essay.weights.thesis, text=essay.thesis[0], synonyms=essay.thesis[1:])
    keyed = [*rubric.points, *([thesis] if thesis else [])]
    windows = answer_windows(answer)
    clauses = list(dict.fromkeys(c for p in keyed for phrasing in [p.text, *p.synonyms] for c in key_clauses(phrasing)))
    best = best_matches(clauses, windows)
    points = [grade(point, rubric, best, answer) for point in rubric.points]
    count = word_count(answer)
    if thesis:
        points = essay_rows(answer, rubric, grade(thesis, rubric, best, answer), points, count)
    points += check_format(answer, rubric.format)
    share = copied_share(answer, material)
    deductions = [d for d in (limit_deduction(count, question, rubric), copy_deduction(share, rubric)) if d]
    earned = sum(p.credit for p in points) - sum(d.points for d in deductions)
    band, notes = None, []
    if thesis:
        deductions += essay_caps(answer, question, rubric, points, count, earned)
        earned = sum(p.credit for p in points) - sum(d.points for d in deductions)
        band, notes = band_of(max(0.0, earned), question.points), [CANNOT_JUDGE]
    return Mark(
        question=question.id, score=max(0.0, round(earned, 2)), max=question.points, word_count=count,
        points=points, deductions=deductions, copied=share, band=band, notes=notes,
    )
