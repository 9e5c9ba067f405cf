"""Synonyms that graded answers suggest for a rubric.

For each key point an instructor credited in full in a graded answer (`drill.bank.graded`)
but drill did not (missed, or gave part of), even in one answer, `suggest_synonyms` offers the words of the answer that come closest to it:
the phrasing to add as a synonym (`drill.bank.authoring.add_synonym` adds it).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from drill.marker import mark_answer
from drill.marker.matching import answer_windows, best_matches, key_clauses
from drill.models import Question, Rubric


@dataclass(frozen=True)
class Suggestion:
    """Words of credited answers that would make drill credit a point too."""

    point: str
    phrase: str
    answers: int


def suggest_synonyms(question: Question, rubric: Rubric | None, graded: list[dict], material: str = "") -> list[Suggestion]:
    """For points the human credited and drill missed, the closest words of those answers
    (none for a question without a rubric yet: it has no points to add words to)."""
    if rubric is None:
        return []
    counts: Counter[tuple[str, str]] = Counter()
    for record in graded:
        answer = record.get("answer", "")
        human = record.get("human_points")
        if not isinstance(answer, str):
            continue
        if not isinstance(human, (dict, list)):
            # No marks per point: an answer given full marks credits every point.
            total = record.get("human")
            if not isinstance(total, (int, float)) or isinstance(total, bool) or total < question.points:
                continue
            human = {p.id: 1 for p in rubric.points}
        mark = mark_answer(answer, question, rubric, material)
        given = human if isinstance(human, dict) else {p.id: v for p, v in zip(rubric.points, human)}
        windows = answer_windows(answer)
        for point, result in zip(rubric.points, mark.points):
            # Points the human credited in full that drill did not: a synonym makes them hits.
            try:
                credited = float(given.get(point.id, 0)) >= 1
            except (TypeError, ValueError):
                credited = False
            if not credited or result.status == "hit":
                continue
            clauses = list(key_clauses(point.text))
            best = best_matches(clauses, windows)
            scored = [(score, window) for score, window in best.values() if window is not None]
            if scored:
                _, window = max(scored, key=lambda sw: (sw[0], -sw[1].start))
                phrase = answer[window.start : window.end].strip()
                if phrase and phrase not in point.synonyms and phrase != point.text:
                    counts[(point.id, phrase)] += 1
    return [Suggestion(p, phrase, n) for (p, phrase), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
