"""Privacy: no network connection at all; files are the owner's alone; logs hold nothing personal.

The whole program is run (the window with every view, import, export, backup and
restore, the charts and the report) with socket creation made to fail: an audit hook
refuses every socket Python code creates or resolves, and records it, so an attempt
that some code caught and hid still fails the test. Qt's own C++ sockets are not Python's,
so on Linux the test also checks the process holds no internet socket at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from diary.cli import main
from diary.core.entry import Entry
from diary.store import backups
from diary.store.diary import Diary
from tests.helpers.commands import DEMO
from tests.helpers.window import close_window, open_window

TODAY = dt.date(2026, 7, 20)
MARKER = "Zephyrine-7Q private note"  # personal words no log or stray file may hold

_guard = {"on": False, "attempts": []}
_NETWORK_EVENTS = (
    "socket.__new__",
    "socket.connect",
    "socket.getaddrinfo",
    "socket.gethostbyname",
    "socket.bind",
)


class NetworkAttempt(RuntimeError):
    pass


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _guard["on"] and event in _NETWORK_EVENTS:
        _guard["attempts"].append(f"{event}{args!r}"[:200])  # type: ignore[attr-defined]
        raise NetworkAttempt(f"IsoDiary tried to use the network: {event}")


# An audit hook cannot be removed; it does nothing unless a test turns the guard on.
sys.addaudithook(_audit)


@pytest.fixture
def no_network() -> Iterator[list[str]]:
    _guard["attempts"] = []
    _guard["on"] = True
    try:
        yield _guard["attempts"]  # type: ignore[misc]
    finally:
        _guard["on"] = False


def internet_sockets() -> list[str]:
    """The internet (TCP/UDP, v4/v6) sockets this process holds open, from /proc (Linux)."""
    inodes = set()
    for kind in ("tcp", "tcp6", "udp", "udp6"):
        table = Path(f"/proc/net/{kind}")
        if table.exists():
            for line in table.read_text().splitlines()[1:]:
                inodes.add(line.split()[9])
    held = []
    for entry in Path("/proc/self/fd").iterdir():
        try:
            target = str(entry.readlink())
        except OSError:
            continue
        if target.startswith("socket:[") and target[8:-1] in inodes:
            held.append(target)
    return held


def test_the_guard_refuses_and_records_a_connection(no_network: list[str]) -> None:
    import socket
    import urllib.request

    with pytest.raises(NetworkAttempt):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(NetworkAttempt):
        urllib.request.urlopen("http://example.org/", timeout=1)
    assert len(no_network) == 2 and no_network[0].startswith("socket.__new__")


def _window(qtbot: QtBot, db: Path, exports: Path) -> None:
    """The window as a person uses it: a day logged with a note, every view shown, the backups."""
    from diary.ui.files.backups_dialog import BackupsDialog

    window = open_window(qtbot, db, TODAY)
    window.day_view.form.note.setPlainText(MARKER)
    assert window.day_view.save_now()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        if window.tabs.currentWidget() is window.trends_view:  # it draws the charts while shown
            qtbot.waitUntil(lambda: window.trends_view.content.shown_days is not None)
    dialog = BackupsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.back_up_now()
    close_window(window)


def _run(*args: str) -> Callable[[Path, Path], None]:
    """A command-line step; {db} and {out} in the arguments become the diary and the exports folder."""

    def step(db: Path, out: Path) -> None:
        argv = ["--db", str(db), *(arg.format(out=out) for arg in args)]
        assert main(argv) == 0, argv

    return step


# Everything the program does with the diary, in the order a person might: each step one line.
STEPS: dict[str, Callable[[Path, Path], None]] = {
    "import": _run("import", str(DEMO)),
    "export json": _run("export", "-o", "{out}/diary.json"),
    "export csv": _run("export", "-o", "{out}/diary.csv"),
    "backup": _run("backup"),
    "backup to a file": _run("backup", "-o", "{out}/copy.sqlite3"),
    "check": _run("check"),
    "flags": _run("flags"),
    "charts": _run("chart", "-o", "{out}/trends.png"),
    "report": _run("report", "-o", "{out}/summary.pdf", "--from", "2026-03-01", "--to", "2026-07-20"),
    "restore": _run("restore", "{out}/copy.sqlite3"),
}


def test_nothing_reaches_for_the_network(
    qtbot: QtBot, tmp_path: Path, no_network: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    db, out = tmp_path / "data" / "diary.sqlite3", tmp_path / "exports"
    out.mkdir()
    STEPS["import"](db, out)
    _window(qtbot, db, out)
    for name, step in STEPS.items():
        if name != "import":
            step(db, out)
    capsys.readouterr()
    assert no_network == []
    if Path("/proc/self/fd").is_dir():
        assert internet_sockets() == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_diary_its_backups_and_exports_are_the_owners_alone(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)  # a usual umask, under which files would be readable by all
    try:
        db, out = tmp_path / "new-folder" / "diary.sqlite3", tmp_path / "exports"
        out.mkdir()
        for name in (
            "import",
            "export json",
            "export csv",
            "backup",
            "backup to a file",
            "report",
            "charts",
            "restore",
        ):
            STEPS[name](db, out)
        with Diary.open(db) as diary:
            diary.save_entry(Entry(TODAY, mood=5))  # the log file exists while it is open
            private = [
                db,
                Path(f"{db}-wal"),
                Path(f"{db}-shm"),
                *(backup.path for backup in backups.list_backups(db)),
                out / "diary.json",
                out / "diary.csv",
                out / "copy.sqlite3",
                out / "summary.pdf",
                out / "trends.png",
            ]
            modes = {str(path): oct(path.stat().st_mode & 0o777) for path in private}
        assert modes == {str(path): "0o600" for path in private}
        assert len(backups.list_backups(db)) >= 2  # by hand and before the restore
        for folder in (db.parent, backups.backups_folder(db)):
            assert oct(folder.stat().st_mode & 0o777) == "0o700", folder
    finally:
        os.umask(old_umask)


def test_nothing_personal_goes_into_logs_or_stray_files(
    qtbot: QtBot,
    tmp_path: Path,
    private_folders: Path,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import logging

    caplog.set_level(logging.DEBUG)  # every logger, SQLAlchemy's included
    db, out = tmp_path / "data" / "diary.sqlite3", tmp_path / "exports"
    out.mkdir()
    STEPS["import"](db, out)
    with Diary.open(db) as diary:
        from diary.core.preferences import Preferences

        diary.save_preferences(Preferences(name=MARKER))
    _window(qtbot, db, out)
    for name, step in STEPS.items():
        if name != "import":
            step(db, out)
    printed = capsys.readouterr()

    assert MARKER not in caplog.text
    assert MARKER not in printed.out + printed.err
    # Files the program wrote on its own (settings, caches) hold nothing of the diary; the
    # diary, its backups and what the person exported on purpose are where it belongs.
    chosen = {db.parent, backups.backups_folder(db), out}
    for root in (private_folders, tmp_path):
        for path in root.rglob("*"):
            if path.is_file() and path.parent not in chosen:
                assert MARKER.encode() not in path.read_bytes(), path
