"""How the main window's docks share the width beside the editor."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore, QtWidgets

#: a dock column narrower than this cuts document titles and span texts
READABLE_DOCK = 220
#: the splitter handles between the editor and the dock columns
HANDLES = 24


def give_way_level(widths: list[int], room: int) -> int:
    """The width the widest columns shrink to so that all of them fit in ``room``."""
    ordered = sorted(widths)
    used = 0
    for i, width in enumerate(ordered):
        level = (room - used) // (len(ordered) - i)
        if level <= width:
            return level
        used += width
    return ordered[-1] if ordered else room


def dock_columns(
    window: QtWidgets.QMainWindow, docks: Iterable[QtWidgets.QDockWidget]
) -> list[QtWidgets.QDockWidget]:
    """One visible dock per side-by-side column (tabified docks share a column)."""
    out: list[QtWidgets.QDockWidget] = []
    for dock in docks:
        if not dock.isVisible() or dock.isFloating():
            continue
        if any(other in out for other in window.tabifiedDockWidgets(dock)):
            continue
        out.append(dock)
    return out


def fit_docks(window: QtWidgets.QMainWindow, docks: Iterable[QtWidgets.QDockWidget]) -> None:
    """Docks give way before the editor, and none is squeezed while another is wide.

    The editor keeps at least half the window's width; in the rest every dock
    column gets at least a readable width (READABLE_DOCK, or an equal share when
    there is less room), the widest giving way first: curation opening beside
    the entity list never takes the document list's room. Columns already wide
    enough and fitting are left as the annotator set them.
    """
    columns = dock_columns(window, docks)
    if not columns:
        return
    room = max(0, window.width() - window.width() // 2 - HANDLES)
    floor = min(READABLE_DOCK, room // len(columns))
    current = [d.width() for d in columns]
    target = [max(w, floor) for w in current]
    if sum(target) > room:
        level = max(floor, give_way_level(target, room))
        target = [min(w, level) for w in target]
    if any(abs(a - b) > 2 for a, b in zip(target, current, strict=True)):
        window.resizeDocks(columns, target, QtCore.Qt.Orientation.Horizontal)
