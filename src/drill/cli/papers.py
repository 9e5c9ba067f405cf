"""Commands on real exam papers: list them, sit one as a mock exam."""

from __future__ import annotations

import click

from drill.cli import main
from drill.cli.common import dump, open_store


@main.command()
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出，而不是表格。")
@click.option("--sat", is_flag=True, help="列出做过的模考（总分、每题得分和用时），而不是试卷。")
@click.pass_context
def papers(ctx: click.Context, as_json: bool, sat: bool) -> None:
    """列出题库中的试卷（真题套卷），或 --sat 做过的模考。"""
    from drill.numbers import format_points
    from drill.report import minute
    from drill.store.papers import paper_attempts
    from drill.store.papers import papers as listed

    store = open_store(ctx)
    if sat:
        done = paper_attempts(store, limit=10_000)
        if as_json:
            click.echo(dump([{"id": a.id, "paper": a.paper, "title": a.title, "created": a.created, "seconds": a.seconds,
                              "score": a.score, "max": a.max, "unmarked": a.unmarked, "questions": a.questions} for a in done]))
            return
        if not done:
            click.echo("还没有模考记录：drill exam 试卷编号 开始一次")
        for a in done:
            left = f"（{format_points(a.unmarked)} 分未评）" if a.unmarked else ""
            click.echo(f"#{a.id} {minute(a.created)}  {a.paper}  {format_points(a.score)}/{format_points(a.max)}{left}  用时 {a.seconds // 60} 分钟")
        return
    found = listed(store)
    if as_json:
        click.echo(dump([paper.as_json() for paper in found]))
        return
    if not found:
        click.echo("题库里还没有试卷：drill import 试卷.txt 导入一份")
    for paper in found:
        click.echo(f"{paper.id:<20} {paper.minutes}分钟  {format_points(paper.points)}分  {len(paper.questions)}题  {paper.title}")


@main.command()
@click.argument("paper_id")
@click.pass_context
def exam(ctx: click.Context, paper_id: str) -> None:
    """模考：按考试时限做一整份试卷（中途退出下次接着做）。"""
    from drill.store.papers import paper
    from drill.tui.app import make_app
    from drill.tui.navigation import OpenExam

    store = open_store(ctx)
    paper(store, paper_id)  # an unknown id is reported here, not in the app
    make_app(store, start=OpenExam(paper_id)).run()
