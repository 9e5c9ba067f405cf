"""Writing a question and its rubric from an editor's fields, and adding a synonym.

The editor (the TUI's, opened by `drill new` / `drill edit ID`) holds every field as the text
typed; `build` turns that text into a `Question` and a `Rubric`, or names every field that is
wrong; `save` writes the bank and rubric files so that a file saved unchanged keeps its bytes
and a changed field changes only its lines. `add_synonym` patches a rubric file the same way.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from drill.bank import toml_text
from drill.bank.files import MAX_FILE_BYTES, admissible, question_text, read_text, rubric_extra_text, rubric_text, write_atomic
from drill.bank.loading import field_message, parse_model
from drill.errors import BankFileError, DrillError, toml_problem
from drill.models import ID_PATTERN, KeyPoint, Question, Rubric
from drill.text import clean_text

RULES = ("hit_threshold", "partial_threshold", "partial_credit", "credit", "copy_threshold", "copy_points")
LIMIT_RULES = ("about_tolerance", "over_step", "over_points", "over_cap")
REFERENCE_BREAK = re.compile(r"^[ \t]*-{3,}[ \t]*$")
_TAG_SPLIT = re.compile(r"[,，、;；\s]+")

LABELS = {
    "id": "编号", "type": "题型", "points": "分值", "word_limit": "字数", "limit_kind": "字数要求",
    "source": "来源", "tags": "标签", "material": "材料", "prompt": "题目", "references": "参考作答",
    "hit_threshold": "命中阈值", "partial_threshold": "部分阈值", "partial_credit": "部分得分",
    "credit": "计分方式", "copy_threshold": "照抄比例", "copy_points": "照抄扣分",
    "about_tolerance": "字数容差", "over_step": "超字步长", "over_points": "每步扣分", "over_cap": "扣分上限",
    "weight": "分值", "text": "要点", "synonyms": "同义表述", "extra": "格式检查 / 作文评分",
    "question": "题目", "rubric": "评分标准",
}


@dataclass
class PointForm:
    """One 采分点 as typed: synonyms one a line."""

    id: str = ""
    weight: str = ""
    text: str = ""
    synonyms: str = ""


@dataclass
class QuestionForm:
    """Every field of the editor, as text. `material_text` is the material shown (and edited)."""

    id: str = ""
    type: str = "归纳概括"
    points: str = ""
    word_limit: str = ""
    limit_kind: str = "max"
    source: str = ""
    tags: str = ""
    material: str = ""
    material_text: str = ""
    prompt: str = ""
    references: str = ""
    rules: dict[str, str] = field(default_factory=dict)
    key_points: list[PointForm] = field(default_factory=list)
    extra: str = ""  # [essay] and [[format]] tables, as TOML


@dataclass
class Problem:
    """A field that is wrong: `field` as the files name it (`rubric.points.2.weight`)."""

    field: str
    message: str

    @property
    def label(self) -> str:
        """The field as the editor shows it: 采分点3 · 分值 (rubric.points.2.weight)."""
        parts = self.field.split(".")
        tables = {"points": "采分点", "format": "格式检查"}
        if parts[0] == "rubric" and len(parts) > 2 and parts[1] in tables and parts[2].isdigit():
            name = f"{tables[parts[1]]}{int(parts[2]) + 1}" + (f" · {LABELS.get(parts[3], parts[3])}" if len(parts) > 3 else "")
        else:
            name = LABELS.get(parts[-1], parts[-1])
        return f"{name} ({self.field})"

    def __str__(self) -> str:
        return f"{self.label}: {self.message}"


@dataclass
class Built:
    """What the fields make: the question and rubric when every field is right, else the problems."""

    question: Question | None = None
    rubric: Rubric | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and self.question is not None and self.rubric is not None


def _number(value: float) -> str:
    return f"{value:g}"


def blank_rubric(question_id: str = "x") -> Rubric:
    """The marker's default rules, with a placeholder point (for the rules alone)."""
    return Rubric(question=question_id, points=[KeyPoint(id="p1", weight=1, text="x")])


def blank_form(question_id: str = "") -> QuestionForm:
    """A new question: the marker's default rules and one empty 采分点."""
    return QuestionForm(id=question_id, rules=_rules_of(blank_rubric()), key_points=[PointForm(id="p1")])


def _rules_of(rubric: Rubric) -> dict[str, str]:
    rules = {key: (str(getattr(rubric, key)) if key == "credit" else _number(getattr(rubric, key))) for key in RULES}
    rules.update({f"limit.{key}": _number(getattr(rubric.limit, key)) for key in LIMIT_RULES})
    return rules


