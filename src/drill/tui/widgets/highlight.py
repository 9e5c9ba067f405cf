"""An answer with the words that earned each 采分点 picked out in that point's colour."""

from __future__ import annotations

from rich.text import Text

from drill.models import Mark

# One background per key point, readable under light and dark themes.
SELECTED_STYLE = "bold black on #ffd54f"
POINT_COLOURS = ["#2e7d32", "#1565c0", "#6a1b9a", "#ad1457", "#00838f", "#ef6c00", "#4e342e", "#37474f"]


def highlighted_answer(answer: str, mark: Mark, selected: str | None = None) -> Text:
    """The answer with each point's evidence on its point's colour (partial credit underlined,
    the selected point's evidence in black on yellow)."""
    text = Text(answer or "（空）")
    for i, point in enumerate(mark.points):
        if point.evidence:
            style = f"bold white on {POINT_COLOURS[i % len(POINT_COLOURS)]}"
            if point.status == "partial":
                style += " underline"
            if point.id == selected:
                style = SELECTED_STYLE
            text.stylize(style, point.evidence.start, point.evidence.end)
    return text
