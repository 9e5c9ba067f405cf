"""Importing into the bank what an instructor has: documents, plain question files, tables.

`plan_import` reads a file and says what it would create (a question whose prompt is in the
bank already is skipped); `apply_import` writes the plan's files into a bank root, all of
them or none. The layouts: `papers.py` (real exam papers, with or without 参考答案),
`documents.py` (实战应用 documents, plain question files), `tables.py` (CSV, JSONL).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from drill.bank.files import material_path, paper_path, paper_text, read_text, write_atomic, write_material, write_question
from drill.bank.importing.documents import SECTION, ImportedQuestion, parse_document, parse_plain
from drill.bank.importing.paper_plan import paper_questions
from drill.bank.importing.papers import looks_like_paper
from drill.bank.importing.tables import parse_table
from drill.bank.loading import entry_files
from drill.errors import BankFileError, DrillError, ImportFailed, os_reason
from drill.models import Material, Paper
from drill.text import clean_text, compact


@dataclass
class ImportPlan:
    """What importing a file would create, and what it leaves out because the bank has it."""

    materials: list[Material]
    create: list[ImportedQuestion]
    skip: list[tuple[ImportedQuestion, str]]  # (question, the id it already has in the bank)
    paper: Paper | None = None  # a real exam paper: imported whole, its questions all created or none
    repeated: bool = False  # a paper whose every question is in the bank already: nothing to do


def plan_import(path: Path, prefix: str | None = None, known_prompts: dict[str, str] | None = None,
                known_papers: set[str] | None = None) -> ImportPlan:
    """Read a paper, a document, a plain question file, or a CSV / JSONL of questions, and
    plan its import.

    A question whose prompt is already in the bank (`known_prompts`: prompt form → id) is
    skipped, not duplicated. A paper is imported whole, unless one of the same title
    (`known_papers`) with the same questions is in the bank already.
    """
    try:
        text = read_text(path)
    except BankFileError as exc:
        raise ImportFailed(exc.message) from None
    materials: list[Material] = []
    known = known_prompts or {}
    if path.suffix.lower() in (".csv", ".jsonl"):
        found = parse_table(text, path.name, prefix)
    elif looks_like_paper(text):
        paper, materials, found = paper_questions(text, path.name, prefix)
        held = [known.get(compact(item.question.prompt)) for item in found]
        if all(held) and compact(paper.title) in (known_papers or set()):
            # The same paper again: every question is in the bank already.
            return ImportPlan(materials=[], create=[], skip=list(zip(found, held)), repeated=True)
        return ImportPlan(materials=materials, create=found, skip=[], paper=paper)
    elif SECTION.search(clean_text(text)) and "实战应用" in text:
        material, found = parse_document(text, path.name, prefix)
        materials = [material]
    else:
        found = parse_plain(text, path.name, prefix)
    plan = ImportPlan(materials=materials, create=[], skip=[])
    for item in found:
        key = compact(item.question.prompt)
        if key in known:
            plan.skip.append((item, known[key]))
        else:
            known = {**known, key: item.question.id}
            plan.create.append(item)
    return plan


def planned_paths(plan: ImportPlan, root: Path) -> list[Path]:
    """Every file a plan writes under bank root `root`."""
    # A document's material is written with its first question: none when all are skipped.
    paths = [material_path(root, m.id) for m in plan.materials] if plan.create else []
    for item in plan.create:
        question, rubric = entry_files(root, item.question.id)
        paths += [question, rubric] if item.rubric else [question]
    if plan.paper:
        paths.append(paper_path(root, plan.paper.id))
    return paths


def apply_import(plan: ImportPlan, root: Path, source: Path, force: bool = False) -> list[Path]:
    """Write a plan's files into bank root `root`: all of them, or (a write failing, a full
    disk) none, the files written before put back as they were. Refuses to overwrite files
    unless `force`."""
    targets = planned_paths(plan, root)
    if not force:
        existing = [str(path) for path in targets if os.path.lexists(path)]
        if existing:
            raise ImportFailed(f"{source}：已经导入过（{'、'.join(existing[:3])}{' 等' if len(existing) > 3 else ''}）；要覆盖请加 --force")
    before = {path: path.read_bytes() if path.is_file() else None for path in targets}
    written: list[Path] = []
    try:
        for i, item in enumerate(plan.create):
            # A paper's materials are written with the paper; a document's with its first question.
            written += write_question(root, item.question, item.rubric, plan.materials[0] if i == 0 and plan.materials and not plan.paper else None)
        if plan.paper:
            written += [write_material(root, material) for material in plan.materials]
            path = paper_path(root, plan.paper.id)
            write_atomic(path, paper_text(plan.paper), within=root)
            written.append(path)
    except (OSError, DrillError) as exc:
        # Every planned file as it was: a write that failed half-way (a question written, its
        # rubric not) leaves files that `written` does not list yet.
        for path, old in before.items():
            _put_back(path, old)
        said = exc.message if isinstance(exc, DrillError) else os_reason(exc)
        raise ImportFailed(f"{source}：没有导入（写文件时出错：{said}）；题库和导入前一样") from None
    return written


def _put_back(path: Path, old: bytes | None) -> None:
    """A file as it was before an import that failed: its old bytes, or gone."""
    try:
        if old is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(old)
    except OSError:
        pass  # the import's own error is the one to report
