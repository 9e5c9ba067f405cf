"""Marking with reference answers only: points derived the way a marker reads a reference."""

from __future__ import annotations

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drill.marker import mark_by_references
from drill.marker.derive import derive_points, reference_rubric


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


# 判断题, results as formulas, explanations in the candidate's own words: the ways the public
# ADS answers (algorithms, explained) are marked by people, each as a case.
JUDGE = "请判断以下叙述是否正确，并做出解释：栈底元素是不能删除的元素"
JUDGE_REFERENCE = "错误。栈中元素可以从栈顶的元素先出栈然后一个一个删除，直到最后删除栈底元素。"


def test_the_right_verdict_is_credited_where_the_answer_states_it() -> None:
    mark = mark_by_references("这种说法是错误的，栈底元素最后也可以被删除。", [JUDGE_REFERENCE], 10, JUDGE)
    verdict_row = mark.points[0]
    assert (verdict_row.text, verdict_row.status, verdict_row.credit) == ("错误", "hit", 5)
    assert verdict_row.evidence is not None and verdict_row.evidence.text == "这种说法是错误的"
    assert mark.score > 5


def test_the_opposite_verdict_earns_nothing_however_close_the_words() -> None:
    copied_words = "正确。栈中元素可以从栈顶的元素先出栈然后一个一个删除，直到最后删除栈底元素。"
    mark = mark_by_references(copied_words, [JUDGE_REFERENCE], 10, JUDGE)
    assert mark.score == 0
    assert mark.points[0].status == "miss"
    assert mark.deductions and "判断相反" in mark.deductions[0].reason and "「正确」" in mark.deductions[0].reason


def test_an_opposite_verdict_with_nothing_else_earned_is_still_explained() -> None:
    mark = mark_by_references("正确，栈底元素永远不能删。", [JUDGE_REFERENCE], 10, JUDGE)
    assert mark.score == 0 and mark.deductions == []
    assert mark.notes == ["判断相反：参考答案判为「错误」，作答判为「正确」"]


def test_the_verdict_is_read_in_traditional_script_too() -> None:
    simplified = mark_by_references("这种说法是错误的，栈底元素最后也可以被删除。", [JUDGE_REFERENCE], 10, JUDGE)
    traditional = mark_by_references("這種說法是錯誤的，棧底元素最後也可以被刪除。", [JUDGE_REFERENCE], 10, JUDGE)
    assert traditional.score == simplified.score


def test_a_question_that_is_not_a_judgement_has_no_verdict_to_read() -> None:
    question = "栈底元素能否删除？"
    answer = "正确。栈中元素可以从栈顶的元素先出栈然后一个一个删除，直到最后删除栈底元素。"
    assert mark_by_references(answer, [JUDGE_REFERENCE], 10, question).deductions == []


TREES = "有n个节点并且高度为n的二叉树的个数是多少?"
TREES_REFERENCE = (
    "对于具有n个节点且高度为n的二叉树，由于每个分支节点都只有一个子节点，这个子节点可以是左子节点也可以是右子节点。"
    "由于分支节点共有n-1个，因此这种树的总数为2^(n-1)种。"
)


@pytest.mark.parametrize("answer", ["2的n-1次方", "2^(n-1)", "2^（n-1）种", "pow(2, n-1)", "答案为 2 ^ (n - 1)"])
def test_the_right_result_alone_gets_full_marks_however_it_is_written(answer: str) -> None:
    mark = mark_by_references(answer, [TREES_REFERENCE], 10, TREES)
    assert mark.score == 10
    assert mark.points[0].evidence is not None and mark.points[0].evidence.text.strip() == answer.strip()


@pytest.mark.parametrize("answer", ["2^n-1", "2n-1", "n-1"])
def test_a_wrong_result_gets_little(answer: str) -> None:
    assert mark_by_references(answer, [TREES_REFERENCE], 10, TREES).score < 2


def test_each_result_of_a_two_part_question_is_half() -> None:
    question = "插入一个元素需要平均移动的元素个数是多少？若概率为(n-i)/(n*(n+1)/2)，又是多少？"
    reference = "等概率前提下，平均移动的元素个数是n/2；若概率为(n-i)/(n*(n+1)/2)，则需要平均移动元素个数（2n+1)/3"
    assert mark_by_references("1.n/2  2.(2*n+1)/3", [reference], 10, question).score == 10
    assert mark_by_references("n/2", [reference], 10, question).score == 5


