"""Building the bank tables of the database from the bank files, reading as little as it can.

Each file's size and time and what it held are kept in `bank_files`. When nothing changed
(one digest of every file's name, size and time) nothing is read. When a few question or
rubric files changed, only those questions are loaded and their rows replaced; anything else
(a material, many files, a forced rebuild) rebuilds the tables from every file, still
reading only the files whose size or time changed.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from typing import TYPE_CHECKING

from drill.store.sqlite import Database, chunked

if TYPE_CHECKING:  # loading the bank files is imported when they are loaded, not at start
    from drill.bank.loading import Bank, FileCache
    from drill.models import Paper, Rubric

BANK_DIRS = (("bank", ".toml"), ("bank/materials", ".md"), ("rubrics", ".toml"), ("bank/papers", ".toml"))
# More changed files than this and the whole bank is loaded again: simpler, and as quick.
FEW = 200
# A bank of more files than this is not stat'ed file by file by every command (`sync(quick=True)`):
# 200,000 files take 0.5–0.7 s; below this, a few milliseconds, and every command looks.
LARGE = 2000
# Where paper files lie, as part of a path: a sync of a few questions checks them again.
PAPERS_IN_PATH = f"{os.sep}bank{os.sep}papers{os.sep}"
SCAN_EVERY = 60.0


def rubric_version(rubric: Rubric) -> str:
    """A short fingerprint of a rubric, recorded with every attempt it marks."""
    return hashlib.sha1(rubric.model_dump_json().encode()).hexdigest()[:12]


def bank_files(roots: list[Path]) -> list[tuple[str, int, int]]:
    """Every bank file of the roots as (path, size, modification time in ns), in the order
    the directories list them (the same while nothing changes).

    `os.scandir` rather than sorted `Path.glob`: with 200,000 files it takes a third of the time."""
    found = []
    for root in roots:
        for folder, suffix in BANK_DIRS:
            try:
                with os.scandir(root / folder) as entries:
                    for entry in entries:
                        if entry.name.endswith(suffix) and (entry.is_file() or not folder.endswith("materials")):
                            # Folders, FIFOs and dangling symlinks count too (as themselves): the
                            # problem the loader reports for one goes when it goes.
                            try:
                                stat = entry.stat()
                            except OSError:
                                stat = entry.stat(follow_symlinks=False)
                            found.append((entry.path, stat.st_size, stat.st_mtime_ns))
            except (FileNotFoundError, NotADirectoryError):
                continue
    return found


def fingerprint(files: list[tuple[str, int, int]]) -> str:
    """One digest of the bank files' names, sizes and times."""
    digest = hashlib.sha1()
    for path, size, mtime in files:
        digest.update(f"{path}\0{size}\0{mtime}\n".encode())
    return digest.hexdigest()


def bank_changed(roots: list[Path], version: str) -> bool:
    """Whether the bank files differ from those the tables were built from (`Store.bank_version`).
    Reads only the file system, so the app asks it from a thread while it runs."""
    return fingerprint(bank_files(roots)) != version


def meta(db: Database, key: str) -> str | None:
    """A value of the `meta` table, or None."""
    row = db.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def folders(roots: list[Path]) -> str:
    """The bank folders' modification times: they change when a file is added, removed or
    replaced (as editors and git save), not when one is rewritten in place."""
    found = []
    for root in roots:
        for folder, _ in BANK_DIRS:
            try:
                found.append(f"{root / folder}\0{os.stat(root / folder).st_mtime_ns}")
            except OSError:
                found.append(f"{root / folder}\0-")
    return "\n".join(found)


