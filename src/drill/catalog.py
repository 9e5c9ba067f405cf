"""Finding questions: the home list's filter, shared by the TUI and tests."""

from __future__ import annotations

from drill.models import Attempt, Question
from drill.normalize import to_simplified


def question_haystack(question: Question) -> str:
    """The text a filter looks in: id, 题型, source, tags and prompt, lower-cased."""
    return " ".join([question.id, question.type, question.source, " ".join(question.tags), question.prompt]).lower()


def filter_questions(questions: list[Question], query: str) -> list[Question]:
    """The questions containing every word of `query` (Traditional or Simplified, any case)."""
    words = to_simplified(query).lower().split()
    if not words:
        return list(questions)
    return [q for q in questions if all(word in question_haystack(q) for word in words)]


def filter_attempts(attempts: list[Attempt], query: str, types: dict[str, str]) -> list[Attempt]:
    """The attempts whose question id, 题型 or date (2026-11-21, 2026-11) contain every word of `query`."""
    words = to_simplified(query).lower().split()
    return [a for a in attempts if all(w in f"{a.question} {types.get(a.question, '')} {a.created[:10]}".lower() for w in words)]
