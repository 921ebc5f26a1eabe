"""Photos ▸ Compare: two dates of one area side by side, or one over the other with a fade
slider, with that day's new spots, severity and course day written under each."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from diary.core.photos import AREAS, Photo
from diary.ui.app.context import DiaryContext
from diary.ui.day.form_labels import buddy
from diary.ui.photos.captions import day_words, photo_caption
from diary.ui.photos.jobs import ImageWorker
from diary.ui.widgets import theme

# Pictures are loaded at most this large: sharp on any screen, never a phone's 12 megapixels.
PICTURE_SIDE = 1600


class CompareDialog(QDialog):
    """Choose an area and two of its photos; see them side by side or faded one over the other."""

    def __init__(
        self,
        context: DiaryContext,
        worker: ImageWorker,
        area: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare photos")
        self.context, self.worker = context, worker
        self.photos = context.photos()
        self.area = QComboBox()
        self.area.setAccessibleName("Area of skin")
        for key, words in AREAS.items():
            count = sum(1 for photo in self.photos if photo.area == key)
            if count:
                self.area.addItem(f"{words} ({count})", key)
        self.before = QComboBox()
        self.before.setAccessibleName("Earlier photo")
        self.after = QComboBox()
        self.after.setAccessibleName("Later photo")
        self.side_by_side = QRadioButton("&Side by side")
        self.overlay = QRadioButton("&One over the other")
        self.side_by_side.setChecked(True)
        self.fade = QSlider(Qt.Orientation.Horizontal)
        self.fade.setRange(0, 100)
        self.fade.setValue(50)
        self.fade.setAccessibleName("Fade from the earlier photo to the later one")
        self.fade.setEnabled(False)
        self.left = _Canvas("Earlier photo")
        self.right = _Canvas("Later photo")
        self.blend = _Canvas("The two photos, one over the other")
        self.left_caption, self.right_caption, self.blend_caption = QLabel(), QLabel(), QLabel()
        for caption in (self.left_caption, self.right_caption, self.blend_caption):
            caption.setWordWrap(True)
        self.empty = QLabel("No photos yet. Photos ▸ Add photos… adds the first.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.stack = QStackedWidget()
        self._lay_out()

        self.area.currentIndexChanged.connect(self._area_chosen)
        self.before.currentIndexChanged.connect(self._show)
        self.after.currentIndexChanged.connect(self._show)
        self.side_by_side.toggled.connect(self._mode_chosen)
        self.fade.valueChanged.connect(lambda value: self.blend.set_fade(value / 100))
        self.buttons.rejected.connect(self.reject)
        worker.picture_ready.connect(self._picture_ready)
        if area is not None and self.area.findData(area) >= 0:
            self.area.setCurrentIndex(self.area.findData(area))
        self._area_chosen()
        self.empty.setVisible(not self.photos)
        self.area.setFocus()

    def _lay_out(self) -> None:
        choices = QGridLayout()
        choices.setSpacing(theme.SPACING)
        choices.addWidget(buddy("&Area", self.area), 0, 0)
        choices.addWidget(self.area, 0, 1)
        choices.addWidget(buddy("&Earlier", self.before), 0, 2)
        choices.addWidget(self.before, 0, 3)
        choices.addWidget(buddy("&Later", self.after), 0, 4)
        choices.addWidget(self.after, 0, 5)
        choices.setColumnStretch(6, 1)
        mode = QHBoxLayout()
        mode.addWidget(self.side_by_side)
        mode.addWidget(self.overlay)
        mode.addWidget(buddy("&Fade", self.fade))
        mode.addWidget(self.fade, 1)
        pair = QWidget()
        pair_layout = QGridLayout(pair)
        pair_layout.setContentsMargins(0, 0, 0, 0)
        pair_layout.addWidget(self.left, 0, 0)
        pair_layout.addWidget(self.right, 0, 1)
        pair_layout.addWidget(self.left_caption, 1, 0)
        pair_layout.addWidget(self.right_caption, 1, 1)
        pair_layout.setRowStretch(0, 1)
        over = QWidget()
        over_layout = QVBoxLayout(over)
        over_layout.setContentsMargins(0, 0, 0, 0)
        over_layout.addWidget(self.blend, 1)
        over_layout.addWidget(self.blend_caption)
        self.stack.addWidget(pair)
        self.stack.addWidget(over)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addLayout(mode)
        layout.addWidget(self.empty)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)

    def sizeHint(self) -> QSize:
        return QSize(900, 620)

    # Choosing ----------------------------------------------------------------------------

    def _area_chosen(self) -> None:
        area = self.area.currentData()
        shown = [photo for photo in self.photos if photo.area == area]
        for box in (self.before, self.after):
            box.blockSignals(True)
            box.clear()
            for photo in shown:
                box.addItem(day_words(photo.date), photo)
            box.blockSignals(False)
        # The first photo of the area against the latest: the whole course so far.
        self.before.setCurrentIndex(0 if shown else -1)
        self.after.setCurrentIndex(len(shown) - 1)
        self._show()

    def _mode_chosen(self) -> None:
        overlay = self.overlay.isChecked()
        self.fade.setEnabled(overlay)
        self.stack.setCurrentIndex(1 if overlay else 0)

    def chosen(self) -> tuple[Photo | None, Photo | None]:
        return self.before.currentData(), self.after.currentData()

    def _show(self) -> None:
        before, after = self.chosen()
        self.left_caption.setText("" if before is None else photo_caption(self.context, before))
        self.right_caption.setText("" if after is None else photo_caption(self.context, after))
        self.blend_caption.setText(
            f"Earlier: {photo_caption(self.context, before)}\nLater: {photo_caption(self.context, after)}"
            if before is not None and after is not None
            else ""
        )
        for key, photo in (("before", before), ("after", after)):
            if photo is None:
                self._set_picture(key, None)
            else:  # a placeholder first, the picture when the worker has it
                self._set_picture(key, None)
                self.worker.load_picture((key, photo), photo, PICTURE_SIDE)

    def _picture_ready(self, key: object, image: object) -> None:
        if not isinstance(key, tuple) or len(key) != 2 or not isinstance(image, QImage):
            return
        which, photo = key
        current = self.before.currentData() if which == "before" else self.after.currentData()
        if photo == current:  # still the one chosen
            self._set_picture(which, image)

    def _set_picture(self, which: str, image: QImage | None) -> None:
        if which == "before":
            self.left.set_images(image, None)
            self.blend.set_images(image, self.blend.top)
        else:
            self.right.set_images(image, None)
            self.blend.set_images(self.blend.bottom, image)


class _Canvas(QWidget):
    """One picture scaled to fit, or two with the top one faded in by `fade` (0 to 1)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setMinimumSize(200, 160)
        self.bottom: QImage | None = None
        self.top: QImage | None = None
        self.fade = 0.5

    def set_images(self, bottom: QImage | None, top: QImage | None) -> None:
        self.bottom, self.top = bottom, top
        self.update()

    def set_fade(self, fade: float) -> None:
        self.fade = fade
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if self.bottom is None and self.top is None:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Loading…")
            return
        if self.bottom is not None:
            painter.drawImage(_fitted(self.bottom, self.rect()), self.bottom)
        if self.top is not None:
            painter.setOpacity(self.fade if self.bottom is not None else 1.0)
            painter.drawImage(_fitted(self.top, self.rect()), self.top)
        painter.end()


def _fitted(image: QImage, area: QRect) -> QRect:
    size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    corner = QPoint(
        area.x() + (area.width() - size.width()) // 2, area.y() + (area.height() - size.height()) // 2
    )
    return QRect(corner, size)
