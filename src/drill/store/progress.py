"""The progress tables, kept with every attempt so that nothing reads the whole history.

- `progress`: each profile's count, best mark, last share and FSRS card per question
  (`drill.scheduling`), updated from its current state by each attempt: the same cost after
  ten attempts or ten thousand.
- `point_progress`: per 采分点, how often it was marked, the credit lost (`LOST`) and a
  recent-weighted loss, so that `drill review` and the practise-next queue's weak points need
  no pass over the marks.

`record` is what saving an attempt does (the caller holds the transaction); `replay` builds
the rows of some questions again from their attempts (a migration, an import).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import groupby

from typing import TYPE_CHECKING

from drill.scheduling import CardState, Plan, retrievability, review

if TYPE_CHECKING:
    from drill.models import Mark

# What a 采分点 counts as missed, by its status (a partial one half): weak points count
# with it, and `drill review` reads the sums kept with it.
LOST = {"miss": 1.0, "partial": 0.5}
# How much the latest attempt weighs in a point's recent loss (the rest is its past).
RECENT_WEIGHT = 0.4
# How far a weak point lifts its question in the queue: a question whose worst point was
# lost every recent time comes as if it were this much less likely to be answered well.
WEAK_LIFT = 0.5

# The card's columns, in the order `CardState` takes them.
CARD = "state, step, stability, difficulty, due, last_review"


@dataclass(frozen=True)
class Due:
    """A question's place in the practise-next queue."""

    question: str
    due: datetime | None  # None: never practised, due now
    interval_days: float
    last_share: float | None  # the last mark as a share of the maximum
    retrievability: float | None = None  # FSRS's chance of answering it well now (read for the queue only)
    weak: float = 0.0  # the recent loss of its weakest 采分点, 0–1

    def overdue_days(self, now: datetime) -> float:
        """How long past due (negative: not due yet); never practised counts as most overdue."""
        return float("inf") if self.due is None else (now - self.due).total_seconds() / 86400


def _card(row) -> CardState | None:
    state, step, stability, difficulty, due, last_review = row
    if state is None or stability is None or due is None or last_review is None:
        return None
    return CardState(state, step, stability, difficulty, due, last_review)


def due_from_row(question: str, last_share: float | None, weak: float | None, card_row, now: datetime | None = None) -> Due:
    """A `Due` from a progress row (`card_row`: the card's columns, `CARD`); with `now`, FSRS's
    retrievability at that time too (the list needs only the due date, the queue both)."""
    card = _card(card_row)
    if card is None:
        return Due(question, None, 0.0, last_share)
    return Due(
        question, datetime.fromtimestamp(card.due, timezone.utc), card.interval_days, last_share,
        retrievability(card, now) if now is not None else None, weak or 0.0,
    )


def priority(item: Due) -> float:
    """Lower comes first among due questions: the likelier forgotten, lifted by weak points."""
    return (item.retrievability or 0.0) * (1 - WEAK_LIFT * item.weak)


def _safe_review(card: CardState | None, mark: Mark, created: str, plan: Plan) -> CardState | None:
    """The next card, or the last one when the attempt's time cannot be scheduled (a clock set
    to the year 9999): nothing computed from history may stop an attempt from being stored."""
    try:
        return review(card, mark.score, mark.max, created, plan)
    except (OverflowError, ValueError) as exc:
        print(f"注意：{mark.question} 的复习安排没有更新（{exc}）", file=sys.stderr)
        return card


def record(db, user: str, mark: Mark, created: str, plan: Plan) -> None:
    """Update the progress rows of one new attempt from their current state: O(1) in the history."""
    row = db.execute(f"SELECT attempts, best, last_share, weak, {CARD} FROM progress WHERE user = ? AND question = ?", [user, mark.question]).fetchone()
    attempts, best, last_share, last_weak = row[:4] if row else (0, None, None, None)
    card = _card(row[4:]) if row else None
    if mark.unmarked:  # content not marked (no reference yet): counted, but no review of the card
        _upsert(db, user, mark.question, attempts + 1, best, last_share, card, last_weak)
        return
    card = _safe_review(card, mark, created, plan)
    _record_points(db, user, mark)
    weak = db.execute("SELECT max(recent) FROM point_progress WHERE user = ? AND question = ?", [user, mark.question]).fetchone()[0]
    _upsert(db, user, mark.question, attempts + 1, max(mark.score, best if best is not None else mark.score),
            mark.score / mark.max if mark.max else None, card, weak)


