"""Results compared as formulas: one formula however it is typed, two when they differ."""

from __future__ import annotations

import pytest

from drill.marker.formulas import formulas, results, where


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("2的n-1次方", ["2^(n-1)"]),
        ("2^（n-1）", ["2^(n-1)"]),
        ("pow(2,n-1)", ["2^(n-1)"]),
        ("2 ^ (n - 1)", ["2^(n-1)"]),
        ("2^n-1", ["2^n-1"]),
        ("2的n次方", ["2^n"]),
        ("（2*n+1）/3", ["(2n+1)/3"]),
        ("n/2 (2n+1)/3", ["n/2", "(2n+1)/3"]),
        ("1.n/2; 2.(2n+1)/3", ["n/2", "(2n+1)/3"]),
        ("平均移动n/2个\n2.插入(2n+1)/3", ["n/2", "(2n+1)/3"]),
        ("0.5n+1", ["0.5n+1"]),
        ("时间复杂度为O（n）", []),
        ("没有公式", []),
    ],
)
def test_formulas_are_read_in_one_form(text: str, found: list[str]) -> None:
    assert formulas(text) == found


def test_results_are_what_the_sentences_arrive_at_not_what_the_question_gives() -> None:
    question = "若概率为(n-i)/(n*(n+1)/2)，平均移动多少个元素？"
    reference = "等概率时为n/2；若概率为(n-i)/(n*(n+1)/2)，则平均移动（2n+1)/3个。由于共有n-1个分支，不影响结果。"
    assert results(reference, question) == ["n/2", "(2n+1)/3"]


def test_where_points_at_the_clause_of_the_answer() -> None:
    answer = "先数分支，共n-1个，所以总数是2的n-1次方。"
    start, end = where("2^(n-1)", answer)
    assert answer[start:end] == "所以总数是2的n-1次方"
    assert where("n/2", answer) is None
