"""Importing into the bank what an instructor has: documents, plain question files, tables.

`plan_import` reads a file and says what it would create (a question whose prompt is in the
bank already is skipped); `apply_import` writes the plan's files into a bank root. The
layouts: `documents.py` (实战应用 documents, plain question files), `tables.py` (CSV, JSONL).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from drill.bank.files import read_text, write_question
from drill.bank.importing.documents import SECTION, ImportedQuestion, parse_document, parse_plain
from drill.bank.importing.tables import parse_table
from drill.bank.loading import entry_files
from drill.errors import BankFileError, ImportFailed
from drill.models import Material
from drill.text import clean_text, compact


@dataclass
class ImportPlan:
    """What importing a file would create, and what it leaves out because the bank has it."""

    material: Material | None
    create: list[ImportedQuestion]
    skip: list[tuple[ImportedQuestion, str]]  # (question, the id it already has in the bank)


def plan_import(path: Path, prefix: str | None = None, known_prompts: dict[str, str] | None = None) -> ImportPlan:
    """Read a document, a plain question file, or a CSV / JSONL of questions, and plan its import.

    A question whose prompt is already in the bank (`known_prompts`: prompt form → id) is
    skipped, not duplicated.
    """
    try:
        text = read_text(path)
    except BankFileError as exc:
        raise ImportFailed(exc.message) from None
    material: Material | None = None
    if path.suffix.lower() in (".csv", ".jsonl"):
        found = parse_table(text, path.name, prefix)
    elif SECTION.search(clean_text(text)) and "实战应用" in text:
        material, found = parse_document(text, path.name, prefix)
    else:
        found = parse_plain(text, path.name, prefix)
    known = known_prompts or {}
    plan = ImportPlan(material=material, create=[], skip=[])
    for item in found:
        key = compact(item.question.prompt)
        if key in known:
            plan.skip.append((item, known[key]))
        else:
            known = {**known, key: item.question.id}
            plan.create.append(item)
    return plan


def apply_import(plan: ImportPlan, root: Path, source: Path, force: bool = False) -> list[Path]:
    """Write a plan's questions into bank root `root`; refuses to overwrite files unless `force`."""
    if not force:
        existing = [str(path) for item in plan.create for path in entry_files(root, item.question.id) if os.path.lexists(path)]
        if existing:
            raise ImportFailed(f"{source}：已经导入过（{'、'.join(existing)}）；要覆盖请加 --force")
    written: list[Path] = []
    for i, item in enumerate(plan.create):
        written += write_question(root, item.question, item.rubric, plan.material if i == 0 else None)
    return written
