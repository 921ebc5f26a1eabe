"""`isodiary export --format bundle` and `isodiary import FILE.isodiary` (interchange spec,
version 3, "Photos"): the round trip gives the same diary.json and image bytes, GPS is
gone from every stored image, a JSON export lists the photos without their images
(`--without-photos`), and every bundle the spec refuses exits 2 naming the member, with
nothing written."""

from __future__ import annotations

import io
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from diary.cli import main
from diary.core.interchange import bundle as rules
from diary.store.diary import Diary
from diary.store.photo_files import PhotoFiles
from tests.helpers import images
from tests.helpers.commands import DEMO, demo_diary, run
from tests.helpers.full_disk import needs_tmpfs, small_disk
from tests.store.test_bundle_file import HOSTILE, JPEG_BYTES, PNG_BYTES, make_zip, patched, sha

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "interchange"


def diary_with_photos(folder: Path) -> Path:
    """The demo diary with a JPEG and a PNG, both taken in with their GPS."""
    folder.mkdir()
    db = demo_diary(folder / "diary.sqlite3")
    first, second = folder / "a.jpg", folder / "b.png"
    first.write_bytes(images.jpeg(gps=True, taken="2026:05:03 08:00:00"))
    second.write_bytes(images.png(gps=True, taken="2026:05:10 08:00:00"))
    assert main(["--db", str(db), "photos", "add", str(first), str(second), "--area", "chest"]) == 0
    return db


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def without_moment(document: bytes) -> bytes:
    data = json.loads(document)
    assert data.pop("exported_at")
    return json.dumps(data).encode()


def no_gps(data: bytes) -> bool:
    with Image.open(io.BytesIO(data)) as image:
        return not image.getexif().get_ifd(0x8825) and "GPS" not in str(image.info.get("xmp", ""))


def test_a_bundle_round_trips_to_the_same_diary_json_and_images(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = diary_with_photos(tmp_path / "first")
    out = tmp_path / "out.isodiary"
    assert main(["--db", str(db), "export", "--format", "bundle", "-o", str(out)]) == 0
    assert "Wrote 139 days and 2 photos" in capsys.readouterr().err
    moved = tmp_path / "second" / "diary.sqlite3"
    moved.parent.mkdir()
    assert main(["--db", str(moved), "import", str(out)]) == 0
    assert "2 new photos" in capsys.readouterr().out
    again = tmp_path / "again.isodiary"
    assert main(["--db", str(moved), "export", "-o", str(again)]) == 0  # a bundle by its name

    first, second = members_of(out), members_of(again)
    assert sorted(first) == sorted(second) and len(first) == 3
    assert without_moment(first["diary.json"]) == without_moment(second["diary.json"])
    images_of = {name: data for name, data in first.items() if name != "diary.json"}
    assert images_of == {name: data for name, data in second.items() if name != "diary.json"}
    assert len(json.loads(first["diary.json"])["photos"]) == 2
    # The same image bytes in both diaries' folders, owner-only, and no GPS in any of them.
    for diary_path in (db, moved):
        files = PhotoFiles(diary_path)
        held = files.held()
        assert {rules.member_name(sha256, kind) for sha256, kind in held.items()} == set(images_of)
        for sha256, kind in held.items():
            stored = files.path_of(sha256, kind)
            assert stored.read_bytes() == images_of[rules.member_name(sha256, kind)]
            assert oct(stored.stat().st_mode & 0o777) == "0o600"
            assert no_gps(stored.read_bytes())
    assert all(no_gps(data) for data in images_of.values())


def test_a_json_export_lists_the_photos_and_says_the_images_are_not_in_it(tmp_path: Path) -> None:
    db = diary_with_photos(tmp_path / "first")
    exported = run("--db", str(db), "export", "-o", str(tmp_path / "out.json"))
    assert exported.returncode == 0, exported.stderr
    assert "the 2 photos' images are not in it" in exported.stderr
    assert "export --format bundle -o FILE.isodiary" in exported.stderr
    assert len(json.loads((tmp_path / "out.json").read_text())["photos"]) == 2
    csv = run("--db", str(db), "export", "-o", str(tmp_path / "out.csv"))
    assert csv.returncode == 0 and "photo" not in csv.stderr  # a CSV carries entries only, as always


def test_a_json_naming_images_the_diary_lacks_is_refused_unless_without_photos(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = diary_with_photos(tmp_path / "first")
    source = tmp_path / "out.json"
    assert main(["--db", str(db), "export", "-o", str(source)]) == 0
    # Into the same diary (its folder holds the images) it changes nothing.
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(source)]) == 0
    assert capsys.readouterr().out.startswith("Nothing was imported.")

    empty = tmp_path / "second" / "diary.sqlite3"
    empty.parent.mkdir()
    assert main(["--db", str(empty), "import", str(source)]) == 2
    said = capsys.readouterr().err
    assert f"{source}: photos[0]: the photo of chest on 2026-05-03 names the image" in said
    assert "Nothing was imported." in said and "add --without-photos" in said
    with Diary.open(empty) as diary:
        assert not diary.holds_records()

    assert main(["--db", str(empty), "import", "--without-photos", str(source)]) == 0
    assert "2 photos left out: this diary does not hold their images." in capsys.readouterr().out
    with Diary.open(empty) as diary:
        assert len(diary.entries()) == 139 and diary.photos() == []


