"""Histories beyond one machine: export and import of attempts, re-marks kept beside the
originals, and the instructor's review across candidates."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime, timedelta, timezone
from itertools import chain, islice

from pydantic import ValidationError

from drill.errors import BadLine, DrillError
from drill.jsonl import json_lines, text_field
from drill.models import ID_PATTERN, MAX_ANSWER, MAX_SECONDS, Attempt, Mark
from drill.store import progress
from drill.store.database import ATTEMPT_FIELDS, Store, add_user, check_user, insert_attempt, now, writing
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
    with writing("一页重新评分的结果", store.path), store.db.atomic():
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


def import_lines(store: Store, lines: Iterable[str | bytes], questions: set[str] | None = None) -> tuple[int, int, list[str]]:
    """Add exported attempts, read one line at a time; one already here (its identity: same
    profile, question, time and answer) is skipped with one index lookup.

    Written in short transactions of IMPORT_BATCH lines: a killed import keeps what it wrote,
    and importing the file again adds the rest. Returns (added, skipped, problems); a bad
    line is named and skipped, the rest imported. `questions`, when given, receives the ids
    of the questions the added attempts answer.
    """
    added = skipped = 0
    problems: list[str] = []
    touched: set[tuple[str, str]] = set()
    pending = iter(json_lines(lines))
    while batch := list(islice(pending, IMPORT_BATCH)):
        with writing("导入的一部分", store.path), store.db.atomic():
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
    if questions is not None:
        questions.update(question for _, question in touched)
    # Imported attempts may be older than those here: the questions they touched are replayed once.
    pairs = sorted(touched)
    for start in range(0, len(pairs), IMPORT_BATCH):
        with writing("导入题目的复习进度", store.path), store.db.atomic():
            progress.replay(store.db, store.plan, pairs[start : start + IMPORT_BATCH])
    return added, skipped, problems


# What an exported attempt's numbers may be: a mark of 0 to 100 points, an answer's 字数,
# and up to MAX_SECONDS spent writing it.
MAX_POINTS = 100
EARLIEST = datetime(1990, 1, 1, tzinfo=timezone.utc)


def _record(number: int, record: dict | BadLine) -> dict:
    """An exported attempt, checked field by field; `BadLine` names what is wrong. Only the
    fields drill keeps are taken; the answer is mended as the marker reads it."""
    if isinstance(record, BadLine):
        raise record
    user = text_field(number, "user", record.get("user"), empty=False)
    try:
        user = check_user(user)
    except DrillError as exc:
        raise BadLine(number, exc.message) from None
    question = text_field(number, "question", record.get("question"), empty=False)
    if not re.match(ID_PATTERN, question):
        raise BadLine(number, f"question：{question[:40]!r} 不是题号")
    answer = text_field(number, "answer", record.get("answer"), mend=True)
    if len(answer) > MAX_ANSWER:
        raise BadLine(number, f"answer：{len(answer):,} 个字符；一份作答至多 {MAX_ANSWER:,} 个字符")
    created = _created(number, record.get("created"))
    try:
        mark = Mark.model_validate(record.get("mark"))
    except RecursionError:
        raise BadLine(number, "mark：嵌套太深") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        from drill.bank.loading import field_message

        raise BadLine(number, f"mark{'.' + where if where else ''}：{field_message(first)}") from None
    maximum = _number(number, "max", record.get("max", mark.max), 0, MAX_POINTS)
    return {
        "user": user, "question": question, "answer": answer, "created": created, "mark": mark,
        "score": _number(number, "score", record.get("score", mark.score), 0, maximum),
        "max": maximum,
        "word_count": int(_number(number, "word_count", record.get("word_count", mark.word_count), 0, 10 * MAX_ANSWER, whole=True)),
        "seconds": None if record.get("seconds") is None else int(_number(number, "seconds", record["seconds"], 0, MAX_SECONDS, whole=True)),
        "rubric_version": text_field(number, "rubric_version", record.get("rubric_version") or ""),
    }


def _number(number: int, name: str, value: object, low: float, high: float, whole: bool = False) -> float:
    """A number field of line `number`, between `low` and `high` (a whole number with `whole`)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or (whole and not float(value).is_integer()):
        raise BadLine(number, f"{name}：应为{'整数' if whole else '数'}，现为 {_shown(value)}")
    if not low <= value <= high:  # NaN and Infinity never get here: the reader refuses them
        raise BadLine(number, f"{name}：{_shown(value)} 不在 {low:g}–{high:g} 之间")
    return value


def _created(number: int, value: object) -> str:
    """When the attempt was made: an ISO 8601 time between 1990 and tomorrow."""
    text = text_field(number, "created", value, empty=False)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadLine(number, f"created：{_shown(text)} 不是时间（应如 2026-12-01T09:30:00+08:00）") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    if not EARLIEST <= moment <= datetime.now(timezone.utc) + timedelta(days=1):
        raise BadLine(number, f"created：{text} 不是作答的时间（应在 1990 年到今天之间）")
    return text


def _shown(value: object) -> str:
    """A value as a message quotes it: short, whatever its size."""
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (ValueError, RecursionError):
        text = type(value).__name__
    return text if len(text) <= 40 else text[:37] + "…"


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
        raise DrillError("review：还没有任何用户的作答记录")
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


def weak_named(store: Store, texts: dict[str, dict[str, str]], row: dict) -> str:
    """The most often missed points of a `review` row, each with the start of its text
    (`texts`: each question's point texts, filled in as questions are met); — for none."""
    if not row["weak_points"]:
        return "—"
    if row["question"] not in texts:
        try:
            rubric, _ = store.rubric(row["question"])
            texts[row["question"]] = {p.id: p.text for p in rubric.points} if rubric else {}
        except DrillError:
            texts[row["question"]] = {}  # the question left the bank: ids alone
    known = texts[row["question"]]
    return "；".join(f"{pid} {_start(known[pid])}" if pid in known else pid for pid in row["weak_points"].split())


def _start(text: str, width: int = 16) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
