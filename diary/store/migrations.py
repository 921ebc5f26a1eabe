"""Bringing a diary file's schema up to date with the Alembic revisions shipped inside the package.

Alembic is imported only when a diary actually needs upgrading, so opening an up-to-date
diary costs one small query.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from diary.store import sqlcipher

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection

# The newest revision this program knows; a test keeps it equal to Alembic's own head.
HEAD_REVISION = "0006"


def migrations_folder() -> Path:
    """Where the revisions are: inside the installed package, or the checkout's top level."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "alembic", package.parent / "alembic"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("IsoDiary's migrations are missing from this installation")


def current_revision(connection: Connection) -> str | None:
    """The schema revision stored in the file, or None for a file without the version table."""
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


# The same two questions asked through the standard library, for opening a diary without
# loading SQLAlchemy (see diary.store.reads).


def revision_of(connection: sqlcipher.Connection) -> str | None:
    """The schema revision in the file, or None when it has no version table."""
    if "alembic_version" not in user_tables_of(connection):
        return None
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else row[0]


def user_tables_of(connection: sqlcipher.Connection) -> list[str]:
    rows = connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [name for (name,) in rows]


def _config(connection: Connection) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(migrations_folder()))
    return {script.revision for script in scripts.walk_revisions()}


def upgrade(connection: Connection, to: str = "head") -> None:
    """Run every revision the file lacks, inside the caller's transaction."""
    from alembic import command

    command.upgrade(_config(connection), to)
