"""Bank files: the bundled bank loads, bad files say where they are wrong, the database follows the files."""

from __future__ import annotations

from pathlib import Path

import pytest

from drill import paths
from drill.bank import load_bank, parse_model, question_text, rubric_text
from drill.errors import BankFileError
from drill.models import Question, Rubric
from drill.practice import submit_answer
from drill.marker import mark_answer
from drill.store import Store
from tests.conftest import BUNDLED


def test_the_bundled_bank_loads_cleanly() -> None:
    bank = load_bank([paths.bundled_root()])
    assert bank.problems == []
    assert set(bank.questions) == set(BUNDLED) and len(BUNDLED) >= 16
    for qid, question in bank.questions.items():
        assert bank.rubrics[qid].total == question.points
        assert question.material in bank.materials


def test_every_reference_answer_gets_full_marks_against_its_own_rubric() -> None:
    bank = load_bank([paths.bundled_root()])
    for qid, question in bank.questions.items():
        for reference in question.references:
            assert mark_answer(reference, question, bank.rubrics[qid]).score == question.points, qid


@pytest.mark.parametrize("name", ["s001-q1", "s001-q2"])
def test_bundled_files_are_in_the_form_drill_writes(name: str) -> None:
    """Writing a loaded file back gives the same bytes: editing one field will change only its lines."""
    root = paths.bundled_root()
    for path, model, dump in ((root / "bank" / f"{name}.toml", Question, question_text), (root / "rubrics" / f"{name}.toml", Rubric, rubric_text)):
        assert dump(parse_model(path, model)) == path.read_text(encoding="utf-8")


