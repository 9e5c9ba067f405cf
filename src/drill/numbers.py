"""Marks as a marker writes them: 10, 7.5, 3.33."""

from __future__ import annotations


def format_points(value: float) -> str:
    """10.0 → '10', 7.5 → '7.5': marks as a marker writes them."""
    return f"{value:g}" if value == round(value, 2) else f"{value:.2f}"
