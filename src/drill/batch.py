"""Marking many answers: JSON lines in, one result per line out, in order, on every core;
and re-marking a history with the current rubrics.

A line is `{"id", "answer", "question": ID}` (marked with the bank's rubric) or
`{"id", "answer", "reference": TEXT, "references": [TEXT…]?, "max": N?}` (marked against
key points derived from the references; a `question` beside them is only the prompt). A line that cannot be marked gives an error
object naming its line; the other lines are still marked.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from drill.errors import BadLine, DrillError
from drill.jsonl import json_lines, text_field
from drill.bank.check import reference_problem
from drill.marker import mark_answer, mark_by_references
from drill.models import MAX_ANSWER, Mark, Question, Rubric
from drill.store import Store
from drill.store.records import rescore_count, rescore_rows, save_rescored

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
    """What the workers need: `Store.marking` of each question the lines name, each material
    read once and shared by the questions that cite it (`materials`: id → text)."""

    questions: dict[str, tuple[Question, Rubric, str, str]] = field(default_factory=dict)
    materials: dict[str, str] = field(default_factory=dict)

    def add(self, store: Store, question_id: str) -> None:
        """Read a question for marking, if it is not here yet (`UnknownQuestion` if not in the bank)."""
        if question_id not in self.questions:
            self.questions[question_id] = store.marking(question_id, self.materials)


def parse_line(number: int, record: dict) -> Item:
    """Check one JSON line's object; `BadLine` says what is wrong with it, naming the line."""
    answer = record.get("answer")
    if not isinstance(answer, str):
        raise BadLine(number, "answer：缺少，或不是文字")
    answer = text_field(number, "answer", answer, mend=True)
    if len(answer) > MAX_ANSWER:
        raise BadLine(number, f"answer：{len(answer):,} 个字符；一份作答至多 {MAX_ANSWER:,} 个字符")
    line_id = record.get("id", number)
    if isinstance(line_id, str):
        text_field(number, "id", line_id)
    elif isinstance(line_id, bool) or not isinstance(line_id, (int, float)):
        raise BadLine(number, "id：应为文字或数")
    item = Item(line=number, id=line_id, answer=answer, record=record)
    references = record.get("references") or ([record["reference"]] if "reference" in record else [])
    if not references:
        # Without references, `question` names a bank question; with them it is only the prompt.
        if not isinstance(record.get("question"), str):
            raise BadLine(number, "须有 question（题号），或 reference / references（参考答案的文字）")
        item.question = text_field(number, "question", record["question"])
        return item
    if not isinstance(references, list) or not all(isinstance(r, str) and r.strip() for r in references):
        raise BadLine(number, "references：应为非空文字的列表")
    for reference in references:
        text_field(number, "references", reference)
    if isinstance(record.get("question"), str):
        text_field(number, "question", record["question"])
    maximum = record.get("max", 10)
    if isinstance(maximum, bool) or not isinstance(maximum, (int, float)) or not 0 < maximum <= 100:
        raise BadLine(number, f"max：应为大于 0、至多 100 的数（现为 {maximum!r}）")
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
    unknown: dict[str, str] = {}  # a question id found missing once is not looked up again
    checked: list[Item | BadLine] = []
    for item in items:
        if isinstance(item, Item) and item.question:
            if item.question not in unknown:
                try:
                    bank.add(store, item.question)
                except DrillError as exc:
                    unknown[item.question] = exc.message
            if item.question in unknown:
                checked.append(BadLine(item.line, unknown[item.question]))
                continue
        checked.append(item)
    return bank, checked


_bank = Prepared()


def _init(parent: int, bank: Prepared | None = None) -> None:
    """A worker's start: the questions to mark with, and a watch on the drill that started it."""
    global _bank
    if bank is not None:
        _bank = bank
    threading.Thread(target=_end_with, args=(parent,), daemon=True, name="drill-parent-watch").start()


def _end_with(parent: int) -> None:
    """End this worker as soon as its parent is gone (killed with `kill -9`, say): a worker
    whose parent has died is adopted by another process, and its parent id changes. Left
    alone, two such workers lived on for 24 minutes at 112 MB each."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def mark_item(item: Item, bank: Prepared | None = None) -> Mark:
    """Mark one line against its question's rubric or its references."""
    bank = bank or _bank
    if item.question:
        question, rubric, _, material = bank.questions[item.question]
        return mark_answer(item.answer, question, rubric, material)
    prompt, kind = item.record.get("question"), item.record.get("type")
    return mark_by_references(
        item.answer, item.references, item.max, prompt if isinstance(prompt, str) else "", question_type=kind if isinstance(kind, str) else "",
    )


