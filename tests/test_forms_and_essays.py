"""Format checks of practical documents (贯彻执行) and band marking of essays (文章写作)."""

from __future__ import annotations

import pytest

from drill.marker.essay import CANNOT_JUDGE, band_ceiling, band_of
from drill.marker.derive import derive_points, reference_rubric
from drill.marker.formats import check_format, form_of
from drill.models import FormatCheck
from drill.marker import mark_answer, mark_by_references
from drill.store import Store

PROPOSAL = """关于共建营商环境的倡议书
全区广大企业朋友们：
营商环境好不好，企业最有发言权。我们倡议：
一、积极反映问题诉求，通过12345热线企业专席反映诉求。
二、主动用好惠企政策。
三、踊跃担任营商环境体验官，参与社会监督。
让我们携起手来，共建共治共享营商环境新格局！
内蒙古自治区民营经济发展促进中心
2023年10月20日"""

CHECKS = [
    FormatCheck(id="f1", check="title", weight=1.5, words=["倡议书"]),
    FormatCheck(id="f2", check="addressee", weight=1.5),
    FormatCheck(id="f3", check="structure", weight=1, min_items=3),
    FormatCheck(id="f4", check="closing", weight=1, words=["让我们"]),
    FormatCheck(id="f5", check="signature", weight=1),
]


def by_id(marks):
    return {m.id: m for m in marks}


def test_a_proposal_in_full_form_passes_every_check_with_the_line_that_shows_it() -> None:
    marks = by_id(check_format(PROPOSAL, CHECKS))
    assert {k: m.status for k, m in marks.items()} == dict.fromkeys(marks, "hit")
    assert marks["f1"].evidence.text == "关于共建营商环境的倡议书"
    assert marks["f2"].evidence.text == "全区广大企业朋友们："
    assert marks["f5"].evidence.text == "内蒙古自治区民营经济发展促进中心\n2023年10月20日"
    assert marks["f1"].text == "格式·标题（含“倡议书”）"


def test_each_missing_part_of_the_form_is_a_missed_row() -> None:
    lines = PROPOSAL.split("\n")
    body_only = "\n".join(lines[2:-2])  # no title, no addressee, no signature
    marks = by_id(check_format(body_only, CHECKS))
    assert {k: m.status for k, m in marks.items()} == {"f1": "miss", "f2": "miss", "f3": "hit", "f4": "hit", "f5": "miss"}
    dateless = by_id(check_format("\n".join(lines[:-1]), CHECKS))
    assert dateless["f5"].status == "partial" and dateless["f5"].credit == 0.5
    two_items = by_id(check_format(PROPOSAL.replace("三、", ""), CHECKS))
    assert two_items["f3"].status == "partial"


def test_a_title_without_the_documents_name_earns_half_and_traditional_script_counts() -> None:
    plain = by_id(check_format("共建营商环境\n" + PROPOSAL.split("\n", 1)[1], CHECKS))
    assert plain["f1"].status == "partial"
    traditional = by_id(check_format("關於共建營商環境的倡議書\n" + PROPOSAL.split("\n", 1)[1], CHECKS))
    assert traditional["f1"].status == "hit"


def test_a_proposal_marks_content_and_form_together(store: Store) -> None:
    question, rubric, _, material = store.marking("s002-q4")
    full = mark_answer(question.references[0], question, rubric, material)
    assert full.score == question.points
    prose = "营商环境需要全社会共同参与。企业要通过12345热线企业专席反映诉求，要用好惠企政策，要积极报名营商环境体验官，要守法诚信经营。"
    mark = mark_answer(prose, question, rubric, material)
    form_rows = [p for p in mark.points if p.id.startswith("f")]
    assert form_rows and all(p.status == "miss" for p in form_rows)
    assert mark.score <= question.points - sum(p.weight for p in form_rows)


OPPOSED = """不必共建营商环境倡议书
全区广大企业朋友们：
营商环境好不好，企业没有发言权。我们倡议：
一、不必反映问题诉求，无需通过12345热线企业专席反映诉求。
二、不必用好惠企政策。
三、没必要担任营商环境体验官，不必参与社会监督。
四、不必坚持诚信守法经营。
让我们携起手来！
内蒙古自治区民营经济发展促进中心
2023年10月20日"""

SHELL = """倡议书
各位朋友：
一、大家要重视营商环境。
二、大家要积极参与。
三、大家要共同努力。
让我们携起手来！
民营经济发展促进中心
2023年10月20日"""


def test_a_document_arguing_against_what_it_must_propose_earns_no_format_marks(store: Store) -> None:
    question = store.question("s002-q4")
    rubric, _ = store.rubric("s002-q4")
    opposed = mark_answer(OPPOSED, question, rubric)
    form = [p for p in opposed.points if p.id.startswith("f")]
    assert form and all(p.credit == 0 and p.status == "miss" for p in form) and form[0].reason.startswith("立场相反")
    assert opposed.score <= 0.2 * question.points
    # A shell with little in it is not opposed: its form keeps its marks (we grade it 7 of 20).
    shell = mark_answer(SHELL, question, rubric)
    assert sum(p.credit for p in shell.points if p.id.startswith("f")) >= 5


