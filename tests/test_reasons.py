"""Every partial or missed 采分点 says why, in the mark's JSON and on screen: 表述相反, 题型不符,
只列关键词, 部分表述 with what is missing, 未涉及 with the nearest stretch of the answer."""

from __future__ import annotations

import json
from contextlib import asynccontextmanager

import pytest

from drill.marker import mark_answer, mark_by_references
from drill.marker.matching import key_clauses
from drill.models import KeyPoint, Question, Rubric
from drill.store import Store
from tests.test_cli import run


@pytest.fixture(scope="module")
def question():
    store = Store(memory=True)
    return store.question("s001-q2"), store.rubric("s001-q2")[0]


@pytest.mark.parametrize(("answer", "point", "reason"), [
    ("一是思想认识到位，理念先进。", "p1", "表述相反：「思想认识到位」说的与要点相反"),
    ("三要加强监管，实现有效联动和全覆盖。", "p3", "题型不符：「要加强监管，实现有效联动和全覆盖」是对策，这一点要的是问题"),
    ("思想认识 理念 放权 接权 监管 全覆盖 服务效率", "p1", "只列关键词："),
    ("二是接权存在接不好和力不足的短板。", "p2", "部分表述：缺「“放权”不够到位和协调」"),
    ("一是天气很好。", "p4", "未涉及：作答里没有相近的表述"),
])
def test_a_point_not_earned_says_why(question, answer: str, point: str, reason: str) -> None:
    mark = mark_answer(answer, *question)
    row = next(p for p in mark.points if p.id == point)
    assert row.status != "hit" and row.reason.startswith(reason), row.reason


def test_numbered_measures_keep_their_modal() -> None:
    # 三要对标先进 is a measure: its 要 numbers it and says so, so it is not the bare words 对标先进.
    store = Store(memory=True)
    mark = mark_answer("一要坚持高位推动。\n三要对标先进。", store.question("s002-q3"), store.rubric("s002-q3")[0])
    row = next(p for p in mark.points if p.id == "p3")
    assert row.status != "hit" and row.reason.startswith("部分表述：缺"), row.reason


def test_a_point_earned_in_full_needs_no_reason(question) -> None:
    mark = mark_answer(question[0].references[0], *question)
    assert all(p.status == "hit" and p.reason == "" for p in mark.points)


def test_reference_only_marks_say_why_too(question) -> None:
    q = question[0]
    mark = mark_by_references("一是思想认识到位，理念先进。\n二是放权不到位。", q.references, 10, q.prompt)
    assert mark.points[0].reason.startswith("表述相反") and all(p.reason for p in mark.points if p.status != "hit")


def test_the_json_mark_and_the_text_report_give_the_reason(tmp_path) -> None:
    answer = tmp_path / "a.txt"
    answer.write_text("一是思想认识到位，理念先进。\n", encoding="utf-8")
    points = {p["id"]: p for p in json.loads(run("score", "s001-q2", str(answer), "--json", "--no-save").stdout)["points"]}
    assert points["p1"]["reason"] == "表述相反：「思想认识到位」说的与要点相反"
    assert "表述相反：「思想认识到位」说的与要点相反" in run("score", "s001-q2", str(answer), "--no-save").stdout


