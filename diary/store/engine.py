"""The SQLAlchemy side of the diary file: the engine every write goes through, and upgrades.

Imported on the first write, not at start-up: SQLAlchemy takes longer to import than the
whole window takes to appear, and the first frame only needs to read (diary.store.reads).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError

from diary.store import migrations
from diary.store.database import BUSY_TIMEOUT_SECONDS, DiaryUnavailable, explain_sqlite_error


def create_diary_engine(path: Path) -> Engine:
    """An engine whose every connection has foreign keys on and durable (power-cut safe) commits."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Transactions are begun explicitly (see _on_begin), not by the driver's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # In WAL mode NORMAL may lose the last commits on a power cut; a "Saved" must survive one.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    # Writers take the write lock at BEGIN, so a read-then-write cannot be overtaken.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def upgrade(path: Path) -> None:
    """Bring the file to the newest schema, under the write lock, after backing it up."""
    engine = create_diary_engine(path)
    try:
        with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
            # Checked again under the write lock: another process may have migrated meanwhile.
            revision = migrations.current_revision(connection)
            if revision == migrations.HEAD_REVISION:
                return
            if revision is not None:
                from diary.store import backups

                # The diary as it was, before the upgrade changes anything (BackupFailed stops it).
                backups.make_backup(path, backups.BEFORE_UPGRADE)
            migrations.upgrade(connection)
    except DBAPIError as error:
        raise DiaryUnavailable(explain_sqlite_error(path, error.orig)) from error
    finally:
        engine.dispose()
