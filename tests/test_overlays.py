"""A notification drawn over the edge of a pane keeps its Chinese whole (`tui/overlays.py`)."""

from __future__ import annotations

import re

from rich.console import Console

from drill.store import Store
from drill.tui import overlays
from drill.tui.app import make_app
from drill.tui.navigation import OpenEditor
from tests.conftest import wait_for

MESSAGE = "已重新评分 2 次作答，0 次分数有变（原分数保留）"


def _lines(compositor, render_chops=None) -> list[str]:
    if render_chops is None:
        strips = compositor.render_strips()
    else:  # Textual's own cutting, for comparison
        from textual.strip import Strip

        chops = render_chops(compositor, compositor.size.region, lambda y: True)
        strips = [Strip.join(chop.values()) for chop in chops]
    return ["".join(segment.text for segment in strip) for strip in strips]


async def test_a_toast_over_a_pane_edge_is_drawn_whole_in_full_and_partial_updates(store: Store) -> None:
    app = make_app(store, start=OpenEditor("s001-q2"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: len(app.screen.query("#editor-side")) == 1, "the editor")
        app.notify(MESSAGE, title="重评作答", timeout=30)
        compositor = app.screen._compositor
        await wait_for(pilot, lambda: any("已重新评分" in line for line in _lines(compositor)), "the toast")
        # The toast straddles the edge of the material pane: Textual alone splits a character there.
        textual_own = next(line for line in _lines(compositor, overlays._textual["render_chops"]) if "已重新评分" in line)
        assert "次作答" not in textual_own
        drawn = next(line for line in _lines(compositor) if "已重新评分" in line)
        assert MESSAGE in drawn
        # A partial update of the pane under it (typing there) draws the toast's line whole too.
        area = app.screen.query_one("#f-material-text")
        region, clip = compositor.visible_widgets[area]
        assert "次作答，0 次分数有变" not in _partial(compositor, region.intersection(clip), textual_own=True)
        assert "次作答，0 次分数有变" in _partial(compositor, region.intersection(clip))


def _partial(compositor, region, textual_own: bool = False) -> str:
    """The text a partial update of `region` writes to the terminal, each stretch on a line."""
    from textual._compositor import Compositor

    ours = Compositor._render_chops, Compositor.render_partial_update
    if textual_own:
        Compositor._render_chops, Compositor.render_partial_update = overlays._textual["render_chops"], overlays._textual["render_partial_update"]
    try:
        compositor._dirty_regions.add(region)
        raw = compositor.render_partial_update().render_segments(Console(width=120, color_system=None))
    finally:
        Compositor._render_chops, Compositor.render_partial_update = ours
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "\n", raw)
