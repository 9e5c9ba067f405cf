"""The `drill` command: each subcommand opens the store, makes one core call and prints.

Errors a user can cause (`DrillError`) become one clean line on stderr and exit status 1.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from itertools import chain, islice
from pathlib import Path

import click

from drill import paths
from drill.bank import decode_text
from drill.bank.graded import graded_file as graded_file_of
from drill.bank.graded import graded_lines, graded_records
from drill.bank.importing import apply_import, plan_import
from drill.batch import Item, bank_for, error_json, iter_marks, read_items, result_json
from drill.batch import check_references
from drill.batch import rescore as rescore_history
from drill.errors import BadLine, DrillError
from drill.evaluation import by_group, evaluate
from drill.jsonl import lines_of, stream_lines
from drill.meter import meter
from drill.store.identity import batch_identity
from drill.marker.derive import REFERENCE_ID
from drill.models import Question, format_points
from drill.practice import keep, submit_answer
from drill.report import agreement_report, csv_text, group_table, limit_text, mark_report, question_report
from drill.store import DEFAULT_USER, Store
from drill.store.database import HISTORY_FIELDS
from drill.store.records import REVIEW_FIELDS, export_lines, import_lines, rescore_count, review, review_count
from drill.store.recover import recover_database
from drill.suggest import suggest_synonyms
from drill.text import compact


class DrillGroup(click.Group):
    """A group that turns `DrillError` into `error: …` and exit status 1."""

    def invoke(self, ctx: click.Context):  # noqa: D102 - click API
        try:
            return super().invoke(ctx)
        except DrillError as exc:
            click.echo(f"error: {exc.message}", err=True)
            ctx.exit(1)


def open_store(ctx: click.Context, sync: bool = True) -> Store:
    """Open the database (building the bank if its files changed) and warn of bad bank files.

    The app passes `sync=False`: it opens on the tables as they are and checks the files
    in the background."""
    store = Store(roots=paths.bank_roots(ctx.obj.get("bank")), user=ctx.obj.get("user") or DEFAULT_USER, sync=sync, quick=True)
    for problem in store.problems:
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


@click.group(cls=DrillGroup, invoke_without_command=True)
@click.option("--bank", "bank", type=click.Path(file_okay=False, path_type=Path), help="Your own bank folder (holding bank/ and rubrics/); default: the data dir.")
@click.option("--user", "user", envvar="DRILL_USER", help="The profile to practise as (created if new); default: 'default', or chosen in the app.")
@click.version_option(package_name="drill")
@click.pass_context
def main(ctx: click.Context, bank: Path | None, user: str | None) -> None:
    """drill: practise the 申论 essay paper. Without a command, opens the practice app."""
    ctx.ensure_object(dict)
    ctx.obj["bank"] = bank
    ctx.obj["user"] = user
    if ctx.invoked_subcommand is None:
        from drill.tui.app import make_app

        make_app(open_store(ctx, sync=False), choose_profile=user is None).run()


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.pass_context
def list_questions(ctx: click.Context, as_json: bool) -> None:
    """List every question in the bank."""
    questions = open_store(ctx).questions()
    if as_json:
        click.echo(dump([question_json(q) for q in questions]))
        return
    for q in questions:
        prompt = q.prompt.replace("\n", " ")
        click.echo(f"{q.id:<16} {q.type}  {q.points:>4g}分  {limit_text(q):>6}  {q.source}\n{'':17}{prompt[:60]}{'…' if len(prompt) > 60 else ''}")


@main.command()
@click.argument("question_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def show(ctx: click.Context, question_id: str, as_json: bool) -> None:
    """Show a question with its material, reference answers and rubric."""
    store = open_store(ctx)
    question = store.question(question_id)
    rubric, version = store.rubric(question_id)
    text = store.material_text(question)
    if as_json:
        rubric_json = rubric.model_dump()
        rubric_json["version"] = version
        click.echo(dump({**question_json(question), "material": text, "references": question.references, "rubric": rubric_json}))
    else:
        click.echo(question_report(question, rubric, text))


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
    return decode_text(data, name)


@main.command()
@click.argument("question_id", required=False)
@click.argument("answer_file", required=False)
@click.option("--batch", "batch_file", metavar="IN.jsonl", help="Mark every line of a JSONL file ('-' for stdin), one result per line.")
@click.option("--json", "as_json", is_flag=True, help="Print the mark as JSON (JSON lines with --batch).")
@click.option("--no-save", is_flag=True, help="Mark only; do not store the attempt.")
@click.option("--seconds", type=click.IntRange(min=0), help="Time taken, stored with the attempt.")
@click.pass_context
def score(ctx: click.Context, question_id: str | None, answer_file: str | None, batch_file: str | None, as_json: bool, no_save: bool, seconds: int | None) -> None:
    """Mark an answer (a file, or '-' for stdin) and store it as an attempt; or a batch of answers."""
    store = open_store(ctx)
    if batch_file:
        if question_id or answer_file:
            raise DrillError("score --batch: give only the JSONL file; each line names its question or references")
        if score_batch(store, batch_file, as_json, no_save):
            ctx.exit(1)
        return
    if not question_id:
        raise DrillError("score: name a QUESTION_ID (see 'drill list'), or mark a file of answers with --batch IN.jsonl")
    question = store.question(question_id)
    answer = read_answer(answer_file)
    mark, attempt = submit_answer(store, question_id, answer, seconds=seconds, save=not no_save)
    if as_json:
        data = mark.model_dump(exclude={"points": {"__all__": {"similarity"}}})
        if attempt:
            data["attempt"] = attempt.id
        click.echo(dump(data))
    else:
        click.echo(mark_report(mark, question))
        if attempt:
            click.echo(f"\n已保存为作答记录 #{attempt.id}")


def read_lines(source: str) -> list[str]:
    """The lines of a JSONL file, or of stdin for '-'."""
    if source == "-":
        return lines_of(decode_text(sys.stdin.buffer.read(), "standard input"))
    try:
        return lines_of(decode_text(Path(source).read_bytes(), source))
    except OSError as exc:
        raise DrillError(f"cannot read {source}: {exc.strerror}") from None


def score_batch(store: Store, source: str, as_json: bool, no_save: bool) -> int:
    """`drill score --batch`: one result (or error object) per input line, in order, printed as
    marked. Each line's attempt is stored as the line is printed, or not at all; a line run
    again (same profile, question, id and answer) is not stored twice. Returns how many lines failed."""
    prepared, items = bank_for(read_items(read_lines(source)), store)
    good = [item for item in items if isinstance(item, Item)]
    failed = empty = 0
    with meter("评分", len(items)) as advance:
        marks = iter_marks(good, prepared)
        for item in items:
            advance(1)
            if isinstance(item, BadLine):
                failed += 1
                data = error_json(item)
                click.echo(json.dumps(data, ensure_ascii=False) if as_json else f"error: {data['error']}")
                continue
            mark = next(marks)
            data = result_json(item, mark)
            if item.question and not no_save:
                if item.answer.strip():
                    key = batch_identity(store.user, item.question, str(item.id), item.answer)
                    data["attempt"] = keep(store, item.answer, mark, None, prepared.questions[item.question][2], batch_key=key).id
                else:
                    data["attempt"], empty = None, empty + 1
            if as_json:
                click.echo(json.dumps(data, ensure_ascii=False))
            else:
                click.echo(f"{item.id}\t{format_points(mark.score)}/{format_points(mark.max)}")
    if empty:
        click.echo(f"{empty} empty answers were marked but not stored", err=True)
    if failed:
        click.echo(f"{failed} of {len(items)} lines could not be marked", err=True)
    return failed


@main.command("eval")
@click.argument("graded_file", metavar="GRADED.jsonl", required=False)
@click.option("--question", "question_id", help="Use the answers graded for this question (rubrics/ID.graded.jsonl).")
@click.option("--suggest", is_flag=True, help="With --question: phrases of credited answers to add as synonyms.")
@click.option("--by-type", is_flag=True, help="Also give the figures for each 题型.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def eval_(ctx: click.Context, graded_file: str | None, question_id: str | None, suggest: bool, by_type: bool, as_json: bool) -> None:
    """Measure drill's marks against human marks: MAE, Pearson r, QWK, point precision/recall."""
    store = open_store(ctx)
    if question_id:
        question, rubric, _, material = store.marking(question_id)
        path = Path(graded_file) if graded_file else graded_file_of(store.roots, question_id)
        if path is None:
            raise DrillError(f"eval: no graded answers for {question_id} (expected rubrics/{question_id}.graded.jsonl)")
        lines = graded_lines(path, question_id)
    elif graded_file:
        lines = read_lines(graded_file)
    else:
        raise DrillError("eval: name a GRADED.jsonl file, or --question ID")
    result = evaluate(lines, store)
    groups = by_group(result, lambda row: type_of(store, row.mark.question)) if by_type else {}
    if as_json:
        summary = result.summary()
        if by_type:
            summary["by_type"] = {name: {k: v for k, v in a.summary().items() if k != "errors"} for name, a in groups.items()}
        click.echo(dump(summary))
    else:
        click.echo(agreement_report(result))
        if by_type:
            click.echo("\n" + group_table(groups))
    if suggest and question_id:
        found = suggest_synonyms(question, rubric, graded_records(lines), material)
        click.echo("suggested synonyms (point, phrase, answers):" if found else "no synonyms to suggest")
        for s in found:
            click.echo(f"  {s.point}  「{s.phrase}」  ×{s.answers}")


