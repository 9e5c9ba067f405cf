"""Progress: the 采分点 most often missed, and which question to practise next.

The queue follows SM-2 (Wozniak's SuperMemo 2): each attempt is a review graded 0–5 from its
share of the marks; a question's interval grows (1 day, 6 days, then × its ease factor) while
the grades stay at 3 or more, and starts over when one falls below. A question never
attempted is due now. Due questions come first, the most overdue and the weakest first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from drill.models import Attempt, Question


@dataclass(frozen=True)
class WeakPoint:
    """A key point and how often it was missed (partial counts half) across attempts."""

    question: str
    point: str
    text: str
    missed: float
    attempts: int


def weak_points(attempts: list[Attempt], limit: int = 20) -> list[WeakPoint]:
    """The key points most often missed, worst first (by missed share, then by count)."""
    missed: dict[tuple[str, str], float] = defaultdict(float)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    texts: dict[tuple[str, str], str] = {}
    for attempt in attempts:
        for point in attempt.mark.points:
            key = (attempt.question, point.id)
            seen[key] += 1
            texts[key] = point.text
            missed[key] += {"miss": 1.0, "partial": 0.5}.get(point.status, 0.0)
    points = [WeakPoint(q, p, texts[(q, p)], missed[(q, p)], seen[(q, p)]) for (q, p) in seen if missed[(q, p)] > 0]
    points.sort(key=lambda w: (-w.missed / w.attempts, -w.missed, w.question, w.point))
    return points[:limit]


@dataclass(frozen=True)
class Due:
    """A question's place in the practise-next queue."""

    question: str
    due: datetime | None  # None: never practised, due now
    interval_days: float
    last_share: float | None  # the last mark as a share of the maximum

    def overdue_days(self, now: datetime) -> float:
        """How long past due (negative: not due yet); never practised counts as most overdue."""
        return float("inf") if self.due is None else (now - self.due).total_seconds() / 86400


def grade(attempt: Attempt) -> int:
    """The SM-2 grade 0–5 of an attempt: its share of the marks, in sixths."""
    share = attempt.score / attempt.max if attempt.max else 0.0
    return min(5, int(share * 6))


def review(attempts: list[Attempt]) -> tuple[datetime | None, float]:
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


def practise_queue(questions: list[Question], attempts: list[Attempt], now: datetime) -> list[Due]:
    """Every question in the order to practise it: due first (most overdue, weakest), then by due date."""
    by_question: dict[str, list[Attempt]] = defaultdict(list)
    for attempt in sorted(attempts, key=lambda a: (a.created, a.id)):
        by_question[attempt.question].append(attempt)
    queue = []
    for question in questions:
        done = by_question.get(question.id, [])
        due, interval = review(done)
        last = done[-1].score / done[-1].max if done and done[-1].max else None
        queue.append(Due(question.id, due, interval, last))

    def order(item: Due) -> tuple:
        late = item.overdue_days(now)
        return (late < 0, -late, item.last_share if item.last_share is not None else -1.0, item.question)

    return sorted(queue, key=order)


def due_text(item: Due, now: datetime) -> str:
    """When a question is due, as the list shows it: 新题 / 现在 / 3天后."""
    if item.due is None:
        return "新题"
    days = -item.overdue_days(now)
    return "现在" if days <= 0 else f"{int(days + 0.999)}天后"


def score_series(attempts: list[Attempt], types: dict[str, str], by: str = "question") -> dict[str, list[tuple[int, float]]]:
    """Marks over time as percentages, one series per question (or per 题型 with by="type").

    Each point is (n, percent) where n numbers the profile's attempts in order, oldest first,
    so series share one time axis.
    """
    series: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for n, attempt in enumerate(sorted(attempts, key=lambda a: (a.created, a.id)), start=1):
        key = attempt.question if by == "question" else types.get(attempt.question, "其他")
        series[key].append((n, round(100 * attempt.score / attempt.max, 1) if attempt.max else 0.0))
    return dict(sorted(series.items()))
