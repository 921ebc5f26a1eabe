"""The Trends tab: the course at a glance in charts, with ranges, series to show, hover and save.

Imported only when the tab is first shown (see MainWindow), since it brings in matplotlib.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backend_bases import KeyEvent, MouseButton, MouseEvent
from matplotlib.figure import Figure
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from diary.charts.hover import day_words
from diary.charts.ranges import LOOK_BACK_DAYS, load_from, range_choices
from diary.charts.timeaxis import date_label, date_ticks, day_at, x_of
from diary.charts.trends import SERIES, is_panel, minimum_height
from diary.core.flags import Flag
from diary.settings import TRENDS_HIDDEN_SERIES
from diary.ui.app.context import DiaryContext, DiaryUnavailable
from diary.ui.models.changes import Changes
from diary.ui.models.flag_tracker import FlagTracker
from diary.ui.trends.canvas import DateStrip, TrendsCanvas
from diary.ui.trends.controls import RangePicker, SeriesToggles
from diary.ui.trends.cursor import DayCursor
from diary.ui.trends.days import ChartDays
from diary.ui.trends.painter import ChartOrder, ChartPainter, Painting
from diary.ui.widgets import speech, theme

HINT = "Point at a day to see what you logged; click it to open that day. Keys: ← → move, Enter opens."
WINDOW_DPI = 110


class TrendsView(QWidget):
    """Charts of every series over a range of days, following the window's light or dark palette.

    The chart is drawn from the days of its range, read once and then kept up to date from
    the days each change carries; it redraws after a change it shows (at once when shown,
    else when next shown). The flags are the flag tracker's, counted once for every view.

    Signals:
        day_chosen(date): the person clicked a day, or pressed Enter on it, to open it.
        drawn(date, date): the chart was drawn afresh, from the first day to the last.
    """

    day_chosen = Signal(object)
    drawn = Signal(object, object)

    def __init__(self, context: DiaryContext, flags: FlagTracker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.flag_tracker = flags
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
        self.day_label.setOpenExternalLinks(True)  # "Open the folder" after a chart is saved
        speech.reads_as_shown(self.day_label, "The day under the pointer")
        self.day_label.setWordWrap(True)
        self.day_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._days = ChartDays(context.entries, context.second_reader)
        self._days.arrived.connect(self._days_arrived)
        self._first_day: dt.date | None = None
        self._first_day_known = False
        self._drawn_flags: list[Flag] | None = None
        self._waited_for_flags = False
        self._shown: tuple[dt.date, dt.date] | None = None
        self._day: dt.date | None = None
        self._stale = True
        self._drawn_size: tuple[float, float] | None = None
        self._redraw_soon = QTimer(self, singleShot=True, interval=150)
        self._redraw_soon.timeout.connect(self.redraw)
        self._painter = ChartPainter()
        self._painter.finished.connect(self._painted)
        self._lay_out()
        self._restore_hidden_series()

        self.range_picker.changed.connect(self._changed)
        self.toggles.changed.connect(self._series_changed)
        self.save_button.clicked.connect(self.save_chart)
        self.table_button.clicked.connect(self.show_table)
        context.changed.connect(self._diary_changed)
        flags.changed.connect(self._flags_changed)
        self._connect_figure()
        self.chart_scroll.viewport().installEventFilter(self)

    def _connect_figure(self) -> None:
        """The chart's mouse, key and size events (matplotlib keeps them on each figure)."""
        self.canvas.mpl_connect("motion_notify_event", self._pointed)
        self.canvas.mpl_connect("button_press_event", self._clicked)
        self.canvas.mpl_connect("key_press_event", self._key)
        self.canvas.mpl_connect("resize_event", lambda _event: self._resized())

    # Drawing -----------------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw the chart from what the diary holds: read now, drawn off the window's thread."""
        self._redraw_soon.stop()
        if self._painter.busy:
            self._stale = True  # drawn again once the chart being drawn is shown
            return
        if self.flag_tracker.flags() is None and not self._waited_for_flags:
            # Drawn once they are in (and then without them, should they fail to be counted).
            self._waited_for_flags = True
            self._stale = True
            self.flag_tracker.count_once()
            return
        dark = theme.palette_is_dark()
        try:
            loading = self._range()[2]
            if self._days.loaded != loading:
                # The range moved: its days are read on a thread of their own and drawn once
                # they arrive, so the window answers meanwhile (ten years take a while).
                self._days.read_apart(loading)
                self._stale = True
                return
            self._stale = False
            order = self._order(dark=dark)
        except DiaryUnavailable as error:
            self._stale = False
            self.day_label.setText(f"The diary could not be read: {error}")
            return
        self._drawn_flags = list(order.flags)
        self._painter.start(order)

    def _days_arrived(self) -> None:
        """The range's days are in (then drawn if still wanted), or could not be read."""
        failure = self._days.failure
        if failure is None:
            self._redraw_if_stale()
        elif not isinstance(failure, DiaryUnavailable):
            raise failure
        elif self.isVisible():  # hidden (the diary locked meanwhile): read again when next shown
            self._stale = False
            self.day_label.setText(f"The diary could not be read: {failure}")

    @property
    def settled(self) -> bool:
        """Nothing left to draw: no chart being drawn off the window's thread, none waiting."""
        return not (self._painter.busy or self._redraw_soon.isActive() or (self._stale and self.isVisible()))

    def _painted(self, result: Painting | Exception) -> None:
        """Show the chart drawn off the window's thread (or raise what went wrong drawing it)."""
        if isinstance(result, Exception):
            raise result
        if self.canvas.adopt(result.figure, result.renderer):
            shown_before = self.figure
            self._show_painted(result)
            self._painter.retire(shown_before)
        else:
            self._painter.retire(result.figure)
            self._stale = True  # resized meanwhile: drawn again at the new size
        if self._stale:
            QTimer.singleShot(0, self, self._redraw_if_stale)  # tied to the view: never after it is gone

    def _show_painted(self, painting: Painting) -> None:
        order = painting.order
        self.figure = painting.figure
        self._connect_figure()
        start, end = order.start, order.end
        self._shown = (start, end)
        self._drawn_size = self._size_now()
        self.day_cursor.attach()
        self.canvas.setAccessibleDescription(painting.words)  # worded off the window's thread too
        self.day_cursor.chart_drawn()
        if self._day is not None and start <= self._day <= end:
            self.show_day(self._day)  # its values may be what just changed
        self._place_dates()
        self.drawn.emit(start, end)

    def show_table(self) -> None:
        """The charted days as a table (Alt+A), for reading value by value."""
        from diary.ui.trends.table_dialog import show_table

        show_table(self.context, *self.range_picker.days(), self.toggles.chosen(), self)

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

    def _range(self) -> tuple[dt.date, dt.date, tuple[dt.date, dt.date]]:
        """The chosen days, and the days the chart reads for them (raises DiaryUnavailable)."""
        today = self.context.today()
        courses = self.context.courses
        if not self._first_day_known:
            self._first_day = self.context.first_logged_day()
            self._first_day_known = True
        self.range_picker.set_choices(range_choices(courses, self._first_day, today), today)
        start, end = self.range_picker.days()
        # The days before `start` it needs: the course total's and the 7-day mean's. (With no
        # course, load_from reaches back to the diary's first week for the flags' baseline;
        # the window's flags are the tracker's, counted over the whole diary.)
        first_needed = load_from(courses, start) if courses else start - dt.timedelta(days=LOOK_BACK_DAYS)
        return start, end, (first_needed, end)

    def _order(self, dark: bool) -> ChartOrder:
        """What the chart of the chosen days is drawn from, read now (raises DiaryUnavailable)."""
        start, end, loading = self._range()
        self._days.read_all(loading)  # only the chart's days, and only when its range moves
        width, height = self.figure.get_size_inches()
        return ChartOrder(
            entries=self._days.in_order(),
            courses=self.context.courses,
            routine=self.context.routine(include_retired=True),
            start=start,
            end=end,
            flags=self.flag_tracker.flags() or [],
            series=self.toggles.chosen(),
            dark=dark,
            today=self.context.today(),
            labs=self.context.lab_results(),
            weights=self.context.weights(),
            inches=(float(width), float(height)),
            base_dpi=WINDOW_DPI,
            dpi=self.figure.dpi,
        )

    def _diary_changed(self, changes: Changes) -> None:
        """Keep the days read up to date from the change, then redraw if it touched the chart."""
        if changes.replaced or changes.courses:
            self._days.forget()
            self._first_day_known = False
        for entry in changes.entries:
            if self._first_day is None or entry.date <= self._first_day:
                self._first_day_known = False
            self._days.take(entry)
        if changes.any_entries or changes.courses or changes.routine or changes.records:
            self._changed()

    def _flags_changed(self) -> None:
        if self._drawn_flags != (self.flag_tracker.flags() or []):
            self._changed()

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
            QTimer.singleShot(0, self, self._redraw_if_stale)  # tied to the view: never after it is gone

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
        words = day_words(day, self._days.entries.get(day), course, routine)
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
        from diary.ui.trends.save_chart import save_chart_as

        path = save_chart_as(self, lambda: self._order(dark=False).figure(), *self.range_picker.days())
        if path is not None:
            folder = QUrl.fromLocalFile(str(path.parent)).toString()
            self.day_label.setText(
                f"Saved the chart as {html.escape(path.name)} in {html.escape(str(path.parent))} · "
                f'<a href="{html.escape(folder)}">Open the folder</a>'
            )
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
