"""`python -m diary` runs the same command as `isodiary`."""

import sys

from diary.cli import main

sys.exit(main())
