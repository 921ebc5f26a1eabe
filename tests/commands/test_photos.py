"""`isodiary photos add/list`, and what check and backup -o say about the images, run as a
person runs them (a process of its own)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from diary.store.diary import Diary
from diary.store.photo_files import PhotoFiles
from tests.helpers import images
from tests.helpers.commands import run
from tests.helpers.diaries import REPOSITORY


def _image(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_add_dates_each_photo_by_its_exif_date_and_list_json_gives_the_records(tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    first = _image(tmp_path, "a.jpg", images.jpeg(gps=True, taken="2026:05:03 08:00:00"))
    second = _image(tmp_path, "b.png", images.png(gps=True, taken="2026:05:10 08:00:00"))
    added = run("--db", str(db), "photos", "add", str(first), str(second), "--area", "chest")
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[0].startswith("Added chest, 2026-05-03 (")
    listed = run("--db", str(db), "photos", "list", "--json")
    records = json.loads(listed.stdout)
    assert [(r["date"], r["area"], r["media_type"], r["note"]) for r in records] == [
        ("2026-05-03", "chest", "image/jpeg", None),
        ("2026-05-10", "chest", "image/png", None),
    ]
    kept = PhotoFiles(db).path_of(records[0]["sha256"], "image/jpeg")
    assert oct(kept.stat().st_mode & 0o777) == "0o600"
    with Image.open(io.BytesIO(kept.read_bytes())) as image:
        assert not image.getexif().get_ifd(0x8825)  # the GPS is gone
    plain = run("--db", str(db), "photos", "list")
    assert plain.stdout.splitlines()[1].startswith("2026-05-10  chest")


def test_date_given_dates_them_all(tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    photo = _image(tmp_path, "scan.png", images.png(gps=False, taken=None))
    done = run("--db", str(db), "photos", "add", str(photo), "--area", "back", "--date", "2026-04-01")
    assert done.returncode == 0, done.stderr
    with Diary.open(db) as diary:
        assert [(str(p.date), p.area) for p in diary.photos()] == [("2026-04-01", "back")]


def test_refusals_exit_2_name_the_file_and_add_nothing(tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    good = _image(tmp_path, "good.jpg", images.jpeg(gps=True))
    undated = _image(tmp_path, "undated.png", images.png(gps=False, taken=None))
    not_image = _image(tmp_path, "notes.jpg", b"words, not a picture")
    cases = [
        ([str(good), str(undated), "--area", "chest"], f"{undated} holds no date"),
        (
            [str(good), str(not_image), "--area", "chest"],
            f"{not_image} was refused: it is not a JPEG, PNG or HEIC",
        ),
        ([str(good), str(tmp_path / "gone.jpg"), "--area", "chest"], "cannot read"),
        ([str(good), "--area", "elbow"], "invalid choice: 'elbow'"),
        ([str(good), "--area", "chest", "--date", "2026-13-01"], "is not a date written YYYY-MM-DD"),
    ]
    for args, words in cases:
        refused = run("--db", str(db), "photos", "add", *args)
        assert refused.returncode == 2, (args, refused.stderr)
        assert words in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
    assert not PhotoFiles(db).folder.exists() or not PhotoFiles(db).held()
    listed = run("--db", str(db), "photos", "list")
    assert listed.stdout == "No photos.\n"


def test_a_fifo_given_as_a_photo_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    # `photos add` read a named pipe with no writer and waited for ever (import refused one
    # at once); its own timeout here, so that the old way fails instead of hanging the run.
    db = tmp_path / "diary.sqlite3"
    good = _image(tmp_path, "good.jpg", images.jpeg(gps=True))
    pipe = tmp_path / "camera.jpg"
    os.mkfifo(pipe)
    command = [sys.executable, "-m", "diary", "--db", str(db), "photos", "add", str(good), str(pipe)]
    refused = subprocess.run(
        [*command, "--area", "chest"], capture_output=True, text=True, timeout=60, cwd=REPOSITORY
    )
    assert refused.returncode == 2, refused.stderr
    said = f"photos add: {pipe}: it is a FIFO (named pipe), not a file. Nothing was changed."
    assert said in refused.stderr
    assert not PhotoFiles(db).folder.exists() or not PhotoFiles(db).held()


def test_check_names_a_missing_and_a_changed_image(tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    first = _image(tmp_path, "a.jpg", images.jpeg(gps=True, taken="2026:05:03 08:00:00"))
    second = _image(tmp_path, "b.jpg", images.jpeg(gps=True, taken="2026:05:04 08:00:00", size=(20, 20)))
    assert run("--db", str(db), "photos", "add", str(first), str(second), "--area", "back").returncode == 0
    assert run("--db", str(db), "check").returncode == 0
    records = json.loads(run("--db", str(db), "photos", "list", "--json").stdout)
    files = PhotoFiles(db)
    missing = files.path_of(records[0]["sha256"], "image/jpeg")
    changed = files.path_of(records[1]["sha256"], "image/jpeg")
    missing.unlink()
    changed.write_bytes(changed.read_bytes() + b"x")
    checked = run("--db", str(db), "check")
    assert checked.returncode == 1
    assert "Photos: 2 images missing or changed" in checked.stdout
    assert f"{missing} is missing" in checked.stdout
    assert f"{changed} has changed since it was added" in checked.stdout


def test_backup_to_a_file_says_the_images_stay_in_the_diarys_folder(tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    photo = _image(tmp_path, "a.jpg", images.jpeg(gps=True))
    assert run("--db", str(db), "photos", "add", str(photo), "--area", "other").returncode == 0
    copy = tmp_path / "copy.sqlite3"
    done = run("--db", str(db), "backup", "-o", str(copy))
    assert done.returncode == 0, done.stderr
    folder = tmp_path / "photos"
    assert (
        f"The 1 photo image it names is not in the copy: it stays in the diary's folder, {folder}. "
        "To carry the photos with the diary, export a bundle: "
        "isodiary export --format bundle -o FILE.isodiary"
    ) in done.stdout


def test_a_json_export_lists_the_photo_and_says_its_image_is_not_in_it(tmp_path: Path) -> None:
    db = tmp_path / "diary.sqlite3"
    photo = _image(tmp_path, "a.jpg", images.jpeg(taken="2026:05:03 08:00:00"))
    assert run("--db", str(db), "photos", "add", str(photo), "--area", "back").returncode == 0
    to_file = run("--db", str(db), "export", "-o", str(tmp_path / "out.json"))
    to_stdout = run("--db", str(db), "export", "--format", "json")
    for exported in (to_file, to_stdout):
        assert exported.returncode == 0, exported.stderr
        assert "the photo's image is not in it" in exported.stderr
    assert [record["area"] for record in json.loads(to_stdout.stdout)["photos"]] == ["back"]
    bundle = run("--db", str(db), "export", "-o", str(tmp_path / "out.isodiary"))
    assert bundle.returncode == 0 and "not in it" not in bundle.stderr
    empty = tmp_path / "empty.sqlite3"
    assert "not in it" not in run("--db", str(empty), "export", "-o", str(tmp_path / "e.json")).stderr
