"""The hand-over socket trusts no one but its owner (issue 22, 3).

It used to live under a predictable name in /tmp: whoever took the name first received the
file paths a command handed over, and `isodiary import` printed its made-up "Imported 500
new days" with exit 0.
"""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from diary.desktop import instance
from diary.desktop.instance import DiaryLock, HandOverRefused, ask, peer_user, server_name
from diary.store import backups
from tests.helpers.commands import DEMO, run

LINUX = sys.platform == "linux"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


class Impostor:
    """A program listening where the window used to: it answers every request "done"."""

    def __init__(self, path: str) -> None:
        self.heard: list[bytes] = []
        self.server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.server.bind(path)
        self.server.listen(5)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                try:
                    heard = connection.recv(65536)
                    if heard:  # a connection dropped at once tells nothing
                        self.heard.append(heard)
                    reply = {"ok": True, "message": "Imported 500 new days.", "code": 0}
                    connection.sendall((json.dumps(reply) + "\n").encode())
                except OSError:
                    continue

    def close(self) -> None:
        self.server.close()


def _old_name(db: Path) -> str:
    """The predictable name the socket had before: in /tmp, for anyone to take."""
    import hashlib

    key = str(db.resolve())
    return f"/tmp/isodiary-{os.getuid()}-{hashlib.sha256(key.encode()).hexdigest()[:20]}"


@pytest.mark.skipif(not LINUX, reason="Unix sockets in /tmp")
def test_an_impostor_holding_the_old_socket_name_hears_nothing_and_the_import_is_refused(
    held: DiaryLock, db: Path
) -> None:
    name = _old_name(db)
    Path(name).unlink(missing_ok=True)
    impostor = Impostor(name)
    try:
        before = backups.content_digest(db)
        result = run("--db", str(db), "import", str(DEMO))
        assert result.returncode != 0, result.stdout
        assert "Imported 500" not in result.stdout
        assert "nothing was imported" in result.stderr and "Traceback" not in result.stderr
        assert impostor.heard == [], "the file's path reached the impostor"
        assert backups.content_digest(db) == before
    finally:
        impostor.close()
        Path(name).unlink(missing_ok=True)


def test_the_socket_lives_in_a_folder_only_its_owner_may_enter(db: Path) -> None:
    folder = Path(server_name(db)).parent
    facts = folder.lstat()
    assert stat.S_ISDIR(facts.st_mode) and facts.st_uid == os.getuid()
    assert facts.st_mode & 0o077 == 0


def test_a_runtime_folder_open_to_others_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_to_all = tmp_path / "runtime"
    open_to_all.mkdir()
    open_to_all.chmod(0o777)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(open_to_all))
    assert Path(server_name(tmp_path / "d.sqlite3")).parent != open_to_all
    open_to_all.chmod(0o700)
    assert Path(server_name(tmp_path / "d.sqlite3")).parent == open_to_all


@pytest.mark.skipif(not ROOT, reason="making a folder another user's needs root")
def test_a_fallback_folder_taken_by_another_user_is_refused_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    squatted = tmp_path / f"isodiary-{os.getuid()}"
    squatted.mkdir(mode=0o700)
    os.chown(squatted, 65534, 65534)
    with pytest.raises(HandOverRefused, match=str(squatted)):
        server_name(tmp_path / "d.sqlite3")


def test_the_peer_of_a_local_socket_is_known_by_its_user_id() -> None:
    if not hasattr(socket, "SO_PEERCRED"):
        pytest.skip("SO_PEERCRED is Linux's")
    one, other = socket.socketpair()
    with one, other:
        assert peer_user(one.fileno()) == os.getuid()


def test_a_window_of_another_user_is_told_nothing_and_the_command_says_why(
    qapp: object, db: Path, held: DiaryLock, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = server_name(db)
    Path(name).unlink(missing_ok=True)
    impostor = Impostor(name)
    monkeypatch.setattr(instance, "peer_user", lambda _descriptor: os.getuid() + 1)
    try:
        with pytest.raises(HandOverRefused, match="another user"):
            ask(db, {"do": "import", "file": "/secret/path.json", "replace": False}, 2000)
        assert impostor.heard == []
    finally:
        impostor.close()
        Path(name).unlink(missing_ok=True)


@pytest.mark.skipif(not ROOT, reason="making a folder another user's needs root")
def test_a_command_that_cannot_reach_a_trusted_window_refuses_and_says_why(
    db: Path, held: DiaryLock, tmp_path: Path
) -> None:
    squatted = tmp_path / f"isodiary-{os.getuid()}"
    squatted.mkdir(mode=0o700)
    os.chown(squatted, 65534, 65534)
    environment = {k: v for k, v in os.environ.items() if k != "XDG_RUNTIME_DIR"}
    result = subprocess.run(
        [sys.executable, "-m", "diary", "--db", str(db), "import", str(DEMO)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**environment, "TMPDIR": str(tmp_path)},
    )
    assert result.returncode == 1, result.stderr
    assert str(squatted) in result.stderr and "cannot be trusted" in result.stderr
    assert "nothing was imported" in result.stderr and "Traceback" not in result.stderr
