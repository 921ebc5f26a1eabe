"""The key file beside a protected diary (`diary.sqlite3.key`): the diary's random master key,
wrapped twice (by the passphrase and by the recovery code), and the keys derived from it.

The master key is 32 random bytes. A wrapping is AES-256-GCM under a key that scrypt
derives from the NFC-normalised passphrase (64 MiB, about half a second here), or from
the recovery code; scrypt's parameters and salt are stored with it, so they can change
later without losing old files. The database key and the photo key are derived from the
master key with HKDF, separately, so neither reveals the other. Changing the passphrase
re-wraps the same master key: the diary itself is not rewritten.

The file is JSON, versioned, owner-only and written atomically (a crash leaves the old
file or the new one). Read from disk it is hostile until checked: every field is checked
for type and bounds before use, and scrypt's cost is capped so a crafted file cannot
exhaust the memory.
"""

from __future__ import annotations

import base64
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from diary.store.errors import DiaryUnavailable, WrongPassphrase

SUFFIX: Final = ".key"
FORMAT: Final = "IsoDiary key file"
VERSION: Final = 1
# scrypt at 64 MiB (128 * n * r bytes), about half a second on a 2020 laptop.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**16, 8, 1
# The recovery code carries 120 random bits already; a light scrypt is plenty.
RECOVERY_SCRYPT_N = 2**14
_MAX_SCRYPT_MEMORY = 64 * 1024 * 1024
_KEY_BYTES, _NONCE_BYTES, _SALT_BYTES = 32, 12, 16
# The recovery code: 15 random bytes in base32, written as six groups of four letters and digits.
_RECOVERY_BYTES, _GROUP = 15, 4
_BASE32 = re.compile(r"[A-Z2-7]{24}")


@dataclass(frozen=True)
class DiaryKeys:
    """The unwrapped keys of one protected diary (never printed: their repr hides them).

    `key_id` names the master key (it is not secret): a backup's key file carries the
    same id, so keys already unlocked open the diary's backups too."""

    key_id: str
    master: bytes = field(repr=False)  # kept to re-wrap under a new passphrase
    database: bytes = field(repr=False)
    photos: bytes = field(repr=False)

    @classmethod
    def from_master(cls, key_id: str, master: bytes) -> DiaryKeys:
        database = _derive(master, b"IsoDiary database key v1")
        return cls(key_id, master, database, _derive(master, b"IsoDiary photo key v1"))


def _derive(master: bytes, purpose: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=_KEY_BYTES, salt=None, info=purpose).derive(master)


def key_file_path(database: Path) -> Path:
    """Where the key file of the database file `database` is (a backup has its own too)."""
    database = Path(database)
    return database.with_name(database.name + SUFFIX)


@dataclass(frozen=True)
class Wrapping:
    """The master key wrapped under a key scrypt derives from a secret (passphrase or code)."""

    salt: bytes
    n: int
    r: int
    p: int
    nonce: bytes
    wrapped: bytes

    def as_json(self) -> dict[str, Any]:
        return {
            "kdf": "scrypt",
            "salt": _b64(self.salt),
            "n": self.n,
            "r": self.r,
            "p": self.p,
            "cipher": "AES-256-GCM",
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
        }


@dataclass(frozen=True)
class KeyFile:
    key_id: str
    passphrase: Wrapping
    recovery: Wrapping

    def to_bytes(self) -> bytes:
        document = {
            "format": FORMAT,
            "version": VERSION,
            "id": self.key_id,
            "passphrase": self.passphrase.as_json(),
            "recovery": self.recovery.as_json(),
        }
        return (json.dumps(document, indent=2) + "\n").encode()

    def unwrap(self, passphrase: str) -> DiaryKeys:
        """The keys, or WrongPassphrase."""
        secret = normalised_passphrase(passphrase)
        master = _unwrap(self.passphrase, secret, self.key_id)
        if master is None:
            raise WrongPassphrase("That passphrase does not open this diary. Nothing was changed.")
        return DiaryKeys.from_master(self.key_id, master)

    def unwrap_with_recovery_code(self, code: str) -> DiaryKeys:
        secret = normalised_recovery_code(code)
        master = _unwrap(self.recovery, secret.encode(), self.key_id)
        if master is None:
            raise WrongPassphrase("That recovery code does not open this diary. Nothing was changed.")
        return DiaryKeys.from_master(self.key_id, master)

    def rewrapped(self, master: bytes, new_passphrase: str) -> KeyFile:
        """The same master key (and recovery wrapping) under a new passphrase."""
        return KeyFile(
            self.key_id, wrap(master, normalised_passphrase(new_passphrase), self.key_id), self.recovery
        )


def new_key_file(passphrase: str) -> tuple[KeyFile, bytes, str]:
    """A new master key wrapped by `passphrase` and by a new recovery code:
    (the key file, the master key, the recovery code as shown)."""
    import secrets  # here: OpenSSL's hashing loads with it, which opening a plain diary never needs

    master = secrets.token_bytes(_KEY_BYTES)
    key_id = secrets.token_hex(16)
    code = new_recovery_code()
    key_file = KeyFile(
        key_id,
        wrap(master, normalised_passphrase(passphrase), key_id),
        wrap(master, normalised_recovery_code(code).encode(), key_id, n=min(RECOVERY_SCRYPT_N, SCRYPT_N)),
    )
    return key_file, master, code


