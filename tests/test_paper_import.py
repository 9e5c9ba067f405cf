"""`drill import` of a real paper, end to end: the paper, its 给定资料 and its questions in one
go, or nothing; a paper without 参考答案 practised and marked for its form until one is added."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drill.bank.authoring import build, form_of, save
from drill.bank.importing.papers import parse_paper
from drill.store import Store
from tests.test_cli import run
from tests.test_papers import PAPERS

# Each corpus paper: its questions' (题型, points, 字数 limit, limit kind, cited 资料, has a reference).
EXPECTED = {
    "pdf_layout.txt": (180, 100, [("归纳概括", 10, 200, "max", [1], False), ("综合分析", 15, 300, "max", [2], False),
                                  ("提出对策", 20, 400, "max", [3, 4], False), ("贯彻执行", 15, 500, "about", [3], False),
                                  ("文章写作", 40, 1200, "max", [1, 2, 3, 4, 5], False)]),
    "web_layout.txt": (180, 100, [("归纳概括", 20, 250, "max", [1, 2], True), ("综合分析", 30, 300, "max", [3], True),
                                  ("文章写作", 50, 1000, "max", [1, 2, 3], False)]),
    "answers_at_end.txt": (150, 100, [("归纳概括", 15, 150, "max", [1], True), ("提出对策", 25, 300, "max", [2], True),
                                      ("文章写作", 60, 1000, "about", [1, 2], False)]),
    "numbered_questions.txt": (150, 150, [("归纳概括", 20, 200, "max", [1], False), ("综合分析", 30, 300, "max", [2], False),
                                          ("贯彻执行", 40, 500, "max", [3], False), ("贯彻执行", 20, 400, "about", [2, 3], False),
                                          ("文章写作", 40, 1200, "max", [1, 2, 3], False)]),
    "guokao_style.txt": (180, 100, [("归纳概括", 15, 200, "max", [1], False), ("综合分析", 25, 300, "max", [3], False),
                                    ("文章写作", 60, 1200, "max", [1, 2, 3], False)]),
    "wenti_layout.txt": (180, 100, [("归纳概括", 15, 150, "max", [1], True), ("提出对策", 20, 300, "max", [2], True),
                                    ("贯彻执行", 25, 500, "max", [3], False), ("文章写作", 40, 1200, "max", [1, 2, 3], False)]),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_paper_imports_whole_in_every_layout(tmp_path: Path, name: str) -> None:
    mine = tmp_path / "mine"
    out = run("--bank", str(mine), "import", str(PAPERS / name)).stdout
    pid = Path(name).stem
    assert f"drill exam {pid}" in out
    (paper,) = [p for p in json.loads(run("--bank", str(mine), "papers", "--json").stdout) if p["id"] == pid]
    minutes, points, questions = EXPECTED[name]
    assert (paper["minutes"], paper["points"], len(paper["questions"])) == (minutes, points, len(questions))
    for qid, (kind, worth, limit, limit_kind, cites, referenced) in zip(paper["questions"], questions):
        shown = json.loads(run("--bank", str(mine), "show", qid, "--json").stdout)
        assert (shown["type"], shown["points"], shown["word_limit"], shown["limit_kind"]) == (kind, worth, limit, limit_kind), qid
        assert shown["paper"] == {"id": pid, "position": paper["questions"].index(qid) + 1, "cites": cites}
        # Its material is the 给定资料 it cites, each under its heading.
        assert [f"给定资料{n}" in shown["material"] for n in cites] == [True] * len(cites)
        assert bool(shown["references"]) == referenced and (shown["rubric"] is not None) == referenced, qid


def test_the_same_paper_again_is_not_imported_twice(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    run("--bank", str(mine), "import", str(PAPERS / "wenti_layout.txt"))
    files = sorted(p.name for p in mine.rglob("*") if p.is_file())
    out = run("--bank", str(mine), "import", str(PAPERS / "wenti_layout.txt"), "--prefix", "again").stdout
    assert "这份试卷已经在题库里" in out
    assert sorted(p.name for p in mine.rglob("*") if p.is_file()) == files


def test_a_paper_that_cannot_be_written_whole_leaves_nothing_behind(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "bank").mkdir(parents=True)
    (mine / "bank" / "papers").write_text("a file where the papers folder goes", encoding="utf-8")
    result = run("--bank", str(mine), "import", str(PAPERS / "pdf_layout.txt"), ok=False)
    assert result.exit_code == 1 and "没有导入" in result.stderr and "题库和导入前一样" in result.stderr
    assert sorted(p.relative_to(mine).as_posix() for p in mine.rglob("*") if p.is_file()) == ["bank/papers"]


def test_what_is_neither_a_paper_nor_a_document_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "half.txt"
    bad.write_text("某市考试试卷\n\n给定资料\n资料1\n一段材料。\n\n二、题目\n1.概括。（10分）\n", encoding="utf-8")
    result = run("--bank", str(tmp_path / "mine"), "import", str(bad), ok=False)
    assert result.exit_code == 1
    assert "half.txt" in result.stderr and "没有“作答要求”标题" in result.stderr


def test_points_that_do_not_add_up_to_the_stated_total_are_refused(tmp_path: Path) -> None:
    text = (PAPERS / "wenti_layout.txt").read_text(encoding="utf-8").replace("（40分）", "（45分）")
    paper = tmp_path / "p.txt"
    paper.write_text(text, encoding="utf-8")
    result = run("--bank", str(tmp_path / "mine"), "import", str(paper), ok=False)
    assert "满分 100 分，而各题分值合计 105 分" in result.stderr and not (tmp_path / "mine" / "bank").exists()


def test_a_question_without_a_reference_is_marked_for_its_form_until_one_is_added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = tmp_path / "mine"
    monkeypatch.setenv("DRILL_BANK", str(mine))
    run("import", str(PAPERS / "pdf_layout.txt"))
    answer = tmp_path / "a.txt"
    answer.write_text("一是推进“一网通办”，提高网上办覆盖率。\n二是兑现招商引资政策，提升政府公信力。\n", encoding="utf-8")
    mark = json.loads(run("score", "pdf_layout-q3", str(answer), "--json").stdout)
    assert mark["unmarked"] is True and mark["score"] == 0 and mark["notes"][0].startswith("内容未评分")
    assert [p["id"] for p in mark["points"]] == ["length"] and mark["points"][0]["status"] == "hit"
    text = run("score", "pdf_layout-q3", str(answer), "--no-save").stdout
    assert "内容未评分（满分 20）" in text and "得分 0/20" not in text
    # The instructor adds a reference in the editor, writing no 采分点: they are derived from it.
    store = Store()
    question = store.question("pdf_layout-q3")
    form = form_of(question, None)
    form.references = "一是推进“一网通办”，提高网上办覆盖率。\n二是兑现招商引资政策，提升政府公信力。\n三是畅通政企沟通渠道。"
    built = build(form, set(store.material_ids()))
    assert built.ok, built.problems
    save(store.roots, store.own_root, built)
    marked = json.loads(run("score", "pdf_layout-q3", str(answer), "--json").stdout)
    assert marked["unmarked"] is False and marked["score"] > 10


def test_the_corpus_papers_read_as_written() -> None:
    """The variants the two newer corpus papers carry: 一、 and 问题一 numbering, 资料 headings
    on the text's own line, half-width punctuation, ranges of 字数, notes without a heading."""
    numbered = parse_paper((PAPERS / "numbered_questions.txt").read_text(encoding="utf-8"), "n.txt")
    assert numbered.title == "2023年上半年某省事业单位公开招聘工作人员考试《综合应用能力》（A类）"
    assert (numbered.minutes, numbered.points) == (150, 150)
    assert [q.least_words for q in numbered.questions] == [None, 250, None, None, 1000]
    assert "无法享受。\"一次性告知\"落实不到位，让企业群众反复跑路。\n该市" in numbered.materials[2]  # half-width stops read as 。
    assert numbered.questions[0].prompt.endswith("（20分） 要求：(1)准确、全面；(2)条理清晰；(3)不超过200字。")  # requirements on its line
    wenti = parse_paper((PAPERS / "wenti_layout.txt").read_text(encoding="utf-8"), "w.txt")
    assert wenti.title == "某市2024年度公开遴选公务员笔试试题" and (wenti.minutes, wenti.points) == (180, 100)
    assert wenti.materials[0].startswith("该市网上办覆盖率仍然较低") and [q.number for q in wenti.questions] == [1, 2, 3, 4]
    assert wenti.questions[0].reference.startswith("一是网上办覆盖率低") and wenti.questions[2].reference is None


