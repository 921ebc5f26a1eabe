"""The Photos view: a timeline strip for each area, one thumbnail a week across the course,
and the chosen week's photos below it, to compare or delete. Thumbnails come from the
worker as they are ready, so the view opens at once however many photos there are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QIcon, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from diary.core.photo_timeline import Week, weeks_of
from diary.core.photos import AREAS, Photo
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.models.changes import Changes
from diary.ui.photos.captions import day_words, photo_caption
from diary.ui.photos.jobs import ImageWorker
from diary.ui.widgets import theme

STRIP_ICON = 88
WEEK_ICON = STRIP_ICON
# Room under an icon for two lines of text ("Week 3", "16 Mar"), and around it.
_TEXT_ROOM = 40
_SIDE_ROOM = 24


class PhotosView(QWidget):
    """Every area's timeline, the chosen week's photos, and what can be done with them.

    Signals:
        add_requested(str): Add photos was asked for, for this area.
        compare_requested(str): Compare was asked for, for this area.
    """

    add_requested = Signal(str)
    compare_requested = Signal(str)

    def __init__(self, context: DiaryContext, worker: ImageWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.worker = context, worker
        self.strips: dict[str, QListWidget] = {}
        # hash -> the items waiting for its thumbnail: the strips' and the week's (kept apart,
        # since the week's items go whenever another week is chosen)
        self._icons: dict[str, list[QListWidgetItem]] = {}
        self._week_icons: dict[str, list[QListWidgetItem]] = {}
        self.empty = QLabel(
            "No photos yet. Photos ▸ Add photos… (Ctrl+Shift+P) adds some, or drag photos onto this window."
        )
        self.empty.setWordWrap(True)
        self.strips_box = QWidget()
        self.strips_layout = QVBoxLayout(self.strips_box)
        self.strips_layout.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidget(self.strips_box)
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Timelines, one for each area")
        self.week = QListWidget()
        self.week.setAccessibleName("The photos of the week chosen")
        _make_strip(self.week, WEEK_ICON)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName("About the photo chosen")
        self.add_button = QPushButton("Add photos…")
        self.compare_button = QPushButton("Compare…")
        self.delete_button = QPushButton("Delete photo…")
        self._lay_out(scroll)

        self.week.currentItemChanged.connect(lambda *_: self._show_caption())
        self.add_button.clicked.connect(lambda: self.add_requested.emit(self.current_area()))
        self.compare_button.clicked.connect(lambda: self.compare_requested.emit(self.current_area()))
        self.delete_button.clicked.connect(self.delete_chosen)
        worker.thumbnail_ready.connect(self._thumbnail_ready)
        context.changed.connect(self._changed)
        self._area = "face_front"
        self.refresh()

    def _lay_out(self, scroll: QScrollArea) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addLayout(buttons)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 3)
        layout.addWidget(self.week, 0)
        layout.addWidget(self.caption)

    # Building ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Lay out the timelines again from the diary's photos."""
        photos = self.context.photos()
        while self.strips_layout.count():
            item = self.strips_layout.takeAt(0)
            widget = None if item is None else item.widget()
            if widget is not None:
                widget.deleteLater()
        self.strips.clear()
        self._icons.clear()
        self._week_icons.clear()
        course = self.context.course_on(self.context.today()) or (
            self.context.courses[-1] if self.context.courses else None
        )
        for area, words in AREAS.items():
            shown = [photo for photo in photos if photo.area == area]
            if not shown:
                continue
            heading = QLabel(f"{words}: {len(shown)} photo{'s' if len(shown) != 1 else ''}")
            strip = QListWidget()
            strip.setAccessibleName(f"{words}, one photo a week")
            _make_strip(strip, STRIP_ICON)
            heading.setBuddy(strip)
            for week in weeks_of(shown, course, self.context.today()):
                strip.addItem(self._week_item(week))
            strip.currentItemChanged.connect(lambda item, _old, area=area: self._week_chosen(area, item))
            strip.installEventFilter(self)
            self.strips[area] = strip
            self.strips_layout.addWidget(heading)
            self.strips_layout.addWidget(strip)
        self.strips_layout.addStretch()
        self.empty.setVisible(not photos)
        for button in (self.compare_button, self.delete_button):
            button.setEnabled(bool(photos))
        self.week.clear()
        area = self._area if self._area in self.strips else next(iter(self.strips), "")
        if area:
            strip = self.strips[area]
            strip.setCurrentRow(_last_with_photos(strip))
        self._show_caption()

    def _changed(self, changes: Changes) -> None:
        """Lay out again when photos were added or deleted, or the course moved (the weeks
        count from its start); an import or a restore touches both."""
        if changes.photos or changes.courses:
            self.refresh()

    def _week_item(self, week: Week) -> QListWidgetItem:
        item = QListWidgetItem()
        item.setSizeHint(_slot(STRIP_ICON))  # an empty week as wide as one with a photo
        item.setData(Qt.ItemDataRole.UserRole, week.photos)
        label = f"Week {week.course_week}" if week.course_week is not None else f"{week.start:%d %b}"
        if not week.photos:
            item.setText(label)
            item.setFlags(Qt.ItemFlag.NoItemFlags)  # an empty week: shown, but the arrows pass it
            item.setToolTip(f"No photo in the week of {day_words(week.start)}")
            return item
        shown = week.photos[-1]
        item.setText(f"{label}\n{shown.date:%d %b}")
        more = len(week.photos) - 1
        # Only the date: a caption reads the day's entry, too slow for hundreds of slots.
        item.setToolTip(day_words(shown.date) + (f" (and {more} more this week)" if more else ""))
        self._set_icon(item, shown, self._icons)
        return item

    def _set_icon(
        self, item: QListWidgetItem, photo: Photo, waiting: dict[str, list[QListWidgetItem]]
    ) -> None:
        waiting.setdefault(photo.sha256, []).append(item)
        pixmap = self.worker.thumbnail(photo)
        if pixmap is not None:
            item.setIcon(_icon(pixmap))

    def _thumbnail_ready(self, sha256: str, image: QImage) -> None:
        items = self._icons.get(sha256, []) + self._week_icons.get(sha256, [])
        if items:
            icon = _icon(QPixmap.fromImage(image))
            for item in items:
                item.setIcon(icon)

    # Choosing --------------------------------------------------------------------------

    def current_area(self) -> str:
        return self._area

    def _week_chosen(self, area: str, item: QListWidgetItem | None) -> None:
        self._area = area
        self.week.clear()
        self._week_icons.clear()
        photos: list[Photo] = [] if item is None else item.data(Qt.ItemDataRole.UserRole) or []
        for photo in photos:
            row = QListWidgetItem(f"{photo.date:%a %d %b}")
            row.setSizeHint(_slot(WEEK_ICON))
            row.setData(Qt.ItemDataRole.UserRole, photo)
            row.setToolTip(photo_caption(self.context, photo))
            self.week.addItem(row)
            self._set_icon(row, photo, self._week_icons)
        self.week.setCurrentRow(self.week.count() - 1)
        self._show_caption()

    def chosen_photo(self) -> Photo | None:
        item = self.week.currentItem()
        photo = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return photo if isinstance(photo, Photo) else None

    def _show_caption(self) -> None:
        photo = self.chosen_photo()
        self.caption.setText(
            "" if photo is None else f"{photo.area_words}: {photo_caption(self.context, photo)}"
        )
        self.delete_button.setEnabled(photo is not None)

    # Deleting ----------------------------------------------------------------------------

    def delete_chosen(self) -> None:
        """Delete the photo chosen, asked once; backups that hold it keep it."""
        photo = self.chosen_photo()
        if photo is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete photo",
            f"Delete the photo of {photo.area_words.lower()} from {day_words(photo.date)}?\n\n"
            "Backups made while it was in the diary keep it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.context.delete_photo(photo)
        except DiaryUnavailable as problem:
            QMessageBox.warning(self, "Not deleted", str(problem))

    def eventFilter(self, watched: object, event: object) -> bool:
        """A strip given the focus shows its week below (so Delete deletes that area's photo,
        never another's); Delete in a strip deletes the photo chosen; Enter compares its area."""
        area = next((key for key, strip in self.strips.items() if strip is watched), None)
        if area is not None and isinstance(event, QFocusEvent) and event.type() == QEvent.Type.FocusIn:
            strip = self.strips[area]
            if strip.currentRow() < 0:
                strip.setCurrentRow(_last_with_photos(strip))
            if area != self._area:
                self._week_chosen(area, strip.currentItem())
        if area is not None and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            keys: dict[int, Callable[[], object]] = {
                Qt.Key.Key_Delete: self.delete_chosen,
                Qt.Key.Key_Return: lambda: self.compare_requested.emit(area),
                Qt.Key.Key_Enter: lambda: self.compare_requested.emit(area),
            }
            action = keys.get(event.key())
            if action is not None:
                action()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete:
            self.delete_chosen()
            return
        super().keyPressEvent(event)