def form_of(question: Question, rubric: Rubric | None, material_text: str = "") -> QuestionForm:
    """The editor's fields for a question and its rubric; a question without one yet (a paper
    imported without 参考答案) gets the default rules and one empty 采分点, as a new one."""
    if rubric is None:
        form = form_of(question, blank_rubric(question.id), material_text)
        form.key_points = [PointForm(id="p1")]
        return form
    return QuestionForm(
        id=question.id, type=question.type, points=_number(question.points),
        word_limit=str(question.word_limit or ""), limit_kind=question.limit_kind or "max",
        source=question.source, tags="、".join(question.tags), material=question.material,
        material_text=material_text, prompt=question.prompt,
        references="\n---\n".join(ref.strip("\n") for ref in question.references),
        rules=_rules_of(rubric), extra=rubric_extra_text(rubric),
        key_points=[PointForm(p.id, _number(p.weight), p.text, "\n".join(p.synonyms)) for p in rubric.points],
    )


def split_references(text: str) -> list[str]:
    """Reference answers typed one after another, a line of `---` between them."""
    parts: list[list[str]] = [[]]
    for line in text.split("\n"):
        if REFERENCE_BREAK.match(line):
            parts.append([])
        else:
            parts[-1].append(line)
    return [joined for joined in ("\n".join(lines).strip("\n") for lines in parts) if joined.strip()]


def _errors(exc: ValidationError, prefix: str) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = ".".join(str(part) for part in err["loc"])
        problems.append(Problem(f"{prefix}{loc}" if loc else prefix.rstrip(".") or "question", field_message(err)))
    return problems


def build(form: QuestionForm, materials: set[str] | None = None, taken: set[str] | None = None) -> Built:
    """Check every field; the question and rubric they make, or every problem at once.

    `materials`: the material ids there are; `taken`: ids a new question may not use.
    """
    built = Built()
    word_limit = form.word_limit.strip() or None
    qdata = {
        "id": form.id.strip(), "type": form.type, "points": form.points.strip(),
        "word_limit": word_limit, "limit_kind": form.limit_kind if word_limit else None,
        "source": form.source.strip(), "material": form.material if form.material or not form.material_text.strip() else form.id.strip(),
        "tags": [t for t in _TAG_SPLIT.split(form.tags) if t], "prompt": form.prompt.strip(),
        "references": split_references(form.references),
    }
    try:
        built.question = Question.model_validate(qdata)
    except ValidationError as exc:
        built.problems += _errors(exc, "")
    if taken and qdata["id"] in taken:
        built.problems.append(Problem("id", f"题库里已有编号为 {qdata['id']} 的题目"))
    if form.material and materials is not None and form.material not in materials and not form.material_text.strip():
        built.problems.append(Problem("material", f"没有这份材料：{form.material}"))
    if not qdata["references"]:
        built.problems.append(Problem("references", "至少要有一份参考作答"))
    rdata: dict = {"question": qdata["id"] if re.match(ID_PATTERN, qdata["id"]) else "x"}
    rdata.update({key: form.rules.get(key, "").strip() for key in RULES if form.rules.get(key, "").strip()})
    rdata["limit"] = {key: form.rules[f"limit.{key}"].strip() for key in LIMIT_RULES if form.rules.get(f"limit.{key}", "").strip()}
    rdata["points"] = [
        {"id": p.id.strip(), "weight": p.weight.strip(), "text": p.text.strip(), "synonyms": [s.strip() for s in p.synonyms.splitlines() if s.strip()]}
        for p in form.key_points
    ]
    if built.question is not None and built.question.references and not any(p.text.strip() for p in form.key_points) and not form.extra.strip():
        # No 采分点 written, a reference given: the points are derived from it, as an import does.
        from drill.bank.importing.documents import rubric_for

        rdata["points"] = [p.model_dump() for p in rubric_for(built.question, built.question.references[0]).points]
    if form.extra.strip():
        try:
            extra = tomllib.loads(form.extra)
        except tomllib.TOMLDecodeError as exc:
            message, line = toml_problem(exc)
            built.problems.append(Problem("rubric.extra", f"不是有效的 TOML：{f'第 {line} 行：' if line else ''}{message}"))
            extra = {}
        unknown = sorted(set(extra) - {"essay", "format"})
        if unknown:
            built.problems.append(Problem("rubric.extra", f"这里只能写 [essay] 和 [[format]]（写了 {'、'.join(unknown)}）"))
        rdata.update({key: extra[key] for key in ("essay", "format") if key in extra})
    try:
        built.rubric = Rubric.model_validate(rdata)
    except ValidationError as exc:
        built.problems += _errors(exc, "rubric.")
        ids = [p["id"] for p in rdata["points"]]
        twice = sorted({i for i in ids if i and ids.count(i) > 1})
        if twice and not any(p.field == "rubric.points" for p in built.problems):
            # pydantic checks the list only when every point is right; say it now all the same
            built.problems.append(Problem("rubric.points", f"采分点编号 {twice[0]} 用了两次"))
    if built.question and built.rubric and abs(built.rubric.total - built.question.points) > 1e-6:
        what = "文章各部分的分值" if built.rubric.essay else "采分点和格式检查的分值" if built.rubric.format else "采分点的分值"
        built.problems.append(Problem("points", f"{what}合计 {built.rubric.total:g} 分，而题目是 {built.question.points:g} 分"))
    return built


