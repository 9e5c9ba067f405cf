"""Progress: weak points and the FSRS practise-next queue, on attempts made for the test."""

from __future__ import annotations

import errno
from datetime import datetime, timedelta

import pytest

from drill.models import Attempt, Mark, PointMark, Question
from drill.progress import due_text, score_series, weak_points
from fsrs import Rating

from drill.scheduling import Plan, rating, replay, review
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


def test_ratings_follow_the_share_of_the_marks() -> None:
    shares = (0, 4.9, 5, 6.9, 7, 8.9, 9, 10)
    assert [rating(s, 10) for s in shares] == [Rating.Again] * 2 + [Rating.Hard] * 2 + [Rating.Good] * 2 + [Rating.Easy] * 2


def history(*scores: float, days_apart: float = 3) -> list[tuple[float, float, str]]:
    """(score, max, created) of attempts made `days_apart` days apart, the last one at NOW."""
    last = len(scores) - 1
    return [(score, 10.0, (NOW - timedelta(days=days_apart * (last - i))).isoformat()) for i, score in enumerate(scores)]


def test_fsrs_intervals_grow_while_answers_stay_good_and_shrink_after_a_bad_one() -> None:
    good = [replay(history(*[9] * n)).interval_days for n in (1, 2, 3, 4)]
    assert good == sorted(good) and good[0] >= 1 and good[-1] > good[0]
    lapsed = replay(history(9, 9, 9, 2)).interval_days
    assert 1 <= lapsed < good[2]


def test_intervals_never_pass_the_maximum_and_dates_never_overflow() -> None:
    """Fourteen full marks in a row overflowed SM-2's dates (year 7633); a card never goes past
    the maximum interval, a year unless set otherwise."""
    card = replay(history(*[10] * 40, days_apart=400))
    assert card.interval_days <= 365
    assert replay(history(*[10] * 40, days_apart=400), Plan(maximum_interval=30)).interval_days <= 30


def test_an_attempt_dated_before_the_last_one_is_reviewed_then() -> None:
    card = review(None, 9, 10, NOW.isoformat())
    earlier = review(card, 9, 10, (NOW - timedelta(days=5)).isoformat())
    assert earlier.last_review >= card.last_review


def stored(store: Store, question_id: str, score: float, days_ago: float) -> None:
    """An attempt made `days_ago` days before NOW, stored as drill stores them."""
    made = attempt(0, question_id, score, days_ago)
    store.db.execute(
        "INSERT INTO attempts (user, question, answer, score, max, word_count, seconds, created, rubric_version, mark)"
        " VALUES ('default', ?, '', ?, 10, 10, 60, ?, 'v', ?)",
        [question_id, score, made.created, made.mark.model_dump_json()],
    )


def test_the_queue_puts_the_likeliest_forgotten_first_then_new_then_later(store: Store) -> None:
    due_weak, due_strong, later, new = BUNDLED[:4]
    for question_id, score, days_ago in ((due_weak, 3, 30), (due_strong, 9, 30), (later, 10, 0.1)):
        stored(store, question_id, score, days_ago)
    rebuild_progress(store)
    queue = store.queue(limit=len(BUNDLED), now=NOW)
    assert [d.question for d in queue[:3]] == [due_weak, due_strong, new]
    assert queue[0].retrievability < queue[1].retrievability and queue[-1].question == later
    texts = {d.question: due_text(d, NOW) for d in queue}
    assert texts[new] == "新题" and texts[due_weak] == texts[due_strong] == "现在" and texts[later].endswith("天后")
    assert store.queue(now=NOW)[0].question == due_weak


def test_weak_points_lift_their_question_in_the_queue(store: Store) -> None:
    """Two questions as overdue and as well answered: the one whose 采分点 were lost lately comes first."""
    strong, weak = BUNDLED[:2]
    for question_id, statuses in ((strong, "hhh"), (weak, "hmm")):
        made = attempt(0, question_id, 7, 20, statuses)
        store.db.execute(
            "INSERT INTO attempts (user, question, answer, score, max, word_count, seconds, created, rubric_version, mark)"
            " VALUES ('default', ?, '', 7, 10, 10, 60, ?, 'v', ?)", [question_id, made.created, made.mark.model_dump_json()],
        )
    rebuild_progress(store)
    first, second = store.queue(limit=2, now=NOW)
    assert (first.question, second.question) == (weak, strong) and first.weak > second.weak == 0



