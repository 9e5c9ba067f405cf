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

from drill.bank.files import MAX_FILE_BYTES, safe_id
from drill.bank.importing.documents import ImportedQuestion, build_question
from drill.bank.loading import first_error
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
    # A cell may hold a whole material: as long as the file itself may be (csv's own limit is 128 KB).
    csv.field_size_limit(MAX_FILE_BYTES)
    reader = csv.DictReader(io.StringIO(text))
    rows = []
    try:
        for row in reader:
            rows.append((reader.line_num, dict(row)))
    except csv.Error as exc:
        raise ImportFailed(f"{file_name}:{reader.line_num}: 不能按 CSV 读（{exc}）") from None
    return rows


def parse_table(text: str, file_name: str, prefix: str | None = None) -> list[ImportedQuestion]:
    """The questions of a CSV or JSONL file (see the module docstring)."""
    prefix = safe_id(prefix or Path(file_name).stem)
    found = []
    first_row: dict[str, int] = {}
    for index, (number, row) in enumerate(_rows(text, file_name), start=1):
        where = f"{file_name}:{number}"
        for name in REQUIRED:
            if not isinstance(row.get(name), str) or not row[name].strip():
                raise ImportFailed(f"{where}: {name}: 缺少")
        for name in ("id", "type", "limit_kind"):
            if row.get(name) not in (None, "") and not isinstance(row[name], str):
                raise ImportFailed(f"{where}: {name}: 应为文字，现为 {row[name]!r}"[:200])
        given: dict = {}
        for name in NUMBERS:
            value = row.get(name)
            if value not in (None, ""):
                try:
                    given[name] = float(value) if name == "points" else int(value)
                except (TypeError, ValueError):
                    raise ImportFailed(f"{where}: {name}: {value!r} 不是数") from None
        for name in ("type", "limit_kind"):
            if row.get(name):
                given[name] = row[name]
        tags = row.get("tags")
        if tags:
            if not isinstance(tags, str) and not (isinstance(tags, list) and all(isinstance(tag, str) for tag in tags)):
                raise ImportFailed(f"{where}: tags: 应为用空格隔开的词，或文字的列表")
            given["tags"] = tags.split() if isinstance(tags, str) else tags
        try:
            item = build_question(row.get("id") or f"{prefix}-q{index}", row["prompt"], row["reference"], f"{file_name}#{number}", **given)
        except ValidationError as exc:
            raise ImportFailed(f"{where}: {first_error(exc)}") from None
        qid = item.question.id
        if qid in first_row:
            raise ImportFailed(f"{where}: id: {qid!r} 也是第 {first_row[qid]} 行的编号；每道题要有自己的编号")
        first_row[qid] = number
        found.append(item)
    if not found:
        raise ImportFailed(f"{file_name}：里面没有题目")
    return found
