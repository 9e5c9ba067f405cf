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

from drill.authoring import planned_text
from drill.bank import parse_model, rubric_text, write_atomic
from drill.errors import DrillError
from drill.matching import answer_windows, best_matches, key_clauses
from drill.models import Question, Rubric, format_points
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


def graded_records(lines: list[str]) -> list[dict]:
    """The graded answers that read as JSON objects (`drill eval` names the others)."""
    records = []
    for line in lines:
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            records.append(record)
    return records


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
    relative = f"rubrics/{question_id}.toml"
    write_atomic(target_rubric, planned_text([target], relative, rubric_text(rubric.model_copy(update={"points": points})), Rubric))
    return target_rubric


def add_graded(roots: list[Path], target: Path, question_id: str, answer: str, human: float, human_points: dict[str, float] | None = None) -> Path:
    """Add an answer the instructor marked by hand to the question's graded answers under `target`.

    The file (`rubrics/ID.graded.jsonl`) gets one line; one that so far lives only in another
    bank root is copied first. Returns the file written.
    """
    if not answer.strip():
        raise DrillError("a graded answer needs the answer's text")
    path = target / "rubrics" / f"{question_id}.graded.jsonl"
    current = graded_file(roots, question_id)
    text = current.read_text(encoding="utf-8") if current is not None else ""
    if text and not text.endswith("\n"):
        text += "\n"
    taken = {str(record.get("id")) for record in graded_records(text.splitlines())}  # a bad line is kept, not lost
    number = len(text.splitlines()) + 1
    while f"g{number}" in taken:
        number += 1
    record: dict = {"id": f"g{number}", "answer": answer, "human": human}
    if human_points:
        record["human_points"] = human_points
    write_atomic(path, text + json.dumps(record, ensure_ascii=False) + "\n")
    return path


@dataclass
class Grading:
    """What the instructor gave: the answer, its mark and the per-point marks given."""

    answer: str
    human: float
    points: dict[str, float]


def read_grading(answer: str, mark: str, points: dict[str, str], weights: dict[str, float], maximum: float) -> Grading:
    """Check what was typed; `ValueError` names the field that is wrong."""
    if not answer.strip():
        raise ValueError("作答: 不能为空")
    given: dict[str, float] = {}
    for pid, text in points.items():
        if text.strip():
            if text.strip() not in ("0", "0.5", "1"):
                raise ValueError(f"{pid}: 只能是 0、0.5 或 1（得到 {text.strip()!r}）")
            given[pid] = float(text)
    if mark.strip():
        try:
            human = float(mark)
        except ValueError:
            raise ValueError(f"人工得分: {mark.strip()!r} 不是数") from None
        if not 0 <= human <= maximum:
            raise ValueError(f"人工得分: 须在 0 到 {format_points(maximum)} 之间（得到 {mark.strip()}）")
    elif given and len(given) == len(weights):
        human = round(sum(weights[pid] * share for pid, share in given.items()), 2)
    else:
        raise ValueError("人工得分: 填写总分，或给每个采分点打分")
    return Grading(answer, human, given)
