"""Chinese line breaking: no closing mark starts a line, no opening mark ends one, a long Latin
run still breaks; and every wrapped text of the app follows it."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.widgets import Static, TextArea

from drill.linebreak import NO_END, NO_START, break_offsets, units, wrap

PROMPT = "根据给定资料，概括内蒙古推进“放管服”改革、优化营商环境存在的主要问题。要求：全面、准确、有条理，不超过250字。（15分）条例共七章七十二条。"


def test_closing_marks_go_with_the_character_before_them() -> None:
    for width in range(8, 40):
        lines = wrap(PROMPT, width)
        assert "".join(lines) == PROMPT
        assert all(cell_len(line) <= width for line in lines), (width, lines)
        assert not any(line[0] in NO_START for line in lines), (width, lines)
        assert not any(line[-1] in NO_END for line in lines), (width, lines)


def test_a_long_latin_run_still_breaks_and_a_short_one_stays_whole() -> None:
    assert wrap("abcdefghijklmnopqrstuvwxyz", 10) == ["abcdefghij", "klmnopqrst", "uvwxyz"]
    assert wrap("共有2026个项目", 5) == ["共有", "2026", "个项", "目"]
    assert wrap("见 e.g. 条例", 6) == ["见", "e.g.", "条例"]


TEXT = st.text(alphabet=st.sampled_from(list("中文材料问题对策abc 12") + sorted(NO_START) + sorted(NO_END)), max_size=120)


@settings(max_examples=1000, deadline=None)
@given(TEXT, st.integers(min_value=10, max_value=40))
@example("11111〈〈 1", 10)  # found by hypothesis: opening marks then a space ended a line
@example("1111111中 :", 10)  # and a closing mark after a space started one
def test_any_text_keeps_every_character_and_the_rules(text: str, width: int) -> None:
    breaks = break_offsets(text, width)
    offsets = [0, *breaks, len(text)]
    pieces = [text[a:b] for a, b in zip(offsets, offsets[1:])]
    assert "".join(pieces) == text and (all(pieces) or not text)
    folded = [(a, b) for a, b in units(text) if cell_len(text[a:b].rstrip()) > width]  # too wide for any line
    for at, before, piece in zip(breaks, pieces, pieces[1:]):
        if any(a < at < b for a, b in folded):
            continue
        assert piece.lstrip()[:1] not in NO_START or not before.strip(), (before, piece)
        assert before.rstrip()[-1:] not in NO_END, (before, piece)


class Shown(App):
    CSS = "Static { width: 21; } TextArea { width: 25; height: 12; }"  # 21 cells inside the editor too: 2 gutter/border each side

    def compose(self) -> ComposeResult:
        from drill.tui.wrapping import install

        install()
        yield Static(PROMPT, id="prompt")
        area = TextArea(PROMPT, soft_wrap=True, show_line_numbers=False, id="answer")
        yield area


async def test_the_app_wraps_statics_and_the_answer_by_these_rules() -> None:
    app = Shown()
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.pause()
        static = app.query_one("#prompt", Static)
        lines = [strip.text.rstrip() for strip in static.render_lines(static.content_region.reset_offset)]
        lines = [line for line in lines if line]
        assert "".join(lines) == PROMPT and not any(line[0] in NO_START for line in lines), lines
        area = app.query_one("#answer", TextArea)
        offsets = area.wrapped_document.get_offsets(0)
        width = area.wrapped_document._width  # noqa: SLF001 - the width it wrapped to
        assert offsets == break_offsets(PROMPT, width, spaces_fit=True)
        assert not any(PROMPT[offset] in NO_START for offset in offsets)
