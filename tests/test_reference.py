"""Marking with reference answers only: points derived the way a marker reads a reference."""

from __future__ import annotations

import pytest

from drill.reference import derive_points, mark_by_references, reference_rubric


@pytest.mark.parametrize(
    ("reference", "question", "points"),
    [
        ("库存成本的构成：订货成本、保管成本、缺货成本。", "库存成本的构成有哪些？", ["订货", "保管", "缺货"]),
        ("配送的种类按经营形式分类，分为销售配送、供应配送。", "配送的种类按经营形式分类，分为哪些类型？", ["销售", "供应"]),
        ("进出货作业绩效评估指标——空间利用率", "进出货作业绩效评估指标是指什么？", ["空间利用率"]),
        ("一是思想认识不到位。二是监管存在短板。", "", ["思想认识不到位", "监管存在短板"]),
        ("采用链式存储结构。因为插入删除不需要移动元素。", "宜采用何种存储结构，为什么？", ["采用链式存储结构", "因为插入删除不需要移动元素"]),
    ],
)
def test_points_are_derived_as_a_marker_reads_the_reference(reference: str, question: str, points: list[str]) -> None:
    assert derive_points(reference, question) == points


def test_derived_weights_add_up_to_the_marks() -> None:
    rubric = reference_rubric("库存成本的构成：订货成本、保管成本、缺货成本。", 10, "库存成本的构成有哪些？")
    assert rubric.total == pytest.approx(10)
    assert rubric.credit == "linear"


def test_an_answer_is_marked_by_how_many_items_it_states() -> None:
    reference = "配送的种类按经营形式分类，分为销售配送、供应配送。"
    question = "配送的种类按经营形式分类，分为哪些类型？"
    assert mark_by_references("销售配送、供应配送。", [reference], 10, question).score == 10
    assert mark_by_references("销售配送。", [reference], 10, question).score == 5
    assert mark_by_references("按经营形式分类。", [reference], 10, question).score == 0


def test_with_several_references_the_best_mark_counts() -> None:
    first = "顺序表存储空间连续，支持随机访问。"
    second = "链表不需要连续空间，插入删除方便。"
    answer = "链表不需要连续的空间，插入和删除很方便。"
    both = mark_by_references(answer, [first, second], 10)
    assert both.score == mark_by_references(answer, [second], 10).score
    assert both.score > mark_by_references(answer, [first], 10).score


def test_no_reference_is_an_error() -> None:
    with pytest.raises(ValueError):
        mark_by_references("答案", [], 10)
