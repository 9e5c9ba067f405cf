"""Band marking of an essay (文章写作, 大作文): 一类文 … 四类文.

Human markers first place an essay in a band, from its central argument (中心论点), its
sub-arguments (分论点), its structure, its use of the material and its length, then fix the
mark inside the band. drill scores the same five parts, each a row of the mark that says what
it found, and names the band the total falls in:

| band | share of the points | what markers look for |
| --- | --- | --- |
| 一类文 | ≥ 85% | on the theme, a clear argument developed in three or more sub-arguments, complete structure, material used, full length |
| 二类文 | 70–85% | on the theme, argument clear, sub-arguments or material thinner |
| 三类文 | 50–70% | broadly on the theme, argument or structure incomplete |
| 四类文 | < 50% | off the theme, no argument, or far too short |

An essay off the theme (no central argument and the theme's words seldom used) is held to
四类文 whatever else it has, as markers do; a short one earns at most its share of the length
(and 二类文 under the length, 三类文 under 80%, 四类文 under half); one block of text without
title or paragraphs at most 三类文.

What it cannot judge, and says on every essay mark: whether the language is fluent, the
reasoning sound and deep, the examples apt. Those are most of what separates 一类文 from 二类文
for a human marker, so the band is a floor to check against the model essay, not a verdict.
"""

from __future__ import annotations

import math

from drill.marker import rows
from drill.marker.deductions import earned
from drill.marker import tuning
from drill.models import Deduction, EssayRule, KeyPoint, PointMark, Question, Rubric
from drill.numbers import format_points
from drill.text import compact, ends_sentence, paragraph_spans

CANNOT_JUDGE = (
    "机评按中心论点、分论点、结构、材料运用和字数定档；语言是否通顺、论证是否深刻、例子是否贴切，"
    "机器判断不了：请对照参考范文自评，或请老师复评。"
)


def band_of(score: float, points: float) -> str:
    """The band a mark falls in."""
    share = score / points if points else 0.0
    return next(name for name, floor in tuning.BANDS if share >= floor - 1e-9)


def band_ceiling(band: str, points: float) -> float:
    """The highest whole mark still inside `band` (the next band's floor less one)."""
    names = [name for name, _ in tuning.BANDS]
    above = names.index(band) - 1
    if above < 0:
        return points
    return max(0.0, math.ceil(tuning.BANDS[above][1] * points) - 1)


def thesis_point(essay: EssayRule) -> KeyPoint:
    """The central argument as a key point to look for, its phrasings the rubric's."""
    return KeyPoint(id="thesis", weight=essay.weights.thesis, text=essay.thesis[0], synonyms=essay.thesis[1:])


def structure_parts(answer: str) -> tuple[dict[str, bool], tuple[int, int] | None, int]:
    """Which parts of an essay's form are there (title, opening, body, ending), the title's
    span, and how many body paragraphs it has."""
    paras = paragraph_spans(answer)
    has_title = bool(paras) and len(paras[0][1]) <= tuning.TITLE_MAX and not ends_sentence(paras[0][1])
    body = paras[1:] if has_title else paras
    middle = max(0, len(body) - 2)
    parts = {
        "标题": has_title,
        "开头": len(body) >= 2,
        f"主体{middle}段": middle >= tuning.BODY_MIN,
        "结尾": len(body) >= 3,
    }
    title = (paras[0][0], paras[0][0] + len(paras[0][1])) if has_title else None
    return parts, title, middle


def structure_row(answer: str, weight: float) -> PointMark:
    parts, title, middle = structure_parts(answer)
    present = sum(parts.values())
    text = "结构：" + " ".join(f"{name}{'✓' if ok else '✗'}" for name, ok in parts.items()) + f"（需标题、开头、至少{tuning.BODY_MIN}段主体、结尾）"
    # The body part is named by its count (主体1段): the reason says what it needs.
    needs = {f"主体{middle}段": f"主体段落（现{middle}段，至少{tuning.BODY_MIN}段）"}
    missing = "、".join(needs.get(name, name) for name, ok in parts.items() if not ok)
    return rows.row(
        "structure", text, weight, rows.status_of(present / 4), present / 4, present * 25.0, rows.evidence(answer, title),
        f"结构不全：缺{missing}",
    )


