"""The urgent message: shown at once when a saved day has an urgent flag, once per flag."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from diary.core.flags import URGENT, Flag, phq9_flags, warning_sign_flags
from diary.core.follow_up import FollowUp
from diary.core.preferences import Preferences
from diary.ui import theme
from diary.ui.context import DiaryContext

GUIDE_WORDS = (
    "The isotretinoin Medication Guide asks you to call your prescriber right away if you notice these signs."
)


class UrgentMessage(QDialog):
    """Calm and plain: what was noticed, what the guide asks, and what to do in an emergency."""

    def __init__(
        self, flags: Sequence[Flag], day: dt.date, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Please call your prescriber")
        self.setModal(True)
        self.setAccessibleName("Urgent message")
        heading = QLabel("Please call your prescriber today")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setWeight(QFont.Weight.DemiBold)
        heading.setFont(font)
        noticed = QLabel(_noticed_text(flags, day))
        noticed.setWordWrap(True)
        noticed.setTextFormat(Qt.TextFormat.PlainText)
        guide = QLabel(GUIDE_WORDS)
        guide.setWordWrap(True)
        emergency = QLabel(emergency_text(preferences))
        emergency.setWordWrap(True)
        emergency.setTextFormat(Qt.TextFormat.PlainText)
        emergency.setAccessibleName("What to do in an emergency")
        strong = emergency.font()
        strong.setWeight(QFont.Weight.DemiBold)
        emergency.setFont(strong)
        box = _Outlined()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        box_layout.addWidget(emergency)
        kind = QLabel(
            "You are not alone, and telling someone how you feel is a good step. "
            "IsoDiary has not sent this anywhere: it works only on this computer."
        )
        kind.setWordWrap(True)
        theme.make_quiet(kind)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton("I have read this", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SECTION_SPACING)
        for widget in (heading, noticed, guide, box, kind, buttons):
            layout.addWidget(widget)
        self.noticed, self.emergency = noticed, emergency
        self.setMinimumWidth(520)


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


def _noticed_text(flags: Sequence[Flag], day: dt.date) -> str:
    when = f"{day:%A} {day.day} {day:%B}"
    lines = [f"For {when} you noted:"]
    lines += [f"• {flag.reason}" for flag in flags]
    return "\n".join(lines)


def emergency_text(preferences: Preferences) -> str:
    number = preferences.emergency_number or "your local emergency number (such as 911, 112 or 999)"
    text = f"If you are in danger, or might act on thoughts of hurting yourself, call {number} now."
    if preferences.crisis_line:
        text += f"\n\nCrisis line: {preferences.crisis_line}"
    else:
        text += "\n\nYou can add a crisis line in Settings so that it shows here."
    return text


def urgent_flags_of(entry_flags: Sequence[Flag]) -> list[Flag]:
    return [flag for flag in entry_flags if flag.severity == URGENT]


class UrgentAlerts(QObject):
    """Watches saved days; shows the urgent message once for each new urgent flag."""

    def __init__(self, context: DiaryContext, parent_window: QWidget) -> None:
        super().__init__(parent_window)
        self.context = context
        self._window = parent_window
        context.entry_saved.connect(self.check_day)

    def check_day(self, day: dt.date) -> None:
        entry = self.context.entry(day)
        if entry is None:
            return
        # Only rules 1 and 4 can be urgent, and both depend on the one entry: no full recount.
        urgent = urgent_flags_of([*warning_sign_flags([entry]), *phq9_flags([entry])])
        if not urgent:
            return
        follow_ups = self.context.follow_ups()
        new = [flag for flag in urgent if not (follow_ups.get(flag.key) and follow_ups[flag.key].alerted)]
        if not new:
            return
        message = UrgentMessage(new, day, self.context.preferences(), self._window)
        message.raise_()
        message.activateWindow()
        message.exec()
        # Recorded once read, so a message cut short by a crash is shown again.
        for flag in new:
            known = follow_ups.get(flag.key) or FollowUp(flag.rule, flag.date)
            self.context.save_follow_up(replace(known, alerted=True))
