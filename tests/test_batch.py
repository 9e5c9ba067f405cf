"""`drill score --batch` and `drill eval`: many answers in, one result per line, figures out."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from drill.batch import PARALLEL_FROM, bank_for, mark_all, read_items
from drill.cli import main
from drill.store import Store
from tests.conftest import answer


def run(*args: str, input: str | None = None, status: int = 0):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    assert result.exit_code == status, result.output
    return result


def lines(*records) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"


def test_each_line_gets_its_result_in_order_and_bad_lines_an_error(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(
        lines(
            {"id": "a", "answer": answer("q2_reference.txt"), "question": "s001-q2"},
            "{not json",
            {"id": "c", "answer": "销售配送。", "reference": "配送分为销售配送、供应配送。", "max": 4},
            {"id": "d", "question": "s001-q2"},
            "",
            {"id": "e", "answer": "x", "question": "nope"},
            {"id": "f", "answer": "x", "reference": "y", "max": -1},
        ),
        encoding="utf-8",
    )
    result = run("score", "--batch", str(src), "--json", status=1)  # a line failed: the exit status says so
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["id"] == "a" and out[0]["score"] == 10 and out[0]["question"] == "s001-q2" and "attempt" in out[0]
    assert out[1] == {"line": 2, "error": "第 2 行：不是有效的 JSON（这里应有用双引号括起的字段名，第 2 列）"}
    assert out[2]["id"] == "c" and out[2]["max"] == 4 and out[2]["score"] == 2 and "question" not in out[2]
    assert out[3] == {"line": 4, "error": "第 4 行：answer：缺少，或不是文字"}
    assert out[4]["line"] == 6 and "题库里没有编号为 'nope' 的题目" in out[4]["error"]
    assert out[5] == {"line": 7, "error": "第 7 行：max：应为大于 0、至多 100 的数（现为 -1）"}
    assert "6 行中有 4 行无法评分" in result.stderr
    assert [a["question"] for a in json.loads(run("history", "--json").stdout)] == ["s001-q2"]


def test_batch_from_stdin_without_saving() -> None:
    text = lines({"id": 1, "answer": answer("q2_four_points.txt"), "question": "s001-q2"})
    out = run("score", "--batch", "-", "--no-save", input=text).stdout
    assert out.strip() == "1\t7/10"
    assert json.loads(run("history", "--json").stdout) == []


def test_batch_and_single_scoring_agree() -> None:
    text = answer("q2_slips.txt")
    single = json.loads(run("score", "s001-q2", "-", "--json", "--no-save", input=text).stdout)
    batch = json.loads(run("score", "--batch", "-", "--json", "--no-save", input=lines({"answer": text, "question": "s001-q2"})).stdout)
    assert batch["id"] == 1
    assert {k: batch[k] for k in single} == single


def test_many_lines_are_marked_on_all_cores_with_the_same_result(store: Store) -> None:
    base = [answer(n) for n in ("q2_reference.txt", "q2_four_points.txt", "q2_opposite.txt", "q2_slips.txt")]
    records = [json.dumps({"id": i, "answer": base[i % 4], "question": "s001-q2"}, ensure_ascii=False) for i in range(PARALLEL_FROM + 8)]
    prepared, items = bank_for(read_items(records), store)
    assert [m.score for m in mark_all(items, prepared, workers=2)] == [m.score for m in mark_all(items, prepared, workers=1)]


def test_eval_reports_agreement_with_human_marks(tmp_path: Path) -> None:
    graded = tmp_path / "graded.jsonl"
    graded.write_text(
        lines(
            {"id": "ref", "answer": answer("q2_reference.txt"), "question": "s001-q2", "human": 10, "human_points": [1, 1, 1, 1, 1, 1]},
            {"id": "four", "answer": answer("q2_four_points.txt"), "question": "s001-q2", "human": 7, "human_points": {"p1": 1, "p2": 1, "p3": 1, "p4": 1, "p5": 0, "p6": 0}},
            {"id": "opp", "answer": answer("q2_opposite.txt"), "question": "s001-q2", "human": 2, "human_points": [0, 0, 0, 0.5, 0, 0.5]},
            {"id": "nohuman", "answer": "x", "question": "s001-q2"},
        ),
        encoding="utf-8",
    )
    # A line could not be compared: exit 1, and the figures are of the others.
    data = json.loads(run("eval", str(graded), "--json", status=1).stdout)
    assert data["n"] == 3
    assert data["mae"] == round(2 / 3, 3)
    assert data["point_precision"] == 1.0 and data["point_recall"] == round(10 / 12, 3)
    assert data["points_compared"] == 18
    assert data["errors"] == [f"{graded}: 第 4 行：human：缺少，或不是分数（0 或以上）"]
    text = run("eval", str(graded), status=1).stdout
    assert "份数                3" in text and "opp：0 / 2" in text


def test_eval_with_no_line_to_compare_gives_no_figures(tmp_path: Path) -> None:
    """0 answers compared is not agreement: no MAE of 0.00, but why, and exit 1."""
    graded = tmp_path / "graded.jsonl"
    graded.write_text(lines({"id": "a", "answer": "一是加强监管", "question": "s001-q2"}, [1, 2]), encoding="utf-8")
    out = run("eval", str(graded), status=1)
    assert "平均绝对误差" not in out.stdout and out.stdout == ""
    assert f"错误：{graded}: 第 1 行：human：缺少" in out.stderr and f"错误：{graded}: 第 2 行：应为一个 JSON 对象" in out.stderr
    assert len(out.stderr.splitlines()) == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert run("eval", str(empty), "--json", status=1).stderr.strip() == "错误：eval：没有人工评过分的作答可比较（文件是空的）"


def test_a_batch_line_that_cannot_be_marked_is_named_with_its_file(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(lines({"id": "a", "answer": "一是加强监管", "question": "s001-q2"}, {"id": "b", "question": "s001-q2"}), encoding="utf-8")
    out = run("score", "--batch", str(src), "--no-save", status=1)
    assert out.stdout.splitlines()[0].startswith("a\t") and f"错误：{src}: 第 2 行：answer：缺少，或不是文字" in out.stdout
    piped = run("score", "--batch", "-", "--no-save", input=src.read_text(encoding="utf-8"), status=1)
    assert "错误：标准输入: 第 2 行：answer" in piped.stdout


def test_a_batch_run_again_stores_nothing_twice(tmp_path: Path) -> None:
    """Each line's attempt is stored with the line; running the same file again (after a kill,
    say) finds them by the line's key and stores nothing twice."""
    src = tmp_path / "in.jsonl"
    src.write_text(lines(
        {"id": "a", "answer": answer("q2_reference.txt"), "question": "s001-q2"},
        {"id": "b", "answer": answer("q2_four_points.txt"), "question": "s001-q2"},
        {"id": "c", "answer": "", "question": "s001-q2"},
    ), encoding="utf-8")
    first = [json.loads(line) for line in run("score", "--batch", str(src), "--json").stdout.splitlines()]
    again = run("score", "--batch", str(src), "--json")
    second = [json.loads(line) for line in again.stdout.splitlines()]
    assert [r["attempt"] for r in first] == [r["attempt"] for r in second] == [1, 2, None]
    assert "1 份空作答已评分，但没有保存" in again.stderr
    assert len(json.loads(run("history", "--json").stdout)) == 2


