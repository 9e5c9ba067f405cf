"""Commands on the history: history (list, export, import), rescore, review, recover."""

from __future__ import annotations

from pathlib import Path

import click

from drill.cli import main
from drill.cli.common import counted, json_array, open_store
from drill.errors import ERROR_PREFIX, WARNING_PREFIX, DrillError, os_reason


@main.command()
@click.pass_context
def recover(ctx: click.Context) -> None:
    """数据库损坏时：把它移到一旁（不删除），保存能读出的作答记录，另建一个新的数据库。"""
    from drill import paths
    from drill.jsonl import lines_of
    from drill.store.records import import_lines
    from drill.meter import meter
    from drill.store.recover import recover_database

    with meter("读取可恢复的作答", None) as advance:
        report = recover_database(paths.db_path(), advance)
    if report.healthy:
        click.echo(f"{paths.db_path()} 完好，无需恢复")
        return
    click.echo(f"已把损坏的数据库移到 {report.moved_to}")
    click.echo(f"已把能读出的 {report.recovered} 次作答保存到 {report.saved_to}（{report.unreadable} 次读不出）")
    store = open_store(ctx)
    with meter("恢复作答", report.recovered) as advance:
        added, _, _ = import_lines(store, counted(lines_of(report.saved_to.read_text(encoding="utf-8")), lambda _: advance(1)))
    click.echo(f"已从题库新建数据库：{len(store.question_ids())} 道题，恢复 {added} 次作答")


@main.command()
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
@click.option("--csv", "as_csv", is_flag=True, help="以 CSV 输出。")
@click.option("--question", "question_id", help="只列这道题的作答。")
@click.option("--export", "export_file", type=click.Path(dir_okay=False, path_type=Path), help="把当前用户的作答记录导出为 JSONL 文件。")
@click.option("--import", "import_file", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="从导出的 JSONL 文件导入作答记录（已有的跳过）。")
@click.pass_context
def history(ctx: click.Context, as_json: bool, as_csv: bool, question_id: str | None, export_file: Path | None, import_file: Path | None) -> None:
    """列出你的作答记录（新的在前），或导出、导入。"""
    from itertools import islice

    from drill.jsonl import stream_lines
    from drill.meter import meter
    from drill.report import csv_text
    from drill.store.database import HISTORY_FIELDS
    from drill.store.records import export_lines, import_lines

    if as_json and as_csv:
        raise DrillError("history：--json 和 --csv 只能选一个")
    store = open_store(ctx, sync=False)  # attempts only: the bank files need not be looked at
    if import_file:
        try:
            with import_file.open("rb") as handle, meter("导入作答记录", import_file.stat().st_size, "字节") as advance:
                # read as it is imported: a file of any size
                answered: set[str] = set()
                added, skipped, problems = import_lines(store, counted(stream_lines(handle), advance), answered)
        except OSError as exc:
            raise DrillError(f"读不了 {import_file}：{os_reason(exc)}") from None
        for problem in problems:
            click.echo(f"{ERROR_PREFIX}{import_file}: {problem}", err=True)
        click.echo(f"已导入 {added} 次作答，{skipped} 次已有" + (f"，{len(problems)} 行未导入" if problems else ""))
        unknown = sorted(answered - set(store.question_ids()))
        if unknown:
            shown = "、".join(unknown[:10]) + (f" 等 {len(unknown)} 道" if len(unknown) > 10 else "")
            click.echo(f"{WARNING_PREFIX}题库里没有这些题目，它们的作答记录已导入但练不了、不能重新评分：{shown}", err=True)
        if problems:
            ctx.exit(1)
        return
    if question_id:
        store.question(question_id)
    if export_file:
        from drill.paths import private_file

        count = 0
        total = None if question_id else store.history_count()
        with private_file(export_file) as out, meter("导出作答记录", total) as advance:  # one at a time, oldest first
            for line in export_lines(store.iter_attempts(question_id, oldest_first=True)):
                out.write(line + "\n")
                count += 1
                advance(1)
        click.echo(f"已把 {store.user} 的 {count} 次作答导出到 {export_file}")
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
        from drill.report import minute

        shown = 0
        for row in rows:
            shown += 1
            now_mark = f"  （现 {row['rescored']:g}）" if row["rescored"] is not None and row["rescored"] != row["score"] else ""
            click.echo(f"#{row['id']:<5} {minute(row['created'])}  {row['question']:<16} {row['score']:g}/{row['max']:g}{now_mark}  {row['word_count']}字")
        if not shown:
            click.echo("还没有作答记录")


@main.command()
@click.argument("question_id", required=False)
@click.pass_context
def rescore(ctx: click.Context, question_id: str | None) -> None:
    """用当前评分标准重新评分所有用户的作答（一道题或全部）；原来的评分保留。"""
    from drill.batch import rescore as rescore_history
    from drill.meter import meter
    from drill.store.records import rescore_count

    count = moved = 0
    store = open_store(ctx)
    with meter("重新评分", rescore_count(store, question_id)) as advance:
        for c in rescore_history(store, question_id):
            count += 1
            advance(1)
            if c.now != c.original:
                moved += 1
                click.echo(f"#{c.attempt:<5} {c.user:<10} {c.question:<16} {c.original:g} → {c.now:g}")
    click.echo(f"已重新评分 {count} 次作答，{moved} 次分数有变")


@main.command("review")
@click.option("--csv", "as_csv", is_flag=True, help="以 CSV 输出。")
@click.pass_context
def review_(ctx: click.Context, as_csv: bool) -> None:
    """每位考生每道题的成绩：作答次数、平均、最好、最近（%），常失分的采分点。"""
    from itertools import islice

    from drill.meter import meter
    from drill.report import csv_text
    from drill.store.records import REVIEW_FIELDS, review, review_count, weak_named

    store = open_store(ctx, sync=False)
    with meter("汇总", review_count(store), "组") as advance:
        rows = counted(review(store), lambda _: advance(1))
        if as_csv:
            header = True
            while chunk := list(islice(rows, 1000)):  # printed as read: a million attempts are many rows
                click.echo(csv_text(chunk, REVIEW_FIELDS, header=header), nl=False)
                header = False
            return
        texts: dict[str, dict[str, str]] = {}
        for r in rows:
            click.echo(f"{r['user']:<10} {r['question']:<16} {r['attempts']:>3}次  平均 {r['average']:>5}%  最好 {r['best']:>5}%  最近 {r['last']:>5}%  常失分 {weak_named(store, texts, r)}")
