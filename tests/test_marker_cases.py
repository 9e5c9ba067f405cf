"""The cases a careful human marker handles, each on a small rubric written for the test."""

from __future__ import annotations

import json

import pytest

from drill.batch import bank_for, mark_all, read_items
from drill.evaluation import evaluate
from drill.models import KeyPoint, Question, Rubric
from drill.marker import mark_answer
from drill.marker.deductions import copied_share
from drill.store import Store
from drill.marker.thesaurus import groups
from tests.conftest import REPO, graded

QUESTION = Question(id="t-q1", type="归纳概括", points=2, word_limit=200, limit_kind="max", prompt="概括存在的问题。200字，2分。")


def one_point(text: str, *synonyms: str, **rules) -> Rubric:
    return Rubric(question="t-q1", points=[KeyPoint(id="p1", weight=2, text=text, synonyms=list(synonyms))], **rules)


def status(answer: str, rubric: Rubric) -> str:
    return mark_answer(answer, QUESTION, rubric).points[0].status


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("信息共享存在障碍", "部门之间存在数据壁垒。"),
        ("理念相对滞后", "一是观念陈旧。"),
        ("服务效率和质量有待提高", "服务效率和质量偏低。"),
        ("基层承接能力不足", "基层接不住。"),
    ],
)
def test_thesaurus_phrasings_are_read_as_one(point: str, answer: str) -> None:
    assert status(answer, one_point(point)) == "hit"


def test_homophone_slips_inside_a_phrasing_are_read_through() -> None:
    assert status("理念相对置后。", one_point("理念相对滞后")) == "hit"
    assert status("思想认识不够到味。", one_point("思想认识不够到位")) == "hit"


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("监管没有实现全覆盖", "监管已经实现全覆盖。"),
        ("监管存在短板", "监管不存在短板。"),
        ("监管仍是短板，没有实现有效联动", "监管不再是短板，实现了有效联动。"),
        ("信息共享存在障碍", "信息共享没有障碍。"),
        ("固定资产投资增速居全国前列", "固定资产投资增速下滑。"),
        ("形成了评估整改的工作闭环", "评估整改流于形式。"),
        ("压实旗县区责任", "不必压实旗县区责任。"),
        ("服务效率和质量有待提高", "服务效率和质量大幅提高。"),
        ("企业办事难", "企业办事不难。"),
        ("思想认识不到位", "思想认识没有问题。"),
        ("监管存在短板", "监管方面不存在什么问题。"),
    ],
)
def test_an_opposite_statement_earns_nothing(point: str, answer: str) -> None:
    assert status(answer, one_point(point)) == "miss"


def test_the_same_words_as_a_measure_do_not_state_a_problem() -> None:
    rubric = one_point("信息孤岛现象突出")
    assert status("信息孤岛现象突出。", rubric) == "hit"
    assert status("要打破信息孤岛。", rubric) == "miss"


def test_a_bare_keyword_does_not_state_a_measure() -> None:
    rubric = one_point("要强化政治监督")
    assert status("强化政治监督。", rubric) == "hit"
    assert status("政治监督。", rubric) == "miss"


def test_a_headline_states_the_point_and_the_rest_alone_states_it_in_part() -> None:
    rubric = one_point("思想认识不够到位，理念相对滞后")
    assert status("思想认识不到位。", rubric) == "hit"
    assert status("理念相对滞后。", rubric) == "partial"
    assert status("理念先进。", rubric) == "miss"
    # Of three clauses, one stated alone, the headline or another, is half the point.
    three = one_point("打造政策体系供给矩阵，政策迭代升级，加大企业政策扶持")
    assert status("一是政策不断迭代升级。", three) == "partial"


def test_a_different_subject_with_the_same_predicate_is_not_the_point() -> None:
    assert status("思想认识不到位。", one_point("放权不到位")) == "miss"


