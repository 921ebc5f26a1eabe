"""The rules of a bundle (interchange spec, version 3, "Photos"): a ZIP file holding
`diary.json` and `photos/<sha256>.<jpg|png>` for every photo the document names, and
nothing else. Which members a bundle must hold, which it may not, and how much it may
unpack to are decided here, from facts about its members; the store opens the ZIP, hands
the facts in and counts the bytes it actually unpacks.

Every refusal is an InterchangeError naming the bundle and the member.
"""

from __future__ import annotations

import re
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from diary.core import photos
from diary.core.interchange.document import InterchangeError
from diary.core.interchange.rules import MAX_FILE_BYTES

DOCUMENT = "diary.json"
PHOTOS = "photos/"
SUFFIX = ".isodiary"
# diary.json may be as large as a plain JSON export; all members together may unpack to
# at most 4 GiB, counting the bytes actually unpacked (never the sizes the ZIP claims).
MAX_DOCUMENT_BYTES = MAX_FILE_BYTES
MAX_UNPACKED_BYTES = 4 * 1024**3
MAX_IMAGE_BYTES = photos.MAX_IMAGE_BYTES
# More members than this is refused before they are listed (a listing of millions would
# fill the memory): a photo a day for 250 years, and the document.
MAX_MEMBERS = 100_000
STORED, DEFLATED = 0, 8
_ENCRYPTED = 0x1
_STRONG_ENCRYPTION = 0x40
_UNIX = 3  # the ZIP "made by" system whose external attributes hold a file mode
_PHOTO_NAME = re.compile(r"photos/([0-9a-f]{64})(\.jpg|\.png)")
_MEDIA_TYPES = {extension: media_type for media_type, extension in photos.EXTENSIONS.items()}


@dataclass(frozen=True)
class Member:
    """What a ZIP says about one member, before anything is unpacked."""

    name: str
    flag_bits: int = 0
    compress_type: int = STORED
    create_system: int = _UNIX
    external_attr: int = 0


def member_name(sha256: str, media_type: str) -> str:
    """The name an image travels under in a bundle."""
    return PHOTOS + photos.image_file_name(sha256, media_type)


def image_of(name: str) -> tuple[str, str] | None:
    """The image (hash, media type) a member's name says it is, or None."""
    found = _PHOTO_NAME.fullmatch(name)
    if found is None:
        return None
    return found.group(1), _MEDIA_TYPES[found.group(2)]


def check_members(source: str, members: Iterable[Member]) -> None:
    """Refuse a bundle whose members, as listed, are not ones a bundle may hold: encrypted,
    compressed other than stored or deflate, outside photos/ ('..', absolute, a link), two
    with one name, or anything but diary.json and photos/<sha256>.<jpg|png>. What they must
    be (the images the document names) is `check_named`'s."""
    seen: set[str] = set()
    for member in members:
        problem = _member_problem(member)
        if problem is None and member.name in seen:
            problem = "is in the bundle twice"
        if problem is not None:
            raise refused(source, member.name, problem)
        seen.add(member.name)
    if DOCUMENT not in seen:
        raise refused(source, DOCUMENT, "is missing: a bundle holds the diary as diary.json")


def check_named(source: str, members: Iterable[str], named: Mapping[str, str]) -> None:
    """Refuse a bundle whose images are not exactly those the document names (`named`:
    hash -> media type): a member the document does not name is extra, an image it names
    that is not there is missing."""
    wanted = {member_name(sha256, media_type) for sha256, media_type in named.items()}
    held = set(members) - {DOCUMENT}
    for name in sorted(held - wanted):
        raise refused(source, name, "is extra: diary.json names no photo with this image")
    for name in sorted(wanted - held):
        raise refused(source, name, "is missing: diary.json names a photo with this image")


def refused(source: str, member: str, problem: str) -> InterchangeError:
    return InterchangeError(source, f"member {member!r}", None, problem)


def _member_problem(member: Member) -> str | None:
    name = member.name
    if member.flag_bits & (_ENCRYPTED | _STRONG_ENCRYPTION):
        return "is encrypted; a bundle's members are not"
    if member.create_system == _UNIX and stat.S_ISLNK(member.external_attr >> 16):
        return "is a link; a bundle holds only files"
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        return "has an absolute path; a bundle holds diary.json and photos/ only"
    parts = re.split(r"[/\\]", name)
    if ".." in parts:
        return "points outside the bundle ('..'); a bundle holds diary.json and photos/ only"
    if "\x00" in name or "\\" in name:
        return "has a name no bundle member has"
    if name != DOCUMENT and not name.startswith(PHOTOS):
        return "is outside photos/; a bundle holds diary.json and photos/ only"
    if name != DOCUMENT and image_of(name) is None:
        return "is not named photos/<sha256>.jpg or .png, so it is not a photo's image"
    if member.create_system == _UNIX and stat.S_IFMT(member.external_attr >> 16) not in (0, stat.S_IFREG):
        return "is not a plain file"
    if member.compress_type not in (STORED, DEFLATED):
        return f"is compressed with method {member.compress_type}; a bundle uses stored or deflate only"
    return None
