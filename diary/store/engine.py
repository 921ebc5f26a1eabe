"""The SQLAlchemy side of the diary file: the engine every write goes through, and upgrades.

Imported on the first write, not at start-up: SQLAlchemy takes longer to import than the
whole window takes to appear, and the first frame only needs to read (diary.store.reads).
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event

from diary.store import migrations, sqlcipher
from diary.store.errors import BUSY_TIMEOUT_SECONDS, sqlite_errors

# After each write the log is folded into the file and emptied, so the file alone holds
# every save ("Saved" survives a copy of diary.sqlite3 without its -wal). TRUNCATE waits
# for a reader (a backup) to finish rather than leaving pages behind, then empties the log.
CHECKPOINT = "PRAGMA wal_checkpoint(TRUNCATE)"


def create_diary_engine(path: Path) -> Engine:
    """An engine whose every connection has foreign keys on and durable (power-cut safe) commits."""
    # Through SQLCipher (the one SQLite library), keyed as every connection is (sqlcipher.connect).
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher.dbapi,
        creator=lambda: sqlcipher.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None),
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "checkin", _on_checkin)
    return engine


def _on_connect(dbapi_connection: sqlcipher.Connection, _record: object) -> None:
    # Transactions are begun explicitly (see _on_begin), not by the driver's guesswork.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    # In WAL mode NORMAL may lose the last commits on a power cut; a "Saved" must survive one.
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def _on_checkin(dbapi_connection: sqlcipher.Connection, _record: object) -> None:
    # Back in the pool means the transaction is over (committed or rolled back).
    if dbapi_connection is None or dbapi_connection.in_transaction:
        return
    # A busy reader: the next save folds the log in; the log itself is durable.
    with suppress(sqlcipher.Error):
        dbapi_connection.execute(CHECKPOINT).fetchall()


def _on_begin(connection: Connection) -> None:
    # Writers take the write lock at BEGIN, so a read-then-write cannot be overtaken.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def upgrade(path: Path) -> None:
    """Bring the file to the newest schema, under the write lock (the caller made the backup)."""
    engine = create_diary_engine(path)
    try:
        with sqlite_errors(path), engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection:
            # Checked again under the write lock: another process may have migrated meanwhile.
            if migrations.current_revision(connection) != migrations.HEAD_REVISION:
                migrations.upgrade(connection)
    finally:
        engine.dispose()