def test_copying_the_material_is_measured_and_costs_what_the_rubric_says() -> None:
    material = "一是思想认识不够到位，理念相对滞后。思想是行动的先导。放管服改革是一场自上而下的深刻变革。"
    copied = "思想是行动的先导。放管服改革是一场自上而下的深刻变革。"
    assert copied_share(copied, material) == 1.0
    assert copied_share("思想认识不到位，要加强学习。", material) == 0.0
    free = mark_answer(copied, QUESTION, one_point("思想是行动的先导"), material)
    assert free.copied == 1.0 and free.deductions == []
    costly = mark_answer(copied, QUESTION, one_point("思想是行动的先导", copy_points=1, copy_threshold=0.5), material)
    (deduction,) = costly.deductions
    assert deduction.points == 1 and "照抄材料" in deduction.reason and "100%" in deduction.reason
    assert costly.score == 1


def test_no_thesaurus_phrasing_belongs_to_two_groups() -> None:
    """A phrasing in two groups would be read as either head, depending on the order of the file."""
    seen: dict[str, str] = {}
    for group in groups():
        for phrase in group:
            assert phrase not in seen, f"{phrase} is in the groups of {seen[phrase]} and {group[0]}"
            seen[phrase] = group[0]


def test_the_graded_seed_set_meets_its_targets(store: Store) -> None:
    result = evaluate(graded("seed"), store)
    assert result.n >= 40 and not result.errors
    assert result.mae <= 1.0
    assert result.qwk >= 0.85


def test_the_graded_seed_set_covers_every_case() -> None:
    cases = {json.loads(line)["case"] for line in graded("seed")}
    assert cases >= {"paraphrase", "partial", "opposite", "wrong type", "keywords", "copied", "traditional", "slips", "empty", "over-length"}


LE = REPO.parent / "shared" / "evaldata" / "le_train.jsonl"


@pytest.mark.skipif(not LE.is_file(), reason="shared/evaldata is not beside this checkout")
def test_reference_only_marking_on_the_public_le_set(store: Store) -> None:
    result = evaluate(LE.read_text(encoding="utf-8").splitlines(), store)
    assert result.n == 409
    assert result.qwk >= 0.85


def test_batch_lines_with_a_question_use_its_rubric(store: Store) -> None:
    prepared, items = bank_for(read_items([json.dumps({"answer": "", "question": "s001-q2"})]), store)
    assert [m.max for m in mark_all(items, prepared)] == [10]


def test_paths_in_this_file_exist() -> None:
    assert all((REPO / "rubrics" / f"{qid}.graded.jsonl").is_file() for qid in ("s001-q1", "s001-q2"))


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("历史欠账较多，遗留问题解决难度较大", "历史遗留问题已经全部解决。"),
        ("数据壁垒仍未打通", "数据壁垒已被打通。"),
    ],
)
def test_a_problem_said_to_be_solved_is_not_the_problem(point: str, answer: str) -> None:
    assert status(answer, one_point(point)) == "miss"


def test_one_thing_done_at_the_cost_of_another_is_a_problem() -> None:
    rubric = one_point("重政策制定、轻政策落实")
    assert status("存在重政策制定轻政策落实的问题。", rubric) == "hit"
    assert status("政策制定和政策落实都很扎实。", rubric) == "miss"
    # 重视 … 减轻 is not 重 … 轻.
    assert status("要重视群众诉求，减轻基层负担。", one_point("重视群众诉求，减轻基层负担")) == "hit"


def test_a_problem_said_not_to_exist_is_not_the_problem() -> None:
    rubric = one_point("监管质量亟待提高")
    assert status("监管质量亟待提高。", rubric) == "hit"
    assert status("不存在监管质量亟待提高的情况。", rubric) == "miss"
    assert status("并无信息孤岛。", one_point("部门之间存在信息孤岛")) == "miss"


def test_as_little_of_a_problem_is_not_as_much_of_it() -> None:
    rubric = one_point("历史欠账较多，遗留问题解决难度较大")
    assert status("历史欠账较多，遗留问题难以解决。", rubric) != "miss"
    assert status("历史欠账很少，遗留问题解决难度很小。", rubric) == "miss"
    assert status("审批要件少。", one_point("审批要件多")) == "miss"


