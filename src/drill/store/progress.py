"""The `progress` table: each profile's count, best mark and practise-next state per question,
kept with every attempt so that the list and the queue never read the whole history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import groupby

from drill.scheduling import review

# What a 采分点 counts as missed, by its status (a partial one half): weak points count
# with it, and `drill review` asks SQLite the same through `lost_sql`.
LOST = {"miss": 1.0, "partial": 0.5}


def lost_sql(status: str) -> str:
    """`LOST` as an SQL expression over the status expression `status`."""
    cases = " ".join(f"WHEN '{name}' THEN {value}" for name, value in LOST.items())
    return f"CASE {status} {cases} ELSE 0.0 END"


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


def due_from_row(question: str, due: float | None, interval: float, last_share: float | None) -> Due:
    """A `Due` from the progress table (`due` in seconds since the epoch)."""
    return Due(question, None if due is None else datetime.fromtimestamp(due, timezone.utc), interval, last_share)


@dataclass(frozen=True)
class _Row:
    created: str
    score: float
    max: float


def refresh(db, user: str | None = None, question: str | None = None) -> None:
    """Recompute the `progress` rows (schedule, best mark, count) from the attempts: of one
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
        done = [_Row(r[2], r[3], r[4]) for r in group]
        due, interval = review(done)
        last = done[-1]
        states.append((
            who, qid, len(done), max(r.score for r in done), last.score / last.max if last.max else None,
            interval, due.timestamp() if due else None,
        ))
    db.conn.executemany(
        "INSERT INTO progress (user, question, attempts, best, last_share, interval, due) VALUES (?, ?, ?, ?, ?, ?, ?)", states
    )
