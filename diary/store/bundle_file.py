"""Reading and writing a bundle file (`.isodiary`): the ZIP that carries `diary.json` and
the photos' images (rules: core/interchange/bundle.py).

The document's own reading is the caller's: `read_bundle` hands it the text of diary.json
and takes back the images it names, so the bundle is checked against the document before
anything is imported. A bundle is hostile until checked: members are listed and judged
before one is unpacked, every member is unpacked in chunks with the bytes counted (the
sizes a ZIP claims are never trusted), and every image is hashed and checked as when it was
added. Writing is whole or absent.
"""

from __future__ import annotations

import hashlib
import stat
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from diary.core.interchange import bundle as rules
from diary.core.interchange.document import InterchangeError
from diary.core.photos import ImageRefused
from diary.store.files import replaced_privately
from diary.store.photo_files import PhotoFiles
from diary.store.photo_intake import KeptImage, check_kept

_CHUNK = 1024 * 1024
# Members are written as of this moment, whatever the clock says, so that exporting the
# same diary twice gives the same bytes.
_WRITTEN_AT = (1980, 1, 1, 0, 0, 0)
_FILE_ATTRIBUTES = (stat.S_IFREG | 0o600) << 16


@dataclass(frozen=True)
class CheckedBundle:
    """A bundle that passed every check: its document's text and the images it names
    (hash -> media type), still in the file until `keep_images` copies them."""

    path: Path
    document: str
    images: dict[str, str]


def read_bundle(path: Path, images_named: Callable[[str], Mapping[str, str]]) -> CheckedBundle:
    """Check the bundle at `path` whole; `images_named` reads the document's text (raising
    its own InterchangeError when the document is wrong) and returns the images it names.
    Raises InterchangeError naming the bundle and the member."""
    source = str(path)
    with _opened(path) as archive:
        infos = {info.orig_filename: info for info in archive.infolist()}
        rules.check_members(source, (_member(info) for info in archive.infolist()))
        unpacked = _Count(source)
        document = _unpack(archive, infos[rules.DOCUMENT], unpacked, rules.MAX_DOCUMENT_BYTES)
        try:
            text = document.decode("utf-8")
        except UnicodeDecodeError:
            raise rules.refused(source, rules.DOCUMENT, "is not UTF-8 text") from None
        named = dict(images_named(text))
        rules.check_named(source, infos, named)
        for name in sorted(infos.keys() - {rules.DOCUMENT}):
            _checked_image(archive, infos[name], unpacked)
    return CheckedBundle(path, text, named)


def keep_images(bundle: CheckedBundle, files: PhotoFiles) -> list[Path]:
    """Copy a checked bundle's images into the diary's folder (each whole or not at all);
    an image that changed in the file since it was checked is refused."""
    kept = []
    with _opened(bundle.path) as archive:
        unpacked = _Count(str(bundle.path))
        for sha256, media_type in sorted(bundle.images.items()):
            info = archive.getinfo(rules.member_name(sha256, media_type))
            kept.append(files.keep(_checked_image(archive, info, unpacked)))
    return kept


def write_bundle(path: Path, document: str, images: Mapping[str, str], files: PhotoFiles) -> None:
    """Write a bundle of the document's text and the images it names (hash -> media type),
    read from the diary's folder: whole or absent (an image missing or changed there, or a
    full disk, leaves no file and raises PhotoFileFailed or OSError)."""
    data = document.encode("utf-8")
    if len(data) > rules.MAX_DOCUMENT_BYTES:
        limit = rules.MAX_DOCUMENT_BYTES // 1024 // 1024
        raise InterchangeError(str(path), None, None, f"diary.json would be over {limit} MiB")
    with replaced_privately(path) as temporary:
        with zipfile.ZipFile(temporary, "w") as archive:
            archive.writestr(_written(rules.DOCUMENT, zipfile.ZIP_DEFLATED), data)
            for sha256, media_type in sorted(images.items()):
                image = files.read(sha256, media_type)
                archive.writestr(_written(rules.member_name(sha256, media_type), zipfile.ZIP_STORED), image)
        with zipfile.ZipFile(temporary) as written:  # read back whole before it takes the name
            if written.testzip() is not None:
                raise OSError(f"the bundle {path} came out damaged")


