"""The SQLite database: the bank built from its files, and the user's attempts and drafts.

One place opens the database (`Store`). The bank tables are rebuilt from the files whenever
the files change; attempts and drafts live in their own tables and a rebuild never touches
them. Schema changes are numbered migrations recorded in `PRAGMA user_version`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlite_utils

from drill import paths
from drill.bank import FileCache, load_bank
from drill.migrations import MIGRATIONS
from drill.errors import DrillError, StoreError, UnknownQuestion
from drill.models import Attempt, Draft, Mark, Material, Question, Rubric


DEFAULT_USER = "default"
BANK_GLOBS = ("bank/*.toml", "bank/materials/*.md", "rubrics/*.toml")


@contextmanager
def writing(what: str):
    """Turn a failed write (read-only file, full disk, locked too long) into a `StoreError` saying what was not saved."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(f"could not save {what}: {exc}; nothing was lost on screen, try again") from None


def now() -> str:
    """The current local time, as stored with attempts and drafts."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def rubric_version(rubric: Rubric) -> str:
    """A short fingerprint of a rubric, recorded with every attempt it marks."""
    return hashlib.sha1(rubric.model_dump_json().encode()).hexdigest()[:12]


class Store:
    """drill's database. `Store()` opens the user's; tests pass a path or `memory=True`."""

    def __init__(self, path: Path | str | None = None, roots: list[Path] | None = None, memory: bool = False, user: str = DEFAULT_USER) -> None:
        self.roots = roots if roots is not None else paths.bank_roots()
        self.user = check_user(user)
        try:
            if memory:
                self.db = sqlite_utils.Database(memory=True)
            else:
                target = Path(path) if path else paths.db_path()
                target.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite_utils.Database(target)
                self.db.conn.execute("PRAGMA busy_timeout = 5000")
                self.db.enable_wal()
            self._migrate()
        except sqlite3.DatabaseError as exc:
            where = "memory" if memory else str(path or paths.db_path())
            way_out = "" if memory else "; 'drill recover' moves it aside, saves the attempts it can read and starts a new one"
            raise StoreError(f"cannot open the database {where}: {exc}{way_out}") from None
        self.problems: list[str] = []
        self.sync_bank()
        self.use(self.user)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
            with self.db.atomic():
                step(self.db)
                self.db.execute(f"PRAGMA user_version = {number}")

    # -- the bank -------------------------------------------------------------------------

    def _fingerprint(self) -> str:
        digest = hashlib.sha1()
        for root in self.roots:
            for pattern in BANK_GLOBS:
                for file in sorted(root.glob(pattern)):
                    stat = file.stat()
                    digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()

    def _meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def sync_bank(self, force: bool = False) -> list[str]:
        """Rebuild the bank tables when the files changed; returns the problems found in them."""
        fingerprint = self._fingerprint()
        if not force and fingerprint == self._meta("bank_fingerprint"):
            self.problems = json.loads(self._meta("bank_problems") or "[]")
            return self.problems
        cache = FileCache(
            (path, (json.loads(signature), json.loads(payload)))
            for path, signature, payload in self.db.execute("SELECT path, signature, payload FROM bank_files")
        )
        bank = load_bank(self.roots, cache)
        self.problems = [exc.message for exc in bank.problems]
        present = {str(f) for root in self.roots for pattern in BANK_GLOBS for f in root.glob(pattern)}
        with self.db.atomic():
            for path in set(cache) - present:
                self.db.execute("DELETE FROM bank_files WHERE path = ?", [path])
            self.db["bank_files"].upsert_all(
                (
                    {"path": path, "signature": json.dumps(cache[path][0]), "payload": json.dumps(cache[path][1], ensure_ascii=False)}
                    for path in cache.changed
                ),
                pk="path",
            )
            self.db.execute("DELETE FROM questions")
            self.db.execute("DELETE FROM materials")
            self.db["materials"].insert_all(({"id": m.id, "text": m.text} for m in bank.materials.values()))
            self.db["questions"].insert_all(
                {
                    "id": q.id, "type": q.type, "points": q.points, "word_limit": q.word_limit,
                    "limit_kind": q.limit_kind, "source": q.source, "material": q.material,
                    "tags": json.dumps(q.tags, ensure_ascii=False), "prompt": q.prompt,
                    "refs": json.dumps(q.references, ensure_ascii=False),
                    "rubric": bank.rubrics[q.id].model_dump_json(),
                    "rubric_version": rubric_version(bank.rubrics[q.id]), "file": str(bank.files[q.id]),
                }
                for q in bank.questions.values()
            )
            self.db["meta"].upsert_all(
                [{"key": "bank_fingerprint", "value": fingerprint}, {"key": "bank_problems", "value": json.dumps(self.problems, ensure_ascii=False)}],
                pk="key",
            )
        return self.problems

    @staticmethod
    def _question(row: dict) -> Question:
        return Question(
            id=row["id"], type=row["type"], points=row["points"], word_limit=row["word_limit"],
            limit_kind=row["limit_kind"], source=row["source"], material=row["material"],
            tags=json.loads(row["tags"]), prompt=row["prompt"], references=json.loads(row["refs"]),
        )

    def questions(self) -> list[Question]:
        """Every question in the bank, ordered by id."""
        return [self._question(row) for row in self.db.query("SELECT * FROM questions ORDER BY id")]

    def question_ids(self) -> list[str]:
        """The ids of the bank, ordered."""
        return [row[0] for row in self.db.execute("SELECT id FROM questions ORDER BY id")]

    def _row(self, question_id: str) -> dict:
        rows = list(self.db.query("SELECT * FROM questions WHERE id = ?", [question_id]))
        if not rows:
            raise UnknownQuestion(question_id, self.question_ids())
        return rows[0]

    def question(self, question_id: str) -> Question:
        """One question; `UnknownQuestion` names the ids there are."""
        return self._question(self._row(question_id))

    def rubric(self, question_id: str) -> tuple[Rubric, str]:
        """The rubric of a question and its version."""
        row = self._row(question_id)
        return Rubric.model_validate_json(row["rubric"]), row["rubric_version"]

    def material(self, material_id: str) -> Material | None:
        """A material by id, or None."""
        row = self.db.execute("SELECT id, text FROM materials WHERE id = ?", [material_id]).fetchone()
        return Material(id=row[0], text=row[1]) if row else None

    def material_ids(self) -> list[str]:
        """The ids of every material, ordered."""
        return [row[0] for row in self.db.execute("SELECT id FROM materials ORDER BY id")]

    def material_text(self, question: Question) -> str:
        """The text of a question's material, or "" when it has none."""
        material = self.material(question.material) if question.material else None
        return material.text if material else ""

    def marking(self, question_id: str) -> tuple[Question, Rubric, str, str]:
        """What marking an answer to a question needs: the question, its rubric, the rubric's
        version and the material text (for the copied share)."""
        question = self.question(question_id)
        rubric, version = self.rubric(question_id)
        return question, rubric, version, self.material_text(question)

    # -- profiles -------------------------------------------------------------------------

    def use(self, user: str) -> None:
        """Make `user` the profile whose attempts and drafts this store reads and writes."""
        self.user = check_user(user)
        with self.db.atomic():
            self.db.execute("INSERT OR IGNORE INTO users (name, created) VALUES (?, ?)", [self.user, now()])

    def users(self) -> list[str]:
        """Every profile on this machine, the default first."""
        names = [row[0] for row in self.db.execute("SELECT name FROM users ORDER BY name")]
        return sorted(names, key=lambda n: (n != DEFAULT_USER, n))

    # -- attempts ---------------------------------------------------------------------------

    def save_attempt(self, answer: str, mark: Mark, seconds: int | None, version: str) -> Attempt:
        """Store a marked answer for the current profile and return it as an `Attempt`."""
        created = now()
        with writing("the attempt"), self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO attempts (user, question, answer, score, max, word_count, seconds, created, rubric_version, mark)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [self.user, mark.question, answer, mark.score, mark.max, mark.word_count, seconds, created, version, mark.model_dump_json()],
            )
        return Attempt(
            id=cursor.lastrowid, user=self.user, question=mark.question, answer=answer, score=mark.score, max=mark.max,
            word_count=mark.word_count, seconds=seconds, created=created, rubric_version=version, mark=mark,
        )

    @staticmethod
    def _attempt(row: dict) -> Attempt:
        mark = Mark.model_validate_json(row["mark"])
        fields = {k: row[k] for k in ("id", "user", "question", "answer", "score", "max", "word_count", "seconds", "created", "rubric_version")}
        rescored = Mark.model_validate_json(row["rescored_mark"]) if row.get("rescored_mark") else None
        return Attempt(**fields, mark=mark, rescored=row.get("rescored_score"), rescored_version=row.get("rescored_version"), rescored_mark=rescored)

    def attempts(self, question_id: str | None = None) -> list[Attempt]:
        """The current profile's attempts, newest first; only one question's when `question_id` is given."""
        where, params = "WHERE user = ?", [self.user]
        if question_id:
            where, params = where + " AND question = ?", params + [question_id]
        return [self._attempt(r) for r in self.db.query(f"SELECT * FROM attempts {where} ORDER BY id DESC", params)]

    def attempt(self, attempt_id: int) -> Attempt | None:
        """One of the current profile's attempts by id, or None."""
        rows = list(self.db.query("SELECT * FROM attempts WHERE id = ? AND user = ?", [attempt_id, self.user]))
        return self._attempt(rows[0]) if rows else None

    def best_scores(self) -> dict[str, float]:
        """The current profile's best score so far on every question attempted."""
        rows = self.db.execute("SELECT question, MAX(score) FROM attempts WHERE user = ? GROUP BY question", [self.user])
        return {row[0]: row[1] for row in rows}

    # -- drafts -----------------------------------------------------------------------------

    def save_draft(self, question_id: str, answer: str, seconds: int) -> None:
        """Keep the answer being written (one draft per question and profile), replacing the older one."""
        with writing("the draft"), self.db.atomic():
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
        return Draft(question=row[0], answer=row[1], seconds=row[2] or 0, updated=row[3]) if row else None

    def delete_draft(self, question_id: str) -> None:
        """Forget a question's draft (after it is submitted)."""
        with writing("the removal of the draft"), self.db.atomic():
            self.db.execute("DELETE FROM drafts WHERE user = ? AND question = ?", [self.user, question_id])


def check_user(name: str) -> str:
    """A profile name as given, if usable: 1–32 characters, no control characters or slashes."""
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 32 or any(ord(c) < 32 or c in "/\\" for c in cleaned):
        raise DrillError(f"user name {name!r}: use 1–32 characters, without control characters or slashes")
    return cleaned
