"""The menu bar: File, Go, Course, Photos and Help, each action with its Alt letter and shortcut."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QTabWidget, QWidget

from diary.ui.app import help_pages
from diary.ui.app.context import DiaryContext
from diary.ui.day.view import DayView


class Window(Protocol):
    """What the menus call: the main window's views and the dialogs it opens."""

    context: DiaryContext
    day_view: DayView
    tabs: QTabWidget

    def menuBar(self) -> QMenuBar: ...
    def close(self) -> bool: ...
    def import_file(self) -> None: ...
    def export_file(self) -> None: ...
    def make_summary(self) -> None: ...
    def show_backups(self) -> None: ...
    def focus_calendar(self) -> None: ...
    def edit_courses(self) -> None: ...
    def edit_routine(self) -> None: ...
    def edit_appointments(self) -> None: ...
    def show_tests(self) -> None: ...
    def edit_settings(self) -> None: ...
    def show_shortcuts(self) -> None: ...
    def add_photos(self) -> None: ...
    def compare_photos(self) -> None: ...
    def show_photos(self) -> None: ...


@dataclass(frozen=True)
class Menus:
    """The menus a window adds to later (the Go menu takes each view) and its Quit action."""

    file: QMenu
    go: QMenu
    course: QMenu
    photos: QMenu
    help: QMenu
    quit_action: QAction


def add_action(
    owner: QWidget,
    menu: QMenu,
    text: str,
    slot: Callable[[], object],
    shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
) -> QAction:
    """An action in `menu` whose shortcut works anywhere in `owner`'s window."""
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(slot)
    menu.addAction(action)
    return action


def _mark_clear_skin(window: Window, owner: QWidget) -> None:
    """Course ▸ Skin clear since…, for the course of the day on screen."""
    from diary.ui.course.clear_since_dialog import ask_clear_since

    ask_clear_since(window.context, window.day_view.day, owner)


def build_menus(window: Window, owner: QWidget) -> Menus:
    """Fill `window`'s menu bar with every action, each calling the window or its day view;
    `owner` (the window itself) holds the actions, so their shortcuts work anywhere in it."""
    bar = window.menuBar()
    day_view = window.day_view

    def add(
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        return add_action(owner, menu, text, slot, shortcut)

    file_menu = bar.addMenu("&File")
    add(file_menu, "&Import…", window.import_file, QKeySequence("Ctrl+I"))
    add(file_menu, "&Export…", window.export_file, QKeySequence("Ctrl+E"))
    add(file_menu, "Appointment su&mmary (PDF or print)…", window.make_summary, QKeySequence("Ctrl+P"))
    file_menu.addSeparator()
    add(file_menu, "&Save now", day_view.save_now, QKeySequence(QKeySequence.StandardKey.Save))
    add(file_menu, "&Backups…", window.show_backups)
    file_menu.addSeparator()
    quit_action = add(file_menu, "&Quit", window.close, QKeySequence(QKeySequence.StandardKey.Quit))

    go_menu = bar.addMenu("&Go")
    add(go_menu, "&Previous day", day_view.previous_day, QKeySequence("Alt+Left"))
    add(go_menu, "&Next day", day_view.next_day, QKeySequence("Alt+Right"))
    add(go_menu, "T&oday", day_view.go_to_today, QKeySequence("Alt+Home"))
    add(go_menu, "&Choose a day…", window.focus_calendar, QKeySequence("Ctrl+G"))
    go_menu.addSeparator()
    add(go_menu, "The &day", lambda: window.tabs.setCurrentIndex(0), QKeySequence("Ctrl+1"))

    course_menu = bar.addMenu("Co&urse")
    add(course_menu, "&Courses…", window.edit_courses)
    add(course_menu, "Skincare &routine…", window.edit_routine)
    add(course_menu, "&Appointments and questions…", window.edit_appointments, QKeySequence("Ctrl+Shift+A"))
    add(course_menu, "&Tests and measurements…", window.show_tests, QKeySequence("Ctrl+Shift+T"))
    add(course_menu, "Skin c&lear since…", lambda: _mark_clear_skin(window, owner))
    course_menu.addSeparator()
    add(course_menu, "&Settings…", window.edit_settings, QKeySequence("Ctrl+,"))

    # No Alt letter: the day form, the trends and the flags hold every letter of "Photos"
    # (F10 and the arrows reach it; its actions have shortcuts of their own).
    photos_menu = bar.addMenu("Photos")
    add(photos_menu, "&Add photos…", window.add_photos, QKeySequence("Ctrl+Shift+P"))
    add(photos_menu, "&Compare…", window.compare_photos, QKeySequence("Ctrl+Shift+C"))
    add(photos_menu, "&Timelines", window.show_photos)

    help_menu = bar.addMenu("&Help")
    add(
        help_menu,
        "&Getting started",
        lambda: help_pages.show_getting_started(owner),
        QKeySequence(QKeySequence.StandardKey.HelpContents),
    )
    add(help_menu, "&Keyboard shortcuts", window.show_shortcuts, QKeySequence("Ctrl+/"))
    help_menu.addSeparator()
    add(help_menu, "&About IsoDiary", lambda: help_pages.show_about(owner, window.context))
    return Menus(file_menu, go_menu, course_menu, photos_menu, help_menu, quit_action)
