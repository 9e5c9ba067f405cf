"""How often Python collects garbage while the app runs.

An open screen holds 100,000–200,000 objects (the editor alone about 300 widgets, each with
its styles and the lines it drew). Python's default collects the youngest objects every 700
allocations and, every few hundred thousand, walks every object there is: 0.2–0.5 s a walk
on the 2-core machine of the README, a dozen walks to open the editor. `install` collects
the youngest every 10,000 allocations instead; what is collected is the same, later.
Measured 2026-12-03, opening the editor headless at 140×45 four times: 2.6–3.9 s with
Python's default, 1.9–2.6 s so; the test suite's two workers spent 18 s and 17 s collecting
where they spent 57 s and 44 s.
"""

from __future__ import annotations

import gc

YOUNGEST = 10_000  # allocations (less deallocations) between two collections of the youngest objects

_installed = False


def install() -> None:
    """Collect the youngest generation every `YOUNGEST` allocations (the older ones as Python does)."""
    global _installed
    if _installed:
        return
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNGEST, middle, oldest)
    _installed = True
