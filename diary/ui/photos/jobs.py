"""Work on images off the window's thread: taking a file in (reading, cleaning, hashing and
keeping it) and loading thumbnails and pictures. A large image never freezes the window:
each job runs in a thread pool and its result comes back by a signal, on the window's
thread (a QImage may be made on any thread; only the window's thread turns it into pixels
on screen)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage, QImageReader, QPixmap

from diary.core.photos import ImageRefused, Photo
from diary.ui.app.context import DiaryContext, DiaryUnavailable

# Thumbnails held in memory at once (each at most 256 px a side, about 256 KiB), for the
# dialogs' guides and a view built again: bounded however many photos the diary holds (the
# view's slots keep their own small icons).
THUMBNAILS_HELD = 120
# Thumbnails asked for in one turn of the event loop are loaded this many to a job: a job
# each would cost more in starting than in loading.
THUMBNAILS_A_JOB = 24


class _Relay(QObject):
    """Carries a job's result back to the window's thread (a QRunnable is not a QObject)."""

    done = Signal(object, object)  # (key, result)
    failed = Signal(object, str)  # (key, why)


class _Job(QRunnable):
    def __init__(self, key: object, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self.key, self.work, self.relay = key, work, relay

    def run(self) -> None:
        try:
            result = self.work()
        except (ImageRefused, DiaryUnavailable) as problem:
            self.relay.failed.emit(self.key, str(problem))
        except OSError as error:  # a picture that cannot be read: said, never a crash
            self.relay.failed.emit(self.key, error.strerror or str(error))
        else:
            self.relay.done.emit(self.key, result)


class ImageWorker(QObject):
    """Runs image jobs in a pool of its own; each result comes back keyed as asked.

    Signals:
        taken_in(Path, KeptImage): a file was taken in and its image kept in the diary's folder.
        refused(Path, str): a file could not be taken in, and why.
        thumbnail_ready(str, QImage): a photo's thumbnail (by its hash).
        picture_ready(object, QImage): a picture asked for by `load_picture` (by its key).
    """

    taken_in = Signal(object, object)
    refused = Signal(object, str)
    thumbnail_ready = Signal(str, QImage)
    picture_ready = Signal(object, object)

    def __init__(self, context: DiaryContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.files = context.photo_files()  # the image files, safe to use from any thread
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(2)
        self._held: OrderedDict[str, QPixmap] = OrderedDict()
        self._asked: set[str] = set()
        self._intake = _Relay(self)
        self._intake.done.connect(self.taken_in)
        self._intake.failed.connect(self.refused)
        self._thumbnails = _Relay(self)
        self._thumbnails.done.connect(self._thumbnails_done)
        self._thumbnails.failed.connect(lambda keys, _why: self._asked.difference_update(keys))
        self._queued: list[Photo] = []
        self._pictures = _Relay(self)
        self._pictures.done.connect(self.picture_ready)

    def take_in(self, path: Path) -> None:
        """Take the file in on a worker thread; `taken_in` or `refused` says how it went."""
        self.pool.start(_Job(path, lambda: self.files.take_in(path), self._intake))

    def thumbnail(self, photo: Photo) -> QPixmap | None:
        """The photo's thumbnail if held; else None, and it is loaded (thumbnail_ready says when)."""
        held = self._held.get(photo.sha256)
        if held is not None:
            self._held.move_to_end(photo.sha256)
            return held
        if photo.sha256 not in self._asked:
            self._asked.add(photo.sha256)
            if not self._queued:
                QTimer.singleShot(0, self._start_thumbnail_jobs)
            self._queued.append(photo)
        return None

    def _start_thumbnail_jobs(self) -> None:
        queued, self._queued = self._queued, []
        for first in range(0, len(queued), THUMBNAILS_A_JOB):
            batch = queued[first : first + THUMBNAILS_A_JOB]
            keys = tuple(photo.sha256 for photo in batch)
            self.pool.start(_Job(keys, partial(self._load_thumbnails, batch), self._thumbnails))

    def _load_thumbnails(self, photos: list[Photo]) -> list[tuple[str, QImage | None]]:
        """On a worker thread: each photo's thumbnail (made and cached the first time), or
        None for one that cannot be shown (missing or changed: `isodiary check` names it)."""
        loaded: list[tuple[str, QImage | None]] = []
        for photo in photos:
            try:
                # Bytes, not a path: a protected diary's thumbnails are sealed on disk.
                thumbnail = self.files.thumbnail_bytes(photo.sha256, photo.media_type)
                loaded.append((photo.sha256, _read_image(thumbnail)))
            except (ImageRefused, DiaryUnavailable, OSError):
                loaded.append((photo.sha256, None))
        return loaded

    def load_picture(self, key: object, photo: Photo, longest_side: int) -> None:
        """Load the photo's picture (opened, if the diary is protected), scaled to at most
        `longest_side`, on a worker thread."""

        def load() -> QImage:
            return _read_image(self.files.read(photo.sha256, photo.media_type), longest_side)

        self.pool.start(_Job(key, load, self._pictures))

    def wait(self) -> None:
        """Let every job finish (before the diary closes)."""
        self.pool.waitForDone()

    def _thumbnails_done(self, _keys: object, loaded: object) -> None:
        assert isinstance(loaded, list)
        for sha256, image in loaded:
            self._asked.discard(sha256)
            if image is None:
                continue
            self._held[sha256] = QPixmap.fromImage(image)
            while len(self._held) > THUMBNAILS_HELD:
                self._held.popitem(last=False)
            self.thumbnail_ready.emit(sha256, image)


def _read_image(data: bytes, longest_side: int | None = None) -> QImage:
    """The picture in `data`, turned as its EXIF says, scaled down while it is decoded (a
    JPEG decodes straight at the smaller size); raises OSError when it cannot be read."""
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    if longest_side is not None:
        size = reader.size()
        if size.isValid() and max(size.width(), size.height()) > longest_side:
            # The reader scales before turning: the stored size is the one to shrink.
            reader.setScaledSize(
                size.scaled(QSize(longest_side, longest_side), Qt.AspectRatioMode.KeepAspectRatio)
            )
    image = reader.read()
    if image.isNull():
        raise OSError(0, f"The picture cannot be shown ({reader.errorString()})")
    return image
