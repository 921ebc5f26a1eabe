"""What the Photos menu, the day view's button and a drop on the window do: choose files,
add them, compare two dates. One image worker serves the view and every dialog, so a
thumbnail is loaded once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

from diary.ui.app.context import DiaryContext

if TYPE_CHECKING:
    from diary.ui.photos.jobs import ImageWorker

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".heic", ".heif"})
FILTER = "Photos (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC *.HEIF);;All files (*)"


class PhotoActions(QObject):
    """The photo dialogs of one window, opened over `parent`."""

    def __init__(self, context: DiaryContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.context = context
        self.parent_widget = parent
        self._worker: ImageWorker | None = None
        self.last_area = "face_front"

    @property
    def worker(self) -> ImageWorker:
        """Made when photos are first needed, so start-up makes no thread pool for them."""
        if self._worker is None:
            from diary.ui.photos.jobs import ImageWorker

            self._worker = ImageWorker(self.context, self)
        return self._worker

    def wait(self) -> None:
        """Let an image being taken in be kept whole (nothing to wait for if none was)."""
        if self._worker is not None:
            self._worker.wait()

    def choose_and_add(self, day: dt.date, area: str | None = None) -> bool:
        """Ask for image files, then add them; False when none were chosen."""
        names, _ = QFileDialog.getOpenFileNames(
            self.parent_widget, "Add photos", str(Path.home() / "Pictures"), FILTER
        )
        if not names:
            return False
        return self.add_files([Path(name) for name in names], day, area)

    def add_files(self, files: list[Path], day: dt.date, area: str | None = None) -> bool:
        """The Add photos dialog for `files`; True when they were added."""
        from diary.ui.photos.add_dialog import AddPhotosDialog

        dialog = AddPhotosDialog(
            self.context, self.worker, files, day, area=area or self.last_area, parent=self.parent_widget
        )
        added = bool(dialog.exec())
        if added:
            self.last_area = str(dialog.area.currentData())
        dialog.deleteLater()
        return added

    def compare(self, area: str | None = None) -> None:
        from diary.ui.photos.compare import CompareDialog

        dialog = CompareDialog(self.context, self.worker, area or self.last_area, self.parent_widget)
        dialog.resize(dialog.sizeHint().boundedTo(self.parent_widget.size()))
        dialog.exec()
        dialog.deleteLater()


def image_files(urls: Iterable[QUrl]) -> list[Path]:
    """The local image files among dropped URLs (by their names; their bytes are checked on
    the way in)."""
    paths = [Path(url.toLocalFile()) for url in urls if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() in IMAGE_SUFFIXES]
