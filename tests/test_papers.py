"""Real papers as they come (tests/data/papers/, written from the seed documents in the layouts
papers are published in, with a PDF's debris): read into title, time, materials and questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill.bank.importing.papers import cited, looks_like_paper, mended_lines, number_of, parse_paper
from drill.errors import ImportFailed

PAPERS = Path(__file__).parent / "data" / "papers"


def paper(name: str):
    return parse_paper((PAPERS / name).read_text(encoding="utf-8"), name)


def test_a_paper_from_a_pdf_with_page_numbers_headers_broken_lines_and_radicals() -> None:
    found = paper("pdf_layout.txt")
    assert found.title == "2024年度某省公务员录用考试《申论》试卷（模拟）"
    assert (found.minutes, found.reading_minutes, found.points) == (180, 40, 100)
    assert len(found.materials) == 5
    text = "\n".join(found.materials)
    assert "— 1 —" not in text and "试卷" not in text  # page numbers and the running header are gone
    assert "上面推一推，下面动一动" in text and "不习惯做服务员" in text  # broken lines joined
    assert "自治区党委" in text and "⾃" not in text and "补齐短板" in text  # radicals read as characters
    rows = [(q.number, q.type, q.points, q.word_limit, q.limit_kind, q.least_words, q.cites) for q in found.questions]
    assert rows == [
        (1, "归纳概括", 10, 200, "max", None, [1]),
        (2, "综合分析", 15, 300, "max", None, [2]),
        (3, "提出对策", 20, 400, "max", None, [3, 4]),
        (4, "贯彻执行", 15, 500, "about", None, [3]),
        (5, "文章写作", 40, 1200, "max", 1000, [1, 2, 3, 4, 5]),
    ]
    assert sum(q.points for q in found.questions) == found.points
    assert all(q.reference is None for q in found.questions)  # no answers: none made up
    assert found.questions[2].prompt.endswith("(3)不超过400字。")  # the requirements stay with their question


def test_a_web_page_with_answers_after_each_question() -> None:
    found = paper("web_layout.txt")
    assert found.minutes is None and len(found.materials) == 3
    rows = [(q.type, q.points, q.word_limit, q.least_words, q.cites) for q in found.questions]
    assert rows == [("归纳概括", 20, 250, None, [1, 2]), ("综合分析", 30, 300, None, [3]), ("文章写作", 50, 1000, 800, [1, 2, 3])]
    assert found.questions[0].reference.startswith("一是推行集中行政许可")
    assert "【参考答案】" not in found.questions[0].prompt
    assert found.questions[2].reference is None  # （略）: the institution gave none


def test_a_traditional_paper_with_the_answers_at_the_end() -> None:
    found = paper("answers_at_end.txt")
    assert found.title == "2022年国家公务员录用考试《申论》试题（地市级）"
    assert (found.minutes, found.reading_minutes, found.points) == (150, 40, 100)
    assert [q.cites for q in found.questions] == [[1], [2], [1, 2]]
    assert [q.type for q in found.questions] == ["归纳概括", "提出对策", "文章写作"]
    assert found.questions[1].reference.startswith("一是强化担当意识")
    assert found.questions[2].reference is None and found.questions[2].limit_kind == "about"


@pytest.mark.parametrize(("prompt", "count", "expected"), [
    ("根据“给定资料3”，概括", 5, [3]),
    ("根据给定资料2-4，提出", 5, [2, 3, 4]),
    ("根据给定资料2～4", 5, [2, 3, 4]),
    ("结合材料1和材料3", 5, [1, 3]),
    ("根据给定资料1、2", 5, [1, 2]),
    ("根据给定资料（二）", 3, [2]),
    ("参考给定资料，自拟题目", 4, [1, 2, 3, 4]),
    ("根据给定资料9", 4, [1, 2, 3, 4]),  # a 资料 the paper does not have: all, rather than none
])
def test_the_materials_a_question_cites(prompt: str, count: int, expected: list[int]) -> None:
    assert cited(prompt, count) == expected


def test_numerals() -> None:
    assert [number_of(n) for n in ("一", "九", "十", "十二", "二十", "7")] == [1, 9, 10, 12, 20, 7]


def test_what_is_not_a_paper_says_what_was_expected_and_found() -> None:
    assert not looks_like_paper("问题1：概括。（10分）\n【参考作答】一是。")
    with pytest.raises(ImportFailed, match=r"x\.txt：不是试卷：没有“给定资料”标题"):
        parse_paper("某某试卷\n作答要求\n（一）概括。（10分）", "x.txt")
    with pytest.raises(ImportFailed, match=r"x\.txt:3: “给定资料”应从.*（这一行是 '这里没有资料标题。'）"):
        parse_paper("某某试卷\n给定资料\n这里没有资料标题。\n作答要求\n（一）概括。（10分）", "x.txt")
    with pytest.raises(ImportFailed, match=r"x\.txt:5: “作答要求”里没有编了号的题目（这一行是 '作答要求'）"):
        parse_paper("某某试卷\n给定资料\n资料1\n一段材料。\n作答要求\n", "x.txt")


def test_page_numbers_in_their_usual_forms_are_debris() -> None:
    lines = mended_lines("资料1\n第一段没有结束，\n— 2 —\n第 3 页 共 12 页\n12/40\n接着写完。")
    assert lines == ["资料1", "第一段没有结束，接着写完。"]


def test_a_message_names_the_line_of_the_file_not_of_the_mended_text(tmp_path: Path) -> None:
    text = "某某试卷\n\n— 1 —\n给定资料\n资料1\n一段材料没有写完，\n接着写完。\n作答要求\n\n第一题\n\n\n"
    with pytest.raises(ImportFailed, match=r"x\.txt:10: 一道题没有文字"):
        parse_paper(text, "x.txt")


def test_materials_numbered_1_2_3_keep_numbers_of_their_own_text() -> None:
    text = ("某省申论试卷\n二、给定资料\n1.1949年3月23日下午，西柏坡阳光明媚。\n2.5倍于去年的投资落地了。\n"
            "3.这一行是第三则之前的数字，不是资料标题。\n2.2020年10月，全会审议通过了《建议》。\n三、作答要求\n（一）根据给定资料2，概括。（10分）\n")
    found = parse_paper(text, "x.txt")
    assert found.materials == ["1949年3月23日下午，西柏坡阳光明媚。\n2.5倍于去年的投资落地了。\n3.这一行是第三则之前的数字，不是资料标题。",
                               "2020年10月，全会审议通过了《建议》。"]
    assert found.questions[0].cites == [2]


async def test_an_instructor_imports_a_paper_from_the_list(store, drill_home, tmp_path) -> None:
    """F9 on the list: a file named in the dialog is imported as `drill import` does, the bank
    is rebuilt, and what was made is said; a second import makes nothing; a path to nothing
    says so."""
    from textual.widgets import Input

    from drill.tui.app import make_app
    from drill.tui.dialogs.import_file import ImportDialog
    from tests.conftest import DATA, wait_for

    paper = tmp_path / "省考申论.txt"
    paper.write_text((DATA / "papers" / "pdf_layout.txt").read_text(encoding="utf-8"), encoding="utf-8")
    before = set(store.question_ids())
    app = make_app(store)
    said = lambda: [str(n.message) for n in app._notifications]  # noqa: E731

    async def import_(path: str) -> None:
        await pilot.press("f9")
        await wait_for(pilot, lambda: isinstance(app.screen, ImportDialog), "the import dialog")
        app.screen.query_one("#import-path", Input).value = path
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ImportDialog), "the dialog closed")

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await import_(str(paper))
        await wait_for(pilot, lambda: any(m.startswith("已导入 省考申论.txt") for m in said()), "the import said")
        made = set(store.question_ids()) - before
        assert len(made) == 5 and all(qid in next(m for m in said() if m.startswith("已导入")) for qid in sorted(made)[:5])
        assert "试卷" in next(m for m in said() if m.startswith("已导入")) and (drill_home / "bank").is_dir()
        await import_(str(paper))  # the same paper again: nothing made twice
        await wait_for(pilot, lambda: any(m.startswith("没有导入：省考申论.txt") for m in said()), "nothing imported")
        assert set(store.question_ids()) - before == made
        await import_(str(tmp_path / "nope.txt"))
        await wait_for(pilot, lambda: any("nope.txt" in m and "不存在" in m for m in said()), "the missing file named")


async def test_a_second_import_waits_for_the_first(store, drill_home, tmp_path, monkeypatch) -> None:
    """Two imports at once would both take the same paper for new: the second is refused, saying why."""
    import threading

    import drill.bank.importing.run as run
    from drill.tui.app import make_app
    from tests.conftest import wait_for

    going, done = threading.Event(), threading.Event()
    real = run.import_one

    def slow(*args, **kwargs):
        going.set()
        done.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(run, "import_one", slow)
    paper = tmp_path / "p.txt"
    paper.write_text((Path(__file__).parent / "data" / "papers" / "pdf_layout.txt").read_text(encoding="utf-8"), encoding="utf-8")
    app = make_app(store)
    said = lambda: [str(n.message) for n in app._notifications]  # noqa: E731
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.import_file(paper)
        await wait_for(pilot, going.is_set, "the first import under way")
        app.import_file(paper)
        await wait_for(pilot, lambda: any("上一个导入" in m for m in said()), "the second refused")
        done.set()
        await wait_for(pilot, lambda: any(m.startswith("已导入 p.txt") for m in said()), "the first import done")
