"""Closing the window while IsoDiary has a tray: the first close asks whether to stay in
the tray (whatever Settings saved before, since a setting the person never saw asked is
no answer), and the application keeps running when the person chose so."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from diary.ui.models.reminder_memory import close_to_tray, close_to_tray_asked, set_close_to_tray


class CloseToTray(QObject):
    """Watches the window's close: the first time, asks whether to stay in the tray, and
    lets the application keep running when the person chose so."""

    def __init__(
        self,
        window: QWidget,
        ask: Callable[[QWidget, bool], bool | None] | None = None,
        quit_application: Callable[[], None] = QApplication.quit,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.ask = ask or ask_close_to_tray
        self.quit_application = quit_application
        self.quitting = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and not self.quitting:
            keep = close_to_tray()
            if keep is None or not close_to_tray_asked():
                # What Settings saved (if anything) is offered as the first button.
                keep = self.ask(self.window, keep is not False)
                if keep is None:  # the person closed the question: neither close nor decide
                    event.ignore()
                    return True
                set_close_to_tray(keep, asked=True)
            QApplication.setQuitOnLastWindowClosed(not keep)
        return False

    def quit(self) -> None:
        """Close the window (which saves) and, once it is closed, the application."""
        self.quitting = True
        QApplication.setQuitOnLastWindowClosed(True)
        if self.window.isVisible() and not self.window.close():
            self.quitting = False
            return
        self.quit_application()


def ask_close_to_tray(parent: QWidget, keep_first: bool = True) -> bool | None:
    box = QMessageBox(parent)
    box.setWindowTitle("Keep the reminders?")
    box.setText("Keep IsoDiary in the tray when you close the window?")
    box.setInformativeText(
        "It then reminds you in the evening even with the window closed. You can change this in Settings."
    )
    keep = box.addButton("Keep in the tray", QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton("Quit when closed", QMessageBox.ButtonRole.RejectRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep if keep_first else quit_button)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is keep else False if clicked is quit_button else None
