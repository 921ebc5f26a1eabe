"""The diary's tables as SQLAlchemy 2.0 typed models. Alembic revisions create them; these describe them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from diary.core import fields
from diary.core.fields import ENTRY_FIELDS, EntryField

# Named constraints let Alembic's batch mode (SQLite rebuilds tables) find them again.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Floats are spelled Float (SQLite's REAL) as in the revisions, not 2.1's default Double.
# Lists keep NULL (not logged) apart from [] (logged: none of them).
KeyList = JSON(none_as_null=True)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CourseRow(Base):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    start_date: Mapped[dt.date] = mapped_column(Date, unique=True)
    planned_weeks: Mapped[int | None]
    weight_kg: Mapped[float | None] = mapped_column(Float)
    target_mg_per_kg: Mapped[float | None] = mapped_column(Float)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    pregnancy_prevention: Mapped[bool] = mapped_column(default=False, server_default=false())
    clear_since: Mapped[dt.date | None] = mapped_column(Date)
    doses: Mapped[list[DoseChangeRow]] = relationship(
        cascade="all, delete-orphan", order_by="DoseChangeRow.starts"
    )

    __table_args__ = (CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),)


class DoseChangeRow(Base):
    __tablename__ = "dose_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    starts: Mapped[dt.date] = mapped_column(Date)
    mg_per_day: Mapped[float] = mapped_column(Float)  # mg on each dosing day
    every_days: Mapped[int] = mapped_column(default=1, server_default=text("1"))

    __table_args__ = (
        UniqueConstraint("course_id", "starts", name="uq_dose_changes_course_starts"),
        CheckConstraint("mg_per_day >= 0 AND mg_per_day <= 200", name="mg_per_day_range"),
        CheckConstraint("every_days >= 1 AND every_days <= 7", name="every_days_range"),
    )


class RoutineStepRow(Base):
    __tablename__ = "routine_steps"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)
    added_on: Mapped[dt.date | None] = mapped_column(Date)
    retired_on: Mapped[dt.date | None] = mapped_column(Date)


def _entry_column(field: EntryField) -> Column[Any]:
    """An entry field's column: NULL is "not logged", for every field."""
    kind: Any
    if field.kind == fields.NUMBER:
        assert field.scale is not None
        kind = Integer if field.scale.whole_numbers else Float
    elif field.kind == fields.TEXT:
        kind = Text
    else:
        kind = KeyList
    return Column(field.name, kind, nullable=True)


def _entry_range(field: EntryField) -> CheckConstraint:
    assert field.scale is not None
    low, high, name = f"{field.scale.low:g}", f"{field.scale.high:g}", field.name
    return CheckConstraint(f"{name} IS NULL OR ({name} >= {low} AND {name} <= {high})", name=f"{name}_range")


# The entries table is laid out from the field table (diary.core.fields): one column per field.
ENTRIES_TABLE = Table(
    "entries",
    Base.metadata,
    Column("date", Date, primary_key=True),
    *(_entry_column(field) for field in ENTRY_FIELDS),
    Column("saved_at", DateTime, nullable=False),
    *(_entry_range(field) for field in ENTRY_FIELDS if field.kind == fields.NUMBER),
)


class EntryRow(Base):
    """One day. Its field columns are named after ENTRY_FIELDS (see diary.store.rows)."""

    __table__ = ENTRIES_TABLE

    date: Mapped[dt.date]
    saved_at: Mapped[dt.datetime]


class SettingRow(Base):
    """The person's preferences and remembered choices, one JSON value per key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)


class FlagFollowUpRow(Base):
    """The person's follow-up on a mood flag, keyed like the flag: (rule, date)."""

    __tablename__ = "flag_follow_ups"

    rule: Mapped[str] = mapped_column(Text, primary_key=True)
    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    state: Mapped[str] = mapped_column(Text)
    discussed_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    alerted: Mapped[bool]
    saved_at: Mapped[dt.datetime]

    __table_args__ = (CheckConstraint("state IN ('open', 'to_raise', 'discussed')", name="known_state"),)


class AppointmentRow(Base):
    __tablename__ = "appointments"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    with_whom: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class QuestionRow(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    added_on: Mapped[dt.date] = mapped_column(Date)
    asked_on: Mapped[dt.date | None] = mapped_column(Date)


class WeighingRow(Base):
    __tablename__ = "weights"

    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kg: Mapped[float] = mapped_column(Float)

    __table_args__ = (CheckConstraint("kg >= 1 AND kg <= 400", name="kg_range"),)


class LabResultRow(Base):
    """One lab result. `label` is '' for the named tests (null in the core and the file):
    SQLite keeps NULLs apart in a key, and (date, test, label) is one result."""

    __tablename__ = "lab_results"

    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    test: Mapped[str] = mapped_column(Text, primary_key=True)
    label: Mapped[str] = mapped_column(Text, primary_key=True)
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(Text)
    reference_low: Mapped[float | None] = mapped_column(Float)
    reference_high: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("value >= 0 AND value <= 100000", name="value_range"),)


class PregnancyTestRow(Base):
    __tablename__ = "pregnancy_tests"

    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    result: Mapped[str] = mapped_column(Text)
    # "where" in the core and the file; a keyword in SQL.
    place: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("result IN ('negative', 'positive', 'invalid')", name="known_result"),
        CheckConstraint("place IS NULL OR place IN ('clinic', 'lab', 'home')", name="known_place"),
    )


class MedicineRow(Base):
    __tablename__ = "medicines"

    name: Mapped[str] = mapped_column(Text, primary_key=True)
    starts: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(Text)
    ends: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (CheckConstraint("ends IS NULL OR ends >= starts", name="ends_after_start"),)


class CustomSideEffectRow(Base):
    __tablename__ = "custom_side_effects"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    active: Mapped[bool]
    added_on: Mapped[dt.date | None] = mapped_column(Date)
    retired_on: Mapped[dt.date | None] = mapped_column(Date)


class PhotoRow(Base):
    """A progress photo: the image (a file named by `sha256`, see store/photo_files.py)
    showing one area of skin on one day."""

    __tablename__ = "photos"

    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    area: Mapped[str] = mapped_column(Text, primary_key=True)
    sha256: Mapped[str] = mapped_column(Text, primary_key=True, index=True)
    media_type: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint(
            "area IN ('face_front', 'face_left', 'face_right', 'chest', 'back', 'other')", name="known_area"
        ),
        CheckConstraint("media_type IN ('image/jpeg', 'image/png')", name="known_media_type"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )
