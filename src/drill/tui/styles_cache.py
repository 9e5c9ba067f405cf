"""Textual's styles cache without the widgets it kept alive.

`StylesCache.get_inner_outer` (Textual 8.2) is an `lru_cache` on a method, so each of its
1,024 entries holds the `StylesCache` it was called on, and with it every line that widget
last drew: the widgets of screens long closed stay in memory (Textual issue #6665, open).
A test worker ended the suite holding 50,000–81,000 of Textual's small line caches through
it, each walked by every full garbage collection; none once mended. The two styles depend
only on the two colours: `install` caches them by the colours alone.
"""

from __future__ import annotations

from functools import lru_cache

_installed = False


@lru_cache(1024)
def _inner_outer(base_background, background):
    """The inner and outer background styles of a widget (Textual's own computation)."""
    from textual.style import Style

    return Style(background=base_background + background), Style(background=base_background)


def install() -> None:
    """Cache a widget's background styles by their colours, not by the widget's cache."""
    global _installed
    if _installed:
        return
    from textual._styles_cache import StylesCache

    # Only Textual's cached method is replaced: a Textual that mends it its own way is left be.
    if hasattr(StylesCache.__dict__.get("get_inner_outer"), "cache_info"):
        StylesCache.get_inner_outer = staticmethod(_inner_outer)
    _installed = True
