"""The naive marker the issue compares against, measured on the same graded sets as drill.

A reference point counts when `fuzz.partial_ratio(point, answer) >= 80`; the mark is the
share of points that count. Points are split as drill splits them (`derive_points`).
Run: `python bench/eval_naive_baseline.py FILE.jsonl...`
"""

from __future__ import annotations

import json
import sys

from rapidfuzz import fuzz

from drill.metrics import mean_absolute_error, on_scale, quadratic_weighted_kappa
from drill.marker.derive import derive_points


def naive(answer: str, references: list[str], maximum: float) -> float:
    """The best share of reference points found by partial_ratio ≥ 80, times the marks."""
    best = 0.0
    for reference in references:
        points = derive_points(reference)
        found = sum(fuzz.partial_ratio(p, answer) >= 80 for p in points)
        best = max(best, maximum * found / len(points))
    return best


def main() -> None:
    for name in sys.argv[1:]:
        rows = [json.loads(line) for line in open(name, encoding="utf-8") if line.strip()]
        ours = [naive(r["answer"], r.get("references") or [r["reference"]], r["max"]) / r["max"] * 10 for r in rows]
        human = [r["human"] / r["max"] * 10 for r in rows]
        qwk = quadratic_weighted_kappa([on_scale(x, 10) for x in ours], [on_scale(x, 10) for x in human])
        print(f"{name}: n={len(rows)} naive partial_ratio≥80 marker: MAE {mean_absolute_error(ours, human):.2f}, QWK {qwk:.3f}")


if __name__ == "__main__":
    main()