def test_a_version_2_json_still_imports(tmp_path: Path) -> None:
    db = str(tmp_path / "diary.sqlite3")
    assert main(["--db", db, "import", str(FIXTURES / "v2.json")]) == 0
    with Diary.open(db) as diary:
        assert diary.entries()


def test_a_bundle_is_written_only_to_a_file_named_isodiary_and_without_photos_is_for_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = diary_with_photos(tmp_path / "first")
    assert main(["--db", str(db), "export", "--format", "bundle"]) == 2
    assert "never to standard output" in capsys.readouterr().err
    for wrong in (["--format", "bundle", "-o", "out.json"], ["--format", "json", "-o", "out.isodiary"]):
        assert (
            main(
                ["--db", str(db), "export", *(str(tmp_path / a) if a.startswith("out") else a for a in wrong)]
            )
            == 2
        )
        assert "a bundle's name ends in .isodiary" in capsys.readouterr().err
    assert not list(tmp_path.glob("out.*"))
    out = tmp_path / "out.isodiary"
    assert main(["--db", str(db), "export", "-o", str(out)]) == 0
    other = tmp_path / "other.sqlite3"
    assert main(["--db", str(other), "import", "--without-photos", str(out)]) == 2
    assert "--without-photos is for a .json file" in capsys.readouterr().err
    assert not other.exists() or not Diary.open(other).holds_records()


def test_a_bundle_with_an_image_missing_from_the_folder_is_not_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = diary_with_photos(tmp_path / "first")
    files = PhotoFiles(db)
    sha256, kind = next(iter(files.held().items()))
    files.path_of(sha256, kind).unlink()
    out = tmp_path / "out.isodiary"
    assert main(["--db", str(db), "export", "-o", str(out)]) == 1
    said = capsys.readouterr().err
    assert f"{files.path_of(sha256, kind)} is missing" in said and "Nothing was written" in said
    assert not out.exists()


# Every refusal of the spec, from the command: exit 2, the member named, nothing written ---


def document_naming(*photos: tuple[bytes, str]) -> bytes:
    """A whole version-3 diary.json: the demo's days and a photo record for each image."""
    data = json.loads(DEMO.read_text())
    data["version"] = 3
    data["photos"] = [
        {"date": "2026-05-03", "area": "back", "sha256": sha(image), "media_type": kind, "note": None}
        for image, kind in photos
    ]
    for course in data["courses"]:
        course["doses"] = [
            {"from": d["from"], "mg": d["mg_per_day"], "every_days": 1} for d in course["doses"]
        ]
    return json.dumps(data).encode()


def refused_import(tmp_path: Path, bundle: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = tmp_path / "target" / "diary.sqlite3"
    db.parent.mkdir(exist_ok=True)
    capsys.readouterr()
    assert main(["--db", str(db), "import", str(bundle)]) == 2
    said = capsys.readouterr().err
    assert "Nothing was imported." in said and "Traceback" not in said
    with Diary.open(db) as diary:
        assert not diary.holds_records()
    assert not PhotoFiles(db).held()  # not one image kept
    return said


def whole_bundle(*extra: tuple[str | zipfile.ZipInfo, bytes]) -> list[tuple[str | zipfile.ZipInfo, bytes]]:
    return [
        ("diary.json", document_naming((JPEG_BYTES, "image/jpeg"), (PNG_BYTES, "image/png"))),
        (f"photos/{sha(JPEG_BYTES)}.jpg", JPEG_BYTES),
        (f"photos/{sha(PNG_BYTES)}.png", PNG_BYTES),
        *extra,
    ]


def test_a_whole_bundle_made_by_hand_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bundle = make_zip(tmp_path / "in.isodiary", whole_bundle())
    db = tmp_path / "target.sqlite3"
    assert main(["--db", str(db), "import", str(bundle)]) == 0, capsys.readouterr().err
    with Diary.open(db) as diary:
        assert len(diary.photos()) == 2


@pytest.mark.parametrize("case", HOSTILE)
def test_each_hostile_member_is_refused_by_the_command_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    members, member, words = HOSTILE[case]
    # The store's cases, with a whole diary.json in place of its stand-in.
    members = [whole_bundle()[0] if item[0] == "diary.json" else item for item in members]
    said = refused_import(tmp_path, make_zip(tmp_path / "in.isodiary", members), capsys)
    assert f"member {member!r}: " in said and words in said


@pytest.mark.parametrize(
    ("data", "named_as", "words"),
    [
        (JPEG_BYTES + b"\0", "image/jpeg", "does not hash to its name"),
        (images.jpeg()[:-300], "image/jpeg", "cut off"),
        (JPEG_BYTES, "image/png", "not a PNG image, as its name says"),
        (images.jpeg(gps=True), "image/jpeg", "carries location data (GPS)"),
        (images.png(gps=True), "image/png", "carries location data (GPS)"),
        (images.with_size(images.png(gps=False), 12_000, 9_000), "image/png", "over 100 megapixels"),
    ],
    ids=["hash", "not-whole", "wrong-kind", "gps-jpeg", "gps-png", "bomb"],
)
def test_each_bad_image_is_refused_by_the_command_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, named_as: str, words: str
) -> None:
    named = JPEG_BYTES if words.startswith("does not hash") else data
    member = rules.member_name(sha(named), named_as)
    bundle = make_zip(
        tmp_path / "in.isodiary", [("diary.json", document_naming((named, named_as))), (member, data)]
    )
    said = refused_import(tmp_path, bundle, capsys)
    assert f"member {member!r}: " in said and words in said


