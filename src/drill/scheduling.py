"""When to practise a question again: SM-2 (Wozniak's SuperMemo 2) over its attempts.

Each attempt is a review graded 0–5 from its share of the marks; a question's interval grows
(1 day, 6 days, then × its ease factor) while the grades stay at 3 or more, and starts over
when one falls below. A question never attempted is due now. The store keeps each
question's state with every attempt (`drill.store.progress`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Protocol


class Reviewed(Protocol):
    """What SM-2 reads of an attempt (an `Attempt`, or a row of the store)."""

    created: str
    score: float
    max: float


def grade(attempt: Reviewed) -> int:
    """The SM-2 grade 0–5 of an attempt: its share of the marks, in sixths."""
    share = attempt.score / attempt.max if attempt.max else 0.0
    return min(5, int(share * 6))


def review(attempts: Iterable[Reviewed]) -> tuple[datetime | None, float]:
    """SM-2 over one question's attempts (oldest first): the next due time and the interval."""
    ease, interval, repetition, due = 2.5, 0.0, 0, None
    for attempt in attempts:
        q = grade(attempt)
        if q < 3:
            repetition, interval = 0, 1.0
        else:
            repetition += 1
            interval = 1.0 if repetition == 1 else 6.0 if repetition == 2 else interval * ease
        ease = max(1.3, ease + 0.1 - (5 - q) * (0.08 + (5 - q) * 0.02))
        due = datetime.fromisoformat(attempt.created) + timedelta(days=interval)
    return due, interval
