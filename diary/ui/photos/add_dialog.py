"""Adding photos: the files chosen (or dropped on the window) are taken in on a worker thread
and shown as soon as each is ready; the person picks the area and checks the date (the
photo's own, from its EXIF, is offered); the last photo of that area shows beside it, so
that framing and light can match."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QSize, Qt
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from diary.core.photos import AREAS, Photo
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.day.form_labels import buddy
from diary.ui.photos.captions import day_words
from diary.ui.photos.jobs import ImageWorker
from diary.ui.widgets import theme
from diary.ui.widgets.date_field import DateField

if TYPE_CHECKING:
    from diary.ui.app.context import KeptImage

PREVIEW_SIDE = 240
IMAGE_FILTER = "Photos (*.jpg *.jpeg *.png *.heic *.heif *.JPG *.JPEG *.PNG *.HEIC *.HEIF)"


class AddPhotosDialog(QDialog):
    """Add the images in `files` for one date and one area."""

    def __init__(
        self,
        context: DiaryContext,
        worker: ImageWorker,
        files: list[Path],
        day: dt.date,
        *,
        area: str = "face_front",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add photos")
        self.context, self.worker = context, worker
        self.kept: dict[Path, KeptImage] = {}  # path -> KeptImage, in the order they came
        self.refusals: dict[Path, str] = {}
        self._waiting = set(files)
        self._date_typed = False
        self._rows: dict[Path, QListWidgetItem] = {}

        self.files = QListWidget()
        self.files.setIconSize(QSize(64, 64))
        self.files.setAccessibleName("Photos to add")
        for path in files:
            item = QListWidgetItem(f"{path.name}: reading…")
            self.files.addItem(item)
            self._rows[path] = item
        self.files.setCurrentRow(0)
        self.date = DateField(day)
        self.date.setAccessibleName("Date of the photos")
        self.area = QComboBox()
        self.area.setAccessibleName("Area of skin")
        for key, words in AREAS.items():
            self.area.addItem(words, key)
        self.area.setCurrentIndex(list(AREAS).index(area))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("What happened to the photos")
        self.preview = _Picture("The photo chosen")
        self.guide = _Picture("The last photo of this area")
        self.guide_caption = QLabel()
        self.guide_caption.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.add_button = self.buttons.addButton("Add", QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setDefault(True)
        self._lay_out()

        self.date.edit.textEdited.connect(self._typed_date)
        self.area.currentIndexChanged.connect(self._show_guide)
        self.files.currentRowChanged.connect(self._show_chosen)
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self.reject)
        worker.taken_in.connect(self._taken_in)
        worker.refused.connect(self._refused)
        worker.thumbnail_ready.connect(self._thumbnail_ready)
        self._show_guide()
        self._update()
        for path in files:
            worker.take_in(path)
        self.area.setFocus()

    def _lay_out(self) -> None:
        fields = QGridLayout()
        fields.setSpacing(theme.SPACING)
        fields.addWidget(buddy("A&rea", self.area), 0, 0)
        fields.addWidget(self.area, 0, 1)
        fields.addWidget(buddy("&Date", self.date), 1, 0)
        fields.addWidget(self.date, 1, 1)
        pictures = QGridLayout()
        pictures.setSpacing(theme.SECTION_SPACING)
        pictures.addWidget(QLabel("This photo"), 0, 0)
        pictures.addWidget(QLabel("Last time"), 0, 1)
        pictures.addWidget(self.preview, 1, 0)
        pictures.addWidget(self.guide, 1, 1)
        pictures.addWidget(self.guide_caption, 2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(fields)
        layout.addWidget(self.status)
        layout.addLayout(pictures)
        layout.addWidget(self.buttons)

    # Results from the worker -------------------------------------------------------------

    def _taken_in(self, path: object, kept: object) -> None:
        if path not in self._waiting:
            return  # another dialog's file
        assert isinstance(path, Path)
        self._waiting.discard(path)
        self.kept[path] = kept  # type: ignore[assignment]  # what PhotoFiles.take_in returns
        taken_on = self.kept[path].taken_on
        when = f"taken {day_words(taken_on)}" if taken_on else "no date in the photo"
        self._rows[path].setText(f"{path.name}: {when}")
        self._rows[path].setData(Qt.ItemDataRole.UserRole, kept)
        if not self._date_typed:
            self._offer_date()
        self.worker.thumbnail(_provisional(self.kept[path]))
        self._update()
        self._show_chosen(self.files.currentRow())

    def _offer_date(self) -> None:
        """Offer the date the first photo in the list was taken (as they were chosen, however
        the worker's threads finish); a date the person typed is never replaced."""
        for path in self._rows:
            kept = self.kept.get(path)
            if kept is not None and kept.taken_on is not None:
                day = kept.taken_on
                self.date.setDate(QDate(day.year, day.month, day.day))
                return

    def _refused(self, path: object, why: str) -> None:
        if path not in self._waiting:
            return
        assert isinstance(path, Path)
        self._waiting.discard(path)
        self.refusals[path] = why
        self._rows[path].setText(f"{path.name}: not added, {why}")
        self._rows[path].setForeground(theme.urgent_text_color(self.files))
        self._update()

    def _thumbnail_ready(self, sha256: str, image: QImage) -> None:
        for row in range(self.files.count()):
            item = self.files.item(row)
            kept = item.data(Qt.ItemDataRole.UserRole)
            if kept is not None and kept.sha256 == sha256:
                item.setIcon(QIcon(QPixmap.fromImage(image)))
        self._show_chosen(self.files.currentRow())
        self._show_guide()

    # What is shown ---------------------------------------------------------------------

    def _typed_date(self) -> None:
        self._date_typed = True
        self._update()

    def _update(self) -> None:
        words = []
        if self._waiting:
            words.append(f"Reading {len(self._waiting)} photo{'s' if len(self._waiting) != 1 else ''}…")
        if self.refusals:
            words.append(f"{len(self.refusals)} cannot be added (said in the list).")
        days = {kept.taken_on for kept in self.kept.values() if kept.taken_on is not None}
        if len(days) > 1:
            words.append("These photos were taken on different days; all are added on the date above.")
        if not self.date.is_complete():
            words.append("Type the date as 2026-10-06.")
        self.status.setText(" ".join(words))
        ready = bool(self.kept) and not self._waiting and self.date.is_complete()
        self.add_button.setEnabled(ready)
        self.add_button.setDefault(ready)  # Enter adds once there is something to add

    def _show_chosen(self, row: int) -> None:
        item = self.files.item(row) if row >= 0 else None
        kept = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        self.preview.show_pixmap(None if kept is None else self.worker.thumbnail(_provisional(kept)))

    def _show_guide(self) -> None:
        area = self.area.currentData()
        earlier = [photo for photo in self.context.photos() if photo.area == area]
        if not earlier:
            self.guide.show_pixmap(None, "No earlier photo of this area")
            self.guide_caption.setText("")
            return
        last = earlier[-1]
        self.guide.show_pixmap(self.worker.thumbnail(last))
        self.guide_caption.setText(f"{AREAS[area]}, {day_words(last.date)}")

    # Adding --------------------------------------------------------------------------------

    def _add(self) -> None:
        qdate = self.date.date()
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        area = str(self.area.currentData())
        try:
            for kept in self.kept.values():
                self.context.add_photo(Photo(day, area, kept.sha256, kept.media_type))
        except DiaryUnavailable as problem:
            QMessageBox.warning(self, "Not added", str(problem))
            return
        self.accept()


def _provisional(kept: KeptImage) -> Photo:
    """A record for a kept image not yet dated, for asking its thumbnail (made from the hash)."""
    return Photo(dt.date(2000, 1, 1), "other", kept.sha256, kept.media_type)


class _Picture(QLabel):
    """A picture of at most PREVIEW_SIDE a side, or words where there is none yet."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setFixedSize(PREVIEW_SIDE, PREVIEW_SIDE)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setFrameShape(QLabel.Shape.StyledPanel)
        self.setWordWrap(True)

    def show_pixmap(self, pixmap: QPixmap | None, words: str = "…") -> None:
        if pixmap is None:
            self.setPixmap(QPixmap())
            self.setText(words)
            return
        self.setPixmap(
            pixmap.scaled(
                self.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        )
