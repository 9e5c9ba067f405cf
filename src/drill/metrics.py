"""Agreement between drill's marks and a human marker's: what `drill eval` reports."""

from __future__ import annotations

import math
from collections.abc import Sequence

SCALE = 10


def on_scale(mark: float, maximum: float) -> int:
    """A mark as whole points of a 10-point scale (half up), for kappa and the within-one share."""
    if maximum <= 0:
        return 0
    return int(math.floor(mark / maximum * SCALE + 0.5))


def mean_absolute_error(ours: Sequence[float], theirs: Sequence[float]) -> float:
    """The mean of |ours − theirs|."""
    return sum(abs(a - b) for a, b in zip(ours, theirs)) / len(ours) if ours else 0.0


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's r; 0 when either side does not vary."""
    n = len(xs)
    if n < 2:
        return 0.0
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0


def quadratic_weighted_kappa(ours: Sequence[int], theirs: Sequence[int], low: int = 0, high: int = SCALE) -> float:
    """Cohen's kappa with quadratic weights on integer marks in [low, high]."""
    k = high - low + 1
    n = len(ours)
    if n == 0:
        return 0.0
    observed = [[0.0] * k for _ in range(k)]
    for a, b in zip(ours, theirs):
        observed[min(max(a, low), high) - low][min(max(b, low), high) - low] += 1
    row = [sum(r) for r in observed]
    col = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            weight = (i - j) ** 2 / (k - 1) ** 2
            num += weight * observed[i][j]
            den += weight * row[i] * col[j] / n
    return 1.0 - num / den if den else 1.0


def within(ours: Sequence[int], theirs: Sequence[int], distance: int = 1) -> float:
    """The share of marks no more than `distance` apart."""
    return sum(abs(a - b) <= distance for a, b in zip(ours, theirs)) / len(ours) if ours else 0.0


def precision_recall(ours: Sequence[float], theirs: Sequence[float]) -> tuple[float, float]:
    """Point-level precision and recall of credit: a point counts as credited when its share is > 0."""
    both = sum(1 for a, b in zip(ours, theirs) if a > 0 and b > 0)
    given = sum(1 for a in ours if a > 0)
    earned = sum(1 for b in theirs if b > 0)
    return (both / given if given else 1.0), (both / earned if earned else 1.0)
