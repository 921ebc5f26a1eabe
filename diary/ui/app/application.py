"""Starting the window: the Qt application, the diary, the look, and the first-run questions."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from diary import APP_NAME
from diary.settings import name_application
from diary.shipped import resources_folder
from diary.ui.app.window_start import WindowStart, bring_to_front, open_today_in
from diary.ui.widgets import theme

if TYPE_CHECKING:
    from diary.desktop.instance import Request, SingleInstance
    from diary.store.key_file import DiaryKeys
    from diary.ui.app.context import DiaryContext
    from diary.ui.app.main_window import MainWindow

# bring_to_front and open_today_in live with the window's start (window_start); named here too.
__all__ = ["bring_to_front", "make_application", "open_today_in", "run_window", "serve_request"]


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    name_application()  # QSettings' names; the diary's folder is pinned in desktop/paths.py
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName("isodiary")
    icon = resources_folder() / "isodiary.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def run_window(path: Path, demo: bool = False, in_tray: bool = False) -> int:
    """Open the diary at `path` in the window and run until it closes. Returns the exit code.

    `in_tray` (start at login) starts with the window hidden when the desktop has a tray.

    One window per diary: if another IsoDiary has it open, that one is brought forward.
    """
    app = make_application()
    from diary.desktop.instance import SingleInstance

    instance = SingleInstance(path)
    if not instance.start(listen=False):
        return _hand_over(app, instance)
    # Until the window exists, a second start brings forward whatever dialog is up: the
    # passphrase asked before the window runs the event loop, and then this listens.
    instance.show_requested.connect(lambda: bring_to_front(QApplication.activeModalWidget()))
    listen_early = QTimer(singleShot=True, interval=0)
    listen_early.timeout.connect(instance.listen)
    listen_early.start()
    start: WindowStart | None = None
    try:
        go_on, diary_keys = _ask_for_passphrase(app, path, instance)
        listen_early.stop()
        if not go_on:
            return 0

        def hand_over() -> int:  # another IsoDiary took the new diary's file meanwhile
            return _hand_over(app, instance)

        start = WindowStart(
            app,
            instance,
            path,
            serve_request,
            hand_over=hand_over,
            diary_keys=diary_keys,
            demo=demo,
            in_tray=in_tray,
        )
        return start.run()
    finally:
        if start is not None:
            start.end()
        instance.stop()


def _ask_for_passphrase(
    app: QApplication, path: Path, instance: SingleInstance
) -> tuple[bool, DiaryKeys | None]:
    """A protected diary asks for its passphrase before anything of it is read or shown:
    (False, None) when the person chose Quit, else (True, its keys). A plain diary: (True,
    None) at once. The diary file itself is checked once the window's frame is on screen
    (window_start), so that nothing but this test comes before the frame."""
    from diary.ui.app.opening import is_protected

    if not is_protected(path):
        return True, None
    from diary.ui.app.unlock_prompt import ask_to_unlock

    theme.apply_appearance(app)  # the diary's own choice is inside it
    instance.serve(serve_request_while_locked)
    keys = ask_to_unlock(path)
    instance.serve(None)
    # What the store's unlock gave the prompt (typed loosely there, to keep the store out of it).
    return keys is not None, cast("DiaryKeys | None", keys)


def _hand_over(app: QApplication, instance: SingleInstance) -> int:
    """Another IsoDiary has this diary: ask it to come forward rather than open a second writer."""
    if instance.ask_first_to_show():
        if sys.stderr is not None:
            print("IsoDiary is already open on this diary; its window was brought forward.", file=sys.stderr)
        return 0
    from PySide6.QtWidgets import QMessageBox

    holder = instance.lock.holder()
    theme.apply_appearance(app)
    QMessageBox.information(
        None,
        "IsoDiary is already open",
        f"IsoDiary already has this diary open{' ' + holder if holder else ''}, so it was not "
        "opened a second time. Please close it there first.\n\n"
        f"If IsoDiary is not open anywhere, delete this file and try again:\n{instance.lock.path}",
    )
    return 2


def serve_request_while_locked(request: Request) -> dict[str, object]:
    """Before the passphrase is typed at start, only the answer that it is locked."""
    action = request.get("do")
    words = LOCKED_REFUSAL.get(action) if isinstance(action, str) else None
    return {"ok": False, "message": words or "IsoDiary is locked. Unlock it in its window first.", "code": 1}


# A handed-over change while the window is locked: the diary waits for its passphrase.
LOCKED_REFUSAL = {
    "import": "IsoDiary is locked, so nothing was imported. Unlock it in its window, then try again.",
    "restore": "IsoDiary is locked, so nothing was restored. Unlock it in its window, then try again.",
    "add_photos": "IsoDiary is locked, so no photo was added. Unlock it in its window, then try again.",
}


def serve_request(
    window: MainWindow, context: DiaryContext, request: Request, locked: Callable[[], bool] = lambda: False
) -> dict[str, object]:
    """Apply work a command handed over (import, restore) through the window's context,
    so every view reloads and no form saves over it; answer with what the command prints.
    While the window is `locked()`, nothing is done, and the answer says why."""
    from diary.core.interchange import InterchangeError
    from diary.core.interchange.import_messages import WITHOUT_PHOTOS_HINT, PhotosWithoutImages
    from diary.store.files import check_regular
    from diary.store.transfer import REPLACE_HINT, nothing_imported
    from diary.ui.app.context import DiaryUnavailable
    from diary.ui.files.transfer_dialogs import prepared

    action = request.get("do")
    if locked() and isinstance(action, str) and action in LOCKED_REFUSAL:
        return {"ok": False, "message": LOCKED_REFUSAL[action], "code": 1}
    if not window.isEnabled():  # an import of its own is being checked on a worker thread
        return {
            "ok": False,
            "message": "IsoDiary's window is busy importing a file; try again when it is done.",
            "code": 1,
        }
    if action == "add_photos":
        return _add_photos(window, context, request)
    if action not in ("import", "restore") or not isinstance(request.get("file"), str):
        return {"ok": False, "message": f"IsoDiary's window cannot do {action!r}.", "code": 2}
    file = Path(request["file"])
    if not window.day_view.save_now():
        return {
            "ok": False,
            "message": "The open window could not save its last change, so nothing was changed: "
            + (window.day_view.autosaver.last_error or ""),
            "code": 1,
        }
    try:
        if action == "import":
            conflicts: list[str] = []

            def replace_days(why: str) -> bool:
                conflicts.append(why)
                return bool(request.get("replace"))

            kept: list[Path] = []
            summary = None
            try:
                check_regular(file)  # a FIFO would freeze the window
                replace = bool(request.get("replace"))
                read, kept = prepared(context, window, file)  # checked on a worker thread
                without_photos = bool(request.get("without_photos"))
                summary = context.import_file(read, replace_days, replace, without_photos)
            except OSError as error:
                why = f"{file}: {error.strerror or error}"
                return {"ok": False, "message": nothing_imported(why), "code": 2}
            except PhotosWithoutImages as error:
                message = f"{nothing_imported(str(error))} {WITHOUT_PHOTOS_HINT}"
                return {"ok": False, "message": message, "code": 2}
            except InterchangeError as error:
                return {"ok": False, "message": nothing_imported(str(error)), "code": 2}
            finally:
                if summary is None:
                    context.files.forget_images(kept)  # a bundle's images, kept first, go again
            if summary is None:
                return {"ok": False, "message": f"{conflicts[0]} {REPLACE_HINT}", "code": 2}
            return {"ok": True, "message": summary.describe() + " The open window shows it."}
        try:
            check_regular(file)
        except OSError as error:
            return {
                "ok": False,
                "message": f"{file}: {error.strerror or error}. Nothing was changed.",
                "code": 2,
            }
        restored = context.restore_backup(file)
        return {"ok": True, "message": restored.words(file) + "\nThe open window shows it."}
    except DiaryUnavailable as error:
        return {"ok": False, "message": str(error), "code": 1 if error.machine_refused else 2}


def _add_photos(window: MainWindow, context: DiaryContext, request: Request) -> dict[str, object]:
    """Save the photo records `isodiary photos add` hands over (it has kept their images)."""
    from diary.core.entry import InvalidValue
    from diary.core.photos import added_words, photo_from_record
    from diary.ui.app.context import DiaryUnavailable

    records = request.get("photos")
    try:
        if not isinstance(records, list):
            raise ValueError("no photos")
        photos = [photo_from_record(record) for record in records]
    except (InvalidValue, ValueError, AttributeError) as error:
        return {
            "ok": False,
            "message": f"IsoDiary's window did not understand the photos ({error}).",
            "code": 2,
        }
    try:
        for photo in photos:
            context.add_photo(photo)
    except DiaryUnavailable as error:
        return {"ok": False, "message": str(error), "code": 1}
    return {"ok": True, "message": added_words(photos) + "\nThe open window shows them."}
