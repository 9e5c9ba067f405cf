"""The editor's core: fields → question and rubric, every problem named, saves that change
only the lines of what changed."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest

from drill.bank import toml_text
from drill.bank.authoring import PointForm, blank_form, build, form_of, save, split_references
from drill.errors import BankFileError
from drill.batch import Prepared
from drill.evaluation import evaluate
from drill.models import Question, Rubric
from drill.store import Store
from drill.bank.graded import add_graded, graded_file, read_grading

from .conftest import BUNDLED


def _form(store: Store, qid: str):
    question = store.question(qid)
    rubric, _ = store.rubric(qid)
    return form_of(question, rubric, store.material_text(question))


def _changed_lines(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def test_every_bundled_question_goes_through_the_editor_unchanged(store: Store, tmp_path: Path) -> None:
    materials = set(store.material_ids())
    for qid in BUNDLED:
        built = build(_form(store, qid), materials)
        assert built.ok, (qid, [str(p) for p in built.problems])
        assert built.question == store.question(qid)
        assert built.rubric == store.rubric(qid)[0]
        # Saved unchanged: nothing is written (a bundled file is not even copied).
        assert save(store.roots, tmp_path, built, _form(store, qid).material_text) == []
    assert not any(tmp_path.rglob("*.toml"))


def test_a_changed_synonym_changes_one_line_and_a_file_saved_again_keeps_its_bytes(store: Store, tmp_path: Path) -> None:
    form = _form(store, "s001-q2")
    form.key_points[2].synonyms += "\n监管盲区多"
    written = save(store.roots, tmp_path, build(form, set(store.material_ids())))
    assert written == [tmp_path / "rubrics" / "s001-q2.toml"]  # the question file is not copied
    bundled = (store.roots[0] / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8")
    saved = written[0].read_text(encoding="utf-8")
    assert _changed_lines(bundled, saved) == ['+    "监管盲区多",']
    # Open the saved file in the editor again and save without a change: the same bytes.
    roots = [*store.roots, tmp_path]
    before = written[0].read_bytes()
    again = build(form, set(store.material_ids()))
    assert save(roots, tmp_path, again) == []
    assert written[0].read_bytes() == before


HAND_RUBRIC = """# 我的评分标准：手写的，有注释
question = "h1"

[[points]]   # 第一点
id = "p1"
weight = 3   # 最重要
text = "服务供给不足"
synonyms = ["站点少", "床位紧张"]

