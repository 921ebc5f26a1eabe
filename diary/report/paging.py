"""Cutting a long stretch of the summary into pages between whole table rows and paragraphs,
so that no row of a table splits across two pages (Qt's own paging cuts rows in half).

The document is laid out once as one tall page; each unit (a table row, or a paragraph
outside tables) has its top and bottom there, and a page ends before the first unit that
would cross its foot. A unit taller than a page is cut where it must be.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QPainter, QTextBlock, QTextCursor, QTextDocument, QTextFrame, QTextTable

TALL = 1_000_000.0  # the height of the one page the document is laid out on


def units(document: QTextDocument) -> list[tuple[float, float]]:
    """(top, bottom) of every table row and every paragraph outside tables, top to bottom."""
    layout = document.documentLayout()
    found: list[tuple[float, float]] = []
    in_tables: set[int] = set()
    for table in _tables(document.rootFrame()):
        for row in range(table.rows()):
            top, bottom = TALL, 0.0
            for column in range(table.columns()):
                cell = table.cellAt(row, column)
                first = layout.blockBoundingRect(cell.firstCursorPosition().block())
                last = layout.blockBoundingRect(cell.lastCursorPosition().block())
                top, bottom = min(top, first.top()), max(bottom, last.bottom())
                inside = cell.firstCursorPosition().block()
                while inside.isValid() and inside.position() <= cell.lastCursorPosition().position():
                    in_tables.add(inside.position())
                    inside = inside.next()
            if bottom > top:
                found.append((top, bottom))
    block: QTextBlock = document.begin()
    while block.isValid():
        if block.position() not in in_tables and QTextCursor(block).currentTable() is None:
            rect = layout.blockBoundingRect(block)
            found.append((rect.top(), rect.bottom()))
        block = block.next()
    return sorted(found)


def _tables(frame: QTextFrame) -> list[QTextTable]:
    tables = []
    for child in frame.childFrames():
        if isinstance(child, QTextTable):
            tables.append(child)
        tables.extend(_tables(child))
    return tables


def page_tops(document: QTextDocument, width: float, height: float) -> list[tuple[float, float]]:
    """The (top, bottom) slices of the document, one per page of `height`, cut between units."""
    document.setPageSize(QSizeF(width, TALL))
    end = document.documentLayout().documentSize().height()
    slices: list[tuple[float, float]] = []
    top = 0.0
    for unit_top, unit_bottom in units(document):
        if unit_bottom > top + height and unit_top > top:
            slices.append((top, unit_top))
            top = unit_top
        while unit_bottom > top + height:  # taller than a page: cut where it must be
            slices.append((top, top + height))
            top += height
    if end > top or not slices:
        slices.append((top, min(end, top + height)))
    return slices


def draw_slice(painter: QPainter, document: QTextDocument, top: float, bottom: float) -> None:
    painter.save()
    painter.translate(0, -top)
    document.drawContents(painter, QRectF(0, top, document.pageSize().width(), bottom - top))
    painter.restore()
