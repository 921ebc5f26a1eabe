"""A process that protects, re-protects or unprotects a diary, for a test to kill mid-way.

    python -m tests.helpers.protection_child protect DIARY        plain -> passphrase OLD
    python -m tests.helpers.protection_child change DIARY         passphrase OLD -> NEW
    python -m tests.helpers.protection_child unprotect DIARY      passphrase OLD -> plain

It prints "go" just before the work starts and "done" once it returned. scrypt runs at
1 MiB here (the key file records its cost), so a kill mostly lands in the conversion.
"""

from __future__ import annotations

import sys
from pathlib import Path

from diary.store import key_file, protection

OLD, NEW = "old passphrase", "new passphrase"


def main(action: str, path: Path) -> None:
    key_file.SCRYPT_N = 2**10
    keys = protection.unlock(path, OLD) if action in ("change", "unprotect") else None
    print("go", flush=True)
    if action == "protect":
        protection.protect(path, OLD)
    elif action == "change":
        assert keys is not None
        protection.change_passphrase(path, keys, NEW)
    else:
        assert keys is not None
        protection.unprotect(path, keys)
    print("done", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
