"""The desktop tests' shared diary: a demo diary, and the same diary held as a window holds
it (the lock taken, no window, no socket listening)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from diary.desktop.instance import DiaryLock, LockState
from tests.helpers.commands import demo_diary


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return demo_diary(tmp_path / "diary.sqlite3")


@pytest.fixture
def held(db: Path) -> Iterator[DiaryLock]:
    """The diary held as a window holds it: locked, with no window and no socket listening."""
    lock = DiaryLock(db)
    assert lock.try_lock() == LockState.HELD
    yield lock
    lock.release()
