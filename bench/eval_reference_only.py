"""Reference-only marking measured on our own graded 申论 answers: each answer marked from its
question's prompt and 参考作答 alone (as a question without a hand-written rubric is), beside
the mark we gave it. Prints `drill eval`'s figures per set, and the hostile answers (opposite,
wrong 题型, keyword lists, another question's answer, irrelevant) that are more than 1.5
points (of 10) from ours. Run: `python bench/eval_reference_only.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

from drill import paths
from drill.bank.graded import graded_questions, graded_set
from drill.evaluation import as_reference_only, evaluate
from drill.jsonl import lines_of
from drill.store import Store

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SEED = ["s001-q2", "s001-q1"]
HOSTILE = ("opposite", "wrong-type", "keywords", "irrelevant", "other-question")


def sets() -> dict[str, list[str]]:
    """Our graded answers: those shipped beside the bundled rubrics (the seed questions, and
    every other), and the hand-marked reference-only set in tests/data."""
    roots = [paths.bundled_root()]
    return {
        "seed (rubrics/s001-q*.graded.jsonl)": graded_set(roots, SEED),
        "bank (the other rubrics/*.graded.jsonl)": graded_set(roots, [q for q in graded_questions(roots) if q not in SEED]),
        "graded_reference_only.jsonl": lines_of((DATA / "graded_reference_only.jsonl").read_text(encoding="utf-8")),
    }


def main() -> None:
    bank = Store(memory=True)
    for name, lines in sets().items():
        cases = {json.loads(line)["id"]: json.loads(line).get("case") for line in lines}
        result = evaluate(as_reference_only(lines, bank), bank)
        hostile = [row for row in result.rows if cases.get(row.id) in HOSTILE]
        off = [f"{row.id} ({cases[row.id]}): {row.ours:g} / {row.human:g}" for row in hostile if abs(row.ours - row.human) > 1.5]
        print(f"{name}: n = {result.n}, MAE {result.mae:.2f}, QWK {result.qwk:.3f}, within one {result.within_one:.0%}; "
              f"hostile answers {len(hostile)}, more than 1.5 off: {len(off)}" + (f" ({'; '.join(off)})" if off else ""))


if __name__ == "__main__":
    main()
