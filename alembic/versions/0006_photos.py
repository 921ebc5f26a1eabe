"""Progress photos: which image (by its SHA-256) shows which area of skin on which day.
The images themselves are files beside the diary (diary/store/photo_files.py).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The lists as they were when this revision was written (migrations never change later).
_AREAS = "'face_front', 'face_left', 'face_right', 'chest', 'back', 'other'"
_MEDIA_TYPES = "'image/jpeg', 'image/png'"


def upgrade() -> None:
    op.create_table(
        "photos",
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("area", sa.Text(), nullable=False),
        sa.Column("sha256", sa.Text(), nullable=False),
        sa.Column("media_type", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.CheckConstraint(f"area IN ({_AREAS})", name=op.f("ck_photos_known_area")),
        sa.CheckConstraint(f"media_type IN ({_MEDIA_TYPES})", name=op.f("ck_photos_known_media_type")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_photos_sha256_length")),
        sa.PrimaryKeyConstraint("date", "area", "sha256", name=op.f("pk_photos")),
    )
    # Which records name an image: asked before an image file may be deleted.
    op.create_index(op.f("ix_photos_sha256"), "photos", ["sha256"])


def downgrade() -> None:
    op.drop_index(op.f("ix_photos_sha256"), table_name="photos")
    op.drop_table("photos")
