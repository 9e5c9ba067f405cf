"""The CLI contract: names and JSON fields that scripts rely on."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import main
from tests.conftest import BUNDLED, DATA, answer


def run(*args: str, input: str | None = None, ok: bool = True):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output + result.stderr
    return result


def test_list_json_has_the_public_fields() -> None:
    items = json.loads(run("list", "--json").stdout)
    assert [q["id"] for q in items] == BUNDLED
    q2 = items[BUNDLED.index("s001-q2")]
    assert {k: q2[k] for k in ("type", "word_limit", "limit_kind", "points", "source")} == {
        "type": "归纳概括", "word_limit": 200, "limit_kind": "max", "points": 10, "source": "001_b43d7cd7380caf35.txt#实战应用/问题2",
    }
    q1 = items[BUNDLED.index("s001-q1")]
    assert q1["limit_kind"] == "about" and q1["type"] == "提出对策"
    assert q2["prompt"].endswith("200字，10分。")


def test_list_as_text_shows_each_question() -> None:
    out = run("list").stdout
    assert "s001-q1" in out and "提出对策" in out and "≤200" in out


def test_show_json_has_material_references_and_rubric() -> None:
    data = json.loads(run("show", "s001-q2", "--json").stdout)
    assert data["material"].startswith("一、背景链接")
    assert data["references"][0].startswith("一是思想认识不够到位")
    assert [p["id"] for p in data["rubric"]["points"]] == ["p1", "p2", "p3", "p4", "p5", "p6"]
    assert sum(p["weight"] for p in data["rubric"]["points"]) == 10
    assert all(p["synonyms"] for p in data["rubric"]["points"])


def test_score_json_follows_the_contract_and_is_stored(tmp_path: Path) -> None:
    file = tmp_path / "a.txt"
    file.write_text(answer("q2_four_points.txt"), encoding="utf-8")
    data = json.loads(run("score", "s001-q2", str(file), "--json").stdout)
    assert set(data) >= {"question", "score", "max", "word_count", "points", "deductions"}
    assert (data["question"], data["score"], data["max"], data["word_count"]) == ("s001-q2", 7, 10, 63)
    p1 = data["points"][0]
    assert set(p1) == {"id", "text", "weight", "status", "credit", "evidence", "reason"}
    assert p1["evidence"] == {"start": 2, "end": 16, "text": "思想认识不到位，理念比较落后"}
    assert data["points"][5]["evidence"] is None
    history = json.loads(run("history", "--json").stdout)
    assert [(h["id"], h["question"], h["score"], h["max"]) for h in history] == [(data["attempt"], "s001-q2", 7, 10)]
    assert history[0]["created"]


def test_score_reads_stdin_and_no_save_stores_nothing() -> None:
    out = run("score", "s001-q2", "-", "--no-save", input=answer("q2_reference.txt")).stdout
    assert "得分 10/10" in out and "✓ p6" in out
    assert json.loads(run("history", "--json").stdout) == []


def test_score_text_shows_missed_points_and_deductions() -> None:
    out = run("score", "s001-q2", "-", input=answer("q2_reference.txt") * 2).stdout
    assert "得分 7/10" in out and "扣3分" in out and "超字数" in out


def test_history_csv_and_newest_first() -> None:
    run("score", "s001-q2", "-", input="一是思想认识不到位，理念落后。")
    run("score", "s001-q1", "-", input=answer("q1_reference.txt"))
    rows = list(csv.DictReader(io.StringIO(run("history", "--csv").stdout)))
    assert [r["question"] for r in rows] == ["s001-q1", "s001-q2"]
    assert rows[0]["score"] == "10.0" and rows[1]["max"] == "10.0"


def test_unknown_question_is_a_clear_error() -> None:
    result = run("score", "nope", "-", input="x", ok=False)
    assert result.exit_code == 1
    known = "、".join(BUNDLED[:10]) + f" 等，共 {len(BUNDLED)} 道"
    assert result.stderr.strip() == f"错误：题库里没有编号为 'nope' 的题目（有：{known}）"
    assert run("show", "nope", ok=False).exit_code == 1


def test_unreadable_answer_files_are_clear_errors(tmp_path: Path) -> None:
    result = run("score", "s001-q2", str(tmp_path / "missing.txt"), ok=False)
    assert result.stderr.strip() == f"错误：{tmp_path / 'missing.txt'}: 读不了：文件或文件夹不存在"
    bad = tmp_path / "bad.txt"
    bad.write_bytes("一是\n二是".encode() + b"\xff")
    assert run("score", "s001-q2", str(bad), ok=False).stderr.strip() == f"错误：{bad}:2: 不是有效的 UTF-8（这一行的第 7 个字节）"


def test_a_malformed_bank_file_is_a_warning_with_its_place(tmp_path: Path) -> None:
    bank = tmp_path / "mine"
    (bank / "bank").mkdir(parents=True)
    (bank / "bank" / "x1.toml").write_text('id = "x1"\ntype = "归纳概括"\npoints = "ten"\nprompt = "题"\n', encoding="utf-8")
    result = run("--bank", str(bank), "list", "--json")
    assert f"注意：{bank / 'bank' / 'x1.toml'}:3: points: 须是数字" in result.stderr
    assert [q["id"] for q in json.loads(result.stdout)] == BUNDLED


def test_import_writes_into_the_users_own_bank(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    out = run("--bank", str(mine), "import", str(DATA / "layout_sample.txt"), "--prefix", "demo").stdout
    assert f"已写入 {mine / 'bank' / 'demo-q1.toml'}" in out and f"题库：{len(BUNDLED) + 2} 道题" in out
    ids = [q["id"] for q in json.loads(run("--bank", str(mine), "list", "--json").stdout)]
    assert ids == sorted(["demo-q1", "demo-q2", *BUNDLED])
    again = run("--bank", str(mine), "import", str(DATA / "layout_sample.txt"), "--prefix", "other").stdout
    assert "跳过 other-q1：题库里已有同样的题目 demo-q1" in again and "已写入" not in again


def test_import_defaults_to_the_data_dir(drill_home: Path) -> None:
    run("import", str(DATA / "layout_sample.txt"))
    assert (drill_home / "bank" / "layout_sample-q1.toml").is_file()
    assert (drill_home / "rubrics" / "layout_sample-q2.toml").is_file()


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(command: str) -> None:
    out = run(command, "--help").stdout
    assert out.splitlines()[0].startswith(f"用法： main {command}")
    assert len([line for line in out.splitlines() if line.strip()]) >= 3
    # In Chinese: the command's help and click's own words.
    assert re.search(r"[\u4e00-\u9fff]", main.commands[command].help.split("\n")[0])
    assert "选项" in out and "显示本帮助后退出" in out and "Show this message" not in out


def test_copying_the_material_is_reported() -> None:
    copied = "思想是行动的先导。“放管服”改革是一场自上而下的深刻变革，从中央到地方乃至各级职能部门都需要将“放管服”改革作为工作的重点。"
    out = run("score", "s001-q2", "-", "--no-save", input=copied).stdout
    assert "照抄材料：作答中100%的文字与材料连续相同" in out
    data = json.loads(run("score", "s001-q2", "-", "--no-save", "--json", input=copied).stdout)
    assert data["copied"] == 1.0
    own = json.loads(run("score", "s001-q2", "-", "--no-save", "--json", input=answer("q2_four_points.txt")).stdout)
    assert own["copied"] == 0.0


def test_check_passes_on_the_bundled_bank() -> None:
    assert run("check").stdout.strip() == f"{len(BUNDLED)} 道题，{len(BUNDLED)} 份评分标准，1 份试卷，0 处问题"


def test_check_reports_every_problem_at_once(bank_copy: Path) -> None:
    text = (bank_copy / "bank" / "s001-q1.toml").read_text(encoding="utf-8")
    (bank_copy / "bank" / "s001-q1.toml").write_text(text.replace("points = 10", 'points = "ten"'), encoding="utf-8")
    rubric = (bank_copy / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8")
    # A key point the reference answer never states: the rubric cannot give its own reference full marks.
    rubric = rubric.replace('text = "服务效率和质量有待提高"', 'text = "财政资金使用效益不高"').replace('    "服务效率和质量不高",\n', "")
    rubric = rubric.replace('    "服务效率低、质量不高",\n    "办事材料多、环节多、手续繁",\n    "服务程序复杂，标准不统一",\n', "")
    (bank_copy / "rubrics" / "s001-q2.toml").write_text(rubric, encoding="utf-8")
    result = CliRunner().invoke(main, ["--bank", str(bank_copy), "check"])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors[0].startswith(f"错误：{bank_copy / 'bank' / 's001-q1.toml'}:3: points:")
    assert errors[1] == f"错误：{bank_copy / 'bank' / 's001-q2.toml'}: references: 参考作答 1 按本题评分标准只得 8.5/10（p4 未得）"
    assert result.stdout.strip().endswith("2 处问题")


def test_profiles_keep_their_own_history() -> None:
    run("--user", "alice", "score", "s001-q2", "-", input=answer("q2_four_points.txt"))
    run("score", "s001-q1", "-", input=answer("q1_reference.txt"))
    alice = json.loads(run("--user", "alice", "history", "--json").stdout)
    assert [(h["user"], h["question"], h["score"]) for h in alice] == [("alice", "s001-q2", 7)]
    mine = json.loads(run("history", "--json").stdout)
    assert [(h["user"], h["question"]) for h in mine] == [("default", "s001-q1")]
    bad = CliRunner().invoke(main, ["--user", "a/b", "history"])
    assert bad.exit_code == 1 and "用户名 'a/b'" in bad.stderr


def test_import_dry_run_writes_nothing(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    out = run("--bank", str(mine), "import", str(DATA / "layout_sample.txt"), "--dry-run").stdout
    assert "将创建 layout_sample-q1  归纳概括  6分  ≤150  3 个采分点  (layout_sample.txt#实战应用/问题1)" in out
    assert "将创建 layout_sample-q2  提出对策  9分  ≈300  3 个采分点" in out
    assert not mine.exists() or not any(mine.rglob("*.toml"))


def test_import_plain_csv_and_jsonl_questions(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    plain = tmp_path / "plain.txt"
    plain.write_text("請你概括材料中垃圾分類存在的問題。不超過100字，4分。\n【参考作答】\n一是設施不足。\n二是宣傳不到位。", encoding="utf-8")
    table = tmp_path / "qs.csv"
    table.write_text("id,prompt,reference,points,tags\nc-1,请提出推进垃圾分类的对策。200字。,1.健全设施。2.加强宣传。,6,环保 对策\n", encoding="utf-8")
    lines = tmp_path / "qs.jsonl"
    lines.write_text(json.dumps({"prompt": "请谈谈你对“无废城市”的理解。300字左右，10分。", "reference": "一是减量。二是循环利用。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    run("--bank", str(mine), "import", str(plain), str(table), str(lines))
    items = {q["id"]: q for q in json.loads(run("--bank", str(mine), "list", "--json").stdout)}
    assert items["plain-q1"]["prompt"] == "请你概括材料中垃圾分类存在的问题。不超过100字，4分。"
    assert (items["plain-q1"]["type"], items["plain-q1"]["word_limit"], items["plain-q1"]["points"]) == ("归纳概括", 100, 4)
    assert (items["c-1"]["type"], items["c-1"]["points"], items["c-1"]["tags"]) == ("提出对策", 6, ["环保", "对策"])
    assert (items["qs-q1"]["type"], items["qs-q1"]["limit_kind"]) == ("综合分析", "about")
    assert run("--bank", str(mine), "check").exit_code == 0


def test_a_bad_row_names_its_file_row_and_field(tmp_path: Path) -> None:
    table = tmp_path / "bad.csv"
    table.write_text("prompt,reference,points\n请概括问题。10分。,一是问题。,ten\n", encoding="utf-8")
    result = run("--bank", str(tmp_path / "mine"), "import", str(table), ok=False)
    assert result.exit_code == 1 and result.stderr.strip() == "错误：bad.csv:2: points: 'ten' 不是数"
    rows = tmp_path / "bad.jsonl"
    rows.write_text('{"prompt": "请概括问题。10分。"}\n', encoding="utf-8")
    assert run("--bank", str(tmp_path / "mine"), "import", str(rows), ok=False).stderr.strip() == "错误：bad.jsonl:1: reference: 缺少"


def test_review_names_the_missed_points_by_their_text(drill_home: Path) -> None:
    run("score", "s001-q2", "-", input="一是监管不到位。")
    shown = run("review").stdout
    assert "常失分 p" in shown and "思想认识不够到位" in shown  # p1's text, not only its id


def test_an_import_of_attempts_at_questions_not_in_the_bank_says_so(drill_home: Path, tmp_path: Path) -> None:
    line = {"user": "default", "question": "zz-q9", "answer": "一是。", "created": "2026-11-01T10:00:00+00:00",
            "mark": {"question": "zz-q9", "score": 1, "max": 10, "word_count": 3, "points": []}}
    exported = tmp_path / "old.jsonl"
    exported.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["history", "--import", str(exported)])
    assert result.exit_code == 0 and "已导入 1 次作答" in result.stdout
    assert "题库里没有这些题目" in result.stderr and "zz-q9" in result.stderr


@pytest.mark.parametrize(("args", "says"), [
    (["scor"], "没有这个命令 scor"),
    (["list", "--jsn"], "没有这个选项 --jsn，是不是 --json？"),
    (["score", "s001-q2", "-", "--seconds", "abc"], "--seconds 的值不对：abc 不是整数"),
    (["score", "s001-q2", "-", "--seconds", "99999999"], "不在 0 到 2592000 之间"),
    (["show"], "缺少 QUESTION_ID"),
    (["import", "/"], "FILES 的值不对：/ 是文件夹"),  # (an argument by its name in the usage line, not "files")
])
def test_a_usage_error_is_one_chinese_line_and_exit_1(args: list[str], says: str) -> None:
    result = CliRunner().invoke(main, args, input="一是。")
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误：") and says in lines[0], result.stderr
    assert "Usage:" not in result.stderr and "Invalid value" not in result.stderr
