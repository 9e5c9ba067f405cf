"""Histories beyond one machine: export and import of attempts, re-marks kept beside the
originals, and the instructor's review across candidates."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain

from drill.errors import BadLine, DrillError
from drill.jsonl import json_lines
from drill.models import Attempt, Mark
from drill.store import progress
from drill.store.database import ATTEMPT_FIELDS, Store, add_user, insert_attempt, now


def rescore_rows(store: Store, question_id: str | None = None) -> list[dict]:
    """Every profile's attempts (of one question, or all) to re-mark: id, user, question,
    answer and the original score, oldest first."""
    where, params = ("WHERE question = ?", [question_id]) if question_id else ("", [])
    return list(store.db.query(f"SELECT id, user, question, answer, score FROM attempts {where} ORDER BY id", params))


def save_rescored(store: Store, marks: Iterable[tuple[int, Mark, str]]) -> None:
    """Keep each (attempt id, new mark, rubric version) beside the original mark, in one transaction."""
    with store.db.atomic():
        for attempt_id, mark, version in marks:
            store.db.execute(
                "UPDATE attempts SET rescored_score = ?, rescored_mark = ?, rescored_version = ?, rescored_at = ? WHERE id = ?",
                [mark.score, mark.model_dump_json(), version, now(), attempt_id],
            )


def export_lines(attempts: Iterable[Attempt]) -> Iterable[str]:
    """Attempts as JSON lines that `import_lines` reads back: the answer, the mark and when."""
    for attempt in attempts:
        record = {name: getattr(attempt, name) for name in ATTEMPT_FIELDS}
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
        for number, found in json_lines(list(lines)):
            try:
                record = _record(number, found)
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
            insert_attempt(store.db, record, record["mark"].model_dump_json())
            add_user(store.db, record["user"], record["created"])
            touched.add((record["user"], record["question"]))
            added += 1
        for user, question in sorted(touched):
            progress.refresh(store.db, user, question)
    return added, skipped, problems


def _record(number: int, record: dict | BadLine) -> dict:
    """An exported attempt, checked; `BadLine` names what is wrong."""
    if isinstance(record, BadLine):
        raise record
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
