"""A diary protected by a passphrase (issue 25): the key file, unlocking, protecting and
unprotecting in place, backups that carry their key, and a locked diary never taken for a
damaged one."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from pathlib import Path

import pytest

from diary.core.entry import Entry
from diary.store import backups, key_file, keyring, protection, restore
from diary.store.diary import Diary
from diary.store.errors import DiaryDamaged, DiaryLocked, DiaryUnavailable, WrongPassphrase
from tests.helpers.diaries import sample_course, sample_entries

pytestmark = pytest.mark.usefixtures("quick_passphrases")

SECRET = "the words only I should read"
NOW = dt.datetime(2026, 4, 15, 21, 30, 5)


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def _holding(folder: Path, text: str) -> list[Path]:
    return [path for path in _files(folder) if text.encode() in path.read_bytes()]


@pytest.fixture
def filled(diary_path: Path) -> Path:
    with Diary.open(diary_path) as diary:
        diary.save_course(sample_course())
        for entry in sample_entries():
            diary.save_entry(entry)
        diary.save_entry(Entry(dt.date(2026, 4, 1), mood=2, note=SECRET))
    backups.make_backup(diary_path, backups.BY_HAND, NOW)
    return diary_path


def _entries(path: Path) -> list[Entry]:
    with Diary.open(path) as diary:
        return diary.entries()


def test_protecting_encrypts_the_diary_and_its_backups_and_nothing_beside_holds_a_note(filled: Path) -> None:
    before = _entries(filled)
    assert _holding(filled.parent, SECRET)  # the test can see the words when they are there
    code = protection.protect(filled, "correct horse")
    assert protection.is_protected(filled)
    assert _holding(filled.parent, SECRET) == []
    assert key_file.key_file_path(filled).exists()
    (backup,) = backups.list_backups(filled)
    assert key_file.key_file_path(backup.path).exists()
    protection.lock()
    with pytest.raises(DiaryLocked):
        Diary.open(filled)
    keys = protection.unlock(filled, "correct horse")
    with Diary.open(filled, keys=keys) as diary:
        assert diary.entries() == before
        assert diary.integrity_problems() == []
    protection.lock()
    assert protection.unlock_with_recovery_code(filled, code.lower().replace("-", " ")) == keys


def test_the_key_file_is_private_json_that_names_its_cost_and_never_the_key(filled: Path) -> None:
    protection.protect(filled, "correct horse")
    path = key_file.key_file_path(filled)
    document = json.loads(path.read_bytes())
    assert document["format"] == "IsoDiary key file"
    assert document["version"] == 1
    assert document["passphrase"]["kdf"] == "scrypt"
    assert 128 * document["passphrase"]["n"] * document["passphrase"]["r"] <= 64 * 1024 * 1024
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    keys = keyring.keys_for(filled)
    assert keys is not None
    assert keys.database.hex() not in path.read_text()
    assert keys.database != keys.photos
    assert "database" not in repr(keys) or keys.database.hex() not in repr(keys)


def test_a_wrong_passphrase_or_code_is_refused_and_changes_nothing(filled: Path) -> None:
    protection.protect(filled, "correct horse")
    protection.lock()
    before = {path: path.read_bytes() for path in _files(filled.parent)}
    with pytest.raises(WrongPassphrase, match="does not open"):
        protection.unlock(filled, "correct horse ")
    with pytest.raises(WrongPassphrase, match="does not open"):
        protection.unlock_with_recovery_code(filled, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    with pytest.raises(WrongPassphrase, match="24 letters"):
        protection.unlock_with_recovery_code(filled, "not a code")
    with pytest.raises(WrongPassphrase, match="empty"):
        protection.unlock(filled, "")
    assert {path: path.read_bytes() for path in _files(filled.parent)} == before


def test_the_passphrase_is_nfc_normalised(filled: Path) -> None:
    protection.protect(filled, "caf\u00e9")  # é as one letter
    protection.lock()
    assert protection.unlock(filled, "cafe\u0301")  # e and a combining accent


def test_a_locked_diary_is_locked_not_damaged(filled: Path) -> None:
    protection.protect(filled, "correct horse")
    protection.lock()
    with pytest.raises(DiaryLocked) as raised:
        Diary.open(filled, only_to_read=True)
    assert not isinstance(raised.value, DiaryDamaged)
    assert "passphrase" in str(raised.value)
    # Without its key file the same bytes are not a diary IsoDiary can tell from damage.
    key_file.key_file_path(filled).rename(filled.with_name("elsewhere.key"))
    with pytest.raises(DiaryUnavailable) as raised_again:
        Diary.open(filled)
    assert not isinstance(raised_again.value, DiaryLocked)


def test_changing_the_passphrase_rewraps_only(filled: Path) -> None:
    code = protection.protect(filled, "old words")
    keys = protection.unlock(filled, "old words")
    diary_bytes = filled.read_bytes()
    protection.change_passphrase(filled, keys, "new words")
    assert filled.read_bytes() == diary_bytes
    protection.lock()
    with pytest.raises(WrongPassphrase):
        protection.unlock(filled, "old words")
    assert protection.unlock(filled, "new words") == keys
    assert protection.unlock_with_recovery_code(filled, code) == keys
    (backup,) = backups.list_backups(filled)
    assert key_file.read(key_file.key_file_path(backup.path)).unwrap("new words") == keys


def test_unprotecting_decrypts_everything_and_removes_the_key_files(filled: Path) -> None:
    before = _entries(filled)
    protection.protect(filled, "correct horse")
    keys = protection.unlock(filled, "correct horse")
    protection.unprotect(filled, keys)
    assert not protection.is_protected(filled)
    assert [path for path in _files(filled.parent) if path.name.endswith(".key")] == []
    protection.lock()
    assert _entries(filled) == before
    (backup,) = backups.list_backups(filled)
    assert _entries(backup.path) == before


def test_backups_of_a_protected_diary_are_encrypted_and_open_with_the_passphrase(
    filled: Path, tmp_path: Path
) -> None:
    protection.protect(filled, "correct horse")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    copy = outside / "my-copy.sqlite3"
    backups.copy_diary(filled, copy)
    daily = backups.make_backup(filled, backups.DAILY, NOW + dt.timedelta(days=1))
    assert _holding(outside, SECRET) == []
    assert _holding(filled.parent, SECRET) == []
    protection.lock()
    # The copy alone, with the key file that travels beside it, opens with the passphrase.
    keys = key_file.read(key_file.key_file_path(copy)).unwrap("correct horse")
    with Diary.open(copy, keys=keys) as diary:
        assert any(entry.note == SECRET for entry in diary.entries())
    assert restore.check_backup(daily.path).days == len(_entries(filled))


def test_restoring_into_a_protected_diary_keeps_it_protected(filled: Path) -> None:
    protection.protect(filled, "correct horse")
    (backup,) = backups.list_backups(filled)
    with Diary.open(filled) as diary:
        diary.save_entry(Entry(dt.date(2026, 5, 1), note="after the backup"))
    restore.restore_backup(filled, backup.path, NOW + dt.timedelta(hours=1))
    assert protection.is_protected(filled)
    assert _holding(filled.parent, SECRET) == []
    assert _holding(filled.parent, "after the backup") == []
    notes = [entry.note for entry in _entries(filled)]
    assert SECRET in notes
    assert "after the backup" not in notes


def test_a_plain_backup_restored_into_a_protected_diary_is_encrypted(filled: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain-copy.sqlite3"
    backups.copy_diary(filled, plain)
    protection.protect(filled, "correct horse")
    restore.restore_backup(filled, plain, NOW)
    assert protection.is_protected(filled)
    assert SECRET.encode() not in filled.read_bytes()
    assert any(entry.note == SECRET for entry in _entries(filled))


def test_a_stale_key_file_beside_a_plain_diary_is_ignored_and_then_removed(filled: Path) -> None:
    """What a kill between writing the key file and renaming the encrypted copy leaves."""
    new_file, _master, _code = key_file.new_key_file("never finished")
    key_file.write(key_file.key_file_path(filled), new_file)
    assert not protection.is_protected(filled)
    assert any(entry.note == SECRET for entry in _entries(filled))
    assert not key_file.key_file_path(filled).exists()


def test_backups_left_plain_by_a_kill_are_encrypted_when_the_diary_is_next_unlocked(filled: Path) -> None:
    (backup,) = backups.list_backups(filled)
    plain_bytes = backup.path.read_bytes()
    protection.protect(filled, "correct horse")
    # As if the kill came after the diary was encrypted, before its backup was.
    key_file.key_file_path(backup.path).unlink()
    backup.path.write_bytes(plain_bytes)
    keys = protection.unlock(filled, "correct horse")
    protection.lock()
    Diary.open(filled, keys=keys).close()
    assert _holding(filled.parent, SECRET) == []


def test_protecting_twice_or_a_missing_diary_is_refused(filled: Path, tmp_path: Path) -> None:
    protection.protect(filled, "correct horse")
    with pytest.raises(DiaryUnavailable, match="already protected"):
        protection.protect(filled, "again")
    with pytest.raises(DiaryUnavailable, match="no diary"):
        protection.protect(tmp_path / "missing.sqlite3", "words")


def test_a_hostile_key_file_is_refused_by_name(filled: Path) -> None:
    protection.protect(filled, "correct horse")
    protection.lock()
    path = key_file.key_file_path(filled)
    document = json.loads(path.read_bytes())
    document["passphrase"]["n"] = 2**24  # 2 GiB of memory to derive
    path.write_text(json.dumps(document))
    with pytest.raises(DiaryUnavailable, match=r"key file .* out of bounds"):
        protection.unlock(filled, "correct horse")
    path.write_text("{not json")
    with pytest.raises(DiaryUnavailable, match="key file"):
        protection.unlock(filled, "correct horse")


def test_a_protected_diary_from_an_older_revision_upgrades_encrypted(tmp_path: Path) -> None:
    """Alembic's upgrade and the backup before it go through SQLCipher with the diary's key."""
    from tests.helpers.seeds import HEAD, OLDER, build_at, check_seeds_up_to

    path = tmp_path / "diary.sqlite3"
    build_at(path, OLDER[0])
    protection.protect(path, "correct horse")
    keys = protection.unlock(path, "correct horse")
    protection.lock()
    with Diary.open(path, keys=keys) as diary:
        assert diary.revision() == HEAD
        check_seeds_up_to(diary, OLDER[0])
        assert diary.integrity_problems() == []
    (kept,) = [backup for backup in backups.list_backups(path) if backup.kind == backups.BEFORE_UPGRADE]
    assert protection.is_protected(kept.path)
    assert b"SQLite format 3" not in kept.path.read_bytes()[:16]
