"""The diary's tables as SQLAlchemy 2.0 typed models. Alembic revisions create them; these describe them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Date, Float, ForeignKey, MetaData, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

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
    doses: Mapped[list[DoseChangeRow]] = relationship(
        cascade="all, delete-orphan", order_by="DoseChangeRow.starts"
    )

    __table_args__ = (CheckConstraint("end_date IS NULL OR end_date >= start_date", name="ends_after_start"),)


class DoseChangeRow(Base):
    __tablename__ = "dose_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    starts: Mapped[dt.date] = mapped_column(Date)
    mg_per_day: Mapped[float] = mapped_column(Float)

    __table_args__ = (
        UniqueConstraint("course_id", "starts", name="uq_dose_changes_course_starts"),
        CheckConstraint("mg_per_day >= 0 AND mg_per_day <= 200", name="mg_per_day_range"),
    )


class RoutineStepRow(Base):
    __tablename__ = "routine_steps"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    label: Mapped[str] = mapped_column(Text)
    position: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)


def _range(column: str, low: int, high: int) -> CheckConstraint:
    return CheckConstraint(
        f"{column} IS NULL OR ({column} >= {low} AND {column} <= {high})", name=f"{column}_range"
    )


class EntryRow(Base):
    __tablename__ = "entries"

    date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    dose_mg: Mapped[float | None] = mapped_column(Float)
    lips: Mapped[int | None]
    skin: Mapped[int | None]
    eyes: Mapped[int | None]
    joint_pain: Mapped[int | None]
    mood: Mapped[int | None]
    warning_signs: Mapped[list[str] | None] = mapped_column(KeyList)
    breakouts_new: Mapped[int | None]
    breakout_severity: Mapped[int | None]
    skincare: Mapped[list[str] | None] = mapped_column(KeyList)
    side_effects: Mapped[list[str] | None] = mapped_column(KeyList)
    phq9: Mapped[list[int] | None] = mapped_column(KeyList)
    note: Mapped[str | None] = mapped_column(Text)
    saved_at: Mapped[dt.datetime]

    __table_args__ = (
        _range("dose_mg", 0, 200),
        _range("lips", 0, 10),
        _range("skin", 0, 10),
        _range("eyes", 0, 10),
        _range("joint_pain", 0, 10),
        _range("mood", 0, 10),
        _range("breakouts_new", 0, 999),
        _range("breakout_severity", 0, 4),
    )


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
