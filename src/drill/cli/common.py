"""What the commands share: opening the store, reading answers and JSON lines, printing JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drill.errors import WARNING_PREFIX, DrillError

if TYPE_CHECKING:
    from drill.models import Question
    from drill.store import Store


def open_store(ctx: click.Context, sync: bool = True) -> Store:
    """Open the database (building the bank if its files changed) and warn of bad bank files.

    The app passes `sync=False`: it opens on the tables as they are and checks the files
    in the background."""
    from drill import paths
    from drill.store import DEFAULT_USER, Store

    store = Store(roots=paths.bank_roots(ctx.obj.get("bank")), user=ctx.obj.get("user") or DEFAULT_USER, sync=sync, quick=True)
    for problem in [*store.notes, *store.problems]:
        click.echo(f"{WARNING_PREFIX}{problem}", err=True)
    return store


def question_json(question: Question) -> dict:
    """The public fields of a question, as `drill list --json` gives them."""
    return {
        "id": question.id,
        "prompt": question.prompt,
        "type": question.type,
        "word_limit": question.word_limit,
        "limit_kind": question.limit_kind,
        "points": question.points,
        "source": question.source,
        "tags": question.tags,
    }


def dump(data) -> str:
    """JSON as drill prints it: UTF-8 Chinese, indented."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def counted(items, advance):
    """`items` passed on one by one, each told to `advance` (bytes for a line of bytes, else 1)."""
    for item in items:
        advance(len(item) + 1 if isinstance(item, bytes) else 1)
        yield item


def json_array(items) -> Iterator[str]:
    """A JSON array as `dump` writes it, piece by piece: a list of any length is never held whole."""
    empty = True
    for item in items:
        yield ("[\n" if empty else ",\n") + "\n".join("  " + line for line in dump(item).split("\n"))
        empty = False
    yield "[]" if empty else "\n]"


MAX_LINES_BYTES = 256_000_000  # a JSONL file read whole (a batch, graded answers); history streams


def read_answer(source: str | None) -> str:
    """The answer text from a file, or stdin for `-` (or when no file is given and stdin is piped)."""
    from drill.bank import decode_text
    from drill.models import MAX_ANSWER

    limit = 4 * MAX_ANSWER + 3  # UTF-8: the longest answer drill marks, in its widest bytes
    if source is None and sys.stdin.isatty():
        raise DrillError("没有作答：给出作答文件 ANSWER_FILE，或用 '-' 从标准输入读入")
    name = source_name(source or "-")
    data = _read(source, limit + 1) if source and source != "-" else sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise DrillError(f"{name}：作答超过 {MAX_ANSWER:,} 个字符；drill 只评这个长度以内的作答")
    return decode_text(data, name)


def _read(source: str, limit: int) -> bytes:
    from drill.bank import read_file

    return read_file(Path(source), limit, pipes=True)


def source_name(source: str) -> str:
    """How a file given on the command line is named in messages ('-': standard input)."""
    return "标准输入" if source == "-" else source


def read_lines(source: str) -> list[str]:
    """The lines of a JSONL file, or of stdin for '-'."""
    from drill.bank import decode_text
    from drill.jsonl import lines_of

    name = source_name(source)
    data = sys.stdin.buffer.read(MAX_LINES_BYTES + 1) if source == "-" else _read(source, MAX_LINES_BYTES + 1)
    if len(data) > MAX_LINES_BYTES:
        raise DrillError(f"{name}：超过 {MAX_LINES_BYTES // 1_000_000} MB，请分成几个小文件")
    return lines_of(decode_text(data, name))
