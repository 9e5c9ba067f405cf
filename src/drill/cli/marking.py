"""Commands that mark: score (one answer, or a batch), eval (agreement with human marks)."""

from __future__ import annotations

from pathlib import Path

import click

from drill.cli import main
from drill.cli.common import dump, open_store, read_answer, read_lines, source_name
from drill.errors import ERROR_PREFIX, DrillError


@main.command()
@click.argument("question_id", required=False)
@click.argument("answer_file", required=False)
@click.option("--batch", "batch_file", metavar="IN.jsonl", help="逐行评分 JSONL 文件中的作答（'-' 为标准输入），每行输出一个结果。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出评分（--batch 时每行一个 JSON）。")
@click.option("--no-save", is_flag=True, help="只评分，不保存作答。")
@click.option("--seconds", type=click.IntRange(min=0, max=30 * 24 * 3600), help="作答用时（秒），随作答保存（至多 30 天）。")
@click.pass_context
def score(ctx: click.Context, question_id: str | None, answer_file: str | None, batch_file: str | None, as_json: bool, no_save: bool, seconds: int | None) -> None:
    """评分一份作答（文件，或 '-' 为标准输入）并保存为作答记录；或批量评分。"""
    from drill.practice import NotSaved, submit_answer
    from drill.report import mark_report

    store = open_store(ctx)
    if batch_file:
        if question_id or answer_file:
            raise DrillError("score --batch：只给出 JSONL 文件；每行自己写明题号或参考答案")
        if score_batch(store, batch_file, as_json, no_save):
            ctx.exit(1)
        return
    if not question_id:
        raise DrillError("score：给出题号 QUESTION_ID（见 drill list），或用 --batch IN.jsonl 批量评分")
    question = store.question(question_id)
    answer = read_answer(answer_file)
    try:
        mark, attempt = submit_answer(store, question_id, answer, seconds=seconds, save=not no_save)
    except NotSaved as exc:  # the mark is shown all the same, then why it was not kept
        click.echo(dump(exc.mark.model_dump(exclude={"points": {"__all__": {"similarity"}}})) if as_json else mark_report(exc.mark, question))
        raise
    if as_json:
        data = mark.model_dump(exclude={"points": {"__all__": {"similarity"}}})
        if attempt:
            data["attempt"] = attempt.id
        click.echo(dump(data))
    else:
        click.echo(mark_report(mark, question))
        if attempt:
            click.echo(f"\n已保存为作答记录 #{attempt.id}")


def score_batch(store, source: str, as_json: bool, no_save: bool) -> int:
    """`drill score --batch`: one result (or error object) per input line, in order, printed as
    marked. Each line's attempt is stored as the line is printed, or not at all; a line run
    again (same profile, question, id and answer) is not stored twice. Returns how many lines failed."""
    import json

    from drill.batch import Item, bank_for, error_json, iter_marks, read_items, result_json
    from drill.errors import BadLine
    from drill.meter import meter
    from drill.numbers import format_points
    from drill.practice import keep
    from drill.store.identity import batch_identity

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
                click.echo(json.dumps(data, ensure_ascii=False) if as_json else f"{ERROR_PREFIX}{source_name(source)}: {data['error']}")
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
        click.echo(f"{empty} 份空作答已评分，但没有保存", err=True)
    if failed:
        click.echo(f"{len(items)} 行中有 {failed} 行无法评分", err=True)
    return failed


@main.command("eval")
@click.argument("graded_file", metavar="GRADED.jsonl", required=False)
@click.option("--question", "question_ids", multiple=True, help="用这道题人工评过分的答案（rubrics/ID.graded.jsonl）；可给多次。")
@click.option("--all", "every", is_flag=True, help="用每道有人工评分答案的题。")
@click.option("--suggest", is_flag=True, help="与一个 --question 同用：从得分的答案中建议可加为同义词的表述。")
@click.option("--by-type", is_flag=True, help="另按题型给出各项指标。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出各项指标。")
@click.pass_context
def eval_(ctx: click.Context, graded_file: str | None, question_ids: tuple[str, ...], every: bool, suggest: bool, by_type: bool, as_json: bool) -> None:
    """比较 drill 的评分与人工评分：平均误差、Pearson r、QWK、各采分点的查准率和查全率。"""
    from drill.bank.graded import graded_files, graded_lines, graded_questions, graded_records
    from drill.evaluation import by_group, combined, evaluate
    from drill.report import agreement_report, group_table, problems_report
    from drill.suggest import suggest_synonyms

    store = open_store(ctx)
    if every and (question_ids or graded_file):
        raise DrillError("eval：--all 不与 --question 或 GRADED.jsonl 同用")
    if suggest and len(question_ids) != 1:
        raise DrillError("eval：--suggest 要与一个 --question 同用")
    question_ids = tuple(dict.fromkeys(question_ids))  # a question given twice is marked once
    if every:
        question_ids = tuple(graded_questions(store.roots))
        if not question_ids:
            raise DrillError("eval：题库里还没有人工评过分的答案（rubrics/ID.graded.jsonl）")
    if question_ids:
        for qid in question_ids:
            store.question(qid)  # an unknown id is said before any file is read
        if graded_file and len(question_ids) > 1:
            raise DrillError("eval：给了 GRADED.jsonl 时只能有一个 --question")
        files = [(question_ids[0], Path(graded_file))] if graded_file else graded_files(store.roots, list(question_ids))
        parts = [(qid, path, graded_lines(path, qid)) for qid, path in files]
        lines = [line for _, _, part in parts for line in part]
        result = combined([(str(path), evaluate(part, store)) for _, path, part in parts])
    elif graded_file:
        lines = read_lines(graded_file)
        result = combined([(source_name(graded_file), evaluate(lines, store))])
    else:
        raise DrillError("eval：给出人工评分文件 GRADED.jsonl，或用 --question ID / --all")
    if not result.n:  # no figures: an MAE of 0.00 over no answers would read as perfect agreement
        if not result.errors:
            raise DrillError("eval：没有人工评过分的作答可比较（文件是空的）")
        click.echo(problems_report(result.errors), err=True)
        ctx.exit(1)
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
    if suggest:
        question, rubric, _, material = store.marking(question_ids[0])
        found = suggest_synonyms(question, rubric, graded_records(lines), material)
        click.echo("建议的同义词（采分点、表述、答案数）：" if found else "没有可建议的同义词")
        for s in found:
            click.echo(f"  {s.point}  「{s.phrase}」  ×{s.answers}")
    if result.errors:
        ctx.exit(1)  # the figures are of the lines that could be read; the others are named above


REFERENCE_ONLY = "参考答案评分（无题型）"


def type_of(store, question_id: str) -> str:
    """The 题型 a graded row is grouped under: its bank question's, or, for a line marked
    against references alone, a group of its own."""
    from drill.marker.derive import REFERENCE_ID

    if question_id == REFERENCE_ID:
        return REFERENCE_ONLY
    return store.question(question_id).type
