"""A backup's images on restore: a backup holds the photo records, and names by them the
images it needs, which are shared files in the diary's folder (photo_files). Restoring it
makes sure each is there, whole: one missing is looked for in a `photos/` folder beside the
backup (where a copied diary's folder keeps them), checked as a bundle's image is, and
kept; what is still missing is said, never guessed.

Done before the diary is replaced, so a full disk leaves the diary as it was.
"""

from __future__ import annotations

import hashlib
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

from diary.core.photos import EXTENSIONS, MAX_IMAGE_BYTES, ImageRefused, image_file_name, is_sha256
from diary.store import integrity
from diary.store.errors import BUSY_TIMEOUT_SECONDS
from diary.store.photo_files import FOLDER_NAME, ImageProblem, PhotoFiles

if TYPE_CHECKING:  # Pillow loads only when an image is checked
    from diary.store.photo_intake import KeptImage


def images_named_in(backup_path: Path) -> dict[str, str]:
    """The images a backup's photo records name (hash -> media type); none when it predates
    photos. Only names an image can have are read (a hostile row names no path)."""
    with closing(integrity.connect_read_only(backup_path, BUSY_TIMEOUT_SECONDS)) as connection:
        table = connection.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'photos'")
        if table.fetchone() is None:
            return {}
        rows = connection.execute("SELECT DISTINCT sha256, media_type FROM photos").fetchall()
    return {
        sha256: kind
        for sha256, kind in rows
        if isinstance(sha256, str) and is_sha256(sha256) and kind in EXTENSIONS
    }


def bring_back_images(diary_path: Path, backup_path: Path) -> list[ImageProblem]:
    """Make sure the images `backup_path` names are in the diary's folder, copying one that
    is missing (or changed) there from a `photos/` folder beside the backup when it is found
    whole. Returns the images still missing or changed. Raises PhotoFileFailed when one
    cannot be kept (a full disk)."""
    files = PhotoFiles(diary_path)
    named = images_named_in(backup_path)
    if not named:
        return []
    places = _places_beside(backup_path, files.folder)
    for problem in files.problems(named):
        for place in places:
            found = _whole_image(place / image_file_name(problem.sha256, problem.media_type), problem)
            if found is not None:
                files.keep(found)
                break
    return files.problems(named)


def _places_beside(backup_path: Path, own: Path) -> list[Path]:
    """`photos/` beside the backup, and beside the folder holding it (a diary's `backups/`)."""
    folder = Path(backup_path).resolve().parent
    places = []
    for place in (folder / FOLDER_NAME, folder.parent / FOLDER_NAME):
        if place.is_dir() and place.resolve() != own.resolve() and place not in places:
            places.append(place)
    return places


def _whole_image(path: Path, wanted: ImageProblem) -> KeptImage | None:
    """The image at `path` as the diary keeps it, when it is a plain file whose bytes hash to
    the name and pass every check of a kept image; else None."""
    from diary.store.photo_intake import check_kept

    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_IMAGE_BYTES:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != wanted.sha256:
        return None
    try:
        return check_kept(data, wanted.media_type)
    except ImageRefused:
        return None


def missing_words(problems: list[ImageProblem], folder: Path) -> str:
    """What a restore says about the images it could not find."""
    count = len(problems)
    names = ", ".join(problem.path.name for problem in problems[:5]) + (
        f" and {count - 5} more" if count > 5 else ""
    )
    images = "1 photo image that is" if count == 1 else f"{count} photo images that are"
    return (
        f"The backup names {images} missing (or changed) in {folder}: {names}. Their photo records "
        "are restored; put the image files back in that folder (isodiary check lists them), or "
        "import a bundle (.isodiary) that carries them."
    )
