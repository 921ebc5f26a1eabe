"""The packaged program's entry point: the same `isodiary` command as the installed one."""

import sys

from diary.cli import main

if __name__ == "__main__":
    sys.exit(main())
