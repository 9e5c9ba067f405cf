"""Histories beyond one machine: export and import of attempts, re-marks kept beside the
originals, and the instructor's review across candidates."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain, islice

from drill.errors import BadLine, DrillError
from drill.jsonl import json_lines
from drill.models import Attempt, Mark
from drill.store import progress
from drill.store.database import ATTEMPT_FIELDS, Store, add_user, insert_attempt, now, writing
from drill.store.identity import identity


def rescore_rows(store: Store, question_id: str | None, after: tuple[str, int] | None, limit: int) -> list[dict]:
    """A page of every profile's attempts (of one question, or all) to re-mark, in order of
    question and id, after the (question, id) given: id, user, question, answer, original score."""
    where, params = [], []
    if question_id:
        where.append("question = ?")
        params.append(question_id)
    if after is not None:
        where.append("(question, id) > (?, ?)")
        params += list(after)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return list(store.db.query(
        f"SELECT id, user, question, answer, score FROM attempts {clause} ORDER BY question, id LIMIT ?", params + [limit]
    ))


def rescore_count(store: Store, question_id: str | None) -> int:
    """How many attempts a re-mark of one question (or of all) goes through."""
    if question_id:
        return store.db.execute("SELECT count(*) FROM attempts WHERE question = ?", [question_id]).fetchone()[0]
    return store.db.execute("SELECT count(*) FROM attempts").fetchone()[0]


def save_rescored(store: Store, marks: Iterable[tuple[int, Mark, str]]) -> None:
    """Keep each (attempt id, new mark, rubric version) beside the original mark, in one transaction."""
    with writing("a page of new marks", store.path), store.db.atomic():
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


# Lines written per transaction by an import: short enough that other drills are not kept
# waiting past their busy timeout, long enough that a commit per line does not slow it.
IMPORT_BATCH = 500


def import_lines(store: Store, lines: Iterable[str | bytes]) -> tuple[int, int, list[str]]:
    """Add exported attempts, read one line at a time; one already here (its identity: same
    profile, question, time and answer) is skipped with one index lookup.

    Written in short transactions of IMPORT_BATCH lines: a killed import keeps what it wrote,
    and importing the file again adds the rest. Returns (added, skipped, problems); a bad
    line is named and skipped, the rest imported.
    """
    added = skipped = 0
    problems: list[str] = []
    touched: set[tuple[str, str]] = set()
    pending = iter(json_lines(lines))
    while batch := list(islice(pending, IMPORT_BATCH)):
        with writing("a part of the import", store.path), store.db.atomic():
            for number, found in batch:
                try:
                    record = _record(number, found)
                except BadLine as exc:
                    problems.append(exc.message)
                    continue
                key = identity(record["user"], record["question"], record["created"], record["answer"])
                if store.db.execute("SELECT 1 FROM attempts WHERE identity = ?", [key]).fetchone():
                    skipped += 1
                    continue
                insert_attempt(store.db, record, record["mark"].model_dump_json(), key)
                add_user(store.db, record["user"], record["created"])
                touched.add((record["user"], record["question"]))
                added += 1
    # Imported attempts may be older than those here: the questions they touched are replayed once.
    pairs = sorted(touched)
    for start in range(0, len(pairs), IMPORT_BATCH):
        with writing("the progress of the imported questions", store.path), store.db.atomic():
            progress.replay(store.db, store.plan, pairs[start : start + IMPORT_BATCH])
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


def review_count(store: Store) -> int:
    """How many rows `review` gives: one per profile and question attempted."""
    return store.db.execute("SELECT count(*) FROM progress").fetchone()[0]


def review(store: Store) -> Iterator[dict]:
    """Per candidate and question, in order: attempts, average / best / last mark in %, most
    missed points.

    Computed by SQLite as three queries in the same order, walked together: a million
    attempts are reviewed one group at a time, and the points missed come from the
    per-采分点 sums kept with every attempt (`point_progress`), not from the marks."""
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
    lost = store.db.conn.execute(
        "SELECT user, question, point, lost FROM point_progress WHERE lost > 0 ORDER BY user, question"
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
