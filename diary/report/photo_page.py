"""The summary's photo page, made only when the patient asks (photos are the most private
part of the diary): each area's first and latest photo in the range, side by side, each
with its area, date, course day and that day's logged spots.

Each image is checked before it is drawn, as any file from outside is: its bytes must hash
to its name and be a whole JPEG or PNG of sane size (photo_intake.check_kept reads only the
headers). One that is missing, changed or unreadable is named in its place; the summary is
still made. Pictures are decoded already scaled to the print size (a JPEG decodes straight
at a fraction of its size), so a 12-megapixel photo neither slows the PDF nor swells it.
Nothing here needs the window: it runs on the thread that makes the PDF.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt
from PySide6.QtGui import QImage, QImageReader

from diary.core import scales
from diary.core.photos import MAX_IMAGE_BYTES, ImageRefused
from diary.report.content import AreaPhotos, ReportContent, ReportPhoto
from diary.store.errors import DiaryUnavailable
from diary.store.photo_files import PhotoFiles

# The box each picture fits into on paper, in millimetres: two side by side fill the width
# of A4 and US Letter, and three areas fit on a page.
BOX_MM = (80.0, 62.0)
# Pictures are kept at this many dots per inch of paper: sharp in print, a PDF of a few
# hundred kilobytes a page.
PRINT_DPI = 200
# A sealed image (a protected diary) is a little longer than the image it holds.
_SEAL_ROOM = 4096
# Qt's rich text measures an image's width and height in pixels of a 96-dpi screen.
_CSS_DPI = 96


def markup(content: ReportContent) -> tuple[str, dict[str, QImage]]:
    """The photo page's HTML and the pictures it names (name -> image) to add to its document."""
    pictures: dict[str, QImage] = {}
    parts = [f"<h2>Photos of the skin, {_span(content.start, content.end)}</h2>"]
    if not content.photos:
        parts.append("<p>Photos were asked for, but the patient took none in this range.</p>")
        return _page(parts), pictures
    files = content.photo_files
    assert files is not None, "photos are gathered with the files that hold their images"
    total = sum(area.count for area in content.photos)
    parts.append(
        "<p class='quiet'>Added at the patient's request: the first and the latest photo of each "
        f"area in this range ({total} photo{'s' if total != 1 else ''} in all), as the patient "
        "took them. Spots and severity are as the patient logged them that day.</p>"
    )
    rows = []
    for number, area in enumerate(content.photos):
        if area.latest is None:
            cells = [
                _cell(
                    area,
                    area.first,
                    "the only photo in this range",
                    f"photo-{number}",
                    pictures=pictures,
                    files=files,
                )
            ]
            cells.append("<td width='50%'></td>")
        else:
            cells = [
                _cell(
                    area,
                    area.first,
                    "first in this range",
                    f"photo-{number}-first",
                    pictures=pictures,
                    files=files,
                ),
                _cell(
                    area,
                    area.latest,
                    "latest in this range",
                    f"photo-{number}-latest",
                    pictures=pictures,
                    files=files,
                ),
            ]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    parts.append(f"<table border='0' cellpadding='4' width='100%'>{''.join(rows)}</table>")
    return _page(parts), pictures


def _cell(
    area: AreaPhotos,
    shown: ReportPhoto,
    which: str,
    name: str,
    *,
    pictures: dict[str, QImage],
    files: PhotoFiles,
) -> str:
    caption = (
        f"<p><b>{escape(area.area_words)}</b>, {which}<br/>{_day(shown.photo.date)}"
        + (f" · course day {shown.course_day}" if shown.course_day is not None else " · outside the course")
        + f"<br/><span class='quiet'>{_spots(shown)}</span></p>"
    )
    picture = load_picture(shown, files)
    if isinstance(picture, str):
        return f"<td width='50%'><p><b>Image not shown:</b> {escape(picture)}</p>{caption}</td>"
    pictures[name] = picture
    width, height = _shown_size(picture.size())
    return f"<td width='50%'><img src='{name}' width='{width}' height='{height}'/>{caption}</td>"


def load_picture(shown: ReportPhoto, files: PhotoFiles) -> QImage | str:
    """The picture scaled to the print size, or why it cannot be shown (naming its file as
    `photos/NAME`, never the folder around it, which is the patient's own)."""
    from diary.store.photo_files import CHANGED, PhotoFileFailed
    from diary.store.photo_intake import check_kept

    path, photo = shown.path, shown.photo
    where = f"photos/{path.name}"
    try:
        too_large = path.stat().st_size > MAX_IMAGE_BYTES + _SEAL_ROOM
    except OSError:
        too_large = False  # reading says what is wrong
    if too_large:
        return f"{where} is larger than any photo the diary keeps."
    try:
        data = files.read(photo.sha256, photo.media_type)  # opened when sealed; checked against its name
    except PhotoFileFailed as problem:
        if CHANGED in str(problem):
            return f"{where} has changed since it was added (its bytes do not match its name)."
        if str(problem).endswith("is missing."):
            return f"{where} is missing from the diary's folder."
        return f"{where} cannot be read."
    except DiaryUnavailable:  # a protected diary locked meanwhile
        return f"{where} cannot be opened now."
    try:
        check_kept(data, photo.media_type)  # whole, of its type, of sane size: before decoding
    except ImageRefused as problem:
        return f"{where} cannot be shown: {problem}."
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    box = QSize(*(round(mm / 25.4 * PRINT_DPI) for mm in BOX_MM))
    if size.isValid() and (size.width() > box.width() or size.height() > box.height()):
        # Turned a quarter (EXIF orientation 5-8), the stored picture's sides swap on paper.
        turned = reader.transformation().value & 4  # QImageIOHandler.TransformationRotate90
        fit = box.transposed() if turned else box
        reader.setScaledSize(size.scaled(fit, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    if image.isNull():
        return f"{where} cannot be read ({reader.errorString()})."
    return image


def _shown_size(size: QSize) -> tuple[int, int]:
    """The picture's size on paper in 96-dpi pixels: as large as fits the box, never stretched."""
    box = QSize(*(round(mm / 25.4 * _CSS_DPI) for mm in BOX_MM))
    fitted = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    return fitted.width(), fitted.height()


def _spots(shown: ReportPhoto) -> str:
    spots = "new spots not logged" if shown.new_spots is None else f"new spots {shown.new_spots}"
    severity = (
        "severity not logged"
        if shown.severity is None
        else f"severity {scales.SEVERITY_WORDS[shown.severity]}"
    )
    return f"That day: {spots} · {severity}"


def _day(day: dt.date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


def _span(start: dt.date, end: dt.date) -> str:
    from diary.core.flags import days_text

    return days_text(start, end)


def _page(parts: list[str]) -> str:
    return "<html><body>" + "".join(parts) + "</body></html>"
