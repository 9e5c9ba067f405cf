"""Loading the bank: question, rubric and material files, read with errors that say where.

Layout of a bank root (the bundled one, or the user's own):

    bank/<id>.toml            one question: prompt, 题型, requirements, source, references
    bank/materials/<name>.md  material text, shared by the questions that name it
    bank/papers/<id>.toml     a real exam paper: its 给定资料 (materials) and questions in order
    rubrics/<id>.toml         the rubric of question <id>: key points with weights and synonyms

A question without reference answers needs no rubric (a paper imported without 参考答案):
it loads, and its answers are marked for their form until one is added.

A file is loaded whole or not at all; every problem becomes a `BankFileError` naming the
file, the line and the field.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from drill.bank import toml_text
from drill.bank.files import admissible, bank_paths, read_text
from drill.errors import BankFileError, toml_problem
from drill.models import ID_PATTERN, Material, Paper, Question, Rubric
from drill.text import clean_text

M = TypeVar("M", bound=BaseModel)


@dataclass
class Bank:
    """Everything loaded from the bank roots, and what could not be."""

    questions: dict[str, Question] = field(default_factory=dict)
    rubrics: dict[str, Rubric] = field(default_factory=dict)
    materials: dict[str, Material] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    problems: list[BankFileError] = field(default_factory=list)


def parse_model(path: Path, model: type[M], within: Path | None = None) -> M:
    """Read a TOML file into `model`; raise `BankFileError` for the first problem, with its line.
    With `within` (its bank root), a symlink leading out of it is refused."""
    errors = model_errors(path, model, within)
    if isinstance(errors, list):
        raise errors[0]
    return errors


def model_errors(path: Path, model: type[M], within: Path | None = None) -> M | list[BankFileError]:
    """The model read from `path`, or every problem found in it."""
    try:
        text = read_text(path, within)
    except BankFileError as exc:
        return [exc]
    try:
        data = tomllib.loads(text)
    except RecursionError:
        return [BankFileError(path, "没有读：嵌套太深")]
    except tomllib.TOMLDecodeError as exc:
        message, line = toml_problem(exc)
        return [BankFileError(path, f"不是有效的 TOML：{message}", line=line)]
    try:
        return model.model_validate(data)
    except RecursionError:
        return [BankFileError(path, "没有读：嵌套太深")]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            name = ".".join(str(part) for part in loc) or None
            problems.append(BankFileError(path, field_message(err), line=toml_text.locate(text, loc), field=name))
        return problems


def field_message(err: dict) -> str:
    """What is wrong with a field, from one pydantic error, in Chinese, as bank files and the
    editor say it: the rule in words, and the value given."""
    kind, ctx = err["type"], err.get("ctx") or {}
    field = str(err["loc"][-1]) if err.get("loc") else ""
    if kind == "missing":
        return "必填，不能缺"
    if kind == "extra_forbidden":
        return "不认识的字段"
    if kind == "string_pattern_mismatch":
        said = ID_RULE if ctx.get("pattern") == ID_PATTERN else f"格式不对（应符合 {ctx.get('pattern')}）"
    elif kind in ("literal_error", "enum"):
        said = "须是其中之一：" + "、".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    elif kind == "value_error":
        said = str(ctx.get("error", err["msg"]))
    else:
        said = _RULES.get(kind, "{msg}").format(msg=err["msg"], field=field, **{k: _shown(v) for k, v in ctx.items()})
    if err.get("input") == "":
        return f"{said}（现在是空的）"
    if "input" in err and not isinstance(err["input"], (dict, list)):
        return f"{said}（现为 {_shown(err['input'])}）"
    return said


def first_error(exc: ValidationError) -> str:
    """The first error of a validation as `field.path: message`, in the words of `field_message`."""
    first = exc.errors()[0]
    return f"{'.'.join(str(part) for part in first['loc'])}: {field_message(first)}"


ID_RULE = "编号只能用小写字母、数字、- 和 _，以字母或数字开头，不超过64个字符"
_RULES = {
    "string_too_short": "不能为空",
    "too_short": "至少要有 {min_length} 项",
    "string_too_long": "太长（至多 {max_length} 个字符）",
    "too_long": "太多（至多 {max_length} 项）",
    "greater_than_equal": "不能小于 {ge}",
    "greater_than": "须大于 {gt}",
    "less_than_equal": "不能大于 {le}",
    "less_than": "须小于 {lt}",
    "finite_number": "须是有限的数",
    "float_parsing": "须是数字",
    "float_type": "须是数字",
    "int_parsing": "须是整数",
    "int_type": "须是整数",
    "int_from_float": "须是整数",
    "bool_parsing": "须是 true 或 false",
    "bool_type": "须是 true 或 false",
    "string_type": "须是文字",
    "list_type": "须是列表",
    "dict_type": "须是表",
    "model_type": "须是表",
    "literal_error": "须是其中之一：{expected}",
    "enum": "须是其中之一：{expected}",
}


def _shown(value: object) -> str:
    """A value inside a message: short, as the file would write it."""
    text = value if isinstance(value, str) else f"{value:g}" if isinstance(value, float) else repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


class FileCache(dict):
    """What each bank file held when last read, keyed by path: (size and time, payload).

    A file whose size and modification time are unchanged is not read again; `changed`
    names the entries read this time, for the store to save.
    """

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self.changed: set[str] = set()

    def payload(self, path: Path, parse: Callable[[Path], dict]) -> dict:
        """The file's payload, from the cache when the file is unchanged."""
        stat = path.stat()
        signature = [stat.st_size, stat.st_mtime_ns]
        key = str(path)
        held = self.get(key)
        if held is not None and held[0] == signature:
            return held[1]
        found = parse(path)
        self[key] = (signature, found)
        self.changed.add(key)
        return found


