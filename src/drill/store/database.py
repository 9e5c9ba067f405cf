"""The SQLite database: the bank built from its files, and the user's attempts and drafts.

One place opens the database (`Store`). The bank tables are rebuilt from the files whenever
the files change (`bank_sync.py`); attempts and drafts live in their own tables and a
rebuild never touches them. Schema changes are numbered migrations (`migrations.py`).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from drill import paths, settings
from drill.errors import DrillError, ReadOnly, StoreError, UnknownQuestion
from drill.scheduling import Plan
from drill.store import bank_sync, progress
from drill.store.identity import identity
from drill.store.opening import RECOVER, disk_full, full_disk_error, migrate, open_database
from drill.store.progress import Due, due_from_row
from drill.store.sqlite import Database, chunked
from drill.text import printable

if TYPE_CHECKING:  # the models are imported when first made: pydantic takes 0.2 s to import, and the list shows first
    from drill.models import Attempt, Draft, Mark, Material, Question, Rubric


DEFAULT_USER = "default"
DATE_PREFIX = re.compile(r"\d{4}(-\d\d(-\d\d)?)?")
# The questions whose id (among those a profile attempted) or 题型 holds a word (parameters:
# user, word, word); the 题型 side reads the index (type, id), not the questions' rows.
QUESTIONS_WITH = (
    "SELECT question FROM progress WHERE user = ? AND instr(lower(question), ?)"
    " UNION SELECT id FROM questions WHERE instr(type, ?)"
)


@contextmanager
def writing(what: str, path: Path | None = None):
    """Turn a failed write into a `StoreError` saying what was not saved and why, in words: a
    read-only file, a full disk, another drill writing for too long, damage."""
    try:
        yield
    except sqlite3.Error as exc:
        message = str(exc).lower()
        where = f" {path}" if path else ""
        if "readonly" in message or "read-only" in message:
            raise ReadOnly(f"没能保存{what}：数据库{where}是只读的") from None
        if path is not None and disk_full(path, exc):
            raise full_disk_error(path, f"没能保存{what}") from None
        if "locked" in message or "busy" in message:
            raise StoreError(f"没能保存{what}：另一个 drill 正在写数据库{where}，请稍后再试") from None
        if "malformed" in message or "not a database" in message:
            raise StoreError(f"没能保存{what}：数据库{where}已损坏（{exc}）；{RECOVER}") from None
        raise StoreError(f"没能保存{what}：{exc}；屏幕上的内容都还在，请再试一次") from None


def now() -> str:
    """The current local time, as stored with attempts and drafts."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


# The columns of an attempt as exported, imported and listed by `drill history`.
ATTEMPT_FIELDS = ("user", "question", "answer", "score", "max", "word_count", "seconds", "created", "rubric_version")
HISTORY_FIELDS = ("id", "user", "question", "score", "max", "word_count", "seconds", "created", "rubric_version", "rescored", "rescored_version")


def haystack(qid: str, kind: str, source: str, tags: Iterable[str], prompt: str) -> str:
    """The text the list's filter looks in: id, 题型, source, tags and prompt, lower-cased."""
    return " ".join([qid, kind, source, " ".join(tags), prompt]).lower()


def insert_attempt(db: Database, record: dict, mark_json: str, key: str | None = None, batch_key: str | None = None) -> int:
    """Insert one attempt (`ATTEMPT_FIELDS` of `record` and its mark) with its identity (`key`,
    made from the record when not given) and, for a batch line, its `batch_key`; returns its
    id. The caller holds the transaction and keeps the progress tables."""
    key = key or identity(record["user"], record["question"], record["created"], record["answer"])
    cursor = db.execute(
        f"INSERT INTO attempts ({', '.join(ATTEMPT_FIELDS)}, mark, identity, batch_key)"
        f" VALUES ({', '.join('?' * (len(ATTEMPT_FIELDS) + 3))})",
        [record[name] for name in ATTEMPT_FIELDS] + [mark_json, key, batch_key],
    )
    return cursor.lastrowid


def add_user(db: Database, name: str, created: str) -> None:
    """Record a profile, if it is new."""
    db.execute("INSERT OR IGNORE INTO users (name, created) VALUES (?, ?)", [name, created])


@dataclass(frozen=True)
class Summary:
    """An attempt as the history list shows it."""

    id: int
    created: str
    question: str
    type: str
    score: float
    max: float
    rescored: float | None
    word_count: int
    seconds: int | None


