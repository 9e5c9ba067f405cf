"""Benchmark: importing 500 real papers (about 2,200 questions, 1,600 给定资料) with one
`drill import`, and re-syncing the bank when nothing changed (targets: under a minute, under 2 s).

The papers are the five corpus papers of tests/data/papers, each made 100 times over with its
own title, prompts and material (a number written into each). Beside the figures, measured in
the same run: parsing the 500 texts alone, and listing and stat-ing the bank files alone.
Run: `python bench/bench_papers.py [PAPERS]`.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from drill.bank.importing.papers import parse_paper
from drill.cli import main as drill
from drill.store import Store
from drill.store.bank_sync import bank_files
from drill.store.papers import papers

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "papers"


def generate(folder: Path, count: int) -> list[Path]:
    """`count` paper files, each a corpus paper with its number in its title, prompts and material."""
    sources = sorted(CORPUS.glob("*.txt"))
    made = []
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        text = text.replace("营商环境", f"营商环境（第{i}套）")
        text = re.sub(r"([（(]\d+分[）)])", rf"（第{i}套）\1", text)
        text = re.sub(r"^(.+)$", rf"\1（第{i}卷）", text, count=1, flags=re.MULTILINE)
        path = folder / f"paper{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        made.append(path)
    return made


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp), count)
        os.environ["DRILL_HOME"] = str(Path(tmp) / "home")
        os.environ["DRILL_BANK"] = str(Path(tmp) / "mine")
        parse_only = timed(lambda: [parse_paper(f.read_text(encoding="utf-8"), f.name) for f in files])
        result = []
        imported = timed(lambda: result.append(CliRunner().invoke(drill, ["import", *map(str, files)], catch_exceptions=False)))
        assert result[0].exit_code == 0, result[0].output
        store = Store()
        found = papers(store)
        questions = sum(len(p.questions) for p in found)
        materials = sum(len(p.materials) for p in found)
        assert len(found) == count + 1 and not store.problems, store.problems[:3]  # the bundled paper too
        store.close()
        unchanged = timed(lambda: Store().close())
        stat_only = timed(lambda: bank_files(Store(sync=False).roots))
    print(
        f"{count} papers ({questions} questions, {materials} 给定资料): one drill import {imported:.1f} s "
        f"(baseline: parsing the texts alone {parse_only:.1f} s); re-sync, nothing changed {unchanged:.2f} s "
        f"(baseline: list and stat the bank files {stat_only:.3f} s)"
    )


if __name__ == "__main__":
    main()
