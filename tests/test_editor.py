"""Stories of an instructor in the editor, driven with Textual's Pilot, and the CLI around it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.widgets import DataTable, Input, Static, TextArea

from drill.tui.widgets.virtual_table import VirtualTable

from drill.cli import main
from drill.practice import submit_answer
from drill.store import Store
from drill.tui.app import DrillApp, make_app
from drill.tui.navigation import OpenEditor
from drill.tui.dialogs.confirm import LeaveDialog
from drill.tui.dialogs.grade import GradeDialog
from drill.tui.screens.editor import EditorScreen
from drill.tui.screens.history import HistoryScreen
from drill.tui.screens.home import HomeScreen
from drill.tui.widgets.point_editor import PointEditor
from tests.conftest import save_edits, wait_for

DATA = Path(__file__).parent / "data"


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def settle(pilot) -> None:
    """Wait until the editor has checked what was typed (CHECK_DELAY after the last key)."""
    await pilot.pause()
    await wait_for(pilot, lambda: getattr(pilot.app.screen, "checked", True), "the editor's check")


async def retype(pilot, widget: Input, value: str) -> None:
    """Clear an input and type into it, key by key."""
    widget.focus()
    widget.value = ""
    await pilot.press(*value)
    await settle(pilot)


def point(screen: EditorScreen, index: int) -> PointEditor:
    return list(screen.query(PointEditor))[index]


def figures(screen: EditorScreen) -> dict[str, float]:
    """The mean errors shown: under the rubric as typed, and as saved."""
    shown = text(screen, "#editor-figures")
    found = dict(re.findall(r"(此刻|保存)的评分标准：平均误差 ([\d.]+)", shown))
    return {key: float(value) for key, value in found.items()}


async def open_grading(pilot) -> GradeDialog:
    """From the editor, open the grading dialog (Ctrl+G)."""
    await pilot.pause()
    await pilot.press("ctrl+g")
    await pilot.pause()
    return pilot.app.screen


async def grade(pilot, answer: str, marks: list[str] | None = None, mark: str = "") -> None:
    """Fill in the grading dialog as an instructor would and save it."""
    dialog = pilot.app.screen
    assert isinstance(dialog, GradeDialog)
    if answer:
        dialog.query_one("#grade-answer", TextArea).insert(answer)
    for pid, value in zip(dialog.weights, marks or []):
        dialog.query_one(f"#grade-{pid}", Input).focus()
        await pilot.press(*value)
    if mark:
        dialog.query_one("#grade-mark", Input).focus()
        await pilot.press(*mark)
    await pilot.press("ctrl+s")
    await settle(pilot)


@pytest.mark.parametrize("question_id, field", [("s001-q2", "f-prompt"), (None, "f-id")], ids=["a question", "a new one"])
async def test_the_editor_opens_on_its_first_field_and_nothing_else_takes_the_focus(store: Store, question_id, field: str, monkeypatch) -> None:
    # Textual gave the focus first to the first focusable widget, the scrolling form, which
    # restyled its 148 widgets as it took the focus and again as it passed it to the field
    # (the editor opened headless in 740 ms against 460 ms without it).
    from textual.widget import Widget

    focused: list[str] = []
    app = make_app(store)
    async with app.run_test(size=(140, 45)) as pilot:
        await app.workers.wait_for_complete()
        watch = Widget.watch_has_focus

        def noted(widget, has_focus: bool) -> None:
            if has_focus:
                focused.append(widget.id or type(widget).__name__)
            watch(widget, has_focus)

        monkeypatch.setattr(Widget, "watch_has_focus", noted)
        app.post_message(OpenEditor(question_id))
        await wait_for(pilot, lambda: isinstance(app.screen, EditorScreen) and app.focused is not None, "the editor")
        assert app.focused.id == field and focused == [field]


async def test_an_edit_is_checked_as_typed_and_saving_changes_only_its_line(store: Store, drill_home: Path) -> None:
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen)
        assert "✓ 各项无误" in text(editor, "#editor-problems") and "已保存" in text(editor, "#editor-status")
        weight = point(editor, 1).field("weight")
        await retype(pilot, weight, "-1")
        problems = text(editor, "#editor-problems")
        assert "采分点2 · 分值 (rubric.points.1.weight): 须大于 0（现为 -1）" in problems
        assert weight.has_class("-invalid") and not editor.query_one("#f-points").has_class("-invalid")
        await retype(pilot, weight, "3")
        assert "分值 (points): 采分点的分值合计 11 分，而题目是 10 分" in text(editor, "#editor-problems")
        assert not weight.has_class("-invalid") and editor.query_one("#f-points").has_class("-invalid")
        await retype(pilot, weight, "-1")
        assert "有未保存的修改" in text(editor, "#editor-status")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not (drill_home / "rubrics").exists()  # refused, nothing written
        assert app.focused is weight  # the cursor is taken to the first field to mend
        await retype(pilot, weight, "2")
        synonyms = point(editor, 2).field("synonyms")
        synonyms.move_cursor(synonyms.document.end)
        synonyms.insert("\n监管盲区多")
        await settle(pilot)
        assert "✓ 各项无误" in text(editor, "#editor-problems")
        await save_edits(pilot)
        saved = drill_home / "rubrics" / "s001-q2.toml"
        bundled = (store.roots[0] / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8")
        assert saved.read_text(encoding="utf-8") == bundled.replace('    "重审批轻监管，监管力量不足",\n', '    "重审批轻监管，监管力量不足",\n    "监管盲区多",\n')
        assert not (drill_home / "bank" / "s001-q2.toml").exists()  # the question did not change
        assert "监管盲区多" in store.rubric("s001-q2")[0].points[2].synonyms  # the database has it
        assert "已保存" in text(editor, "#editor-status")
        await pilot.press("escape")  # nothing unsaved: straight back to the list
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_an_instructor_writes_a_new_question_from_the_list(store: Store, drill_home: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.press("f7")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, EditorScreen) and editor.title == "新题目"
        await retype(pilot, editor.query_one("#f-id", Input), "s001-q1")
        assert "编号 (id): 题库里已有编号为 s001-q1 的题目" in text(editor, "#editor-problems")
        await retype(pilot, editor.query_one("#f-id", Input), "my-q1")
        await retype(pilot, editor.query_one("#f-points", Input), "4")
        editor.query_one("#f-prompt", TextArea).insert("概括社区养老服务的主要问题。")
        editor.query_one("#f-references", TextArea).insert("一是服务供给不足。\n二是专业人才短缺。")
        editor.query_one("#f-material-text", TextArea).insert("某区养老服务站点少，护理人员流动性大。")
        point(editor, 0).field("weight").value = "2"
        point(editor, 0).field("text").value = "服务供给不足"
        await pilot.press("ctrl+k")  # a second key point
        await settle(pilot)
        assert [p.form.id for p in editor.query(PointEditor)] == ["p1", "p2"]
        assert app.focused is point(editor, 1).field("text")
        await pilot.press(*"abc")
        point(editor, 1).field("text").value = "专业人才短缺"
        point(editor, 1).field("weight").value = "2"
        await settle(pilot)
        assert "✓ 各项无误" in text(editor, "#editor-problems"), text(editor, "#editor-problems")
        await save_edits(pilot)
        assert (drill_home / "bank" / "my-q1.toml").is_file() and (drill_home / "rubrics" / "my-q1.toml").is_file()
        assert (drill_home / "bank" / "materials" / "my-q1.md").read_text(encoding="utf-8") == "某区养老服务站点少，护理人员流动性大。\n"
        assert editor.title == "编辑 my-q1" and editor.query_one("#f-id", Input).disabled
        await pilot.press("escape")
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert "my-q1" in home.query_one("#questions", VirtualTable).keys
    assert Store().question("my-q1").references == ["一是服务供给不足。\n二是专业人才短缺。"]


async def test_leaving_with_unsaved_edits_asks_first(store: Store, drill_home: Path) -> None:
    app = make_app(store, start=OpenEditor("s002-q1"))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        editor = app.screen
        await retype(pilot, editor.query_one("#f-source", Input), "我的来源")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        assert app.screen is editor and editor.query_one("#f-source", Input).value == "我的来源"
        await pilot.press("escape", "d")  # discard
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert not (drill_home / "bank").exists()
    app = make_app(Store(), start=OpenEditor("s002-q1"))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await retype(pilot, app.screen.query_one("#f-source", Input), "我的来源")
        await pilot.press("escape", "s")  # save, then leave
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    assert 'source = "我的来源"' in (drill_home / "bank" / "s002-q1.toml").read_text(encoding="utf-8")


async def test_graded_answers_are_re_marked_as_the_rubric_is_typed(ungraded_bundle: Path, store: Store, drill_home: Path) -> None:
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        editor = app.screen
        assert "还没有人工评过分的答案" in text(editor, "#editor-figures")
        await pilot.press("ctrl+g")
        await pilot.pause()
        await grade(pilot, "一是思想认识不到位。二是基层接不住下放的权力。三是部门之间数据壁垒严重。", ["1", "1", "0", "0", "0", "1"])
        assert app.screen is editor
        graded = json.loads((drill_home / "rubrics" / "s001-q2.graded.jsonl").read_text(encoding="utf-8"))
        assert graded["human"] == 5.5 and graded["human_points"]["p2"] == 1
        table = editor.query_one("#editor-graded", DataTable)
        assert [str(c) for c in table.get_row_at(0)[:4]] == ["g1", "5.5", "4.5", "-1.0"]
        assert figures(editor) == {"此刻": 1.0, "保存": 1.0}
        synonyms = point(editor, 1).field("synonyms")
        synonyms.move_cursor(synonyms.document.end)
        synonyms.insert("\n基层接不住下放的权力")
        await settle(pilot)
        # Not saved yet: the answers are marked by the rubric as typed, beside the saved one.
        assert figures(editor) == {"此刻": 0.0, "保存": 1.0}
        assert [str(c) for c in table.get_row_at(0)[:4]] == ["g1", "5.5", "5.5", "+0.0"]
        await save_edits(pilot)
        assert figures(editor) == {"此刻": 0.0, "保存": 0.0}


async def test_a_mark_typed_with_ctrl_s_in_one_burst_is_the_mark_saved(store: Store, drill_home: Path) -> None:
    # `8 C-s` in one burst: Ctrl+S, a priority binding, read the dialog before the 8 was in it.
    from textual import events

    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(140, 45)) as pilot:
        dialog = await open_grading(pilot)
        dialog.query_one("#grade-answer", TextArea).insert("一是思想认识不到位。")
        dialog.query_one("#grade-mark", Input).focus()
        await pilot.pause()
        for key in ("8", "ctrl+s"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await wait_for(pilot, lambda: not isinstance(app.screen, GradeDialog), "the grading saved")
        await settle(pilot)
    lines = (drill_home / "rubrics" / "s001-q2.graded.jsonl").read_text(encoding="utf-8").splitlines()
    added = json.loads(lines[-1])  # (after the bundled ones, copied into the instructor's file)
    assert added["answer"] == "一是思想认识不到位。" and added["human"] == 8


async def test_a_bad_grading_is_refused_with_its_field_named(store: Store, drill_home: Path) -> None:
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(140, 45)) as pilot:
        await open_grading(pilot)
        await grade(pilot, "一是思想认识不到位。", mark="12")
        assert isinstance(app.screen, GradeDialog)  # still open, nothing lost
        assert any("人工得分: 须在 0 到 10 之间" in n.message for n in app._notifications)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, EditorScreen)
    assert not (drill_home / "rubrics").exists()


async def test_an_instructor_grades_a_candidate_attempt_from_history(ungraded_bundle: Path, store: Store, drill_home: Path) -> None:
    submit_answer(store, "s001-q2", "一是思想认识不到位。二是服务效率不高。", seconds=60)
    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(HistoryScreen())
        await pilot.pause()
        await pilot.press("ctrl+e")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, GradeDialog)
        assert dialog.query_one("#grade-answer", TextArea).text == "一是思想认识不到位。二是服务效率不高。"
        await grade(pilot, "", mark="3.5")
        assert isinstance(app.screen, HistoryScreen)
    line = json.loads((drill_home / "rubrics" / "s001-q2.graded.jsonl").read_text(encoding="utf-8"))
    assert line == {"id": "g1", "answer": "一是思想认识不到位。二是服务效率不高。", "human": 3.5}


def test_drill_new_and_drill_edit_open_the_editor(monkeypatch) -> None:
    opened = []

    def run(app: DrillApp) -> None:
        opened.append((type(app.start).__name__, app.start.question_id))

    monkeypatch.setattr(DrillApp, "run", run)
    runner = CliRunner()
    assert runner.invoke(main, ["new"]).exit_code == 0
    assert runner.invoke(main, ["edit", "s002-q3"]).exit_code == 0
    assert opened == [("OpenEditor", None), ("OpenEditor", "s002-q3")]
    result = runner.invoke(main, ["edit", "s9-q9"])
    assert result.exit_code == 1 and "题库里没有编号为 's9-q9' 的题目" in result.output
    assert len(opened) == 2


async def test_material_is_read_from_a_file_named_in_the_editor(store: Store, tmp_path: Path) -> None:
    document = tmp_path / "材料.txt"
    document.write_text("某區養老服務站點少。", encoding="utf-8")
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        editor = app.screen
        field = editor.query_one("#f-material-file", Input)
        field.value = str(tmp_path / "nope.txt")
        await field.action_submit()
        await pilot.pause()
        assert any("nope.txt" in n.message for n in app._notifications)
        field.value = str(document)
        await field.action_submit()
        await pilot.pause()
        # Traditional script comes in Simplified, as a new material named after the question.
        assert editor.query_one("#f-material-text", TextArea).text == "某区养老服务站点少。"
        assert editor.query_one("#f-material").value == ""


async def add_to_synonyms(pilot, editor: EditorScreen, index: int, phrase: str) -> None:
    """Type a synonym on a line of its own at the end of a 采分点's synonyms, and wait for the check."""
    synonyms = point(editor, index).field("synonyms")
    synonyms.move_cursor(synonyms.document.end)
    synonyms.insert("\n" + phrase)
    await settle(pilot)


