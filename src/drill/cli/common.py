"""What the commands share: opening the store, reading answers and JSON lines, printing JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drill.errors import DrillError

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
        click.echo(f"warning: {problem}", err=True)
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


def read_answer(source: str | None) -> str:
    """The answer text from a file, or stdin for `-` (or when no file is given and stdin is piped)."""
    if source is None or source == "-":
        if source is None and sys.stdin.isatty():
            raise DrillError("no answer given: name an ANSWER_FILE, or pipe the answer in with '-'")
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise DrillError(f"cannot read answer file {source}: {exc.strerror}") from None
        name = source
    from drill.bank import decode_text

    return decode_text(data, name)


def read_lines(source: str) -> list[str]:
    """The lines of a JSONL file, or of stdin for '-'."""
    from drill.bank import decode_text
    from drill.jsonl import lines_of

    if source == "-":
        return lines_of(decode_text(sys.stdin.buffer.read(), "standard input"))
    try:
        return lines_of(decode_text(Path(source).read_bytes(), source))
    except OSError as exc:
        raise DrillError(f"cannot read {source}: {exc.strerror}") from None