[[points]]
id = "p2"
weight = 3
text = "专业人才短缺"
"""

HAND_QUESTION = """id = "h1"
type = "归纳概括"
points = 6
prompt = "概括问题。"
references = ["一是服务供给不足。二是专业人才短缺。"]  # 一份参考作答
"""


def _hand_bank(tmp_path: Path) -> tuple[Path, Store]:
    root = tmp_path / "own"
    (root / "bank").mkdir(parents=True)
    (root / "rubrics").mkdir()
    (root / "bank" / "h1.toml").write_text(HAND_QUESTION, encoding="utf-8")
    (root / "rubrics" / "h1.toml").write_text(HAND_RUBRIC, encoding="utf-8")
    return root, Store(memory=True, roots=[root])


def test_a_hand_written_file_keeps_its_comments_and_layout_when_one_field_changes(tmp_path: Path) -> None:
    root, store = _hand_bank(tmp_path)
    form = _form(store, "h1")
    form.key_points[1].weight, form.key_points[0].weight = "2", "4"
    assert save(store.roots, root, build(form)) == [root / "rubrics" / "h1.toml"]
    after = (root / "rubrics" / "h1.toml").read_text(encoding="utf-8")
    # Only the two weights changed; comments stay, and defaults the file left out are not written in.
    assert _changed_lines(HAND_RUBRIC, after) == ["-weight = 3   # 最重要", "+weight = 4   # 最重要", "-weight = 3", "+weight = 2"]
    assert "hit_threshold" not in after and "# 我的评分标准" in after
    assert (root / "bank" / "h1.toml").read_text(encoding="utf-8") == HAND_QUESTION
    store.sync_bank()
    assert [p.weight for p in store.rubric("h1")[0].points] == [4, 2]


def test_adding_and_removing_key_points_touches_only_their_tables(tmp_path: Path) -> None:
    root, store = _hand_bank(tmp_path)
    form = _form(store, "h1")
    form.key_points[1].weight = "1"
    form.key_points.append(PointForm("p3", "2", "资金来源单一", "依赖财政补贴"))
    save(store.roots, root, build(form))
    grown = (root / "rubrics" / "h1.toml").read_text(encoding="utf-8")
    assert grown.startswith(HAND_RUBRIC.split("[[points]]\nid = \"p2\"")[0])
    assert grown.endswith('\n\n[[points]]\nid = "p3"\nweight = 2\ntext = "资金来源单一"\nsynonyms = [\n    "依赖财政补贴",\n]\n')
    form.key_points = form.key_points[:1]
    form.key_points[0].weight = "6"
    save(store.roots, root, build(form))
    shrunk = (root / "rubrics" / "h1.toml").read_text(encoding="utf-8")
    assert "p2" not in shrunk and "p3" not in shrunk and "# 第一点" in shrunk
    assert Rubric.model_validate(__import__("tomllib").loads(shrunk)).total == 6


def test_every_wrong_field_is_named_at_once(store: Store) -> None:
    form = _form(store, "s001-q2")
    form.points = "ten"
    form.key_points[1].weight = "-1"
    form.key_points[3].id = "p1"
    form.rules["limit.over_step"] = "0"
    form.references = "  \n---\n"
    form.extra = "[[format]]\nid = 'f1'\n"
    problems = {p.field: p for p in build(form, set(store.material_ids())).problems}
    assert problems["points"].message == "须是数字（现为 ten）"
    assert problems["rubric.points.1.weight"].label == "采分点2 · 分值 (rubric.points.1.weight)"
    assert "用了两次" in problems["rubric.points"].message
    assert "须大于 0" in problems["rubric.limit.over_step"].message
    assert "至少要有一份参考作答" in problems["references"].message
    assert problems["rubric.format.0.check"].message == "必填，不能缺"
    assert problems["rubric.format.0.check"].label.startswith("格式检查1")
    # Rules across fields are checked once the fields themselves are right.
    form = _form(store, "s001-q2")
    form.rules["partial_threshold"] = "90"
    assert [(p.field, p.message) for p in build(form).problems] == [("rubric", "部分得分门槛（partial_threshold）高于得分门槛（hit_threshold）")]


def test_weights_that_do_not_add_up_and_a_taken_id_are_named(store: Store) -> None:
    form = _form(store, "s001-q2")
    form.key_points[0].weight = "3"
    problems = build(form, taken={"s001-q2"}).problems
    assert [(p.field, p.message) for p in problems] == [
        ("id", "题库里已有编号为 s001-q2 的题目"),
        ("points", "采分点的分值合计 11 分，而题目是 10 分"),
    ]
    form.extra = "not = [toml"
    assert any(p.field == "rubric.extra" and p.message.startswith("不是有效的 TOML") for p in build(form).problems)


def test_references_are_typed_with_a_line_of_dashes_between() -> None:
    assert split_references("一是A。\n二是B。\n---\n\n首先C。\n ----- \n") == ["一是A。\n二是B。", "首先C。"]
    assert split_references("a --- b") == ["a --- b"]


def test_a_new_question_with_pasted_material_is_saved_and_marked(tmp_path: Path) -> None:
    own = tmp_path / "own"
    store = Store(memory=True, roots=[own])
    form = blank_form("yl-1")
    form.points, form.word_limit, form.limit_kind = "4", "100", "max"
    form.prompt = "概括社区养老的问题。"
    form.references = "一是服务供给不足。\n二是专业人才短缺。"
    form.material_text = "某区社区养老服务站点少、床位紧张，护理人员流动性大。"
    form.key_points = [PointForm("p1", "2", "服务供给不足", "站点少\n床位紧张"), PointForm("p2", "2", "专业人才短缺")]
    built = build(form, set(), taken=set(store.question_ids()))
    assert built.ok, built.problems
    written = save(store.roots, own, built, form.material_text)
    assert sorted(p.relative_to(own).as_posix() for p in written) == ["bank/materials/yl-1.md", "bank/yl-1.toml", "rubrics/yl-1.toml"]
    assert store.sync_bank() == []
    assert store.question("yl-1").material == "yl-1"
    assert store.material_text(store.question("yl-1")).startswith("某区社区养老")
    question, rubric, _, material = store.marking("yl-1")
    from drill.marker import mark_answer

    assert mark_answer("一是站点少。二是专业人才短缺。", question, rubric, material).score == 4
    # Material too large for the bank to read back is refused whole: nothing written, nothing lost.
    before = {p: p.read_bytes() for p in own.rglob("*") if p.is_file()}
    with pytest.raises(BankFileError, match=r"yl-1\.md: 太大（2\.5 MB；题库至多读 2 MB 的文件）：什么都没有保存"):
        save(store.roots, own, built, "某区社区养老。" * 120_000)
    assert {p: p.read_bytes() for p in own.rglob("*") if p.is_file()} == before


def test_patch_keeps_old_text_when_values_are_equal_and_falls_back_when_it_cannot_parse() -> None:
    old = "a = 1  # one\nb = 'x'\n"
    assert toml_text.patch(old, "a = 1\nb = \"x\"\n") == old
    assert toml_text.patch(old, "a = 2\nb = \"x\"\n") == "a = 2  # one\nb = 'x'\n"
    assert toml_text.patch("a = [", "a = 3\n") == "a = 3\n"


def test_graded_answers_are_added_one_line_each_and_read_back(tmp_path: Path) -> None:
    roots = [tmp_path / "bundled", tmp_path / "own"]
    (roots[0] / "rubrics").mkdir(parents=True)
    (roots[0] / "rubrics" / "q.graded.jsonl").write_text('{"id": "g1", "answer": "甲", "human": 1}\nnot json\n', encoding="utf-8")
    path = add_graded(roots, roots[1], "q", "乙", 2.5, {"p1": 1.0})
    assert path == roots[1] / "rubrics" / "q.graded.jsonl" and graded_file(roots, "q") == path
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == ['{"id": "g1", "answer": "甲", "human": 1}', "not json"]  # nothing lost, not even a bad line
    assert json.loads(lines[2]) == {"id": "g3", "answer": "乙", "human": 2.5, "human_points": {"p1": 1.0}}
    add_graded(roots, roots[1], "q", "丙", 0)
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[3])["id"] == "g4"
    with pytest.raises(Exception, match="作答不能是空的"):
        add_graded(roots, roots[1], "q", "  ", 1)


def test_a_grading_is_checked_field_by_field() -> None:
    weights = {"p1": 2.0, "p2": 3.0}
    assert read_grading("答", "", {"p1": "1", "p2": "0.5"}, weights, 5).human == 3.5
    assert read_grading("答", "4", {"p1": "", "p2": ""}, weights, 5).points == {}
    for answer, mark, points, message in (
        ("", "1", {}, "作答"), ("答", "6", {}, "人工得分: 须在 0 到 5"), ("答", "x", {}, "不是数"),
        ("答", "", {"p1": "2"}, "p1: 只能是 0、0.5 或 1"), ("答", "", {"p1": "1", "p2": ""}, "填写总分"),
    ):
        with pytest.raises(ValueError, match=message):
            read_grading(answer, mark, points, weights, 5)


def test_graded_answers_are_marked_by_a_rubric_not_yet_saved(store: Store) -> None:
    question, rubric, _, material = store.marking("s001-q2")
    lines = [json.dumps({"id": "a", "answer": "一是乡镇一级对上面给的权力消化不了。", "human": 2, "question": "s001-q2"}, ensure_ascii=False)]
    before = evaluate(lines, None, workers=1, bank=Prepared({"s001-q2": (question, rubric, "", material)}))
    points = [p.model_copy(update={"synonyms": [*p.synonyms, "乡镇一级对上面给的权力消化不了"]}) if p.id == "p2" else p for p in rubric.points]
    edited = rubric.model_copy(update={"points": points})
    after = evaluate(lines, None, workers=1, bank=Prepared({"s001-q2": (question, edited, "", material)}))
    assert before.rows[0].ours < after.rows[0].ours == 2
    assert before.mae > after.mae == 0
    other = evaluate([lines[0].replace("s001-q2", "s001-q1")], None, workers=1, bank=Prepared({"s001-q2": (question, rubric, "", material)}))
    assert other.n == 0 and "不是正在评的这道题" in other.errors[0]


def test_blank_references_lines_do_not_make_a_reference(store: Store) -> None:
    assert Question(id="x", type="归纳概括", points=1, prompt="p", references=["\n\n  一是A。\n"]).references == ["  一是A。"]


def test_a_synonym_added_from_the_rubric_test_keeps_a_hand_written_file(tmp_path: Path) -> None:
    from drill.bank.authoring import add_synonym

    root, store = _hand_bank(tmp_path)
    add_synonym(store.roots, root, "h1", "p2", "护理人员流动性大")
    after = (root / "rubrics" / "h1.toml").read_text(encoding="utf-8")
    assert _changed_lines(HAND_RUBRIC, after) == ['+synonyms = [', '+    "护理人员流动性大",', '+]']
