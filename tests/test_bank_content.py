"""The bundled bank: every source document in it, every 题型, clean material, and marks that agree with ours."""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter

import pytest

from drill import paths
from drill.bank import load_bank, rubric_text
from drill.evaluation import by_group, evaluate
from drill.models import QUESTION_TYPES
from drill.store import Store
from tests.conftest import REPO, SEEDS, graded

# What conversion debris looks like: box drawing, bopomofo, small forms, U+FFFD, toned pinyin, `?`.
DEBRIS = re.compile(r"[\u2500-\u257f\u3100-\u312f\ufe30-\ufe4f\ufffd?？āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


@pytest.fixture(scope="module")
def bank():
    return load_bank([paths.bundled_root()])


def test_every_source_document_and_every_type_is_in_the_bank(bank) -> None:
    new = [q for q in bank.questions.values() if not q.material.startswith("001_")]
    assert len(new) >= 14
    assert {q.material[:3] for q in new} == {"000", "002", "003", "004"}
    assert set(QUESTION_TYPES) <= {q.type for q in new}
    assert sum(q.type == "文章写作" for q in new) >= 2
    for q in bank.questions.values():
        file, _, section = q.source.partition("#")
        assert file == f"{q.material}.txt" and section, q.id
        assert re.search(r"\d+字", q.prompt) and re.search(r"[（(]?\d+分", q.prompt), q.id


def test_practical_documents_check_their_form_and_essays_are_marked_by_bands(bank) -> None:
    for qid, question in bank.questions.items():
        rubric = bank.rubrics[qid]
        if question.type == "贯彻执行":
            assert {"title", "structure", "signature"} <= {c.check for c in rubric.format}, qid
        if question.type == "文章写作":
            assert rubric.essay is not None and rubric.essay.min_words >= 1000, qid


def test_no_material_shows_conversion_debris(bank) -> None:
    for material in bank.materials.values():
        found = [material.text[max(0, m.start() - 8) : m.end() + 8] for m in DEBRIS.finditer(material.text)]
        assert found == [], material.id


def test_seed_004s_garbled_headings_read_as_the_report_wrote_them(bank) -> None:
    text = bank.materials["004_ca3be2b37162b7f7"].text
    for heading in ("（三）打造快捷高效政务环境", "（五）打造透明法治环境", "（二）优化要素保障环境案例观察",
                    "（三）优化法治监管环境案例观察", "（四）优化创新创业环境案例观察", "（三）海外传播中的内蒙古营商环境"):
        assert f"\n{heading}\n" in text
    assert "网民质疑当地相关部门未在旅游公路起止点" in text and "埃里克·索尔海姆" in text


@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_the_materials_are_rebuilt_from_the_seeds_as_committed() -> None:
    spec = importlib.util.spec_from_file_location("seed_materials", REPO / "scripts" / "seed_materials.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for path in sorted((REPO / "bank" / "materials").glob("00[0234]_*.md")):
        assert module.material_text(SEEDS / f"{path.stem}.txt") == path.read_text(encoding="utf-8"), path.name


def test_rubrics_with_format_checks_or_an_essay_write_back_byte_identical(bank) -> None:
    for qid in ("s002-q4", "s003-q5", "s000-q4", "s004-q2"):
        path = REPO / "rubrics" / f"{qid}.toml"
        assert rubric_text(bank.rubrics[qid]) == path.read_text(encoding="utf-8")


def test_every_new_question_has_five_answers_graded_by_hand(bank) -> None:
    records = [json.loads(line) for line in graded("bank")]
    counts = Counter(r["question"] for r in records)
    new = [qid for qid, q in bank.questions.items() if not q.material.startswith("001_")]
    assert {qid: counts[qid] for qid in new if counts[qid] < 5} == {}
    assert all(r["answer"].strip() and isinstance(r["human"], (int, float)) for r in records)


def test_drill_agrees_with_the_hand_marks_on_every_type(store: Store) -> None:
    result = evaluate(graded("bank"), store)
    assert result.errors == [] and result.n >= 75
    assert result.mae <= 1.0 and result.qwk >= 0.85
    groups = by_group(result, lambda row: store.question(row.mark.question).type)
    assert set(groups) == set(QUESTION_TYPES)
    for name, figures in groups.items():
        assert figures.mae <= 1.5 and figures.qwk >= 0.8, (name, figures.summary())


def test_eval_by_type_prints_a_row_per_type() -> None:
    from click.testing import CliRunner

    from drill.cli import main

    out = CliRunner().invoke(main, ["eval", "--all", "--by-type"]).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ") and not line.startswith("| 题型") and not line.startswith("| ---")]
    assert sorted(row.split("|")[1].strip() for row in rows) == sorted(QUESTION_TYPES)


def test_every_bundled_question_ships_its_graded_answers(bank) -> None:
    """The rubric test (F8) and `drill eval --question` have answers to work on for every
    bundled question; each file small and readable, each line an answer we marked by hand."""
    shipped = sorted(path.name.removesuffix(".graded.jsonl") for path in (REPO / "rubrics").glob("*.graded.jsonl"))
    assert shipped == sorted(bank.questions)
    for qid in shipped:
        path = REPO / "rubrics" / f"{qid}.graded.jsonl"
        assert path.stat().st_size < 100_000
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        assert len(records) >= 5 and all("question" not in r and isinstance(r["answer"], str) for r in records)
