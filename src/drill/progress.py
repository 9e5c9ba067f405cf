"""Progress as a candidate sees it: the 采分点 missed most, when each question is due, and
marks over time for the charts. Computed from what the store reads (`Store.recent_points`,
`Store.progress`, `Store.recent_scores`), never from the whole history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from drill.store.database import Scored
from drill.store.progress import LOST, Due


@dataclass(frozen=True)
class WeakPoint:
    """A key point and how often it was missed (partial counts half) across attempts."""

    question: str
    point: str
    text: str
    missed: float
    attempts: int


def weak_points(points: Iterable[tuple[str, str, str, str]], limit: int = 20) -> list[WeakPoint]:
    """The key points most often missed, worst first (by missed share, then by count), from
    (question, point id, text, status) of each 采分点 marked (`Store.recent_points`)."""
    missed: dict[tuple[str, str], float] = defaultdict(float)
    seen: dict[tuple[str, str], int] = defaultdict(int)
    texts: dict[tuple[str, str], str] = {}
    for question, point_id, text, status in points:
        key = (question, point_id)
        seen[key] += 1
        texts[key] = text
        missed[key] += LOST.get(status, 0.0)
    found = [WeakPoint(q, p, texts[(q, p)], missed[(q, p)], seen[(q, p)]) for (q, p) in seen if missed[(q, p)] > 0]
    found.sort(key=lambda w: (-w.missed / w.attempts, -w.missed, w.question, w.point))
    return found[:limit]


def due_text(item: Due, now: datetime) -> str:
    """When a question is due, as the list shows it: 新题 / 现在 / 3天后."""
    if item.due is None:
        return "新题"
    days = -item.overdue_days(now)
    return "现在" if days <= 0 else f"{int(days + 0.999)}天后"


OTHERS = "其他题"


def score_series(attempts: list[Scored], by: str = "question", first: int = 1, most: int = 8) -> dict[str, list[tuple[int, float]]]:
    """Marks over time as percentages, one series per question (or per 题型 with by="type").

    Each point is (n, percent) where n numbers the profile's attempts in order, oldest first,
    from `first` (the number of the oldest one given), so series share one time axis. Past
    `most` questions, those practised least go into one series, 其他题, so that a chart
    keeps a legend one can read.
    """
    ordered = sorted(attempts, key=lambda a: (a.created, a.id))
    keys = [a.question if by == "question" else a.type for a in ordered]
    counts: dict[str, int] = defaultdict(int)
    for key in keys:
        counts[key] += 1
    kept = set(sorted(counts, key=lambda k: (-counts[k], k))[:most]) if len(counts) > most else set(counts)
    series: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for n, (key, attempt) in enumerate(zip(keys, ordered), start=first):
        series[key if key in kept else OTHERS].append((n, round(100 * attempt.score / attempt.max, 1) if attempt.max else 0.0))
    return dict(sorted(series.items(), key=lambda kv: (kv[0] == OTHERS, kv[0])))


def paper_series(sat: list) -> dict[str, list[tuple[int, float]]]:
    """Paper totals over time as percentages, one series per paper id (its title is CJK, which
    the chart measures a cell a character): (n, percent), n numbering
    the papers sat in order, oldest first. The points of questions without a reference are
    left out of the full marks (they were not marked)."""
    series: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for n, attempt in enumerate(sorted(sat, key=lambda a: (a.created, a.id)), start=1):
        marked = attempt.max - attempt.unmarked
        series[attempt.paper].append((n, round(100 * attempt.score / marked, 1) if marked > 0 else 0.0))
    return dict(series)
