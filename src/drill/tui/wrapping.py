"""Chinese line breaking for every text the app wraps.

Rich (`Text.wrap`, used by Textual's `Content` and by `text_lines`) and Textual's editor
(`TextArea` soft wrap) each break a line with a word-wrap function that knows only spaces,
so a line could start with `。`. `install` puts `drill.linebreak.break_offsets` in their place,
once, when the app module is imported: one rule for material, prompt, answer, reference and
result. A test checks each wrapper still draws what this module computes.
"""

from __future__ import annotations

from drill.linebreak import break_offsets

_installed = False
_textual_wrap = None  # Textual's own rule, kept for lines with tabs


def _divide_line(text: str, width: int, fold: bool = True) -> list[int]:
    return break_offsets(text, width, fold)


def _compute_wrap_offsets(text: str, width: int, tab_size: int, fold: bool = True, precomputed_tab_sections=None) -> list[int]:
    if "\t" in text:  # tabs have widths of their own: Textual's rule, which knows them
        return _textual_wrap(text, width, tab_size, fold, precomputed_tab_sections)
    return break_offsets(text, width, fold, spaces_fit=True)


def install() -> None:
    """Break lines by the Chinese rules in Rich's text, Textual's content and the editor."""
    global _installed, _textual_wrap
    if _installed:
        return
    import rich.text
    import textual.content
    import textual.document._wrapped_document as wrapped

    _textual_wrap = wrapped.compute_wrap_offsets
    rich.text.divide_line = _divide_line
    textual.content.divide_line = _divide_line
    wrapped.compute_wrap_offsets = _compute_wrap_offsets
    _installed = True
