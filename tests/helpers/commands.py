"""Running `isodiary` as a person does, in a process of its own, and a diary made from the
demo file for the command tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from diary.cli import main
from tests.helpers.diaries import REPOSITORY

DEMO = REPOSITORY / "resources" / "demo-diary.json"


def run(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    """`isodiary ARGS` from the repository, its output captured as text."""
    return subprocess.run(  # type: ignore[call-overload,no-any-return]
        [sys.executable, "-m", "diary", *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPOSITORY,
        **options,
    )


def demo_diary(path: Path) -> Path:
    """A diary at `path` holding the demo file, imported by the command line itself."""
    assert main(["--db", str(path), "import", str(DEMO)]) == 0
    return path
