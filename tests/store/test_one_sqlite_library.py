"""One SQLite library (issue 25): every reader and writer of a diary goes through SQLCipher,
plain diaries included, so two SQLite builds never hold locks on one file in one process."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

from tests.helpers.diaries import REPOSITORY

PACKAGE = REPOSITORY / "diary"
# Its sqlite3 import is for mypy alone (under TYPE_CHECKING): sqlcipher3 has the same API.
TYPING_ONLY = PACKAGE / "store" / "sqlite_api.py"


def _runtime_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import that runs, i.e. not under `if TYPE_CHECKING:`."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_nothing_in_the_program_imports_the_standard_librarys_sqlite3() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for line, module in _runtime_imports(tree):
            if module.split(".")[0] in ("sqlite3", "_sqlite3"):
                offenders.append(f"{path.relative_to(REPOSITORY)}:{line} imports {module}")
    assert offenders == []
    typing_only = [module for _, module in _runtime_imports(ast.parse(TYPING_ONLY.read_text()))]
    assert "sqlite3" not in typing_only


def test_the_check_itself_sees_an_import_that_runs() -> None:
    source = "import typing\nif typing.TYPE_CHECKING:\n    import os\ndef f():\n    import sqlite3\n"
    assert (5, "sqlite3") in _runtime_imports(ast.parse(source))
    guarded = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import sqlite3\n"
    assert (3, "sqlite3") not in _runtime_imports(ast.parse(guarded))


def test_opening_saving_backing_up_restoring_and_checking_never_loads_the_standard_sqlite3(
    tmp_path: Path,
) -> None:
    """Run for real in a fresh interpreter: SQLAlchemy, Alembic's upgrade and the schema
    check included, nothing loads the standard library's SQLite."""
    script = textwrap.dedent(
        f"""
        import datetime as dt, sys
        from pathlib import Path
        from diary.core.entry import Entry
        from diary.store import backups, restore, transfer
        from diary.store.diary import Diary
        path = Path({str(tmp_path / "diary.sqlite3")!r})
        with Diary.open(path) as diary:
            diary.save_entry(Entry(dt.date(2026, 4, 1), mood=3, note="hello"))
            assert diary.integrity_problems() == []
        backup = backups.make_backup(path, backups.BY_HAND)
        restore.restore_backup(path, backup.path)
        with Diary.open(path, only_to_read=True) as diary:
            assert [entry.note for entry in diary.entries()] == ["hello"]
        loaded = sorted(name for name in sys.modules if name in ("sqlite3", "_sqlite3", "sqlite3.dbapi2"))
        print(loaded)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPOSITORY, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
