"""Papers in the database: the papers of the bank, the mock exams under way and those sat.

- `papers` and `paper_questions` are built from the bank files (`bank_sync.py`);
- `exams`: a profile's mock exam under way, per paper: the clock (seconds elapsed), the time
  spent on each question and the question open, saved as the candidate works, so that a
  crash or a closed terminal resumes it where it was; the answers are drafts, keyed
  `PAPER/QUESTION` (`exam_draft_key`) so that they are not the practice drafts;
- `paper_attempts`: a paper sat: its total, and each question's attempt and time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from drill.errors import DrillError
from drill.store import progress
from drill.store.database import add_user, insert_attempt, now, writing

if TYPE_CHECKING:
    from drill.models import Mark
    from drill.store.database import Store


@dataclass(frozen=True)
class PaperInfo:
    """A paper as the tables hold it: its questions' ids and its 给定资料' material ids, in order."""

    id: str
    title: str
    minutes: int
    reading_minutes: int | None
    points: float
    source: str
    materials: list[str]
    questions: list[str]
    file: str

    def as_json(self) -> dict:
        """As `drill papers --json` gives it."""
        return {"id": self.id, "title": self.title, "minutes": self.minutes, "reading_minutes": self.reading_minutes,
                "points": self.points, "questions": self.questions}


@dataclass
class ExamState:
    """A mock exam under way: seconds elapsed on the paper's clock, seconds spent on each
    question (while its answer had focus), and the question open."""

    paper: str
    started: str
    elapsed: int = 0
    seconds: dict[str, int] = field(default_factory=dict)
    current: str | None = None


@dataclass(frozen=True)
class PaperAttempt:
    """A paper sat: the total of its marked questions, the points not marked (questions
    without a reference yet), and each question's attempt id and seconds."""

    id: int
    paper: str
    title: str
    created: str
    seconds: int
    score: float
    max: float
    unmarked: float
    questions: list[dict]


_COLUMNS = "id, title, minutes, reading_minutes, points, source, materials, questions, file"


def _info(row) -> PaperInfo:
    return PaperInfo(row[0], row[1], row[2], row[3], row[4], row[5] or "", json.loads(row[6]), json.loads(row[7]), row[8] or "")


def papers(store: Store) -> list[PaperInfo]:
    """Every paper of the bank, by id."""
    return [_info(row) for row in store.db.execute(f"SELECT {_COLUMNS} FROM papers ORDER BY id")]


def paper(store: Store, paper_id: str) -> PaperInfo:
    """One paper; a `DrillError` names the papers there are."""
    row = store.db.execute(f"SELECT {_COLUMNS} FROM papers WHERE id = ?", [paper_id]).fetchone()
    if row is None:
        known = [r[0] for r in store.db.execute("SELECT id FROM papers ORDER BY id LIMIT 10")]
        there = f"题库里的试卷：{'、'.join(known)}" if known else "题库里还没有试卷（drill import 试卷.txt 导入一份）"
        raise DrillError(f"没有试卷 {paper_id!r}；{there}")
    return _info(row)


def paper_of(store: Store, question_id: str) -> tuple[str, int, list[int]] | None:
    """The paper a question belongs to, its place in it and the 给定资料 it cites, or None."""
    row = store.db.execute("SELECT paper, position, cites FROM paper_questions WHERE question = ?", [question_id]).fetchone()
    return (row[0], row[1], json.loads(row[2])) if row else None


def exam_draft_key(paper_id: str, question_id: str) -> str:
    """The drafts-table key of a question's answer in a mock exam (ids hold no `/`)."""
    return f"{paper_id}/{question_id}"


