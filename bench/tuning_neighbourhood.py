"""Agreement with human marks as each constant of `drill.marker.tuning` moves: where each one
sits on the graded sets, so that a change can be judged by its neighbourhood, not its cell.

    python bench/tuning_neighbourhood.py [NAME ...]

For every constant (or those named), QWK on the graded seed set, the graded bank set, LE and
ADS (`../shared/evaldata/`), first at its value, then at the values beside it. Marks are made
in this process, one core, with the constant changed in `drill.marker.tuning`.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from drill.marker import tuning
from drill.evaluation import evaluate
from drill.jsonl import lines_of
from drill.store import Store

REPO = Path(__file__).resolve().parents[1]
SETS = {
    "LE": REPO.parent / "shared" / "evaldata" / "le_train.jsonl",
    "ADS": REPO.parent / "shared" / "evaldata" / "ads_train.jsonl",
}
# The values tried beside each constant's own.
BESIDE = {
    "SOUND_PENALTY": [3.0, 10.0],
    "CLASH_FACTOR": [0.2, 0.6],
    "BARE_FACTOR": [0.5, 0.85],
    "CANDIDATES": [1, 3],
    "MAX_WINDOW": [1, 3],
    "HEADLINE_SHARE_OF_TWO": [0.7, 0.9],
    "HEADLINE_SHARE": [0.6, 0.8],
    "CREDIT_FROM": [50.0, 70.0],
    "CREDIT_FULL": [90.0, 100.0],
    "STATEMENT": [6, 12],
    "COVER_FULL": [0.4, 0.6],
    "VERDICT_HEAD": [8, 24],
    "SHORT_LINE": [20, 40],
    "TITLE_MAX": [15, 35],
    "LENGTH_PARTIAL": [0.7, 0.9],
}


def figures(store: Store, lines: dict[str, list[str]]) -> str:
    """QWK / MAE on every set."""
    out = []
    for name, rows in lines.items():
        result = evaluate(rows, store, workers=1)
        out.append(f"{name} {result.qwk:.3f}/{result.mae:.2f}")
    return "  ".join(out)


def main(names: list[str]) -> None:
    store = Store(memory=True)
    from drill import paths
    from drill.bank.graded import graded_questions, graded_set

    roots = [paths.bundled_root()]
    seed = ["s001-q2", "s001-q1"]
    lines = {"seed": graded_set(roots, seed), "bank": graded_set(roots, [q for q in graded_questions(roots) if q not in seed])}
    lines |= {name: lines_of(path.read_text(encoding="utf-8")) for name, path in SETS.items() if path.exists()}
    started = time.perf_counter()
    print(f"as shipped: {figures(store, lines)}   (QWK/MAE per set)")
    for name in names or list(BESIDE):
        own = getattr(tuning, name)
        for value in BESIDE[name]:
            setattr(tuning, name, value)
            try:
                print(f"{name} {own} → {value}: {figures(store, lines)}")
            finally:
                setattr(tuning, name, own)
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main(sys.argv[1:])
