"""The settings table, read through plain SQL alone (no core objects); the other reads are
diary.store.reads."""

from __future__ import annotations

import json
from typing import Any

from diary.store import sqlcipher


def json_value(stored: Any) -> Any:
    """A JSON column's value. The columns have SQLite's NUMERIC affinity, so a number was
    stored as a number, not as its JSON text."""
    return json.loads(stored) if isinstance(stored, str) else stored


def setting(connection: sqlcipher.Connection, key: str) -> tuple[bool, Any]:
    """(whether the setting is stored, its value)."""
    row = connection.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return (False, None) if row is None else (True, json_value(row[0]))


def settings_with_prefix(connection: sqlcipher.Connection, prefix: str) -> dict[str, Any]:
    rows = connection.execute(
        "SELECT key, value FROM settings WHERE substr(key, 1, ?) = ?", (len(prefix), prefix)
    )
    return {key.removeprefix(prefix): json_value(value) for key, value in rows}
