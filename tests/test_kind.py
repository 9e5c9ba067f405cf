"""An answer of the wrong kind: measures (一要…二要…) to a question that asks what is earn next
to nothing, in rubric and reference-only marking alike (`marker/kind.py`); and the property
that dismissing every measure of a full-mark answer to a 提出对策 leaves at most a fifth."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.eval_negated import negated
from drill.marker import kind, mark_answer, mark_by_references
from drill.marker.kind import asks_for_statements, prescribed, prescribed_share
from drill.store import Store

# Written for these tests: what the question asks (成效 / 现状) stated, and the same words as
# measures. We give the measures 0.5 of 10: drill must be within 1.5 of that.
ANSWERS = {
    "s002-q2": ("一、营商环境对经济的带动作用增强，固定资产投资增速位居全国前列。\n二、营商环境建设水平稳步提升，呼和浩特优化幅度大。\n"
                "三、形成以评促改的工作路径和评估整改闭环。\n四、数字赋能效果明显，数据壁垒打通，审批时间大幅压减。",
                "一要增强营商环境对经济的带动作用，扩大固定资产投资。\n二要提升营商环境建设水平。\n三要坚持以评促改，形成评估整改闭环。\n"
                "四要推进数字赋能，打通数据壁垒，压减审批时间。"),
    "s003-q1": ("一是行政审批效率提高，一枚印章管审批，时限和要件大幅压减。\n二是互联网+政务服务积极推进，网上办事和电子证照应用扩大。\n"
                "三是企业服务持续优化，代办帮办形成品牌。\n四是群众办事满意度提升。",
                "一要提高行政审批效率，压减时限和要件。\n二要推进互联网+政务服务，扩大电子证照应用。\n三要优化企业服务，推行代办帮办。\n四要提升群众满意度。"),
}


@pytest.fixture(scope="module")
def bank() -> Store:
    return Store(memory=True)


def test_a_sentence_written_as_a_measure_is_read_as_one() -> None:
    assert prescribed("一要提升营商环境建设水平。") and prescribed("1. 要加强监管") and prescribed("首先，应当简化审批")
    assert not prescribed("一是营商环境建设水平稳步提升") and not prescribed("要求：不超过200字") and not prescribed("审批要件大幅压减")
    assert prescribed_share("一要甲。二要乙。三是丙。") == pytest.approx(2 / 3)


def test_only_a_summary_of_what_is_asks_for_statements(bank: Store) -> None:
    kinds = {q.id: asks_for_statements(q.type, q.prompt) for q in bank.questions()}
    assert kinds["s002-q2"] and kinds["s003-q1"] and kinds["s004-q1"]  # 成效, 现状, 举措 taken
    assert not kinds["s001-q2"] and not kinds["s003-q3"]  # 问题 and 原因: left to stance
    assert not kinds["s001-q1"] and not kinds["s000-q3"] and not kinds["s002-q3"]  # 对策, an analysis, 启示


@pytest.mark.parametrize("qid", sorted(ANSWERS))
def test_measures_for_what_is_earn_next_to_nothing_in_both_modes(bank: Store, qid: str) -> None:
    question = bank.question(qid)
    rubric, _ = bank.rubric(qid)
    stated, measures = ANSWERS[qid]
    tenth = question.points / 10
    for answer, least, most in ((stated, 5, 10), (measures, 0, 0.5 + 1.5)):
        by_rubric = mark_answer(answer, question, rubric).score / tenth
        by_reference = mark_by_references(answer, question.references, question.points, question.prompt, question_type=question.type).score / tenth
        assert least <= by_rubric <= most and least <= by_reference <= most, (answer[:12], by_rubric, by_reference)
    reasons = {p.reason for p in mark_answer(measures, question, rubric).points if p.credit > 0}
    assert reasons and all(r.startswith("题型不符") for r in reasons)


def test_an_analysis_that_ends_with_a_measure_is_not_held(bank: Store) -> None:
    question = bank.question("s000-q3")
    rubric, _ = bank.rubric("s000-q3")
    answer = "干部把“亲”和“清”对立起来，为了清而不敢亲，明哲保身。应当构建亲清新型政商关系，亲而有度、清而有为。"
    assert all(not p.reason.startswith("题型不符：题目问的是情况") for p in mark_answer(answer, question, rubric).points)


# Every bundled question but the essays: the documents too, whose format earns nothing when
# what they say is the opposite of what they must (formats.held_to_content).
STATEMENT_QUESTIONS = sorted(q.id for q in Store(memory=True).questions() if q.type != "文章写作")


@settings(max_examples=int(__import__("os").environ.get("NEGATED_EXAMPLES", 26)), deadline=None)
@given(qid=st.sampled_from(STATEMENT_QUESTIONS), style=st.integers(0, 2), order=st.randoms(use_true_random=False))
def test_negating_every_clause_of_a_full_mark_answer_leaves_at_most_a_fifth(qid: str, style: int, order) -> None:
    """Problems turned into their opposites (不到位 → 到位, else 不存在 before them), measures
    dismissed (不必 …), statements denied (没有 …): in both modes, at most a fifth."""
    bank = _bank()
    question = bank.question(qid)
    rubric, _ = bank.rubric(qid)
    sentences = [s for s in re.split(r"(?<=[。\n])", question.references[0]) if s.strip()]
    if question.type != "贯彻执行":  # a document's form has its order: title first, signature last
        order.shuffle(sentences)
    full = "".join(sentences)
    assert mark_answer(full, question, rubric).score >= 0.9 * question.points
    answer = negated(full, style)
    assert mark_answer(answer, question, rubric).score <= 0.2 * question.points
    assert mark_by_references(answer, question.references, question.points, question.prompt, question_type=question.type).score <= 0.2 * question.points


_BANK: list[Store] = []


def _bank() -> Store:
    if not _BANK:
        _BANK.append(Store(memory=True))
    return _BANK[0]


async def test_the_result_screen_says_why_and_shows_a_quarter_point_whole(drill_home) -> None:
    """Measures for 成效 on the result screen: each point's credit written whole (0.25/2.5, not
    0.25/2.), and why it was held."""
    from textual.widgets import DataTable, Static

    from drill.practice import submit_answer
    from drill.tui.app import make_app
    from tests.conftest import open_result, wait_for

    store = Store()
    mark, attempt = submit_answer(store, "s002-q2", ANSWERS["s002-q2"][1])
    app = make_app(store, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_result(pilot, attempt.id)
        table = app.screen.query_one("#points", DataTable)
        shown = [str(table.get_row_at(row)[2]) for row in range(table.row_count)]
        column = table.columns[table.ordered_columns[2].key]
        assert all(len(cell) <= column.width for cell in shown) and "0.25/2.5" in shown
        table.move_cursor(row=0)
        await wait_for(pilot, lambda: "题型不符" in str(app.screen.query_one("#point-reason", Static).render()), "the reason")


def _both(bank: Store, qid: str, answer: str) -> tuple[float, float]:
    """The answer's marks of 10, by the rubric and from the references alone."""
    question = bank.question(qid)
    rubric, _ = bank.rubric(qid)
    tenth = question.points / 10
    by_reference = mark_by_references(answer, question.references, question.points, question.prompt, question_type=question.type)
    return mark_answer(answer, question, rubric).score / tenth, by_reference.score / tenth


