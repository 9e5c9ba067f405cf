"""Progress: weak points and the SM-2 practise-next queue, on attempts made for the test."""

from __future__ import annotations

from datetime import datetime, timedelta

from drill.models import Attempt, Mark, PointMark, Question
from drill.progress import due_text, score_series, weak_points
from drill.scheduling import grade, review
from drill.store.database import Scored
from drill.store import Store
from tests.conftest import BUNDLED, best_scores, rebuild_progress

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


def stored(store: Store, question_id: str, score: float, days_ago: float) -> None:
    """An attempt made `days_ago` days before NOW, stored as drill stores them."""
    made = attempt(0, question_id, score, days_ago)
    store.db.execute(
        "INSERT INTO attempts (user, question, answer, score, max, word_count, seconds, created, rubric_version, mark)"
        " VALUES ('default', ?, '', ?, 10, 10, 60, ?, 'v', ?)",
        [question_id, score, made.created, made.mark.model_dump_json()],
    )


def test_the_queue_puts_new_then_overdue_then_weakest_first(store: Store) -> None:
    new, due_weak, due_strong, later = BUNDLED[:4]
    for question_id, score, days_ago in ((due_weak, 3, 5), (due_strong, 9, 5), (later, 10, 0.1)):
        stored(store, question_id, score, days_ago)
    rebuild_progress(store)
    queue = store.queue(limit=len(BUNDLED))
    practised = [d.question for d in queue if d.due is not None]
    assert queue[0].question == new and practised == [due_weak, due_strong, later]
    texts = {d.question: due_text(d, NOW) for d in queue}
    assert texts[new] == "新题" and texts[due_weak] == texts[due_strong] == "现在" and texts[later] == "1天后"
    assert store.queue()[0].question == new


def test_progress_follows_each_attempt_as_it_is_saved(store: Store) -> None:
    """The table the queue reads is kept by save_attempt and agrees with SM-2 over the history."""
    from drill.practice import submit_answer

    reference = store.question("s001-q2").references[0]
    submit_answer(store, "s001-q2", reference)
    submit_answer(store, "s001-q2", "不知道")
    (due, interval), best = review(list(store.iter_attempts("s001-q2"))[::-1]), best_scores(store)["s001-q2"]
    item, kept_best = store.progress(["s001-q2"])["s001-q2"]
    assert kept_best == best == 10 and item.interval_days == interval == 1
    assert abs((item.due - due).total_seconds()) < 1 and item.last_share == 0
    assert store.queue(limit=len(BUNDLED))[-1].question == "s001-q2"  # every question never tried comes first


def test_weak_points_are_the_points_missed_most() -> None:
    history = [attempt(1, "a", 5, 1, "hmm"), attempt(2, "a", 5, 0, "hpm"), attempt(3, "b", 5, 0, "hhh")]
    weak = weak_points((a.question, p.id, p.text, p.status) for a in history for p in a.mark.points)
    assert [(w.question, w.point, w.missed, w.attempts) for w in weak] == [("a", "p3", 2.0, 2), ("a", "p2", 1.5, 2)]


def test_score_series_by_question_and_by_type() -> None:
    history = [attempt(1, "a", 5, 3), attempt(2, "b", 10, 2), attempt(3, "a", 8, 1)]
    types = {"a": "归纳概括", "b": "提出对策"}
    scored = [Scored(a.id, a.question, types[a.question], a.created, a.score, a.max) for a in history]
    assert score_series(scored) == {"a": [(1, 50.0), (3, 80.0)], "b": [(2, 100.0)]}
    assert score_series(scored, by="type") == {"归纳概括": [(1, 50.0), (3, 80.0)], "提出对策": [(2, 100.0)]}
    assert score_series(scored[1:], first=2) == {"a": [(3, 80.0)], "b": [(2, 100.0)]}  # the last two of three
    assert score_series(scored, most=1) == {"a": [(1, 50.0), (3, 80.0)], "其他题": [(2, 100.0)]}  # the most practised kept


def test_the_store_reads_only_the_recent_attempts_for_charts_and_weak_points(store: Store) -> None:
    for days_ago, statuses in ((3, "mmm"), (2, "hhm"), (1, "hhh")):
        stored(store, "s001-q2", 5, days_ago)
        store.db.execute(
            "UPDATE attempts SET mark = ? WHERE id = (SELECT max(id) FROM attempts)",
            [attempt(0, "s001-q2", 5, days_ago, statuses).mark.model_dump_json()],
        )
    rebuild_progress(store)
    total, recent = store.recent_scores(2)
    assert total == 3 and [r.created for r in recent] == sorted(r.created for r in recent) and len(recent) == 2
    assert recent[0].type == store.question("s001-q2").type
    weak = weak_points(store.recent_points(2))
    assert [(w.point, w.missed, w.attempts) for w in weak] == [("p3", 1.0, 2)]  # the oldest attempt, all missed, is not read