def test_one_graded_answer_is_enough_for_suggestions(question) -> None:
    """The instructor grades one answer: the points they credited that drill gave only part of,
    or nothing, offer the answer's words; an answer given full marks credits every point."""
    from drill.suggest import suggest_synonyms

    q, rubric = question
    answer = "一、干部观念陈旧，改革意识淡薄。\n二、权力下放打折扣，基层承接乏力。\n三、事中事后监管跟不上，存在盲区。"
    mark = mark_answer(answer, q, rubric)
    assert [p.status for p in mark.points[:3]] == ["partial", "miss", "miss"]  # 观念陈旧 is half of p1
    found = suggest_synonyms(q, rubric, [{"answer": answer, "human": 5, "human_points": {"p1": 1, "p2": 1, "p3": 1}}])
    assert [(s.point, s.phrase) for s in found] == [("p1", "干部观念陈旧"), ("p2", "权力下放打折扣，基层承接乏力"), ("p3", "事中事后监管跟不上")]
    partial = "二是接权存在接不好和力不足的短板。"  # half of the point: 放权 is not said
    assert next(p for p in mark_answer(partial, q, rubric).points if p.id == "p2").status == "partial"
    assert [s.point for s in suggest_synonyms(q, rubric, [{"answer": partial, "human": 2, "human_points": {"p2": 1}}])] == ["p2"]
    whole = answer + "\n四、办事效率不高。\n五、网上平台不好用。\n六、部门各自为政，数据不通。"
    not_hit = {p.id for p in mark_answer(whole, q, rubric).points if p.status != "hit"}
    offered = {s.point for s in suggest_synonyms(q, rubric, [{"answer": whole, "human": 10}])}  # full marks, none per point
    assert offered and offered <= not_hit


def test_each_point_shows_where_in_the_material_it_was_to_be_found() -> None:
    shown = json.loads(run("show", "s001-q2", "--json").stdout)
    material = shown["material"]
    sources = {p["id"]: p["source"] for p in shown["rubric"]["points"]}
    assert sources["p1"]["text"] == "思想认识不够到位，理念相对滞后"
    assert sources["p1"]["under"] == ["二、深度解读", "★政府职能转变", "（二）存在问题"]  # the headings it is under
    assert all(material[s["start"]:s["end"]] == s["text"] for s in sources.values() if s)
    assert sum(1 for s in sources.values() if s) >= 5
    # Where a point's clauses are stated apart, its source is where it is stated best, not the
    # longest of the stretches (解放思想 …, not 加强对公平竞争审查 … for 增强服务意识).
    measures = {p["id"]: p["source"] for p in json.loads(run("show", "s000-q2", "--json").stdout)["rubric"]["points"]}
    assert "解放思想" in measures["p1"]["text"] and "并联审批" in measures["p8"]["text"]
    # A measure the material never proposes (压实旗县区责任: neither 旗县区 nor 微腐败 is in it)
    # has no source, though a long sentence there shares some of its words.
    proposed = {p["id"]: p["source"] for p in json.loads(run("show", "s001-q1", "--json").stdout)["rubric"]["points"]}
    assert proposed["p5"] is None
    # The same in `drill show`'s text, under each point: its headings and its words there.
    text = run("show", "s001-q2").stdout
    assert "出处: 二、深度解读 › ★政府职能转变 › （二）存在问题：「服务效率和质量有待提高」" in text
    points = run("show", "s001-q1").stdout.split("【采分点】")[1]
    assert points.count("出处:") == sum(1 for s in proposed.values() if s) and "出处" not in points.split(" p5 ")[1].split(" p6 ")[0]


@asynccontextmanager
async def result_of(answer: str):
    """The result screen of `answer` to 问题2, stored and opened: the app and its pilot."""
    from drill.practice import submit_answer
    from drill.tui.app import make_app
    from tests.conftest import open_result

    store = Store()
    _, attempt = submit_answer(store, "s001-q2", answer)
    app = make_app(store, clock=lambda: 0.0)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_result(pilot, attempt.id)
        yield app, pilot


async def test_the_result_screen_says_why_and_where(tmp_path) -> None:
    from textual.widgets import DataTable, Static

    from tests.conftest import wait_for

    async with result_of("一是思想认识到位，理念先进。\n二是放权不到位，接权能力不足。") as (app, pilot):
        app.screen.query_one("#points", DataTable).move_cursor(row=0)
        await wait_for(pilot, lambda: "为什么" in str(app.screen.query_one("#point-reason", Static).render()), "the reason shown")
        said = str(app.screen.query_one("#point-reason", Static).render())
        # Where: the headings of the material it stands under, and its words there.
        assert said == "为什么：表述相反：「思想认识到位」说的与要点相反\n材料出处：二、深度解读 › ★政府职能转变 › （二）存在问题：「思想认识不够到位，理念相对滞后」"
        # The reference's sentence of that point is marked out beside the answer.
        reference = app.screen.query_one("#reference", Static).render()
        marked = [reference.plain[span.start:span.end] for span in reference.spans]
        assert marked == ["思想认识不够到位，理念相对滞后"]