def problem_for(root: Path) -> list[str]:
    return [p.message for p in load_bank([root]).problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_field_is_named_with_its_file(bank_copy: Path) -> None:
    replace_in(bank_copy / "bank" / "s001-q2.toml", 'type = "归纳概括"\n', "")
    (problem,) = problem_for(bank_copy)
    assert problem == f"{bank_copy / 'bank' / 's001-q2.toml'}:1: type: 必填，不能缺"


def test_a_wrong_value_names_file_line_and_field(bank_copy: Path) -> None:
    replace_in(bank_copy / "bank" / "s001-q2.toml", 'type = "归纳概括"', 'type = "写作文"')
    (problem,) = problem_for(bank_copy)
    assert problem.startswith(f"{bank_copy / 'bank' / 's001-q2.toml'}:2: type: 须是")
    assert "（现为 写作文）" in problem and "须是其中之一：归纳概括、" in problem


def test_a_bad_key_point_weight_names_its_line(bank_copy: Path) -> None:
    path = bank_copy / "rubrics" / "s001-q2.toml"
    replace_in(path, 'id = "p3"\nweight = 1.5', 'id = "p3"\nweight = "heavy"')
    problems = problem_for(bank_copy)
    line = path.read_text(encoding="utf-8").splitlines().index('weight = "heavy"') + 1
    assert problems[0] == f"{path}:{line}: points.2.weight: 须是数字（现为 heavy）"


def test_weights_that_do_not_add_up_drop_the_question_only(bank_copy: Path) -> None:
    replace_in(bank_copy / "rubrics" / "s001-q2.toml", "weight = 1.5", "weight = 3")
    bank = load_bank([bank_copy])
    assert "s001-q2" not in bank.questions and "s001-q1" in bank.questions
    (problem,) = [p.message for p in bank.problems]
    assert "采分点的分值合计 11.5 分，而题目 s001-q2 是 10 分" in problem


def test_broken_toml_gives_its_line(bank_copy: Path) -> None:
    path = bank_copy / "bank" / "s001-q1.toml"
    replace_in(path, "points = 10", "points = = 10")
    problem, paper = problem_for(bank_copy)
    assert problem.startswith(f"{path}:3: 不是有效的 TOML")
    assert "bank/papers/yingshang-mock.toml:26: questions.id: 没有题目 's001-q1'" in paper  # the paper that holds it


def test_invalid_utf8_and_unknown_fields_are_reported(bank_copy: Path) -> None:
    bad = bank_copy / "bank" / "s001-q1.toml"
    bad.write_bytes(b'id = "s001-q1"\ntype = "\xff"\n')
    replace_in(bank_copy / "bank" / "s001-q2.toml", "tags = [", "colour = 1\ntags = [")
    problems = problem_for(bank_copy)
    assert f"{bad}:2: 不是有效的 UTF-8（这一行的第 9 个字节）" in problems
    assert any(p.endswith("colour: 不认识的字段") for p in problems)


def test_missing_rubric_and_material_are_reported(bank_copy: Path) -> None:
    (bank_copy / "rubrics" / "s001-q1.toml").unlink()
    (bank_copy / "bank" / "materials" / "001_b43d7cd7380caf35.md").unlink()
    problems = problem_for(bank_copy)
    assert any("没有评分标准：应在 bank/ 旁的 rubrics/s001-q1.toml" in p for p in problems)
    assert any("material: 找不到材料 '001_b43d7cd7380caf35'" in p for p in problems)


def test_a_file_named_unlike_its_id_is_refused(bank_copy: Path) -> None:
    (bank_copy / "bank" / "s001-q2.toml").rename(bank_copy / "bank" / "other.toml")
    problems = problem_for(bank_copy)
    assert any("other.toml:1: id: 's001-q2' 与文件名 'other' 不符" in p for p in problems)


def test_the_database_follows_the_files_and_keeps_attempts(tmp_path: Path, bank_copy: Path) -> None:
    store = Store(tmp_path / "d.db", roots=[bank_copy])
    _, attempt = submit_answer(store, "s001-q2", "一是思想认识不到位。", seconds=5)
    store.save_draft("s001-q1", "草稿", 3)
    replace_in(bank_copy / "bank" / "s001-q2.toml", 'tags = []', 'tags = [\n    "真题",\n]')
    store.close()
    reopened = Store(tmp_path / "d.db", roots=[bank_copy])
    assert reopened.question("s001-q2").tags == ["真题"]
    assert [a.id for a in list(reopened.iter_attempts())] == [attempt.id]
    assert reopened.draft("s001-q1").answer == "草稿"


def test_a_bad_edit_keeps_the_rest_of_the_bank_and_history(tmp_path: Path, bank_copy: Path) -> None:
    store = Store(tmp_path / "d.db", roots=[bank_copy])
    submit_answer(store, "s001-q2", "一是思想认识不到位。")
    replace_in(bank_copy / "rubrics" / "s001-q2.toml", 'question = "s001-q2"', 'question = 7')
    assert any("question: 须是文字" in p for p in store.sync_bank())
    assert store.question_ids() == [q for q in BUNDLED if q != "s001-q2"]
    assert len(list(store.iter_attempts())) == 1


def test_bank_file_error_reads_as_file_line_field() -> None:
    assert str(BankFileError("bank/x.toml", "missing (required)", line=4, field="prompt")) == "bank/x.toml:4: prompt: missing (required)"


def test_a_rebuild_reads_only_the_files_that_changed(tmp_path: Path, bank_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import drill.bank.loading

    Store(tmp_path / "d.db", roots=[bank_copy]).close()
    read: list[str] = []
    original = drill.bank.loading.model_errors
    monkeypatch.setattr(drill.bank.loading, "model_errors", lambda path, model: read.append(path.name) or original(path, model))
    replace_in(bank_copy / "rubrics" / "s001-q2.toml", "partial_credit = 0.5", "partial_credit = 0.6")
    store = Store(tmp_path / "d.db", roots=[bank_copy])
    assert read == ["s001-q2.toml"]
    assert store.rubric("s001-q2")[0].partial_credit == 0.6
    assert store.question_ids() == BUNDLED
    (bank_copy / "bank" / "s001-q1.toml").unlink()
    assert store.sync_bank() == [
        f"{bank_copy / 'rubrics' / 's001-q1.toml'}:1: question: 没有题目 's001-q1'：应在 rubrics/ 旁的 bank/s001-q1.toml",
        f"{bank_copy / 'bank' / 'papers' / 'yingshang-mock.toml'}:26: questions.id: 没有题目 's001-q1'（应在 bank/s001-q1.toml，且能载入）",
    ]
    assert store.question_ids() == [q for q in BUNDLED if q != "s001-q1"]
    assert [row[0] for row in store.db.execute("SELECT path FROM bank_files WHERE path LIKE '%s001-q1.toml'")] == [str(bank_copy / "rubrics" / "s001-q1.toml")]
