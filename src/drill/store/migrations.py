"""The database schema, as numbered migrations: migration N+1 upgrades a database at
`PRAGMA user_version` N. Append only; a test opens a database of the first schema."""

from __future__ import annotations

from collections.abc import Callable

from drill.scheduling import Plan
from drill.store import progress
from drill.store.identity import identity
from drill.store.sqlite import Database


def _v1(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["materials"].create({"id": str, "text": str}, pk="id")
    db["questions"].create(
        {
            "id": str, "type": str, "points": float, "word_limit": int, "limit_kind": str,
            "source": str, "material": str, "tags": str, "prompt": str, "refs": str,
            "rubric": str, "rubric_version": str, "file": str,
        },
        pk="id",
    )
    db["attempts"].create(
        {
            "id": int, "question": str, "answer": str, "score": float, "max": float,
            "word_count": int, "seconds": int, "created": str, "rubric_version": str, "mark": str,
        },
        pk="id",
    )
    db["attempts"].create_index(["question"])
    db["drafts"].create({"question": str, "answer": str, "seconds": int, "updated": str}, pk="question")


def _v2(db: Database) -> None:
    """Profiles: several candidates on one machine, each with their own attempts and drafts."""
    db["users"].create({"name": str, "created": str}, pk="name")
    db.execute("ALTER TABLE attempts ADD COLUMN user TEXT NOT NULL DEFAULT 'default'")
    db["attempts"].create_index(["user", "question"])
    db.execute("ALTER TABLE drafts RENAME TO drafts_v1")
    db.execute(
        "CREATE TABLE drafts (user TEXT NOT NULL DEFAULT 'default', question TEXT NOT NULL, answer TEXT,"
        " seconds INTEGER, updated TEXT, PRIMARY KEY (user, question))"
    )
    db.execute("INSERT INTO drafts (user, question, answer, seconds, updated) SELECT 'default', question, answer, seconds, updated FROM drafts_v1")
    db.execute("DROP TABLE drafts_v1")
    db.execute("INSERT INTO users (name, created) SELECT DISTINCT user, MIN(created) FROM attempts GROUP BY user")


def _v3(db: Database) -> None:
    """What each bank file held when last read, so that a rebuild reads only changed files."""
    db["bank_files"].create({"path": str, "signature": str, "payload": str}, pk="path")


def _v4(db: Database) -> None:
    """Re-marking keeps the original mark beside the new one; views for SQLite tools."""
    for column, kind in (("rescored_score", "REAL"), ("rescored_mark", "TEXT"), ("rescored_version", "TEXT"), ("rescored_at", "TEXT")):
        db.execute(f"ALTER TABLE attempts ADD COLUMN {column} {kind}")
    db.execute("CREATE INDEX attempts_identity ON attempts (user, question, created)")
    db.execute(
        "CREATE VIEW attempt_summary AS SELECT id, user, question, created, score, max,"
        " round(100.0 * score / max, 1) AS percent, rescored_score, word_count, seconds, rubric_version FROM attempts"
    )
    db.execute(
        "CREATE VIEW attempt_points AS SELECT a.id AS attempt, a.user, a.question, a.created,"
        " json_extract(p.value, '$.id') AS point, json_extract(p.value, '$.status') AS status,"
        " json_extract(p.value, '$.credit') AS credit, json_extract(p.value, '$.weight') AS weight,"
        " json_extract(p.value, '$.text') AS text FROM attempts a, json_each(a.mark, '$.points') p"
    )


def _v5(db: Database) -> None:
    """Each profile's progress per question (SM-2 state, best mark), kept with every attempt,
    so that the list and the practise-next queue need no pass over the whole history; and an
    index that pages and filters the history newest first without reading the attempts."""
    db.execute(
        "CREATE TABLE progress (user TEXT NOT NULL, question TEXT NOT NULL, attempts INTEGER NOT NULL, best REAL,"
        " last_share REAL, interval REAL, due REAL, PRIMARY KEY (user, question))"
    )
    db.execute("CREATE INDEX progress_due ON progress (user, due, last_share, question)")
    db.execute("CREATE INDEX attempts_recent ON attempts (user, created, id, question)")
    db.execute("CREATE INDEX questions_type ON questions (type, id)")
    # Its rows are built by the next migration, which replaces SM-2 with FSRS.


def _v6(db: Database) -> None:
    """FSRS instead of SM-2: each question's card in the progress table, built by replaying
    every profile's history once, in order; per-采分点 progress kept with every attempt; and
    each attempt's identity, indexed, so that an import finds what it holds already at once
    (and a batch line's key, so that running a batch file again stores nothing twice)."""
    for column, kind in (("state", "INTEGER"), ("step", "INTEGER"), ("stability", "REAL"), ("difficulty", "REAL"),
                         ("last_review", "REAL"), ("weak", "REAL")):
        db.execute(f"ALTER TABLE progress ADD COLUMN {column} {kind}")
    db.execute(
        "CREATE TABLE point_progress (user TEXT NOT NULL, question TEXT NOT NULL, point TEXT NOT NULL, text TEXT,"
        " seen INTEGER NOT NULL, lost REAL NOT NULL, recent REAL NOT NULL, PRIMARY KEY (user, question, point))"
    )
    db.execute("ALTER TABLE attempts ADD COLUMN identity TEXT")
    db.execute("ALTER TABLE attempts ADD COLUMN batch_key TEXT")
    db.conn.create_function("drill_identity", 4, identity, deterministic=True)
    db.execute("UPDATE attempts SET identity = drill_identity(user, question, created, answer)")
    db.execute("CREATE INDEX attempts_by_identity ON attempts (identity)")
    db.execute("CREATE INDEX attempts_by_batch_key ON attempts (batch_key) WHERE batch_key IS NOT NULL")
    progress.replay(db, Plan())


def _v7(db: Database) -> None:
    """Real exam papers: the papers of the bank and the question → paper index (built from
    the bank files, like the questions); each profile's mock exams under way (the clock, the
    time spent per question) and sat (the total, the attempts of its questions). A question
    may now have no rubric yet (a paper imported without 参考答案); the bank files are read
    again so that papers are found."""
    db.execute(
        "CREATE TABLE papers (id TEXT PRIMARY KEY, title TEXT NOT NULL, minutes INTEGER NOT NULL, reading_minutes INTEGER,"
        " points REAL NOT NULL, source TEXT, materials TEXT NOT NULL, questions TEXT NOT NULL, file TEXT)"
    )
    db.execute("CREATE TABLE paper_questions (question TEXT PRIMARY KEY, paper TEXT NOT NULL, position INTEGER NOT NULL, cites TEXT NOT NULL)")
    db.execute("CREATE INDEX paper_questions_by_paper ON paper_questions (paper, position)")
    db.execute(
        "CREATE TABLE exams (user TEXT NOT NULL, paper TEXT NOT NULL, started TEXT NOT NULL, elapsed INTEGER NOT NULL,"
        " seconds TEXT NOT NULL, current TEXT, updated TEXT NOT NULL, PRIMARY KEY (user, paper))"
    )
    db.execute(
        "CREATE TABLE paper_attempts (id INTEGER PRIMARY KEY, user TEXT NOT NULL, paper TEXT NOT NULL, title TEXT NOT NULL,"
        " created TEXT NOT NULL, seconds INTEGER NOT NULL, score REAL NOT NULL, max REAL NOT NULL, unmarked REAL NOT NULL,"
        " questions TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX paper_attempts_recent ON paper_attempts (user, created, id)")
    db.execute("DELETE FROM meta WHERE key = 'bank_fingerprint'")


# Append only: migration N+1 upgrades a database at user_version N.
MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]
