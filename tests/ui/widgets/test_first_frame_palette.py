"""The window's first frame takes its palette before the desktop is asked for its scheme."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from diary.settings import DESKTOP_DARK
from diary.ui.widgets import theme


@pytest.fixture
def application(qapp: QApplication) -> Iterator[QApplication]:
    app = qapp
    style, palette = app.style().name(), app.palette()
    yield app
    app.setStyle(style)
    app.setPalette(palette)


def test_system_follows_the_scheme_last_asked_until_asked_again(
    application: QApplication,
) -> None:
    DESKTOP_DARK.write(True)  # the desktop was dark when IsoDiary last asked
    theme.apply_palette(application, "system")
    assert theme.palette_is_dark()
    theme.apply_appearance(application, "system")  # asks now: offscreen has no dark scheme
    assert not theme.palette_is_dark()
    assert DESKTOP_DARK.read() in (False, "false")
    theme.apply_palette(application, "system")  # the next start's first frame
    assert not theme.palette_is_dark()


def test_a_chosen_appearance_needs_no_memory(application: QApplication) -> None:
    DESKTOP_DARK.write(False)
    theme.apply_palette(application, "dark")
    assert theme.palette_is_dark()
    theme.apply_palette(application, "light")
    assert not theme.palette_is_dark()
