"""The message at save: what was noticed, the guide's words for it, and who to call.

Shown at once when saving a day creates a warning-sign or serious-symptom flag, or any
urgent flag, or makes the day's flag more serious (mood-flags spec, "What the person
sees"). It is window-modal but never blocks the save that raised it, has no default
button, and its one button wakes only after a second, so a key being typed into the form
cannot dismiss it. What it showed is recorded once it was shown, never before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from PySide6.QtCore import QLocale, QObject, Qt, QTimer
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPaintEvent, QPen, QShowEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLayout, QPushButton, QVBoxLayout, QWidget

from diary.core import emergency as numbers
from diary.core import phq9, scales
from diary.core.entry import Entry
from diary.core.flags import URGENT, Flag, day_flags, urgent_parts
from diary.core.follow_up import Alerted, FollowUp, needs_message
from diary.core.preferences import Preferences
from diary.settings import RememberedChoice, alerted_message
from diary.ui.app.context import DiaryContext
from diary.ui.models.changes import Changes
from diary.ui.widgets import speech, theme

# One second before the button answers: a key typed into the form cannot dismiss the message.
WAKE_MS = 1000


@cache
def shipped_table() -> dict[str, numbers.CountryNumbers]:
    from diary.shipped import resources_folder

    try:
        text = (resources_folder() / "emergency-numbers.json").read_text(encoding="utf-8")
    except OSError:
        return {}
    return numbers.parse_table(text)


def system_country() -> str:
    """The computer's country as an ISO 3166 code ("" when the locale names none)."""
    territory = QLocale.system().territory()
    if territory in (QLocale.Country.AnyTerritory, QLocale.Country.World):
        return ""
    return QLocale.territoryToCode(territory)


def shipped_numbers(country: str | None = None) -> numbers.CountryNumbers | None:
    return numbers.shipped_for(shipped_table(), system_country() if country is None else country)


@dataclass(frozen=True)
class Noticed:
    """One flag of the day, with the entry behind it, as the message tells it."""

    flag: Flag
    entry: Entry


# The heading of a day whose flags are all mild (a warning-severity serious symptom): an
# attribution, never advice in the program's own voice; the guide's own words follow.
MILD_HEADING = "What the Medication Guide says about this"


def heading_text(flags: Sequence[Flag]) -> str:
    mild = all(flag.rule == "serious_symptom" and flag.severity != URGENT for flag in flags)
    return MILD_HEADING if mild else "Please call your prescriber right away"


def noticed_text(items: Sequence[Noticed], day: dt.date) -> str:
    """What was noticed and, apart from it, where each rule comes from and what the guide says."""
    when = f"{day:%A} {day.day} {day:%B %Y}"
    parts = [f"For {when} you noted:"]
    for item in items:
        flag, entry = item.flag, item.entry
        if flag.rule == "warning_sign":
            parts.append(
                "Warning signs from the Medication Guide:\n"
                + "\n".join(f"• {scales.WARNING_SIGNS[key]}" for key in entry.warning_signs or ())
                + f"\n{numbers.GUIDE_ON_SIGNS}"
            )
        elif flag.rule == "serious_symptom":
            quoted: set[str] = set()
            for key in entry.serious_symptoms or ():
                # The guide's sentences, one per quotation; one already quoted for another
                # symptom of the day (stomach and liver share one) is not repeated.
                sentences = [s for s in numbers.GUIDE_SENTENCES[key] if s not in quoted]
                quoted.update(sentences)
                said = " ".join(f"“{sentence}”" for sentence in sentences)
                parts.append(
                    f"• {scales.SERIOUS_SYMPTOMS[key]}"
                    + (f"\nThe Medication Guide says: {said}" if said else " (the guide's words above)")
                )
        elif flag.rule == "phq9" and entry.phq9 is not None:
            total = phq9.total(entry.phq9)
            text = "From the PHQ-9 questionnaire (your check-in): "
            if phq9.item9_positive(entry.phq9):
                answer = phq9.ANSWERS[entry.phq9[8]].lower()
                text += (
                    f"you answered question 9, {numbers.CRISIS_ITEM9}, with “{answer}”. "
                    f"Your total was {total} of 27."
                )
            else:
                text += f"your total was {total} of 27, in the {phq9.band(total)} band."
            parts.append(text)
            parts.append(numbers.GUIDE_ON_DEPRESSION)
    return "\n\n".join(parts)


