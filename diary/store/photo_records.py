"""The photo records in the diary file (the `photos` table): read through the standard
library, as diary.store.reads does, and written through SQLAlchemy, as diary.store.writes
does (loaded only when a photo is saved). The image files are photo_files' job."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from diary.core.photos import Photo
from diary.store import sqlcipher

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


def photos(connection: sqlcipher.Connection) -> list[Photo]:
    """Every photo record, by date, area and hash."""
    rows = connection.execute(
        "SELECT date, area, sha256, media_type, note FROM photos ORDER BY date, area, sha256"
    )
    return [
        Photo(dt.date.fromisoformat(day), area, sha256, kind, note) for day, area, sha256, kind, note in rows
    ]


def images_named(connection: sqlcipher.Connection) -> dict[str, str]:
    """The images the records name (hash -> media type): what must stay in photos/."""
    return dict(connection.execute("SELECT DISTINCT sha256, media_type FROM photos ORDER BY sha256"))


def save_photo(session: Session, photo: Photo) -> None:
    """Store a record, replacing the one of the same identity (its note may change)."""
    from diary.store.models import PhotoRow

    session.merge(PhotoRow(**_values(photo)))


def delete_photo(session: Session, photo: Photo) -> None:
    """Remove the record of the same identity (date, area, hash); the image file stays
    until neither the diary nor a kept backup names it."""
    from sqlalchemy import delete

    from diary.store.models import PhotoRow

    session.execute(
        delete(PhotoRow).where(
            PhotoRow.date == photo.date, PhotoRow.area == photo.area, PhotoRow.sha256 == photo.sha256
        )
    )


def _values(photo: Photo) -> dict[str, object]:
    return {
        "date": photo.date,
        "area": photo.area,
        "sha256": photo.sha256,
        "media_type": photo.media_type,
        "note": photo.note,
    }
