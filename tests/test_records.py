"""An instructor's records: re-marking history, moving histories between machines, reviewing candidates."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from drill.cli import main
from drill.store import Store
from drill.paths import db_path
from tests.conftest import REPO, answer


def run(*args: str, input: str | None = None, ok: bool = True):
    result = CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_rescoring_keeps_the_original_mark_and_shows_both(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "rubrics").mkdir(parents=True)
    (mine / "bank").mkdir()
    root = Path(__file__).resolve().parents[1]
    (mine / "bank" / "s001-q2.toml").write_text((root / "bank" / "s001-q2.toml").read_text(encoding="utf-8"), encoding="utf-8")
    rubric = (root / "rubrics" / "s001-q2.toml").read_text(encoding="utf-8")
    (mine / "rubrics" / "s001-q2.toml").write_text(rubric, encoding="utf-8")
    run("--bank", str(mine), "score", "s001-q2", "-", input=answer("q2_four_points.txt"))
    # The instructor makes the rubric stricter: no synonyms, and a hit needs a near-verbatim statement.
    stricter = re.sub(r"synonyms = \[\n(?:    .*\n)*\]", "synonyms = []", rubric).replace("hit_threshold = 78", "hit_threshold = 95")
    (mine / "rubrics" / "s001-q2.toml").write_text(stricter, encoding="utf-8")
    before = json.loads(run("--bank", str(mine), "history", "--json").stdout)[0]
    out = run("--bank", str(mine), "rescore").stdout
    after = json.loads(run("--bank", str(mine), "history", "--json").stdout)[0]
    assert after["score"] == before["score"] == 7
    assert after["rescored"] < 7 and after["rescored_version"] != before["rubric_version"]
    assert f"7 → {after['rescored']:g}" in out and out.strip().endswith("已重新评分 1 次作答，1 次分数有变")
    assert run("--bank", str(mine), "rescore", "nope", ok=False).exit_code == 1


def test_rescore_reports_what_changed() -> None:
    run("score", "s001-q2", "-", input=answer("q2_four_points.txt"))
    con = sqlite3.connect(db_path())
    con.execute("UPDATE attempts SET score = 1")  # as if an older rubric had given 1
    con.commit()
    out = run("rescore", "s001-q2").stdout
    assert "s001-q2          1 → 7" in out and "已重新评分 1 次作答，1 次分数有变" in out
    assert "7/10" not in run("history").stdout and "1/10  （现 7）" in run("history").stdout
    # When, to the minute, as the screens say it: 2026-12-04 21:26, not the stored ISO form.
    created = json.loads(run("history", "--json").stdout)[0]["created"]
    assert re.match(rf"#1 +{created[:10]} {created[11:16]}  s001-q2 ", run("history").stdout) and "T" not in run("history").stdout


def test_histories_move_between_machines_and_importing_twice_adds_nothing(tmp_path: Path, monkeypatch) -> None:
    run("--user", "alice", "score", "s001-q2", "-", input=answer("q2_four_points.txt"))
    run("--user", "alice", "score", "s001-q1", "-", input=answer("q1_paraphrase.txt"))
    export = tmp_path / "alice.jsonl"
    assert run("--user", "alice", "history", "--export", str(export)).stdout.strip() == f"已把 alice 的 2 次作答导出到 {export}"
    monkeypatch.setenv("DRILL_HOME", str(tmp_path / "instructor"))
    assert run("history", "--import", str(export)).stdout.strip() == "已导入 2 次作答，0 次已有"
    assert run("history", "--import", str(export)).stdout.strip() == "已导入 0 次作答，2 次已有"
    rows = json.loads(run("--user", "alice", "history", "--json").stdout)
    assert [(r["question"], r["score"]) for r in rows] == [("s001-q1", 6), ("s001-q2", 7)]


def test_a_bad_import_line_is_named_and_the_rest_imported(tmp_path: Path) -> None:
    run("score", "s001-q2", "-", input=answer("q2_slips.txt"))
    export = tmp_path / "x.jsonl"
    run("history", "--export", str(export))
    good = export.read_text(encoding="utf-8").strip()
    mangled = tmp_path / "y.jsonl"
    mangled.write_text("{oops\n" + good.replace('"user": "default"', '"user": "carol"') + "\n" + '{"user": "d", "question": "q", "answer": "", "created": "2026"}\n', encoding="utf-8")
    result = run("history", "--import", str(mangled), ok=False)
    assert result.exit_code == 1
    assert result.stdout.strip() == "已导入 1 次作答，0 次已有，2 行未导入"
    assert f"错误：{mangled}: 第 1 行：不是有效的 JSON" in result.stderr
    assert f"错误：{mangled}: 第 3 行：created：\"2026\" 不是时间" in result.stderr


def test_review_across_candidates_as_csv() -> None:
    run("--user", "alice", "score", "s001-q2", "-", input=answer("q2_four_points.txt"))
    run("--user", "alice", "score", "s001-q2", "-", input=answer("q2_reference.txt"))
    run("--user", "bob", "score", "s001-q2", "-", input=answer("q2_slips.txt"))
    rows = list(csv.DictReader(io.StringIO(run("review", "--csv").stdout)))
    assert [(r["user"], r["attempts"], r["average"], r["best"], r["last"]) for r in rows] == [
        ("alice", "2", "85.0", "100.0", "100.0"),
        ("bob", "1", "35.0", "35.0", "35.0"),
    ]
    assert rows[0]["weak_points"] == "p5 p6"
    assert "常失分" in run("review").stdout


def test_review_agrees_with_reading_every_attempt(store) -> None:
    """The SQL of `review` against the plain reading of each profile's attempts it replaced."""
    from collections import defaultdict

    from drill.practice import submit_answer
    from drill.store.records import review

    for user, qid, name in (("alice", "s001-q2", "q2_four_points.txt"), ("alice", "s001-q1", "q1_paraphrase.txt"),
                            ("bob", "s001-q2", "q2_slips.txt"), ("alice", "s001-q2", "q2_countermeasures.txt"),
                            ("bob", "s001-q2", "q2_reference.txt"), ("bob", "s001-q1", "q1_paraphrase.txt")):
        store.use(user)
        submit_answer(store, qid, answer(name))
    expected = []
    for user in ("alice", "bob"):
        store.use(user)
        groups = defaultdict(list)
        for attempt in sorted(store.iter_attempts(), key=lambda a: (a.created, a.id)):
            groups[attempt.question].append(attempt)
        for qid, items in sorted(groups.items()):
            shares = [100 * a.score / a.max for a in items]
            lost = defaultdict(float)
            for a in items:
                for point in a.mark.points:
                    lost[point.id] += {"miss": 1.0, "partial": 0.5}.get(point.status, 0.0)
            weak = [p for p, n in sorted(lost.items(), key=lambda kv: (-kv[1], kv[0])) if n > 0][:3]
            expected.append({"user": user, "question": qid, "attempts": len(items), "average": round(sum(shares) / len(shares), 1),
                             "best": round(max(shares), 1), "last": round(shares[-1], 1), "weak_points": " ".join(weak)})
    assert list(review(store)) == expected and any(row["weak_points"] for row in expected)


