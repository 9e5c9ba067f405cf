"""Benchmark: `drill score --batch` over 10,000 answers, on every core.

Prints the wall time of the real command (a subprocess, as a user runs it) beside two
baselines measured in the same run: the same marking in one process (`mark_all` with one
worker) and merely reading and writing the JSON lines. Run: `python bench/bench_batch.py [N]`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from drill.batch import bank_for, mark_all, read_items
from drill.store import Store

HERE = Path(__file__).resolve().parent
ANSWERS = sorted((HERE.parent / "tests" / "data" / "answers").glob("*.txt"))
REFERENCE = "库存成本的构成：订货成本、保管成本、缺货成本、进货成本与购买成本、固定成本和变动成本。"


def make_lines(count: int) -> list[str]:
    """`count` lines: bank questions and reference-only answers, each answer a little different."""
    texts = [p.read_text(encoding="utf-8") for p in ANSWERS]
    lines = []
    for i in range(count):
        text = texts[i % len(texts)] + f"（{i}）"
        if i % 4 == 3:
            record = {"id": i, "answer": "订货成本、保管成本和缺货成本" + str(i), "reference": REFERENCE, "max": 10}
        else:
            record = {"id": i, "answer": text, "question": "s001-q2" if "q2" in ANSWERS[i % len(texts)].name else "s001-q1"}
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    lines = make_lines(count)
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "DRILL_HOME": home}
        src = Path(home) / "in.jsonl"
        src.write_text("\n".join(lines) + "\n", encoding="utf-8")
        subprocess.run([sys.executable, "-m", "drill", "list"], env=env, check=True, capture_output=True)  # build the bank first

        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "drill", "score", "--batch", str(src), "--json", "--no-save"], env=env, check=True, capture_output=True)
        batch = time.perf_counter() - start
        assert len(out.stdout.decode().splitlines()) == count

        os.environ["DRILL_HOME"] = home
        store = Store()
        start = time.perf_counter()
        prepared, items = bank_for(read_items(lines), store)
        mark_all(items, prepared, workers=1)
        single = time.perf_counter() - start

        start = time.perf_counter()
        echoed = [json.dumps(json.loads(line), ensure_ascii=False) for line in src.read_text(encoding="utf-8").splitlines()]
        io_only = time.perf_counter() - start
        assert len(echoed) == count
    print(
        f"drill score --batch, {count} answers, {os.cpu_count()} cores: {batch:.1f} s wall "
        f"({count / batch:.0f} answers/s); baselines in the same run: one process {single:.1f} s, "
        f"JSON read+write only {io_only:.2f} s"
    )


if __name__ == "__main__":
    main()
