"""Practising a question: the one path from an answer to a stored, marked attempt.

The CLI's `drill score` and the TUI's submit both call `submit_answer`, so they agree.
"""

from __future__ import annotations

from drill.models import Attempt, Mark
from drill.scoring import mark_answer
from drill.store import Store


def submit_answer(store: Store, question_id: str, answer: str, seconds: int | None = None, save: bool = True) -> tuple[Mark, Attempt | None]:
    """Mark `answer` to question `question_id`; store it as an attempt (and drop its draft) when `save`."""
    question, rubric, version, material = store.marking(question_id)
    mark = mark_answer(answer, question, rubric, material)
    if not save:
        return mark, None
    attempt = store.save_attempt(answer, mark, seconds, version)
    store.delete_draft(question_id)
    return mark, attempt
