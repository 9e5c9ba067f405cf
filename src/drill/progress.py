"""Progress: the 采分点 most often missed, and which question to practise next.

The queue follows SM-2 (Wozniak's SuperMemo 2): each attempt is a review graded 0–5 from its
share of the marks; a question's interval grows (1 day, 6 days, then × its ease factor) while
the grades stay at 3 or more, and starts over when one falls below. A question never
attempted is due now. Due questions come first, the most overdue and the weakest first. The
store keeps each question's state in its `progress` table, updated with every attempt, so the
queue is a query however long the history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from itertools import groupby
from typing import Protocol

from drill.models import Attempt


# What a 采分点 counts as missed, by its status (a partial one half); `drill review` asks
# SQLite the same through `lost_sql`.
LOST = {"miss": 1.0, "partial": 0.5}


def lost_sql(status: str) -> str:
    """`LOST` as an SQL expression over the status expression `status`."""
    cases = " ".join(f"WHEN '{name}' THEN {value}" for name, value in LOST.items())
    return f"CASE {status} {cases} ELSE 0.0 END"


@dataclass(frozen=True)
class WeakPoint:
    """A key point and how often it was missed (partial counts half) across attempts."""

    question: str
    point: str
    text: str
    missed: float
    attempts: int


def point_statuses(attempts: Iterable[Attempt]) -> Iterator[tuple[str, str, str, str]]:
    """(question, point id, point text, status) of every 采分点 of the attempts."""
    for attempt in attempts:
        for point in attempt.mark.points:
            yield attempt.question, point.id, point.text, point.status


def weak_points(points: Iterable[tuple[str, str, str, str]], limit: int = 20) -> list[WeakPoint]:
    """The key points most often missed, worst first (by missed share, then by count), from
    (question, point id, text, status) of each 采分点 marked (`point_statuses`,
    `Store.recent_points`)."""
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


@dataclass(frozen=True)
class Row:
    """An attempt as the progress table is computed from it."""

    created: str
    score: float
    max: float


def refresh(db, user: str | None = None, question: str | None = None) -> None:
    """Recompute the `progress` rows (SM-2 state, best mark, count) from the attempts: of one
    profile's question, or of everything when no question is given. `db` is a sqlite_utils
    Database; the caller holds the transaction."""
    where, params = "", []
    if user is not None and question is not None:
        where, params = "WHERE user = ? AND question = ?", [user, question]
        db.execute("DELETE FROM progress WHERE user = ? AND question = ?", params)
    else:
        db.execute("DELETE FROM progress")
    rows = db.execute(f"SELECT user, question, created, score, max FROM attempts {where} ORDER BY user, question, created, id", params)
    states = []
    for (who, qid), group in groupby(rows, key=lambda r: (r[0], r[1])):
        done = [Row(r[2], r[3], r[4]) for r in group]
        due, interval = review(done)
        last = done[-1]
        states.append((
            who, qid, len(done), max(r.score for r in done), last.score / last.max if last.max else None,
            interval, due.timestamp() if due else None,
        ))
    db.conn.executemany(
        "INSERT INTO progress (user, question, attempts, best, last_share, interval, due) VALUES (?, ?, ?, ?, ?, ?, ?)", states
    )


def due_from_row(question: str, due: float | None, interval: float, last_share: float | None) -> Due:
    """A `Due` from the store's progress table (`due` in seconds since the epoch)."""
    return Due(question, None if due is None else datetime.fromtimestamp(due, timezone.utc), interval, last_share)


def due_text(item: Due, now: datetime) -> str:
    """When a question is due, as the list shows it: 新题 / 现在 / 3天后."""
    if item.due is None:
        return "新题"
    days = -item.overdue_days(now)
    return "现在" if days <= 0 else f"{int(days + 0.999)}天后"


@dataclass(frozen=True)
class Scored:
    """An attempt as the charts plot it."""

    id: int
    question: str
    type: str
    created: str
    score: float
    max: float


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
