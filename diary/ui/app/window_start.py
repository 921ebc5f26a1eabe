"""The window's start: an empty frame first, then everything else.

What a person waits for is the window on screen. So the window is shown at once (after a
protected diary's passphrase), as an empty frame in the look the window last had; once
that frame is painted, the diary file is checked (created, upgraded; a damaged one is
offered its newest backup, over the frame), the diary's modules, the day form, the menus
and the views are loaded and built in one step, the form takes the keyboard, and the keys
typed meanwhile (held by first_frame.HeldKeys) are typed into it, in order. Then what never
delays a frame: the writer, reminders and the day's backup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from diary.ui.app.first_frame import HeldKeys, after_first_paint, announce_ready, exit_after_first_frame
from diary.ui.app.main_window import MainWindow
from diary.ui.widgets import theme

if TYPE_CHECKING:
    from diary.desktop.instance import Answer, Request, SingleInstance
    from diary.ui.app.context import DiaryContext
    from diary.ui.app.crash import CrashHook
    from diary.ui.app.lock_screen import WindowLock
    from diary.ui.app.opening import DiaryKeys
    from diary.ui.models.daily_backup import DailyBackup

# Should the window never be painted (shown minimised), it is filled this long after start.
FILL_AT_THE_LATEST_MS = 3000


class WindowStart:
    """Shows the window on the diary at `path`, and runs it until it closes."""

    def __init__(
        self,
        app: QApplication,
        instance: SingleInstance,
        path: Path,
        serve: Callable[[MainWindow, DiaryContext, Request, Callable[[], bool]], Answer],
        *,
        hand_over: Callable[[], int],
        diary_keys: DiaryKeys | None,
        demo: bool,
        in_tray: bool,
    ) -> None:
        """`serve` applies what a second start hands over (application.serve_request), or
        refuses it while the window is locked (its last argument says whether it is);
        `hand_over` asks another IsoDiary that holds the diary file to come forward (its exit
        code); `diary_keys` are a protected diary's, from the passphrase asked first."""
        self.app, self.instance, self.path, self.demo = app, instance, path, demo
        self._serve, self._hand_over, self._diary_keys = serve, hand_over, diary_keys
        self.context: DiaryContext | None = None
        self.exit_code: int | None = None
        self._hook: CrashHook | None = None
        self._daily: DailyBackup | None = None
        self.lock: WindowLock | None = None
        self._ended = False
        self.window = MainWindow.frame_only("demo diary" if demo else "")
        self.keys = HeldKeys(app)
        after_first_paint(self.window, self._fill)
        self.timed = exit_after_first_frame(self.window)  # after the fill: its mark comes first
        self.in_tray = in_tray and not self.timed
        self._at_the_latest = QTimer(self.window, singleShot=True, interval=FILL_AT_THE_LATEST_MS)
        self._at_the_latest.timeout.connect(self._fill)
        window = self.window
        instance.show_requested.connect(lambda: bring_to_front(QApplication.activeModalWidget() or window))

    def run(self) -> int:
        """Show the window (or, at login, stay in the tray) and run until it closes."""
        theme.apply_palette(self.app)  # the look it last had: the diary is read after the frame
        if self.in_tray:  # no frame to wait for
            self._fill()
            if self.exit_code is not None:  # the diary cannot be opened (said so)
                return self.exit_code
        else:
            self.window.show()
            self._at_the_latest.start()
        code = self.app.exec()
        return code if self.exit_code is None else self.exit_code

    def end(self) -> None:
        """After the window's run: the day's backup finished, the diary let go, and the
        window gone with all it holds (a locked window's hidden views too)."""
        self._ended = True
        self.keys.stop()
        if self.lock is not None:
            self.lock.stop()
        self._at_the_latest.stop()
        if self._daily is not None:
            self._daily.wait()
        if self.context is not None:
            self.context.close()
        if self._hook is not None:
            from diary.ui.app.crash import uninstall_crash_hook

            uninstall_crash_hook(self._hook)
        # Now, not when the collector gets to it: start-up froze the objects it made (gc.freeze),
        # and the window's signals hold it in cycles, so it would outlive its run.
        self.window.deleteLater()
        for _ in range(2):  # the window, then what its destruction let go (a locked window's views)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    def _fill(self) -> None:
        window = self.window
        if self._ended or window.is_filled or not (window.isVisible() or self.in_tray):
            return  # filled already, or closed while still an empty frame
        self._at_the_latest.stop()
        problem = self._check_diary()
        if problem is None and not (window.isVisible() or self.in_tray):
            problem = 0  # the frame was closed while a question about the file was up
        if problem is not None:
            self._give_up(problem)
            return
        context = self._open_context()
        if context is None:
            return
        from diary.ui.app.crash import install_crash_hook

        theme.apply_appearance(self.app, context.preferences().appearance)
        self._hook = install_crash_hook(self.path.expanduser().resolve().parent)
        window.fill(context)
        from diary.ui.app.lock_screen import WindowLock

        # A protected diary's window locks after the idle time (ui/app/lock_screen.py).
        self.lock = lock = WindowLock(window, lambda: context.protection.protected)
        # `isodiary import` and `restore` hand their work to this window: it applies it.
        self.instance.serve(lambda request: self._serve(window, context, request, lambda: lock.locked))
        self.keys.stop()  # the first run's questions need the keyboard
        window.first_run()
        self.keys.type_again(window)
        announce_ready()
        _collect_from_now()
        if self.timed:  # `make bench`: the window ready, and nothing that comes after it
            return
        self._after_start()

    def _check_diary(self) -> int | None:
        """Check (create, upgrade) the diary file, once the frame is on screen: None when it
        can be opened, else the exit code after telling the person why not, over the frame:
        1 for a damaged diary not restored, 2 for one that cannot be used. A damaged one is
        offered its newest backup."""
        from diary.ui.app.opening import DiaryDamaged, DiaryUnavailable, prepare

        self.instance.listen()  # a second start now brings forward the frame, or a question on it
        try:
            try:
                prepare(self.path, self._diary_keys)
            except DiaryDamaged as damage:
                self.keys.forget()
                theme.apply_appearance(self.app)
                from diary.ui.app.damaged_diary import offer_restore

                if not offer_restore(damage, self.window):
                    return 1
                prepare(self.path, self._diary_keys)
        except DiaryUnavailable as error:
            self._cannot_open(str(error))
            return 2
        if not self.instance.lock.hold_file():  # a new diary: locked now that it exists
            self.keys.forget()
            return self._hand_over()
        return None

    def _open_context(self) -> DiaryContext | None:
        from diary.ui.app.context import DiaryContext, DiaryUnavailable
        from diary.ui.app.opening import connect

        try:
            self.context = DiaryContext(connect(self.path))  # checked just before
        except DiaryUnavailable as error:
            self._cannot_open(str(error))
            self._give_up(2)
            return None
        return self.context

    def _cannot_open(self, why: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        self.keys.forget()
        theme.apply_appearance(self.app)
        QMessageBox.critical(self.window, "IsoDiary cannot open the diary", why)

    def _give_up(self, code: int) -> None:
        """End the run with `code`: the frame closes, the last window, so the program ends
        (at login there is none: run returns before the event loop)."""
        self.exit_code = code
        self.keys.forget()
        self.window.close()

    def _after_start(self) -> None:
        from diary.ui.app import tray

        window, lock = self.window, self.lock
        # Writing needs SQLAlchemy, which takes longer to import than the window takes to
        # appear: it loads in the background now, ready before the first autosave.
        from diary.ui.app.opening import load_writer_in_background

        QTimer.singleShot(0, load_writer_in_background)

        def start_reminders(has_tray: bool) -> None:
            if not has_tray:  # no tray: the window is where the reminders show
                window.show()
            reminders = tray.DesktopReminders(
                window, window.context, lambda: open_today_in(window), has_tray=has_tray
            )
            if lock is not None:
                lock.locked_changed.connect(reminders.set_locked)
                reminders.locked_reminder.connect(lock.show_reminder)
            reminders.start()

        if self.in_tray:  # start at login: stay in the tray, even if it comes late
            tray.when_tray_known(start_reminders, parent=window)
        else:
            # Tied to the window: closed and gone before this comes, nothing is started.
            QTimer.singleShot(0, window, lambda: start_reminders(tray.tray_available()))
        if self.demo:
            return
        from diary.ui.models.daily_backup import DailyBackup

        # After the first frame, and in a thread: the day's backup never delays the window.
        self._daily = daily = DailyBackup(self.path, parent=window)
        daily.failed.connect(lambda why: window.statusBar().showMessage(why))
        window.context.quiet.connect(daily.pause)  # none while locked: the keys are forgotten
        QTimer.singleShot(0, daily, daily.start)  # none once the window (and it) is gone
        daily.watch()  # and again whenever the day changes while the window stays open


def _collect_from_now() -> None:
    """Once the window is built: what start-up built lives as long as the window, so it is
    frozen out of the collector's walks, and collecting (paused by cli.main) resumes."""
    import gc

    gc.freeze()
    gc.enable()


def open_today_in(window: MainWindow) -> None:
    """Today's entry in front (the tray's menu and notifications ask for it)."""
    window.open_day(window.context.today())
    bring_to_front(window)


def bring_to_front(widget: QWidget | None) -> None:
    if widget is None:
        return
    if widget.isMinimized():
        widget.showNormal()
    widget.show()
    widget.raise_()
    widget.activateWindow()