def crisis_reasons(items: Sequence[Noticed]) -> list[str]:
    """What in the day calls for the crisis line, in words."""
    reasons = []
    for item in items:
        if item.flag.rule == "warning_sign":
            reasons += [
                words
                for key, words in numbers.CRISIS_SIGNS.items()
                if key in (item.entry.warning_signs or ())
            ]
        elif (
            item.flag.rule == "phq9" and item.entry.phq9 is not None and phq9.item9_positive(item.entry.phq9)
        ):
            reasons.append(numbers.CRISIS_ITEM9)
    return list(dict.fromkeys(reasons))


def emergency_text(
    items: Sequence[Noticed], preferences: Preferences, shipped: numbers.CountryNumbers | None
) -> str:
    """The emergency part of an urgent message ("" when nothing noticed is urgent)."""
    if not any(item.flag.severity == URGENT for item in items):
        return ""
    chosen = numbers.numbers_to_show(preferences, shipped)
    text = f"If you or anyone else may be in danger, call {chosen.emergency} now."
    reasons = crisis_reasons(items)
    if reasons:
        listed = reasons[0] if len(reasons) == 1 else ", ".join(reasons[:-1]) + " and " + reasons[-1]
        if chosen.crisis:
            text += f"\n\nTo talk with someone now about {listed}: {chosen.crisis}."
        else:
            text += f"\n\nTo talk with someone now about {listed}, a crisis line in your country can help."
    return text


class UrgentMessage(QDialog):
    """Calm and plain: what was noticed, what the guide says, and what to do in an emergency."""

    def __init__(
        self,
        items: Sequence[Noticed],
        day: dt.date,
        preferences: Preferences,
        parent: QWidget | None = None,
        shipped: numbers.CountryNumbers | None = None,
    ) -> None:
        super().__init__(parent)
        flags = [item.flag for item in items]
        title = heading_text(flags)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        # Read as an alert named by its heading: a screen reader says it as it appears.
        speech.read_as_alert(self)
        self.setAccessibleName(title)
        self.setAccessibleDescription("Message about the day you saved")
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        noticed = QLabel(noticed_text(items, day))
        noticed.setWordWrap(True)
        noticed.setTextFormat(Qt.TextFormat.PlainText)
        speech.reads_as_shown(noticed, "What you noted and what the Medication Guide says")
        emergency = QLabel(emergency_text(items, preferences, shipped))
        emergency.setWordWrap(True)
        emergency.setTextFormat(Qt.TextFormat.PlainText)
        speech.reads_as_shown(emergency, "What to do in an emergency")
        strong = emergency.font()
        strong.setWeight(QFont.Weight.DemiBold)
        emergency.setFont(strong)
        box = _Outlined()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        box_layout.addWidget(emergency)
        box.setVisible(bool(emergency.text()))
        kind = QLabel(
            "Telling someone how you feel is a good step. IsoDiary has not sent this anywhere: "
            "it works only on this computer."
        )
        kind.setWordWrap(True)
        theme.make_quiet(kind)
        # A plain button, not a QDialogButtonBox: the box makes its accept button the default.
        self.ok_button = QPushButton("I have read this")
        buttons = QWidget()
        row = QHBoxLayout(buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.ok_button)
        # No default button, and none that Enter or Space could reach before a second has passed.
        self.ok_button.setAutoDefault(False)
        self.ok_button.setDefault(False)
        self.ok_button.setEnabled(False)
        self.ok_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.ok_button.clicked.connect(self.accept)
        QTimer.singleShot(WAKE_MS, self, lambda: self.ok_button.setEnabled(True))
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SECTION_SPACING)
        for widget in (heading, noticed, box, kind, buttons):
            layout.addWidget(widget)
        self.heading, self.noticed, self.emergency = heading, noticed, emergency
        # The focus starts on the words, not on the button still asleep: a screen reader reads
        # them as the focus lands; Tab goes on to the numbers, then to the button once awake.
        # (No text caret: the words are to read, and a caret would look like a field to type in.)
        for label in (noticed, emergency):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        QWidget.setTabOrder(noticed, emergency)
        QWidget.setTabOrder(emergency, self.ok_button)
        # Wrapped labels need the height for the dialog's width: a fixed width gives it.
        self.setFixedWidth(580)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

    def showEvent(self, event: QShowEvent) -> None:
        # A wrapped label inside the painted box is not asked its height for the width it
        # gets; ask it here, so no line of the emergency part is ever cut off.
        for label in (self.noticed, self.emergency):
            height = label.heightForWidth(max(label.width(), self.width() - 4 * theme.MARGIN))
            if label.text() and height > 0:
                label.setMinimumHeight(height)
        super().showEvent(event)
        self.noticed.setFocus(Qt.FocusReason.OtherFocusReason)
        speech.announce(self, self.spoken_text(), urgent=True)

    def spoken_text(self) -> str:
        """The whole message as a screen reader says it when it appears."""
        parts = (self.heading.text(), self.noticed.text(), self.emergency.text())
        return "\n\n".join(part for part in parts if part)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Escape closes the message only once its button is awake; other keys do nothing.
        if event.key() == Qt.Key.Key_Escape and not self.ok_button.isEnabled():
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self.ok_button.isEnabled():
            super().reject()


