"""Photos of a protected diary at rest: each image (and thumbnail) sealed with AES-256-GCM
under the photo key, and named by a keyed hash (HMAC-SHA256) of its SHA-256, so neither a
file's bytes nor its name tells anything about the picture, not even which photo of the
diary it is (a plain hash could be matched against a copy of the picture).

A sealed file is `MAGIC + nonce + AES-GCM("<media type> <sha256>\\n" + image)`; its
associated data is its own name, so a sealed file renamed or swapped for another does not
open. Keeping the media type and the image's name inside lets `unprotect` turn every
sealed file back into the plain file it was without reading any diary record.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from dataclasses import dataclass, field

MAGIC = b"IsoDiary photo 1\n"
SUFFIX = ".photo"
_NONCE_BYTES = 12


class SealBroken(ValueError):
    """A sealed file that does not open under this key (changed, swapped, or another diary's)."""


@dataclass(frozen=True)
class PhotoSeal:
    """Seals and names images under one diary's photo key (two keys derived from it)."""

    sealing: bytes = field(repr=False)
    naming: bytes = field(repr=False)

    @classmethod
    def from_photo_key(cls, photo_key: bytes) -> PhotoSeal:
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        def derive(purpose: bytes) -> bytes:
            return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(photo_key)

        return cls(derive(b"IsoDiary photo sealing v1"), derive(b"IsoDiary photo naming v1"))

    def image_name(self, sha256: str) -> str:
        return self._name(f"image {sha256}")

    def thumbnail_name(self, sha256: str) -> str:
        return self._name(f"thumbnail {sha256}")

    def _name(self, what: str) -> str:
        return hmac.new(self.naming, what.encode(), hashlib.sha256).hexdigest() + SUFFIX

    def seal(self, name: str, media_type: str, sha256: str, data: bytes) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(_NONCE_BYTES)
        plain = f"{media_type} {sha256}\n".encode() + data
        return MAGIC + nonce + AESGCM(self.sealing).encrypt(nonce, plain, name.encode())

    # Enough of a sealed file's first bytes to read what it says it holds.
    PEEK_BYTES = len(MAGIC) + _NONCE_BYTES + 96

    def peek(self, start: bytes) -> tuple[str, str] | None:
        """(media type, SHA-256) a sealed file says it holds, from its first bytes, without
        checking it (GCM is a counter mode: its first blocks decrypt alone); None when they
        do not read as a header. Only for listing: `open` checks the whole file."""
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        if not start.startswith(MAGIC) or len(start) < len(MAGIC) + _NONCE_BYTES + 1:
            return None
        nonce = start[len(MAGIC) : len(MAGIC) + _NONCE_BYTES]
        body = start[len(MAGIC) + _NONCE_BYTES :]
        # GCM encrypts with the counter block nonce || 2 onwards (1 is for the tag).
        counter = modes.CTR(nonce + (2).to_bytes(4, "big"))
        plain = Cipher(algorithms.AES(self.sealing), counter).decryptor().update(body)
        header, newline, _ = plain.partition(b"\n")
        media_type, _, sha256 = header.decode("ascii", errors="replace").partition(" ")
        if not newline or len(sha256) != 64 or not media_type.startswith("image/"):
            return None
        return media_type, sha256

    def open(self, name: str, sealed: bytes) -> tuple[str, str, bytes]:
        """(media type, the image's SHA-256 name, image bytes); SealBroken when it does not open."""
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if not sealed.startswith(MAGIC) or len(sealed) < len(MAGIC) + _NONCE_BYTES + 16:
            raise SealBroken("it is not a sealed IsoDiary photo")
        start = len(MAGIC)
        nonce, body = sealed[start : start + _NONCE_BYTES], sealed[start + _NONCE_BYTES :]
        try:
            plain = AESGCM(self.sealing).decrypt(nonce, body, name.encode())
        except InvalidTag:
            raise SealBroken("it does not open with this diary's key (changed or not its own)") from None
        header, _, data = plain.partition(b"\n")
        media_type, _, sha256 = header.decode("ascii", errors="replace").partition(" ")
        return media_type, sha256, data
