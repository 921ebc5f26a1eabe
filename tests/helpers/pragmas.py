"""Reading a diary's SQLite settings in tests, through the connections the diary itself writes with."""

from __future__ import annotations

from sqlalchemy import text

from diary.store.diary import Diary


def pragma_of(diary: Diary, pragma: str) -> str:
    """A PRAGMA's value on a connection of the diary's writer (each sets its own on connect)."""
    with diary.writing() as session:
        return str(session.execute(text(f"PRAGMA {pragma}")).scalar())