REFERENCE_ONLY = "参考答案评分（无题型）"


def type_of(store: Store, question_id: str) -> str:
    """The 题型 a graded row is grouped under: its bank question's, or, for a line marked
    against references alone, a group of its own."""
    if question_id == REFERENCE_ID:
        return REFERENCE_ONLY
    return store.question(question_id).type


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--prefix", help="Id prefix of the new questions (default: the file name).")
@click.option("--force", is_flag=True, help="Overwrite question files of the same id.")
@click.option("--dry-run", is_flag=True, help="Show what would be created; write nothing.")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], prefix: str | None, force: bool, dry_run: bool) -> None:
    """Import documents (实战应用 layout), plain question files, or CSV / JSONL of questions."""
    store = open_store(ctx)
    root = store.own_root
    known = {compact(q.prompt): q.id for q in store.questions()}
    with meter("导入", len(files), "个文件") as advance:
        for file in files:
            _import_one(file, prefix if len(files) == 1 else None, known, root, force, dry_run)
            advance(1)
    if not dry_run:
        store.sync_bank()
        click.echo(f"bank: {len(store.question_ids())} questions")


def _import_one(file: Path, prefix: str | None, known: dict[str, str], root: Path, force: bool, dry_run: bool) -> None:
    """Plan and (unless `dry_run`) write one file's questions, saying what was made and skipped."""
    plan = plan_import(file, prefix=prefix, known_prompts=known)
    for item, existing in plan.skip:
        click.echo(f"skip {item.question.id}: the same prompt is in the bank as {existing}")
    for item in plan.create:
        known[compact(item.question.prompt)] = item.question.id
        if dry_run:
            q = item.question
            click.echo(f"would create {q.id}  {q.type}  {format_points(q.points)}分  {limit_text(q)}  {len(item.rubric.points)} key points  ({q.source})")
    if not dry_run:
        for written in apply_import(plan, root, file, force):
            click.echo(f"wrote {written}")


