"""The importer turns 实战应用 documents into questions and rubrics."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.bank import Bank, load_bank
from drill.errors import ImportFailed
from drill.bank.importing import apply_import, plan_import
from drill.bank.importing.documents import parse_document, parse_requirements, question_type, split_weights
from drill.text import split_points
from tests.conftest import DATA, REPO, SEEDS


def import_document(path: Path, root: Path, prefix: str | None = None, force: bool = False) -> list[Path]:
    """Import one file into bank root `root`, as `drill import` does."""
    return apply_import(plan_import(path, prefix), root, path, force)


@pytest.mark.parametrize(
    ("prompt", "expected"),
    [
        ("请你结合材料，提出对策建议。400字左右，10分。", (400, "about", 10.0)),
        ("请概括主要问题。200字，10分。", (200, "max", 10.0)),
        ("要求：不超过300字。（15分）", (300, "max", 15.0)),
        ("字数在250字以内。20分", (250, "max", 20.0)),
        ("自拟题目，1000-1200字，40分。", (1200, "max", 40.0)),
        ("请谈谈你的看法。", (None, None, None)),
    ],
)
def test_requirements_are_parsed_from_the_prompt(prompt: str, expected: tuple) -> None:
    assert parse_requirements(prompt) == expected


@pytest.mark.parametrize(
    ("prompt", "kind"),
    [
        ("党代会报告提出……请你结合材料，提出政府在政府职能转变过程中存在的主要问题。200字，10分。", "归纳概括"),
        ("请你结合材料，提出对策建议。400字左右，10分。", "提出对策"),
        ("请结合材料，谈谈你对“放管服”的理解。", "综合分析"),
        ("请你以县政府办公室的名义，写一份倡议书。", "贯彻执行"),
        ("请自选角度，自拟题目，写一篇文章。", "文章写作"),
    ],
)
def test_question_type_comes_from_the_asking_part(prompt: str, kind: str) -> None:
    assert question_type(prompt) == kind


@pytest.mark.parametrize(
    "reference",
    [
        "一是思想认识不到位。\n二是监管存在短板。\n三是服务效率不高。",
        "一、思想认识不到位。\n二、监管存在短板。\n三、服务效率不高。",
        "1.思想认识不到位；2.监管存在短板；3.服务效率不高。",
        "（1）思想认识不到位。（2）监管存在短板。（3）服务效率不高。",
        "存在以下问题：首先，思想认识不到位。其次，监管存在短板。最后，服务效率不高。",
    ],
)
def test_reference_answers_split_at_any_numbering(reference: str) -> None:
    assert split_points(reference) == ["思想认识不到位", "监管存在短板", "服务效率不高"]


@pytest.mark.parametrize(("total", "count"), [(10, 6), (10, 5), (10, 3), (15, 4), (2, 7), (40, 1)])
def test_weights_add_up_to_the_points(total: float, count: int) -> None:
    weights = split_weights(total, count)
    assert len(weights) == count
    assert sum(weights) == pytest.approx(total)
    assert max(weights) - min(weights) <= 0.5


def test_a_hand_written_document_in_the_layout_imports(tmp_path: Path) -> None:
    written = import_document(DATA / "layout_sample.txt", tmp_path, prefix="demo")
    assert {p.name for p in written} == {"layout_sample.md", "demo-q1.toml", "demo-q2.toml"}
    bank = load_bank([tmp_path])
    assert not bank.problems
    q1, q2 = bank.questions["demo-q1"], bank.questions["demo-q2"]
    assert (q1.type, q1.word_limit, q1.limit_kind, q1.points) == ("归纳概括", 150, "max", 6.0)
    assert (q2.type, q2.word_limit, q2.limit_kind, q2.points) == ("提出对策", 300, "about", 9.0)
    assert [p.text for p in bank.rubrics["demo-q2"].points] == ["健全垃圾分类设施", "加强宣传教育", "完善激励机制"]
    assert q1.source == "layout_sample.txt#实战应用/问题1"
    assert "背景链接" in bank.materials["layout_sample"].text
    assert "实战应用" not in bank.materials["layout_sample"].text


def test_importing_twice_is_refused_without_force(tmp_path: Path) -> None:
    import_document(DATA / "layout_sample.txt", tmp_path, prefix="demo")
    with pytest.raises(ImportFailed, match="已经导入过"):
        import_document(DATA / "layout_sample.txt", tmp_path, prefix="demo")
    assert import_document(DATA / "layout_sample.txt", tmp_path, prefix="demo", force=True)


def test_a_document_without_the_layout_is_refused(tmp_path: Path) -> None:
    doc = tmp_path / "plain.txt"
    doc.write_text("一、问题\n没有实战应用的文章。\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="plain.txt：没有实战应用部分"):
        import_document(doc, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside this checkout")
def test_the_bundled_questions_are_what_the_importer_makes_of_seed_001() -> None:
    """The shipped bank is seed 001 imported, then refined by hand with synonyms only."""
    text = (SEEDS / "001_b43d7cd7380caf35.txt").read_text(encoding="utf-8")
    material, found = parse_document(text, "001_b43d7cd7380caf35.txt", prefix="s001")
    shipped: Bank = load_bank([REPO])
    assert material.text == shipped.materials[material.id].text
    for item in found:
        assert item.question == shipped.questions[item.question.id]
        rubric = shipped.rubrics[item.question.id]
        assert [(p.id, p.weight, p.text) for p in rubric.points] == [(p.id, p.weight, p.text) for p in item.rubric.points]
