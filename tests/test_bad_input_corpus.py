"""The bad-input corpus: every command given what users and files give it on a bad day.

Each case runs a command on a data folder that already holds two attempts, and must end in
a clean error (exit 1, click's usage errors included), one `错误：` line
saying what is wrong and where, no traceback (the runner does not catch exceptions, so one
fails the test), and the two attempts still there, unchanged. (`score --batch` and `eval`
print a bad line's error among the results, where that line's result would be.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill.cli import main
from drill.errors import ERROR_PREFIX
from tests.conftest import REPO, answer

GOOD = answer("q2_four_points.txt")
DEEP = "[" * 100_000 + "]" * 100_000
HUGE = "9" * 5000


@dataclass
class Case:
    name: str
    args: list[str]  # "{dir}" is the case's folder, where `files` are written
    says: list[str]  # words the one error line holds
    files: dict[str, str | bytes] = field(default_factory=dict)
    input: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    status: int = 1


def attempt(**changes) -> str:
    """One exported attempt, as `history --export` writes it, with fields changed."""
    record = {
        "user": "carol", "question": "s001-q2", "answer": "一是加强管理", "score": 2, "max": 10, "word_count": 6,
        "seconds": 60, "created": "2026-11-30T09:00:00+08:00", "rubric_version": "",
        "mark": {"question": "s001-q2", "score": 2, "max": 10, "word_count": 6, "points": []},
    }
    record.update(changes)
    return json.dumps(record, ensure_ascii=False)


def raw(**replace) -> str:
    """An exported attempt whose field values are JSON text as given (NaN, huge numbers, nesting)."""
    line = attempt(**{name: f"@{name}@" for name in replace})
    for name, text in replace.items():
        line = line.replace(f'"@{name}@"', text)
    return line


def batch_line(**fields) -> str:
    return json.dumps({"id": "x", "question": "s001-q2", "answer": "一是加强管理", **fields}, ensure_ascii=False)


PLAIN = "问题1：请根据材料，概括主要问题。不超过200字。（10分）\n【参考作答】\n一是服务供给不足。二是人才短缺。\n"

CASES = [
    # -- score and its answer file
    Case("option without its value", ["eval", "--question"], ["--question", "后面要给一个值"]),
    Case("extra arguments", ["list", "extra", "more"], ["多出了参数：extra more"]),
    Case("a flag given a value", ["--version=3"], ["--version", "不带值"]),
    Case("answer file missing", ["score", "s001-q2", "{dir}/nope.txt"], ["nope.txt", "文件或文件夹不存在"]),
    Case("answer file is a folder", ["score", "s001-q2", "{dir}"], ["不是普通文件（是文件夹）"]),
    Case("answer file is /dev/zero", ["score", "s001-q2", "/dev/zero"], ["/dev/zero", "不是普通文件"]),
    Case("answer file of bad bytes", ["score", "s001-q2", "{dir}/a.txt"], ["a.txt:2", "不是有效的 UTF-8"], files={"a.txt": "一是\n二是".encode() + b"\xff"}),
    Case("empty answer", ["score", "s001-q2", "-"], ["作答为空"], input="  \n "),
    Case("only control characters", ["score", "s001-q2", "-"], ["作答为空"], input="\x1b[2J\x07\x00"),
    Case("endless answer", ["score", "s001-q2", "-"], ["100,001 个字符", "100,000"], input="一" * 100_001),
    Case("unknown question", ["score", "nope", "-"], ["题库里没有编号为 'nope' 的题目", "s001-q1"], input=GOOD),
    Case("seconds too large", ["score", "s001-q2", "-", "--seconds", "9223372036854775808"], ["--seconds"], input=GOOD),
    Case("bad profile name", ["--user", "../../etc", "score", "s001-q2", "-"], ["用户名 '../../etc'"], input=GOOD),
    Case("profile name with ESC", ["--user", "a\x1bb", "history"], ["用户名 'a\\x1bb'"]),
    Case("profile name of 10,000 characters", ["--user", "u" * 10_000, "history"], ["须为 1–32 个字符"]),
    # -- score --batch
    Case("batch: max of 101", ["score", "--batch", "{dir}/b.jsonl"], ["第 1 行：max", "101"], files={"b.jsonl": '{"reference": "一是加强管理", "answer": "加强管理", "max": 101}\n'}),
    Case("batch: NaN", ["score", "--batch", "{dir}/b.jsonl"], ["第 1 行", "NaN"], files={"b.jsonl": '{"reference": "一是加强管理", "answer": "加强管理", "max": NaN}\n'}),
    Case("batch: Infinity", ["score", "--batch", "{dir}/b.jsonl"], ["第 1 行", "Infinity"], files={"b.jsonl": '{"reference": "一是加强管理", "answer": "加强管理", "max": Infinity}\n'}),
    Case("batch: 5,000 digits", ["score", "--batch", "{dir}/b.jsonl"], ["第 1 行", "5000 位"], files={"b.jsonl": '{"reference": "一是", "answer": "加强", "max": ' + HUGE + "}\n"}),
    Case("batch: nested 100,000 deep", ["score", "--batch", "{dir}/b.jsonl"], ["第 1 行", "嵌套太深"], files={"b.jsonl": DEEP + "\n"}),
    Case("batch: id a lone surrogate", ["score", "--batch", "{dir}/b.jsonl"], ["第 1 行：id", "不成对的代理字符"], files={"b.jsonl": '{"id": "\\ud800", "question": "s001-q2", "answer": "一是"}\n'}),
    Case("batch: unknown question", ["score", "--batch", "{dir}/b.jsonl"], ["第 1 行", "题库里没有编号为 'nope' 的题目"], files={"b.jsonl": batch_line(question="nope") + "\n"}),
    Case("batch: not JSON", ["score", "--batch", "{dir}/b.jsonl"], ["第 1 行：不是有效的 JSON"], files={"b.jsonl": "{oops\n"}),
    Case("batch: file missing", ["score", "--batch", "{dir}/nope.jsonl"], ["nope.jsonl", "文件或文件夹不存在"]),
    # -- eval
    Case("eval: human NaN", ["eval", "{dir}/g.jsonl"], ["第 1 行", "NaN"], files={"g.jsonl": '{"question": "s001-q2", "answer": "一是", "human": NaN}\n'}),
    Case("eval: human Infinity", ["eval", "{dir}/g.jsonl"], ["第 1 行", "Infinity"], files={"g.jsonl": '{"question": "s001-q2", "answer": "一是", "human": Infinity}\n'}),
    Case("eval: human above the points", ["eval", "{dir}/g.jsonl"], ["第 1 行：human", "超过了"], files={"g.jsonl": '{"question": "s001-q2", "answer": "一是", "human": 11}\n'}),
    Case("eval: human_points a text", ["eval", "{dir}/g.jsonl"], ["第 1 行：human_points"], files={"g.jsonl": '{"question": "s001-q2", "answer": "一是", "human": 5, "human_points": "x"}\n'}),
    Case("eval: human_points nested", ["eval", "{dir}/g.jsonl"], ["第 1 行：human_points"], files={"g.jsonl": '{"question": "s001-q2", "answer": "一是", "human": 5, "human_points": {"p1": {"a": 1}}}\n'}),
    Case("eval: human_points null in a list", ["eval", "{dir}/g.jsonl"], ["第 1 行：human_points"], files={"g.jsonl": '{"question": "s001-q2", "answer": "一是", "human": 5, "human_points": [1, null]}\n'}),
    Case("eval: human_points of no such point", ["eval", "{dir}/g.jsonl"], ["第 1 行：human_points：没有采分点 p9", "p1、p2、p3、p4、p5、p6"], files={"g.jsonl": '{"question": "s001-q2", "answer": "一是", "human": 5, "human_points": {"p1": 1, "p9": 1}}\n'}),
    Case("eval: file missing", ["eval", "{dir}/nope.jsonl"], ["nope.jsonl", "文件或文件夹不存在"]),
    Case("eval: a bad UTF-8 byte", ["eval", "{dir}/g.jsonl"], ["g.jsonl:1", "不是有效的 UTF-8"], files={"g.jsonl": b'{"question": "s001-q2", "answer": "\xff", "human": 5}\n'}),
    # -- import
    Case("import: 200分", ["import", "{dir}/p.txt"], ["points", "200"], files={"p.txt": PLAIN.replace("10分", "200分")}),
    Case("import: 0.01分", ["import", "{dir}/p.txt"], ["points", "0.01"], files={"p.txt": PLAIN.replace("10分", "0.01分")}),
    Case("import: 20000字", ["import", "{dir}/p.txt"], ["word_limit", "20000"], files={"p.txt": PLAIN.replace("200字", "20000字")}),
    Case("import: 0字", ["import", "{dir}/p.txt"], ["word_limit", "0"], files={"p.txt": PLAIN.replace("200字", "0字")}),
    Case("import: JSONL id a number", ["import", "{dir}/t.jsonl"], ["t.jsonl:1: id", "5"], files={"t.jsonl": '{"id": 5, "prompt": "概括问题（10分）", "reference": "一是加强管理"}\n'}),
    Case("import: JSONL tags a number", ["import", "{dir}/t.jsonl"], ["t.jsonl:1: tags"], files={"t.jsonl": '{"id": "t1", "prompt": "概括问题（10分）", "reference": "一是加强管理", "tags": 5}\n'}),
    Case("import: two rows with one id", ["import", "{dir}/t.jsonl"], ["t.jsonl:2: id", "第 1 行"], files={"t.jsonl": '{"id": "t1", "prompt": "概括问题一（10分）", "reference": "一是加强管理"}\n{"id": "t1", "prompt": "概括问题二（10分）", "reference": "二是完善制度"}\n'}),
    Case("import: CSV points NaN", ["import", "{dir}/t.csv"], ["points"], files={"t.csv": "id,prompt,points,reference\nt1,概括问题,nan,一是加强管理\n"}),
    Case("import: file that is a FIFO-like device", ["import", "/dev/zero"], ["/dev/zero", "不是普通文件"]),
    # -- history
    Case("history import: created yesterday", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：created", "yesterday"], files={"h.jsonl": attempt(created="yesterday") + "\n"}),
    Case("history import: created in 9999", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：created", "9999"], files={"h.jsonl": attempt(created="9999-01-01T00:00:00+00:00") + "\n"}),
    Case("history import: score abc", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：score", "abc"], files={"h.jsonl": attempt(score="abc") + "\n"}),
    Case("history import: score NaN", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行", "NaN"], files={"h.jsonl": raw(score="NaN") + "\n"}),
    Case("history import: score a list", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：score"], files={"h.jsonl": attempt(score=[1]) + "\n"}),
    Case("history import: score above max", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：score", "不在"], files={"h.jsonl": attempt(score=11) + "\n"}),
    Case("history import: seconds an object", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：seconds"], files={"h.jsonl": attempt(seconds={"a": 1}) + "\n"}),
    Case("history import: seconds abc", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：seconds", "abc"], files={"h.jsonl": attempt(seconds="abc") + "\n"}),
    Case("history import: word_count 2^70", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：word_count"], files={"h.jsonl": attempt(word_count=2**70) + "\n"}),
    Case("history import: user a lone surrogate", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：user", "不成对的代理字符"], files={"h.jsonl": raw(user='"\\ud800"') + "\n"}),
    Case("history import: user ../../etc", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行", "../../etc"], files={"h.jsonl": attempt(user="../../etc") + "\n"}),
    Case("history import: user with ESC", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行", "用户名"], files={"h.jsonl": attempt(user="a\x1bb") + "\n"}),
    Case("history import: 5,000 digits", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行", "5000 位"], files={"h.jsonl": raw(score=HUGE) + "\n"}),
    Case("history import: nested deep", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行", "嵌套太深"], files={"h.jsonl": raw(mark=DEEP) + "\n"}),
    Case("history import: mark missing", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：mark"], files={"h.jsonl": raw(mark="null") + "\n"}),
    Case("history import: a question id of a path", ["history", "--import", "{dir}/h.jsonl"], ["第 1 行：question"], files={"h.jsonl": attempt(question="../x") + "\n"}),
    Case("history export: folder missing", ["history", "--export", "/nonexistent/dir/x.jsonl"], ["/nonexistent/dir/x.jsonl", "文件或文件夹不存在"]),
    Case("history: two formats", ["history", "--json", "--csv"], ["只能选一个"]),
    # -- the rest
    Case("show an unknown question", ["show", "nope"], ["题库里没有编号为 'nope' 的题目"]),
    Case("rescore an unknown question", ["rescore", "nope"], ["题库里没有编号为 'nope' 的题目"]),
    Case("config: unknown setting", ["config", "nope", "1"], ["nope"]),
    Case("config: a value out of range", ["config", "maximum_interval", "999999"], ["maximum_interval", "999999"]),
    Case("config: not a number", ["config", "maximum_interval", "abc"], ["maximum_interval", "abc"]),
    Case("config: a negative value (not an option)", ["config", "maximum_interval", "-5"], ["maximum_interval", "-5", "1 到 3650"]),
    Case("DRILL_HOME a file", ["list"], ["DRILL_HOME=/etc/passwd", "不是文件夹"], env={"DRILL_HOME": "/etc/passwd"}),
    Case("--bank a file", ["--bank", "/etc/passwd", "list"], ["/etc/passwd"]),
]


@pytest.fixture
def two_attempts() -> list[dict]:
    for name in ("q2_four_points.txt", "q2_reference.txt"):
        result = CliRunner().invoke(main, ["score", "s001-q2", "-"], input=answer(name), catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return history()


def history() -> list[dict]:
    result = CliRunner().invoke(main, ["history", "--json"], catch_exceptions=False)
    return json.loads(result.stdout)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_bad_input_is_one_clear_error_and_loses_nothing(case: Case, tmp_path: Path, two_attempts: list[dict]) -> None:
    folder = tmp_path / "case"
    folder.mkdir()
    for name, content in case.files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    args = [arg.replace("{dir}", str(folder)) for arg in case.args]
    result = CliRunner().invoke(main, args, input=case.input, env=case.env or None, catch_exceptions=False)
    assert result.exit_code == case.status, result.output
    # A batch and eval print a bad line's error in its place among the results (stdout).
    errors = [line for line in (result.stderr + result.stdout).splitlines() if line.startswith(ERROR_PREFIX)]
    assert errors, result.output
    if case.status == 1:
        assert len(errors) == 1, result.stderr
    assert all(words in errors[0] for words in case.says), errors
    assert history() == two_attempts  # nothing saved before is lost or changed
    assert not (REPO / "bank" / "t1.toml").exists()
