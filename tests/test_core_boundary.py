"""The core never imports Textual: the CLI and other front ends can use it without a terminal UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "src" / "drill"


def _module(path: Path) -> str:
    parts = path.relative_to(SOURCE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


# Every module of every package under src/drill, except the TUI and the entry point.
CORE = sorted(
    _module(path) for path in SOURCE.rglob("*.py")
    if "tui" not in path.relative_to(SOURCE).parts and path.name != "__main__.py"
)


def test_the_walk_finds_the_packages() -> None:
    """The list above can fail: it holds modules inside packages, not only the top level."""
    assert {"drill.marker.pipeline", "drill.bank.importing.tables", "drill.store.database", "drill.text"} <= set(CORE)
    assert not any(name.startswith("drill.tui") for name in CORE)


def _loads_textual(modules: list[str]) -> bool:
    code = f"import sys; import {', '.join(modules)}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.strip() == "True"


def test_no_core_module_imports_textual() -> None:
    """All of them in one interpreter: if none of them together loads textual, none does;
    if they do, each is tried alone to name the one that does."""
    if _loads_textual(CORE):
        culprits = [module for module in CORE if _loads_textual([module])]
        pytest.fail(f"these pull in textual: {', '.join(culprits)}")


def test_the_tui_does_import_textual() -> None:
    """The check above can fail: importing the app does load textual."""
    assert _loads_textual(["drill.tui.app"])


def test_screens_do_not_import_each_other() -> None:
    """The app navigates: a screen asks with a message (drill.tui.navigation) and never
    imports another screen, so there are no circles to dodge."""
    screens = SOURCE / "tui" / "screens"
    for path in screens.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "drill.tui.screens" not in text, f"{path.name} imports a screen"
