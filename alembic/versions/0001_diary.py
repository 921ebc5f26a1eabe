"""The first diary: courses with their dose schedule, the routine, daily entries and settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_KEY_LIST = sa.JSON(none_as_null=True)


def _range(column: str, low: int, high: int) -> sa.CheckConstraint:
    return sa.CheckConstraint(
        f"{column} IS NULL OR ({column} >= {low} AND {column} <= {high})",
        name=op.f(f"ck_entries_{column}_range"),
    )


def upgrade() -> None:
    op.create_table(
        "courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("planned_weeks", sa.Integer(), nullable=True),
        sa.Column("weight_kg", sa.Float(), nullable=True),
        sa.Column("target_mg_per_kg", sa.Float(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_courses_ends_after_start")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_courses")),
        sa.UniqueConstraint("start_date", name=op.f("uq_courses_start_date")),
    )
    op.create_table(
        "dose_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("mg_per_day", sa.Float(), nullable=False),
        sa.CheckConstraint(
            "mg_per_day >= 0 AND mg_per_day <= 200", name=op.f("ck_dose_changes_mg_per_day_range")
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["courses.id"],
            name=op.f("fk_dose_changes_course_id_courses"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dose_changes")),
        sa.UniqueConstraint("course_id", "starts", name="uq_dose_changes_course_starts"),
    )
    op.create_index(op.f("ix_dose_changes_course_id"), "dose_changes", ["course_id"])
    op.create_table(
        "routine_steps",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_routine_steps")),
    )
    op.create_table(
        "entries",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("dose_mg", sa.Float(), nullable=True),
        sa.Column("lips", sa.Integer(), nullable=True),
        sa.Column("skin", sa.Integer(), nullable=True),
        sa.Column("eyes", sa.Integer(), nullable=True),
        sa.Column("joint_pain", sa.Integer(), nullable=True),
        sa.Column("mood", sa.Integer(), nullable=True),
        sa.Column("warning_signs", _KEY_LIST, nullable=True),
        sa.Column("breakouts_new", sa.Integer(), nullable=True),
        sa.Column("breakout_severity", sa.Integer(), nullable=True),
        sa.Column("skincare", _KEY_LIST, nullable=True),
        sa.Column("side_effects", _KEY_LIST, nullable=True),
        sa.Column("phq9", _KEY_LIST, nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        _range("dose_mg", 0, 200),
        _range("lips", 0, 10),
        _range("skin", 0, 10),
        _range("eyes", 0, 10),
        _range("joint_pain", 0, 10),
        _range("mood", 0, 10),
        _range("breakouts_new", 0, 999),
        _range("breakout_severity", 0, 4),
        sa.PrimaryKeyConstraint("date", name=op.f("pk_entries")),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("value", sa.JSON(), nullable=True),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_settings")),
    )


def downgrade() -> None:
    op.drop_table("settings")
    op.drop_table("entries")
    op.drop_table("routine_steps")
    op.drop_index(op.f("ix_dose_changes_course_id"), table_name="dose_changes")
    op.drop_table("dose_changes")
    op.drop_table("courses")
