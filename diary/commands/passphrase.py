"""Where a command gets a protected diary's passphrase: the global `--passphrase-file FILE`
(for scripts: its first line, line ending stripped, NFC-normalised, never empty), else the
terminal (getpass) when standard input is one. Never from an argument or an environment
variable, where other users and logs could read it (issue 25).
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from diary.commands import EXIT_BAD_INPUT, CommandError

if TYPE_CHECKING:
    from diary.store.key_file import DiaryKeys

# A passphrase file is a line of text; more than this is not one.
_MOST_BYTES = 64 * 1024


def from_file(path: Path) -> str:
    """The passphrase in `path`'s first line; CommandError (exit 2) naming what is wrong."""
    try:
        with Path(path).expanduser().open("rb") as file:
            data = file.read(_MOST_BYTES)
    except OSError as error:
        raise CommandError(
            f"--passphrase-file {path}: {error.strerror or error}. Nothing was changed."
        ) from None
    first = data.split(b"\n", 1)[0].removesuffix(b"\r")
    try:
        text = first.decode("utf-8")
    except UnicodeDecodeError:
        raise CommandError(
            f"--passphrase-file {path}: its first line is not UTF-8 text. Nothing was changed."
        ) from None
    text = unicodedata.normalize("NFC", text)
    if not text:
        raise CommandError(f"--passphrase-file {path}: its first line is empty. Nothing was changed.")
    return text


def ask(prompt: str) -> str | None:
    """The passphrase typed on the terminal (not echoed), or None when standard input is not one."""
    if not sys.stdin or not sys.stdin.isatty():
        return None
    import getpass

    try:
        typed = getpass.getpass(prompt)
    except EOFError:
        typed = ""
    return unicodedata.normalize("NFC", typed)


def given(args: argparse.Namespace, prompt: str, protected: Path | None = None) -> str:
    """The passphrase from --passphrase-file or the terminal; exit 2 when there is neither.
    `protected`: the file it opens, to name in that refusal (the diary unless said)."""
    file: Path | None = getattr(args, "passphrase_file", None)
    if file is not None:
        return from_file(file)
    typed = ask(prompt)
    if typed is None:
        raise CommandError(
            f"{protected or args.db} is protected by a passphrase, and none was given: give "
            "--passphrase-file FILE before the command, or run it in a terminal to type it. "
            "Nothing was read or changed.",
            EXIT_BAD_INPUT,
        )
    if not typed:
        raise CommandError("No passphrase was typed. Nothing was read or changed.", EXIT_BAD_INPUT)
    return typed


def unlock_if_protected(args: argparse.Namespace) -> DiaryKeys | None:
    """For a command on a protected diary: its keys from the passphrase, held for the run
    (so the diary and its backups open). None for a plain diary. A wrong passphrase: exit 2."""
    from diary.store import keyring, protection
    from diary.store.errors import DiaryUnavailable

    path = Path(args.db)
    if not protection.is_protected(path):
        return None
    passphrase = given(args, f"Passphrase for {path}: ")
    try:
        keys = protection.unlock(path, passphrase)
    except DiaryUnavailable as error:
        raise CommandError(str(error), EXIT_BAD_INPUT if not error.machine_refused else 1) from None
    keyring.remember(keys)
    return keys
