"""What is typed is what is saved: every two digits typed into every scale of the day,
key by key to whatever has the focus, then the saved day compared field by field."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from diary.core.entry import Entry
from diary.core.fields import FORM_RATINGS
from diary.store.diary import Diary
from diary.ui.app.main_window import MainWindow
from tests.helpers.window import close_window, focused, open_window

TODAY = dt.date(2026, 4, 15)
RATINGS = [field.name for field in FORM_RATINGS]  # lips, skin, eyes, joints, mood: all 0-10
PAIRS = [f"{number:02d}" for number in range(10, 100)]


@pytest.fixture
def window(qtbot: QtBot, diary_path: Path) -> MainWindow:
    with Diary.open(diary_path) as diary:
        diary.set_setting("first_run_done", True)  # no course: nothing is pre-filled
    opened = open_window(qtbot, diary_path, TODAY)
    yield opened
    close_window(opened)


def type_into(qtbot: QtBot, window: MainWindow, day: dt.date, box: QWidget, keys: str) -> Entry:
    """On a fresh `day`, give `box` the focus and type `keys` one by one to whatever has the
    focus; returns what was saved."""
    window.day_view.go_to(day)
    box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(box.hasFocus)
    for key in keys:
        qtbot.keyClicks(focused(), key)
    assert window.day_view.save_now()
    return window.context.entry(day) or Entry(day)


def differences(saved: Entry, expected: dict[str, object]) -> list[str]:
    """Every field of the saved day that is not what the keys said, by name."""
    wrong = []
    for field in dataclasses.fields(Entry):
        if field.name == "date":
            continue
        value = getattr(saved, field.name)
        if value != expected.get(field.name):
            wrong.append(f"{field.name}={value!r} (typed: {expected.get(field.name)!r})")
    return wrong


def expected_after_rating(index: int, keys: str) -> dict[str, object]:
    """The rule the README states: on a 0-10 box a 1 waits; 1 0 is 10; 1 then any other
    digit is 1 here and that digit in the next box; any other digit is whole and moves on."""
    first, second = int(keys[0]), int(keys[1])
    if keys == "10":
        return {RATINGS[index]: 10}
    values: dict[str, object] = {RATINGS[index]: first}
    if index + 1 < len(RATINGS):
        values[RATINGS[index + 1]] = second
    elif second == 0:
        values["warning_signs"] = ()  # after mood: 0 in the warning signs is "none of these"
    return values


@pytest.mark.parametrize("index", range(len(RATINGS)), ids=RATINGS)
def test_every_two_digits_on_a_0_to_10_box_save_what_was_typed(
    qtbot: QtBot, window: MainWindow, index: int
) -> None:
    form = window.day_view.form
    box = form.ratings.boxes[RATINGS[index]]
    wrong: dict[str, list[str]] = {}
    for number, keys in enumerate(PAIRS):
        day = TODAY - dt.timedelta(days=1 + number)
        saved = type_into(qtbot, window, day, box, keys)
        problems = differences(saved, expected_after_rating(index, keys))
        if problems:
            wrong[keys] = problems
    assert wrong == {}


def test_every_number_of_new_spots_up_to_99_is_saved_as_typed(qtbot: QtBot, window: MainWindow) -> None:
    form = window.day_view.form
    wrong: dict[str, list[str]] = {}
    for number, keys in enumerate(PAIRS):
        saved = type_into(qtbot, window, TODAY - dt.timedelta(days=1 + number), form.new_spots, keys)
        problems = differences(saved, {"breakouts_new": int(keys)})
        if problems:
            wrong[keys] = problems
    assert wrong == {}


def test_on_the_severity_box_a_1_never_waits(qtbot: QtBot, window: MainWindow) -> None:
    """Severity is 0-4: a digit on it is whole and moves on (to skincare, where 0 is
    "none of these"); a digit above 4 is refused and the next digit is still the severity's."""
    form = window.day_view.form
    wrong: dict[str, list[str]] = {}
    for number, keys in enumerate(PAIRS):
        first, second = int(keys[0]), int(keys[1])
        expected: dict[str, object] = {}
        if first <= 4:
            expected["breakout_severity"] = first
            if second == 0:
                expected["skincare"] = ()
        elif second <= 4:
            expected["breakout_severity"] = second
        saved = type_into(qtbot, window, TODAY - dt.timedelta(days=1 + number), form.severity, keys)
        problems = differences(saved, expected)
        if problems:
            wrong[keys] = problems
    assert wrong == {}


def test_joint_pain_1_then_mood_6_is_what_is_saved(qtbot: QtBot, window: MainWindow) -> None:
    """The evening of issue 21, which once saved joint pain 2 and lost the rest."""
    form = window.day_view.form
    window.day_view.go_to(TODAY)
    form.focus_first()
    for key in ["\t", *"3241", "6", "n", "n", "2", "\t", "1", "y", "n"]:
        if key == "\t":
            qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        else:
            qtbot.keyClicks(focused(), key)
    assert window.day_view.save_now()
    saved = window.context.entry(TODAY)
    assert saved is not None
    expected: dict[str, object] = {
        **dict(zip(RATINGS, (3, 2, 4, 1, 6), strict=True)),  # joint pain 1, mood 6
        "warning_signs": (),
        "serious_symptoms": (),
        "breakouts_new": 2,
        "breakout_severity": 1,
        # Y with nothing from yesterday to repeat ticks nothing; N then says none of these.
        "side_effects": None,
        "skincare": (),
    }
    assert differences(saved, expected) == []


