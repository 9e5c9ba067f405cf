"""Bank files on disk: reading what a person wrote, writing what they keep.

Reading refuses what is not a bank file (bad UTF-8, NUL bytes, over 2 MB) with the line;
every write is atomic (the old text or the new, never half) and goes through `write_atomic`.
`question_text` and `rubric_text` are the one fixed form drill writes question and rubric
files in, so an edit shows up in git as the lines it changed.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from drill.bank import toml_text
from drill.errors import BankFileError
from drill.models import ID_PATTERN, Material, Question, Rubric


def decode_text(data: bytes, name: Path | str) -> str:
    """Text a person wrote: UTF-8, BOM allowed; bad bytes are a `BankFileError` naming their line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise BankFileError(name, f"not valid UTF-8 (byte {exc.start})", line=line) from None


MAX_FILE_BYTES = 2_000_000  # a bank file larger than this is a mistake, not a question


def read_text(path: Path) -> str:
    """A bank file's text: UTF-8 (BOM allowed), with CRLF folded; bad bytes name their line."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BankFileError(path, f"file too large ({size / 1e6:.1f} MB; a bank file may hold {MAX_FILE_BYTES / 1e6:g} MB)")
    text = decode_text(path.read_bytes(), path)
    if "\x00" in text:
        raise BankFileError(path, "contains NUL bytes: not a text file", line=text[: text.index("\x00")].count("\n") + 1)
    return text.replace("\r\n", "\n")


def write_atomic(path: Path, text: str) -> None:
    """Write a file a person keeps (bank, rubric, graded answers): the old text or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".saving")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def question_text(question: Question) -> str:
    """The file text of a question: short fields first, the prompt and references last."""
    data = question.model_dump()
    head = {key: data[key] for key in ("id", "type", "points", "word_limit", "limit_kind", "source", "material", "tags")}
    if isinstance(head["points"], float) and head["points"].is_integer():
        head["points"] = int(head["points"])
    return toml_text.assignments(head) + "\n" + toml_text.assignments({"prompt": question.prompt}) + "\n" + toml_text.assignments({"references": question.references})


def rubric_text(rubric: Rubric) -> str:
    """The file text of a rubric: the marker's rules, then one [[points]] table per key point."""
    data = rubric.model_dump()
    out = toml_text.assignments({key: data[key] for key in ("question", "hit_threshold", "partial_threshold", "partial_credit", "credit", "copy_threshold", "copy_points")})
    out += "\n[limit]\n" + toml_text.assignments(data["limit"]) + _essay_text(data)
    for point in data["points"]:
        out += "\n[[points]]\n" + toml_text.assignments(point)
    return out + _format_text(data)


def _essay_text(data: dict) -> str:
    if not data["essay"]:
        return ""
    essay = dict(data["essay"])
    weights = essay.pop("weights")
    return "\n[essay]\n" + toml_text.assignments(essay) + "\n[essay.weights]\n" + toml_text.assignments(weights)


def _format_text(data: dict) -> str:
    return "".join("\n[[format]]\n" + toml_text.assignments(check) for check in data["format"])


def rubric_extra_text(rubric: Rubric) -> str:
    """A rubric's [essay] and [[format]] tables alone, as `rubric_text` writes them."""
    data = rubric.model_dump()
    return (_essay_text(data) + _format_text(data)).lstrip("\n")


def safe_id(text: str) -> str:
    """An id usable as a file name: lower-case ASCII letters, digits, `-` and `_` only."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", text.lower()).strip("-_")[:48]
    if not slug or not re.match(ID_PATTERN, slug):
        slug = "q-" + slug if slug else "q"
    return slug


def write_question(root: Path, question: Question, rubric: Rubric, material: Material | None) -> list[Path]:
    """Write a question's files under bank root `root`; returns the paths written."""
    if not re.match(ID_PATTERN, question.id):
        raise BankFileError(root / "bank", f"unsafe question id {question.id!r}", field="id")
    plan = []
    if material is not None:
        plan.append((root / "bank" / "materials" / f"{safe_id(material.id)}.md", material.text.rstrip("\n") + "\n"))
    plan.append((root / "bank" / f"{question.id}.toml", question_text(question)))
    plan.append((root / "rubrics" / f"{question.id}.toml", rubric_text(rubric)))
    for path, text in plan:
        write_atomic(path, text)
    return [path for path, _ in plan]
