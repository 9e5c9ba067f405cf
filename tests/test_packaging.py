"""Packaging: a plain `pip install .` carries the bundled bank, and CI runs the README's command."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_the_wheel_carries_the_bundled_bank(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("drill-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for folder in ("bank", "rubrics"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file():
                assert f"drill/bundled/{path.relative_to(REPO).as_posix()}" in names
    assert "drill/tui/drill.tcss" in names
    assert any(name.endswith("entry_points.txt") for name in names)


def test_ci_runs_the_readme_test_command() -> None:
    result = subprocess.run(["bash", ".ci/run", "--print"], cwd=REPO, capture_output=True, text=True, check=True)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = result.stdout.strip()
    assert f"```sh\n{command}\n```" in readme
    assert "pip install" in command and "pytest" in command
