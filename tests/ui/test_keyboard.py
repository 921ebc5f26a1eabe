"""The keyboard reaches everything once: Alt letters unique on each screen, fields in view."""

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.routine import DEFAULT_ROUTINE
from diary.store.diary import Diary
from tests.helpers.diaries import sample_course
from tests.helpers.mnemonics import clashes, letters_on_screen
from tests.helpers.window import close_window, focused, open_window

TODAY = dt.date(2026, 4, 15)


def prepare(path: Path) -> None:
    with Diary.open(path) as diary:
        diary.save_course(sample_course())
        diary.save_routine(list(DEFAULT_ROUTINE))
        diary.set_setting("first_run_done", True)


@pytest.mark.parametrize("tab", [0, 1, 2], ids=["day", "trends", "flags"])
def test_alt_letters_are_unique_in_each_view_with_the_menu_bar(
    qtbot: QtBot, diary_path: Path, tab: int
) -> None:
    prepare(diary_path)
    with Diary.open(diary_path) as diary:  # a flag, so the flags view shows its follow-up form
        diary.save_entry(Entry(TODAY - dt.timedelta(days=1), warning_signs=("withdrawn",)))
    window = open_window(qtbot, diary_path, TODAY)
    window.first_run()
    window.tabs.setCurrentIndex(tab)
    view = window.tabs.currentWidget()
    # A lazy tab builds its content once shown: check what is then on screen.
    qtbot.waitUntil(lambda: getattr(view, "is_built", True) and bool(letters_on_screen(view)))
    assert "F" in letters_on_screen(window), "the menu bar is part of the check"
    assert clashes(window) == {}
    close_window(window)


def test_alt_letter_moves_the_focus_and_brings_the_field_into_view(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    window.resize(1000, 560)
    qtbot.waitUntil(lambda: window.height() <= 600)
    form = window.day_view.form
    scroll = window.day_view.scroll_area
    keys = (
        (Qt.Key.Key_T, form.note),
        (Qt.Key.Key_D, form.dose),
        (Qt.Key.Key_I, form.side_effects),
        (Qt.Key.Key_R, form.serious_symptoms),
    )
    for letter, field in keys:
        qtbot.keyClick(focused(), letter, Qt.KeyboardModifier.AltModifier)
        assert focused() is field or field.isAncestorOf(focused())
        (label,) = [label for label in form.findChildren(QLabel) if label.buddy() is field]
        for seen in (field, label):
            top_left = seen.mapTo(scroll.viewport(), QPoint(0, 0))
            assert scroll.viewport().rect().contains(top_left), (
                f"{seen} of {field.accessibleName()} is off screen"
            )
    close_window(window)


def test_the_menus_use_no_letter_twice(qtbot: QtBot, diary_path: Path) -> None:
    from tests.helpers.mnemonics import mnemonic_of

    window = open_window(qtbot, diary_path, TODAY)
    for menu_action in window.menuBar().actions():
        letters = [mnemonic_of(a.text()) for a in menu_action.menu().actions() if not a.isSeparator()]
        letters = [letter for letter in letters if letter]
        assert len(letters) == len(set(letters)), menu_action.text()
    close_window(window)


def test_keyboard_shortcuts_are_listed_from_the_actions(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    rows = window.shortcut_rows()
    keys = {what: key for _where, what, key in rows}
    assert keys["Previous day"] == "Alt+Left"
    assert keys["Trends"] == "Ctrl+2"
    assert keys["Dose taken"] == "Alt+D"
    assert keys["Serious symptoms today"] == "Alt+R"
    for action in window.findChildren(type(window.menuBar().actions()[0])):
        if not action.shortcut().isEmpty() and action.text():
            assert action.text().replace("&", "").rstrip("…") in keys, action.text()
    shown: list[str] = []

    def read(dialog: object) -> None:
        from PySide6.QtWidgets import QTextBrowser

        shown.append(dialog.findChild(QTextBrowser).toPlainText())  # type: ignore[attr-defined]
        dialog.reject()  # type: ignore[attr-defined]

    from tests.helpers.window import when_dialog_opens

    when_dialog_opens(read)
    window.help_menu.actions()[1].trigger()
    assert "Alt+Left" in shown[0] and "Same as yesterday" in shown[0]
    when_dialog_opens(read)
    window.help_menu.actions()[0].trigger()
    assert "Each evening" in shown[1]
    close_window(window)


@pytest.mark.parametrize("size", [(1024, 600), (1366, 720), (1366, 768)])
def test_the_window_fits_the_work_area(
    qtbot: QtBot, diary_path: Path, size: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    prepare(diary_path)
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _screen: QRect(0, 0, *size))
    window = open_window(qtbot, diary_path, TODAY)
    assert window.width() <= size[0] and window.height() <= size[1]
    hint = window.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1] - 48
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        hint = window.minimumSizeHint()
        assert hint.width() <= size[0] and hint.height() <= size[1] - 48, window.tabs.tabText(tab)
    close_window(window)


def test_the_day_form_becomes_one_column_when_narrow(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    window.resize(1366, 720)
    qtbot.waitUntil(lambda: not form.one_column())
    qtbot.waitUntil(lambda: form.note.x() > form.lips.x() + form.lips.width())
    window.resize(760, 560)
    qtbot.waitUntil(form.one_column)
    qtbot.waitUntil(lambda: form.note.y() > form.serious_symptoms.y())
    close_window(window)


def test_every_line_of_every_list_is_shown_whatever_the_width(qtbot: QtBot, diary_path: Path) -> None:
    prepare(diary_path)
    window = open_window(qtbot, diary_path, TODAY)
    form = window.day_view.form
    for width in (1366, 1000, 760):
        window.resize(width, 560)
        for checklist in (form.warning_signs, form.serious_symptoms, form.skincare, form.side_effects):
            last = checklist.item(checklist.count() - 1)

            def shown(checklist=checklist, last=last) -> bool:  # type: ignore[no-untyped-def]
                return checklist.visualItemRect(last).bottom() < checklist.viewport().height()

            qtbot.waitUntil(shown)
    close_window(window)
