"""Is a file's schema IsoDiary's own? Its tables, columns, indexes and links compared with
what the migrations make for the file's own revision, and nothing else in it.

A file from outside (a backup to restore, a diary put in place by hand) may carry SQL
that runs on IsoDiary's next write: a trigger that deletes every entry, a view, a table
the program does not know. Such a file is refused, naming what was found.

What a revision's schema is, is never written down twice: it is made by running the
migrations up to that revision into a scratch database in memory, once per process.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from diary.store import sqlcipher

# SQLite's own bookkeeping, present or not depending on how the file was used.
_SQLITE_OWN_TABLES = {"sqlite_sequence"}

# One object of a schema, described by what SQLite says of it (never by its SQL text,
# whose spacing depends on the SQLAlchemy version that wrote it).
Description = tuple[object, ...]
Schema = dict[str, Description]


def describe(connection: sqlcipher.Connection) -> Schema:
    """Every table and index of the database by name, with its columns, keys and links.
    Views and triggers are listed by name with their kind, so a comparison names them."""
    schema: Schema = {}
    objects = connection.execute(
        "SELECT type, name, tbl_name FROM sqlite_master ORDER BY type, name"
    ).fetchall()
    for kind, name, table in objects:
        if kind == "table":
            if name in _SQLITE_OWN_TABLES:
                continue
            schema[f"table {name}"] = _table(connection, name)
        elif kind == "index":
            continue  # listed with their table, below, so automatic indexes are compared too
        else:
            schema[f"{kind} {name}"] = (kind, table)
    for kind, name, _table_name in objects:
        if kind == "table" and name not in _SQLITE_OWN_TABLES:
            for index in connection.execute(f"PRAGMA index_list({_quoted(name)})").fetchall():
                schema[f"index {index[1]}"] = _index(connection, name, index)
    return schema


def _quoted(name: str) -> str:
    return '"' + str(name).replace('"', '""') + '"'


def _table(connection: sqlcipher.Connection, name: str) -> Description:
    columns = tuple(
        tuple(row) for row in connection.execute(f"PRAGMA table_xinfo({_quoted(name)})").fetchall()
    )
    links = tuple(
        sorted(
            tuple(str(value) for value in row)
            for row in connection.execute(f"PRAGMA foreign_key_list({_quoted(name)})").fetchall()
        )
    )
    return ("table", columns, links)


def _index(connection: sqlcipher.Connection, table: str, index: Iterable[object]) -> Description:
    _seq, name, unique, origin, partial = tuple(index)
    columns = tuple(
        tuple(row) for row in connection.execute(f"PRAGMA index_xinfo({_quoted(str(name))})").fetchall()
    )
    return ("index", table, unique, origin, partial, columns)


def foreign_objects(connection: sqlcipher.Connection, revision: str) -> list[str]:
    """What in the database is not IsoDiary's own at `revision`, in words: [] when nothing.

    `revision` must be one of the migrations' (migrations.known_revisions()). A schema
    derived before is remembered in the cache folder: opening a sound diary never waits
    for the migrations. A file that differs from what is remembered is compared again
    with a schema derived now, so an outdated memory can never refuse a sound diary.
    """
    found = _plain(describe(connection))
    problems = _revision_problems(connection)
    remembered = _remembered(revision)
    if remembered is not None and not _differences(found, remembered):
        return problems
    return _differences(found, expected_schema(revision)) + problems


def _revision_problems(connection: sqlcipher.Connection) -> list[str]:
    try:
        revisions = connection.execute("SELECT count(*) FROM alembic_version").fetchone()[0]
    except sqlcipher.Error:
        return []  # no version table: named as missing by the comparison
    if revisions != 1:
        return [f"the alembic_version table holds {revisions} revisions, not one"]
    return []


def _differences(found: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    problems = []
    for key in sorted(found.keys() - expected.keys()):
        problems.append(f"{_article(key)} that IsoDiary never makes ({key})")
    for key in sorted(expected.keys() - found.keys()):
        problems.append(f"the {key} is missing")
    for key in sorted(found.keys() & expected.keys()):
        if found[key] != expected[key]:
            problems.append(f"the {key} is not as IsoDiary makes it")
    return problems


def _article(key: str) -> str:
    kind = key.split(" ", 1)[0]
    return ("an " if kind[0] in "aeiou" else "a ") + kind


def _plain(schema: Schema) -> dict[str, Any]:
    """The schema as JSON gives it back (lists for tuples), to compare with a remembered one."""
    return dict(json.loads(json.dumps(schema)))


@functools.cache
def expected_schema(revision: str) -> dict[str, Any]:
    """The schema the migrations make at `revision`, in a scratch database in memory
    (and remembered in the cache folder for the next start)."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import StaticPool

    from diary.store import migrations

    engine = create_engine("sqlite://", module=sqlcipher.dbapi, poolclass=StaticPool)
    try:
        with engine.begin() as connection:
            migrations.upgrade(connection, revision)
            raw = connection.connection.dbapi_connection
            assert isinstance(raw, sqlcipher.Connection)
            schema = _plain(describe(raw))
    finally:
        engine.dispose()
    _remember(revision, schema)
    return schema


# The cache folder ---------------------------------------------------------------------------


def cache_file(revision: str) -> Path:
    """Where the schema of `revision` is remembered: named after the migrations' own bytes
    and SQLite's version, so a changed migration is derived afresh."""
    from diary.store import migrations

    digest = hashlib.sha256(sqlcipher.sqlite_version.encode())
    for script in sorted((migrations.migrations_folder() / "versions").glob("*.py")):
        digest.update(script.name.encode() + b"\0" + script.read_bytes())
    chosen = os.environ.get("XDG_CACHE_HOME", "")
    folder = Path(chosen) if chosen and Path(chosen).is_absolute() else Path.home() / ".cache"
    return folder / "IsoDiary" / f"schema-{revision}-{digest.hexdigest()[:16]}.json"


def _remembered(revision: str) -> dict[str, Any] | None:
    try:
        stored = json.loads(cache_file(revision).read_bytes())
    except (OSError, ValueError):
        return None
    return stored if isinstance(stored, dict) else None


def _remember(revision: str, schema: dict[str, Any]) -> None:
    from diary.store.files import PRIVATE_FOLDER, write_private

    path = cache_file(revision)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        write_private(path, json.dumps(schema).encode())
    except OSError:
        pass  # only a memory: derived again next time
