"""What an answer is marked against: the points sought, how each is credited, and the rules.

A hand-written rubric seeks its key points by close matching. A reference answer without a
rubric gives derived points (`derive.py`), each credited by what it is: an item closely, a
statement closely or by coverage, a 判断题's verdict by the verdict the answer opens with, a
result as a formula. Either way the answer goes through the same pipeline (`pipeline.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drill.models import KeyPoint, Rubric

# close: by its phrasings (`keypoints.py`); statement: closely or by coverage, whichever
# gives more (`coverage.py`); verdict: by the verdict the answer opens with, closely when it
# opens with none (`verdict.py`); result: the formula stated (`formulas.py`).
Way = Literal["close", "statement", "verdict", "result"]


@dataclass(frozen=True)
class Sought:
    """A key point to look for in the answer, and the way it is credited."""

    point: KeyPoint
    way: Way = "close"
    formula: str = ""  # a result's formula, in its canonical form


@dataclass(frozen=True)
class Scheme:
    """The points sought and the rubric whose rules apply (thresholds, credit, 字数 and copying
    deductions, format checks, essay parts); `prompt` is the question's own words and
    `verdict` the verdict a 判断题's reference gives."""

    rubric: Rubric
    sought: tuple[Sought, ...]
    prompt: str = ""
    verdict: str | None = None


def rubric_scheme(rubric: Rubric) -> Scheme:
    """A hand-written rubric: every key point sought by close matching."""
    return Scheme(rubric=rubric, sought=tuple(Sought(point) for point in rubric.points))
