"""Questions from tables: CSV with a header row, or JSON lines, one question each.

Fields: `prompt` and `reference` (required); `id`, `type`, `points`, `word_limit`,
`limit_kind`, `tags` (in CSV separated by spaces) may be given, else they are read from the
prompt as the importer reads documents. A bad row is an error naming the file, the row and
the field; nothing of the file is imported then.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pydantic import ValidationError

from drill.bank.files import safe_id
from drill.bank.importing.documents import ImportedQuestion, build_question
from drill.errors import BadLine, ImportFailed
from drill.jsonl import json_lines, lines_of

REQUIRED = ("prompt", "reference")
NUMBERS = ("points", "word_limit")


def _rows(text: str, file_name: str) -> list[tuple[int, dict]]:
    if file_name.lower().endswith(".jsonl"):
        rows = []
        for number, record in json_lines(lines_of(text)):
            if isinstance(record, BadLine):
                raise ImportFailed(f"{file_name}:{number}: {record.detail}")
            rows.append((number, record))
        return rows
    reader = csv.DictReader(io.StringIO(text))
    return [(number, dict(row)) for number, row in enumerate(reader, start=2)]


def parse_table(text: str, file_name: str, prefix: str | None = None) -> list[ImportedQuestion]:
    """The questions of a CSV or JSONL file (see the module docstring)."""
    prefix = safe_id(prefix or Path(file_name).stem)
    found = []
    for index, (number, row) in enumerate(_rows(text, file_name), start=1):
        where = f"{file_name}:{number}"
        for name in REQUIRED:
            if not isinstance(row.get(name), str) or not row[name].strip():
                raise ImportFailed(f"{where}: {name}: missing")
        given: dict = {}
        for name in NUMBERS:
            value = row.get(name)
            if value not in (None, ""):
                try:
                    given[name] = float(value) if name == "points" else int(value)
                except (TypeError, ValueError):
                    raise ImportFailed(f"{where}: {name}: {value!r} is not a number") from None
        for name in ("type", "limit_kind"):
            if row.get(name):
                given[name] = row[name]
        tags = row.get("tags")
        if tags:
            given["tags"] = tags.split() if isinstance(tags, str) else list(tags)
        try:
            found.append(build_question(row.get("id") or f"{prefix}-q{index}", row["prompt"], row["reference"], f"{file_name}#{number}", **given))
        except ValidationError as exc:
            first = exc.errors()[0]
            raise ImportFailed(f"{where}: {'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    if not found:
        raise ImportFailed(f"{file_name}: no questions in it")
    return found