def test_progress_follows_each_attempt_as_it_is_saved(store: Store) -> None:
    """The table the queue reads is kept by save_attempt, from its current state, and agrees
    with replaying the whole history."""
    from drill.practice import submit_answer

    reference = store.question("s001-q2").references[0]
    submit_answer(store, "s001-q2", reference)
    submit_answer(store, "s001-q2", "不知道")
    kept, kept_best = store.progress(["s001-q2"])["s001-q2"]
    card = replay([(a.score, a.max, a.created) for a in reversed(list(store.iter_attempts("s001-q2")))])
    assert kept_best == best_scores(store)["s001-q2"] == 10 and kept.last_share == 0
    assert abs(kept.due.timestamp() - card.due) < 1 and abs(kept.interval_days - card.interval_days) < 1e-6
    assert kept.interval_days >= 1  # a lapse comes back in a day or more, not in minutes
    assert store.queue(limit=len(BUNDLED))[-1].question == "s001-q2"  # not due yet: after every question never tried


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


def test_saving_an_attempt_does_not_read_the_history(store: Store) -> None:
    """O(1) whatever the count: saving touches the attempt's own rows and its question's
    progress rows, and never queries the attempts table."""
    from drill.practice import submit_answer

    reference = store.question("s001-q2").references[0]
    for _ in range(3):
        submit_answer(store, "s001-q2", reference)
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        submit_answer(store, "s001-q2", reference)
    finally:
        store.db.conn.set_trace_callback(None)
    reads = [s for s in statements if "FROM attempts" in s or "from attempts" in s.lower()]
    assert reads == [] and any("INSERT INTO attempts" in s for s in statements)
    assert store.progress(["s001-q2"])["s001-q2"][0].interval_days <= 365


def test_full_marks_again_and_again_are_always_saved() -> None:
    """Fourteen full marks in a row made SM-2's due date overflow and every later save fail."""
    from click.testing import CliRunner

    from drill.cli import main

    runner = CliRunner()
    reference = Store().question("s001-q2").references[0]
    for _ in range(16):
        result = runner.invoke(main, ["score", "s001-q2", "-"], input=reference)
        assert result.exit_code == 0, result.output
    due, best = Store().progress(["s001-q2"])["s001-q2"]
    assert best == 10 and 1 <= due.interval_days <= 365


def test_drill_config_shows_and_sets_the_scheduler(drill_home) -> None:
    from click.testing import CliRunner

    from drill.cli import main

    runner = CliRunner()
    shown = runner.invoke(main, ["config"])
    assert shown.exit_code == 0 and "desired_retention = 0.9" in shown.output and "maximum_interval = 365" in shown.output
    assert runner.invoke(main, ["config", "maximum_interval", "30"]).exit_code == 0
    assert Store().plan.maximum_interval == 30
    for bad in (["maximum_interval", "abc"], ["maximum_interval", "0"], ["desired_retention", "1.5"], ["nonsense", "1"]):
        result = runner.invoke(main, ["config", *bad])
        assert result.exit_code == 1 and result.output.count("\n") == 1 and "错误：drill config" in result.output
    assert Store().plan.maximum_interval == 30  # a refused value changes nothing
    (drill_home / "settings.toml").write_text("maximum_interval = [1]\n", encoding="utf-8")
    result = runner.invoke(main, ["list"])
    assert result.exit_code == 1 and "settings.toml:1: maximum_interval" in result.output
    (drill_home / "settings.toml").write_text("maximum_interval = 30\n", encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:  # the disk full as the new file is written
        def full(_descriptor: int) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        patch.setattr("drill.paths.os.fsync", full)
        result = runner.invoke(main, ["config", "maximum_interval", "60"])
    assert result.exit_code == 1 and result.output.strip() == f"错误：写不了 {drill_home / 'settings.toml'}：磁盘已满"
    assert sorted(p.name for p in drill_home.iterdir() if "settings" in p.name) == ["settings.toml"]
    assert Store().plan.maximum_interval == 30  # the old file, whole
    for endless in ("1e400", "nan", "-inf"):  # TOML's floats without end: no traceback
        (drill_home / "settings.toml").write_text(f"maximum_interval = {endless}\n", encoding="utf-8")
        result = runner.invoke(main, ["config"])
        assert result.exit_code == 1 and "settings.toml:1: maximum_interval" in result.output and "不在 1 到 3650 之间" in result.output
