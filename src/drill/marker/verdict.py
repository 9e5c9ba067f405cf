"""判断题: "请判断以下叙述是否正确，并做出解释". The verdict comes first and decides the rest.

A marker reads the verdict an answer opens with (错误 / 这种说法不正确 / 叙述正确 …). When it
is the opposite of the reference's, the explanation argues the wrong side and earns nothing,
however many of the reference's words it uses; when it agrees, the verdict itself is credited.
"""

from __future__ import annotations

import re

from drill.marker import rows
from drill.marker import tuning
from drill.models import Deduction, KeyPoint, PointMark
from drill.numbers import format_points
from drill.text import CLAUSE_MARK, SENTENCE_END, compact

JUDGEMENT = re.compile(r"是否正确|判断|对吗|正确吗|是否成立|对不对")
FALSE, TRUE = "错误", "正确"
_NEGATIVE = re.compile(r"不正确|不对|错|不成立|不一定|^否|^不是")
_POSITIVE = re.compile(r"^(?:这|该|此|上述|以上|题中)?(?:种|个|句|条)?(?:叙述|说法|命题|话|观点|判断)?(?:是)?(?:正确|对|成立)|^是的?$")
_FIRST_CLAUSE = re.compile(rf"[{CLAUSE_MARK}{SENTENCE_END}\n]")


def is_judgement(question: str) -> bool:
    """Whether the question asks for a verdict on a statement."""
    return bool(JUDGEMENT.search(question))


def verdict_span(text: str) -> tuple[str, int, int] | None:
    """The verdict a text opens with (FALSE or TRUE) and the span of its first clause, or None."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    if stripped.startswith("答"):
        stripped = stripped[1:].lstrip("：: ")
        offset = len(text) - len(stripped)
    match = _FIRST_CLAUSE.search(stripped)
    clause = stripped[: match.start()] if match else stripped
    head = compact(clause)[:tuning.VERDICT_HEAD]
    if not head:
        return None
    if _NEGATIVE.search(head):
        return FALSE, offset, offset + len(clause)
    if _POSITIVE.search(head):
        return TRUE, offset, offset + len(clause)
    return None


def verdict(text: str) -> str | None:
    """FALSE, TRUE or None: the verdict a text opens with."""
    found = verdict_span(text)
    return found[0] if found else None


def is_verdict_point(text: str) -> bool:
    """Whether a derived point is a verdict alone (错误 / 正确), not an explanation."""
    return len(compact(text)) <= 4 and verdict(text) is not None


def verdict_row(point: KeyPoint, answer: str, given: tuple[str, int, int], wanted: str) -> PointMark:
    """The verdict point, credited when the answer opens with the same verdict."""
    found, start, end = given
    if found != wanted:
        return rows.row(point.id, point.text, point.weight, "miss")
    return rows.row(point.id, point.text, point.weight, "hit", similarity=100.0, found=rows.evidence(answer, (start, end)))


# How an opposite verdict (判断题) and an opposite appraisal (`appraisal.py`) are said.
_SAID = {"verdict": ("判断相反", "判为", "解释"), "appraisal": ("评价相反", "认为", "分析")}


def opposite_verdict(
    points: list[PointMark], given: tuple[str, int, int] | None, wanted: str | None, kind: str = "verdict",
) -> tuple[Deduction | None, str | None]:
    """When the answer's verdict (or, `kind` "appraisal", its appraisal) is the opposite of
    the reference's, its explanation argues the wrong side: a deduction of all it earned, or
    a note when it earned nothing."""
    if not given or not wanted or given[0] == wanted:
        return None, None
    name, verb, rest = _SAID[kind]
    opposite = f"{name}：参考答案{verb}「{wanted}」，作答{verb}「{given[0]}」"
    earned = sum(p.credit for p in points)
    if earned > 0:
        return Deduction(reason=f"{opposite}，{rest}不得分（{format_points(earned)}分）", points=round(earned, 2)), None
    return None, opposite