def sync(db: Database, roots: list[Path], force: bool = False, quick: bool = False) -> list[str]:
    """Bring the bank tables up to date with the files; returns the problems found in them.

    `quick` (a command that reads the bank): a bank of more than LARGE files whose folders
    did not change is not stat'ed file by file more than once every SCAN_EVERY seconds; a
    file rewritten in place in the meantime is seen by the next full look."""
    unchanged = json.loads(meta(db, "bank_problems") or "[]")
    if quick and not force and _recently_scanned(db, roots):
        return unchanged
    files = bank_files(roots)
    current = fingerprint(files)
    if len(files) > LARGE:
        with db.atomic():
            db["meta"].upsert_all([{"key": "bank_folders", "value": folders(roots)}, {"key": "bank_scanned", "value": str(time.time())}], pk="key")
    if not force and current == meta(db, "bank_fingerprint"):
        return unchanged
    now = {path: f"[{size}, {mtime}]" for path, size, mtime in files}  # as json.dumps writes a signature
    with db.atomic():
        # Several drills started after an edit wait here in turn; the first rebuilds, the
        # others find the tables already built from these files.
        if not force and current == meta(db, "bank_fingerprint"):
            return json.loads(meta(db, "bank_problems") or "[]")
        known = dict(db.execute("SELECT path, signature FROM bank_files").fetchall())
        touched = [path for path, signature in now.items() if known.get(path) != signature] + [path for path in known if path not in now]
        same_roots = meta(db, "bank_roots") == _roots(roots)
        few = same_roots and known and len(touched) <= FEW and all(Path(path).parent.name in ("bank", "rubrics") for path in touched)
        problems = _sync_few(db, roots, {Path(path).stem for path in touched}, touched) if few and not force else _sync_all(db, roots)
        for path in set(known) - set(now):
            db.execute("DELETE FROM bank_files WHERE path = ?", [path])
        db["meta"].upsert_all(
            [
                {"key": "bank_fingerprint", "value": current},
                {"key": "bank_problems", "value": json.dumps(problems, ensure_ascii=False)},
                {"key": "bank_roots", "value": _roots(roots)},
            ],
            pk="key",
        )
    return problems


def _roots(roots: list[Path]) -> str:
    """The bank folders in use, as kept in `meta`: another `--bank` is a rebuild, not a few files."""
    return json.dumps([str(root) for root in roots], ensure_ascii=False)


def _recently_scanned(db: Database, roots: list[Path]) -> bool:
    """Whether a large bank was stat'ed in full less than SCAN_EVERY seconds ago and its
    folders have not changed since."""
    scanned = meta(db, "bank_scanned")
    if scanned is None or meta(db, "bank_folders") != folders(roots):
        return False
    return 0 <= time.time() - float(scanned) < SCAN_EVERY


def _cache(db: Database, paths: list[str] | None = None) -> FileCache:
    from drill.bank.loading import FileCache

    query = "SELECT path, signature, payload FROM bank_files"
    if paths is None:
        rows = db.execute(query)
    else:
        rows = []
        for chunk, marks in chunked(paths):
            rows += db.execute(f"{query} WHERE path IN ({marks})", chunk).fetchall()
    return FileCache((path, (json.loads(signature), json.loads(payload))) for path, signature, payload in rows)


def _save_cache(db: Database, cache: FileCache) -> None:
    db["bank_files"].upsert_all(
        ({"path": path, "signature": json.dumps(cache[path][0]), "payload": json.dumps(cache[path][1], ensure_ascii=False)} for path in cache.changed),
        pk="path",
    )


def _rows(bank: Bank):
    for q in bank.questions.values():
        rubric = bank.rubrics.get(q.id)  # None: no reference and no rubric yet
        yield {
            "id": q.id, "type": q.type, "points": q.points, "word_limit": q.word_limit,
            "limit_kind": q.limit_kind, "source": q.source, "material": q.material,
            "tags": json.dumps(q.tags, ensure_ascii=False), "prompt": q.prompt,
            "refs": json.dumps(q.references, ensure_ascii=False),
            "rubric": rubric.model_dump_json() if rubric else None, "rubric_version": rubric_version(rubric) if rubric else "",
            "file": str(bank.files[q.id]),
        }


