"""The bundle file (.isodiary): written whole or absent, read back to the same document and
images, and every hostile bundle of the spec refused, naming the member."""

from __future__ import annotations

import hashlib
import json
import stat
import warnings
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest

from diary.core.interchange import InterchangeError
from diary.core.interchange import bundle as rules
from diary.core.photos import JPEG, PNG
from diary.store.bundle_file import keep_images, read_bundle, write_bundle
from diary.store.photo_files import PhotoFileFailed, PhotoFiles
from diary.store.photo_intake import take_in
from tests.helpers import images
from tests.test_trust_commands import fill, needs_tmpfs, small_disk


def document_naming(named: Mapping[str, str]) -> str:
    """A stand-in for diary.json: the photo records are all the bundle reads of it."""
    records = [{"sha256": sha256, "media_type": media_type} for sha256, media_type in sorted(named.items())]
    return json.dumps({"format": "isodiary", "version": 3, "photos": records}, indent=2)


def images_in(text: str) -> dict[str, str]:
    return {record["sha256"]: record["media_type"] for record in json.loads(text)["photos"]}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


JPEG_BYTES = take_in(images.jpeg()).data
PNG_BYTES = take_in(images.png()).data


def make_zip(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile's "Duplicate name", on purpose
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members:
                archive.writestr(name, data)
    return path


def good_members(*extra: tuple[str | zipfile.ZipInfo, bytes]) -> list[tuple[str | zipfile.ZipInfo, bytes]]:
    named = {sha(JPEG_BYTES): JPEG, sha(PNG_BYTES): PNG}
    return [
        ("diary.json", document_naming(named).encode()),
        (f"photos/{sha(JPEG_BYTES)}.jpg", JPEG_BYTES),
        (f"photos/{sha(PNG_BYTES)}.png", PNG_BYTES),
        *extra,
    ]


def refusal(path: Path) -> InterchangeError:
    with pytest.raises(InterchangeError) as refused:
        read_bundle(path, images_in)
    return refused.value


@pytest.fixture
def diary_files(tmp_path: Path) -> PhotoFiles:
    files = PhotoFiles(tmp_path / "diary" / "diary.sqlite3")
    for data in (JPEG_BYTES, PNG_BYTES):
        files.keep(take_in(data))
    return files


# Writing and reading back -------------------------------------------------------------------


def test_a_bundle_round_trips_to_the_same_document_and_image_bytes(
    diary_files: PhotoFiles, tmp_path: Path
) -> None:
    named = {sha(JPEG_BYTES): JPEG, sha(PNG_BYTES): PNG}
    document = document_naming(named)
    path = tmp_path / "out.isodiary"
    write_bundle(path, document, named, diary_files)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == sorted(
            ["diary.json", *(rules.member_name(*i) for i in named.items())]
        )
        assert archive.getinfo("diary.json").compress_type == zipfile.ZIP_DEFLATED
        assert archive.getinfo(f"photos/{sha(JPEG_BYTES)}.jpg").compress_type == zipfile.ZIP_STORED

    bundle = read_bundle(path, images_in)
    assert bundle.document == document and bundle.images == named

    moved = PhotoFiles(tmp_path / "elsewhere" / "diary.sqlite3")
    keep_images(bundle, moved)
    assert moved.held() == named
    assert moved.read(sha(JPEG_BYTES), JPEG) == JPEG_BYTES and moved.read(sha(PNG_BYTES), PNG) == PNG_BYTES

    again = tmp_path / "again.isodiary"
    write_bundle(again, bundle.document, bundle.images, moved)
    assert again.read_bytes() == path.read_bytes()  # the same bundle, byte for byte


def test_a_bundle_without_photos_holds_only_the_document(tmp_path: Path) -> None:
    path = tmp_path / "out.isodiary"
    write_bundle(path, document_naming({}), {}, PhotoFiles(tmp_path / "diary.sqlite3"))
    assert zipfile.ZipFile(path).namelist() == ["diary.json"]
    assert read_bundle(path, images_in).images == {}


def test_a_missing_image_leaves_no_bundle_and_an_old_file_untouched(
    diary_files: PhotoFiles, tmp_path: Path
) -> None:
    path = tmp_path / "out.isodiary"
    path.write_bytes(b"the old file")
    named = {sha(JPEG_BYTES): JPEG, "e" * 64: PNG}
    with pytest.raises(PhotoFileFailed, match="is missing"):
        write_bundle(path, document_naming(named), named, diary_files)
    assert path.read_bytes() == b"the old file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diary", "out.isodiary"]  # no part left


@needs_tmpfs
def test_a_bundle_on_a_full_disk_is_absent_and_says_the_disk_is_full(
    diary_files: PhotoFiles, tmp_path: Path
) -> None:
    named = {sha(JPEG_BYTES): JPEG, sha(PNG_BYTES): PNG}
    with small_disk(tmp_path / "disk", "64k") as disk:
        fill(disk)
        with pytest.raises(OSError) as failed:
            write_bundle(disk / "out.isodiary", document_naming(named), named, diary_files)
        assert failed.value.errno == 28  # ENOSPC: the command says "the disk is full" from it
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "filler-2"]


