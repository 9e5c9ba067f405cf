"""The verdict an answer to a 判断题 opens with."""

from __future__ import annotations

import pytest

from drill.marker.verdict import FALSE, TRUE, is_judgement, verdict, verdict_span


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("错误。栈底元素可以删除", FALSE),
        ("这种叙述是错误的，因为……", FALSE),
        ("答：此说法不正确，", FALSE),
        ("不对，出栈顺序可以是132", FALSE),
        ("不一定，可以边进边出", FALSE),
        ("否。因为", FALSE),
        ("錯誤，棧底元素可以刪除", FALSE),
        ("正确。栈是后进先出的", TRUE),
        ("叙述正确，栈的特点是先进后出", TRUE),
        ("这个说法是对的。", TRUE),
        ("是的，", TRUE),
        ("栈底元素是最先插入的元素，最后才能删除", None),
        ("栈FILO，当栈中有多个元素时", None),
        ("", None),
    ],
)
def test_the_verdict_is_read_from_the_first_clause(text: str, expected: str | None) -> None:
    assert verdict(text) == expected


def test_the_span_covers_the_first_clause_in_the_original_text() -> None:
    text = "  答：这种叙述是错误的，栈底元素可以删除。"
    found, start, end = verdict_span(text)
    assert (found, text[start:end]) == (FALSE, "这种叙述是错误的")


@pytest.mark.parametrize(
    ("question", "judged"),
    [("请判断以下叙述是否正确，并做出解释：栈底元素是不能删除的元素", True), ("判断下列说法", True), ("栈底元素能否删除？", False)],
)
def test_judgement_questions_are_told_apart(question: str, judged: bool) -> None:
    assert is_judgement(question) is judged
