"""Before a diary is open, and beside it: the store's backup functions the window's start
uses (a damaged file found at start, the day's backup) and its protection by a passphrase
(unlocking, protecting, changing or removing it, all done to the file while the window
has let go of it), so that the context stays the door to an open diary and this module,
like the application, is the window's door to opening one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# What checking a diary file may raise, named for the window's start (light: no SQLite).
from diary.store.errors import DiaryDamaged, DiaryUnavailable

if TYPE_CHECKING:
    from diary.store.backups import Backup
    from diary.store.diary import Diary
    from diary.store.key_file import DiaryKeys
    from diary.store.restore import BackupFacts

__all__ = ["DiaryDamaged", "DiaryKeys", "DiaryUnavailable"]  # and the functions below


def when_words(moment: dt.datetime) -> str:
    from diary.store.restore import when_words

    return when_words(moment)


def newest_good_backup(diary_path: Path) -> tuple[Backup, BackupFacts] | None:
    from diary.store.restore import newest_good_backup

    return newest_good_backup(diary_path)


def restore_damaged(diary_path: Path, backup_path: Path) -> Path | None:
    """Put the backup in place of the damaged diary; returns where the damaged file was kept."""
    from diary.store.restore import restore_backup

    return restore_backup(diary_path, backup_path).set_aside


def make_daily_backup(diary_path: Path, now: dt.datetime) -> Backup | None:
    from diary.store import backups
    from diary.store.photo_cleanup import remove_unused_images

    backups.remove_leftovers(diary_path)  # a backup killed last time left these
    made = backups.make_daily_backup(diary_path, now)
    # Old backups pruned may have been the last to name a deleted photo's image.
    remove_unused_images(diary_path)
    return made


def keep_aside(diary_path: Path) -> Path:
    """Set a damaged diary aside (kept whole), so a new one can start where it was."""
    from diary.store.restore import keep_aside

    return keep_aside(diary_path)


def prepare(diary_path: Path, keys: DiaryKeys | None) -> None:
    """Check the diary at `diary_path` (create, upgrade), as opening it does, without loading
    its reads (the window's frame is on screen meanwhile). `keys`: a protected diary's, from
    the unlock prompt. Raises DiaryUnavailable (DiaryDamaged)."""
    from diary.store.database import prepare_to_open

    prepare_to_open(diary_path, keys)


def connect(diary_path: Path) -> Diary:
    """The diary that `prepare` made ready, now connected for reading. Raises DiaryUnavailable."""
    from diary.store import errors
    from diary.store.diary import Diary

    with errors.sqlite_errors(diary_path):
        return Diary(diary_path)


def load_writer_in_background() -> None:
    """Import what writing needs (SQLAlchemy) on a thread, while the window waits for keys."""
    import threading

    from diary.store.diary import load_writer

    threading.Thread(target=load_writer, name="load-writer", daemon=True).start()


# A passphrase (issue 25) -------------------------------------------------------------------
# The slow calls (a key derived from a passphrase: about half a second) run in a worker
# thread (diary/ui/widgets/background.py), never on the window's.


def is_protected(diary_path: Path) -> bool:
    # The key ring's own test (protection.is_protected is this): asked before the first
    # frame, where protection's modules would only slow a plain diary's start.
    from diary.store.keyring import is_encrypted

    return is_encrypted(diary_path)


def unlock_diary(diary_path: Path, text: str, recovery_code: bool = False) -> DiaryKeys:
    """The diary's keys from its passphrase (or its recovery code), then held by this process
    so that the diary, its backups and photos open; WrongPassphrase when they do not. Slow."""
    from diary.store import keyring, protection

    if recovery_code:
        keys = protection.unlock_with_recovery_code(diary_path, text)
    else:
        keys = protection.unlock(diary_path, text)
    keyring.remember(keys)
    return keys


def keys_from(diary_path: Path, text: str) -> DiaryKeys:
    """The keys from `text`, the passphrase or else the recovery code (Settings asks for
    either before a change). Slow: one or two derivations."""
    from diary.store.errors import WrongPassphrase

    try:
        return unlock_diary(diary_path, text)
    except WrongPassphrase:
        try:
            return unlock_diary(diary_path, text, recovery_code=True)
        except WrongPassphrase:
            raise WrongPassphrase("That passphrase does not open this diary.") from None


def refusal_words(error: BaseException) -> str | None:
    """Words to show beside the box for an expected refusal (a wrong passphrase, an unreadable
    key file); None for anything else, which is a bug to report."""
    from diary.store.errors import DiaryUnavailable

    if isinstance(error, DiaryUnavailable):
        return str(error).removesuffix(" Nothing was changed.")
    return None


def forget_keys(diary_path: Path) -> None:
    """This process lets go of the diary's keys (the window locks): until they are given
    again, nothing of the diary can be read. Close the diary first."""
    from diary.store import protection

    keys = protection.keys_held(diary_path)
    if keys is not None:
        protection.lock(keys)


def protect(diary_path: Path, passphrase: str) -> str:
    """Encrypt the diary, its backups and photos; returns the recovery code. Slow, and the
    diary must be let go of meanwhile (DiaryContext.let_go)."""
    from diary.store.protection import protect

    return protect(diary_path, passphrase)


def unprotect(diary_path: Path, keys: DiaryKeys) -> None:
    """Decrypt everything again. Slow; the diary let go of meanwhile."""
    from diary.store.protection import unprotect

    unprotect(diary_path, keys)


def change_passphrase(diary_path: Path, keys: DiaryKeys, new_passphrase: str) -> None:
    """A new passphrase for the same key (the recovery code stays): instant."""
    from diary.store.protection import change_passphrase

    change_passphrase(diary_path, keys, new_passphrase)


class DiaryProtection:
    """The open diary's passphrase, reached as `context.protection`: whether it has one, and
    letting go of the diary while it is locked or its file converted."""

    def __init__(self, diary_path: Path, close: Callable[[], None], quiet: Callable[[bool], None]) -> None:
        self.diary_path = diary_path
        self._close = close
        self._quiet = quiet

    @property
    def protected(self) -> bool:
        return is_protected(self.diary_path)

    def let_go(self, forget: bool = False) -> None:
        """Close the diary and have every reader wait (`context.quiet`): the window locks
        (and with `forget` this process forgets the keys), or the file is to be converted."""
        self._close()
        if forget:
            forget_keys(self.diary_path)
        self._quiet(True)

    def take_back(self) -> None:
        """Readers may read again (the keys are held again, or the conversion is done)."""
        self._quiet(False)
