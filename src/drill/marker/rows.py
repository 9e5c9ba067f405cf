"""The rows of a mark: one rule from a status to a credit, one way to show the evidence.

Every row of a mark — a key point, a derived point, a format check, a part of an essay, a
result — is a `PointMark` made here. A row is hit (its whole weight), partial (a share of
it, rounded to hundredths) or missed (nothing); the step that judged it says which and, for a
partial, what share. Its evidence is a stretch of the answer, kept with its offsets.
"""

from __future__ import annotations

from collections.abc import Iterable

from drill.marker.matching import Window
from drill.models import Evidence, PointMark, Status


def credit(weight: float, status: Status, share: float = 1.0) -> float:
    """What a row earns: the weight when hit, `share` of it when partial, nothing when missed."""
    if status == "hit":
        return weight
    if status == "partial":
        return round(weight * share, 2)
    return 0.0


def status_of(share: float) -> Status:
    """The status of a row judged by a share: all of it hit, some of it partial, none missed."""
    return "hit" if share >= 1 else "partial" if share > 0 else "miss"


def evidence(answer: str, span: tuple[int, int] | None) -> Evidence | None:
    """The stretch `answer[start:end]` that earned a row, or None."""
    if span is None:
        return None
    start, end = span
    # Validated: with pydantic-core, that is three times quicker than `model_construct`.
    return Evidence(start=start, end=end, text=answer[start:end])


def window_evidence(answer: str, used: Iterable[Window]) -> Evidence | None:
    """The stretch the windows that earned a row cover; when they lie in different
    sentences, the first alone (the best stated: a stretch across sentences would hold
    unrelated words)."""
    used = list(used)
    if not used:
        return None
    chosen = used if len({w.sentence for w in used}) == 1 else used[:1]
    return evidence(answer, (min(w.start for w in chosen), max(w.end for w in chosen)))


def row(
    id: str, text: str, weight: float, status: Status, share: float = 1.0, similarity: float = 0.0,
    found: Evidence | None = None, reason: str = "",
) -> PointMark:
    """One row of a mark, its credit from its status (see `credit`), and why it is not earned
    in full."""
    return PointMark(
        id=id, text=text, weight=weight, status=status, credit=credit(weight, status, share),
        similarity=similarity, evidence=found, reason=reason if status != "hit" else "",
    )