def _write_papers(db: Database, papers: dict[str, Paper], files: dict[str, Path], points: dict[str, float]) -> None:
    """The papers tables from the papers loaded and checked (`points`: question id → points)."""
    db.execute("DELETE FROM papers")
    db.execute("DELETE FROM paper_questions")
    db["papers"].insert_all(
        {"id": p.id, "title": p.title, "minutes": p.minutes, "reading_minutes": p.reading_minutes,
         "points": round(sum(points[e.id] for e in p.questions), 4), "source": p.source, "materials": json.dumps(p.materials),
         "questions": json.dumps([e.id for e in p.questions]), "file": str(files["paper:" + p.id])}
        for p in papers.values()
    )
    db["paper_questions"].insert_all(
        {"question": e.id, "paper": p.id, "position": i + 1, "cites": json.dumps(e.cites)}
        for p in papers.values() for i, e in enumerate(p.questions)
    )


def _recheck_papers(db: Database, roots: list[Path]) -> list[str]:
    """After a few questions were reloaded: the papers checked again against the questions
    now in the tables; their files are not read again (their payloads are kept)."""
    from drill.bank.loading import check_papers
    from drill.models import Paper

    paper_paths = [path for (path,) in db.execute("SELECT path FROM bank_files WHERE path LIKE ?", [f"%{PAPERS_IN_PATH}%"])]
    cache = _cache(db, paper_paths)
    papers: dict[str, Paper] = {}
    files: dict[str, Path] = {}
    for root in roots:  # a later root's paper replaces an earlier one's
        for path in sorted(p for p in cache if Path(p).parent == root / "bank" / "papers"):
            if "model" in cache[path][1]:
                papers[Path(path).stem] = Paper.model_validate(cache[path][1]["model"])
                files["paper:" + Path(path).stem] = Path(path)
    points = dict(db.execute("SELECT id, points FROM questions").fetchall())
    materials = {row[0] for row in db.execute("SELECT id FROM materials")}
    papers, problems = check_papers(papers, files, points, materials)
    _write_papers(db, papers, files, points)
    return [exc.message for exc in problems]


def _sync_all(db: Database, roots: list[Path]) -> list[str]:
    from drill.bank.loading import load_bank

    cache = _cache(db)
    bank = load_bank(roots, cache)
    _save_cache(db, cache)
    db.execute("DELETE FROM questions")
    db.execute("DELETE FROM materials")
    db["materials"].insert_all(({"id": m.id, "text": m.text} for m in bank.materials.values()))
    db["questions"].insert_all(_rows(bank))
    _write_papers(db, bank.papers, bank.files, {qid: q.points for qid, q in bank.questions.items()})
    return [exc.message for exc in bank.problems]


def _sync_few(db: Database, roots: list[Path], ids: set[str], touched: list[str]) -> list[str]:
    """Reload the questions of `ids` alone: their rows and the problems of their files and of
    the `touched` ones (changed, added or gone) are replaced."""
    from drill.bank.loading import entry_files, load_bank

    candidates = [str(path) for root in roots for qid in sorted(ids) for path in entry_files(root, qid)]
    cache = _cache(db, candidates)
    materials = {row[0] for row in db.execute("SELECT id FROM materials")}
    bank = load_bank(roots, cache, only=ids, materials=materials)
    _save_cache(db, cache)
    for chunk, marks in chunked(sorted(ids)):
        db.execute(f"DELETE FROM questions WHERE id IN ({marks})", chunk)
    db["questions"].insert_all(_rows(bank))
    theirs = tuple(f"{path}:" for path in [*candidates, *touched])
    kept = [problem for problem in json.loads(meta(db, "bank_problems") or "[]") if not problem.startswith(theirs) and PAPERS_IN_PATH not in problem.split(":", 1)[0]]
    return kept + [exc.message for exc in bank.problems] + _recheck_papers(db, roots)
