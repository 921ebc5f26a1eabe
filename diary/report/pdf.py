"""Painting the summary onto pages: Qt's text layout for words and tables, the charts as vectors.

Why Qt and not a PDF library: QPdfWriter embeds the fonts, keeps every word real text,
and draws matplotlib's SVG as vector paths with QSvgRenderer, with no new dependency.
QSvgRenderer ignores clip paths, so the chart functions keep every mark inside its
panel (fixed scales, data cut to the range); tests check that promise. The same painting
serves a printer (QPrinter is a paged device too), so Print and the PDF match.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, QMarginsF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)
from PySide6.QtSvg import QSvgRenderer

from diary import __version__
from diary.report import html, paging
from diary.report.content import ReportContent

FONT_FAMILY = "DejaVu Sans"
MARGINS_MM = QMarginsF(16, 14, 16, 12)
FOOTER_MM = 11
RESOLUTION = 300
DISCLAIMER = (
    "IsoDiary is a personal diary kept by the patient, not a medical record or advice. "
    "Values are as logged; days not logged are left out."
)
PAPER = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}


def ensure_fonts() -> None:
    """Register matplotlib's DejaVu Sans with Qt, so text and charts share one embedded font
    on any machine (a headless one may have no fonts of its own)."""
    if QGuiApplication.instance() is None:
        raise RuntimeError("a Qt application must exist before painting the summary")
    if FONT_FAMILY in QFontDatabase.families():
        return
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        QFontDatabase.addApplicationFont(str(folder / name))


def report_font(points: float) -> QFont:
    """The summary's font, without ligatures: "fl" stays two letters, so a search for
    "flags" finds them in every PDF reader."""
    font = QFont(FONT_FAMILY)
    font.setPointSizeF(points)
    for feature in ("liga", "clig"):
        font.setFeature(QFont.Tag(feature), 0)
    return font


def write_pdf(content: ReportContent, path: Path, paper: str = "A4") -> int:
    """Write the summary to `path` (a temporary file the caller moves into place). Returns pages."""
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setTitle(f"IsoDiary summary {html.span(content.start, content.end)}")
    writer.setCreator(f"IsoDiary {__version__}")
    writer.setPageLayout(QPageLayout(QPageSize(PAPER[paper]), QPageLayout.Orientation.Portrait, MARGINS_MM))
    return paint(content, writer)


def paint(content: ReportContent, device: QPagedPaintDevice) -> int:
    """Paint every page of the summary onto `device` (a PDF writer or a printer)."""
    ensure_fonts()
    layout = device.pageLayout()
    dpi = device.logicalDpiY()
    area = layout.paintRectPixels(dpi)
    footer = FOOTER_MM / 25.4 * dpi
    body = QSizeF(area.width(), area.height() - footer)
    pages: list[Callable[[QPainter], None]] = []
    if content.is_empty:
        only = _document(html.empty_page(content), device, body)
        pages.append(partial(_draw_document_page, document=only, page=0, body=body))
    else:
        first, shown, with_symptoms = _first_page(content, device, body)
        rest = _document(html.continued_pages(content, shown, with_symptoms), device, body)
        back = _document(html.back_pages(content), device, body)
        pages.append(partial(_draw_document_page, document=first, page=0, body=body))
        pages += _sliced(rest, body)
        if content.days_logged:
            pages.append(partial(_draw_svg, svg=_chart_svg(content, body, dpi), body=body))
        else:
            empty = _document(html.no_charts_page(content), device, body)
            pages.append(partial(_draw_document_page, document=empty, page=0, body=body))
        pages += _sliced(back, body)
        if content.photos_asked:
            photo_pages = _sliced(_photo_document(content, device, body), body)
            if content.photos:  # page 1 says where the photos are, now that it is known
                where = (len(pages) + 1, len(pages) + len(photo_pages))
                first = _document(html.first_page(content, shown, with_symptoms, where), device, body)
                pages[0] = partial(_draw_document_page, document=first, page=0, body=body)
            pages += photo_pages
    painter = QPainter(device)
    try:
        for number, draw in enumerate(pages, start=1):
            if number > 1:
                device.newPage()
            draw(painter)
            box = QRectF(0, body.height(), area.width(), footer)
            _footer(painter, content, f"Page {number} of {len(pages)}", box)
    finally:
        painter.end()
    return len(pages)


# Page 1 keeps the symptom table when it fits with at least this many episodes to discuss.
EPISODES_BEFORE_THE_TABLE = 3


def _first_page(
    content: ReportContent, device: QPagedPaintDevice, body: QSizeF
) -> tuple[QTextDocument, int, bool]:
    """Page 1: the course, as many episodes to discuss as fit (the rest continue on page 2,
    saying so), and the symptom table when it fits too. Returns (page, episodes shown, table)."""
    total = len(content.to_discuss)

    # Room kept for the line that says where the photos are (its page numbers come later).
    photos_line = (99, 99) if content.photos else None

    def page(shown: int, with_symptoms: bool) -> QTextDocument:
        return _document(html.first_page(content, shown, with_symptoms, photos_line), device, body)

    def fitting(with_symptoms: bool) -> tuple[QTextDocument, int] | None:
        """The most episodes that fit on one page (a binary search: more never fit better)."""
        whole = page(total, with_symptoms)
        if whole.pageCount() == 1:
            return whole, total
        low, high = 0, total - 1
        if page(0, with_symptoms).pageCount() > 1:
            return None
        while low < high:
            middle = (low + high + 1) // 2
            if page(middle, with_symptoms).pageCount() == 1:
                low = middle
            else:
                high = middle - 1
        return page(low, with_symptoms), low

    with_table = fitting(True)
    if with_table is not None and with_table[1] >= min(total, EPISODES_BEFORE_THE_TABLE):
        return with_table[0], with_table[1], True
    without = fitting(False)
    if without is not None:
        return without[0], without[1], False
    # Not even the course fits (a tiny page): page 1 is the course alone, clipped.
    return _document(html.first_page(content, 0, False), device, body), 0, False


def _photo_document(content: ReportContent, device: QPagedPaintDevice, body: QSizeF) -> QTextDocument:
    """The photo page(s), the pictures already decoded at print size (see photo_page)."""
    from diary.report import photo_page

    markup, pictures = photo_page.markup(content)
    document = _document(markup, device, body)
    for name, picture in pictures.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), picture)
    return document


def _document(markup: str, device: QPagedPaintDevice, size: QSizeF) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    document.setDefaultFont(report_font(9))
    document.setDefaultStyleSheet(html.STYLE)
    document.setHtml(markup)
    document.setPageSize(size)
    return document


def _sliced(document: QTextDocument, body: QSizeF) -> list[Callable[[QPainter], None]]:
    """The pages of a long stretch, cut between whole table rows (see paging)."""
    slices = paging.page_tops(document, body.width(), body.height())
    return [partial(paging.draw_slice, document=document, top=top, bottom=bottom) for top, bottom in slices]


def _draw_document_page(painter: QPainter, document: QTextDocument, page: int, body: QSizeF) -> None:
    painter.save()
    painter.translate(0, -page * body.height())
    document.drawContents(painter, QRectF(0, page * body.height(), body.width(), body.height()))
    painter.restore()


def _chart_svg(content: ReportContent, body: QSizeF, dpi: float) -> QByteArray:
    """The trend figure for the range, always light, sized to the page, as SVG with real text."""
    from matplotlib import rc_context

    from diary.charts.trends import ALL_SERIES, paper_size, trends_figure

    width = body.width() / dpi
    natural = paper_size()[1]
    height = min(natural, body.height() / dpi)
    figure = trends_figure(
        content.chart_entries,
        content.courses,
        content.routine,
        content.start,
        content.end,
        flags=content.flags,
        dark=False,
        today=content.made_on,
        size=(width, height),
        # Labs and weight have their own table after the symptoms; the total uses the weights.
        series=ALL_SERIES - {"labs", "weight"},
        weights=content.weights,
    )
    buffer = io.BytesIO()
    with rc_context({"svg.fonttype": "none", "font.family": FONT_FAMILY}):
        figure.savefig(buffer, format="svg")
    return QByteArray(_without_empty_paths(buffer.getvalue()))


# matplotlib writes a line with nothing to draw (a series never logged in the range) as a
# <path> with no "d"; Qt's renderer warns about each one. They draw nothing, so they go.
_EMPTY_PATH = re.compile(rb"<path(?![^>]*\sd=)[^>]*/>")


def _without_empty_paths(svg: bytes) -> bytes:
    return _EMPTY_PATH.sub(b"", svg)


def _draw_svg(painter: QPainter, svg: QByteArray, body: QSizeF) -> None:
    renderer = QSvgRenderer(svg)
    size = renderer.defaultSize()
    scale = min(body.width() / size.width(), body.height() / size.height())
    target = QRectF(0, 0, size.width() * scale, size.height() * scale)
    renderer.render(painter, target)


def _footer(painter: QPainter, content: ReportContent, page_words: str, box: QRectF) -> None:
    """A rule, the range, page x of y, the date it was made, and the one-line disclaimer."""
    painter.save()
    width, height = box.width(), box.height()
    painter.setPen(QPen(QColor("#B8BEC6"), max(1.0, height / 60)))
    line_y = box.top() + height * 0.15
    painter.drawLine(0, int(line_y), int(width), int(line_y))
    painter.setFont(report_font(7))
    painter.setPen(QColor("#444444"))
    row = QRectF(0, line_y + height * 0.05, width, height * 0.4)
    left = f"IsoDiary summary · {html.span(content.start, content.end)} · made {html.short(content.made_on)}"
    painter.drawText(row, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
    painter.drawText(row, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, page_words)
    note = QRectF(0, row.bottom(), width, height * 0.4)
    painter.setPen(QColor("#666666"))
    painter.drawText(note, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, DISCLAIMER)
    painter.restore()


def paper_for_locale() -> str:
    """Letter where the locale uses it (the US and Canada), else A4."""
    from PySide6.QtCore import QLocale

    locale = QLocale.system()
    if locale.measurementSystem() == QLocale.MeasurementSystem.ImperialUSSystem:
        return "Letter"
    if locale.territory() == QLocale.Country.Canada:
        return "Letter"
    return "A4"