def _material(answer: str, essay: EssayRule, weight: float) -> PointMark:
    form = compact(answer)
    used = [fact for fact in essay.evidence if compact(fact) and compact(fact) in form]
    share = min(1.0, len(used) / essay.evidence_needed)
    named = "；".join(used[:6]) if used else "无"
    text = f"材料运用：用到材料中的事实{len(used)}处（需{essay.evidence_needed}处）：{named}"
    at = answer.find(used[0]) if used else -1
    found = rows.evidence(answer, (at, at + len(used[0])) if at >= 0 else None)
    said = f"材料运用不足：用到材料中的事实{len(used)}处，需{essay.evidence_needed}处"
    return rows.row("material", text, weight, rows.status_of(share), share, round(share * 100, 1), found, said)


def _length(count: int, essay: EssayRule, weight: float) -> PointMark:
    if count >= essay.min_words:
        share = 1.0
    elif count >= tuning.LENGTH_PARTIAL * essay.min_words:
        share = tuning.LENGTH_PARTIAL_SHARE
    else:
        share = 0.0
    text = f"字数：{essay.min_words}–{essay.max_words}字（现{count}字）"
    said = f"字数不足：现{count}字，要求至少{essay.min_words}字"
    return rows.row("length", text, weight, rows.status_of(share), share, share * 100, reason=said)


def _capped(subs: list[PointMark], cap: float) -> list[PointMark]:
    """Sub-argument rows with credits that together stay within the cap, strongest first."""
    left = cap
    credited = {}
    for mark in sorted(subs, key=lambda m: -m.similarity):
        credited[mark.id] = min(mark.credit, left)
        left = round(left - credited[mark.id], 4)
    out = []
    for m in subs:
        full = m.credit > 0 and credited[m.id] < m.credit
        text = f"分论点：{m.text}" + (f"（分论点已满{format_points(cap)}分，此条不再计分）" if full else "")
        out.append(m.model_copy(update={"credit": round(credited[m.id], 2), "text": text}))
    return out


def essay_rows(answer: str, rubric: Rubric, thesis: PointMark, subs: list[PointMark], count: int) -> list[PointMark]:
    """The five parts of the essay as rows of the mark."""
    essay = rubric.essay
    assert essay is not None
    w = essay.weights
    thesis_row = rows.row(
        "thesis", f"中心论点：{thesis.text}", w.thesis, thesis.status, rubric.partial_credit, thesis.similarity, thesis.evidence, thesis.reason,
    )
    return [thesis_row, *_capped(subs, w.subpoints), structure_row(answer, w.structure), _material(answer, essay, w.material), _length(count, essay, w.length)]


def essay_caps(answer: str, question: Question, rubric: Rubric, marked: list[PointMark], count: int, deductions: list[Deduction]) -> list[Deduction]:
    """A deduction that holds an essay to its band ceiling: off the theme, short, or without structure.

    - off the theme (no central argument, the theme's words seldom used): 四类文;
    - short: at most the share of the points that the share of the length allows (500 of
      1000字 earns at most half), and 二类文 under the length, 三类文 under 80%, 四类文 under half;
    - one block of text, without title or paragraphs: 三类文.
    The lowest ceiling applies, and its reasons are given.
    """
    essay = rubric.essay
    assert essay is not None
    points = question.points
    form = compact(answer)
    topic_uses = sum(form.count(compact(word)) for word in essay.topic)
    ceilings: list[tuple[float, str]] = []
    if marked[0].status == "miss" and topic_uses < essay.topic_needed:
        ceilings.append((band_ceiling("四类文", points), f"偏离题意：未见中心论点，主题词（{'、'.join(essay.topic)}）只出现{topic_uses}次，最高按四类文计"))
    if count < essay.min_words:
        share = count / essay.min_words
        band = "四类文" if share < 0.5 else "三类文" if share < 0.8 else "二类文"
        ceiling = min(band_ceiling(band, points), math.floor(points * share * 2) / 2)
        ceilings.append((ceiling, f"字数不足：{count}字，为要求{essay.min_words}字的{share:.0%}，最高按{band}且按字数比例计"))
    parts, _, _ = structure_parts(answer)
    if sum(parts.values()) < 2:
        ceilings.append((band_ceiling("三类文", points), "结构不完整：没有标题或没有分段，最高按三类文计"))
    if not ceilings:
        return []
    top = min(c for c, _ in ceilings)
    so_far = earned(marked, deductions)
    if so_far <= top:
        return []
    reasons = "；".join(reason for _, reason in ceilings)
    return [Deduction(reason=f"{reasons}（本文最高{format_points(top)}分）", points=round(so_far - top, 2))]
