"""Walk IsoDiary's window through the AT-SPI tree alone, as a screen reader user's tools do.

Runs under the system Python (pyatspi is a Debian package, python3-pyatspi), started by
session.py; prints one JSON object of what it read. No key is pressed and no pixel clicked:
every step is an accessible action, value or text, and every wait polls the tree against a
deadline (a busy machine only makes it slower, never wrong).

    python3 walker.py dump|evening

The evening: yesterday logged with "None of these today" in both lists of the Medication
Guide's signs and symptoms, today with two warning signs and yesterday's skincare; the
message at save read and closed; the save status read; a week of Trends ▸ Show as table
read; then File ▸ Quit, which saves.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

import pyatspi
from gi.repository import GLib

WAIT_SECONDS = 90.0
POLL_SECONDS = 0.1
WINDOW_NAME = "IsoDiary main window"


class WalkFailed(Exception):
    pass


ROOTS: list[Any] = []  # the application, once found: its cached states are dropped each poll
HEARD: list[str] = []  # what the window announced (object:announcement), in order


def heard(event: Any) -> None:
    HEARD.append(str(event.any_data))


def refresh() -> None:
    """Read the tree afresh. While another AT (a screen reader) listens, the window sends
    events and libatspi caches states from them; without a main loop here that cache goes
    stale, so pending messages are handled and the cache is dropped before each look."""
    context = GLib.MainContext.default()
    while context.pending():
        context.iteration(False)
    for root in ROOTS:
        root.clear_cache()


def wait_for(what: str, check: Callable[[], Any], seconds: float = WAIT_SECONDS) -> Any:
    """Poll `check` until it returns something truthy; fail naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        refresh()
        try:
            found = check()
        except Exception:  # the tree changes under us while the window works: look again
            found = None
        if found:
            return found
        if time.monotonic() > deadline:
            raise WalkFailed(f"gave up waiting for {what}")
        time.sleep(POLL_SECONDS)


def descendants(node: Any) -> Iterator[Any]:
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is None:
            continue
        yield child
        yield from descendants(child)


def the_window() -> Any:
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is None:
            continue
        for frame_index in range(app.childCount):
            frame = app.getChildAtIndex(frame_index)
            if frame is not None and frame.name == WINDOW_NAME:
                return app
    return None


def find(root: Any, name: str | None = None, role: str | None = None, description: str | None = None) -> Any:
    for node in descendants(root):
        if name is not None and node.name != name:
            continue
        if role is not None and node.getRoleName() != role:
            continue
        if description is not None and node.description != description:
            continue
        if node.getState().contains(pyatspi.STATE_SHOWING) or role == "menu item":
            return node
    return None


def found(root: Any, **how: str) -> Any:
    return wait_for(f"{how} in the tree", lambda: find(root, **how))


# What AT-SPI says when the window answered late (a busy machine: D-Bus waits 25 s for the
# reply, and a first showing of Trends may take longer), or when the action closed what it
# was on (a message's button). The walk then waits on the tree for the action's effect.
LATE_OR_GONE = ("Did not receive a reply", "No such object path")


def act(node: Any, action: str) -> None:
    actions = node.queryAction()
    names = [actions.getName(index) for index in range(actions.nActions)]
    if action not in names:
        raise WalkFailed(f"{node.getRoleName()} {node.name!r} offers {names}, not {action!r}")
    try:
        actions.doAction(names.index(action))
    except GLib.GError as error:
        if not any(words in str(error) for words in LATE_OR_GONE):
            raise


def has_state(node: Any, state: Any) -> bool:
    return bool(node.getState().contains(state))


def tick(checklist: Any, line: str) -> None:
    """Tick one line of a list through its Toggle action, and wait till the tree says so."""
    item = wait_for(
        f"the line {line!r}", lambda: next((n for n in descendants(checklist) if n.name == line), None)
    )
    if not has_state(item, pyatspi.STATE_CHECKED):
        act(item, "Toggle")
    wait_for(f"{line!r} ticked", lambda: has_state(item, pyatspi.STATE_CHECKED))


def set_value(node: Any, value: float) -> None:
    node.queryValue().currentValue = value
    wait_for(f"{node.name} at {value}", lambda: node.queryValue().currentValue == value)


def dump(root: Any) -> list[dict[str, Any]]:
    rows = []
    for node in descendants(root):
        try:
            actions = node.queryAction()
            names = [actions.getName(index) for index in range(actions.nActions)]
        except NotImplementedError:
            names = []
        rows.append(
            {
                "role": node.getRoleName(),
                "name": node.name,
                "description": node.description,
                "actions": names,
                "showing": has_state(node, pyatspi.STATE_SHOWING),
                "focusable": has_state(node, pyatspi.STATE_FOCUSABLE),
            }
        )
    return rows


def texts_under(node: Any) -> list[str]:
    """The names of every label and text inside `node`, in reading order."""
    return [n.name for n in descendants(node) if n.getRoleName() in ("label", "text", "static") and n.name]


def save_status(app: Any) -> str:
    return str(found(app, role="label", description="Save status").name)


def log_day(app: Any, dose: float, mood: float, signs: list[str], skincare: list[str] | None) -> None:
    """Fill the day on screen through values and actions alone."""
    set_value(found(app, role="spin button", name="Dose taken today, in milligrams"), dose)
    set_value(found(app, role="spin button", name="Mood"), mood)
    tick_all(found(app, role="list", name="Warning signs today"), signs or [NONE])
    tick_all(found(app, role="list", name="Serious symptoms today"), [NONE])
    if skincare is None:
        act(found(app, role="push button", name="Same skincare as yesterday"), "Press")
    else:
        tick_all(found(app, role="list", name="Skincare steps done today"), skincare)
    tick_all(found(app, role="list", name="Other side effects today"), [NONE])