@main.command()
@click.pass_context
def new(ctx: click.Context) -> None:
    """Write a new question and its rubric in the app's editor."""
    from drill.tui.app import make_app
    from drill.tui.navigation import OpenEditor

    make_app(open_store(ctx), start=OpenEditor()).run()


@main.command()
@click.argument("question_id")
@click.pass_context
def edit(ctx: click.Context, question_id: str) -> None:
    """Edit a question and its rubric in the app's editor (saved to your own bank)."""
    from drill.tui.app import make_app
    from drill.tui.navigation import OpenEditor

    store = open_store(ctx)
    store.question(question_id)  # an unknown id is reported here, not in the app
    make_app(store, start=OpenEditor(question_id)).run()


@main.command()
@click.argument("name", required=False)
@click.argument("value", required=False)
def config(name: str | None, value: str | None) -> None:
    """Show the settings, or set one: drill config maximum_interval 180."""
    from drill import settings

    path = paths.settings_path()
    if name is None:
        current = settings.plan(path)
        for setting in settings.SETTINGS.values():
            click.echo(f"{setting.name} = {getattr(current, setting.name)}    # {setting.meaning}（{setting.low:g}–{setting.high:g}）")
        return
    if value is None:
        settings.check(name, getattr(settings.plan(path), name, None), f"drill config {name}")
        click.echo(getattr(settings.plan(path), name))
        return
    click.echo(f"{name} = {settings.write(path, name, value)}（{path}）")


@main.command()
@click.pass_context
def recover(ctx: click.Context) -> None:
    """Move a damaged database aside, save its readable attempts and start a new one."""
    report = recover_database(paths.db_path())
    if report.healthy:
        click.echo(f"{paths.db_path()} is sound: nothing to recover")
        return
    click.echo(f"moved the damaged database to {report.moved_to}")
    click.echo(f"saved {report.recovered} readable attempts to {report.saved_to} ({report.unreadable} unreadable)")
    store = open_store(ctx)
    added, _, _ = import_lines(store, lines_of(report.saved_to.read_text(encoding="utf-8")))
    click.echo(f"new database built from the bank: {len(store.question_ids())} questions, {added} attempts restored")


