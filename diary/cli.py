"""The `isodiary` command: the window by default, and sub-commands for work without it.

Exit codes: 0 done, 1 the diary has a problem (a failed check), 2 bad input (a file,
an argument or a diary file that cannot be used), with a message that names it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from diary import __version__
from diary.commands import COMMAND_MODULES, CommandError
from diary.store.errors import DiaryUnavailable

# The options of the window's own start; arguments made of these alone name no command.
WINDOW_OPTIONS = (
    "--db",
    "--demo",
    "--tray",
    "--version",
    "--install-desktop-entry",
    "--remove-desktop-entry",
)


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isodiary",
        description="A private daily diary for a course of isotretinoin. "
        "With no command, opens the diary window.",
        epilog="The diary file is --db PATH, else $ISODIARY_DB, else the diary in your "
        "application-data folder. Nothing leaves your computer unless you export it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH", type=Path, help="the diary file to use")
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        type=Path,
        help="for a protected diary: read its passphrase from the first line of FILE "
        "(else it is asked for on the terminal)",
    )
    # Never from an argument, which others on the computer can read: said, and the value never repeated.
    parser.add_argument("--passphrase", nargs="?", action=_RefusePassphrase, help=argparse.SUPPRESS)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use a throwaway copy of a five-month demo diary (deleted on exit)",
    )
    parser.add_argument(
        "--tray",
        action="store_true",
        help="start in the system tray, without the window (how start at login opens it)",
    )
    menu = parser.add_mutually_exclusive_group()
    menu.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="add IsoDiary, with its icon, to this user's application menu (Linux)",
    )
    menu.add_argument(
        "--remove-desktop-entry",
        action="store_true",
        help="take IsoDiary out of this user's application menu again",
    )
    if not with_commands:
        return parser
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"diary.commands.{name}").add_to(commands)
    return parser


class _RefusePassphrase(argparse.Action):
    def __call__(self, parser: argparse.ArgumentParser, *_args: object, **_options: object) -> None:
        parser.error(
            "a passphrase is never given as an argument (other programs on this computer can read "
            "those); put it in the first line of a file and give --passphrase-file FILE, or type it "
            "when asked"
        )


def names_no_command(argv: Sequence[str]) -> bool:
    """Whether `argv` is only the window's own options (and --db's path): then the window
    starts without loading every command's module to build parsers it will not use."""
    after_db = False
    for argument in argv:
        if after_db:
            after_db = False
        elif argument == "--db":
            after_db = True
        elif not (argument in WINDOW_OPTIONS or argument.startswith("--db=")):
            return False
    return True


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(with_commands=not names_no_command(arguments)).parse_args(arguments)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if args.install_desktop_entry or args.remove_desktop_entry:
        return _desktop_entry(install=args.install_desktop_entry)
    try:
        with _diary_location(args) as path:
            args.db = path
            if handler is None:
                # Starting the window allocates much and frees little: the collector waits
                # until its first frame (run_window), saving it some 30 ms of needless walks.
                gc.disable()
                from diary.ui.app.application import run_window

                return run_window(path, demo=args.demo, in_tray=args.tray)
            if not getattr(args, "unlocks_itself", False):
                from diary.commands.passphrase import unlock_if_protected

                # A protected diary's keys, from --passphrase-file or the terminal, for the run.
                unlock_if_protected(args)
            code = handler(args)
            sys.stdout.flush()  # a full disk shows here, not as a lost end after exit
            return code
    except CommandError as error:
        print(f"isodiary: {error}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    except DiaryUnavailable as error:
        print(f"isodiary: {error}", file=sys.stderr)
        return 1 if error.machine_refused else 2
    except OSError as error:
        # Whatever the system refused that no command foresaw: said plainly, never a traceback.
        return _system_refused(error)
    except BrokenPipeError:
        # The reader (`| head`) has gone; say nothing more, as other command-line tools do.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        gc.enable()  # when the window ended before its first frame


def _system_refused(error: OSError) -> int:
    import errno

    where = f"{error.filename}: " if error.filename else ""
    print(f"isodiary: {where}{error.strerror or error}. Nothing was changed.", file=sys.stderr)
    # A name that cannot be (too long, missing, a loop) is bad input; the rest the computer refused.
    bad_names = (errno.ENAMETOOLONG, errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.ELOOP, errno.EINVAL)
    return 2 if error.errno in bad_names else 1


def _desktop_entry(install: bool) -> int:
    from diary.desktop import menu_entry as desktop_entry

    try:
        if install:
            for path in desktop_entry.install():
                print(f"Wrote {path}")
            return 0
        removed = desktop_entry.remove()
    except OSError as error:
        print(f"isodiary: could not change the application menu: {error}", file=sys.stderr)
        return 2
    for path in removed:
        print(f"Removed {path}")
    if not removed:
        print("IsoDiary was not in the application menu.")
    return 0


@contextmanager
def _diary_location(args: argparse.Namespace) -> Iterator[Path]:
    """The diary file to use; for --demo, a fresh copy of the demo in a folder removed afterwards."""
    if not args.demo:
        if args.db is not None:
            yield Path(args.db).expanduser()
            return
        from diary.desktop.paths import default_diary_path

        yield default_diary_path()
        return
    import tempfile

    from diary.store.demo import create_demo_diary

    with tempfile.TemporaryDirectory(prefix="isodiary-demo-") as folder:
        yield create_demo_diary(Path(folder), dt.date.today())
