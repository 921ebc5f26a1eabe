"""The PHQ-9 check-in: nine questions about the last two weeks, answered with the keyboard."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from diary.core import phq9
from diary.ui.widgets import theme
from diary.ui.widgets.typed_keys import typed_digit


class Phq9Dialog(QDialog):
    """Tab moves between questions, the arrow keys between answers; a digit 0-3 answers the
    question with the focus and moves to the next (nine digits and Enter: done).

    Accepting with every question answered gives `answers()`; "Remove" gives None.
    """

    def __init__(self, answers: Sequence[int] | None, day: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"PHQ-9 check-in · {day:%d %B %Y}")
        self._removed = False
        self._groups: list[QButtonGroup] = []
        layout = QVBoxLayout(self)
        layout.setSpacing(theme.SPACING)
        intro = QLabel(phq9.QUESTION)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        keys = QLabel("Type 0, 1, 2 or 3 for each question: it moves on to the next.")
        theme.make_quiet(keys)
        layout.addWidget(keys)
        grid = QGridLayout()
        grid.setHorizontalSpacing(theme.SECTION_SPACING)
        for column, answer in enumerate(phq9.ANSWERS, start=1):
            header = QLabel(answer)
            header.setWordWrap(True)
            grid.addWidget(header, 0, column)
        for row, item in enumerate(phq9.ITEMS, start=1):
            question = QLabel(f"{row}. {item}")
            question.setWordWrap(True)
            question.setMinimumWidth(320)
            grid.addWidget(question, row, 0)
            group = QButtonGroup(self)
            for value, answer in enumerate(phq9.ANSWERS):
                button = QRadioButton()
                button.setAccessibleName(f"Question {row}: {answer}")
                button.setToolTip(answer)
                group.addButton(button, value)
                grid.addWidget(button, row, value + 1)
            group.idToggled.connect(lambda _id, _on: self._update())
            self._groups.append(group)
        layout.addLayout(grid)
        self.score = QLabel()
        self.score.setAccessibleName("PHQ-9 score")
        layout.addWidget(self.score)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.remove_button = self.buttons.addButton(
            "Remove check-in", QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.remove_button.setEnabled(answers is not None)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.remove_button.clicked.connect(self._remove)
        layout.addWidget(self.buttons)
        if answers is not None:
            for group, value in zip(self._groups, answers, strict=True):
                group.button(value).setChecked(True)
        self._update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        digit = typed_digit(event)
        if digit is not None and digit <= 3:
            self._answer_by_digit(digit)
            return
        super().keyPressEvent(event)

    def _answer_by_digit(self, value: int) -> None:
        focus = self.focusWidget()
        current = next(
            (index for index, group in enumerate(self._groups) if focus in group.buttons()),
            next((index for index, group in enumerate(self._groups) if group.checkedId() == -1), 0),
        )
        button = self._groups[current].button(value)
        button.setChecked(True)
        if current + 1 < len(self._groups):
            following = self._groups[current + 1]
            target = following.checkedButton() or following.button(0)
            target.setFocus(Qt.FocusReason.TabFocusReason)
        else:
            save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
            if save.isEnabled():
                save.setFocus(Qt.FocusReason.TabFocusReason)
                save.setDefault(True)
            else:
                button.setFocus(Qt.FocusReason.TabFocusReason)

    def answers(self) -> tuple[int, ...] | None:
        if self._removed:
            return None
        chosen = tuple(group.checkedId() for group in self._groups)
        return None if -1 in chosen else chosen

    def _update(self) -> None:
        chosen = [group.checkedId() for group in self._groups]
        missing = chosen.count(-1)
        if missing:
            self.score.setText(f"{missing} of 9 questions still to answer.")
        else:
            self.score.setText(phq9.describe(chosen) + ".")
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(missing == 0)

    def _remove(self) -> None:
        self._removed = True
        self.accept()
