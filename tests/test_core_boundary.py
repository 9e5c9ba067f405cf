"""The core never imports Textual: the CLI and other front ends can use it without a terminal UI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

CORE = sorted(
    path.stem
    for path in (Path(__file__).resolve().parents[1] / "src" / "drill").glob("*.py")
    if path.stem not in ("__init__", "__main__")
)


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, drill.{module}; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False", f"drill.{module} pulls in textual"


def test_the_tui_does_import_textual() -> None:
    """The check above can fail: importing the app does load textual."""
    code = "import sys, drill.tui.app; print('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