class _Outlined(QWidget):
    """A box drawn in the urgent colour around the emergency words; painted, not styled, so
    its text keeps following the light or dark palette."""

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(theme.URGENT, 2))
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 6, 6)
        painter.end()
        super().paintEvent(event)


class UrgentAlerts(QObject):
    """Watches days saved in the window (never imports or other records) and shows the
    message at save when the spec asks for it.

    Signals: none; `shown` lists the messages currently up (for the window and tests).
    """

    def __init__(self, context: DiaryContext, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.context = context
        self._window = parent_window
        self.shown: list[UrgentMessage] = []
        context.changed.connect(self._changed)

    def _changed(self, changes: Changes) -> None:
        for entry in changes.entries:  # days saved in the window, as saved (no read needed)
            self.check_entry(entry)

    def check_day(self, day: dt.date) -> None:
        entry = self.context.entry(day)
        if entry is not None:
            self.check_entry(entry)

    def check_entry(self, entry: Entry) -> None:
        day = entry.date
        flags = day_flags(entry)
        if not flags:
            return  # most days: nothing to read about
        follow_ups = self.context.follow_ups()
        due: list[tuple[Noticed, frozenset[str]]] = []
        for flag in flags:
            parts = urgent_parts(flag.rule, entry)
            alerted = Alerted.from_value(self.context.remembered(_alerted(flag)))
            if needs_message(flag, parts, follow_ups.get(flag.key), alerted):
                due.append((Noticed(flag, entry), parts))
        if not due:
            return
        message = UrgentMessage(
            [item for item, _ in due], day, self.context.preferences(), self._window, shipped_numbers()
        )
        message.finished.connect(lambda _result: self._record(message, due))
        self.shown.append(message)
        message.open()
        message.activateWindow()

    def _record(self, message: UrgentMessage, due: list[tuple[Noticed, frozenset[str]]]) -> None:
        """Recorded once read, so a message cut short by a crash is shown again."""
        follow_ups = self.context.follow_ups()
        for item, parts in due:
            flag = item.flag
            known = follow_ups.get(flag.key) or FollowUp(flag.rule, flag.date)
            self.context.save_follow_up(replace(known, alerted=True))
            self.context.remember(_alerted(flag), Alerted(flag.severity, parts).as_value())
        if message in self.shown:
            self.shown.remove(message)
        message.deleteLater()


def _alerted(flag: Flag) -> RememberedChoice:
    return alerted_message(flag.rule, flag.date.isoformat())
