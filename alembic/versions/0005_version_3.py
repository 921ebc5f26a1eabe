"""Version 3 of the diary: dose steps every N days, when routine steps and own side effects
were offered, and the day a course's skin became clear.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE ADD COLUMN, not a batch copy (as in 0004): rebuilding `courses`
    # would drop the old table, and its ON DELETE CASCADE would take the dose changes.
    # Every step stored before this revision was daily.
    op.execute(
        "ALTER TABLE dose_changes ADD COLUMN every_days INTEGER NOT NULL DEFAULT 1 "
        "CONSTRAINT ck_dose_changes_every_days_range CHECK (every_days >= 1 AND every_days <= 7)"
    )
    # NULL added_on: there from the start; NULL retired_on: active, or retired before now.
    for table in ("routine_steps", "custom_side_effects"):
        op.add_column(table, sa.Column("added_on", sa.Date(), nullable=True))
        op.add_column(table, sa.Column("retired_on", sa.Date(), nullable=True))
    op.add_column("courses", sa.Column("clear_since", sa.Date(), nullable=True))


def downgrade() -> None:
    # SQLite's own DROP COLUMN (3.35+), for the same reason as in upgrade().
    op.execute("ALTER TABLE courses DROP COLUMN clear_since")
    for table in ("custom_side_effects", "routine_steps"):
        op.execute(f"ALTER TABLE {table} DROP COLUMN retired_on")
        op.execute(f"ALTER TABLE {table} DROP COLUMN added_on")
    op.execute("ALTER TABLE dose_changes DROP COLUMN every_days")
