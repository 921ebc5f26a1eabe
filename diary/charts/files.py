"""Writing a figure to a file: PNG, SVG or PDF chosen by the file's extension, never half-written."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from matplotlib.figure import Figure

# Extension -> (format, words for a file chooser).
FORMATS: dict[str, tuple[str, str]] = {
    ".png": ("png", "PNG image"),
    ".svg": ("svg", "SVG drawing"),
    ".pdf": ("pdf", "PDF document"),
}
KNOWN = ".png, .svg or .pdf"
PNG_DPI = 200  # sharp when printed at the figure's size (7 inches wide)


class ChartFileError(ValueError):
    """A chart that cannot be written where asked; the message names the file and why.
    `disk_full` tells a full disk (a problem) from a wrong place (bad input)."""

    def __init__(self, message: str, *, disk_full: bool = False) -> None:
        super().__init__(message)
        self.disk_full = disk_full


def chart_format(path: Path) -> str:
    """'png', 'svg' or 'pdf' from the file's extension, or ChartFileError naming the file."""
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        what = (
            f"{path.suffix} is not a type IsoDiary can write" if path.suffix else "the name has no extension"
        )
        raise ChartFileError(f"{path}: {what}; end the name with {KNOWN}")
    return FORMATS[suffix][0]


def check_writable(path: Path) -> None:
    """Fail early, before drawing, when `path` cannot become the chart file."""
    try:
        _check_writable(path)
    except OSError as error:  # a name too long, a loop of links: said, not a traceback
        raise _write_error(path, error) from None


def _check_writable(path: Path) -> None:
    if path.is_dir():
        raise ChartFileError(f"{path}: is a folder; give a file name ending with {KNOWN}")
    if path.exists() and not path.is_file():
        # A device (/dev/null) or a FIFO: renaming the chart over it would replace it.
        raise ChartFileError(
            f"{path}: is not a file (a device or a pipe); give a file name ending with {KNOWN}"
        )
    chart_format(path)
    folder = path.parent
    if not folder.is_dir():
        raise ChartFileError(f"{path}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise ChartFileError(f"{path}: IsoDiary may not write in the folder {folder}")


def save_figure(figure: Figure, path: Path) -> None:
    """Write `figure` to `path` in the format its extension names.

    The figure goes to a temporary file beside `path` first and replaces it only once
    complete, so a failed write leaves any earlier file as it was.
    """
    check_writable(path)
    kind = chart_format(path)
    metadata = {"png": {"Software": "IsoDiary"}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}[kind]
    # A chart shows mood and symptoms: owner-only, like every other file IsoDiary writes.
    # mkstemp makes a new file under an unguessable name (O_EXCL, 0600): a link or an old
    # file planted beside the chart is never followed nor reused.
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as error:
        raise _write_error(path, error) from None
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            figure.savefig(
                stream,
                format=kind,
                dpi=PNG_DPI,
                facecolor=figure.get_facecolor(),
                metadata=metadata,
            )
            stream.flush()
            os.fsync(stream.fileno())  # a full disk shows here at the latest, not after "Wrote"
        temporary.replace(path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise _write_error(path, error) from None
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _write_error(path: Path, error: OSError) -> ChartFileError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return ChartFileError(f"{path}: could not be written: the disk is full", disk_full=True)
    return ChartFileError(f"{path}: could not be written ({error.strerror or error})")
