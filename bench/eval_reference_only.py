"""Reference-only marking measured on our own graded 申论 answers: each answer marked from its
question's prompt and 参考作答 alone (as a question without a hand-written rubric is), beside
the mark we gave it. Prints `drill eval`'s figures per set, and the hostile answers (opposite,
wrong 题型, keyword lists, another question's answer, irrelevant) that are more than 1.5
points (of 10) from ours. Run: `python bench/eval_reference_only.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

from drill.evaluation import as_reference_only, evaluate
from drill.store import Store

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
SETS = ("graded_seed.jsonl", "graded_bank.jsonl", "graded_reference_only.jsonl")
HOSTILE = ("opposite", "wrong-type", "keywords", "irrelevant", "other-question")


def main() -> None:
    bank = Store(memory=True)
    for name in SETS:
        cases = {json.loads(line)["id"]: json.loads(line).get("case") for line in (DATA / name).read_text(encoding="utf-8").splitlines()}
        result = evaluate(as_reference_only((DATA / name).read_text(encoding="utf-8").splitlines(), bank), bank)
        hostile = [row for row in result.rows if cases.get(row.id) in HOSTILE]
        off = [f"{row.id} ({cases[row.id]}): {row.ours:g} / {row.human:g}" for row in hostile if abs(row.ours - row.human) > 1.5]
        print(f"{name}: n = {result.n}, MAE {result.mae:.2f}, QWK {result.qwk:.3f}, within one {result.within_one:.0%}; "
              f"hostile answers {len(hostile)}, more than 1.5 off: {len(off)}" + (f" ({'; '.join(off)})" if off else ""))


if __name__ == "__main__":
    main()
