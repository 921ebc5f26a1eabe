"""The arrows between the layers go one way (shared DESIGN.md, "The house"), checked on the source.

Every import counts, including those inside functions and under TYPE_CHECKING: an import
that runs late is still a dependency, and the lazy ones are where a wrong arrow hides.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "diary"

QT = ("PySide6", "shiboken6")
SQL = ("sqlalchemy", "sqlite3", "alembic")

# Known violations, each to be removed by the change that fixes it (none today: the lock
# lives in diary/desktop/instance.py, and database.prepare() decides "back up, then migrate").
KNOWN_FORBIDDEN: set[tuple[str, str]] = set()
KNOWN_CYCLES: list[set[str]] = []


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports_in(source: str, module: str, is_package: bool) -> Iterator[str]:
    """Every module named by an import statement anywhere in `source`; `from a import b` is
    a.b when that is one of our modules (its package a then runs first, as for any a.x)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against this module's package
                package = module.split(".") if is_package else module.split(".")[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, base] if base else package)
            submodules = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
            yield from submodules
            if len(submodules) < len(node.names):  # a name defined in `base` itself
                yield base


def imports_of(module: str) -> set[str]:
    path = MODULES[module]
    return set(imports_in(path.read_text(encoding="utf-8"), module, path.name == "__init__.py"))


def under(name: str, *prefixes: str) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def forbidden(module: str, imported: str) -> str | None:
    """Why `module` may not import `imported`, or None when it may."""
    if under(module, "diary.core"):
        if under(imported, *QT, *SQL, "matplotlib"):
            return "the core is pure Python: no Qt, SQL, alembic or matplotlib"
        if under(imported, "diary.store", "diary.charts", "diary.report", "diary.ui", "diary.commands"):
            return "the core imports nothing of the other layers"
    if under(module, "diary.charts"):
        if under(imported, *QT):
            return "charts never import Qt (the same figure serves the window, the PDF and the CLI)"
        if under(imported, "diary.store", "diary.ui", "diary.commands", "diary.report"):
            return "charts are built from core data only"
    if under(module, "diary.ui"):
        if under(imported, *SQL):
            return "the window writes no SQL"
        if under(imported, "diary.store") and module not in (
            "diary.ui.app.context",
            "diary.ui.app.application",
            "diary.ui.app.opening",
        ):
            return "the window reaches the store only through its context (and the app, which opens it)"
        if under(imported, "diary.commands"):
            return "the window does not call the command line"
    if under(module, "diary.desktop"):
        if under(imported, "PySide6.QtWidgets", "PySide6.QtGui"):
            return "the desktop integration uses QtCore at most (the commands share it)"
        if under(imported, "diary.ui", "diary.commands", "diary.charts", "diary.report"):
            return "the desktop integration sits below the window and the commands"
    if under(module, "diary.core", "diary.store", "diary.charts") and under(imported, "diary.desktop"):
        return "the core, the store and the charts know nothing of one computer's folders and lock"
    if under(module, "diary.commands") and under(imported, "diary.ui"):
        return "commands never import the window (what they share lives outside ui)"
    if under(module, "diary.store") and under(imported, *QT, "diary.ui", "diary.commands", "diary.charts"):
        return "the store knows nothing of Qt, the window, the commands or the charts"
    return None


def violations() -> list[str]:
    found = []
    for module in MODULES:
        for imported in sorted(imports_of(module)):
            why = forbidden(module, imported)
            if why and (module, imported) not in KNOWN_FORBIDDEN:
                found.append(f"{module} imports {imported}: {why}")
    return found


def cycles() -> list[set[str]]:
    """Strongly connected groups of our modules (Tarjan), each a cycle of imports."""
    graph = {
        module: {name for name in imports_of(module) if name in MODULES and name != module}
        for module in MODULES
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in graph:
        if module not in index:
            visit(module)
    return groups


def test_the_package_is_found() -> None:
    assert {"diary.core.entry", "diary.ui.app.context", "diary.store.diary", "diary.commands"} <= set(MODULES)


def test_every_import_follows_the_layers() -> None:
    found = violations()
    assert not found, "wrong arrows between the layers:\n" + "\n".join(found)


def reaches_past_the_context(source: str) -> list[int]:
    """Lines where `context.diary` (or `self.context.diary`...) is used: the store behind the door."""
    return sorted(
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Attribute)
        and node.attr == "diary"
        and (
            (isinstance(node.value, ast.Name) and node.value.id == "context")
            or (isinstance(node.value, ast.Attribute) and node.value.attr == "context")
        )
    )


def test_the_window_never_reaches_past_the_context() -> None:
    found = {
        module: lines
        for module, path in MODULES.items()
        if under(module, "diary.ui") and module != "diary.ui.app.context"
        if (lines := reaches_past_the_context(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_reach_past_the_context_is_caught() -> None:
    assert reaches_past_the_context("x = self.context.diary.follow_ups()\ny = context.diary.path\n") == [1, 2]


def test_no_modules_import_each_other_in_a_circle() -> None:
    unknown = [", ".join(sorted(group)) for group in cycles() if group not in KNOWN_CYCLES]
    assert not unknown, "modules that import each other in a circle:\n" + "\n".join(unknown)


def test_the_known_exceptions_still_exist() -> None:
    """So the allow-lists shrink: an exception that was fixed must be taken off them."""
    present = {(module, name) for module in MODULES for name in imports_of(module)}
    assert present >= KNOWN_FORBIDDEN
    found = cycles()
    assert all(group in found for group in KNOWN_CYCLES)


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("diary.core.entry", "def f():\n    import sqlite3\n", "diary.core.entry imports sqlite3"),
        ("diary.core.entry", "if X:\n    from PySide6.QtCore import QObject\n", "imports PySide6.QtCore"),
        ("diary.charts.series", "from PySide6 import QtGui\n", "diary.charts.series imports PySide6"),
        ("diary.ui.day.view", "from diary.store import backups\n", "imports diary.store.backups"),
        ("diary.ui.day.view", "from sqlalchemy import select\n", "imports sqlalchemy"),
        (
            "diary.commands.flags",
            "def f():\n    from diary.ui.widgets.theme import URGENT\n",
            "imports diary.ui.widgets.theme",
        ),
    ],
)
def test_a_forbidden_import_is_caught_wherever_it_hides(module: str, source: str, expected: str) -> None:
    path = MODULES[module]
    found = [
        f"{module} imports {name}: {why}"
        for name in imports_in(source, module, path.name == "__init__.py")
        if (why := forbidden(module, name))
    ]
    assert any(expected in line for line in found), found


def test_the_context_and_the_app_may_open_the_store() -> None:
    assert forbidden("diary.ui.app.context", "diary.store.diary") is None
    assert forbidden("diary.ui.app.application", "diary.store.diary") is None
    assert forbidden("diary.ui.app.opening", "diary.store.restore") is None
