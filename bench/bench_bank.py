"""Benchmark: building the database from 10,000 bank files, and syncing when little changed.

Generates 5,000 questions (a question file and a rubric file each) from the bundled 问题2,
then times: the first build; a sync when nothing changed (target ≤ 2 s); a sync after one
rubric changed (only that question is loaded again). Beside them, measured in the same run:
listing and stat-ing the files only.
Run: `python bench/bench_bank.py [QUESTIONS]`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from drill import paths
from drill.bank import load_bank, question_text, rubric_text
from drill.store.bank_sync import bank_files
from drill.store import Store


def generate(root: Path, count: int) -> None:
    """`count` copies of 问题2 under `root`, each with its own id."""
    bank = load_bank([paths.bundled_root()])
    question, rubric = bank.questions["s001-q2"], bank.rubrics["s001-q2"]
    (root / "bank").mkdir(parents=True)
    (root / "rubrics").mkdir()
    for i in range(count):
        qid = f"gen-{i:05d}"
        (root / "bank" / f"{qid}.toml").write_text(question_text(question.model_copy(update={"id": qid, "material": ""})), encoding="utf-8")
        (root / "rubrics" / f"{qid}.toml").write_text(rubric_text(rubric.model_copy(update={"question": qid})), encoding="utf-8")


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "big"
        generate(root, count)
        db = Path(tmp) / "drill.db"
        first = timed(lambda: Store(db, roots=[root]).close())
        store = Store(db, roots=[root])
        unchanged = timed(store.sync_bank)
        target = root / "rubrics" / "gen-00042.toml"
        target.write_text(target.read_text(encoding="utf-8").replace("partial_credit = 0.5", "partial_credit = 0.6"), encoding="utf-8")
        one = timed(store.sync_bank)
        assert len(store.question_ids()) == count and not store.problems
        stat_only = timed(lambda: bank_files([root]))
    print(
        f"{2 * count} bank files: first build {first:.2f} s; sync, nothing changed {unchanged:.3f} s; "
        f"sync, one rubric changed {one:.2f} s; baseline (list and stat the files) {stat_only:.3f} s"
    )


if __name__ == "__main__":
    main()