def _source_file(roots: list[Path], relative: str) -> Path | None:
    """The file the bank reads for `relative` (the last root that has it)."""
    present = [root / relative for root in roots if (root / relative).is_file() and admissible(root / relative, root) is None]
    return present[-1] if present else None


def planned_text(roots: list[Path], relative: str, new_text: str, model: type[Question] | type[Rubric]) -> str:
    """The text to write for `relative`: the current file patched so that only changes show."""
    current = _source_file(roots, relative)
    if current is None:
        return new_text
    old_text = read_text(current)
    new_model = model.model_validate(tomllib.loads(new_text))
    try:
        old_model = model.model_validate(tomllib.loads(old_text))
    except (ValueError, tomllib.TOMLDecodeError):
        return new_text  # a broken file is written afresh
    if old_model == new_model:
        return old_text  # the same question or rubric, however the file lays it out
    return toml_text.patch(old_text, new_text, old_model.model_dump(mode="json"), lambda out: model.model_validate(tomllib.loads(out)) == new_model)


def save(roots: list[Path], target: Path, built: Built, material_text: str | None = None) -> list[Path]:
    """Write the question, its rubric and (when given and changed) its material under `target`.

    Returns the files written; a file whose text would not change is not written. Bundled
    files are never written: `target` is the instructor's own bank root.
    """
    if not built.ok:
        raise BankFileError(target / "bank", "; ".join(str(p) for p in built.problems))
    question, rubric = built.question, built.rubric
    if not re.match(ID_PATTERN, question.id):
        raise BankFileError(target / "bank", f"题号 {question.id!r} 不能用：只能用小写字母、数字、- 和 _，以字母或数字开头，最长 64 个字符", field="id")
    plan = [
        (f"bank/{question.id}.toml", planned_text(roots, f"bank/{question.id}.toml", question_text(question), Question)),
        (f"rubrics/{question.id}.toml", planned_text(roots, f"rubrics/{question.id}.toml", rubric_text(rubric), Rubric)),
    ]
    if material_text is not None and question.material:
        relative = f"bank/materials/{question.material}.md"
        current = _source_file(roots, relative)
        if current is None or clean_text(read_text(current)).rstrip("\n") != clean_text(material_text).rstrip("\n"):
            plan.append((relative, material_text.rstrip("\n") + "\n"))
    for relative, text in plan:  # (the bank would refuse to read it back: the question would vanish from it)
        if (size := len(text.encode("utf-8"))) > MAX_FILE_BYTES:
            raise BankFileError(target / relative, f"太大（{size / 1e6:.1f} MB；题库至多读 {MAX_FILE_BYTES / 1e6:.2g} MB 的文件）：什么都没有保存")
    written = []
    for relative, text in plan:
        current = _source_file(roots, relative)
        if current is not None and current.read_bytes() == text.encode("utf-8"):
            continue  # unchanged: a bundled file is not copied, an own file keeps its bytes
        write_atomic(target / relative, text, within=target)
        written.append(target / relative)
    return written


def add_synonym(roots: list[Path], target: Path, question_id: str, point_id: str, phrase: str) -> Path:
    """Add `phrase` to a key point's synonyms in the rubric file under bank root `target`.

    A question that is not yet in `target` (a bundled one, say) is copied there first, with
    its rubric and material, so the instructor's version takes its place. Returns the rubric
    file written.
    """
    target_rubric = target / "rubrics" / f"{question_id}.toml"
    if not target_rubric.exists():
        source = next((root for root in reversed(roots) if (root / "rubrics" / f"{question_id}.toml").exists()), None)
        if source is None:
            raise DrillError(f"{question_id} 没有评分标准文件")
        question = parse_model(source / "bank" / f"{question_id}.toml", Question, within=source)
        material_file = source / "bank" / "materials" / f"{question.material}.md"
        for path in (source / "bank" / f"{question_id}.toml", source / "rubrics" / f"{question_id}.toml", material_file):
            copy = target / path.relative_to(source)
            if path.exists() and not os.path.lexists(copy):
                write_atomic(copy, read_text(path, within=source), within=target)
    rubric = parse_model(target_rubric, Rubric, within=target)
    points = []
    for point in rubric.points:
        if point.id == point_id and phrase not in point.synonyms:
            point = point.model_copy(update={"synonyms": [*point.synonyms, phrase]})
        points.append(point)
    if all(p.id != point_id for p in points):
        raise DrillError(f"{target_rubric}：没有编号为 {point_id!r} 的采分点")
    relative = f"rubrics/{question_id}.toml"
    write_atomic(target_rubric, planned_text([target], relative, rubric_text(rubric.model_copy(update={"points": points})), Rubric), within=target)
    return target_rubric