@pytest.mark.parametrize("how", ["tab", "alt letter", "click"])
def test_a_1_waits_however_the_box_got_the_focus(qtbot: QtBot, window: MainWindow, how: str) -> None:
    form = window.day_view.form
    window.day_view.go_to(TODAY)
    form.ratings.boxes["eyes"].set_rating(3)  # a value already there is typed over
    eyes = form.ratings.boxes["eyes"]
    if how == "tab":
        form.ratings.boxes["skin"].setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    elif how == "alt letter":
        qtbot.keyClick(focused(), Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    else:
        qtbot.mouseClick(eyes.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(eyes.hasFocus)
    for key in "17":
        qtbot.keyClicks(focused(), key)
    assert (eyes.rating(), form.ratings.boxes[RATINGS[3]].rating()) == (1, 7)
    assert focused() is form.ratings.boxes["mood"]


def test_a_pasted_number_above_the_scale_is_refused_beside_the_box_and_swallows_nothing(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.day_view.form
    window.day_view.go_to(TODAY)
    lips = form.ratings.boxes["lips"]
    lips.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.clipboard().setText("16")
    qtbot.keyClick(lips, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    word = form.ratings.words["lips"]
    assert word.text() == "16 is not on this scale (0 to 10)"
    assert lips.rating() is None and lips.hasFocus()
    assert window.day_view.save_now()
    assert (window.context.entry(TODAY) or Entry(TODAY)).lips is None  # nothing saved for it
    qtbot.keyClicks(focused(), "5")  # the next key is the box's own, and the refusal goes
    assert lips.rating() == 5 and word.text() != "16 is not on this scale (0 to 10)"
    assert focused() is form.ratings.boxes["skin"]


def test_paste_from_the_right_click_menu_is_refused_beside_the_box_too(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.day_view.form
    window.day_view.go_to(TODAY)
    skin = form.ratings.boxes["skin"]
    skin.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.clipboard().setText("23")
    menu = skin.context_menu()
    paste = next(action for action in menu.actions() if action.objectName() == "edit-paste")
    assert paste.isEnabled()
    paste.trigger()
    assert form.ratings.words["skin"].text() == "23 is not on this scale (0 to 10)"
    assert skin.rating() is None
    QApplication.clipboard().setText(" 7 ")
    paste = next(action for action in skin.context_menu().actions() if action.objectName() == "edit-paste")
    paste.trigger()
    assert skin.rating() == 7 and form.ratings.words["skin"].text() != "23 is not on this scale (0 to 10)"


def test_a_stale_refusal_goes_once_the_value_is_fixed(qtbot: QtBot, window: MainWindow) -> None:
    form = window.day_view.form
    window.day_view.go_to(TODAY)
    spots = form.new_spots
    spots.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.clipboard().setText("1234")
    qtbot.keyClick(spots, Qt.Key.Key_Insert, Qt.KeyboardModifier.ShiftModifier)  # paste, the other way
    assert form.new_spots_word.text() == "1234 is not on this scale (0 to 999)"
    assert spots.rating() is None and spots.hasFocus()
    for key in "12":
        qtbot.keyClicks(focused(), key)
    assert spots.rating() == 12 and form.new_spots_word.text() == ""


def test_a_severity_above_4_is_said_beside_the_box_and_the_next_digit_is_its_own(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.day_view.form
    window.day_view.go_to(TODAY)
    form.severity.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClicks(focused(), "7")
    assert form.severity_word.text() == "7 is not on this scale (0 to 4)"
    assert form.severity.choice() is None and form.severity.hasFocus()
    qtbot.keyClicks(focused(), "2")
    assert form.severity.choice() == 2 and form.severity_word.text() == ""


def test_on_the_phq9_questions_a_1_never_waits(qtbot: QtBot) -> None:
    """PHQ-9 answers are 0-3: each digit answers a question and moves to the next; a digit
    above 3 answers nothing, and the next digit is still the same question's."""
    from diary.ui.day.phq9_dialog import Phq9Dialog

    wrong: dict[str, tuple[int, int]] = {}
    for keys in PAIRS:
        dialog = Phq9Dialog(None, TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialog._groups[0].button(0).setFocus(Qt.FocusReason.TabFocusReason)
        for key in keys:
            qtbot.keyClicks(focused(), key)
        first, second = int(keys[0]), int(keys[1])
        on_scale = [digit for digit in (first, second) if digit <= 3]
        expected = (*on_scale, -1, -1)[:2]
        got = (dialog._groups[0].checkedId(), dialog._groups[1].checkedId())
        if got != expected:
            wrong[keys] = got
        dialog.close()
    assert wrong == {}


def test_mood_1_then_n_is_mood_1_and_no_warning_signs(qtbot: QtBot, window: MainWindow) -> None:
    """A letter after a waiting 1 is the next list's key, never swallowed by the box."""
    form = window.day_view.form
    window.day_view.go_to(TODAY)
    form.ratings.boxes["mood"].setFocus(Qt.FocusReason.TabFocusReason)
    for key in "1nn":
        qtbot.keyClicks(focused(), key)
    assert window.day_view.save_now()
    saved = window.context.entry(TODAY) or Entry(TODAY)
    assert differences(saved, {"mood": 1, "warning_signs": (), "serious_symptoms": ()}) == []
    assert focused() is form.new_spots
