"""Refilling a DataTable without losing the row the cursor is on."""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable


def cursor_key(table: DataTable) -> str | None:
    """The key of the row under the cursor, or None for an empty table."""
    if not table.row_count:
        return None
    return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)


def refill(table: DataTable, rows: Iterable[tuple[str, tuple]]) -> None:
    """Replace the rows by `(key, cells)` pairs; the cursor stays on the same key if it is still there."""
    current = cursor_key(table)
    table.clear()
    keys = []
    for key, cells in rows:
        table.add_row(*cells, key=key)
        keys.append(key)
    if current in keys:
        table.move_cursor(row=keys.index(current))