class _Count:
    """The bytes unpacked so far from one bundle, refused past 4 GiB."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.total = 0

    def add(self, size: int, name: str) -> None:
        self.total += size
        if self.total > rules.MAX_UNPACKED_BYTES:
            limit = rules.MAX_UNPACKED_BYTES / 1024**3
            raise rules.refused(
                self.source, name, f"takes the bundle past {limit:g} GiB unpacked; larger bundles are refused"
            )


def _opened(path: Path) -> zipfile.ZipFile:
    try:
        if _member_count(path) > rules.MAX_MEMBERS:
            too_many = f"holds more than {rules.MAX_MEMBERS:,} members; larger bundles are refused"
            raise InterchangeError(str(path), None, None, too_many)
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InterchangeError(str(path), None, None, "is not a bundle (it is not a ZIP file)") from None
    except OSError as error:
        raise InterchangeError(str(path), None, None, f"cannot be read ({error.strerror or error})") from None


def _member_count(path: Path) -> int:
    """How many members the ZIP's central directory holds, counted entry by entry (up to one
    more than a bundle may hold) before zipfile lists them. The count the end record states
    is not trusted: zipfile reads the directory by its size, so a record claiming 3 members
    could list millions. The directory is found as zipfile finds it (ZIP64's end record just
    before its locator). Raises zipfile.BadZipFile."""
    with path.open("rb") as file:
        size = file.seek(0, 2)
        tail_start = max(0, size - 22 - 65535)  # the end record, and a comment of at most 64 KiB
        file.seek(tail_start)
        tail = file.read()
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or at + 22 > len(tail):
            raise zipfile.BadZipFile("no end of central directory")
        directory_size = int.from_bytes(tail[at + 12 : at + 16], "little")
        directory_end = tail_start + at
        locator = at - 20
        if locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07":
            directory_end = tail_start + locator - 56
            file.seek(max(0, directory_end))
            record = file.read(56)
            if directory_end < 0 or record[:4] != b"PK\x06\x06" or len(record) < 56:
                raise zipfile.BadZipFile("damaged ZIP64 end record")
            directory_size = int.from_bytes(record[40:48], "little")
        return _directory_entries(file, directory_end - directory_size, directory_size)


def _directory_entries(file: BinaryIO, start: int, size: int) -> int:
    """The entries of the central directory at `start`, counted to one past MAX_MEMBERS."""
    if start < 0:
        raise zipfile.BadZipFile("the central directory starts before the file")
    file.seek(start)
    count = walked = 0
    while walked < size and count <= rules.MAX_MEMBERS:
        header = file.read(46)
        if len(header) != 46 or header[:4] != b"PK\x01\x02":
            raise zipfile.BadZipFile("damaged central directory")
        variable = sum(int.from_bytes(header[at : at + 2], "little") for at in (28, 30, 32))
        file.seek(variable, 1)  # past the name, the extra field and the comment
        walked += 46 + variable
        count += 1
    return count


def _member(info: zipfile.ZipInfo) -> rules.Member:
    return rules.Member(
        info.orig_filename, info.flag_bits, info.compress_type, info.create_system, info.external_attr
    )


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, unpacked: _Count, limit: int) -> bytes:
    """The member's bytes, unpacked in chunks and counted as they come, never past `limit`."""
    name, chunks, size = info.orig_filename, [], 0
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                unpacked.add(len(chunk), name)
                if size > limit:
                    raise rules.refused(
                        unpacked.source, name, f"is over {limit // 1024 // 1024} MiB unpacked; it is refused"
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as error:
        raise rules.refused(unpacked.source, name, f"is damaged ({error})") from None
    return b"".join(chunks)


def _checked_image(archive: zipfile.ZipFile, info: zipfile.ZipInfo, unpacked: _Count) -> KeptImage:
    name = info.orig_filename
    image = rules.image_of(name)
    assert image is not None  # check_members let through only photos/<sha256>.<jpg|png>
    sha256, media_type = image
    data = _unpack(archive, info, unpacked, rules.MAX_IMAGE_BYTES)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise rules.refused(
            unpacked.source, name, "does not hash to its name (the image was changed or damaged)"
        )
    try:
        return check_kept(data, media_type)
    except ImageRefused as problem:
        raise rules.refused(unpacked.source, name, str(problem)) from None


def _written(name: str, compression: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_WRITTEN_AT)
    info.compress_type = compression
    info.create_system = 3
    info.external_attr = _FILE_ATTRIBUTES
    return info