def test_eval_by_type_groups_reference_only_lines_of_their_own(tmp_path: Path) -> None:
    graded = tmp_path / "mixed.jsonl"
    graded.write_text(lines(
        {"id": "r", "question": "s001-q2", "answer": answer("q2_reference.txt"), "human": 10},
        {"id": "x", "question": "怎么配送？", "reference": "配送分为销售配送、供应配送。", "answer": "销售配送", "max": 10, "human": 5},
    ), encoding="utf-8")
    summary = json.loads(run("eval", str(graded), "--by-type", "--json").stdout)
    assert {name: group["n"] for name, group in summary["by_type"].items()} == {"归纳概括": 1, "参考答案评分（无题型）": 1}


def test_hostile_batch_values_are_named_not_a_traceback(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    deep = "[" * 100_000 + "]" * 100_000
    src.write_text(
        '{"id": 1, "reference": "a", "answer": "a", "max": NaN}\n'
        '{"id": 2, "reference": "a", "answer": "a", "max": Infinity}\n'
        '{"id": 3, "reference": "a", "answer": "a", "max": 101}\n'
        f'{{"id": 4, "reference": "a", "answer": "a", "max": {"9" * 5000}}}\n'
        f'{{"id": 5, "answer": {deep}}}\n'
        '{"id": 6, "question": "s001-q2", "answer": "\\ud800一是思想认识不到位。"}\n'
        '{"id": "\\ud800", "question": "s001-q2", "answer": "一是"}\n',
        encoding="utf-8",
    )
    result = run("score", "--batch", str(src), "--json", status=1)
    out = [json.loads(line) for line in result.stdout.splitlines()]
    errors = {r["line"]: r["error"] for r in out if "error" in r}
    assert "NaN 不是 drill 接受的数" in errors[1] and "Infinity 不是 drill 接受的数" in errors[2]
    assert "至多 100 的数（现为 101）" in errors[3] and "没有读" in errors[4] and "嵌套太深" in errors[5]
    assert "id：含有不成对的代理字符" in errors[7]
    marked = next(r for r in out if r.get("id") == 6)
    assert marked["score"] == 2 and marked["attempt"] == 1  # the surrogate became U+FFFD; the answer is stored
    assert "7 行中有 6 行无法评分" in result.stderr
