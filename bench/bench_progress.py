"""Saving an attempt costs the same whatever the history; importing one is one index lookup.

    python bench/bench_progress.py

1. In process: one more attempt saved to a question that already has N attempts (N = 500 …
   8,000), median of 20 saves, beside a one-row upsert into a scratch table of the same
   database (the least a save can cost).
2. `import_lines` of 8,000 exported attempts all made in the same second, then the same file
   again (every line already there), per line, beside 8,000 whose times differ.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from drill.marker import mark_answer
from drill.store import Store
from drill.store.records import export_lines, import_lines


def _mark(store: Store):
    question, rubric, version, material = store.marking("s001-q2")
    answer = question.references[0]
    return answer, mark_answer(answer, question, rubric, material), version


def saves(directory: Path) -> None:
    store = Store(directory / "save.db")
    answer, mark, version = _mark(store)
    store.db.execute("CREATE TABLE scratch (k TEXT PRIMARY KEY, n INTEGER)")
    print("attempts before | save (median of 20) | one-row upsert")
    done = 0
    for target in (500, 1000, 2000, 4000, 8000):
        with store.db.atomic():  # fill quickly: the timed saves below are one transaction each
            while done < target:
                store.save_attempt(answer, mark, None, version)
                done += 1
        timed, base = [], []
        for _ in range(20):
            started = time.perf_counter()
            store.save_attempt(answer, mark, None, version)
            timed.append(time.perf_counter() - started)
            started = time.perf_counter()
            with store.db.atomic():
                store.db.execute("INSERT INTO scratch VALUES ('k', 1) ON CONFLICT(k) DO UPDATE SET n = n + 1")
            base.append(time.perf_counter() - started)
        done += 20
        print(f"{target:>15,} | {statistics.median(timed) * 1000:>16.3f} ms | {statistics.median(base) * 1000:.3f} ms")
    store.close()


def imports(directory: Path) -> None:
    source = Store(directory / "source.db")
    answer, mark, version = _mark(source)
    for label, same_second in (("8,000 in one second", True), ("8,000 at different times", False)):
        record = json.loads(next(iter(export_lines([source.save_attempt(answer, mark, None, version)]))))
        start = datetime.fromisoformat("2026-11-21T09:00:00+08:00")
        lines = []
        for n in range(8000):
            record["answer"] = f"{answer}（{n}）"
            record["created"] = (start if same_second else start + timedelta(seconds=n)).isoformat()
            lines.append(json.dumps(record, ensure_ascii=False))
        target = Store(directory / f"target-{same_second}.db")
        for run in ("import", "again"):
            started = time.perf_counter()
            added, skipped, problems = import_lines(target, iter(lines))
            took = time.perf_counter() - started
            print(f"{label}, {run}: {took:.2f} s, {took / len(lines) * 1000:.3f} ms a line ({added} added, {skipped} already there)")
        target.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        saves(directory)
        imports(directory)


if __name__ == "__main__":
    sys.exit(main())
