"""The Trends tab: the course at a glance in charts, with ranges, series to show, hover and save.

Imported only when the tab is first shown (see MainWindow), since it brings in matplotlib.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backend_bases import KeyEvent, MouseButton, MouseEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QObject, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from diary.charts.files import FORMATS, ChartFileError, save_figure
from diary.charts.hover import day_words
from diary.charts.ranges import load_from, range_choices
from diary.charts.style import style_for
from diary.charts.timeaxis import date_label, date_ticks, day_at, x_of
from diary.charts.trends import SERIES, is_panel, minimum_height, trends_figure
from diary.core.entry import Entry
from diary.core.flags import mood_flags
from diary.settings import TRENDS_HIDDEN_SERIES, TRENDS_SAVE_FOLDER
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.trends.controls import RangePicker, SeriesToggles
from diary.ui.trends.cursor import DayCursor
from diary.ui.widgets import theme

HINT = "Point at a day to see what you logged; click it to open that day. Keys: ← → move, Enter opens."
WINDOW_DPI = 110
FILTERS = ";;".join(f"{words} (*{suffix})" for suffix, (_kind, words) in FORMATS.items())


class TrendsCanvas(FigureCanvasQTAgg):
    """The chart's canvas; the mouse wheel scrolls the view (the chart itself does not zoom)."""

    def __init__(self, figure: Figure) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]  # matplotlib leaves it unannotated

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.ignore()


