"""Histories beyond one machine: re-marking with the current rubric, export and import of
attempts, and the instructor's review across candidates."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

from drill import progress
from drill.batch import json_object
from drill.errors import BadLine, DrillError
from drill.models import Attempt, Mark
from drill.scoring import mark_answer
from drill.store import Store, now

EXPORT_FIELDS = ("user", "question", "answer", "score", "max", "word_count", "seconds", "created", "rubric_version")


@dataclass(frozen=True)
class Rescored:
    """One attempt re-marked: its original score and the score under the current rubric."""

    attempt: int
    user: str
    question: str
    original: float
    now: float


def rescore(store: Store, question_id: str | None = None) -> list[Rescored]:
    """Re-mark every profile's attempts (of one question, or all) with the current rubrics.

    The original mark stays as it was; the new one is kept beside it. Attempts of questions
    no longer in the bank are left alone.
    """
    if question_id:
        store.question(question_id)
    where, params = ("WHERE question = ?", [question_id]) if question_id else ("", [])
    rows = list(store.db.query(f"SELECT id, user, question, answer, score FROM attempts {where} ORDER BY id", params))
    known = set(store.question_ids())
    done: list[Rescored] = []
    prepared: dict[str, tuple] = {}
    with store.db.atomic():
        for row in rows:
            qid = row["question"]
            if qid not in known:
                continue
            if qid not in prepared:
                prepared[qid] = store.marking(qid)
            question, rubric, version, material = prepared[qid]
            mark = mark_answer(row["answer"], question, rubric, material)
            store.db.execute(
                "UPDATE attempts SET rescored_score = ?, rescored_mark = ?, rescored_version = ?, rescored_at = ? WHERE id = ?",
                [mark.score, mark.model_dump_json(), version, now(), row["id"]],
            )
            done.append(Rescored(row["id"], row["user"], qid, row["score"], mark.score))
    return done


def export_lines(attempts: Iterable[Attempt]) -> Iterable[str]:
    """Attempts as JSON lines that `import_lines` reads back: the answer, the mark and when."""
    for attempt in attempts:
        record = {name: getattr(attempt, name) for name in EXPORT_FIELDS}
        record["mark"] = attempt.mark.model_dump(mode="json")
        yield json.dumps(record, ensure_ascii=False)


def import_lines(store: Store, lines: Iterable[str]) -> tuple[int, int, list[str]]:
    """Add exported attempts; one already here (same profile, question, time and answer) is skipped.

    Returns (added, skipped, problems); a bad line is named and skipped, the rest imported.
    """
    added = skipped = 0
    problems: list[str] = []
    touched: set[tuple[str, str]] = set()
    with store.db.atomic():
        for number, text in enumerate(lines, start=1):
            if not text.strip():
                continue
            try:
                record = _record(number, text)
            except BadLine as exc:
                problems.append(exc.message)
                continue
            exists = store.db.execute(
                "SELECT 1 FROM attempts WHERE user = ? AND question = ? AND created = ? AND answer = ?",
                [record["user"], record["question"], record["created"], record["answer"]],
            ).fetchone()
            if exists:
                skipped += 1
                continue
            store.db.execute(
                "INSERT INTO attempts (user, question, answer, score, max, word_count, seconds, created, rubric_version, mark)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [record[k] for k in EXPORT_FIELDS] + [record["mark"].model_dump_json()],
            )
            store.db.execute("INSERT OR IGNORE INTO users (name, created) VALUES (?, ?)", [record["user"], record["created"]])
            touched.add((record["user"], record["question"]))
            added += 1
        for user, question in sorted(touched):
            progress.refresh(store.db, user, question)
    return added, skipped, problems


def _record(number: int, text: str) -> dict:
    record = json_object(number, text)
    for name in ("user", "question", "answer", "created"):
        if not isinstance(record.get(name), str) or not record[name] and name != "answer":
            raise BadLine(number, f"{name}: missing or not a text")
    try:
        record["mark"] = Mark.model_validate(record.get("mark"))
    except Exception as exc:  # pydantic's message names the field
        raise BadLine(number, f"mark: {str(exc).splitlines()[0]}") from None
    record.setdefault("score", record["mark"].score)
    record.setdefault("max", record["mark"].max)
    record.setdefault("word_count", record["mark"].word_count)
    record.setdefault("seconds", None)
    record.setdefault("rubric_version", "")
    return record


REVIEW_FIELDS = ("user", "question", "attempts", "average", "best", "last", "weak_points")


def review(store: Store) -> Iterator[dict]:
    """Per candidate and question, in order: attempts, average / best / last mark in %, most
    missed points.

    Computed by SQLite (the marks' 采分点 through `json_each`) as three queries in the same
    order, walked together: a million attempts are reviewed one group at a time."""
    share = "CASE WHEN max > 0 THEN 100.0 * score / max ELSE 0.0 END"
    groups = store.db.execute(
        f"SELECT user, question, count(*), avg({share}), max({share}) FROM attempts GROUP BY user, question ORDER BY user, question"
    )
    first = groups.fetchone()
    if first is None:
        raise DrillError("review: no attempts yet, on any profile")
    # SQLite takes the bare columns from the row holding the max(): the last attempt of each group.
    last = store.db.conn.execute(
        f"SELECT {share}, max(created || printf('%012d', id)) FROM attempts GROUP BY user, question ORDER BY user, question"
    )
    status = "json_extract(p.value, '$.status')"
    lost = store.db.conn.execute(
        "SELECT a.user, a.question, json_extract(p.value, '$.id') AS point,"
        f" sum({progress.lost_sql(status)}) AS lost"
        " FROM attempts a, json_each(a.mark, '$.points') p GROUP BY a.user, a.question, point HAVING lost > 0 ORDER BY a.user, a.question"
    )
    pending = lost.fetchone()
    for user, question, count, average, best in chain([first], groups):
        missed = []
        while pending is not None and (pending[0], pending[1]) <= (user, question):
            if (pending[0], pending[1]) == (user, question):
                missed.append((-pending[3], pending[2]))
            pending = lost.fetchone()
        yield {
            "user": user, "question": question, "attempts": count, "average": round(average, 1), "best": round(best, 1),
            "last": round(last.fetchone()[0], 1), "weak_points": " ".join(point for _, point in sorted(missed)[:3]),
        }