def test_review_with_no_attempts_says_so() -> None:
    result = run("review", ok=False)
    assert result.exit_code == 1 and "还没有任何用户的作答记录" in result.stderr


def test_sql_views_show_attempts_with_their_marks() -> None:
    run("score", "s001-q2", "-", input=answer("q2_four_points.txt"))
    con = sqlite3.connect(db_path())
    assert con.execute("SELECT question, score, percent FROM attempt_summary").fetchall() == [("s001-q2", 7.0, 70.0)]
    points = con.execute("SELECT point, status, credit FROM attempt_points ORDER BY point").fetchall()
    assert points == [("p1", "hit", 2.0), ("p2", "hit", 2.0), ("p3", "hit", 1.5), ("p4", "hit", 1.5), ("p5", "miss", 0.0), ("p6", "miss", 0.0)]


def test_a_rubric_is_tested_against_answers_graded_beside_it_with_suggestions(ungraded_bundle: Path, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    (mine / "rubrics").mkdir(parents=True)
    graded = [
        {"id": "a", "answer": answer("q2_reference.txt"), "human": 10, "human_points": [1, 1, 1, 1, 1, 1]},
        {"id": "b", "answer": "一是网上办事系统建设各自为政，运行效率低。", "human": 1.5, "human_points": {"p5": 1}},
        {"id": "c", "answer": "一是理念相对滞后。", "human": 1, "human_points": {"p1": 0.5}},
    ]
    (mine / "rubrics" / "s001-q2.graded.jsonl").write_text("".join(json.dumps(g, ensure_ascii=False) + "\n" for g in graded), encoding="utf-8")
    out = run("--bank", str(mine), "eval", "--question", "s001-q2", "--suggest").stdout
    assert "份数                3" in out and "分歧最大的作答" in out
    assert "  p5  「网上办事系统建设各自为政，运行效率低」  ×1" in out
    assert "p1" not in out.split("建议的同义词")[1]  # half credit does not make a synonym
    missing = run("eval", "--question", "s001-q1", ok=False)
    assert missing.exit_code == 1 and "s001-q1 还没有人工评过分的答案" in missing.stderr


def test_rescore_goes_page_by_page_on_both_cores_and_marks_each_attempt_once(store: Store, monkeypatch) -> None:
    """A long history is re-marked a page at a time in worker processes; the result is the one
    a single process gives, and every attempt is re-marked exactly once."""
    import drill.batch as batch
    from drill.practice import submit_answer

    answers = [answer(name) for name in ("q2_four_points.txt", "q2_slips.txt", "q2_keywords.txt", "q2_reference.txt")]
    for i in range(9):
        submit_answer(store, "s001-q2", answers[i % 4])
        submit_answer(store, "s001-q1", answer("q1_paraphrase.txt"))
    store.db.execute("UPDATE attempts SET score = 0")
    store.db.conn.commit()
    monkeypatch.setattr(batch, "RESCORE_PAGE", 4)
    monkeypatch.setattr(batch, "PARALLEL_FROM", 5)
    parallel = list(batch.rescore(store, workers=2))
    single = list(batch.rescore(store, workers=1))
    assert sorted(c.attempt for c in parallel) == list(range(1, 19)) and parallel == single
    kept = dict(store.db.execute("SELECT id, rescored_score FROM attempts").fetchall())
    assert all(kept[c.attempt] == c.now for c in parallel) and all(c.original == 0 for c in parallel)
    assert len({c.now for c in parallel if c.question == "s001-q2"}) == 4  # four different answers, four marks


def test_an_import_skips_a_line_of_bad_bytes_and_keeps_the_rest(tmp_path: Path) -> None:
    run("score", "s001-q2", "-", input=answer("q2_slips.txt"))
    export = tmp_path / "x.jsonl"
    run("history", "--export", str(export))
    good = export.read_bytes().strip().replace(b'"user": "default"', b'"user": "erin"')
    mangled = tmp_path / "y.jsonl"
    mangled.write_bytes(b"\xef\xbb\xbf" + b'{"user": "\xff"}\r\n' + good + b"\r\n")
    result = run("history", "--import", str(mangled), ok=False)
    assert result.exit_code == 1
    assert result.stdout.strip() == "已导入 1 次作答，0 次已有，1 行未导入"
    assert f"错误：{mangled}: 第 1 行：不是有效的 UTF-8" in result.stderr


def test_long_work_shows_a_bar_on_a_terminal_and_nothing_when_piped(capsys, monkeypatch) -> None:
    import drill.meter as meter_module

    with meter_module.meter("导入", 3) as advance:
        advance(3)
    assert capsys.readouterr().err == ""  # not a terminal here: stderr stays clean for scripts
    monkeypatch.setattr(meter_module, "_wanted", lambda: True)
    shown = []
    monkeypatch.setattr("rich.progress.Progress.advance", lambda self, task, n: shown.append(n))
    with meter_module.meter("导入", 3) as advance:
        advance(2)
        advance(1)
    assert shown == [2, 1]


def test_eval_over_every_graded_question_names_a_bad_line_by_its_file(tmp_path: Path, monkeypatch) -> None:
    """`drill eval --all`: the figures of every file that reads; a bad line named with its file
    and its own line number, and exit 1."""
    mine = tmp_path / "mine"
    (mine / "rubrics").mkdir(parents=True)
    bad = mine / "rubrics" / "s001-q2.graded.jsonl"
    bad.write_text('{"id": "x", "answer": "一是思想认识不到位", "human": 3}\nnot json\n{"id": "y", "answer": "", "human": 99}\n', encoding="utf-8")
    monkeypatch.setenv("DRILL_BANK", str(mine))
    out = run("eval", "--all", ok=False)
    assert out.exit_code == 1
    assert f"{bad}: 第 2 行：不是有效的 JSON" in out.output and f"{bad}: 第 3 行：human：99 超过了这道题的 10 分" in out.output
    # The own file stands in for the bundled one of 问题2: 16 bundled files and its one good line.
    figures = json.loads(run("eval", "--all", "--json", ok=False).stdout)
    shipped = sum(len((REPO / "rubrics" / f"{q}").read_text(encoding="utf-8").splitlines()) for q in os.listdir(REPO / "rubrics") if q.endswith(".graded.jsonl") and not q.startswith("s001-q2"))
    assert figures["n"] == shipped + 1


def test_a_question_given_twice_to_eval_is_marked_once() -> None:
    once = json.loads(run("eval", "--question", "s003-q2", "--json").stdout)
    twice = json.loads(run("eval", "--question", "s003-q2", "--question", "s003-q2", "--json").stdout)
    assert once["n"] == twice["n"] == 5 and once == twice