def load_bank(roots: list[Path], cache: FileCache | None = None, only: set[str] | None = None, materials: set[str] | None = None) -> Bank:
    """Load every bank root in order; a later root's question replaces an earlier one's.

    With a `cache`, only files changed since they were cached are read and parsed. With
    `only`, just the question and rubric files of those ids are loaded (and checked against
    the material ids given), as a rebuild after a few edits needs.
    """
    cache = cache if cache is not None else FileCache()
    bank = Bank()
    if only is not None:
        bank.materials = dict.fromkeys(materials or ())  # only their ids are looked at
    for root in roots:
        _load_root(root, bank, cache, only)
    for qid in list(bank.questions):
        _check_entry(bank, qid, roots)
    bank.papers, problems = check_papers(bank.papers, bank.files, {qid: q.points for qid, q in bank.questions.items()}, set(bank.materials))
    bank.problems += problems
    for qid in sorted(set(bank.rubrics) - set(bank.questions)):
        # A rubric whose question file exists but is bad is already reported with that file.
        if not any((root / "bank" / f"{qid}.toml").exists() for root in roots):
            path = bank.files["rubric:" + qid]
            bank.problems.append(BankFileError(path, f"没有题目 {qid!r}：应在 rubrics/ 旁的 bank/{qid}.toml", line=1, field="question"))
    return bank


def _problems(path: Path, errors: list[BankFileError]) -> dict:
    return {"problems": [[e.detail, e.line, e.field] for e in errors]}


def _read_material(path: Path) -> dict:
    try:
        return {"text": clean_text(read_text(path))}
    except BankFileError as exc:
        return _problems(path, [exc])


def _reader(model: type[M], name: str) -> Callable[[Path], dict]:
    """A parser of files holding `model`, whose field `name` must be the file name."""

    def read(path: Path) -> dict:
        result = model_errors(path, model)
        if isinstance(result, list):
            return _problems(path, result)
        if getattr(result, name) != path.stem:
            line = toml_text.locate(read_text(path), (name,))
            message = f"{getattr(result, name)!r} 与文件名 {path.stem!r} 不符"
            return _problems(path, [BankFileError(path, message, line=line, field=name)])
        return {"model": result.model_dump(mode="json")}

    return read


_READ_QUESTION = _reader(Question, "id")
_READ_RUBRIC = _reader(Rubric, "question")
_READ_PAPER = _reader(Paper, "id")
# Each kind of bank file: where it lies, and how it is read.
KINDS = (("material", "bank/materials", ".md", _read_material), ("question", "bank", ".toml", _READ_QUESTION),
         ("rubric", "rubrics", ".toml", _READ_RUBRIC), ("paper", "bank/papers", ".toml", _READ_PAPER))


def entry_files(root: Path, qid: str) -> tuple[Path, Path]:
    """Where a question's file and its rubric's file are under a bank root."""
    return root / "bank" / f"{qid}.toml", root / "rubrics" / f"{qid}.toml"


