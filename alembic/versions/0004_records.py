"""Version 2 of the diary: serious symptoms, pregnancy prevention, weights, lab results,
pregnancy tests, other medicines and the person's own side effects.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The lists as they were when this revision was written (migrations never change later).
_KEY_LIST = sa.JSON(none_as_null=True)
_RESULTS = "'negative', 'positive', 'invalid'"
_PLACES = "'clinic', 'lab', 'home'"


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, not a batch copy: rebuilding `courses` would drop the
    # old table, and its ON DELETE CASCADE would take every dose change with it.
    # NULL: not logged (every day stored before this revision).
    op.add_column("entries", sa.Column("serious_symptoms", _KEY_LIST, nullable=True))
    op.add_column(
        "courses", sa.Column("pregnancy_prevention", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.create_table(
        "weights",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("kg", sa.Float(), nullable=False),
        sa.CheckConstraint("kg >= 1 AND kg <= 400", name=op.f("ck_weights_kg_range")),
        sa.PrimaryKeyConstraint("date", name=op.f("pk_weights")),
    )
    op.create_table(
        "lab_results",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("test", sa.Text(), nullable=False),
        # '' for the named tests (whose label is null): SQLite treats NULLs as distinct in
        # a key, so a null label could not make (date, test, label) one result.
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=False),
        sa.Column("reference_low", sa.Float(), nullable=True),
        sa.Column("reference_high", sa.Float(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("value >= 0 AND value <= 100000", name=op.f("ck_lab_results_value_range")),
        sa.PrimaryKeyConstraint("date", "test", "label", name=op.f("pk_lab_results")),
    )
    op.create_table(
        "pregnancy_tests",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), nullable=True),
        sa.CheckConstraint(f"result IN ({_RESULTS})", name=op.f("ck_pregnancy_tests_known_result")),
        sa.CheckConstraint(
            f"place IS NULL OR place IN ({_PLACES})", name=op.f("ck_pregnancy_tests_known_place")
        ),
        sa.PrimaryKeyConstraint("date", name=op.f("pk_pregnancy_tests")),
    )
    op.create_table(
        "medicines",
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("starts", sa.Date(), nullable=False),
        sa.Column("kind", sa.Text(), nullable=False),
        sa.Column("ends", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint("ends IS NULL OR ends >= starts", name=op.f("ck_medicines_ends_after_start")),
        sa.PrimaryKeyConstraint("name", "starts", name=op.f("pk_medicines")),
    )
    op.create_table(
        "custom_side_effects",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_custom_side_effects")),
    )


def downgrade() -> None:
    op.drop_table("custom_side_effects")
    op.drop_table("medicines")
    op.drop_table("pregnancy_tests")
    op.drop_table("lab_results")
    op.drop_table("weights")
    # SQLite's own DROP COLUMN (3.35+), for the same reason as in upgrade().
    op.execute("ALTER TABLE courses DROP COLUMN pregnancy_prevention")
    op.execute("ALTER TABLE entries DROP COLUMN serious_symptoms")