@dataclass(frozen=True)
class Listed:
    """A question as the list shows it (not a model: the list shows before pydantic is imported)."""

    id: str
    type: str
    points: float
    word_limit: int | None
    limit_kind: str | None
    source: str
    prompt: str


@dataclass(frozen=True)
class Scored:
    """An attempt as the charts plot it."""

    id: int
    question: str
    type: str
    created: str
    score: float
    max: float


class Store:
    """drill's database. `Store()` opens the user's; tests pass a path or `memory=True`."""

    def __init__(
        self, path: Path | str | None = None, roots: list[Path] | None = None, memory: bool = False, user: str = DEFAULT_USER,
        sync: bool = True, quick: bool = False,
    ) -> None:
        """`sync=False` trusts the bank tables as the last sync left them (when there was one):
        the app opens at once and checks the files in the background (`bank_changed`)."""
        self.roots = roots if roots is not None else paths.bank_roots()
        self.user = check_user(user)
        self.path: Path | None = None
        # The scheduler's settings (`drill config`) sit beside the database.
        self.plan = Plan() if memory else settings.plan((Path(path).parent if path else paths.data_dir()) / settings.FILE_NAME)
        # What opening the file said (an empty file moved aside), for the CLI and the app to show.
        self.notes: list[str] = []
        self.read_only = False
        # Whether the file was checked for damage as it opened (a large one is not: see opening).
        self.checked_at_open: bool | None = None
        if memory:
            self.db = Database(memory=True)
            migrate(self.db)
        else:
            self.path = Path(path) if path else paths.db_path()
            self.db, self.read_only, self.notes, self.checked_at_open = open_database(self.path)
        self.problems: list[str] = []
        self._longest: tuple[str | None, int] = (None, 0)
        if sync or memory or self._meta("bank_fingerprint") is None:
            self.sync_bank(quick=quick)
        else:
            self.problems = json.loads(self._meta("bank_problems") or "[]")
        self.use(self.user)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    @property
    def own_root(self) -> Path:
        """The bank root drill writes into (imports, the editor, graded answers): the user's own."""
        return paths.own_root(self.roots)

    # -- the bank -------------------------------------------------------------------------

    def _meta(self, key: str) -> str | None:
        return bank_sync.meta(self.db, key)

    def sync_bank(self, force: bool = False, quick: bool = False) -> list[str]:
        """Rebuild the bank tables when the files changed (see `bank_sync.sync`, and `quick`
        there); returns the problems found in them."""
        if self.read_only:
            self.problems = json.loads(self._meta("bank_problems") or "[]")
            if bank_sync.bank_changed(self.roots, self.bank_version()):
                self.notes.append(f"数据库 {self.path} 是只读的：显示的是上次建成的题库，不是题库文件现在的样子")
            return self.problems
        try:
            with writing("按题库文件重建的题库", self.path):
                self.problems = bank_sync.sync(self.db, self.roots, force, quick)
        except ReadOnly:
            self._found_read_only()
            return self.sync_bank(force, quick)
        return self.problems

    @staticmethod
    def _question(row: dict) -> Question:
        from drill.models import Question

        return Question(
            id=row["id"], type=row["type"], points=row["points"], word_limit=row["word_limit"],
            limit_kind=row["limit_kind"], source=row["source"], material=row["material"],
            tags=json.loads(row["tags"]), prompt=row["prompt"], references=json.loads(row["refs"]),
        )

    def questions(self) -> list[Question]:
        """Every question in the bank, ordered by id."""
        return [self._question(row) for row in self.db.query("SELECT * FROM questions ORDER BY id")]

    def listed(self, question_ids: list[str]) -> dict[str, Listed]:
        """What the list shows of these questions (a page of it), by id."""
        found: dict[str, Listed] = {}
        for chunk, marks in chunked(question_ids):
            rows = self.db.execute(
                f"SELECT id, type, points, word_limit, limit_kind, source, prompt FROM questions WHERE id IN ({marks})", chunk
            )
            found.update((row[0], Listed(*row)) for row in rows)
        return found

    def search_texts(self) -> list[tuple[str, str]]:
        """Every question's id and the text the list's filter looks in, in id order."""
        return _search_texts(self.db.conn)

    def longest_id(self) -> int:
        """The length of the longest question id (for the width of a list's id column); read
        once per version of the bank."""
        version = self.bank_version()
        if self._longest[0] != version:
            self._longest = (version, self.db.execute("SELECT coalesce(max(length(id)), 0) FROM questions").fetchone()[0])
        return self._longest[1]

    def bank_version(self) -> str:
        """Changes whenever the bank tables are rebuilt from changed files."""
        return self._meta("bank_fingerprint") or ""

    def question_ids(self) -> list[str]:
        """The ids of the bank, ordered."""
        return [row[0] for row in self.db.execute("SELECT id FROM questions ORDER BY id")]

    def question_ids_after(self, after: str, limit: int) -> list[str]:
        """A page of the bank's ids in order, after `after` ("" for the first)."""
        return [row[0] for row in self.db.execute("SELECT id FROM questions WHERE id > ? ORDER BY id LIMIT ?", [after, limit])]

    def bank_counts(self) -> tuple[int, int, int]:
        """How many questions, rubrics and papers the bank holds (a question may have no rubric yet)."""
        questions, rubrics = self.db.execute("SELECT count(*), count(rubric) FROM questions").fetchone()
        return questions, rubrics, self.db.execute("SELECT count(*) FROM papers").fetchone()[0]

    def question_file(self, question_id: str) -> str:
        """The file a question was loaded from."""
        return self._row(question_id)["file"]

    def _row(self, question_id: str) -> dict:
        rows = list(self.db.query("SELECT * FROM questions WHERE id = ?", [question_id]))
        if not rows:
            # A few ids and the count, not the whole bank: 100,000 ids cost 67 ms to load.
            first = self.question_ids_after("", 10)
            raise UnknownQuestion(question_id, first, self.db.execute("SELECT count(*) FROM questions").fetchone()[0])
        return rows[0]

    def question(self, question_id: str) -> Question:
        """One question; `UnknownQuestion` names the ids there are."""
        return self._question(self._row(question_id))

    def rubric(self, question_id: str) -> tuple[Rubric | None, str]:
        """The rubric of a question and its version; (None, "") for a question that has no
        reference answer or rubric yet."""
        row = self._row(question_id)
        return _rubric(row["rubric"]), row["rubric_version"]

    def material(self, material_id: str) -> Material | None:
        """A material by id, or None."""
        from drill.models import Material

        row = self.db.execute("SELECT id, text FROM materials WHERE id = ?", [material_id]).fetchone()
        return Material(id=row[0], text=row[1]) if row else None

    def material_ids(self) -> list[str]:
        """The ids of every material, ordered."""
        return [row[0] for row in self.db.execute("SELECT id FROM materials ORDER BY id")]

    def material_text(self, question: Question) -> str:
        """The text of the question's own material file (what the editor edits), or ""."""
        material = self.material(question.material) if question.material else None
        return material.text if material else ""

    def material_shown(self, question: Question, materials: dict[str, str] | None = None) -> str:
        """The material a candidate reads beside the question, and its answers are checked for
        copying against: for a question of a paper, the 给定资料 it cites, each under its
        heading (给定资料3); otherwise its own material. With `materials` (a cache), each
        material or set of 给定资料 is read once, whatever the questions that share it."""
        cited = self.db.execute(
            "SELECT p.id, p.materials, q.cites FROM paper_questions q JOIN papers p ON p.id = q.paper WHERE q.question = ?", [question.id]
        ).fetchone()
        key = f"{cited[0]}:{cited[2]}" if cited else question.material
        if materials is not None and key in materials:
            return materials[key]
        if cited is None:
            text = self.material_text(question)
        else:
            ids = json.loads(cited[1])
            parts = []
            for number in json.loads(cited[2]):
                material = self.material(ids[number - 1])
                parts.append(f"给定资料{number}\n\n{material.text if material else ''}")
            text = "\n\n".join(parts)
        if materials is not None:
            materials[key] = text
        return text

    def marking(self, question_id: str, materials: dict[str, str] | None = None) -> tuple[Question, Rubric | None, str, str]:
        """What marking an answer to a question needs: the question, its rubric (None: none
        yet), the rubric's version and the material shown (for the copied share; `materials`:
        see `material_shown`)."""
        row = self._row(question_id)
        question = self._question(row)
        return question, _rubric(row["rubric"]), row["rubric_version"], self.material_shown(question, materials)

    # -- profiles -------------------------------------------------------------------------

    def use(self, user: str) -> None:
        """Make `user` the profile whose attempts and drafts this store reads and writes."""
        self.user = check_user(user)
        if self.read_only:
            return  # the profile is read as it is; a new one is recorded when the database can be written
        try:
            with writing(f"用户 {self.user}", self.path), self.db.atomic():
                add_user(self.db, self.user, now())
        except ReadOnly:
            self._found_read_only()

    def _found_read_only(self) -> None:
        """The database turned out read-only: read on, and say once that nothing will be saved."""
        if not self.read_only:
            self.read_only = True
            self.notes.append(f"数据库 {self.path} 是只读的：可以查看其中内容，但不会保存任何东西")

    def users(self) -> list[str]:
        """Every profile on this machine, the default first."""
        names = [row[0] for row in self.db.execute("SELECT name FROM users ORDER BY name")]
        return sorted(names, key=lambda n: (n != DEFAULT_USER, n))

    # -- attempts ---------------------------------------------------------------------------

    def save_attempt(self, answer: str, mark: Mark, seconds: int | None, version: str, batch_key: str | None = None) -> Attempt:
        """Store a marked answer for the current profile and return it as an `Attempt`; with a
        `batch_key` (a line of a batch file), the attempt stored under it before, if any."""
        if batch_key is not None:
            row = self.db.execute("SELECT id FROM attempts WHERE batch_key = ?", [batch_key]).fetchone()
            if row is not None:
                return self.attempt(row[0])
        record = {
            "user": self.user, "question": mark.question, "answer": answer, "score": mark.score, "max": mark.max,
            "word_count": mark.word_count, "seconds": seconds, "created": now(), "rubric_version": version,
        }
        with writing("这次作答", self.path), self.db.atomic():
            attempt_id = insert_attempt(self.db, record, mark.model_dump_json(), batch_key=batch_key)
            progress.record(self.db, self.user, mark, record["created"], self.plan)
        from drill.models import Attempt

        return Attempt(id=attempt_id, **record, mark=mark)

    @staticmethod
    def _attempt(row: dict) -> Attempt:
        from drill.models import Attempt, Mark

        mark = Mark.model_validate_json(row["mark"])
        fields = {k: row[k] for k in ("id", "user", "question", "answer", "score", "max", "word_count", "seconds", "created", "rubric_version")}
        rescored = Mark.model_validate_json(row["rescored_mark"]) if row.get("rescored_mark") else None
        return Attempt(
            **fields, mark=mark, rescored=row.get("rescored_score"), rescored_version=row.get("rescored_version"),
            rescored_mark=rescored,
        )

    def _attempt_rows(self, question_id: str | None, columns: str, oldest_first: bool) -> Iterator[dict]:
        where, params = "WHERE user = ?", [self.user]
        if question_id:
            where, params = where + " AND question = ?", params + [question_id]
        return self.db.query(f"SELECT {columns} FROM attempts {where} ORDER BY id {'ASC' if oldest_first else 'DESC'}", params)

    def iter_attempts(self, question_id: str | None = None, oldest_first: bool = False) -> Iterator[Attempt]:
        """The current profile's attempts, newest first (or oldest first), one at a time: an
        export of years of history need not hold it all; only one question's when given."""
        return (self._attempt(row) for row in self._attempt_rows(question_id, "*", oldest_first))

    def history_rows(self, question_id: str | None = None) -> Iterator[dict]:
        """The current profile's attempts as `drill history` lists them (`HISTORY_FIELDS`, not
        the answers or marks), newest first."""
        columns = ", ".join("rescored_score AS rescored" if name == "rescored" else name for name in HISTORY_FIELDS)
        return self._attempt_rows(question_id, columns, oldest_first=False)

    def _history_where(self, words: list[str]) -> tuple[str, list]:
        """A date-like word (2026, 2026-11, 2026-11-21) is a range of the index; any other word
        picks the questions whose id or 题型 holds it (`QUESTIONS_WITH`)."""
        where, params = ["a.user = ?"], [self.user]
        for word in words:
            if DATE_PREFIX.fullmatch(word):
                where.append("a.created >= ? AND a.created < ?")
                params += [word, word + "~"]
            else:
                where.append(f"a.question IN ({QUESTIONS_WITH})")
                params += [self.user, word, word]
        return " AND ".join(where), params

    def history_count(self, words: list[str] | None = None) -> int:
        """How many of the current profile's attempts have every word in their question id,
        题型 or date (see `history_page`); all of them, from the progress table, without words."""
        if not words:
            return self.db.execute("SELECT coalesce(sum(attempts), 0) FROM progress WHERE user = ?", [self.user]).fetchone()[0]
        if not any(DATE_PREFIX.fullmatch(word) for word in words):  # questions only: their counts are kept
            where = " AND ".join([f"p.question IN ({QUESTIONS_WITH})"] * len(words))
            params = [self.user] + [w for word in words for w in (self.user, word, word)]
            return self.db.execute(f"SELECT coalesce(sum(p.attempts), 0) FROM progress p WHERE p.user = ? AND {where}", params).fetchone()[0]
        where, params = self._history_where(words)
        return self.db.execute(f"SELECT count(*) FROM attempts a WHERE {where}", params).fetchone()[0]

    def history_page(self, offset: int, limit: int, words: list[str] | None = None) -> list[int]:
        """The ids of the current profile's attempts, newest first, `limit` from `offset`,
        filtered as `history_count`; read from an index, never the answers."""
        where, params = self._history_where(words or [])
        rows = self.db.execute(
            f"SELECT a.id FROM attempts a WHERE {where} ORDER BY a.created DESC, a.id DESC LIMIT ? OFFSET ?", params + [limit, offset]
        )
        return [row[0] for row in rows]

    def summaries(self, attempt_ids: list[int]) -> dict[int, Summary]:
        """What the history list shows of these attempts of the current profile (not the
        answers or marks), with the 题型 of their questions. (`+a.user`: looked up by id; an
        index on the profile would read all of its attempts.)"""
        found: dict[int, Summary] = {}
        for chunk, marks in chunked(attempt_ids):
            rows = self.db.execute(
                "SELECT a.id, a.created, a.question, coalesce(q.type, '—'), a.score, a.max, a.rescored_score, a.word_count, a.seconds"
                f" FROM attempts a LEFT JOIN questions q ON q.id = a.question WHERE +a.user = ? AND a.id IN ({marks})",
                [self.user, *chunk],
            )
            found.update((row[0], Summary(*row)) for row in rows)
        return found

    def recent_scores(self, limit: int) -> tuple[int, list[Scored]]:
        """The current profile's number of attempts and the last `limit` of them, oldest first,
        as the charts plot them (question, 题型, score)."""
        total = self.history_count()
        rows = self.db.execute(
            "SELECT a.id, a.question, coalesce(q.type, '其他'), a.created, a.score, a.max FROM"
            " (SELECT id, question, created, score, max FROM attempts WHERE user = ? ORDER BY created DESC, id DESC LIMIT ?) a"
            " LEFT JOIN questions q ON q.id = a.question ORDER BY a.created, a.id",
            [self.user, limit],
        )
        return total, [Scored(*row) for row in rows]

    def recent_points(self, limit: int) -> Iterator[tuple[str, str, str, str]]:
        """(question, point id, point text, status) of each 采分点 of the last `limit` attempts."""
        rows = self.db.execute("SELECT question, mark FROM attempts WHERE user = ? ORDER BY created DESC, id DESC LIMIT ?", [self.user, limit])
        for question, mark in rows:
            for point in json.loads(mark)["points"]:
                yield question, point["id"], point["text"], point["status"]

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One of the current profile's attempts by id, or None."""
        rows = list(self.db.query("SELECT * FROM attempts WHERE id = ? AND user = ?", [attempt_id, self.user]))
        return self._attempt(rows[0]) if rows else None

    def progress(self, question_ids: list[str] | None = None, now: datetime | None = None) -> dict[str, tuple[Due, float]]:
        """The current profile's place in the practise-next queue and best score, per question
        attempted (all of them, or those of `question_ids`); retrievability only with `now`."""
        query = f"SELECT question, last_share, weak, {progress.CARD}, best FROM progress WHERE user = ?"
        if question_ids is None:
            rows = self.db.execute(query, [self.user]).fetchall()
        else:
            rows = []
            for chunk, marks in chunked(question_ids):
                rows += self.db.execute(f"{query} AND question IN ({marks})", [self.user, *chunk]).fetchall()
        return {r[0]: (due_from_row(r[0], r[1], r[2], r[3:9], now), r[9]) for r in rows}

    def queue(self, limit: int = 1, now: datetime | None = None) -> list[Due]:
        """The first `limit` questions of the practise-next queue (FSRS, `drill.scheduling`):
        the questions due, the likeliest forgotten first and weak 采分点 lifting theirs
        (`progress.priority`); then those never attempted, in id order; then the rest by when
        they fall due."""
        moment = now or datetime.now(timezone.utc)
        columns = f"p.question, p.last_share, p.weak, {', '.join('p.' + c for c in progress.CARD.split(', '))}"
        joined = f"SELECT {columns} FROM progress p JOIN questions q ON q.id = p.question WHERE p.user = ?"
        due = [due_from_row(r[0], r[1], r[2], r[3:], moment)
               for r in self.db.execute(f"{joined} AND (p.due IS NULL OR p.due <= ?)", [self.user, moment.timestamp()])]
        items = sorted(due, key=lambda d: (progress.priority(d), d.question))[:limit]
        if len(items) < limit:
            fresh = self.db.execute(
                "SELECT id FROM questions WHERE id NOT IN (SELECT question FROM progress WHERE user = ?) ORDER BY id LIMIT ?",
                [self.user, limit - len(items)],
            )
            items += [Due(row[0], None, 0.0, None) for row in fresh]
        if len(items) < limit:
            later = self.db.execute(f"{joined} AND p.due > ? ORDER BY p.due, p.question LIMIT ?", [self.user, moment.timestamp(), limit - len(items)])
            items += [due_from_row(r[0], r[1], r[2], r[3:]) for r in later]
        return items

    # -- drafts -----------------------------------------------------------------------------

    def save_draft(self, question_id: str, answer: str, seconds: int) -> None:
        """Keep the answer being written (one draft per question and profile), replacing the older one."""
        with writing("草稿", self.path), self.db.atomic():
            self.db.execute(
                "INSERT INTO drafts (user, question, answer, seconds, updated) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT(user, question) DO UPDATE SET answer = excluded.answer, seconds = excluded.seconds, updated = excluded.updated",
                [self.user, question_id, answer, seconds, now()],
            )

    def draft(self, question_id: str) -> Draft | None:
        """The current profile's saved draft of a question, or None."""
        row = self.db.execute(
            "SELECT question, answer, seconds, updated FROM drafts WHERE user = ? AND question = ?", [self.user, question_id]
        ).fetchone()
        if row is None:
            return None
        from drill.models import Draft

        return Draft(question=row[0], answer=row[1], seconds=row[2] or 0, updated=row[3])

    def draft_sizes(self, question_ids: list[str]) -> dict[str, int]:
        """The 字数 of the current profile's drafts of these questions (those that have one)."""
        from drill.text import word_count

        sizes: dict[str, int] = {}
        for chunk, marks in chunked(question_ids):
            rows = self.db.execute(f"SELECT question, answer FROM drafts WHERE user = ? AND question IN ({marks})", [self.user, *chunk])
            sizes.update((question, word_count(answer)) for question, answer in rows if answer.strip())
        return sizes

    def delete_draft(self, question_id: str) -> None:
        """Forget a question's draft (after it is submitted)."""
        with writing("草稿的删除", self.path), self.db.atomic():
            self.db.execute("DELETE FROM drafts WHERE user = ? AND question = ?", [self.user, question_id])


