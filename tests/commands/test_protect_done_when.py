"""Issue 25's "done when", as a person at a terminal would check it: after `isodiary encrypt`,
no file under the diary's folder (the diary, its -wal, backups, photos, temporary and crash
files) holds a note's text or a photo's bytes; `check` without the passphrase exits 2
saying why, with `--passphrase-file F` it passes; and `export` gives the same document."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from diary.ui.app.crash import append_to_log, without_content
from tests.helpers import images
from tests.helpers.commands import demo_diary, run


def _middle(data: bytes) -> bytes:
    return data[len(data) // 2 - 16 : len(data) // 2 + 16]


def _files_holding(folder: Path, needles: list[bytes]) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name} holds {needle[:20]!r}" for needle in needles if needle in data]
    return found


def test_after_isodiary_encrypt_nothing_in_the_folder_can_be_read(tmp_path: Path) -> None:
    folder = tmp_path / "IsoDiary"
    db = demo_diary(folder / "diary.sqlite3")
    picture = tmp_path / "cheek.jpg"
    picture.write_bytes(images.jpeg(gps=False, size=(320, 240)))
    added = run(
        "--db", str(db), "photos", "add", str(picture), "--area", "face_front", "--date", "2026-04-01"
    )
    assert added.returncode == 0, added.stderr
    assert run("--db", str(db), "backup").returncode == 0
    before = run("--db", str(db), "export", "--format", "json")
    document = json.loads(before.stdout)
    notes = [entry["note"].encode() for entry in document["entries"] if entry.get("note")]
    photo_bytes = [_middle(path.read_bytes()) for path in (folder / "photos").rglob("*") if path.is_file()]
    assert len(notes) > 10 and photo_bytes
    # The crash log beside the diary: an error quoting a note leaves no trace of it there.
    try:
        raise ValueError(f"could not save {notes[0].decode()}")
    except ValueError as error:
        append_to_log(folder, without_content(ValueError, error, error.__traceback__))
    assert _files_holding(folder, notes + photo_bytes), "the test must see them while they are plain"

    secret = tmp_path / "passphrase.txt"
    secret.write_text("a long walk by the sea\n")
    encrypted = run("--db", str(db), "--passphrase-file", str(secret), "encrypt")
    assert encrypted.returncode == 0, encrypted.stderr
    assert _files_holding(folder, notes + photo_bytes) == []

    locked = run("--db", str(db), "check", stdin=subprocess.DEVNULL)
    assert locked.returncode == 2
    assert "protected by a passphrase" in locked.stderr and "none was given" in locked.stderr

    checked = run("--db", str(db), "--passphrase-file", str(secret), "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Integrity: ok" in checked.stdout and "Photos" not in checked.stdout

    after = run("--db", str(db), "--passphrase-file", str(secret), "export", "--format", "json")
    assert after.returncode == 0, after.stderr
    again = json.loads(after.stdout)
    again.pop("exported_at"), document.pop("exported_at")
    assert again == document

    # Working on it (a save, a backup) writes nothing readable either: the -wal, the copies.
    more = tmp_path / "more.json"
    more.write_text(json.dumps({**again, "entries": [{"date": "2026-08-01", "note": "written after"}]}))
    imported = run("--db", str(db), "--passphrase-file", str(secret), "import", str(more))
    assert imported.returncode == 0, imported.stderr
    assert run("--db", str(db), "--passphrase-file", str(secret), "backup").returncode == 0
    assert _files_holding(folder, [*notes, b"written after", *photo_bytes]) == []
