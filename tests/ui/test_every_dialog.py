"""One check over every dialog, on a small laptop (1024 x 600) and a common one
(1366 x 768), light and dark: it fits, every label's words fit its rectangle, the cursor
starts in the first field, Enter in a field does one thing, and Escape closes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from diary.core.routine import DEFAULT_ROUTINE
from diary.store.diary import Diary
from diary.ui.app.context import DiaryContext
from diary.ui.widgets import theme
from tests.helpers.diaries import sample_course

TODAY = dt.date(2026, 4, 15)
SCREENS = {"1024x600": (1024, 600), "1366x768": (1366, 768)}
TITLE_BAR = 48  # what a window manager's title bar and a panel take from the height
TITLE_BUTTONS = 120  # the title bar's own buttons, beside the title


def dialogs(context: DiaryContext) -> dict[str, Callable[[], QDialog]]:
    from diary.ui.app.unlock_prompt import UnlockDialog
    from diary.ui.course.course_dialog import CourseDialog
    from diary.ui.course.courses_dialog import CoursesDialog
    from diary.ui.course.routine_dialog import RoutineDialog
    from diary.ui.day.phq9_dialog import Phq9Dialog
    from diary.ui.files.backups_dialog import BackupsDialog
    from diary.ui.files.report_dialog import ReportDialog
    from diary.ui.records.appointments_dialog import AppointmentsDialog
    from diary.ui.records.lab_dialog import LabDialog
    from diary.ui.records.medicine_dialog import MedicineDialog
    from diary.ui.records.pregnancy_test_dialog import PregnancyTestDialog
    from diary.ui.records.tests_dialog import CourseRecordsDialog
    from diary.ui.records.weighing_dialog import WeighingDialog
    from diary.ui.settings.dialog import SettingsDialog
    from diary.ui.settings.emergency_fields import NumbersDialog
    from diary.ui.settings.protection_change import ChangePassphraseDialog, RemoveProtectionDialog
    from diary.ui.settings.protection_dialogs import ProtectDialog, RecoveryCodeDialog

    return {
        "change passphrase": lambda: ChangePassphraseDialog(context),
        "first protect": lambda: ProtectDialog(context, first_run=True),
        "protect": lambda: ProtectDialog(context),
        "recovery code": lambda: RecoveryCodeDialog("ABCD-EFGH-IJKL-MNOP-QRST-UVWX"),
        "remove passphrase": lambda: RemoveProtectionDialog(context),
        "settings with privacy": lambda: SettingsDialog(context.preferences(), context=context),
        "unlock": lambda: UnlockDialog(context.path),
        "appointments": lambda: AppointmentsDialog(context),
        "backups": lambda: BackupsDialog(context),
        "course": lambda: CourseDialog(sample_course(), TODAY),
        "first course": lambda: CourseDialog(None, TODAY, first_run=True),
        "courses": lambda: CoursesDialog(context),
        "emergency numbers": lambda: NumbersDialog(context.preferences()),
        "lab result": lambda: LabDialog(None, TODAY, lambda _r: None, None),
        "medicine": lambda: MedicineDialog(None, TODAY, lambda _m: None, None),
        "phq9": lambda: Phq9Dialog(None, TODAY),
        "pregnancy test": lambda: PregnancyTestDialog(None, TODAY, lambda _t: None, None),
        "report": lambda: ReportDialog(context),
        "routine": lambda: RoutineDialog(list(DEFAULT_ROUTINE), [s.key for s in DEFAULT_ROUTINE]),
        "settings": lambda: SettingsDialog(context.preferences()),
        "tests and measurements": lambda: CourseRecordsDialog(context),
        "weighing": lambda: WeighingDialog(None, TODAY, lambda _w: None, None),
    }


@pytest.fixture
def context(diary_path: Path) -> Iterator[DiaryContext]:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        yield DiaryContext(diary, today=lambda: TODAY)


@pytest.fixture(params=["light", "dark"])
def appearance(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    theme.apply_appearance(app, str(request.param))
    yield str(request.param)
    app.setPalette(before)


def first_field(dialog: QDialog) -> QWidget | None:
    """The first field Tab reaches, where the cursor should start (a list of what is
    already there is no field: its dialog's first field is where a new one is typed)."""
    widget = dialog.nextInFocusChain()
    while widget is not None and widget is not dialog:
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and not isinstance(widget, QAbstractButton | QAbstractItemView | QTabBar)
            and widget.focusProxy() is None
        ):
            return widget
        widget = widget.nextInFocusChain()
    return None


