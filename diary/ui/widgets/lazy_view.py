"""A tab whose real content is built the first time it is shown, so its imports wait till then."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyView(QWidget):
    """Holds the place of a view (such as Trends, which needs matplotlib) until first shown."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def content(self) -> QWidget:
        """The real view, built now if it was not yet."""
        if self._content is None:
            self._content = self._build()
            self._layout.addWidget(self._content)
        return self._content

    @property
    def is_built(self) -> bool:
        return self._content is not None

    def showEvent(self, event: QShowEvent) -> None:
        self.content  # noqa: B018 (building is the point)
        super().showEvent(event)