# Refusals, each naming the member ---------------------------------------------------------


def _info(name: str, **attributes: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    for key, value in attributes.items():
        setattr(info, key, value)
    return info


LINK = (stat.S_IFLNK | 0o777) << 16
HOSTILE: dict[str, tuple[list[tuple[str | zipfile.ZipInfo, bytes]], str, str]] = {
    "extra-file": (good_members(("notes.txt", b"hello")), "notes.txt", "is outside photos/"),
    "extra-folder": (good_members(("photos/", b"")), "photos/", "is not named photos/<sha256>"),
    "extra-image": (
        good_members((f"photos/{sha(JPEG_BYTES[:-1])}.jpg", b"x")),
        f"photos/{sha(JPEG_BYTES[:-1])}.jpg",
        "is extra: diary.json names no photo with this image",
    ),
    "missing-image": (good_members()[:2], f"photos/{sha(PNG_BYTES)}.png", "is missing"),
    "missing-document": (good_members()[1:], "diary.json", "is missing"),
    "duplicate": (good_members(good_members()[1]), f"photos/{sha(JPEG_BYTES)}.jpg", "is in the bundle twice"),
    "dot-dot": (good_members(("photos/../x.jpg", b"x")), "photos/../x.jpg", "points outside the bundle"),
    "parent": (good_members(("../diary.json", b"x")), "../diary.json", "points outside the bundle"),
    "absolute": (good_members(("/etc/passwd", b"x")), "/etc/passwd", "has an absolute path"),
    "drive": (good_members(("C:/x.jpg", b"x")), "C:/x.jpg", "has an absolute path"),
    "link": (
        [*good_members()[:2], (_info(f"photos/{sha(PNG_BYTES)}.png", external_attr=LINK), b"/etc/passwd")],
        f"photos/{sha(PNG_BYTES)}.png",
        "is a link",
    ),
    "bzip2": (
        [
            *good_members()[:2],
            (_info(f"photos/{sha(PNG_BYTES)}.png", compress_type=zipfile.ZIP_BZIP2), PNG_BYTES),
        ],
        f"photos/{sha(PNG_BYTES)}.png",
        "is compressed with method 12",
    ),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_bundle_is_refused_naming_the_member(tmp_path: Path, case: str) -> None:
    members, member, words = HOSTILE[case]
    error = refusal(make_zip(tmp_path / "in.isodiary", members))
    assert error.source == str(tmp_path / "in.isodiary")
    assert error.where == f"member {member!r}"
    assert words in error.message


def _bundle_with_image(tmp_path: Path, data: bytes, name: str, media_type: str) -> Path:
    members = [
        ("diary.json", document_naming({name: media_type}).encode()),
        (rules.member_name(name, media_type), data),
    ]
    return make_zip(tmp_path / "in.isodiary", members)


@pytest.mark.parametrize(
    ("data", "named_as", "words"),
    [
        (JPEG_BYTES + b"\0", JPEG, "does not hash to its name"),
        (images.jpeg()[:-300], JPEG, "cut off"),
        (JPEG_BYTES + b"SEFT", JPEG, "4 bytes after its end"),
        (JPEG_BYTES, PNG, "not a PNG image, as its name says"),
        (images.jpeg(), JPEG, "carries location data (GPS)"),
        (images.png(), PNG, "carries location data (GPS)"),
        (images.with_size(images.png(gps=False), 12_000, 9_000), PNG, "over 100 megapixels"),
    ],
    ids=["hash", "not-whole", "trailer", "wrong-kind", "gps-jpeg", "gps-png", "bomb"],
)
def test_an_image_member_is_checked_as_when_it_was_added(
    tmp_path: Path, data: bytes, named_as: str, words: str
) -> None:
    name = sha(JPEG_BYTES) if words.startswith("does not hash") else sha(data)
    error = refusal(_bundle_with_image(tmp_path, data, name, named_as))
    assert error.where == f"member {rules.member_name(name, named_as)!r}"
    assert words in error.message


def test_a_document_over_100_mib_unpacked_is_refused(tmp_path: Path) -> None:
    big = b'{"format": "isodiary", "version": 3, "photos": []}' + b" " * (100 * 1024 * 1024)
    path = make_zip(tmp_path / "in.isodiary", [("diary.json", big)])
    assert path.stat().st_size < 1024 * 1024  # a small file that unpacks large: a ZIP bomb
    error = refusal(path)
    assert error.where == "member 'diary.json'" and "over 100 MiB unpacked" in error.message


def patched(path: Path, name: str, local: dict[int, bytes], central: dict[int, bytes]) -> None:
    """Change a member's fields in place: in its local header and its central directory entry
    (by offset inside each), as a hand-made hostile ZIP would have them."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local_at = archive.getinfo(name).header_offset
    central_at = data.index(b"PK\x01\x02")
    while data[central_at + 46 : central_at + 46 + len(name)] != name.encode():
        central_at = data.index(b"PK\x01\x02", central_at + 4)
    for base, fields in ((local_at, local), (central_at, central)):
        for offset, value in fields.items():
            data[base + offset : base + offset + len(value)] = value
    path.write_bytes(bytes(data))


def test_an_encrypted_member_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "in.isodiary", good_members())
    name = f"photos/{sha(PNG_BYTES)}.png"
    patched(path, name, {6: b"\x01\x00"}, {8: b"\x01\x00"})  # general purpose flag: encrypted
    error = refusal(path)
    assert error.where == f"member {name!r}" and "is encrypted" in error.message


def test_a_member_whose_header_understates_its_size_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "in.isodiary", good_members())
    name = f"photos/{sha(JPEG_BYTES)}.jpg"
    small = (10).to_bytes(4, "little")
    patched(path, name, {22: small}, {24: small})  # "unpacks to 10 bytes", in both headers
    error = refusal(path)
    assert error.where == f"member {name!r}" and "damaged" in error.message


def test_members_unpacking_past_the_limit_are_refused_counting_real_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = document_naming({sha(JPEG_BYTES): JPEG, sha(PNG_BYTES): PNG}).encode()
    monkeypatch.setattr(rules, "MAX_UNPACKED_BYTES", len(document) + len(JPEG_BYTES) + 10)
    error = refusal(make_zip(tmp_path / "in.isodiary", good_members()))
    assert error.where == f"member 'photos/{sha(PNG_BYTES)}.png'"  # the second image crosses it
    assert "past" in error.message and "unpacked" in error.message


def test_what_is_not_a_zip_or_not_utf8_is_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.isodiary"
    plain.write_text("{}")
    assert "is not a bundle" in str(refusal(plain))
    latin = make_zip(tmp_path / "latin.isodiary", [("diary.json", '{"note": "caf\xe9"}'.encode("latin-1"))])
    error = refusal(latin)
    assert error.where == "member 'diary.json'" and "not UTF-8" in error.message


def test_the_documents_own_errors_pass_through(tmp_path: Path) -> None:
    def wrong(_text: str) -> dict[str, str]:
        raise InterchangeError("in.isodiary", "photos[0]", "area", "must be one of ...")

    path = make_zip(tmp_path / "in.isodiary", good_members())
    with pytest.raises(InterchangeError, match=r"photos\[0\]: area"):
        read_bundle(path, wrong)


@pytest.mark.parametrize("members", [5, 70_000], ids=["plain", "zip64"])
def test_a_bundle_of_too_many_members_is_refused_before_they_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, members: int
) -> None:
    path = tmp_path / "in.isodiary"
    with zipfile.ZipFile(path, "w") as archive:  # 70,000 members need ZIP64's count
        for number in range(members):
            archive.writestr(f"photos/{number}", b"")

    def no_listing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the members were listed")

    monkeypatch.setattr(rules, "MAX_MEMBERS", members - 1)
    monkeypatch.setattr(zipfile.ZipFile, "__init__", no_listing)
    error = refusal(path)
    assert f"holds more than {members - 1:,} members" in error.message and error.where is None


def claiming_members(path: Path, claimed: int) -> None:
    """Make the ZIP's end records (and ZIP64's, when there is one) claim `claimed` members,
    whatever its central directory holds: zipfile lists the directory by its size, not by
    this count."""
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    data[end + 8 : end + 12] = min(claimed, 0xFFFE).to_bytes(2, "little") * 2
    zip64 = data.rfind(b"PK\x06\x06", 0, end)
    if zip64 >= 0:
        data[zip64 + 24 : zip64 + 40] = claimed.to_bytes(8, "little") * 2
        data[end + 8 : end + 12] = b"\xff\xff" * 2
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("members", [5, 70_000], ids=["plain", "zip64"])
def test_a_bundle_whose_end_record_understates_its_members_is_refused_before_they_are_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, members: int
) -> None:
    # A 100 MB file whose end record says 3 listed two million members (1.1 GB of memory,
    # 50 s) before this was counted from the directory itself.
    path = tmp_path / "in.isodiary"
    with zipfile.ZipFile(path, "w") as archive:
        for number in range(members):
            archive.writestr(f"photos/{number}", b"")
    claiming_members(path, 3)

    def no_listing(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the members were listed")

    monkeypatch.setattr(rules, "MAX_MEMBERS", members - 1)
    monkeypatch.setattr(zipfile.ZipFile, "__init__", no_listing)
    error = refusal(path)
    assert f"holds more than {members - 1:,} members" in error.message and error.where is None
