"""Marking many answers: JSON lines in, one result per line out, in order, on every core;
and re-marking a history with the current rubrics.

A line is `{"id", "answer", "question": ID}` (marked with the bank's rubric) or
`{"id", "answer", "reference": TEXT, "references": [TEXT…]?, "max": N?}` (marked against
key points derived from the references; a `question` beside them is only the prompt). A line that cannot be marked gives an error
object naming its line; the other lines are still marked.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from drill.errors import BadLine, DrillError
from drill.jsonl import json_lines
from drill.marker import mark_answer, mark_by_references
from drill.models import Mark, Question, Rubric
from drill.store import Store
from drill.store.records import rescore_rows, save_rescored

PARALLEL_FROM = 400  # below this many lines, starting worker processes costs more than it saves


@dataclass
class Item:
    """One line to mark: its number, its id, and what to mark it against."""

    line: int
    id: object
    answer: str
    question: str | None = None
    references: list[str] = field(default_factory=list)
    max: float = 10.0
    record: dict = field(default_factory=dict)


@dataclass
class Prepared:
    """What the workers need: `Store.marking` of each question the lines name."""

    questions: dict[str, tuple[Question, Rubric, str, str]] = field(default_factory=dict)


def parse_line(number: int, record: dict) -> Item:
    """Check one JSON line's object; `BadLine` says what is wrong with it, naming the line."""
    answer = record.get("answer")
    if not isinstance(answer, str):
        raise BadLine(number, "answer: missing or not a string")
    item = Item(line=number, id=record.get("id", number), answer=answer, record=record)
    references = record.get("references") or ([record["reference"]] if "reference" in record else [])
    if not references:
        # Without references, `question` names a bank question; with them it is only the prompt.
        if not isinstance(record.get("question"), str):
            raise BadLine(number, "needs 'question' (a bank id) or 'reference' / 'references' (text)")
        item.question = record["question"]
        return item
    if not isinstance(references, list) or not all(isinstance(r, str) and r.strip() for r in references):
        raise BadLine(number, "references: expected a list of non-empty texts")
    maximum = record.get("max", 10)
    if isinstance(maximum, bool) or not isinstance(maximum, (int, float)) or maximum <= 0:
        raise BadLine(number, f"max: must be a positive number (got {maximum!r})")
    item.references, item.max = references, float(maximum)
    return item


def read_items(lines: Iterable[str]) -> list[Item | BadLine]:
    """Every non-blank line as an `Item`, or the error that stops it from being one."""
    out: list[Item | BadLine] = []
    for number, record in json_lines(list(lines)):
        if isinstance(record, BadLine):
            out.append(record)
            continue
        try:
            out.append(parse_line(number, record))
        except BadLine as exc:
            out.append(exc)
    return out


def bank_for(items: list[Item | BadLine], store: Store) -> tuple[Prepared, list[Item | BadLine]]:
    """Load the questions the lines name; a line naming an unknown question becomes an error."""
    bank = Prepared()
    checked: list[Item | BadLine] = []
    for item in items:
        if isinstance(item, Item) and item.question and item.question not in bank.questions:
            try:
                bank.questions[item.question] = store.marking(item.question)
            except DrillError as exc:
                checked.append(BadLine(item.line, exc.message))
                continue
        checked.append(item)
    return bank, checked


_bank = Prepared()


def _init(bank: Prepared) -> None:
    global _bank
    _bank = bank


def mark_item(item: Item, bank: Prepared | None = None) -> Mark:
    """Mark one line against its question's rubric or its references."""
    bank = bank or _bank
    if item.question:
        question, rubric, _, material = bank.questions[item.question]
        return mark_answer(item.answer, question, rubric, material)
    prompt = item.record.get("question")
    return mark_by_references(item.answer, item.references, item.max, prompt if isinstance(prompt, str) else "")


def mark_all(items: list[Item], bank: Prepared, workers: int | None = None) -> list[Mark]:
    """Mark every item, in order; in worker processes when there are many."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(items) < PARALLEL_FROM:
        return [mark_item(item, bank) for item in items]
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(bank,)) as pool:
        return list(pool.map(mark_item, items, chunksize=max(1, len(items) // (workers * 8))))


def result_json(item: Item, mark: Mark) -> dict:
    """The output object of a marked line: its id and the mark as `drill score --json` gives it."""
    data = {"id": item.id, **mark.model_dump(exclude={"points": {"__all__": {"similarity"}}})}
    if not item.question:
        data.pop("question")
    return data


def error_json(error: BadLine) -> dict:
    """The output object of a line that could not be marked."""
    return {"line": error.line, "error": error.message}


@dataclass(frozen=True)
class Rescored:
    """One attempt re-marked: its original score and the score under the current rubric."""

    attempt: int
    user: str
    question: str
    original: float
    now: float


def rescore(store: Store, question_id: str | None = None) -> list[Rescored]:
    """Re-mark every profile's attempts (of one question, or all) with the current rubrics.

    The original mark stays as it was; the new one is kept beside it. Attempts of questions
    no longer in the bank are left alone.
    """
    if question_id:
        store.question(question_id)
    known = set(store.question_ids())
    prepared: dict[str, tuple] = {}
    done: list[Rescored] = []
    marks = []
    for row in rescore_rows(store, question_id):
        qid = row["question"]
        if qid not in known:
            continue
        if qid not in prepared:
            prepared[qid] = store.marking(qid)
        question, rubric, version, material = prepared[qid]
        mark = mark_answer(row["answer"], question, rubric, material)
        marks.append((row["id"], mark, version))
        done.append(Rescored(row["id"], row["user"], qid, row["score"], mark.score))
    save_rescored(store, marks)
    return done