def _rubric(text: str | None) -> Rubric | None:
    """A rubric as the questions table keeps it (NULL: none yet)."""
    from drill.models import Rubric

    return Rubric.model_validate_json(text) if text else None


def _search_texts(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """The filter's text of every question (`haystack`), in id order."""
    rows = conn.execute("SELECT id, type, source, tags, prompt FROM questions ORDER BY id")
    return [(r[0], haystack(r[0], r[1], r[2], json.loads(r[3]), r[4])) for r in rows]


def search_texts_at(path: Path) -> list[tuple[str, str]]:
    """`Store.search_texts` on a connection of its own, for a thread (a bank of 100,000
    questions takes half a second: the app reads them while the list is already shown)."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        return _search_texts(conn)
    finally:
        conn.close()


def check_user(name: str) -> str:
    """A profile name as given, if usable: 1–32 characters, no control characters, slashes
    or lone surrogates, not `.` or `..`."""
    cleaned = name.strip()
    if (not cleaned or len(cleaned) > 32 or cleaned in (".", "..") or printable(cleaned) != cleaned
            or any(c in "/\\" or "\ud800" <= c <= "\udfff" for c in cleaned)):
        shown = repr(name[:32]) + ("…" if len(name) > 32 else "")
        raise DrillError(f"用户名 {shown}：须为 1–32 个字符，不含控制字符和斜杠")
    return cleaned