def _make_strip(strip: QListWidget, side: int) -> None:
    strip.setViewMode(QListView.ViewMode.IconMode)
    strip.setFlow(QListView.Flow.LeftToRight)
    strip.setWrapping(False)
    strip.setMovement(QListView.Movement.Static)
    strip.setIconSize(QSize(side, side))
    strip.setGridSize(_slot(side))
    strip.setFixedHeight(_slot(side).height() + strip.horizontalScrollBar().sizeHint().height() + 8)
    strip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)


def _icon(pixmap: QPixmap) -> QIcon:
    """The icon at the strip's size: a slot keeps this, not the 256-pixel thumbnail, so a
    view of hundreds of photos holds a few megabytes of pictures. The photo chosen shows as
    it is: the style's selected tint greyed it, which read as a faded photo."""
    small = pixmap.scaled(
        STRIP_ICON,
        STRIP_ICON,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    icon = QIcon(small)
    icon.addPixmap(small, QIcon.Mode.Selected)
    return icon


def _slot(side: int) -> QSize:
    return QSize(side + _SIDE_ROOM, side + _TEXT_ROOM)


def _last_with_photos(strip: QListWidget) -> int:
    for row in range(strip.count() - 1, -1, -1):
        if strip.item(row).data(Qt.ItemDataRole.UserRole):
            return row
    return -1