class DateStrip(QWidget):
    """The chart's dates, kept under the scrolled panels so they stay in sight on a short
    screen (the chart's own date row is at the foot of its last panel)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._labels: list[tuple[float, str]] = []
        self.setAccessibleName("Dates of the chart")
        self.setFixedHeight(self.fontMetrics().height() + 6)

    def set_labels(self, labels: list[tuple[float, str]]) -> None:
        """(x in this strip's pixels, words) for each date."""
        self._labels = labels
        self.setAccessibleDescription(", ".join(words for _x, words in labels))
        self.update()

    def labels(self) -> list[str]:
        return [words for _x, words in self._labels]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        metrics = self.fontMetrics()
        for x, words in self._labels:
            width = metrics.horizontalAdvance(words)
            painter.drawText(int(x - width / 2), metrics.ascent() + 2, words)
        painter.end()


class TrendsView(QWidget):
    """Charts of every series over a range of days, following the window's light or dark palette.

    The chart is drawn from the diary each time, never kept: it redraws after an entry is
    saved (at once when shown, else when next shown).

    Signals:
        day_chosen(date): the person clicked a day, or pressed Enter on it, to open it.
        drawn(date, date): the chart was drawn afresh, from the first day to the last.
    """

    day_chosen = Signal(object)
    drawn = Signal(object, object)

    def __init__(self, context: DiaryContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        # A little above 100 dpi: the chart's text then matches the window's own at laptop size.
        self.figure = Figure(dpi=WINDOW_DPI)
        self.canvas = TrendsCanvas(self.figure)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.canvas.setAccessibleName("Trend charts")
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumWidth(480)
        self.chart_scroll = QScrollArea()
        self.chart_scroll.setWidget(self.canvas)
        self.chart_scroll.setWidgetResizable(True)
        self.chart_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.chart_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart_scroll.setAccessibleName("Trend charts, scrollable on a small screen")
        # The scroll area is no Tab stop of its own: the chart inside it is (arrows read days).
        self.chart_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.date_strip = DateStrip()
        self.chart_scroll.verticalScrollBar().valueChanged.connect(lambda _value: self._place_dates())
        self.chart_scroll.verticalScrollBar().rangeChanged.connect(lambda _low, _high: self._place_dates())
        self.day_cursor = DayCursor(self.canvas)
        self.range_picker = RangePicker()
        self.toggles = SeriesToggles(SERIES)
        self.save_button = QPushButton("&Save chart as…")
        self.save_button.setAccessibleName("Save the chart as a PNG, SVG or PDF file")
        self.table_button = QPushButton("Show as t&able…")
        self.table_button.setAccessibleName("Show the charted days as a table")
        self.day_label = QLabel(HINT)
        self.day_label.setAccessibleName("The day under the pointer")
        self.day_label.setWordWrap(True)
        self.day_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._entries: dict[dt.date, Entry] = {}
        self._shown: tuple[dt.date, dt.date] | None = None
        self._day: dt.date | None = None
        self._stale = True
        self._drawn_size: tuple[float, float] | None = None
        self._redraw_soon = QTimer(self, singleShot=True, interval=150)
        self._redraw_soon.timeout.connect(self.redraw)
        self._lay_out()
        self._restore_hidden_series()

        self.range_picker.changed.connect(self._changed)
        self.toggles.changed.connect(self._series_changed)
        self.save_button.clicked.connect(self.save_chart)
        self.table_button.clicked.connect(self.show_table)
        context.entry_saved.connect(lambda _day: self._changed())
        context.routine_changed.connect(self._changed)
        context.courses_changed.connect(self._changed)
        context.diary_replaced.connect(self._changed)
        context.records_changed.connect(self._changed)
        self.canvas.mpl_connect("motion_notify_event", self._pointed)
        self.canvas.mpl_connect("button_press_event", self._clicked)
        self.canvas.mpl_connect("key_press_event", self._key)
        self.canvas.mpl_connect("resize_event", lambda _event: self._resized())
        self.chart_scroll.viewport().installEventFilter(self)

    # Drawing -----------------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the chart now from what the diary holds."""
        self._redraw_soon.stop()
        self._stale = False
        dark = theme.palette_is_dark()
        try:
            start, end, figure = self._chart(dark=dark, figure=self.figure)
        except DiaryUnavailable as error:
            self.day_label.setText(f"The diary could not be read: {error}")
            return
        self._shown = (start, end)
        self._drawn_size = self._size_now()
        self.day_cursor.attach(style_for(dark).quiet)
        self.canvas.setAccessibleDescription(self._chart_words(start, end))
        if self._day is not None and start <= self._day <= end:
            self.show_day(self._day)  # its values may be what just changed
        figure.canvas.draw_idle()
        self._place_dates()

        self.drawn.emit(start, end)

    def _chart_words(self, start: dt.date, end: dt.date) -> str:
        """What a screen reader says of the chart: its range, the latest values, the keys."""
        from diary.charts.series import trend_data
        from diary.charts.table import latest_words

        data = trend_data(
            self._entries.values(),
            self.context.courses,
            self.context.routine(include_retired=True),
            start,
            end,
            today=self.context.today(),
        )
        return (
            f"Charts from {_day_words(start)} to {_day_words(end)}. "
            f"{latest_words(data, self.toggles.chosen(), SERIES)} The left and right arrow keys go "
            "from day to day and say what was logged; Enter opens the day; Show as table lists every day."
        )

    def show_table(self) -> None:
        """The charted days as a table (Alt+A), for reading value by value."""
        from diary.ui.trends.table_dialog import TrendsTableDialog, table_for

        start, end = self.range_picker.days()
        try:
            table = table_for(self.context, start, end, self.toggles.chosen())
        except DiaryUnavailable as error:
            QMessageBox.warning(self, "Table not shown", f"The diary could not be read: {error}")
            return
        TrendsTableDialog(table, start, end, self).exec()

    @property
    def shown_days(self) -> tuple[dt.date, dt.date] | None:
        """The first and last day the chart shows, once drawn."""
        return self._shown

    def _place_dates(self) -> None:
        """Show the date strip while the chart's own date row is scrolled out of sight."""
        if self._shown is None:
            self.date_strip.setVisible(False)
            return
        start, end = self._shown
        bar = self.chart_scroll.verticalScrollBar()
        scrolled_off = bar.maximum() > 0 and bar.value() < bar.maximum() - 8
        self.date_strip.setVisible(scrolled_off)
        if not scrolled_off:
            return
        ratio = self.canvas.device_pixel_ratio or 1
        offset = self.canvas.mapTo(self, self.canvas.rect().topLeft()).x() - self.date_strip.x()
        columns: dict[int, Axes] = {}
        for ax in self.figure.axes:
            if is_panel(ax):
                columns.setdefault(round(ax.get_position().x0 * 100), ax)
        span_days = (end - start).days + 1
        labels = []
        for ax in columns.values():
            for x in date_ticks(start, end):
                pixel = ax.transData.transform((x, 0))[0] / ratio
                labels.append((pixel + offset, date_label(day_at(x), span_days)))
        self.date_strip.set_labels(labels)

    def _chart(self, dark: bool, figure: Figure | None = None) -> tuple[dt.date, dt.date, Figure]:
        """The chart of the chosen days, read afresh from the diary (raises DiaryUnavailable)."""
        today = self.context.today()
        courses = self.context.courses
        first = min(self.context.logged_days(dt.date.min, today), default=None)
        self.range_picker.set_choices(range_choices(courses, first, today), today)
        start, end = self.range_picker.days()
        entries = self.context.entries(load_from(courses, start), end)
        self._entries = {entry.date: entry for entry in entries}
        figure = trends_figure(
            entries,
            courses,
            self.context.routine(include_retired=True),
            start,
            end,
            flags=mood_flags(entries, courses),
            series=self.toggles.chosen(),
            dark=dark,
            today=today,
            figure=figure,
            labs=self.context.lab_results(),
            weights=self.context.weights(),
        )
        return start, end, figure

    def _changed(self) -> None:
        """Something the chart shows changed: redraw soon if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self._redraw_soon.start()

    def _series_changed(self) -> None:
        TRENDS_HIDDEN_SERIES.write(sorted(set(SERIES) - self.toggles.chosen()))
        self._fit_canvas()
        self._changed()

    def _restore_hidden_series(self) -> None:
        stored = TRENDS_HIDDEN_SERIES.read() or []
        hidden = [stored] if isinstance(stored, str) else list(stored) if isinstance(stored, list) else []
        if hidden:
            self.toggles.set_chosen(set(SERIES) - set(hidden))

    def _resized(self) -> None:
        # Qt stretches the last drawing at once; the chart is laid out again once the size rests.
        if self._drawn_size != self._size_now():
            self._changed()

    def _size_now(self) -> tuple[float, float]:
        width, height = self.figure.get_size_inches()
        return round(width, 2), round(height, 2)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            # After the layout has given the chart its size (posted events run before timers).
            QTimer.singleShot(0, self._redraw_if_stale)

    def _redraw_if_stale(self) -> None:
        if self._stale and self.isVisible():
            self.redraw()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.chart_scroll.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_canvas()
        return super().eventFilter(watched, event)

    def _fit_canvas(self) -> None:
        """The chart fills the view, but never gets so flat that panels cannot be read: then it scrolls."""
        viewport = self.chart_scroll.viewport()
        dpi = self.figure.dpi / self.canvas.device_pixel_ratio
        width = (viewport.width() - self.chart_scroll.verticalScrollBar().sizeHint().width()) / dpi
        self.canvas.setMinimumHeight(int(minimum_height(width, self.toggles.chosen()) * dpi))

    def changeEvent(self, event: QEvent) -> None:
        # Light or dark: the chart follows the window's palette.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._changed()
        super().changeEvent(event)

    # Reading a day -------------------------------------------------------------------------

    def show_day(self, day: dt.date) -> None:
        """Mark `day` on the chart and say what was logged on it."""
        if self._shown is None:
            return
        start, end = self._shown
        day = min(max(day, start), end)
        self._day = day
        course = self.context.course_on(day)
        routine = self.context.routine(include_retired=True)
        words = day_words(day, self._entries.get(day), course, routine)
        self.day_label.setText(words)
        # The chart has the focus while its days are read with the keys: it says them too.
        self.canvas.setAccessibleDescription(words)
        self.day_cursor.move_to(float(x_of(day)))

    @property
    def day(self) -> dt.date | None:
        """The day being read (under the pointer, or chosen with the arrow keys)."""
        return self._day

    def _day_at(self, event: MouseEvent) -> dt.date | None:
        ax = event.inaxes
        if ax is None or event.xdata is None or not is_panel(ax):
            return None
        return day_at(event.xdata)

    def _pointed(self, event: MouseEvent) -> None:
        day = self._day_at(event)
        if day is not None:
            self.show_day(day)

    def _clicked(self, event: MouseEvent) -> None:
        day = self._day_at(event)
        if day is not None and event.button == MouseButton.LEFT and self._shown is not None:
            start, end = self._shown
            self.day_chosen.emit(min(max(day, start), end))

    def _key(self, event: KeyEvent) -> None:
        if self._shown is None:
            return
        start, end = self._shown
        steps = {"left": -1, "right": 1, "shift+left": -7, "shift+right": 7, "pageup": -7, "pagedown": 7}
        if event.key in steps:
            # The first key press starts at the latest day; the next ones step from there.
            self.show_day(end if self._day is None else self._day + dt.timedelta(days=steps[event.key]))
        elif event.key == "home":
            self.show_day(start)
        elif event.key == "end":
            self.show_day(end)
        elif event.key == "enter" and self._day is not None:
            self.day_chosen.emit(self._day)

    # Saving --------------------------------------------------------------------------------

    def save_chart(self) -> Path | None:
        """Ask where, then write the chart of the chosen days, always light (it is for paper)."""
        start, end = self.range_picker.days()
        folder = TRENDS_SAVE_FOLDER.read() or QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        suggested = Path(str(folder)) / f"isodiary-trends-{start.isoformat()}-to-{end.isoformat()}.png"
        chosen, chosen_filter = QFileDialog.getSaveFileName(self, "Save chart as", str(suggested), FILTERS)
        if not chosen:
            return None
        path = _with_extension(Path(chosen), chosen_filter)
        try:
            save_figure(self._chart(dark=False)[2], path)
        except (ChartFileError, DiaryUnavailable) as error:
            QMessageBox.warning(self, "Chart not saved", f"The chart was not saved.\n\n{error}")
            return None
        TRENDS_SAVE_FOLDER.write(str(path.parent))
        self.day_label.setText(f"Saved the chart as {path}")
        return path

    # Layout ------------------------------------------------------------------------------------

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setSpacing(theme.SECTION_SPACING)
        top.addWidget(self.range_picker)
        top.addStretch()
        top.addWidget(self.table_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addLayout(top)
        layout.addWidget(self.toggles)
        layout.addWidget(self.day_label)
        layout.addWidget(self.chart_scroll, 1)
        layout.addWidget(self.date_strip)
        self.date_strip.setVisible(False)
        theme.make_quiet(self.day_label)
        # Two lines, always: a label that grew and shrank with each day would resize the chart.
        lines = self.day_label.fontMetrics().lineSpacing() * 2
        self.day_label.setFixedHeight(lines + 2)
        self.day_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)


def _day_words(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _with_extension(path: Path, chosen_filter: str) -> Path:
    """A name typed without an extension gets the one of the chosen file type."""
    if path.suffix:
        return path
    for suffix, (_kind, words) in FORMATS.items():
        if chosen_filter.startswith(words):
            return path.with_suffix(suffix)
    return path.with_suffix(".png")
