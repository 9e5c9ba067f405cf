"""The `drill` command: each subcommand opens the store, makes one core call and prints.

Errors a user can cause (`DrillError`) become one clean line on stderr and exit status 1.
The commands live beside this file, by what they work on; each imports what it needs when it
runs, so `drill --help` and the app's start do not wait for every command's modules.
"""

from __future__ import annotations

from pathlib import Path

import click

from drill.cli.chinese import install as speak_chinese
from drill.errors import ERROR_PREFIX, DrillError

speak_chinese()  # before the commands are declared: --help and --version read click's words then


class DrillGroup(click.Group):
    """A group that turns `DrillError` into `错误：…` and exit status 1; so it does click's
    usage errors (a wrong option or value), which click would say in English with status 2."""

    def main(self, *args, **kwargs):  # noqa: D102 - click API
        import sys

        if not kwargs.get("standalone_mode", True):
            return super().main(*args, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except click.UsageError as exc:
            from drill.cli.usage import usage_message

            click.echo(f"{ERROR_PREFIX}{usage_message(exc)}", err=True)
            sys.exit(1)
        except click.Abort:
            click.echo(f"{ERROR_PREFIX}已取消", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            click.echo(f"{ERROR_PREFIX}{exc.format_message()}", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: click.Context):  # noqa: D102 - click API
        import sqlite3

        try:
            return super().invoke(ctx)
        except DrillError as exc:
            click.echo(f"{ERROR_PREFIX}{exc.message}", err=True)
            ctx.exit(1)
        except sqlite3.DatabaseError as exc:  # damage met while reading: said once, here, for every command
            from drill.store.opening import RECOVER

            click.echo(f"{ERROR_PREFIX}数据库已损坏（{exc}）；{RECOVER}", err=True)
            ctx.exit(1)


@click.group(cls=DrillGroup, invoke_without_command=True)
@click.option("--bank", "bank", type=click.Path(file_okay=False, path_type=Path), help="你自己的题库文件夹（含 bank/ 和 rubrics/）；默认：数据目录。")
@click.option("--user", "user", envvar="DRILL_USER", help="以哪个用户练习（新名字即新建）；默认：default，或在应用中选择。")
@click.version_option(package_name="drill")
@click.pass_context
def main(ctx: click.Context, bank: Path | None, user: str | None) -> None:
    """drill：申论练习。不带命令时打开练习应用。"""
    ctx.ensure_object(dict)
    ctx.obj["bank"] = bank
    ctx.obj["user"] = user
    if ctx.invoked_subcommand is None:
        from drill.cli.common import open_store
        from drill.tui.app import make_app

        make_app(open_store(ctx, sync=False), choose_profile=user is None).run()


# The commands, registered on `main` as their modules are read.
from drill.cli import history, marking, papers, questions, settings  # noqa: E402, F401
