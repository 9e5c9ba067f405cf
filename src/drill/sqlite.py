"""sqlite-utils, imported without numpy.

sqlite-utils imports numpy when it is installed, only to accept numpy values in inserts,
which drill never passes. numpy is here for the marker, which loads it at its first mark;
keeping it out of this import takes about 0.1 s off every start of the app.
"""

from __future__ import annotations

import sys

if "numpy" in sys.modules:
    import sqlite_utils
else:
    sys.modules["numpy"] = None  # type: ignore[assignment]  # `import numpy` raises ImportError meanwhile
    try:
        import sqlite_utils
    finally:
        del sys.modules["numpy"]

__all__ = ["sqlite_utils"]
