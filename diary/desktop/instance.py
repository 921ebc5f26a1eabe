"""One diary, one writer: the lock beside the diary's real file, and the local socket through
which a second start (a window or a command) asks the holder to act.

The first IsoDiary on a diary takes `<real diary path>.lock` (a QLockFile, which tells who
holds it) and an OS lock on the diary file itself (so a hard link or another symlink meets
it too), and listens on a local socket named after that real path and the user, in a
folder only the user may enter ($XDG_RUNTIME_DIR, or a 0700 folder of theirs). Both ends
check that the other is the same user. Others connect and send one JSON line:

    {"do": "show"}                          bring the window forward
    {"do": "ping"}                          are you IsoDiary, holding this diary?
    {"do": "import", "file": F, "replace": B}
    {"do": "restore", "file": F}

and read one JSON line back: {"ok": true|false, "message": "...", "code": N}. The window
applies the work itself, through its context, so nothing ever writes behind its back.

A lock left by a crashed IsoDiary is taken over: Qt sees its process is gone, and on
Linux a process that started after the lock was written holds a reused PID, not the
lock. A lock held by a live IsoDiary, by another computer, or that cannot be read is never
removed, whoever asks. Only QtCore and QtNetwork here: the commands use it too.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, QSysInfo, QThread, QTimer, Signal

from diary.store.files import PRIVATE_FILE, PRIVATE_FOLDER, FileLock

if TYPE_CHECKING:
    # QtNetwork loads only when the server starts or someone calls it.
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

LOCK_SUFFIX = ".lock"
REQUEST, ANSWER = b"show\n", b"shown\n"  # the first protocol, still understood
# How long a second start keeps trying to reach the first (which may still be starting).
CONNECT_TRIES = 10
WAIT_MS = 500
# An import or a restore of a big diary may take a while in the window.
WORK_WAIT_MS = 120_000

Request = dict[str, Any]
Answer = dict[str, Any]


class LockState(Enum):
    HELD = "held"  # ours now
    TAKEN = "taken"  # another IsoDiary holds it
    UNUSABLE = "unusable"  # the folder cannot hold a lock; opening the diary will say why


def real_path(diary_path: Path) -> Path:
    """The diary's own file, whatever link or relative path led to it."""
    return Path(diary_path).expanduser().resolve()


def lock_path(diary_path: Path) -> Path:
    real = real_path(diary_path)
    return real.with_name(real.name + LOCK_SUFFIX)


def server_name(diary_path: Path) -> str:
    """The local socket's name: one per diary (by its real path) and per user. On POSIX a
    path inside a folder only its owner may create in (see `socket_folder`)."""
    key = str(real_path(diary_path))
    user = str(os.getuid()) if hasattr(os, "getuid") else os.environ.get("USERNAME", "")
    import hashlib  # here, not at start-up: only a listening or asking window needs the name

    name = f"isodiary-{user}-{hashlib.sha256(key.encode()).hexdigest()[:20]}"
    if not hasattr(os, "getuid"):
        return name  # Windows: a named pipe, which Qt makes for this user only
    return str(socket_folder() / f"{name}.sock")


class HandOverRefused(Exception):
    """No window that can be trusted can be reached; the message says why."""


