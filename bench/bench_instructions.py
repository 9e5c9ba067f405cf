"""Benchmark, in instructions rather than seconds: marking ~1,000-character answers against
every bundled rubric, beside one rapidfuzz partial_ratio per phrasing of the same answers.

Timings on a shared machine move by a tenth from one run to the next; instruction counts do
not (valgrind's callgrind counts the same total for the same code and inputs, whatever else
the machine does). Each workload runs twice under callgrind, with 0 and with ROUNDS answers
per question, and the difference is divided by the answers marked, so start-up, imports and
the first (table-loading) mark count for neither. The answers are those of
`bench_mark.py` (a window of the question's reference repeated, a different one each time).

The ratio here is over all 17 questions at once (total instructions), not the median of
per-question ratios that `bench_mark.py` prints, and instructions are not time: rapidfuzz
does more per instruction than the interpreter does, and the marker's time follows its data
cache misses more closely than its instructions (cachegrind, 2026-12-03: against `98f3bf8`,
0.585 of the instructions, 0.71 of the first-level misses, 0.70 of the time). It answers
"did this change make the marker do less?" without the noise. numpy's BLAS runs one thread
here: an idle pool of them spins, and callgrind counted the spinning (±3% between runs, the
same code). Needs valgrind; takes about five minutes.
Run: `python bench/bench_instructions.py`.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

ROUNDS = 6


def work(kind: str, count: int) -> None:
    """The measured workload: `count` answers per bundled question, marked or baselined."""
    from rapidfuzz import fuzz

    from drill import paths
    from drill.bank import load_bank
    from drill.marker import mark_answer

    bank = load_bank([paths.bundled_root()])
    jobs = []
    for qid, question in sorted(bank.questions.items()):
        rubric = bank.rubrics[qid]
        reference = question.references[0]
        long = reference * (1100 // len(reference) + 2)
        answers = [long[i % len(reference) :][:1000] + str(i) for i in range(count)]
        mark_answer(long[:1000] + "。", question, rubric)  # tables loaded here, the same in both runs
        phrasings = [phrasing for point in rubric.points for phrasing in (point.text, *point.synonyms)]
        jobs += [(answer, question, rubric, phrasings) for answer in answers]
    for answer, question, rubric, phrasings in jobs:
        if kind == "mark":
            mark_answer(answer, question, rubric)
        else:
            [fuzz.partial_ratio(phrasing, answer) for phrasing in phrasings]


def counted(kind: str, count: int) -> int:
    """Instructions callgrind counts for the workload, start-up included."""
    # (one BLAS thread: numpy's idle thread pool otherwise spins, and callgrind counts its spinning)
    env = dict(os.environ, PYTHONHASHSEED="0", OPENBLAS_NUM_THREADS="1")
    run = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__, "--work", kind, str(count)],
        capture_output=True, text=True, env=env, check=True,
    )
    found = re.search(r"Collected : (\d+)", run.stderr)
    if not found:
        raise SystemExit(f"valgrind printed no count:\n{run.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        raise SystemExit("bench_instructions: valgrind is not installed")
    from drill import paths
    from drill.bank import load_bank

    answers = ROUNDS * len(load_bank([paths.bundled_root()]).questions)
    per = {kind: (counted(kind, ROUNDS) - counted(kind, 0)) / answers for kind in ("mark", "base")}
    print(
        f"{answers} answers of ~1,000 字: mark_answer {per['mark'] / 1e6:.2f} M instructions an answer, "
        f"one partial_ratio per phrasing {per['base'] / 1e6:.2f} M: {per['mark'] / per['base']:.2f}× over all questions"
    )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--work"]:
        work(sys.argv[2], int(sys.argv[3]))
    else:
        main()