async def editor_of(pilot) -> EditorScreen:
    """The editor the app opened at start, once it has checked its fields."""
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, EditorScreen), "the editor")
    await settle(pilot)
    return pilot.app.screen


async def test_a_blank_form_is_quiet_until_touched_and_then_speaks_chinese(store: Store, drill_home: Path) -> None:
    app = make_app(store, start=OpenEditor())
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await editor_of(pilot)
        assert "•" not in text(editor, "#editor-problems") and not editor.query(".-invalid")
        await retype(pilot, editor.query_one("#f-id", Input), "Bad Id")
        shown = text(editor, "#editor-problems")
        assert "编号只能用小写字母、数字、- 和 _" in shown and "（现为 Bad Id）" in shown
        assert "String should" not in shown and "Input should" not in shown


async def test_a_new_key_point_takes_the_focus_and_a_filled_field_keeps_its_text(store: Store, drill_home: Path) -> None:
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await editor_of(pilot)
        count = len(editor.query(PointEditor))
        first = point(editor, 0).field("text")
        first.focus()
        await pilot.pause()
        await pilot.press("ctrl+k")
        await wait_for(pilot, lambda: len(editor.query(PointEditor)) == count + 1, "the new 采分点")
        await wait_for(pilot, lambda: app.focused is point(editor, count).field("text"), "focus on the new 采分点")
        await pilot.press(*"新要点")
        assert point(editor, count).field("text").value == "新要点"
        # Tabbing into a filled field puts the cursor at its end: typing adds, nothing is replaced.
        source = editor.query_one("#f-source", Input)
        before = source.value
        source.focus()
        await pilot.press("x")
        assert source.value == before + "x"