def test_an_encrypted_member_is_refused_by_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = make_zip(tmp_path / "in.isodiary", whole_bundle())
    member = f"photos/{sha(PNG_BYTES)}.png"
    patched(bundle, member, {6: b"\x01\x00"}, {8: b"\x01\x00"})
    said = refused_import(tmp_path, bundle, capsys)
    assert f"member {member!r}: is encrypted" in said


def test_a_diary_json_over_100_mib_is_refused_by_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = b'{"format": "isodiary", "version": 3, "photos": []}' + b" " * (100 * 1024 * 1024)
    said = refused_import(tmp_path, make_zip(tmp_path / "in.isodiary", [("diary.json", big)]), capsys)
    assert "member 'diary.json': is over 100 MiB unpacked" in said


def test_members_unpacking_past_4_gib_are_refused_by_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    members = whole_bundle()
    # The limit brought down to what the document and the first image unpack to: the second
    # image crosses it, counted as unpacked (4 GiB of real images would not fit a test).
    monkeypatch.setattr(rules, "MAX_UNPACKED_BYTES", len(members[0][1]) + len(JPEG_BYTES) + 10)
    said = refused_import(tmp_path, make_zip(tmp_path / "in.isodiary", members), capsys)
    assert f"member 'photos/{sha(PNG_BYTES)}.png': takes the bundle past" in said


def test_a_bad_record_in_the_bundles_diary_json_is_named_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members = whole_bundle()
    data = json.loads(members[0][1])
    data["photos"][1]["area"] = "elbow"
    members[0] = ("diary.json", json.dumps(data).encode())
    bundle = make_zip(tmp_path / "in.isodiary", members)
    said = refused_import(tmp_path, bundle, capsys)
    assert f"{bundle}: diary.json: photos[1]: area: must be one of" in said


def test_restore_from_the_command_names_an_image_it_cannot_find(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = diary_with_photos(tmp_path / "first")
    copy = tmp_path / "copy.sqlite3"
    assert main(["--db", str(db), "backup", "-o", str(copy)]) == 0
    new = tmp_path / "second" / "diary.sqlite3"
    new.parent.mkdir()
    capsys.readouterr()
    assert main(["--db", str(new), "restore", str(copy)]) == 0
    said = capsys.readouterr().out
    assert f"Restored {copy}" in said
    assert (
        f"The backup names 2 photo images that are missing (or changed) in {PhotoFiles(new).folder}" in said
    )
    # With the diary's photos folder copied beside the copy, the restore finds them.
    shutil.copytree(PhotoFiles(db).folder, tmp_path / "photos")
    assert main(["--db", str(new), "restore", str(copy)]) == 0
    assert "photo image" not in capsys.readouterr().out
    assert PhotoFiles(new).held() == PhotoFiles(db).held()


@needs_tmpfs
def test_a_bundle_imported_onto_a_full_disk_writes_nothing_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Images larger than the disk's free space: the second one cannot be kept.
    big = []
    for _ in range(2):
        picture = Image.frombytes("RGB", (600, 400), os.urandom(600 * 400 * 3))
        out = io.BytesIO()
        picture.save(out, format="JPEG", quality=95)
        big.append(out.getvalue())
    members = [
        ("diary.json", document_naming(*((data, "image/jpeg") for data in big))),
        *((rules.member_name(sha(data), "image/jpeg"), data) for data in big),
    ]
    bundle = make_zip(tmp_path / "in.isodiary", members)
    with small_disk(tmp_path / "disk", "1m") as disk:
        db = disk / "diary.sqlite3"
        with Diary.open(db) as diary:
            diary.set_setting("first_run_done", True)
        fill_to(disk, free=len(big[0]) + len(big[1]) // 2)
        capsys.readouterr()
        assert main(["--db", str(db), "import", str(bundle)]) == 1
        said = capsys.readouterr().err
        assert "Nothing was imported." in said and "Traceback" not in said
        assert "full" in said or "space" in said, said
        with Diary.open(db, only_to_read=True) as diary:
            assert not diary.holds_records()
        assert not PhotoFiles(db).held()  # the first image, kept, went again


def fill_to(folder: Path, free: int) -> None:
    """Fill the disk holding `folder` until about `free` bytes are left."""
    stats = os.statvfs(folder)
    (folder / "filler").write_bytes(b"\0" * max(0, stats.f_bavail * stats.f_frsize - free))