def iter_marks(items: list[Item], bank: Prepared, workers: int | None = None) -> Iterator[Mark]:
    """Mark every item, yielding the marks in order as they are ready; in worker processes
    when there are many."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(items) < PARALLEL_FROM:
        yield from (mark_item(item, bank) for item in items)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(os.getpid(), bank)) as pool:
        yield from pool.map(mark_item, items, chunksize=max(1, min(64, len(items) // (workers * 8))))


def mark_all(items: list[Item], bank: Prepared, workers: int | None = None) -> list[Mark]:
    """Mark every item, in order (see `iter_marks`)."""
    return list(iter_marks(items, bank, workers))


def _mark_chunk(chunk: tuple[list[Item], Prepared]) -> list[Mark]:
    items, bank = chunk
    return [mark_item(item, bank) for item in items]


def mark_pages(pages: Iterator[tuple[list[Item], Prepared]], workers: int) -> Iterator[tuple[list[Item], list[Mark]]]:
    """Mark page after page, in order, each page with the questions it needs: with more than
    one worker, in one pool for the whole run, a page split between the workers and the next
    page marked while the last one is kept."""
    if workers <= 1:
        for items, bank in pages:
            yield items, [mark_item(item, bank) for item in items]
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init, initargs=(os.getpid(),)) as pool:
        ahead: list[tuple[list[Item], list]] = []
        for items, bank in pages:
            size = max(1, -(-len(items) // workers))
            ahead.append((items, [pool.submit(_mark_chunk, (items[i : i + size], bank)) for i in range(0, len(items), size)]))
            if len(ahead) > 1:
                done, futures = ahead.pop(0)
                yield done, [mark for future in futures for mark in future.result()]
        for done, futures in ahead:
            yield done, [mark for future in futures for mark in future.result()]


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


# Attempts re-marked at a time: each page is marked (on every core when there are many) and
# its new marks kept in one short transaction.
RESCORE_PAGE = 1000


def rescore(store: Store, question_id: str | None = None, workers: int | None = None) -> Iterator[Rescored]:
    """Re-mark every profile's attempts (of one question, or all) with the current rubrics,
    a page at a time in question order, on every core when there are many, so that a
    history of any length is never held whole.

    The original mark stays as it was; the new one is kept beside it. Attempts of questions
    no longer in the bank are left alone.
    """
    if question_id:
        store.question(question_id)
    total = rescore_count(store, question_id)
    workers = 1 if total < PARALLEL_FROM else (workers or os.cpu_count() or 1)
    pages = _rescore_pages(store, question_id, set(store.question_ids()))
    for items, marks in mark_pages(pages, workers):
        save_rescored(store, [(item.line, mark, item.record["version"]) for item, mark in zip(items, marks)])
        for item, mark in zip(items, marks):
            yield Rescored(item.line, item.record["user"], item.question, item.record["score"], mark.score)


def _rescore_pages(store: Store, question_id: str | None, known: set[str]) -> Iterator[tuple[list[Item], Prepared]]:
    """The attempts to re-mark, a page at a time, each with the questions it needs (materials
    read once for the whole run)."""
    materials: dict[str, str] = {}
    after: tuple[str, int] | None = None
    while rows := rescore_rows(store, question_id, after, RESCORE_PAGE):
        after = (rows[-1]["question"], rows[-1]["id"])
        bank = Prepared(materials=materials)
        items = []
        for row in rows:
            if row["question"] not in known:
                continue
            bank.add(store, row["question"])
            version = bank.questions[row["question"]][2]
            items.append(Item(line=row["id"], id=row["id"], answer=row["answer"], question=row["question"],
                              record={"user": row["user"], "score": row["score"], "version": version}))
        if items:
            yield items, Prepared(questions=bank.questions, materials={})


# Questions whose references are checked at a time by `drill check`.
CHECK_PAGE = 200


def check_references(store: Store, workers: int | None = None) -> Iterator[str]:
    """Every reference answer of the bank marked against its own rubric, a page of questions
    at a time (on every core for a large bank); yields the problem of each that falls short."""
    total = store.db.execute("SELECT count(*) FROM questions").fetchone()[0]
    workers = 1 if total < PARALLEL_FROM else (workers or os.cpu_count() or 1)
    for items, marks in mark_pages(_reference_pages(store), workers):
        for item, mark in zip(items, marks):
            problem = reference_problem(item.record["file"], item.record["question"], item.record["number"], mark)
            if problem:
                yield problem


def _reference_pages(store: Store) -> Iterator[tuple[list[Item], Prepared]]:
    materials: dict[str, str] = {}
    after = ""
    while ids := store.question_ids_after(after, CHECK_PAGE):
        after = ids[-1]
        bank = Prepared(materials=materials)
        items = []
        for qid in ids:
            bank.add(store, qid)
            question = bank.questions[qid][0]
            file = store.question_file(qid)
            items += [Item(line=n, id=qid, answer=ref, question=qid, record={"file": file, "question": question, "number": n})
                      for n, ref in enumerate(question.references, start=1)]
        yield items, Prepared(questions=bank.questions)
