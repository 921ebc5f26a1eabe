"""One window per diary: a lock file beside it, and a local server a second start asks to come forward.

The first IsoDiary on a diary takes `<diary>.lock` (a QLockFile) and listens on a local
socket named after the diary's path and the user. A second start finds the lock taken,
connects, sends `show`, and quits once the first answers `shown`: there is never a second
writer. A lock left by a crashed IsoDiary is taken over (Qt sees its process is gone);
a lock held by a live process, by another computer, or that cannot be read is never
removed, whoever asks.
"""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile, QObject, QSysInfo, QThread, QTimer, Signal

from diary.store.files import PRIVATE_FILE, PRIVATE_FOLDER

if TYPE_CHECKING:
    # QtNetwork loads only when the server starts or a second start calls it.
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_SUFFIX = ".lock"
REQUEST, ANSWER = b"show\n", b"shown\n"
# How long a second start keeps trying to reach the first (which may still be starting).
CONNECT_TRIES = 10
WAIT_MS = 500


class LockState(Enum):
    HELD = "held"  # ours now
    TAKEN = "taken"  # another IsoDiary holds it
    UNUSABLE = "unusable"  # the folder cannot hold a lock; opening the diary will say why


def lock_path(diary_path: Path) -> Path:
    diary_path = Path(diary_path)
    return diary_path.with_name(diary_path.name + LOCK_SUFFIX)


def server_name(diary_path: Path) -> str:
    """The local socket's name: one per diary (by its full path) and per user."""
    key = str(Path(diary_path).expanduser().resolve())
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    import hashlib  # here, not at start-up: only a listening or asking window needs the name

    return f"isodiary-{user}-{hashlib.sha256(key.encode()).hexdigest()[:20]}"


class DiaryLock:
    """The diary's lock file, held while a window (or `isodiary restore`) works on the diary."""

    def __init__(self, diary_path: Path) -> None:
        self.path = lock_path(diary_path)
        self._lock = QLockFile(str(self.path))
        # Never stale by age: only a lock whose process is gone is taken over.
        self._lock.setStaleLockTime(0)

    def try_lock(self) -> LockState:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        except OSError:
            return LockState.UNUSABLE
        if self._lock.tryLock(0):
            self.path.chmod(PRIVATE_FILE)
            return LockState.HELD
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            return LockState.TAKEN
        return LockState.UNUSABLE

    def acquire(self) -> bool:
        """True unless another IsoDiary holds the lock."""
        return self.try_lock() != LockState.TAKEN

    def is_held(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            self._lock.unlock()

    def holder(self) -> str:
        """Who holds the lock, in words: "" when unknown."""
        pid, host, _app = self._lock.getLockInfo()
        if not host:
            return ""
        if host != QSysInfo.machineHostName():
            return f"on the computer “{host}”"
        return f"in another window (process {pid})" if pid else ""


class SingleInstance(QObject):
    """The lock plus the local server that lets a second start bring this window forward.

    Signals:
        show_requested: another start of IsoDiary on this diary asked to see the window.
    """

    show_requested = Signal()

    def __init__(self, diary_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.diary_path = Path(diary_path)
        self.lock = DiaryLock(diary_path)
        self._server: QLocalServer | None = None

    def start(self) -> bool:
        """Become the diary's one window: True, unless another IsoDiary already is."""
        state = self.lock.try_lock()
        if state == LockState.TAKEN:
            return False
        if state == LockState.HELD:
            # Listening loads QtNetwork; once the event loop runs, so it never delays the
            # first frame. The lock already keeps out a second writer in the meantime.
            QTimer.singleShot(0, self._listen)
        return True

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self.lock.release()

    def _listen(self) -> None:
        if not self.lock.is_held():
            return  # stopped before the event loop came round
        from PySide6.QtNetwork import QLocalServer

        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the lock, so a socket left under this name is a crashed window's.
        QLocalServer.removeServer(server_name(self.diary_path))
        if server.listen(server_name(self.diary_path)):
            server.newConnection.connect(self._answer)
            self._server = server

    def _answer(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        if bytes(socket.readLine().data()) == REQUEST:
            self.show_requested.emit()
            socket.write(ANSWER)
            socket.flush()
        socket.disconnectFromServer()

    def ask_first_to_show(self) -> bool:
        """From a second start: ask the window holding the lock to come forward. True when it did."""
        from PySide6.QtNetwork import QLocalSocket

        for _ in range(CONNECT_TRIES):
            socket = QLocalSocket()
            socket.connectToServer(server_name(self.diary_path))
            if socket.waitForConnected(WAIT_MS):
                socket.write(REQUEST)
                socket.waitForBytesWritten(WAIT_MS)
                answered = socket.waitForReadyRead(WAIT_MS * 4) and socket.canReadLine()
                answer = bytes(socket.readLine().data()) if answered else b""
                socket.abort()
                return answer == ANSWER
            socket.abort()
            # The first window may hold the lock but not listen yet; wait a little and retry.
            QThread.msleep(WAIT_MS // 2)
        return False
