"""Graded answers: what an instructor marked by hand, kept beside a rubric.

`rubrics/<id>.graded.jsonl` holds one `{"id", "answer", "human", "human_points"?}` a line
(`human_points`: `{"p1": 1, "p2": 0.5, …}` or a list in rubric order). `drill eval
--question ID` (or `--all`), the rubric test and the editor mark them and compare;
`add_graded` adds one and `read_grading` checks what the instructor typed in the grading
dialog. The bundled questions ship with the answers we graded by hand before drill marked them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from drill.bank.files import admissible, decode_text, read_file, write_atomic
from drill.errors import DrillError
from drill.jsonl import json_lines, lines_of
from drill.numbers import format_points


def graded_file(roots: list[Path], question_id: str) -> Path | None:
    """The graded answers of a question, from the last bank root that has them."""
    present = [path for root in roots if (path := root / "rubrics" / f"{question_id}.graded.jsonl").is_file() and admissible(path, root) is None]
    return present[-1] if present else None


def graded_questions(roots: list[Path]) -> list[str]:
    """Every question that has graded answers in some bank root, by id."""
    suffix = ".graded.jsonl"
    found = {path.name[: -len(suffix)] for root in roots if (root / "rubrics").is_dir() for path in (root / "rubrics").glob(f"*{suffix}")}
    return sorted(qid for qid in found if graded_file(roots, qid) is not None)


def graded_files(roots: list[Path], question_ids: list[str]) -> list[tuple[str, Path]]:
    """Each question's graded-answers file (the last bank root's: an instructor's own file
    takes the place of the bundled one); `DrillError` naming those that have none."""
    files = [(qid, graded_file(roots, qid)) for qid in question_ids]
    missing = [qid for qid, path in files if path is None]
    if missing:
        raise DrillError(f"eval：{'、'.join(missing)} 还没有人工评过分的答案（应在 rubrics/ID.graded.jsonl）")
    return files


def graded_set(roots: list[Path], question_ids: list[str]) -> list[str]:
    """The graded answers of these questions, as `drill eval` lines, one file after another."""
    return [line for qid, path in graded_files(roots, question_ids) for line in graded_lines(path, qid)]


MAX_GRADED_BYTES = 64_000_000  # thousands of marked answers; more is not a graded file


def graded_text(path: Path) -> str:
    """The text of a graded-answers file (`BankFileError` when it is not one to read)."""
    return decode_text(read_file(path, MAX_GRADED_BYTES), path)


def graded_lines(path: Path, question_id: str) -> list[str]:
    """The file's lines as `drill eval` lines of this question (a bad line as it is: eval names it)."""
    out = []
    for line in lines_of(graded_text(path)):
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):  # eval names the line and why
            record = None
        if isinstance(record, dict):
            record["question"] = question_id
            out.append(json.dumps(record, ensure_ascii=False))
        else:
            out.append(line)
    return out


def graded_records(lines: list[str]) -> list[dict]:
    """The graded answers that read as JSON objects (`drill eval` names the others)."""
    return [record for _, record in json_lines(lines) if isinstance(record, dict)]


def graded_answers(lines: list[str]) -> dict[str, str]:
    """Each graded answer's text by its id, as the rubric test and the editor list them."""
    return {str(record.get("id")): str(record.get("answer", "")) for record in graded_records(lines)}


def add_graded(roots: list[Path], target: Path, question_id: str, answer: str, human: float, human_points: dict[str, float] | None = None) -> Path:
    """Add an answer the instructor marked by hand to the question's graded answers under `target`.

    The file (`rubrics/ID.graded.jsonl`) gets one line; one that so far lives only in another
    bank root is copied first. Returns the file written.
    """
    if not answer.strip():
        raise DrillError("人工评分的作答不能是空的")
    path = target / "rubrics" / f"{question_id}.graded.jsonl"
    current = graded_file(roots, question_id)
    text = graded_text(current) if current is not None else ""
    if text and not text.endswith("\n"):
        text += "\n"
    lines = lines_of(text)
    taken = {str(record.get("id")) for record in graded_records(lines)}  # a bad line is kept, not lost
    number = len(lines) + 1
    while f"g{number}" in taken:
        number += 1
    record: dict = {"id": f"g{number}", "answer": answer, "human": human}
    if human_points:
        record["human_points"] = human_points
    write_atomic(path, text + json.dumps(record, ensure_ascii=False) + "\n", within=target)
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