def _upsert(db, user: str, question: str, attempts: int, best: float, last_share: float | None, card: CardState | None, weak: float | None) -> None:
    values = [card.state, card.step, card.stability, card.difficulty, card.due, card.last_review, card.interval_days] if card else [None] * 7
    db.execute(
        "INSERT INTO progress (user, question, attempts, best, last_share, weak, state, step, stability, difficulty, due, last_review, interval)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(user, question) DO UPDATE SET"
        " attempts = excluded.attempts, best = excluded.best, last_share = excluded.last_share, weak = excluded.weak,"
        " state = excluded.state, step = excluded.step, stability = excluded.stability, difficulty = excluded.difficulty,"
        " due = excluded.due, last_review = excluded.last_review, interval = excluded.interval",
        [user, question, attempts, best, last_share, weak, *values],
    )


def _add_point(db, user: str, question: str, point: str, text: str, status: str) -> None:
    """One more marking of a 采分点: counted, its lost credit added, its recent loss moved."""
    lost = LOST.get(status, 0.0)
    db.execute(
        "INSERT INTO point_progress (user, question, point, text, seen, lost, recent) VALUES (?, ?, ?, ?, 1, ?, ?)"
        " ON CONFLICT(user, question, point) DO UPDATE SET text = excluded.text, seen = seen + 1, lost = lost + excluded.lost,"
        f" recent = recent * {1 - RECENT_WEIGHT} + excluded.lost * {RECENT_WEIGHT}",
        [user, question, point, text, lost, lost],
    )


def _record_points(db, user: str, mark: Mark) -> None:
    for point in mark.points:
        _add_point(db, user, mark.question, point.id, point.text, point.status)


def replay(db, plan: Plan, pairs: list[tuple[str, str]] | None = None) -> None:
    """Build the progress rows again from the attempts, in order: of these (user, question)
    pairs, or of everything when none are given. The caller holds the transaction."""
    if pairs is None:
        db.execute("DELETE FROM progress")
        db.execute("DELETE FROM point_progress")
        groups = [db.execute("SELECT user, question, score, max, created, mark FROM attempts ORDER BY user, question, created, id")]
    else:
        groups = []
        for user, question in pairs:
            db.execute("DELETE FROM progress WHERE user = ? AND question = ?", [user, question])
            db.execute("DELETE FROM point_progress WHERE user = ? AND question = ?", [user, question])
            groups.append(db.execute(
                "SELECT user, question, score, max, created, mark FROM attempts WHERE user = ? AND question = ? ORDER BY created, id",
                [user, question],
            ))
    for rows in groups:
        for (user, question), group in groupby(rows, key=lambda r: (r[0], r[1])):
            _replay_one(db, plan, user, question, list(group))


def _replay_one(db, plan: Plan, user: str, question: str, rows: list) -> None:
    card = None
    # An attempt whose content was not marked (no reference yet) counts, but reviews nothing.
    marked = [r for r in rows if not (r[5] and '"unmarked":true' in r[5])]
    for _, _, score, maximum, created, mark in marked:
        try:
            card = review(card, score, maximum, created, plan)
        except (OverflowError, ValueError):
            pass  # an attempt whose time cannot be scheduled leaves the card as it was
        for point in json.loads(mark).get("points", []) if mark else []:
            _add_point(db, user, question, str(point.get("id")), str(point.get("text", "")), str(point.get("status")))
    last = marked[-1] if marked else None
    weak = db.execute("SELECT max(recent) FROM point_progress WHERE user = ? AND question = ?", [user, question]).fetchone()[0]
    best = max(r[2] for r in marked) if marked else None
    _upsert(db, user, question, len(rows), best, last[2] / last[3] if last and last[3] else None, card, weak)