def normalised_passphrase(passphrase: str) -> bytes:
    """The passphrase as its UTF-8 bytes after NFC (the same letters typed on another keyboard
    give the same bytes). An empty one is refused."""
    text = unicodedata.normalize("NFC", passphrase)
    if not text:
        raise WrongPassphrase("A passphrase cannot be empty.")
    return text.encode("utf-8")


def new_recovery_code() -> str:
    import secrets

    letters = base64.b32encode(secrets.token_bytes(_RECOVERY_BYTES)).decode()
    return "-".join(letters[start : start + _GROUP] for start in range(0, len(letters), _GROUP))


def normalised_recovery_code(code: str) -> str:
    """The code's 24 letters and digits, however it was typed: any case, with or without
    spaces and dashes, 0/1/8 read as the O/I/B they were taken for (base32 has none)."""
    letters = re.sub(r"[\s\-]", "", code).upper().translate(str.maketrans("018", "OIB"))
    if not _BASE32.fullmatch(letters):
        raise WrongPassphrase(
            "A recovery code is 24 letters and digits in six groups of four, like ABCD-EFGH-2345-...; "
            "that is not one. Nothing was changed."
        )
    return letters


def wrap(master: bytes, secret: bytes, key_id: str, n: int | None = None) -> Wrapping:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    n = n or SCRYPT_N
    salt, nonce = os.urandom(_SALT_BYTES), os.urandom(_NONCE_BYTES)
    wrapping_key = _scrypt(secret, salt, n, SCRYPT_R, SCRYPT_P)
    wrapped = AESGCM(wrapping_key).encrypt(nonce, master, _associated(key_id))
    return Wrapping(salt, n, SCRYPT_R, SCRYPT_P, nonce, wrapped)


def _unwrap(wrapping: Wrapping, secret: bytes, key_id: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    wrapping_key = _scrypt(secret, wrapping.salt, wrapping.n, wrapping.r, wrapping.p)
    try:
        return AESGCM(wrapping_key).decrypt(wrapping.nonce, wrapping.wrapped, _associated(key_id))
    except InvalidTag:
        return None


def _associated(key_id: str) -> bytes:
    # Ties a wrapping to its file's id: a wrapping moved into another key file does not open.
    return f"{FORMAT} {VERSION} {key_id}".encode()


def _scrypt(secret: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=_KEY_BYTES, n=n, r=r, p=p).derive(secret)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# Reading and writing -------------------------------------------------------------------------


def write(path: Path, key_file: KeyFile) -> None:
    """Atomically (fsync, rename, fsync of the folder), owner-only."""
    write_bytes(path, key_file.to_bytes())


def write_bytes(path: Path, data: bytes) -> None:
    from diary.store.files import write_private

    write_private(path, data)


def read(path: Path) -> KeyFile:
    """The key file at `path`, checked; DiaryUnavailable naming what is wrong with it."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DiaryUnavailable(f"The key file {path} is missing, so the diary cannot be opened.") from None
    except OSError as error:
        raise DiaryUnavailable(
            f"IsoDiary cannot read the key file {path} ({error.strerror or error}).", machine_refused=True
        ) from error
    try:
        return parse(data)
    except (ValueError, TypeError, KeyError) as error:
        raise DiaryUnavailable(
            f"The key file {path} is damaged or is not IsoDiary's ({error}), so the diary cannot be "
            "opened. Nothing was changed.",
            machine_refused=True,
        ) from None


def parse(data: bytes) -> KeyFile:
    """Raises ValueError (or TypeError, KeyError) naming the first thing that is wrong."""
    if len(data) > 64 * 1024:
        raise ValueError("it is far larger than a key file")
    document = json.loads(data)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("it does not say it is an IsoDiary key file")
    if document.get("version") != VERSION:
        raise ValueError(f"its version {document.get('version')!r} is not one this IsoDiary reads")
    key_id = document["id"]
    if not isinstance(key_id, str) or not re.fullmatch(r"[0-9a-f]{32}", key_id):
        raise ValueError("its id is not 32 hexadecimal digits")
    return KeyFile(
        key_id, _wrapping(document["passphrase"], "passphrase"), _wrapping(document["recovery"], "recovery")
    )


def _wrapping(value: Any, name: str) -> Wrapping:
    if not isinstance(value, dict) or value.get("kdf") != "scrypt" or value.get("cipher") != "AES-256-GCM":
        raise ValueError(f"its {name} wrapping is not scrypt with AES-256-GCM")
    n, r, p = value["n"], value["r"], value["p"]
    if not all(type(number) is int for number in (n, r, p)):
        raise ValueError(f"its {name} scrypt parameters are not whole numbers")
    if n < 2 or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16 or 128 * n * r > _MAX_SCRYPT_MEMORY:
        raise ValueError(f"its {name} scrypt parameters are out of bounds (at most 64 MiB)")
    salt, nonce, wrapped = (_bytes(value[item], f"{name} {item}") for item in ("salt", "nonce", "wrapped"))
    if not 8 <= len(salt) <= 64 or len(nonce) != _NONCE_BYTES or len(wrapped) != _KEY_BYTES + 16:
        raise ValueError(f"its {name} salt, nonce or wrapped key has the wrong length")
    return Wrapping(salt, n, r, p, nonce, wrapped)


def _bytes(value: Any, name: str) -> bytes:
    if not isinstance(value, str):
        raise ValueError(f"its {name} is not text")
    try:
        return base64.b64decode(value, validate=True)
    except ValueError:
        raise ValueError(f"its {name} is not base64") from None