async def test_a_material_path_typed_but_not_read_is_read_on_saving_or_stops_it(store: Store, drill_home: Path, tmp_path: Path) -> None:
    material = tmp_path / "m.txt"
    material.write_text("材料一：某市推进“一网通办”。", encoding="utf-8")
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(120, 40)) as pilot:
        editor = await editor_of(pilot)
        box = editor.query_one("#f-material-file", Input)
        box.value = str(tmp_path / "missing.txt")
        assert editor.action_save() is False  # said, not saved with an empty material
        assert "材料一" not in editor.query_one("#f-material-text", TextArea).text
        box.value = str(material)
        assert editor.action_save() is True
        await wait_for(pilot, lambda: not editor.rebuilding, "the bank rebuilt")
    assert "某市推进" in store.material_text(store.question("s001-q2"))


async def test_saving_shows_the_rebuild_under_way_and_the_form_stays_usable(store: Store, drill_home: Path, monkeypatch) -> None:
    import threading

    import drill.tui.app as app_module

    # The rebuild waits until the test has seen its indicator, as a large bank would keep it.
    release = threading.Event()
    real_store = app_module.Store

    def slow_store(*args, **kwargs):
        assert release.wait(10)
        return real_store(*args, **kwargs)

    monkeypatch.setattr(app_module, "Store", slow_store)
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(140, 45)) as pilot:
        editor = await editor_of(pilot)
        await add_to_synonyms(pilot, editor, 2, "监管盲区多")
        await pilot.press("ctrl+s")
        assert editor.rebuilding and editor.query_one("#editor-work").display
        assert "正在按题库文件重建题库" in str(editor.query_one("#editor-work-label").render())
        assert "监管盲区多" in (drill_home / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8")  # written already
        editor.query_one("#f-source", Input).focus()
        await pilot.press("x")  # the form still takes keys while the bank is rebuilt
        assert editor.query_one("#f-source", Input).value.endswith("x")
        release.set()
        await wait_for(pilot, lambda: not editor.rebuilding, "the bank rebuilt")
        await pilot.pause()
        assert not editor.query_one("#editor-work").display
        assert "监管盲区多" in store.rubric("s001-q2")[0].points[2].synonyms
        assert "有未保存的修改" in text(editor, "#editor-status")  # the x typed meanwhile is not saved


async def test_rescoring_from_the_editor_re_marks_every_attempt_with_the_saved_rubric(store: Store, drill_home: Path) -> None:
    from tests.conftest import answer

    first, attempt = submit_answer(store, "s001-q2", answer("q2_slips.txt"))
    submit_answer(store, "s001-q2", answer("q2_reference.txt"))
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(140, 45)) as pilot:
        editor = await editor_of(pilot)
        await add_to_synonyms(pilot, editor, 1, "审批流程")
        await pilot.press("ctrl+r")  # unsaved: re-marking would not use what is on screen
        assert not editor.rescoring
        assert any("先保存" in str(n.message) for n in app._notifications)
        await save_edits(pilot)
        await pilot.press("ctrl+r")
        await wait_for(pilot, lambda: not editor.rescoring, "the attempts re-marked")
        await pilot.pause()
        assert not editor.query_one("#editor-work").display
        assert any("已重新评分 2 次作答" in str(n.message) for n in app._notifications)
    rows = {row["id"]: row for row in store.history_rows("s001-q2")}
    assert len(rows) == 2 and all(row["rescored"] is not None for row in rows.values())
    assert rows[attempt.id]["score"] == first.score  # the original mark is kept beside the new