def tick_all(checklist: Any, lines: list[str]) -> None:
    for line in lines:
        tick(checklist, line)


NONE = "None of these today"


def read_table(table: Any, rows: int) -> dict[str, Any]:
    cells = table.queryTable()
    columns = cells.nColumns
    headings = [cells.getColumnHeader(column).name for column in range(columns)]
    read = [
        [cells.getAccessibleAt(row, column).name for column in range(columns)]
        for row in range(min(rows, cells.nRows))
    ]
    return {"name": table.name, "headings": headings, "rows": read, "row_count": cells.nRows}


def press_until_gone(app: Any, alert: Any, button_name: str) -> int:
    """Press the message's button until the message is gone (a second press only if a busy
    machine lost the first one: the walk records how many it took). The button is looked up
    afresh each time: under load the tree may have made it anew, or it went with the message."""
    for presses in range(1, 4):
        try:
            act(found(alert, role="push button", name=button_name), "Press")
        except (GLib.GError, WalkFailed):
            if find(app, role="alert") is None:
                return presses
        try:
            wait_for("the message closed", lambda: find(app, role="alert") is None, seconds=WAIT_SECONDS / 3)
            return presses
        except WalkFailed:
            continue
    raise WalkFailed("the message at save stayed open after three presses of its button")


def read_choosers(app: Any) -> dict[str, str]:
    """The names and descriptions of the boxes that choose (the chart's range)."""
    read = {}
    for name in ("Range of days to chart",):
        box = found(app, role="combo box", name=name)
        read[box.name] = box.description
    # (Settings' Appearance and Paper size are not read here: a menu item that opens a modal
    # dialog answers the tree only once the dialog closes. tests/ui/widgets/test_speech.py.)
    return read


def evening(app: Any) -> dict[str, Any]:
    result: dict[str, Any] = {}
    day_shown = found(app, role="label", description="Day shown")
    today_words = day_shown.name
    act(found(app, role="push button", name="Previous day"), "Press")
    wait_for("yesterday on screen", lambda: day_shown.name != today_words)
    result["yesterday"] = day_shown.name
    log_day(app, 20, 6, [], ["Gentle cleanser", "Sunscreen SPF 30+"])
    result["yesterday_status"] = wait_for(
        "yesterday saved", lambda: save_status(app).startswith("Saved") and save_status(app)
    )
    act(found(app, role="push button", name="Next day"), "Press")
    wait_for("today on screen", lambda: day_shown.name == today_words)
    result["today"] = today_words
    log_day(
        app, 20, 3, ["Felt sad or had crying spells", "Thoughts about hurting myself or ending my life"], None
    )
    severity = found(app, role="combo box", name="Breakout severity overall")
    result["severity"] = {"name": severity.name, "description": severity.description}
    result["tabs"] = [n.name for n in descendants(app) if n.getRoleName() == "page tab"]
    act(found(app, role="menu item", name="Save now"), "Press")
    alert = wait_for("the message at save", lambda: find(app, role="alert"))
    result["alert"] = {"role": alert.getRoleName(), "name": alert.name, "texts": texts_under(alert)}
    button = found(alert, role="push button", name="I have read this")
    result["alert"]["button_enabled_at_first"] = has_state(button, pyatspi.STATE_ENABLED)
    wait_for("the message's button awake", lambda: has_state(button, pyatspi.STATE_ENABLED))
    result["alert"]["presses"] = press_until_gone(app, alert, "I have read this")
    result["save_status"] = save_status(app)
    act(found(app, role="page tab", name="Trends view"), "Press")
    act(found(app, role="push button", name="Show the charted days as a table"), "Press")
    table = wait_for(
        "the trends table",
        lambda: next(
            (n for n in descendants(app) if n.getRoleName() == "table" and n.name.startswith("Trends from")),
            None,
        ),
    )
    wait_for("the table's rows", lambda: table.queryTable().nRows > 0)
    result["table"] = read_table(table, 7)
    dialog = table.parent
    act(found(dialog, role="push button", name="Close"), "Press")
    wait_for(
        "the table closed",
        lambda: (
            not any(n.getRoleName() == "table" and n.name.startswith("Trends from") for n in descendants(app))
        ),
    )
    result["choosers"] = read_choosers(app)
    act(found(app, role="menu item", name="Quit"), "Press")
    result["announced"] = HEARD
    return result


def main(scenario: str) -> dict[str, Any]:
    pyatspi.Registry.registerEventListener(heard, "object:announcement")
    app = wait_for("the IsoDiary window on the AT-SPI bus", the_window)
    ROOTS.append(app)
    wait_for("the day form", lambda: find(app, name="Warning signs today"))
    if scenario == "dump":
        tree = dump(app)
        act(found(app, role="menu item", name="Quit"), "Press")
        return {"tree": tree}
    if scenario == "evening":
        return evening(app)
    raise WalkFailed(f"no scenario {scenario!r}")


if __name__ == "__main__":
    try:
        result = main(sys.argv[1])
    except WalkFailed as failure:
        print(json.dumps({"failed": str(failure)}))
        sys.exit(1)
    print(json.dumps(result))