def test_a_paper_copied_from_a_pdf_with_a_blank_line_after_every_line() -> None:
    """The 国考 layout as a PDF copy gives it: 一 注意事项 / 二 给定资料 / 三、申论要求, 资料
    numbered 1. 2. 3., a blank line after every line, sentences broken across them, and a
    资料 whose characters are spaced out."""
    found = parse_paper((PAPERS / "guokao_style.txt").read_text(encoding="utf-8"), "g.txt")
    assert (found.minutes, found.reading_minutes, found.points) == (180, 40, 100)
    assert found.materials[0].startswith("内蒙古推进“放管服”改革，优化营商环境工作存在上热下冷")  # spaces gone
    assert found.materials[0].endswith("习惯当管理者，不习惯做服务员。")  # joined across the blank line
    assert "收集问题线索，推动立行立改。2023 年" in found.materials[1]  # after a numbered 资料's first line too
    assert [q.cites for q in found.questions] == [[1], [3], [1, 2, 3]]


async def test_the_instructor_adds_a_reference_in_the_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from textual.widgets import TextArea

    from drill.tui.app import make_app
    from drill.tui.navigation import OpenEditor
    from tests.conftest import wait_for

    mine = tmp_path / "mine"
    monkeypatch.setenv("DRILL_BANK", str(mine))
    run("import", str(PAPERS / "pdf_layout.txt"))
    store = Store()
    assert store.rubric("pdf_layout-q1")[0] is None
    app = make_app(store, clock=lambda: 0.0, start=OpenEditor("pdf_layout-q1"))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: type(app.screen).__name__ == "EditorScreen", "the editor")
        app.screen.query_one("#f-references", TextArea).load_text("一是思想认识不到位，理念滞后。\n二是部分干部官本位思想严重，服务意识不强。")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: (mine / "rubrics" / "pdf_layout-q1.toml").exists(), "the rubric written")
    rubric, _ = Store().rubric("pdf_layout-q1")
    assert [p.text for p in rubric.points] == ["思想认识不到位，理念滞后", "部分干部官本位思想严重，服务意识不强"]
    assert sum(p.weight for p in rubric.points) == 10


def test_a_question_written_before_its_rubric_failed_is_put_back_too(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "bank").mkdir(parents=True)
    (mine / "rubrics").write_text("a file where the rubrics folder goes", encoding="utf-8")
    result = run("--bank", str(mine), "import", str(PAPERS / "web_layout.txt"), ok=False)
    assert result.exit_code == 1 and "题库和导入前一样" in result.stderr
    assert sorted(p.relative_to(mine).as_posix() for p in mine.rglob("*") if p.is_file()) == ["rubrics"]
