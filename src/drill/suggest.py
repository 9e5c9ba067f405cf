"""Graded answers kept beside a rubric, and synonyms they suggest.

An instructor keeps answers they marked by hand in `rubrics/<id>.graded.jsonl` (one
`{"answer", "human", "human_points"?}` a line). `drill eval --question ID` measures the rubric
against them; `suggest_synonyms` offers, for each key point the instructor credited in full
but drill missed, the words of the answer that come closest to it: the phrasing to add as a
synonym.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from drill.bank import parse_model, rubric_text
from drill.errors import DrillError
from drill.matching import answer_windows, best_matches, key_clauses
from drill.models import Question, Rubric
from drill.scoring import mark_answer


def graded_file(roots: list[Path], question_id: str) -> Path | None:
    """The graded answers of a question, from the last bank root that has them."""
    found = [root / "rubrics" / f"{question_id}.graded.jsonl" for root in roots]
    present = [p for p in found if p.is_file()]
    return present[-1] if present else None


def graded_lines(path: Path, question_id: str) -> list[str]:
    """The file's lines as `drill eval` lines of this question."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            out.append(line)  # eval names the bad line
            continue
        if isinstance(record, dict):
            record["question"] = question_id
            out.append(json.dumps(record, ensure_ascii=False))
        else:
            out.append(line)
    return out


@dataclass(frozen=True)
class Suggestion:
    """Words of credited answers that would make drill credit a point too."""

    point: str
    phrase: str
    answers: int


def suggest_synonyms(question: Question, rubric: Rubric, graded: list[dict], material: str = "") -> list[Suggestion]:
    """For points the human credited and drill missed, the closest words of those answers."""
    counts: Counter[tuple[str, str]] = Counter()
    for record in graded:
        answer = record.get("answer", "")
        human = record.get("human_points")
        if not isinstance(answer, str) or not isinstance(human, (dict, list)):
            continue
        mark = mark_answer(answer, question, rubric, material)
        given = human if isinstance(human, dict) else {p.id: v for p, v in zip(rubric.points, human)}
        windows = answer_windows(answer)
        for point, result in zip(rubric.points, mark.points):
            # Only points the human credited in full: a synonym makes the point a hit.
            if float(given.get(point.id, 0)) < 1 or result.status != "miss":
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


def add_synonym(roots: list[Path], target: Path, question_id: str, point_id: str, phrase: str) -> Path:
    """Add `phrase` to a key point's synonyms in the rubric file under bank root `target`.

    A question that is not yet in `target` (a bundled one, say) is copied there first, with
    its rubric and material, so the instructor's version takes its place. Returns the rubric
    file written.
    """
    target_rubric = target / "rubrics" / f"{question_id}.toml"
    if not target_rubric.exists():
        source = next((root for root in reversed(roots) if (root / "rubrics" / f"{question_id}.toml").exists()), None)
        if source is None:
            raise DrillError(f"no rubric file for {question_id}")
        question = parse_model(source / "bank" / f"{question_id}.toml", Question)
        material_file = source / "bank" / "materials" / f"{question.material}.md"
        for path in (source / "bank" / f"{question_id}.toml", source / "rubrics" / f"{question_id}.toml", material_file):
            if path.exists():
                copy = target / path.relative_to(source)
                copy.parent.mkdir(parents=True, exist_ok=True)
                if not copy.exists():
                    shutil.copyfile(path, copy)
    rubric = parse_model(target_rubric, Rubric)
    points = []
    for point in rubric.points:
        if point.id == point_id and phrase not in point.synonyms:
            point = point.model_copy(update={"synonyms": [*point.synonyms, phrase]})
        points.append(point)
    if all(p.id != point_id for p in points):
        raise DrillError(f"{target_rubric}: no key point {point_id!r}")
    target_rubric.write_text(rubric_text(rubric.model_copy(update={"points": points})), encoding="utf-8")
    return target_rubric
