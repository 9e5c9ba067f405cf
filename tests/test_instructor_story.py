"""The instructor's whole story, as a new user would try it: import a fresh document, edit its
rubric in the app, grade five answers, watch the agreement move while adding synonyms, re-mark
history and export two candidates' results as CSV."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from drill.cli import main
from drill.store import Store
from drill.tui.app import make_app
from drill.tui.navigation import OpenEditor
from tests.conftest import save_edits
from tests.test_editor import figures, grade, point, settle

DATA = Path(__file__).parent / "data"

# Five answers to the imported 问题1, and the marks an instructor gives each 采分点
# (服务供给, 人才, 资金, 平台). The first two state the details of a point without its headline.
GRADED = [
    ("一是养老服务站点少，床位紧张。二是护理人员流动性大，待遇低。三是资金主要靠财政补贴。四是养老信息平台建设滞后。", ["1", "1", "1", "1"]),
    ("一是站点少、床位紧张。二是专业人才短缺。", ["1", "1", "0", "0"]),
    ("一是服务供给不足。二是专业人才短缺。三是资金来源单一。四是智慧养老平台建设滞后。", ["1", "1", "1", "1"]),
    ("一是要增加养老站点。二是要提高护理人员待遇。", ["0", "0", "0", "0"]),
    ("养老、护理、资金、平台。", ["0", "0", "0", "0"]),
]


async def test_import_edit_grade_rescore_and_export(tmp_path: Path, monkeypatch, drill_home: Path) -> None:
    mine = tmp_path / "mine"
    monkeypatch.setenv("DRILL_BANK", str(mine))
    runner = CliRunner()

    # 1. Import a document in the 实战应用 layout that drill has never seen.
    dry = runner.invoke(main, ["import", str(DATA / "fresh_document.txt"), "--prefix", "yl", "--dry-run"])
    assert dry.exit_code == 0 and "将创建 yl-q1  归纳概括  8分" in dry.output
    assert runner.invoke(main, ["import", str(DATA / "fresh_document.txt"), "--prefix", "yl"]).exit_code == 0
    assert (mine / "rubrics" / "yl-q1.toml").is_file()

    # Two candidates answer it before the rubric is improved.
    answer = tmp_path / "answer.txt"
    for user, text in (("zhang", GRADED[0][0]), ("li", GRADED[1][0])):
        answer.write_text(text, encoding="utf-8")
        assert runner.invoke(main, ["--user", user, "score", "yl-q1", str(answer)]).exit_code == 0

    # 2-4. In the app: open the rubric, grade five answers, add synonyms, watch the figures, save.
    app = make_app(Store(), start=OpenEditor("yl-q1"))
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        editor = app.screen
        for text, marks in GRADED:
            await pilot.press("ctrl+g")
            await pilot.pause()
            await grade(pilot, text, marks)
        graded = [json.loads(line) for line in (mine / "rubrics" / "yl-q1.graded.jsonl").read_text(encoding="utf-8").splitlines()]
        assert [g["human"] for g in graded] == [8, 4, 8, 0, 0]
        before = figures(editor)
        assert before["此刻"] == before["保存"] > 1.0  # drill misses the points stated by their details
        for index, phrase in ((0, "站点少，床位紧张"), (1, "护理人员流动性大，待遇低")):
            synonyms = point(editor, index).field("synonyms")
            synonyms.insert(phrase)
            await settle(pilot)
        after = figures(editor)
        assert after["此刻"] < before["此刻"] and after["保存"] == before["保存"]
        await save_edits(pilot)
        assert figures(editor)["保存"] == after["此刻"]
    assert "站点少，床位紧张" in (mine / "rubrics" / "yl-q1.toml").read_text(encoding="utf-8")

    # 5. Re-mark history with the edited rubric: the originals are kept, both shown.
    rescored = runner.invoke(main, ["rescore", "yl-q1"])
    assert rescored.exit_code == 0 and "已重新评分 2 次作答，2 次分数有变" in rescored.output
    history = json.loads(runner.invoke(main, ["--user", "zhang", "history", "--json"]).output)
    assert history[0]["rescored"] > history[0]["score"]

    # 6. Both candidates' results as CSV.
    exported = runner.invoke(main, ["review", "--csv"])
    rows = list(csv.DictReader(io.StringIO(exported.output)))
    assert sorted((r["user"], r["question"]) for r in rows) == [("li", "yl-q1"), ("zhang", "yl-q1")]
    assert all(int(r["attempts"]) == 1 for r in rows)