STRUCTURE = "若频繁地对一个线性表进行插入和删除操作，该线性表宜采用何种存储结构，为什么？"
STRUCTURE_REFERENCE = (
    "在这种情况下，建议采用链式存储结构。由于在顺序表中频繁进行插入和删除操作时，需要移动大量元素，操作耗时较长。"
    "而在链表中，只需修改插入或删除节点的前驱节点，并调整相应的指针即可完成操作，效率更高且操作更加便捷。"
)


def test_an_explanation_in_other_words_earns_most_of_the_marks() -> None:
    answer = "宜采用链表结构。在链表中插入或删除元素时，不需移动其他元素，只改指针，时间效率高。而顺序表插入、删除需大量移动元素，耗时长。"
    mark = mark_by_references(answer, [STRUCTURE_REFERENCE], 10, STRUCTURE)
    assert mark.score >= 6
    statement = mark.points[1]
    assert statement.status == "hit"
    assert statement.evidence is not None and statement.evidence.text == "而顺序表插入、删除需大量移动元素，耗时长。"


def test_a_bare_word_earns_little_against_an_explanation() -> None:
    assert mark_by_references("链表。", [STRUCTURE_REFERENCE], 10, STRUCTURE).score < 1


def test_a_statement_with_almost_nothing_of_its_own_is_not_credited_by_stray_characters() -> None:
    question = "插入一个元素需要平均移动的元素个数是多少？"
    reference = "插入一个元素需要平均移动的元素个数为（2n+1)/3"
    assert mark_by_references("（n+1）/2 个", [reference], 10, question).score == 0


def test_a_short_answer_to_can_it_is_kept_as_a_point() -> None:
    question = "在单链表、双链表中，若仅知道指针p指向某节点，能否将节点*p删去？若可以，其时间复杂度各为多少？"
    points = derive_points("单链表不可以。双链表可以，时间复杂度为O(1)。", question)
    assert points == ["单链表不可以", "双链表可以，时间复杂度为O(1)"]


def test_numbers_in_brackets_are_not_a_list_of_items() -> None:
    assert derive_points("举个例子：数组[ 3, 1, 4, 5, 2 ]。", "举例说明") == ["举个例子：数组[ 3, 1, 4, 5, 2 ]"]


PIECES = [
    "错误。", "正确。", "宜采用链表结构。", "在链表中插入或删除元素时，不需移动其他元素。", "顺序表插入、删除需大量移动元素，耗时长。",
    "2的n-1次方", "2^n-1", "n/2", "（2n+1）/3", "栈底元素最后也可以删除。", "，", "\n", "1.", "（2）",
]
CASES = [(JUDGE, JUDGE_REFERENCE), (TREES, TREES_REFERENCE), (STRUCTURE, STRUCTURE_REFERENCE)]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(CASES), st.lists(st.sampled_from(PIECES), max_size=8), st.text(max_size=30), st.sampled_from([1.0, 5.0, 10.0]))
def test_a_reference_mark_is_always_between_zero_and_max(case: tuple[str, str], pieces: list[str], noise: str, most: float) -> None:
    question, reference = case
    mark = mark_by_references("".join(pieces) + noise, [reference], most, question)
    assert 0 <= mark.score <= most
    assert all(0 <= p.credit <= p.weight + 1e-9 for p in mark.points)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(CASES), st.lists(st.sampled_from(PIECES[2:5] + PIECES[9:10]), min_size=1, max_size=4, unique=True), st.randoms())
def test_reordering_the_sentences_of_an_explanation_does_not_change_its_mark(case: tuple[str, str], sentences: list[str], rng) -> None:
    question, reference = case
    shuffled = sentences[:]
    rng.shuffle(shuffled)
    assert mark_by_references("".join(shuffled), [reference], 10, question).score == mark_by_references("".join(sentences), [reference], 10, question).score


@pytest.mark.parametrize("answer", ["这种说法是错误的，栈底元素最后也可以被删除。", "宜采用链表结构。在链表中插入或删除元素时，不需移动其他元素。", "答案为2的n-1次方"])
def test_traditional_and_simplified_answers_get_the_same_reference_mark(answer: str) -> None:
    traditional = opencc.OpenCC("s2t").convert(answer)
    assert traditional != answer
    for question, reference in CASES:
        assert mark_by_references(traditional, [reference], 10, question).score == mark_by_references(answer, [reference], 10, question).score
