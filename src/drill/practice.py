"""Practising a question: the one path from an answer to a stored, marked attempt.

The CLI's `drill score` (one answer or a batch) and the TUI's submit all store attempts
through `keep`, and mark one answer through `submit_answer`, so they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from drill.errors import DrillError, StoreError
from drill.marker import mark_answer
from drill.models import MAX_ANSWER, MAX_SECONDS, Attempt, Mark, Question, Rubric
from drill.text import printable
from drill.store import Store


def keep(store: Store, answer: str, mark: Mark, seconds: int | None, version: str, batch_key: str | None = None) -> Attempt:
    """Store a marked answer as an attempt of the current profile (the progress tables with it);
    with a `batch_key`, the attempt already stored under that key instead, if there is one."""
    return store.save_attempt(answer, mark, seconds, version, batch_key)


def check_answer(answer: str) -> str:
    """An answer as it can be marked: not empty, not longer than MAX_ANSWER characters, and
    without control characters (a paste can carry them; the mark and history show the text)."""
    answer = printable(answer)
    if not answer.strip():
        raise DrillError("作答为空：写下答案后再提交")
    if len(answer) > MAX_ANSWER:
        raise DrillError(f"作答有 {len(answer):,} 个字符；一份作答至多 {MAX_ANSWER:,} 个字符")
    return answer


@dataclass
class Submission:
    """An answer checked and ready to mark: what `mark` needs, read from the store beforehand
    (so that the marking itself may run in another thread)."""

    question_id: str
    answer: str
    seconds: int | None
    question: Question
    rubric: Rubric
    version: str
    material: str

    def mark(self) -> Mark:
        """The mark of the answer (touches no store)."""
        return mark_answer(self.answer, self.question, self.rubric, self.material)


def prepare(store: Store, question_id: str, answer: str, seconds: int | None = None) -> Submission:
    """Check `answer` and the time it took, and read what marking it needs."""
    answer = check_answer(answer)
    if seconds is not None and not 0 <= seconds <= MAX_SECONDS:
        raise DrillError(f"用时：{seconds} 秒不是作答用时（应在 0 到 {MAX_SECONDS:,} 秒之间）")
    question, rubric, version, material = store.marking(question_id)
    return Submission(question_id, answer, seconds, question, rubric, version, material)


def save_mark(store: Store, submission: Submission, mark: Mark) -> Attempt:
    """Store a marked submission as an attempt and drop its draft."""
    try:
        attempt = keep(store, submission.answer, mark, submission.seconds, submission.version)
    except StoreError as exc:
        raise NotSaved(exc.message, mark) from None
    try:
        store.delete_draft(submission.question_id)
    except StoreError:
        pass  # the attempt is kept; the draft stays until the next save of this question
    return attempt


def submit_answer(store: Store, question_id: str, answer: str, seconds: int | None = None, save: bool = True) -> tuple[Mark, Attempt | None]:
    """Mark `answer` to question `question_id`; store it as an attempt (and drop its draft) when `save`."""
    submission = prepare(store, question_id, answer, seconds)
    mark = submission.mark()
    return mark, save_mark(store, submission, mark) if save else None


class NotSaved(StoreError):
    """An answer marked but not stored (`mark` is the mark it got)."""

    def __init__(self, message: str, mark: Mark) -> None:
        super().__init__(message)
        self.mark = mark