@main.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """Check every bank and rubric file; report all problems at once (exit 1 if any)."""
    store = Store(roots=paths.bank_roots(ctx.obj.get("bank")), user=ctx.obj.get("user") or DEFAULT_USER)
    count = 0
    for problem in chain(store.problems, check_references(store)):  # printed as found
        click.echo(f"error: {problem}", err=True)
        count += 1
    questions = len(store.question_ids())
    click.echo(f"{questions} questions, {questions} rubrics, {count} problems")
    if count:
        ctx.exit(1)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.option("--question", "question_id", help="Only this question's attempts.")
@click.option("--export", "export_file", type=click.Path(dir_okay=False, path_type=Path), help="Write this profile's attempts to a JSONL file.")
@click.option("--import", "import_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Add attempts from a JSONL export (already-present ones are skipped).")
@click.pass_context
def history(ctx: click.Context, as_json: bool, as_csv: bool, question_id: str | None, export_file: Path | None, import_file: Path | None) -> None:
    """List your attempts, newest first; or export / import them."""
    if as_json and as_csv:
        raise DrillError("history: choose one of --json and --csv")
    store = open_store(ctx, sync=False)  # attempts only: the bank files need not be looked at
    if import_file:
        try:
            with import_file.open("rb") as handle, meter("导入作答记录", import_file.stat().st_size, "字节") as advance:
                # read as it is imported: a file of any size
                added, skipped, problems = import_lines(store, counted(stream_lines(handle), advance))
        except OSError as exc:
            raise DrillError(f"cannot read {import_file}: {exc.strerror}") from None
        for problem in problems:
            click.echo(f"error: {import_file}: {problem}", err=True)
        click.echo(f"imported {added} attempts, {skipped} already here")
        return
    if question_id:
        store.question(question_id)
    if export_file:
        count = 0
        total = None if question_id else store.history_count()
        with export_file.open("w", encoding="utf-8") as out, meter("导出作答记录", total) as advance:  # one at a time, oldest first
            for line in export_lines(store.iter_attempts(question_id, oldest_first=True)):
                out.write(line + "\n")
                count += 1
                advance(1)
        click.echo(f"exported {count} attempts of {store.user} to {export_file}")
        return
    rows = store.history_rows(question_id)  # the columns shown, not the answers or marks, as they are read
    if as_json:
        for piece in json_array(rows):
            click.echo(piece, nl=False)
        click.echo()
    elif as_csv:
        header = True
        while chunk := list(islice(rows, 1000)):
            click.echo(csv_text(chunk, HISTORY_FIELDS, header=header), nl=False)
            header = False
        if header:
            click.echo(csv_text([], HISTORY_FIELDS), nl=False)
    else:
        shown = 0
        for row in rows:
            shown += 1
            now_mark = f"  (now {row['rescored']:g})" if row["rescored"] is not None and row["rescored"] != row["score"] else ""
            click.echo(f"#{row['id']:<5} {row['created']}  {row['question']:<16} {row['score']:g}/{row['max']:g}{now_mark}  {row['word_count']}字")
        if not shown:
            click.echo("no attempts yet")


@main.command()
@click.argument("question_id", required=False)
@click.pass_context
def rescore(ctx: click.Context, question_id: str | None) -> None:
    """Re-mark every profile's history with the current rubric (one question, or all); originals are kept."""
    count = moved = 0
    store = open_store(ctx)
    with meter("重新评分", rescore_count(store, question_id)) as advance:
        for c in rescore_history(store, question_id):
            count += 1
            advance(1)
            if c.now != c.original:
                moved += 1
                click.echo(f"#{c.attempt:<5} {c.user:<10} {c.question:<16} {c.original:g} → {c.now:g}")
    click.echo(f"re-marked {count} attempts, {moved} changed")


@main.command("review")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")
@click.pass_context
def review_(ctx: click.Context, as_csv: bool) -> None:
    """Every candidate's results per question: attempts, average, best, last, weak points."""
    store = open_store(ctx, sync=False)
    with meter("汇总", review_count(store), "组") as advance:
        rows = counted(review(store), lambda _: advance(1))
        if as_csv:
            header = True
            while chunk := list(islice(rows, 1000)):  # printed as read: a million attempts are many rows
                click.echo(csv_text(chunk, REVIEW_FIELDS, header=header), nl=False)
                header = False
            return
        for r in rows:
            click.echo(f"{r['user']:<10} {r['question']:<16} {r['attempts']:>3}次  平均 {r['average']:>5}%  最好 {r['best']:>5}%  最近 {r['last']:>5}%  常失分 {r['weak_points'] or '—'}")
