"""Progress: weak points and the SM-2 practise-next queue, on attempts made for the test."""

from __future__ import annotations

from datetime import datetime, timedelta

from drill.models import Attempt, Mark, PointMark, Question
from drill.progress import due_text, grade, practise_queue, review, weak_points

NOW = datetime.fromisoformat("2026-11-21T12:00:00+08:00")


def attempt(n: int, question: str, score: float, days_ago: float, statuses: str = "hhm") -> Attempt:
    points = [PointMark(id=f"p{i + 1}", text=f"要点{i + 1}", weight=1, status={"h": "hit", "p": "partial", "m": "miss"}[s], credit=0) for i, s in enumerate(statuses)]
    mark = Mark(question=question, score=score, max=10, word_count=10, points=points)
    created = (NOW - timedelta(days=days_ago)).isoformat(timespec="seconds")
    return Attempt(id=n, question=question, answer="", score=score, max=10, word_count=10, created=created, mark=mark)


def question(qid: str) -> Question:
    return Question(id=qid, type="归纳概括", points=10, prompt="p")


def test_grades_follow_the_share_of_the_marks() -> None:
    assert [grade(attempt(1, "a", s, 0)) for s in (0, 4.9, 5, 8.4, 10)] == [0, 2, 3, 5, 5]


def test_sm2_intervals_grow_while_answers_stay_good_and_start_over_after_a_bad_one() -> None:
    good = [attempt(i, "a", 9, 30 - i) for i in range(3)]
    assert review(good[:1])[1] == 1 and review(good[:2])[1] == 6 and review(good)[1] > 6
    assert review(good + [attempt(9, "a", 2, 1)])[1] == 1


def test_the_queue_puts_new_then_overdue_then_weakest_first() -> None:
    qs = [question(q) for q in ("new", "due-weak", "due-strong", "later")]
    history = [
        attempt(1, "due-weak", 3, 5),
        attempt(2, "due-strong", 9, 5),
        attempt(3, "later", 10, 0.1),
    ]
    order = [d.question for d in practise_queue(qs, history, NOW)]
    assert order == ["new", "due-weak", "due-strong", "later"]
    texts = {d.question: due_text(d, NOW) for d in practise_queue(qs, history, NOW)}
    assert texts == {"new": "新题", "due-weak": "现在", "due-strong": "现在", "later": "1天后"}


def test_weak_points_are_the_points_missed_most() -> None:
    history = [attempt(1, "a", 5, 1, "hmm"), attempt(2, "a", 5, 0, "hpm"), attempt(3, "b", 5, 0, "hhh")]
    weak = weak_points(history)
    assert [(w.question, w.point, w.missed, w.attempts) for w in weak] == [("a", "p3", 2.0, 2), ("a", "p2", 1.5, 2)]


def test_score_series_by_question_and_by_type() -> None:
    history = [attempt(1, "a", 5, 3), attempt(2, "b", 10, 2), attempt(3, "a", 8, 1)]
    types = {"a": "归纳概括", "b": "提出对策"}
    from drill.progress import score_series

    assert score_series(history, types) == {"a": [(1, 50.0), (3, 80.0)], "b": [(2, 100.0)]}
    assert score_series(history, types, by="type") == {"归纳概括": [(1, 50.0), (3, 80.0)], "提出对策": [(2, 100.0)]}
