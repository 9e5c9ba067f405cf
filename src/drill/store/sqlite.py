"""sqlite-utils, imported without numpy; and `chunked`, for `IN (…)` over many values.

sqlite-utils imports numpy when it is installed, only to accept numpy values in inserts,
which drill never passes. numpy is here for the marker, which loads it at its first mark;
keeping it out of this import takes about 0.1 s off every start of the app.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

if "numpy" in sys.modules:
    import sqlite_utils
else:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError meanwhile
    try:
        import sqlite_utils
    finally:
        del sys.modules["numpy"]

__all__ = ["chunked", "sqlite_utils"]

# Bound parameters per statement, well under SQLite's limit.
CHUNK = 500


def chunked(values: list, size: int = CHUNK) -> Iterator[tuple[list, str]]:
    """`values` in pieces small enough for one `IN (…)`, each with its `?, ?, …` placeholders."""
    for start in range(0, len(values), size):
        chunk = values[start:start + size]
        yield chunk, ", ".join("?" * len(chunk))