def socket_folder() -> Path:
    """Where the hand-over socket lives: $XDG_RUNTIME_DIR, or a folder of the user's own
    (0700) in the temporary folder, which no one else can make or enter. Raises
    HandOverRefused naming the folder when neither can be trusted."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and Path(runtime).is_absolute() and _is_private(Path(runtime)):
        return Path(runtime)
    import tempfile

    fallback = Path(tempfile.gettempdir()) / f"isodiary-{os.getuid()}"
    try:
        fallback.mkdir(mode=PRIVATE_FOLDER)
    except FileExistsError:
        pass
    except OSError as error:
        raise HandOverRefused(f"IsoDiary cannot make its folder {fallback} ({error.strerror})") from None
    if not _is_private(fallback):
        raise HandOverRefused(
            f"the folder {fallback} where IsoDiary's window listens belongs to someone else or is "
            "open to others, so it cannot be trusted"
        )
    return fallback


def _is_private(folder: Path) -> bool:
    """A real folder (not a link), owned by this user, that no one else may enter."""
    import stat

    try:
        facts = folder.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(facts.st_mode) and facts.st_uid == os.getuid() and not facts.st_mode & 0o077


def peer_user(descriptor: int) -> int | None:
    """The user id of the process at the other end of a local socket (SO_PEERCRED on
    Linux); None where the system cannot tell."""
    import socket
    import struct

    option = getattr(socket, "SO_PEERCRED", None)
    if option is None or descriptor < 0:
        return None
    peer = socket.socket(fileno=os.dup(descriptor))
    try:
        data = peer.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    except OSError:
        return None
    finally:
        peer.close()
    _pid, uid, _gid = struct.unpack("3i", data)
    return int(uid)


def _trusted(descriptor: int) -> bool:
    """The other end is this user's (or the system cannot tell, and the folder vouches)."""
    if not hasattr(os, "getuid"):
        return True
    user = peer_user(descriptor)
    return user is None or user == os.getuid()


