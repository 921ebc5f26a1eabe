"""Follow-ups on mood flags: raised, discussed (when, with a note), and the urgent message shown.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "flag_follow_ups",
        sa.Column("rule", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("discussed_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("alerted", sa.Boolean(), nullable=False),
        sa.Column("saved_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "state IN ('open', 'to_raise', 'discussed')", name=op.f("ck_flag_follow_ups_known_state")
        ),
        sa.PrimaryKeyConstraint("rule", "date", name=op.f("pk_flag_follow_ups")),
    )


def downgrade() -> None:
    op.drop_table("flag_follow_ups")
