"""`isodiary encrypt` and `isodiary decrypt`: protect the diary with a passphrase, or remove it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from diary.commands import EXIT_BAD_INPUT, EXIT_OK, CommandError, refusal

WARNING = (
    "Without the passphrase or the recovery code, nobody (you included, and IsoDiary's makers) "
    "can read this diary, its backups or its photos again."
)


def add_to(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    encrypting = commands.add_parser(
        "encrypt",
        help="protect the diary, its backups and photos with a passphrase",
        description="Encrypt the diary, every backup and every photo with a key that a passphrase "
        "unlocks (asked twice on the terminal, or --passphrase-file FILE before the command). A "
        "recovery code that also unlocks it is printed once: write it down. " + WARNING,
    )
    encrypting.set_defaults(handler=run_encrypt, unlocks_itself=True)
    decrypting = commands.add_parser(
        "decrypt",
        help="remove the passphrase: the diary, backups and photos become plain files again",
        description="Decrypt the diary, every backup and every photo, and remove the key file. "
        "Asks for the passphrase (or --passphrase-file FILE before the command).",
    )
    decrypting.set_defaults(handler=run_decrypt, unlocks_itself=True)


def run_encrypt(args: argparse.Namespace) -> int:
    from diary.commands import passphrase as asking
    from diary.store import protection
    from diary.store.errors import DiaryUnavailable

    path = Path(args.db)
    if not path.is_file():
        raise CommandError(f"There is no diary at {path} to encrypt. Nothing was changed.")
    if protection.is_protected(path):
        raise CommandError(f"{path} is already protected by a passphrase. Nothing was changed.")
    if args.passphrase_file is not None:
        chosen = asking.from_file(args.passphrase_file)
    else:
        print(WARNING, file=sys.stderr)
        chosen = asking.given(args, "New passphrase: ")
        again = asking.given(args, "The same passphrase again: ")
        if again != chosen:
            raise CommandError("The two passphrases differ. Nothing was changed.", EXIT_BAD_INPUT)
    with _holding(path):
        try:
            _open_and_close(path)  # sound and up to date before anything is converted
            code = protection.protect(path, chosen)
        except DiaryUnavailable as error:
            raise refusal(error) from None
    print(f"{path} is now protected by your passphrase: the diary, its backups and photos are encrypted.")
    print()
    print("Recovery code (shown only this once; write it down or print it, and keep it apart")
    print("from the computer). It also unlocks the diary if the passphrase is forgotten:")
    print()
    print(f"    {code}")
    print()
    print(WARNING)
    return EXIT_OK


def run_decrypt(args: argparse.Namespace) -> int:
    from diary.commands import passphrase as asking
    from diary.store import protection
    from diary.store.errors import DiaryUnavailable

    path = Path(args.db)
    if not protection.is_protected(path):
        raise CommandError(f"{path} is not protected by a passphrase. Nothing was changed.")
    keys = asking.unlock_if_protected(args)
    assert keys is not None
    with _holding(path):
        try:
            _open_and_close(path)
            protection.unprotect(path, keys)
        except DiaryUnavailable as error:
            raise refusal(error) from None
    print(f"{path} is no longer protected: the diary, its backups and photos are plain files again.")
    return EXIT_OK


def _open_and_close(path: Path) -> None:
    from diary.store.diary import Diary

    Diary.open(path).close()


@contextmanager
def _holding(path: Path) -> Iterator[None]:
    """The diary's one-writer lock for the conversion; refused while a window holds it."""
    from diary.desktop.instance import DiaryLock, LockState

    lock = DiaryLock(path)
    if lock.try_lock() == LockState.TAKEN:
        holder = lock.holder()
        raise CommandError(
            f"IsoDiary has {path} open{' ' + holder if holder else ''}. Close it there (or use "
            "its Settings) and try again. Nothing was changed.",
            1,
        )
    try:
        yield
    finally:
        lock.release()