@pytest.mark.parametrize("mode", ["rubric", "reference"])
def test_every_row_not_earned_in_full_says_why_on_every_graded_answer(mode: str) -> None:
    # Key points, format checks and an essay's parts alike; and a partial is never 未涉及 (it
    # said so when a synonym earned the credit and the point's own words were not stated).
    from tests.conftest import DATA, graded

    store = Store(memory=True)
    lines = graded("seed") + graded("bank") + (DATA / "graded_reference_only.jsonl").read_text(encoding="utf-8").splitlines()
    silent = []
    for line in filter(str.strip, lines):
        item = json.loads(line)
        q = store.question(item["question"])
        if mode == "rubric":
            mark = mark_answer(item["answer"], q, store.rubric(q.id)[0])
        else:
            mark = mark_by_references(item["answer"], q.references, q.points, q.prompt, question_type=q.type)
        silent += [
            (item.get("id"), p.id, p.reason) for p in mark.points
            if p.status != "hit" and (not p.reason or (p.status == "partial" and p.reason.startswith("未涉及")))
        ]
    assert not silent, silent[:5]


def test_two_clauses_that_read_as_one_are_both_named() -> None:
    # 协同 and 联动 are one thesaurus group: the two clauses read as one form (and are compared
    # with the answer once), but the reason names each as the point writes it.
    text = "完善考核机制，加强部门协同，加强部门联动"
    clauses = key_clauses(text)
    assert clauses[1] is clauses[2]
    question = Question(id="t-q1", type="提出对策", points=10, prompt="提出对策", references=[text])
    rubric = Rubric(question="t-q1", points=[KeyPoint(id="p1", text=text, weight=10)])
    row = mark_answer("要完善考核机制。", question, rubric).points[0]
    assert row.status == "partial"
    assert row.reason == "部分表述：缺「加强部门协同」、「加强部门联动」"


async def test_f2_on_the_result_shows_where_in_the_material_a_missed_point_was(tmp_path) -> None:
    from textual.widgets import DataTable

    from drill.tui.widgets.material import MaterialView
    from tests.conftest import wait_for

    async with result_of("一是思想认识不到位，理念比较落后。") as (app, pilot):
        table = app.screen.query_one("#points", DataTable)
        table.move_cursor(row=3)  # p4 服务效率和质量有待提高: missed
        await pilot.press("f2")
        view = app.screen.query_one("#result-material", MaterialView)
        await wait_for(pilot, lambda: view.display and view.hits and view.scroll_y > 0, "the material shown at p4's source")
        (hit,) = view.hits
        assert view.paras[hit.paragraph][hit.start:hit.end] == "服务效率和质量有待提高"
        shown = view.query_one(f"#para-{hit.paragraph}")
        assert view.scroll_y <= shown.virtual_region.y < view.scroll_y + view.size.height  # in view
        assert not app.screen.query_one("#reference-pane").display  # in place of the reference
        # Another missed point: its source instead; a point earned: where it stands.
        table.move_cursor(row=4)
        await wait_for(pilot, lambda: view.paras[view.hits[0].paragraph][view.hits[0].start:view.hits[0].end] == "电子政务服务平台不够健全和运行低效", "p5's source")
        table.move_cursor(row=0)  # p1, earned: where it stands in the material
        await wait_for(pilot, lambda: view.hits and "思想认识不够到位" in view.paras[view.hits[0].paragraph][view.hits[0].start:view.hits[0].end], "p1's place")
        await pilot.press("f2")  # and back to the reference answer
        await wait_for(pilot, lambda: app.screen.query_one("#reference-pane").display and not view.display, "the reference back")