@pytest.mark.parametrize(
    ("point", "answer"),
    [
        ("“官本位”思想严重", "没有部分干部“官本位”思想严重的情况。"),
        ("营商环境助力经济发展的力量增强", "没有营商环境助力经济发展的力量增强。"),
        ("简政放权不彻底、不同步", "简政放权彻底、没有不同步。"),
        ("重招引轻服务", "涉企服务很好，不存在重招引轻服务。"),
        ("以信用为核心的监管体系尚未健全", "以信用为核心的监管体系已经健全，不存在监管质量不高。"),
    ],
)
def test_a_negator_opening_the_clause_denies_all_of_it(point: str, answer: str) -> None:
    assert status(answer, one_point(point)) == "miss"


def test_a_negator_opening_the_clause_still_states_what_it_denies() -> None:
    assert status("监管没有实现全覆盖。", one_point("没有实现全覆盖")) == "hit"
    assert status("很多地方没有解决审批难的问题。", one_point("审批难")) == "hit"  # not solved: the problem stands
    assert status("一些工作人员重审批、轻监管。", one_point("重审批、轻监管")) == "hit"  # one statement across 、


def test_a_question_word_pair_is_not_a_negation() -> None:
    rubric = one_point("营商环境好不好企业最有发言权")
    assert status("营商环境好不好，企业最有发言权。", rubric) == "hit"
    assert status("营商环境好不好，企业没有发言权。", rubric) == "miss"


def test_a_point_said_with_words_between_its_own_is_stated() -> None:
    # 干部…明哲保身: its characters in order, in a clause not three times its length.
    assert status("部分干部选择了明哲保身的做法。", one_point("干部明哲保身")) == "hit"
    assert status("营商环境因此受到了损害。", one_point("损害营商环境")) != "miss"
    # The same characters scattered over a long clause say nothing of it.
    assert status("干部们在会上说明了今年的工作哲学和保障措施以及身边的变化。", one_point("干部明哲保身")) == "miss"


def test_slow_approval_is_a_problem_however_it_is_said() -> None:
    # 审批效率低下 was read as 审批复杂 + 下, a named problem with no negation to set against
    # 审批效率提高; the group's head is now 审批低效, which reads negative.
    assert status("行政审批效率低下。", one_point("行政审批效率进一步提高")) == "miss"
    assert status("行政审批效率低下。", one_point("审批效率低")) != "miss"


@pytest.mark.parametrize(
    ("point", "answer", "opposite"),
    [
        # The subject said once for the sentence (承前省略), the rest of the point two clauses on.
        ("干部怕担责任", "部分干部在和企业打交道的时候，思想上存在着顾虑，害怕承担责任。", "部分干部在和企业打交道的时候，思想上存在着顾虑，从不害怕承担责任。"),
        ("企业办事难", "部分企业反映，在审批环节上，办事难、跑腿多。", "部分企业反映，在审批环节上，办事一点也不难。"),
    ],
)
def test_words_said_once_for_the_sentence_count_for_each_clause(point: str, answer: str, opposite: str) -> None:
    rubric = one_point(point)
    assert status(answer, rubric) == "hit"
    assert status(opposite, rubric) == "miss"  # and stance is still read where the rest is said


def test_a_vague_statement_of_a_problem_is_not_called_its_opposite() -> None:
    # 认识方面有问题 says there is a problem, vaguely: not the opposite of 思想认识不到位.
    row = mark_answer("一是认识方面有问题。", QUESTION, one_point("思想认识不到位")).points[0]
    assert row.status != "hit" and not row.reason.startswith("表述相反"), row.reason


def test_a_quoted_name_is_one_term() -> None:
    # “双随机、一公开” is one name: the point is not cut inside it, nor its reason quoted in halves.
    from drill.marker.matching import clause_texts

    assert clause_texts("创新监管方式，推进“双随机、一公开”和“互联网+监管”") == ("创新监管方式", "推进“双随机一公开”和“互联网+监管”")
    row = mark_answer("一是创新监管方式。", QUESTION, one_point("创新监管方式，推进“双随机、一公开”，加强信用监管")).points[0]
    assert row.reason == "部分表述：缺「推进“双随机一公开”」、「加强信用监管」"
