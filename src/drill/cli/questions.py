"""Commands on the bank: list, show, import, check, and the editor (new, edit)."""

from __future__ import annotations

from pathlib import Path

import click

from drill.cli import main
from drill.cli.common import dump, open_store, question_json
from drill.errors import ERROR_PREFIX


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出，而不是表格。")
@click.pass_context
def list_questions(ctx: click.Context, as_json: bool) -> None:
    """列出题库中的每道题。"""
    from drill.report import limit_text

    questions = open_store(ctx).questions()
    if as_json:
        click.echo(dump([question_json(q) for q in questions]))
        return
    for q in questions:
        prompt = q.prompt.replace("\n", " ")
        click.echo(f"{q.id:<16} {q.type}  {q.points:>4g}分  {limit_text(q):>6}  {q.source}\n{'':17}{prompt[:60]}{'…' if len(prompt) > 60 else ''}")


@main.command()
@click.argument("question_id")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出，而不是文字。")
@click.pass_context
def show(ctx: click.Context, question_id: str, as_json: bool) -> None:
    """显示一道题：材料、参考作答和评分标准。"""
    from drill.marker.sources import point_sources
    from drill.report import question_report
    from drill.store.papers import paper_of

    store = open_store(ctx)
    question = store.question(question_id)
    rubric, version = store.rubric(question_id)
    text = store.material_shown(question)
    of = paper_of(store, question_id)
    found = point_sources(rubric.points, text) if rubric else {}  # where each 采分点 is to be found in the material
    if as_json:
        from drill.reading import section_path

        rubric_json = {**rubric.model_dump(), "version": version} if rubric else None
        if rubric:  # (start, end index "material"; the headings it is under)
            for point in rubric_json["points"]:
                source = found.get(point["id"])
                point["source"] = {**source.model_dump(), "under": section_path(text, source.start)} if source else None
        paper = {"id": of[0], "position": of[1], "cites": of[2]} if of else None
        click.echo(dump({**question_json(question), "material": text, "references": question.references, "rubric": rubric_json, "paper": paper}))
    else:
        click.echo(question_report(question, rubric, text, of, found))


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--prefix", help="新题目编号的前缀（默认：文件名）。")
@click.option("--force", is_flag=True, help="覆盖同编号的题目文件。")
@click.option("--dry-run", is_flag=True, help="只显示将创建什么，不写入。")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], prefix: str | None, force: bool, dry_run: bool) -> None:
    """导入文档（实战应用格式）、纯文本题目文件，或 CSV / JSONL 题目表。"""
    from drill.bank.importing.run import Known, import_one
    from drill.meter import meter

    store = open_store(ctx)
    known = Known.of(store)
    with meter("导入", len(files), "个文件") as advance:
        for file in files:
            for line in import_one(file, known, store.own_root, prefix if len(files) == 1 else None, force, dry_run).lines:
                click.echo(line)
            advance(1)
    if not dry_run:
        store.sync_bank()
        click.echo(f"题库：{len(store.question_ids())} 道题")


@main.command()
@click.pass_context
def new(ctx: click.Context) -> None:
    """在编辑器中写一道新题和它的评分标准。"""
    from drill.tui.app import make_app
    from drill.tui.navigation import OpenEditor

    make_app(open_store(ctx), start=OpenEditor()).run()


@main.command()
@click.argument("question_id")
@click.pass_context
def edit(ctx: click.Context, question_id: str) -> None:
    """在编辑器中编辑一道题和它的评分标准（存入你自己的题库）。"""
    from drill.tui.app import make_app
    from drill.tui.navigation import OpenEditor

    store = open_store(ctx)
    store.question(question_id)  # an unknown id is reported here, not in the app
    make_app(store, start=OpenEditor(question_id)).run()


@main.command()
@click.pass_context
def check(ctx: click.Context) -> None:
    """检查每个题库和评分标准文件以及数据库，一次列出全部问题（有问题时退出码为 1）。"""
    from itertools import chain

    from drill import paths
    from drill.batch import check_references
    from drill.store import DEFAULT_USER, Store
    from drill.store.opening import damage, damaged_error

    store = Store(roots=paths.bank_roots(ctx.obj.get("bank")), user=ctx.obj.get("user") or DEFAULT_USER)
    count = 0
    for problem in chain(store.problems, check_references(store)):  # printed as found
        click.echo(f"{ERROR_PREFIX}{problem}", err=True)
        count += 1
    if store.path is not None and (found := damage(store.path)):  # whatever its size: asked for
        click.echo(f"{ERROR_PREFIX}{damaged_error(store.path, found).message}", err=True)
        count += 1
    questions, rubrics, papers = store.bank_counts()
    click.echo(f"{questions} 道题，{rubrics} 份评分标准，{papers} 份试卷，{count} 处问题")
    if count:
        ctx.exit(1)
