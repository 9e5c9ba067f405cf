"""The marker: the cases a human marker would check, on the bundled seed questions."""

from __future__ import annotations

import itertools

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drill import paths
from drill.bank import load_bank
from drill.text import to_simplified
from drill.marker import mark_answer
from drill.models import KeyPoint, Question, Rubric
from tests.conftest import answer

BANK = load_bank([paths.bundled_root()])
Q1, Q2 = BANK.questions["s001-q1"], BANK.questions["s001-q2"]
R1, R2 = BANK.rubrics["s001-q1"], BANK.rubrics["s001-q2"]


def mark2(text: str):
    return mark_answer(text, Q2, R2)


def statuses(mark) -> dict[str, str]:
    return {p.id: p.status for p in mark.points}


def test_the_reference_answer_gets_full_marks() -> None:
    mark = mark2(answer("q2_reference.txt"))
    assert (mark.score, mark.max) == (10, 10)
    assert mark_answer(answer("q1_reference.txt"), Q1, R1).score == 10


def test_an_empty_answer_gets_nothing() -> None:
    mark = mark2("")
    assert mark.score == 0 and mark.word_count == 0
    assert all(p.status == "miss" and p.evidence is None for p in mark.points)


def test_four_of_six_points_in_other_words_get_about_six_or_seven() -> None:
    mark = mark2(answer("q2_four_points.txt"))
    assert 6 <= mark.score <= 7
    assert statuses(mark) == {"p1": "hit", "p2": "hit", "p3": "hit", "p4": "hit", "p5": "miss", "p6": "miss"}


def test_order_and_numbering_do_not_matter() -> None:
    assert mark2(answer("q2_four_points_reordered.txt")).score == mark2(answer("q2_four_points.txt")).score


def test_traditional_script_gets_the_same_mark() -> None:
    assert mark2(answer("q2_traditional.txt")).score == mark2(answer("q2_four_points.txt")).score


def test_opposite_statements_earn_nothing() -> None:
    mark = mark2(answer("q2_opposite.txt"))
    assert mark.score == 0, statuses(mark)


def test_countermeasures_to_a_problems_question_earn_little() -> None:
    assert mark2(answer("q2_countermeasures.txt")).score <= 2


def test_a_bare_keyword_list_earns_little() -> None:
    assert mark2(answer("q2_keywords.txt")).score <= 2


def test_typing_slips_are_credited_when_the_meaning_is_clear() -> None:
    mark = mark2(answer("q2_slips.txt"))
    assert statuses(mark)["p1"] == "hit"
    assert statuses(mark)["p4"] in {"hit", "partial"}


def test_half_a_point_earns_part_of_it() -> None:
    mark = mark_answer("二是要以自我革命精神推进数字政府建设。", Q1, R1)
    p2 = next(p for p in mark.points if p.id == "p2")
    assert p2.status in {"hit", "partial"} and 0 < p2.credit <= p2.weight


def test_a_paraphrased_answer_to_the_countermeasures_question() -> None:
    mark = mark_answer(answer("q1_paraphrase.txt"), Q1, R1)
    assert statuses(mark)["p1"] == statuses(mark)["p2"] == statuses(mark)["p3"] == "hit"
    assert statuses(mark)["p4"] == statuses(mark)["p5"] == "miss"
    assert mark.score == 6


def test_evidence_points_at_the_words_in_the_original_answer() -> None:
    text = answer("q2_traditional.txt")
    mark = mark2(text)
    for point in mark.points:
        if point.evidence:
            assert text[point.evidence.start : point.evidence.end] == point.evidence.text
    p3 = next(p for p in mark.points if p.id == "p3")
    assert p3.evidence.text.startswith("監管沒有實現全覆蓋")


def test_going_over_a_hard_limit_costs_points_and_says_why() -> None:
    text = answer("q2_reference.txt") * 2  # 258 characters against 200
    mark = mark2(text)
    (deduction,) = mark.deductions
    assert deduction.points == 3
    assert "258字" in deduction.reason and "200字" in deduction.reason
    assert mark.score == 7


def test_an_about_limit_tolerates_ten_percent() -> None:
    base = answer("q1_reference.txt")  # 337 characters
    assert mark_answer(base + "一" * 100, Q1, R1).deductions == []  # 437 ≤ 440
    over = mark_answer(base + "一" * 150, Q1, R1)  # 487: 47 over 440
    assert [d.points for d in over.deductions] == [2]


def test_marking_is_deterministic() -> None:
    text = answer("q2_four_points.txt")
    assert mark2(text) == mark2(text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(answer("q2_reference.txt").splitlines() + ["服务效率不高", "监管已实现全覆盖", "，", "要加强"]), max_size=8), st.text(max_size=40))
def test_a_mark_is_always_between_zero_and_max(lines: list[str], noise: str) -> None:
    mark = mark2("\n".join(lines) + noise)
    assert 0 <= mark.score <= mark.max
    assert all(0 <= p.credit <= p.weight for p in mark.points)


@settings(max_examples=30, deadline=None)
@given(st.permutations(answer("q2_four_points.txt").splitlines()))
def test_reordering_points_does_not_change_the_mark(lines: list[str]) -> None:
    assert mark2("\n".join(lines)).score == mark2(answer("q2_four_points.txt")).score


@pytest.mark.parametrize("name", ["q2_reference.txt", "q2_four_points.txt", "q2_slips.txt", "q2_opposite.txt"])
def test_simplified_and_traditional_versions_score_alike(name: str) -> None:
    text = answer(name)
    traditional = opencc.OpenCC("s2t").convert(text)
    assert traditional != text
    assert mark2(traditional).score == mark2(text).score == mark2(to_simplified(traditional)).score


def test_marks_stay_right_after_the_clause_caches_turn_over() -> None:
    # A bank bigger than the clause caches (8,192 phrasings; 420 questions of 20 here), marked
    # in one process as rescore or --batch does: a question marked again after thousands of
    # other phrasings must mark the same, not fail looking its clauses up (KeyError, before
    # clauses were interned weakly).
    texts = (f"加强第{n}号监管，完善第{n}号服务" for n in itertools.count())
    questions = []
    for n in range(420):
        points = [KeyPoint(id=f"p{i}", text=next(texts), weight=1) for i in range(20)]
        question = Question(id=f"t-q{n}", type="提出对策", points=20, prompt="提出对策", references=["、".join(p.text for p in points)])
        questions.append((question, Rubric(question=question.id, points=points)))
    first, rubric = questions[0]
    said = "要" + "；要".join(p.text for p in rubric.points[:10]) + "。"
    before = mark_answer(said, first, rubric)
    for question, other in questions[1:]:
        mark_answer("要加强监管。", question, other)
    assert mark_answer(said, first, rubric) == before
    assert before.points[0].status == "hit"


_FEW = st.text(alphabet="放权不彻底一是", min_size=0, max_size=30)


@given(_FEW.filter(bool), _FEW, _FEW)
def test_a_clause_said_word_for_word_aligns_where_partial_ratio_does(needle: str, before: str, after: str) -> None:
    # `_align` skips rapidfuzz when the clause stands in the window once: it must give what
    # rapidfuzz gives, score and stretch (and leave a clause standing there twice to it).
    from rapidfuzz import fuzz

    from drill.marker.matching import _align

    hay = before + needle + after
    found = fuzz.partial_ratio_alignment(needle, hay)
    assert _align(needle, hay) == (found.score, found.dest_start, found.dest_end)