def _load_root(root: Path, bank: Bank, cache: FileCache, only: set[str] | None = None) -> None:
    for kind, folder, suffix, read in KINDS:
        if only is None:
            paths, refused = bank_paths(root, folder, suffix)
            bank.problems.extend(refused)
        elif kind in ("material", "paper"):
            continue
        else:
            paths = []
            for qid in sorted(only):
                path = entry_files(root, qid)[kind == "rubric"]
                problem = admissible(path, root) if os.path.lexists(path) else None
                if problem is not None:
                    bank.problems.append(problem)
                elif path.is_file():
                    paths.append(path)
        for path in paths:
            payload = cache.payload(path, read)
            if "problems" in payload:
                bank.problems.extend(BankFileError(path, message, line=line, field=field) for message, line, field in payload["problems"])
            elif kind == "material":
                bank.materials[path.stem] = Material(id=path.stem, text=payload["text"])
            elif kind == "question":
                bank.questions[path.stem] = Question.model_validate(payload["model"])
                bank.files[path.stem] = path
            elif kind == "paper":
                bank.papers[path.stem] = Paper.model_validate(payload["model"])
                bank.files["paper:" + path.stem] = path
            else:
                bank.rubrics[path.stem] = Rubric.model_validate(payload["model"])
                bank.files["rubric:" + path.stem] = path


def _check_entry(bank: Bank, qid: str, roots: list[Path]) -> None:
    """Drop a question whose rubric or material is missing or does not fit it, saying why."""
    question = bank.questions[qid]
    qpath = bank.files[qid]
    rubric = bank.rubrics.get(qid)
    problem: BankFileError | None = None
    if rubric is None and not question.references and not any(os.path.lexists(entry_files(root, qid)[1]) for root in roots):
        return  # no reference and no rubric yet: marked for its form until one is added
    if rubric is None:
        bad = [str(path) for root in roots if os.path.lexists(path := entry_files(root, qid)[1])]
        problem = BankFileError(qpath, f"未载入：它的评分标准 {bad[-1]} 有问题（见那一条）" if bad else f"没有评分标准：应在 bank/ 旁的 rubrics/{qid}.toml", line=1, field="id")
    elif abs(rubric.total - question.points) > 1e-6:
        rpath = bank.files["rubric:" + qid]
        what, loc = ("文章各部分的分值", ("essay", "weights")) if rubric.essay else (
            ("采分点和格式检查的分值", ("points", 0, "weight")) if rubric.format else ("采分点的分值", ("points", 0, "weight")))
        problem = BankFileError(
            rpath,
            f"{what}合计 {rubric.total:g} 分，而题目 {qid} 是 {question.points:g} 分",
            line=toml_text.locate(read_text(rpath), loc),
            field=".".join(str(x) for x in loc if not isinstance(x, int)),
        )
    elif question.material and question.material not in bank.materials:
        problem = BankFileError(
            qpath,
            f"找不到材料 {question.material!r}（应在 bank/materials/{question.material}.md）",
            line=toml_text.locate(read_text(qpath), ("material",)),
            field="material",
        )
    if problem is not None:
        bank.problems.append(problem)
        del bank.questions[qid]
        bank.rubrics.pop(qid, None)


def check_papers(papers: dict[str, Paper], files: dict[str, Path], points: dict[str, float], materials: set[str]) -> tuple[dict[str, Paper], list[BankFileError]]:
    """The papers whose questions and materials are all in the bank (`points`: question id →
    points), and a problem for each of the others: a missing question or material, a question
    already in another paper, a stated 满分 that is not the sum of its questions' points."""
    kept: dict[str, Paper] = {}
    problems: list[BankFileError] = []
    owner: dict[str, str] = {}
    for pid in sorted(papers):
        paper, path = papers[pid], files["paper:" + pid]
        problem = _paper_problem(paper, points, materials, owner)
        if problem is None:
            kept[pid] = paper
            owner.update((entry.id, pid) for entry in paper.questions)
        else:
            said, loc = problem
            problems.append(BankFileError(path, said, line=toml_text.locate(read_text(path), loc), field=".".join(str(x) for x in loc if not isinstance(x, int))))
    return kept, problems


def _paper_problem(paper: Paper, points: dict[str, float], materials: set[str], owner: dict[str, str]) -> tuple[str, tuple] | None:
    for i, material in enumerate(paper.materials):
        if material not in materials:
            return f"找不到给定资料{i + 1}的材料 {material!r}（应在 bank/materials/{material}.md）", ("materials", i)
    for i, entry in enumerate(paper.questions):
        if entry.id not in points:
            return f"没有题目 {entry.id!r}（应在 bank/{entry.id}.toml，且能载入）", ("questions", i, "id")
        if entry.id in owner:
            return f"题目 {entry.id!r} 已在试卷 {owner[entry.id]!r} 里：一道题只属于一份试卷", ("questions", i, "id")
    total = round(sum(points[entry.id] for entry in paper.questions), 4)
    if paper.points is not None and abs(total - paper.points) > 1e-6:
        return f"试卷满分 {paper.points:g} 分，而各题分值合计 {total:g} 分", ("points",)
    return None
