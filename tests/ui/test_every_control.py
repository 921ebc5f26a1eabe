"""Every menu action of the main window, and every button of each dialog it opens, driven
through its real signal with file and message dialogs answered by a fixture. Any exception
in a slot or any Qt warning fails the test (pytest-qt), so no control can die unseen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QToolButton,
)
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.store import backups
from diary.store.diary import Diary
from diary.ui.app.main_window import MainWindow
from tests.helpers.diaries import sample_course, sample_entries
from tests.helpers.window import close_window, open_window

TODAY = dt.date(2026, 4, 15)
# Buttons that end a dialog are pressed last (their dialog is gone after them).
CLOSING_ROLES = {
    QDialogButtonBox.ButtonRole.AcceptRole,
    QDialogButtonBox.ButtonRole.RejectRole,
    QDialogButtonBox.ButtonRole.DestructiveRole,
    QDialogButtonBox.ButtonRole.YesRole,
    QDialogButtonBox.ButtonRole.NoRole,
    QDialogButtonBox.ButtonRole.ApplyRole,
}


class Walk:
    """What the walk drove: every action triggered and every dialog button clicked."""

    def __init__(self) -> None:
        self.actions: list[str] = []
        self.buttons: list[str] = []
        self.dialogs: list[str] = []
        self.depth = 0


@pytest.fixture
def walk(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Walk]:
    walked = Walk()
    saves = iter(tmp_path / f"out-{n}" for n in range(1000))

    def save_name(_parent: object, _title: str = "", directory: str = "", *_rest: object, **_kw: object):
        suffix = Path(directory).suffix or ".json"
        return str(next(saves).with_suffix(suffix)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: ("", ""))  # cancelled
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([], ""))  # Add photos: cancelled
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda *_a: True)
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *_a, **_k: QMessageBox.StandardButton.Ok)
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(QMessageBox, "about", lambda *_a, **_k: None)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: walked.dialogs.append(box.text()) or 0)

    def run_dialog(dialog: QDialog) -> int:
        """Instead of blocking: show the dialog, click each of its buttons, then close it."""
        walked.dialogs.append(type(dialog).__name__)
        if walked.depth > 2:
            return 0
        walked.depth += 1
        try:
            dialog.show()
            buttons = [b for b in dialog.findChildren(QAbstractButton) if b.isVisible() and b.isEnabled()]
            boxes = dialog.findChildren(QDialogButtonBox)

            def role(button: QAbstractButton) -> QDialogButtonBox.ButtonRole:
                for box in boxes:
                    found = box.buttonRole(button)
                    if found != QDialogButtonBox.ButtonRole.InvalidRole:
                        return found
                return QDialogButtonBox.ButtonRole.InvalidRole

            pressing = [
                b
                for b in buttons
                if isinstance(b, QPushButton | QToolButton) and role(b) not in CLOSING_ROLES
            ]
            # Of the buttons that close it, the one that does the dialog's work (Save, OK).
            closing = sorted(
                (b for b in buttons if role(b) in CLOSING_ROLES),
                key=lambda b: role(b) != QDialogButtonBox.ButtonRole.AcceptRole,
            )
            for button in [*pressing, *closing[:1]]:
                if not dialog.isVisible() or not button.isVisible() or not button.isEnabled():
                    continue
                walked.buttons.append(f"{type(dialog).__name__}: {button.text() or button.accessibleName()}")
                menu = button.menu() if isinstance(button, QPushButton | QToolButton) else None
                if menu is not None:
                    # A button with a menu (the date fields' calendar) opens it and waits: the
                    # menu is closed again once it is up, as a person's Escape would.
                    QTimer.singleShot(50, menu.close)
                button.click()
            dialog.reject()
            return int(dialog.result())
        finally:
            walked.depth -= 1

    monkeypatch.setattr(QDialog, "exec", run_dialog)
    yield walked


@pytest.fixture
def filled(diary_path: Path) -> Path:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        for entry in sample_entries():
            diary.save_entry(entry)
        diary.save_entry(Entry(TODAY, mood=6, note="today"))
        diary.set_setting("first_run_done", True)
    backups.make_backup(diary_path, backups.BY_HAND)
    return diary_path


def test_every_menu_action_and_dialog_button_works_without_an_error_or_warning(
    qtbot: QtBot, filled: Path, walk: Walk
) -> None:
    window: MainWindow = open_window(qtbot, filled, TODAY)
    try:
        actions = [
            action
            for menu in window.menuBar().findChildren(QAction)
            for action in [menu]
            if action.text() and not action.menu() and not action.isSeparator()
        ]
        actions += [a for a in window.findChildren(QAction) if a not in actions and a.text() and not a.menu()]
        quit_actions = [a for a in actions if a.text().replace("&", "") == "Quit"]
        for action in [a for a in actions if a not in quit_actions]:
            if not action.isEnabled():
                continue
            walk.actions.append(action.text().replace("&", ""))
            action.trigger()
        # Tool buttons of the window itself (the day's arrows, Today).
        for button in window.findChildren(QToolButton) + window.findChildren(QPushButton):
            if button.isVisible() and button.isEnabled() and button.window() is window:
                walk.buttons.append(f"window: {button.text() or button.accessibleName()}")
                qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        for action in quit_actions:
            walk.actions.append("Quit")
            action.trigger()
        assert not window.isVisible()
    finally:
        close_window(window)
    driven = f"{len(walk.actions)} actions, {len(walk.buttons)} buttons, {len(walk.dialogs)} dialogs"
    print(f"\nControls driven: {driven}")
    assert len(walk.actions) >= 15
    assert any("ReportDialog" in b and "Save PDF" in b for b in walk.buttons), walk.buttons