async def test_a_rebuild_that_fails_after_saving_says_the_files_were_written(store: Store, drill_home: Path, monkeypatch) -> None:
    """The files are written; the rebuild in the background cannot open the database (another
    drill holds it, say): the error is shown, the editor says what was written and is usable."""
    import drill.tui.app as app_module
    from drill.errors import DrillError

    def locked(*args, **kwargs):
        raise DrillError("数据库被另一个 drill 占用")

    monkeypatch.setattr(app_module, "Store", locked)
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(140, 45), notifications=True) as pilot:
        editor = await editor_of(pilot)
        await add_to_synonyms(pilot, editor, 2, "监管盲区多")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not editor.rebuilding, "the rebuild given up")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any("数据库被另一个 drill 占用" in m for m in said)
        assert any(m.startswith("已写入 rubrics/s001-q2.toml，但题库没有重建") for m in said)
        assert not editor.query_one("#editor-work").display and "已保存" in text(editor, "#editor-status")
    assert "监管盲区多" in (drill_home / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8")


async def test_the_graded_answers_are_marked_again_only_when_what_marks_them_changed(store: Store, drill_home: Path, monkeypatch) -> None:
    """Opening the editor checked the form twice (once as it mounted, once as its selects said
    their first values) and marked every graded answer both times; a form unchanged since the
    last marking keeps its figures."""
    import drill.tui.screens.editor as editing

    marked = []
    evaluate = editing.evaluate

    def counted(lines, store, workers=None, bank=None):
        marked.append("form" if bank is not None else "saved")
        return evaluate(lines, store, workers, bank)

    monkeypatch.setattr(editing, "evaluate", counted)
    app = make_app(store, start=OpenEditor("s001-q2"))  # (its graded answers are bundled)
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        editor = app.screen
        assert marked.count("form") == 1 and marked.count("saved") == 1, marked
        editor.check()  # as the selects' first values make it check again: nothing changed
        assert marked.count("form") == 1, marked
        synonyms = point(editor, 1).field("synonyms")
        synonyms.move_cursor(synonyms.document.end)
        synonyms.insert("\n基层接不住下放的权力")
        await settle(pilot)
        assert marked.count("form") == 2  # changed: marked again
