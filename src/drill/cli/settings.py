"""drill config: the settings (settings.toml in the data dir)."""

from __future__ import annotations

import click

from drill.cli import main


# A value may be negative (drill config maximum_interval -5): read as a value and refused as one, not as an option.
@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("name", required=False)
@click.argument("value", required=False)
def config(name: str | None, value: str | None) -> None:
    """显示设置，或改一项：drill config maximum_interval 180。"""
    from drill import paths, settings

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