def test_a_document_marked_from_its_reference_alone_has_the_form_its_reference_shows(store: Store) -> None:
    question = store.question("s003-q5")
    reference = question.references[0]
    assert [c.check for c in form_of(reference)] == ["title", "structure", "signature"]
    assert form_of(reference)[0].words == ["提纲"]
    points = derive_points(reference, question.prompt, document=True)
    assert not any("汇报提纲" in p or "2023年" in p or "市政府办公室" in p for p in points)
    rubric = reference_rubric(reference, question.points, question.prompt, document=True)
    assert sum(c.weight for c in rubric.format) == pytest.approx(0.2 * question.points)
    assert sum(p.weight for p in rubric.points) + sum(c.weight for c in rubric.format) == pytest.approx(question.points)
    mark = mark_by_references(reference, question.references, question.points, question.prompt, question_type="贯彻执行")
    assert mark.score >= 0.9 * question.points
    assert {p.id for p in mark.points if p.id.startswith("f-")} == {"f-title", "f-structure", "f-signature"}
    # Not a document: the same text's first line is a point like any other.
    assert derive_points(reference, question.prompt)[0] == "关于我市提升政务效能优化营商环境情况的汇报提纲"


@pytest.mark.parametrize(("share", "band"), [(1.0, "一类文"), (0.85, "一类文"), (0.84, "二类文"), (0.7, "二类文"), (0.69, "三类文"), (0.5, "三类文"), (0.49, "四类文"), (0.0, "四类文")])
def test_bands_follow_the_share_of_the_points(share: float, band: str) -> None:
    assert band_of(40 * share, 40) == band


def test_band_ceilings_are_the_top_whole_mark_of_each_band() -> None:
    assert [band_ceiling(b, 40) for b in ("一类文", "二类文", "三类文", "四类文")] == [40, 33, 27, 19]


def test_the_model_essay_is_a_first_class_essay_and_says_what_it_cannot_judge(store: Store) -> None:
    question, rubric, _, material = store.marking("s004-q2")
    mark = mark_answer(question.references[0], question, rubric, material)
    assert mark.score == 40 and mark.band == "一类文" and mark.notes == [CANNOT_JUDGE]
    assert [p.id for p in mark.points][:1] == ["thesis"] and [p.id for p in mark.points][-3:] == ["structure", "material", "length"]
    capped = [p for p in mark.points if p.status == "hit" and p.credit == 0]
    assert sum(p.credit for p in mark.points if p.text.startswith("分论点")) == rubric.essay.weights.subpoints
    assert all("此条不再计分" in p.text for p in capped)


def test_an_essay_in_one_block_is_held_to_the_third_band(store: Store) -> None:
    question, rubric, _, material = store.marking("s004-q2")
    block = "".join(question.references[0].strip().split("\n")[1:])
    mark = mark_answer(block, question, rubric, material)
    assert mark.band == "三类文" and mark.score == band_ceiling("三类文", 40)
    assert any("结构不完整" in d.reason for d in mark.deductions)


def test_a_short_essay_earns_at_most_its_share_of_the_length(store: Store) -> None:
    question, rubric, _, material = store.marking("s000-q4")
    paragraphs = question.references[0].strip().split("\n")
    short = "\n".join(paragraphs[:3] + paragraphs[-1:])
    mark = mark_answer(short, question, rubric, material)
    assert mark.word_count < 0.8 * rubric.essay.min_words
    assert mark.score <= 40 * mark.word_count / rubric.essay.min_words
    assert mark.band in ("三类文", "四类文") and any("字数不足" in d.reason for d in mark.deductions)


def test_an_essay_off_the_theme_is_a_fourth_class_essay(store: Store) -> None:
    question, rubric, _, material = store.marking("s004-q2")
    paragraph = "保护生态环境，要坚持生态优先、绿色发展，加大退耕还林还草力度，推进荒漠化治理，让沙地重新披上绿装，守护好祖国北疆这道亮丽风景线。"
    essay = "守护绿水青山\n" + "\n".join([paragraph] * 9)
    mark = mark_answer(essay, question, rubric, material)
    assert mark.band == "四类文" and mark.score <= band_ceiling("四类文", 40)
    assert next(p for p in mark.points if p.id == "thesis").status == "miss"


def test_an_essay_states_its_length_as_a_range(store: Store) -> None:
    from drill.report import question_report

    question, rubric, _, material = store.marking("s000-q4")
    assert question.requirement_text(rubric.essay.min_words) == "1000～1200字 · 40分"
    assert "1000～1200字" in question_report(question, rubric, material).splitlines()[0]
    assert store.question("s001-q2").requirement_text() == "不超过200字 · 10分"
