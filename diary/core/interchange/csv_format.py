"""The CSV form of the diary: one row per entry, for spreadsheets; entries only."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable

from diary.core.entry import Entry, InvalidValue
from diary.core.interchange.document import InterchangeError

CSV_HEADER = (
    "date",
    "dose_mg",
    "lips",
    "skin",
    "eyes",
    "joint_pain",
    "mood",
    "warning_signs",
    "breakouts_new",
    "breakout_severity",
    "skincare",
    "side_effects",
    "phq9",
    "note",
)
_WHOLE_COLUMNS = ("lips", "skin", "eyes", "joint_pain", "mood", "breakouts_new", "breakout_severity")
_KEY_COLUMNS = ("warning_signs", "skincare", "side_effects")
_WHOLE = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Problem(Exception):
    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field, self.message = field, message


def entries_from_csv(text: str, source: str, routine_keys: Iterable[str]) -> tuple[Entry, ...]:
    """Read every row, or raise InterchangeError naming the line and the column."""
    steps = set(routine_keys)
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    entries: list[Entry] = []
    first_line_of: dict[dt.date, int] = {}
    line = 1
    try:
        header = next(reader)
    except StopIteration:
        raise InterchangeError(source, None, None, "the file is empty; expected a header row") from None
    except csv.Error as error:
        raise InterchangeError(source, "line 1", None, f"not readable as CSV ({error})") from None
    if tuple(cell.strip() for cell in header) != CSV_HEADER:
        raise InterchangeError(
            source, "line 1", None, "the header row must be exactly: " + ",".join(CSV_HEADER)
        )
    while True:
        line = reader.line_num + 1  # a quoted note may span lines; report where the row starts
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise InterchangeError(source, f"line {line}", None, f"not readable as CSV ({error})") from None
        if not row or all(not cell.strip() for cell in row):
            continue
        where = f"line {line}"
        try:
            entry = _entry(row, steps)
        except _Problem as problem:
            raise InterchangeError(source, where, problem.field, problem.message) from None
        if entry.date in first_line_of:
            raise InterchangeError(
                source, where, "date", f"{entry.date} is already on line {first_line_of[entry.date]}"
            )
        first_line_of[entry.date] = line
        entries.append(entry)
    return tuple(entries)


def _entry(row: list[str], steps: set[str]) -> Entry:
    if len(row) != len(CSV_HEADER):
        raise _Problem(None, f"has {len(row)} cells; every row needs {len(CSV_HEADER)}")
    cells = {name: cell.strip() for name, cell in zip(CSV_HEADER, row, strict=True)}
    if not _DATE.fullmatch(cells["date"]):
        raise _Problem("date", f"must be a date written YYYY-MM-DD, not {cells['date']!r}")
    try:
        date = dt.date.fromisoformat(cells["date"])
    except ValueError:
        raise _Problem("date", f"{cells['date']} is not a real calendar day") from None
    values: dict[str, object] = {"date": date, "dose_mg": _decimal(cells["dose_mg"], "dose_mg")}
    for name in _WHOLE_COLUMNS:
        values[name] = _whole(cells[name], name)
    for name in _KEY_COLUMNS:
        values[name] = _keys(cells[name], name)
    skincare = values["skincare"]
    if isinstance(skincare, tuple):
        unknown = [key for key in skincare if key not in steps]
        if unknown:
            raise _Problem("skincare", f"{unknown[0]!r} is not a step of this diary's routine")
    phq9 = _keys(cells["phq9"], "phq9")
    values["phq9"] = None if phq9 is None else tuple(_whole(answer, "phq9") for answer in phq9)
    # The note keeps its spaces: only an all-blank cell means "not logged".
    note_cell = row[CSV_HEADER.index("note")]
    values["note"] = note_cell if note_cell.strip() else None
    try:
        return Entry(**values)  # type: ignore[arg-type]
    except InvalidValue as error:
        raise _Problem(error.field, error.message) from None


def _whole(cell: str, column: str) -> int | None:
    if not cell:
        return None
    if not _WHOLE.fullmatch(cell):
        raise _Problem(column, f"must be a whole number, not {cell!r}")
    return int(cell)


def _decimal(cell: str, column: str) -> float | int | None:
    if not cell:
        return None
    if _WHOLE.fullmatch(cell):
        return int(cell)
    if not _DECIMAL.fullmatch(cell):
        raise _Problem(column, f"must be a number, not {cell!r}")
    return float(cell)


def _keys(cell: str, column: str) -> tuple[str, ...] | None:
    if not cell:
        return None
    keys = tuple(part.strip() for part in cell.split(";"))
    if any(not key for key in keys):
        raise _Problem(column, f"has an empty item in {cell!r}")
    return keys


def entries_to_csv(entries: Iterable[Entry]) -> str:
    """One row per entry, in date order. A list logged as empty is written as an empty cell,
    the spec's only spelling for it, so CSV cannot tell "none" from "not logged" for lists."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for entry in sorted(entries, key=lambda e: e.date):
        writer.writerow(
            [
                entry.date.isoformat(),
                _number_cell(entry.dose_mg),
                *(
                    _number_cell(getattr(entry, name))
                    for name in ("lips", "skin", "eyes", "joint_pain", "mood")
                ),
                _list_cell(entry.warning_signs),
                _number_cell(entry.breakouts_new),
                _number_cell(entry.breakout_severity),
                _list_cell(entry.skincare),
                _list_cell(entry.side_effects),
                _list_cell(entry.phq9),
                entry.note or "",
            ]
        )
    return out.getvalue()


def _number_cell(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _list_cell(values: tuple[object, ...] | None) -> str:
    return "" if values is None else ";".join(str(value) for value in values)