def words_cut(dialog: QDialog) -> list[str]:
    """Every shown label whose words do not fit the rectangle it was given."""
    cut = []
    for label in dialog.findChildren(QLabel):
        if not label.isVisible() or not label.text() or (label.pixmap() and not label.pixmap().isNull()):
            continue
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height() + 1:
                cut.append(f"{label.text()[:40]!r}: {label.height()} of {needed} px high")
        elif label.width() + 1 < label.minimumSizeHint().width():
            cut.append(f"{label.text()[:40]!r}: {label.width()} of {label.minimumSizeHint().width()} px wide")
    return cut


def actions_on_enter(edit: QLineEdit, dialog: QDialog) -> int:
    """How many things one Enter in `edit` does: its own returnPressed handlers, plus the
    default button (which Enter in a line edit also presses)."""
    own = edit.receivers(SIGNAL("returnPressed()"))
    default = [b for b in dialog.findChildren(QPushButton) if b.isDefault() or b.autoDefault()]
    return own + (1 if default and own else 0)


@pytest.mark.parametrize("screen", list(SCREENS))
@pytest.mark.parametrize(
    "name",
    [
        "appointments",
        "backups",
        "change passphrase",
        "first protect",
        "protect",
        "recovery code",
        "remove passphrase",
        "settings with privacy",
        "unlock",
        "course",
        "first course",
        "courses",
        "emergency numbers",
        "lab result",
        "medicine",
        "phq9",
        "pregnancy test",
        "report",
        "routine",
        "settings",
        "tests and measurements",
        "weighing",
    ],
)
def test_every_dialog_fits_starts_in_its_first_field_and_closes_with_escape(
    qtbot: QtBot, context: DiaryContext, appearance: str, screen: str, name: str
) -> None:
    width, height = SCREENS[screen]
    area = (width, height - TITLE_BAR)
    dialog = dialogs(context)[name]()
    qtbot.addWidget(dialog)
    dialog.resize(dialog.size().boundedTo(dialog.size().__class__(*area)))
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    problems = []
    hint = dialog.minimumSizeHint()
    if hint.width() > area[0] or hint.height() > area[1]:
        problems.append(f"needs {hint.width()} x {hint.height()}, the screen has {area}")
    title = dialog.fontMetrics().horizontalAdvance(dialog.windowTitle())
    if title > dialog.width() - TITLE_BUTTONS:
        problems.append(f"title {dialog.windowTitle()!r} is wider than its title bar")
    problems += words_cut(dialog)
    first = first_field(dialog)
    focus = QApplication.focusWidget()
    if first is not None and focus is not first and not first.isAncestorOf(focus):
        problems.append(
            f"the cursor is in {type(focus).__name__}, not the first field {first.accessibleName()!r}"
        )
    for edit in dialog.findChildren(QLineEdit):
        if edit.isVisible() and actions_on_enter(edit, dialog) > 1:
            problems.append(
                f"Enter in {edit.accessibleName()!r} does {actions_on_enter(edit, dialog)} things"
            )
    assert problems == []
    qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible(), "Escape did not close it"


def test_enter_in_a_new_routine_step_adds_it_without_closing(qtbot: QtBot) -> None:
    from diary.ui.course.routine_dialog import RoutineDialog

    dialog = RoutineDialog(list(DEFAULT_ROUTINE), [s.key for s in DEFAULT_ROUTINE])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is dialog.new_label
    qtbot.keyClicks(dialog.new_label, "Vitamin C serum")
    qtbot.keyClick(dialog.new_label, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.new_label.text() == ""
    labels = [step.label for step in dialog.steps()]
    assert labels == [step.label for step in DEFAULT_ROUTINE] + ["Vitamin C serum"]
    qtbot.keyClick(dialog.new_label, Qt.Key.Key_Return)  # nothing typed: nothing added
    assert len(dialog.steps()) == len(DEFAULT_ROUTINE) + 1


def test_the_first_start_emergency_dialog_shows_all_its_words_and_settings_the_saved_numbers(
    qtbot: QtBot, context: DiaryContext
) -> None:
    from dataclasses import replace

    from diary.ui.settings.dialog import SettingsDialog
    from diary.ui.settings.emergency_fields import NumbersDialog

    dialog = NumbersDialog(context.preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert words_cut(dialog) == []
    assert dialog.height() <= 600 - TITLE_BAR
    context.save_preferences(replace(context.preferences(), emergency_number="112", crisis_line="0800 111"))
    settings = SettingsDialog(context.preferences())
    qtbot.addWidget(settings)
    texts = [edit.text() for edit in settings.findChildren(QLineEdit)]
    assert "112" in texts and "0800 111" in texts