# Written for these tests, with the marks we give them (of 10).
HOSTILE = [
    # Saying that nothing need be done, to a question that asks what to do: 0.
    ("s000-q2", "一、不必转变观念，干部保持现有管理方式即可。\n二、不需要同步放权，由上级统一掌握。\n三、无需创新监管，沿用传统审批即可。\n四、服务已经很好，没必要再优化。", 0),
    # Approving what the reference finds wrong: 0.
    ("s000-q3", "这种做法值得肯定，干部与企业保持距离能够防止腐败，保证政商关系清白，应当大力提倡。", 0),
    # Bare lists of terms: 0.5.
    ("s002-q2", "固定资产投资、呼和浩特、以评促改、数字赋能、数据壁垒、审批时间", 0.5),
    ("s001-q2", "放权 审批 监管 服务 信息平台 数据共享", 0.5),
]


@pytest.mark.parametrize(("qid", "answer", "ours"), HOSTILE)
def test_arguing_against_the_question_or_listing_terms_earns_next_to_nothing_in_both_modes(bank: Store, qid: str, answer: str, ours: float) -> None:
    by_rubric, by_reference = _both(bank, qid, answer)
    assert abs(by_rubric - ours) <= 1.5 and abs(by_reference - ours) <= 1.5, (by_rubric, by_reference)


def test_the_opposite_appraisal_is_said_and_the_same_appraisal_is_not_held(bank: Store) -> None:
    question = bank.question("s000-q3")
    rubric, _ = bank.rubric("s000-q3")
    opposite = mark_answer(HOSTILE[1][1], question, rubric)
    assert any("评价相反：参考答案认为「不可取」，作答认为「值得肯定」" in text for text in [*opposite.notes, *(d.reason for d in opposite.deductions)])
    agreeing = "这一现象反映了部分干部明哲保身、担当精神不够的问题。他们把亲和清对立起来，为了清而不敢亲，刻意远离企业。"
    mark = mark_answer(agreeing, question, rubric)
    assert not mark.deductions and mark.score >= 0.3 * question.points


def test_a_list_answers_a_reference_that_lists() -> None:
    from drill.marker.kind import keyword_list, listed_share

    assert keyword_list("投资、呼和浩特、以评促改、数字赋能", bare=True)
    assert not keyword_list("材料多、环节多、手续繁、耗时长", bare=True)  # each says something
    assert not keyword_list("进栈次序为3、6、9、12", bare=True) and not keyword_list("利用两个栈 S1 和 S2 来模拟", bare=True)
    reference = "线性结构包括：线性表、栈、队列、串。"
    answer = "线性表、栈、队列、串"
    assert listed_share(answer) == 1.0 and listed_share(reference, bare=False) == 1.0
    assert mark_by_references(answer, [reference], 10, "线性结构包括哪些？").score >= 5


@given(st.lists(st.booleans(), max_size=40))
def test_most_decides_as_the_share_does(passes: list[bool]) -> None:
    # held_to_kind stops reading sentences once the share is decided: the same verdict as the whole share.
    sentences = [str(i) for i in range(len(passes))]
    test = lambda s: passes[int(s)]  # noqa: E731
    assert kind._most(sentences, test) == (kind._share(sentences, test) > kind.PRESCRIBED_SHARE)
