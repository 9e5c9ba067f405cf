"""`drill eval`: how far drill's marks are from a human marker's on answers they graded."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from drill.batch import Item, Prepared, bank_for, mark_all, read_items
from drill.errors import BadLine, DrillError
from drill.metrics import mean_absolute_error, on_scale, pearson, precision_recall, quadratic_weighted_kappa, within
from drill.models import Mark
from drill.store import Store


@dataclass
class Graded:
    """One graded answer: drill's mark beside the human one (both on the 10-point scale)."""

    id: object
    ours: float
    human: float
    mark: Mark
    point_pairs: list[tuple[float, float]] = field(default_factory=list)  # (drill, human) share of each compared point


@dataclass
class Agreement:
    """The figures `drill eval` prints."""

    n: int = 0
    mae: float = 0.0
    pearson: float = 0.0
    qwk: float = 0.0
    within_one: float = 0.0
    point_precision: float | None = None
    point_recall: float | None = None
    points_compared: int = 0
    rows: list[Graded] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> dict:
        """The figures as a JSON-ready dict (without the rows)."""
        return {
            "n": self.n, "mae": round(self.mae, 3), "pearson": round(self.pearson, 3), "qwk": round(self.qwk, 3),
            "within_one": round(self.within_one, 3), "point_precision": _r(self.point_precision),
            "point_recall": _r(self.point_recall), "points_compared": self.points_compared, "errors": self.errors,
        }

    def disagreements(self, count: int = 5) -> list[Graded]:
        """The answers where drill and the human differ most."""
        return sorted(self.rows, key=lambda g: (-abs(g.ours - g.human), str(g.id)))[:count]


def _r(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _share(value: object) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and 0 <= value <= 1


def _human(item: Item) -> tuple[float, dict | list | None]:
    human = item.record.get("human")
    if isinstance(human, bool) or not isinstance(human, (int, float)) or human < 0:
        raise BadLine(item.line, "human：缺少，或不是分数（0 或以上）")
    points = item.record.get("human_points")
    shares = points.values() if isinstance(points, dict) else points if isinstance(points, list) else None
    if points is not None and (shares is None or not all(_share(v) for v in shares)):
        raise BadLine(item.line, "human_points：应为 {采分点编号: 0 / 0.5 / 1} 的对象，或这样的列表")
    return float(human), points


def evaluate(lines: Iterable[str], store: Store | None, workers: int | None = None, bank: Prepared | None = None) -> Agreement:
    """Mark every graded line and measure the agreement with the human marks.

    The lines' questions come from the store, or from `bank` (a rubric being edited, say).
    """
    result = Agreement()
    items = read_items(lines)
    if bank is None:
        bank, items = bank_for(items, store)
    good: list[tuple[Item, float, dict | list | None]] = []
    for item in items:
        if isinstance(item, BadLine):
            result.errors.append(item.message)
            continue
        if item.question and item.question not in bank.questions:
            result.errors.append(f"第 {item.line} 行：题目 {item.question!r} 不是正在评的这道题")
            continue
        try:
            good.append((item, *_human(item)))
        except BadLine as exc:
            result.errors.append(exc.message)
    marks = mark_all([g[0] for g in good], bank, workers)
    for (item, human, points), mark in zip(good, marks):
        if human > mark.max:
            result.errors.append(f"第 {item.line} 行：human：{human:g} 超过了这道题的 {mark.max:g} 分")
            continue
        scale = 10.0 / mark.max
        row = Graded(id=item.id, ours=mark.score * scale, human=human * scale, mark=mark)
        if points is not None:
            ids = [p.id for p in mark.points]
            # Point marks for another scheme (a rubric's p1…p6 where the answer is marked from the
            # reference alone, r1…r5; a list of another length) compare no point; the mark still
            # counts. Some of the scheme's points and one it lacks is a slip: the line is named.
            unknown = [key for key in points if key not in ids] if isinstance(points, dict) else []
            if unknown and len(unknown) < len(points):
                result.errors.append(f"第 {item.line} 行：human_points：没有采分点 {'、'.join(map(str, unknown))}（这道题的：{'、'.join(ids)}）")
                continue
            if isinstance(points, list):
                given = dict(zip(ids, points)) if len(points) == len(ids) else {}
            else:
                given = points
            row.point_pairs = [(p.credit / p.weight, float(given[p.id])) for p in mark.points if p.id in given]
        result.rows.append(row)
    return _figures(result)


def combined(parts: list[tuple[str, Agreement]]) -> Agreement:
    """The agreement over several files' answers at once, each file's problems named with it."""
    result = Agreement()
    for name, part in parts:
        result.rows += part.rows
        result.errors += [f"{name}: {error}" for error in part.errors]
    return _figures(result)


def _figures(result: Agreement) -> Agreement:
    """Fill in the agreement figures from the rows."""
    ours = [g.ours for g in result.rows]
    human = [g.human for g in result.rows]
    result.n = len(result.rows)
    if not result.rows:
        return result
    result.mae = mean_absolute_error(ours, human)
    result.pearson = pearson(ours, human)
    ours10 = [on_scale(g.ours, 10) for g in result.rows]
    human10 = [on_scale(g.human, 10) for g in result.rows]
    result.qwk = quadratic_weighted_kappa(ours10, human10)
    result.within_one = within(ours10, human10)
    pairs = [pair for g in result.rows for pair in g.point_pairs]
    if pairs:
        result.point_precision, result.point_recall = precision_recall([a for a, _ in pairs], [b for _, b in pairs])
        result.points_compared = len(pairs)
    return result


def by_group(result: Agreement, group_of: Callable[[Graded], str]) -> dict[str, Agreement]:
    """The figures for each group of rows (e.g. each 题型), in the order groups first appear."""
    groups: dict[str, Agreement] = {}
    for row in result.rows:
        groups.setdefault(group_of(row), Agreement()).rows.append(row)
    return {name: _figures(agreement) for name, agreement in groups.items()}


def as_reference_only(lines: list[str], store) -> list[str]:
    """Graded lines of bank questions as reference-only lines: each answer to be marked from its
    question's prompt and 参考作答 alone, as a question without a hand-written rubric is. A
    line that does not read, or names no bank question, is kept as it is (`evaluate` names it)."""
    out = []
    for line in lines:
        try:
            row = json.loads(line)
            question = store.question(row["question"])
        except (ValueError, KeyError, TypeError, DrillError):
            out.append(line)
            continue
        out.append(json.dumps({**{k: v for k, v in row.items() if k != "question"}, "question": question.prompt,
                               "references": question.references, "max": question.points, "type": question.type}, ensure_ascii=False))
    return out
