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

from drill.models import Deduction, EssayRule, Evidence, PointMark, Question, Rubric, format_points
from drill.normalize import compact
from drill.reading import paragraph_spans

BANDS: tuple[tuple[str, float], ...] = (("一类文", 0.85), ("二类文", 0.70), ("三类文", 0.50), ("四类文", 0.0))
CANNOT_JUDGE = (
    "机评按中心论点、分论点、结构、材料运用和字数定档；语言是否通顺、论证是否深刻、例子是否贴切，"
    "机器判断不了：请对照参考范文自评，或请老师复评。"
)
TITLE_MAX = 25
BODY_MIN = 3


def band_of(score: float, points: float) -> str:
    """The band a mark falls in."""
    share = score / points if points else 0.0
    return next(name for name, floor in BANDS if share >= floor - 1e-9)


def band_ceiling(band: str, points: float) -> float:
    """The highest whole mark still inside `band` (the next band's floor less one)."""
    names = [name for name, _ in BANDS]
    above = names.index(band) - 1
    if above < 0:
        return points
    return max(0.0, math.ceil(BANDS[above][1] * points) - 1)


def _structure(answer: str, weight: float) -> PointMark:
    paras = paragraph_spans(answer)
    has_title = bool(paras) and len(paras[0][1]) <= TITLE_MAX and not paras[0][1].endswith(tuple("。，；！？!?,;"))
    body = paras[1:] if has_title else paras
    parts = {
        "标题": has_title,
        "开头": len(body) >= 2,
        f"主体{max(0, len(body) - 2)}段": len(body) - 2 >= BODY_MIN,
        "结尾": len(body) >= 3,
    }
    present = sum(parts.values())
    status = "hit" if present == 4 else "partial" if present >= 2 else "miss"
    text = "结构：" + " ".join(f"{name}{'✓' if ok else '✗'}" for name, ok in parts.items()) + f"（需标题、开头、至少{BODY_MIN}段主体、结尾）"
    evidence = None
    if has_title:
        start, title = paras[0]
        evidence = Evidence(start=start, end=start + len(title), text=title)
    return PointMark(id="structure", text=text, weight=weight, status=status, credit=round(weight * present / 4, 2),
                     similarity=present * 25.0, evidence=evidence)


def _material(answer: str, essay: EssayRule, weight: float) -> PointMark:
    form = compact(answer)
    used = [fact for fact in essay.evidence if compact(fact) and compact(fact) in form]
    share = min(1.0, len(used) / essay.evidence_needed)
    status = "hit" if share >= 1 else "partial" if used else "miss"
    named = "；".join(used[:6]) if used else "无"
    text = f"材料运用：用到材料中的事实{len(used)}处（需{essay.evidence_needed}处）：{named}"
    evidence = None
    if used:
        at = answer.find(used[0])
        if at >= 0:
            evidence = Evidence(start=at, end=at + len(used[0]), text=used[0])
    return PointMark(id="material", text=text, weight=weight, status=status, credit=round(weight * share, 2),
                     similarity=round(share * 100, 1), evidence=evidence)


def _length(count: int, essay: EssayRule, weight: float) -> PointMark:
    if count >= essay.min_words:
        status, share = "hit", 1.0
    elif count >= 0.8 * essay.min_words:
        status, share = "partial", 0.5
    else:
        status, share = "miss", 0.0
    text = f"字数：{essay.min_words}–{essay.max_words}字（现{count}字）"
    return PointMark(id="length", text=text, weight=weight, status=status, credit=round(weight * share, 2), similarity=share * 100)


def _capped(subs: list[PointMark], cap: float) -> list[PointMark]:
    """Sub-argument rows with credits that together stay within the cap, strongest first."""
    left = cap
    credited = {}
    for mark in sorted(subs, key=lambda m: -m.similarity):
        credited[mark.id] = min(mark.credit, left)
        left = round(left - credited[mark.id], 4)
    rows = []
    for m in subs:
        full = m.credit > 0 and credited[m.id] < m.credit
        text = f"分论点：{m.text}" + (f"（分论点已满{format_points(cap)}分，此条不再计分）" if full else "")
        rows.append(m.model_copy(update={"credit": round(credited[m.id], 2), "text": text}))
    return rows


def essay_rows(answer: str, rubric: Rubric, thesis: PointMark, subs: list[PointMark], count: int) -> list[PointMark]:
    """The five parts of the essay as rows of the mark."""
    essay = rubric.essay
    assert essay is not None
    w = essay.weights
    share = {"hit": 1.0, "partial": rubric.partial_credit, "miss": 0.0}[thesis.status]
    thesis_row = thesis.model_copy(update={"id": "thesis", "text": f"中心论点：{thesis.text}", "weight": w.thesis, "credit": round(w.thesis * share, 2)})
    return [thesis_row, *_capped(subs, w.subpoints), _structure(answer, w.structure), _material(answer, essay, w.material), _length(count, essay, w.length)]


def essay_caps(answer: str, question: Question, rubric: Rubric, rows: list[PointMark], count: int, earned: float) -> list[Deduction]:
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
    if rows[0].status == "miss" and topic_uses < essay.topic_needed:
        ceilings.append((band_ceiling("四类文", points), f"偏离题意：未见中心论点，主题词（{'、'.join(essay.topic)}）只出现{topic_uses}次，最高按四类文计"))
    if count < essay.min_words:
        share = count / essay.min_words
        band = "四类文" if share < 0.5 else "三类文" if share < 0.8 else "二类文"
        ceiling = min(band_ceiling(band, points), math.floor(points * share * 2) / 2)
        ceilings.append((ceiling, f"字数不足：{count}字，为要求{essay.min_words}字的{share:.0%}，最高按{band}且按字数比例计"))
    structure = next((r for r in rows if r.id == "structure"), None)
    if structure is not None and structure.status == "miss":
        ceilings.append((band_ceiling("三类文", points), "结构不完整：没有标题或没有分段，最高按三类文计"))
    if not ceilings:
        return []
    top = min(c for c, _ in ceilings)
    if earned <= top:
        return []
    reasons = "；".join(reason for _, reason in ceilings)
    return [Deduction(reason=f"{reasons}（本文最高{format_points(top)}分）", points=round(earned - top, 2))]
