"""A widget's styles cache is freed with the widget: Textual's `StylesCache.get_inner_outer`
kept up to 1,024 of them, each with the lines its widget last drew (`drill.tui.styles_cache`)."""

from __future__ import annotations

import gc
import weakref

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

import drill.tui.app  # noqa: F401 - installs drill's mends to Textual, as the app does


def test_the_background_styles_hold_no_widget_s_cache() -> None:
    base, background = Color(18, 18, 18), Color(30, 30, 30, 0.5)
    cache = StylesCache()
    inner, outer = cache.get_inner_outer(base, background)
    assert (inner, outer) == (Style(background=base + background), Style(background=base))
    assert StylesCache().get_inner_outer(base, background)[0] is inner  # one entry for the colours, whoever asks
    held = weakref.ref(cache)
    del cache
    gc.collect()
    assert held() is None