def _started_after(pid: int, moment: float) -> bool:
    """True when process `pid` (Linux) started after `moment`: it cannot have taken a lock then."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        ticks = int(stat.rsplit(")", 1)[1].split()[19])
        boot = next(
            float(line.split()[1])
            for line in Path("/proc/stat").read_text().splitlines()
            if line.startswith("btime ")
        )
    except (OSError, ValueError, IndexError, StopIteration):
        return False
    started = boot + ticks / os.sysconf("SC_CLK_TCK")
    return started > moment + 2  # the boot time is whole seconds; allow for it


class DiaryLock:
    """The diary's lock file, held while a window (or a command) works on the diary."""

    def __init__(self, diary_path: Path) -> None:
        self.diary_path = Path(diary_path)
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
            return self._hold_the_file()
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            if self._holder_pid_was_reused() and self._lock.removeStaleLockFile() and self._lock.tryLock(0):
                self.path.chmod(PRIVATE_FILE)
                return self._hold_the_file()
            return LockState.TAKEN
        return LockState.UNUSABLE

    def _hold_the_file(self) -> LockState:
        """The lock file is ours; now the diary file itself, which every name of it (a hard
        link, another symlink) meets. A diary not made yet is locked once it is (hold_file)."""
        if self.hold_file():
            return LockState.HELD
        self._lock.unlock()
        return LockState.TAKEN

    def hold_file(self) -> bool:
        """Take the OS lock on the diary file, if it exists: False when another holds it."""
        real = real_path(self.diary_path)
        if real in FileLock.held:
            return True
        try:
            lock = FileLock.take(real)
        except FileNotFoundError:
            return True  # nothing to lock yet
        except OSError:
            return True  # unreadable: opening the diary will say why
        if lock is None:
            return False
        FileLock.hold(real, lock)
        return True

    def _holder_pid_was_reused(self) -> bool:
        pid, host, _app = self._lock.getLockInfo()
        if not pid or host != QSysInfo.machineHostName() or pid == os.getpid():
            return False
        try:
            written = self.path.stat().st_mtime
        except OSError:
            return False
        return _started_after(pid, written)

    def acquire(self) -> bool:
        """True unless another IsoDiary holds the lock."""
        return self.try_lock() != LockState.TAKEN

    def is_held(self) -> bool:
        return self._lock.isLocked()

    def release(self) -> None:
        if self._lock.isLocked():
            FileLock.let_go(real_path(self.diary_path))
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
    """The lock plus the local server that lets others bring this window forward or hand it work.

    Signals:
        show_requested: another start of IsoDiary on this diary asked to see the window.
    """

    show_requested = Signal()

    def __init__(self, diary_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.diary_path = Path(diary_path)
        self.lock = DiaryLock(diary_path)
        self._server: QLocalServer | None = None
        self._work: Callable[[Request], Answer] | None = None

    def start(self) -> bool:
        """Become the diary's one holder: True, unless another IsoDiary already is."""
        state = self.lock.try_lock()
        if state == LockState.TAKEN:
            return False
        if state == LockState.HELD:
            # Listening loads QtNetwork; once the event loop runs, so it never delays the
            # first frame. The lock already keeps out a second writer in the meantime.
            QTimer.singleShot(0, self._listen)
        return True

    def serve(self, work: Callable[[Request], Answer] | None) -> None:
        """Who applies handed-over work (import, restore): the window, once it is up."""
        self._work = work

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        self.lock.release()

    def _listen(self) -> None:
        if not self.lock.is_held():
            return  # stopped before the event loop came round
        from PySide6.QtNetwork import QLocalServer

        try:
            name = server_name(self.diary_path)
        except HandOverRefused:
            return  # no trusted place to listen: commands refuse, saying why
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        # We hold the lock, so a socket left under this name is a crashed window's.
        QLocalServer.removeServer(name)
        if server.listen(name):
            server.newConnection.connect(self._answer)
            self._server = server

    def _answer(self) -> None:
        while self._server is not None and self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if not _trusted(int(socket.socketDescriptor())):
                socket.abort()  # another user's process: it learns nothing, asks nothing
                socket.deleteLater()
                continue
            socket.readyRead.connect(lambda socket=socket: self._read(socket))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        if line == REQUEST:
            self.show_requested.emit()
            reply = ANSWER
        else:
            reply = (json.dumps(self._handle(line)) + "\n").encode()
        socket.write(reply)
        socket.flush()
        socket.disconnectFromServer()

    def _handle(self, line: bytes) -> Answer:
        try:
            request = json.loads(line)
            action = request["do"]
        except (ValueError, TypeError, KeyError):
            return {"ok": False, "message": "IsoDiary did not understand the request.", "code": 2}
        if action == "ping":
            return {"ok": True, "message": "IsoDiary", "diary": str(real_path(self.diary_path))}
        if action == "show":
            self.show_requested.emit()
            return {"ok": True, "message": "shown"}
        if self._work is None:
            return {"ok": False, "message": "IsoDiary's window is still starting; try again.", "code": 1}
        return self._work(request)

    def ask_first_to_show(self) -> bool:
        """From a second start: ask the window holding the lock to come forward. True when it did."""
        try:
            answer = ask(self.diary_path, {"do": "show"}, WAIT_MS * 4)
        except HandOverRefused:
            return False
        return answer is not None and bool(answer.get("ok"))


def ask(diary_path: Path, request: Request, wait_ms: int = WORK_WAIT_MS) -> Answer | None:
    """Send `request` to the IsoDiary holding the diary and wait for its answer; None when it
    cannot be reached (no one listens, or it did not answer in time). Raises HandOverRefused
    when what answers cannot be trusted (another user's), naming why: it is told nothing."""
    if QCoreApplication.instance() is None:
        QCoreApplication([])  # the sockets need one; a command has none of its own
    from PySide6.QtNetwork import QLocalSocket

    name = server_name(diary_path)
    for _ in range(CONNECT_TRIES):
        socket = QLocalSocket()
        socket.connectToServer(name)
        if socket.waitForConnected(WAIT_MS):
            if not _trusted(int(socket.socketDescriptor())):
                socket.abort()
                raise HandOverRefused(f"what listens at {name} belongs to another user")
            socket.write((json.dumps(request) + "\n").encode())
            socket.waitForBytesWritten(WAIT_MS)
            data = b""
            while not data.endswith(b"\n") and socket.waitForReadyRead(wait_ms):
                data += bytes(socket.readAll().data())
            data += bytes(socket.readAll().data())
            socket.abort()
            try:
                answer = json.loads(data)
            except ValueError:
                return None
            return answer if isinstance(answer, dict) else None
        socket.abort()
        # The first window may hold the lock but not listen yet; wait a little and retry.
        QThread.msleep(WAIT_MS // 2)
    return None