def exam_state(store: Store, paper_id: str) -> ExamState | None:
    """The current profile's mock exam of a paper under way, or None."""
    row = store.db.execute(
        "SELECT started, elapsed, seconds, current FROM exams WHERE user = ? AND paper = ?", [store.user, paper_id]
    ).fetchone()
    if row is None:
        return None
    try:
        seconds = {str(k): int(v) for k, v in json.loads(row[2]).items()}
    except (ValueError, TypeError, AttributeError):
        seconds = {}  # a damaged row resumes with the clock, not the split
    return ExamState(paper_id, row[0], max(0, int(row[1] or 0)), seconds, row[3])


def save_exam(store: Store, state: ExamState) -> None:
    """Keep a mock exam's clock and time split (the answers are saved as drafts)."""
    with writing("模考的计时", store.path), store.db.atomic():
        store.db.execute(
            "INSERT INTO exams (user, paper, started, elapsed, seconds, current, updated) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT(user, paper) DO UPDATE SET elapsed = excluded.elapsed, seconds = excluded.seconds,"
            " current = excluded.current, updated = excluded.updated",
            [store.user, state.paper, state.started, state.elapsed, json.dumps(state.seconds), state.current, now()],
        )


def save_paper_attempt(store: Store, info: PaperInfo, marked: list[tuple[str, str, Mark, str]], state: ExamState) -> PaperAttempt:
    """Store a paper sat, in one transaction: each question's attempt ((question, answer,
    mark, rubric version), in the paper's order), the paper attempt with its total, and the
    end of the exam (its clock and drafts). Nothing is stored if any of it cannot be."""
    created = now()
    rows = []
    score = unmarked = 0.0
    with writing("这次模考", store.path), store.db.atomic():
        add_user(store.db, store.user, created)
        for question_id, answer, mark, version in marked:
            seconds = state.seconds.get(question_id, 0)
            record = {"user": store.user, "question": question_id, "answer": answer, "score": mark.score, "max": mark.max,
                      "word_count": mark.word_count, "seconds": seconds, "created": created, "rubric_version": version}
            attempt_id = insert_attempt(store.db, record, mark.model_dump_json())
            progress.record(store.db, store.user, mark, created, store.plan)
            rows.append({"question": question_id, "attempt": attempt_id, "seconds": seconds, "score": mark.score,
                         "max": mark.max, "unmarked": mark.unmarked})
            if mark.unmarked:
                unmarked += mark.max
            else:
                score += mark.score
            store.db.execute("DELETE FROM drafts WHERE user = ? AND question = ?", [store.user, exam_draft_key(info.id, question_id)])
        cursor = store.db.execute(
            "INSERT INTO paper_attempts (user, paper, title, created, seconds, score, max, unmarked, questions) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [store.user, info.id, info.title, created, state.elapsed, round(score, 2), info.points, unmarked, json.dumps(rows)],
        )
        store.db.execute("DELETE FROM exams WHERE user = ? AND paper = ?", [store.user, info.id])
    return PaperAttempt(cursor.lastrowid, info.id, info.title, created, state.elapsed, round(score, 2), info.points, unmarked, rows)


def paper_attempt(store: Store, attempt_id: int) -> PaperAttempt | None:
    """One paper sat by the current profile, or None."""
    r = store.db.execute(
        "SELECT id, paper, title, created, seconds, score, max, unmarked, questions FROM paper_attempts WHERE id = ? AND user = ?",
        [attempt_id, store.user],
    ).fetchone()
    return PaperAttempt(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8])) if r else None


def paper_attempts(store: Store, paper_id: str | None = None, limit: int = 200) -> list[PaperAttempt]:
    """The current profile's papers sat, oldest first (the latest `limit`)."""
    where, params = "WHERE user = ?", [store.user]
    if paper_id:
        where += " AND paper = ?"
        params.append(paper_id)
    rows = store.db.execute(
        f"SELECT id, paper, title, created, seconds, score, max, unmarked, questions FROM paper_attempts {where}"
        " ORDER BY created DESC, id DESC LIMIT ?", [*params, limit]
    ).fetchall()
    return [PaperAttempt(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8])) for r in reversed(rows)]
