"""Marking from reference answers alone (参考答案评分), when no rubric was written by hand.

Each reference answer gives a scheme of derived points (`derive.py`), and the answer goes
through the same pipeline as with a rubric (`pipeline.py`); when the question asks for a
quantity, the results the reference arrives at give a second scheme. The answer takes the
best mark it gets against any of them.
"""

from __future__ import annotations

from functools import lru_cache

from drill.marker.derive import REFERENCE_ID, reference_scheme, results_scheme
from drill.marker.pipeline import mark
from drill.marker.scheme import Scheme
from drill.models import QUESTION_TYPES, Mark, Question


def mark_by_references(
    answer: str, references: list[str], max_points: float = 10.0, question: str = "", material: str = "", question_type: str = "",
) -> Mark:
    """The best mark of `answer` against what each reference answer says (see the module's
    docstring); `question_type` (a 题型) when it is known."""
    if not references:
        raise ValueError("没有参考答案，无法评分")
    kind = question_type if question_type in QUESTION_TYPES else "归纳概括"
    target = Question(id=REFERENCE_ID, type=kind, points=max_points, prompt=question or "（参考答案评分）", references=references)
    schemes = _schemes(tuple(references), max_points, question, kind == "贯彻执行")
    return max((mark(answer, target, scheme, material) for scheme in schemes), key=lambda m: m.score)


@lru_cache(maxsize=1024)
def _schemes(references: tuple[str, ...], max_points: float, question: str, document: bool) -> tuple[Scheme, ...]:
    """The schemes of the references: derived once for all the answers to one question (a
    batch or an eval file holds many), not again for each (a fifth of a mark's time)."""
    schemes = [reference_scheme(r, max_points, question, document) for r in references]
    return tuple(schemes + [s for r in references if (s := results_scheme(r, max_points, question))])
