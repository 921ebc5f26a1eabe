"""The photos' image files in the diary's folder: `photos/` beside the diary, each image
named by its SHA-256 (so the diary and its backups share one copy of it), owner-only,
written whole or not at all, with a small thumbnail of each cached in `photos/thumbnails/`.

In a protected diary every image and thumbnail is sealed (diary.store.photo_cipher:
AES-GCM under the photo key, named by a keyed hash); the methods here seal and open them,
so their callers get and give plain bytes either way. `read` and `thumbnail_bytes` are
how an image is shown; paths (`path_of`, `thumbnail`) are only readable in a plain diary.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from diary.core.photos import EXTENSIONS, JPEG, MAX_IMAGE_BYTES, ImageRefused, image_file_name, is_sha256
from diary.store.errors import DiaryUnavailable, explain_os_error
from diary.store.files import PRIVATE_FOLDER, check_regular, write_private

if TYPE_CHECKING:  # Pillow loads when an image is first taken in or shown, not at start-up
    from diary.store.photo_cipher import PhotoSeal
    from diary.store.photo_intake import KeptImage

FOLDER_NAME = "photos"
THUMBNAILS_NAME = "thumbnails"
# A thumbnail's longer side, in pixels: enough for a timeline strip and a guide beside the
# camera view, small enough that hundreds load at once.
THUMBNAIL_SIDE = 256
_THUMBNAIL_QUALITY = 85
_READ_CHUNK = 1024 * 1024
CHANGED = "has changed since it was added (its bytes do not match its name)"


class PhotoFileFailed(DiaryUnavailable):
    """An image could not be written, read or thumbnailed; the message says why and where."""


@dataclass(frozen=True)
class ImageProblem:
    """An image the diary names that is missing from its folder or no longer matches its hash."""

    sha256: str
    media_type: str
    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path} {self.problem}"


class PhotoFiles:
    """The image files of the diary at `diary_path`."""

    def __init__(self, diary_path: Path) -> None:
        self.diary_path = Path(diary_path)
        self.folder = self.diary_path.parent / FOLDER_NAME
        self.thumbnails = self.folder / THUMBNAILS_NAME

    def seal(self) -> PhotoSeal | None:
        """The seal of a protected diary's photos (DiaryLocked while it is locked); None when plain."""
        from diary.store import keyring

        keys = keyring.keys_for(self.diary_path)
        if keys is None:
            return None
        from diary.store.photo_cipher import PhotoSeal

        return PhotoSeal.from_photo_key(keys.photos)

    def path_of(self, sha256: str, media_type: str) -> Path:
        seal = self.seal()
        if seal is not None:
            return self.folder / seal.image_name(sha256)
        return self.plain_path_of(sha256, media_type)

    def plain_path_of(self, sha256: str, media_type: str) -> Path:
        return self.folder / image_file_name(sha256, media_type)

    def thumbnail_path(self, sha256: str) -> Path:
        seal = self.seal()
        if seal is not None:
            return self.thumbnails / seal.thumbnail_name(sha256)
        return self.thumbnails / f"{sha256}.jpg"

    def take_in(self, path: Path) -> KeptImage:
        """Read the image file at `path` and keep it (location removed, a HEIC made a JPEG;
        see photo_intake.take_in). Raises ImageRefused for the image itself and
        PhotoFileFailed when the file cannot be read or the image kept."""
        from diary.store.photo_intake import take_in

        try:
            check_regular(Path(path))  # a FIFO or a device chosen or dragged in never hangs the worker
            with Path(path).open("rb") as file:
                data = file.read(MAX_IMAGE_BYTES + 1)  # more than the limit is enough to refuse it
        except OSError as error:
            raise PhotoFileFailed(f"IsoDiary cannot read {path} ({error.strerror}).") from error
        kept = take_in(data)
        self.keep(kept)
        return kept

    def keep(self, image: KeptImage) -> Path:
        """Store the image under its hash: whole or not at all (a full disk leaves no part
        of it and raises PhotoFileFailed saying so). An image already held whole is not
        written again; one there but changed is written over."""
        seal = self.seal()
        path = self.path_of(image.sha256, image.media_type)
        if path.exists() and self._holds(path, image.sha256, seal):
            return path
        _private_folder(self.folder)
        data = (
            image.data if seal is None else seal.seal(path.name, image.media_type, image.sha256, image.data)
        )
        try:
            write_private(path, data)
        except OSError as error:
            raise PhotoFileFailed(
                f"IsoDiary could not keep the photo: {explain_os_error(path, error)}. "
                "Nothing was added; free some space or check the folder, then try again."
            ) from error
        return path

    def read(self, sha256: str, media_type: str) -> bytes:
        """The image's bytes, checked against its name; raises PhotoFileFailed when it is
        missing or changed."""
        seal = self.seal()
        path = self.path_of(sha256, media_type)
        if seal is not None and not path.exists() and self.plain_path_of(sha256, media_type).exists():
            path, seal = self.plain_path_of(sha256, media_type), None  # left plain by a kill mid-way
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise PhotoFileFailed(f"The photo {path} is missing.") from None
        except OSError as error:
            raise PhotoFileFailed(f"IsoDiary cannot read the photo {path} ({error.strerror}).") from error
        if seal is not None:
            data = self._opened(seal, path, data)
        if hashlib.sha256(data).hexdigest() != sha256:
            raise PhotoFileFailed(f"The photo {path} {CHANGED}.")
        return data

    @staticmethod
    def _opened(seal: PhotoSeal, path: Path, sealed: bytes) -> bytes:
        from diary.store.photo_cipher import SealBroken

        try:
            return seal.open(path.name, sealed)[2]
        except SealBroken:
            raise PhotoFileFailed(f"The photo {path} {CHANGED}.") from None

    def thumbnail_bytes(self, sha256: str, media_type: str) -> bytes:
        """The thumbnail's JPEG bytes (made the first time, as `thumbnail`), opened if sealed."""
        seal = self.seal()
        path = self.thumbnail(sha256, media_type)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise PhotoFileFailed(f"IsoDiary cannot read the thumbnail {path} ({error.strerror}).") from error
        return data if seal is None else self._opened(seal, path, data)

    def thumbnail(self, sha256: str, media_type: str) -> Path:
        """The image's thumbnail (at most THUMBNAIL_SIDE pixels a side, turned as the photo
        is shown), made the first time it is asked for and kept."""
        path = self.thumbnail_path(sha256)
        if path.exists():
            return path
        from diary.store import photo_intake

        data = self.read(sha256, media_type)
        try:
            photo_intake.check_kept(data, media_type)  # a bomb is refused before decoding
        except ImageRefused as problem:
            raise PhotoFileFailed(
                f"The photo {self.path_of(sha256, media_type)} cannot be shown: {problem}."
            ) from None
        _private_folder(self.thumbnails)
        made = _thumbnail_bytes(data, media_type)
        seal = self.seal()
        if seal is not None:
            made = seal.seal(path.name, JPEG, sha256, made)
        try:
            write_private(path, made)
        except OSError as error:
            raise PhotoFileFailed(
                f"IsoDiary could not make a thumbnail: {explain_os_error(path, error)}."
            ) from error
        return path

    def problems(self, named: Mapping[str, str]) -> list[ImageProblem]:
        """The images `named` (hash -> media type) that are missing or changed, for `isodiary check`."""
        found = []
        seal = self.seal()
        for sha256, media_type in sorted(named.items()):
            path = self.path_of(sha256, media_type)
            if seal is not None and not path.is_file() and self.plain_path_of(sha256, media_type).is_file():
                path = self.plain_path_of(sha256, media_type)  # left plain by a kill; sealed on unlock
            if not path.is_file():
                found.append(ImageProblem(sha256, media_type, path, "is missing"))
            elif not self._holds(path, sha256, seal if path.suffix == ".photo" else None):
                found.append(ImageProblem(sha256, media_type, path, CHANGED))
        return found

    def _holds(self, path: Path, sha256: str, seal: PhotoSeal | None) -> bool:
        """Whether the file at `path` holds the image `sha256` whole (opened, if sealed)."""
        if seal is None:
            return self._hash_of(path) == sha256
        try:
            return hashlib.sha256(self._opened(seal, path, path.read_bytes())).hexdigest() == sha256
        except (PhotoFileFailed, OSError):
            return False

    def held(self) -> dict[str, str]:
        """The images in the folder (hash -> media type): by their names, and in a protected
        diary by what each sealed file says it holds (its first bytes only; reading it
        checks it whole)."""
        held = self._plain_held()
        seal = self.seal()
        if seal is not None:
            for path in self._sealed_paths(self.folder):
                with path.open("rb") as file:
                    said = seal.peek(file.read(seal.PEEK_BYTES))
                if said is not None and said[1] not in held:
                    held[said[1]] = said[0]
        return held

    def _plain_held(self) -> dict[str, str]:
        types = {extension: media_type for media_type, extension in EXTENSIONS.items()}
        return {path.stem: types[path.suffix] for path in self._image_paths()}

    def remove_unnamed(self, named: Collection[str]) -> list[Path]:
        """Remove the images (and thumbnails) whose hash is not in `named`: the hashes the
        diary and every kept backup name. Returns what was removed."""
        removed = []
        for path in self._image_paths():
            if path.stem not in named:
                path.unlink(missing_ok=True)
                (self.thumbnails / f"{path.stem}.jpg").unlink(missing_ok=True)
                removed.append(path)
        seal = self.seal()
        if seal is not None:
            kept = {seal.image_name(sha256) for sha256 in named}
            kept |= {seal.thumbnail_name(sha256) for sha256 in named}
            for folder in (self.folder, self.thumbnails):
                for path in self._sealed_paths(folder):
                    if path.name not in kept:
                        path.unlink(missing_ok=True)
                        if folder == self.folder:
                            removed.append(path)
        return removed

    @staticmethod
    def _sealed_paths(folder: Path) -> list[Path]:
        from diary.store.photo_cipher import SUFFIX

        if not folder.is_dir():
            return []
        return sorted(path for path in folder.iterdir() if path.suffix == SUFFIX and path.is_file())

    def seal_all(self) -> None:
        """Seal every plain image (a protected diary's, after `protect` or a kill mid-way):
        each sealed file is written whole before its plain one goes; plain thumbnails go
        (they are made again, sealed, when shown)."""
        seal = self.seal()
        assert seal is not None, "only a protected diary's photos are sealed"
        held = self._plain_held()
        for path in list(self._image_paths()):
            sha256, media_type = path.stem, held[path.stem]
            target = self.folder / seal.image_name(sha256)
            write_private(target, seal.seal(target.name, media_type, sha256, path.read_bytes()))
            path.unlink()
        for thumbnail in self.thumbnails.glob("*.jpg") if self.thumbnails.is_dir() else []:
            thumbnail.unlink(missing_ok=True)

    def unseal_all(self) -> None:
        """Turn every sealed image back into its plain file (written whole before the sealed
        one goes); sealed thumbnails go. A file that does not open is left, and said."""
        seal = self.seal()
        assert seal is not None, "only a protected diary's photos are sealed"
        from diary.store.photo_cipher import SealBroken

        for path in self._sealed_paths(self.folder):
            try:
                media_type, sha256, data = seal.open(path.name, path.read_bytes())
            except SealBroken as error:
                raise PhotoFileFailed(
                    f"The photo {path} cannot be decrypted: {error}. Nothing else was changed."
                ) from None
            write_private(self.plain_path_of(sha256, media_type), data)
            path.unlink()
        for thumbnail in self._sealed_paths(self.thumbnails):
            thumbnail.unlink(missing_ok=True)

    def _image_paths(self) -> Iterator[Path]:
        if not self.folder.is_dir():
            return
        for path in sorted(self.folder.iterdir()):
            if path.suffix in EXTENSIONS.values() and is_sha256(path.stem) and path.is_file():
                yield path

    @staticmethod
    def _hash_of(path: Path) -> str:
        digest = hashlib.sha256()
        with path.open("rb") as file:
            while chunk := file.read(_READ_CHUNK):
                digest.update(chunk)
        return digest.hexdigest()


def _private_folder(folder: Path) -> None:
    """`folder`, made owner-only (0700) whatever the umask, or PhotoFileFailed."""
    try:
        folder.mkdir(parents=True, mode=PRIVATE_FOLDER, exist_ok=True)
        folder.chmod(PRIVATE_FOLDER)
    except OSError as error:
        raise PhotoFileFailed(
            f"IsoDiary cannot make the folder {folder}: {explain_os_error(folder, error)}."
        ) from error


def _thumbnail_bytes(data: bytes, media_type: str) -> bytes:
    from PIL import Image, ImageOps

    from diary.store.photo_intake import pillow_reading_exif

    with pillow_reading_exif(), Image.open(io.BytesIO(data)) as image:
        if media_type == JPEG:
            image.draft("RGB", (THUMBNAIL_SIDE, THUMBNAIL_SIDE))  # decode at a fraction of the size
        shown = ImageOps.exif_transpose(image)
        shown.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
        out = io.BytesIO()
        shown.convert("RGB").save(out, format="JPEG", quality=_THUMBNAIL_QUALITY)
    return out.getvalue()
