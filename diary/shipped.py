"""The files shipped with the program: its resources folder and the demo diary in it."""

from __future__ import annotations

from pathlib import Path


def resources_folder() -> Path:
    """The resources inside an installed package, or the checkout's top-level folder."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("IsoDiary's resources are missing from this installation")


def demo_diary_file() -> Path:
    return resources_folder() / "demo-diary.json"
