"""Shortcuts as the Arabic interface shows them: once each, portable, left to right."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6 import QtWidgets

from gui import i18n
from gui.actions import ShortcutMenu

LRI, PDI = "\u2066", "\u2069"
ARABIC = re.compile("[\u0600-\u06ff]")
# the actions the issue named, with the one key its menu item must show
EXPECTED = {"undo": "Ctrl+Z", "zoom_in": "Ctrl++", "zoom_out": "Ctrl+-", "start_back": "Alt+Left"}


@pytest.fixture
def arabic(qapp) -> Iterator[i18n.Interface]:  # type: ignore[no-untyped-def]
    """The Arabic interface, for one test."""
    used = i18n.install(qapp, i18n.Interface("ar", "arabic"))
    assert used.language == "ar", "the Arabic translation could not be compiled"
    yield used
    i18n.install(qapp, i18n.Interface("en", "western"))


def _menu_of(window, action) -> ShortcutMenu:  # type: ignore[no-untyped-def]
    for menu in window.findChildren(ShortcutMenu):
        if action in menu.actions():
            return menu
    raise AssertionError(f"{action.objectName()} is in no menu-bar menu")


def _shown(menu: QtWidgets.QMenu, action) -> str:  # type: ignore[no-untyped-def]
    """The text the menu hands the style to draw for an action (text, tab, shortcut)."""
    option = QtWidgets.QStyleOptionMenuItem()
    menu.initStyleOption(option, action)
    return option.text


def test_arabic_menus_show_each_shortcut_once_left_to_right(arabic, project, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(project)
    a = window.actions_by_name
    for name, key in EXPECTED.items():
        menu = _menu_of(window, a[name])
        menu.popup(window.mapToGlobal(window.rect().center()))
        text, tab, column = _shown(menu, a[name]).partition("\t")
        menu.hide()
        assert tab, (name, text)
        assert ARABIC.search(text), text
        assert column == f"{LRI}{key}{PDI}", (name, column)
    # the key itself still works through the action's own sequences
    assert a["undo"].shortcut().toString() == "Ctrl+Z"
    assert a["start_back"].shortcut().toString() == "Alt+Left"


def test_arabic_menus_never_translate_key_names(arabic, project, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(project)
    for menu in window.findChildren(ShortcutMenu):
        for action in menu.actions():
            column = _shown(menu, action).partition("\t")[2]
            if column:
                assert column.startswith(LRI) and column.endswith(PDI), column
                assert not ARABIC.search(column), (action.objectName(), column)
                assert "," not in column.strip(LRI + PDI).replace("Ctrl+,", ""), column


def test_arabic_tooltips_list_each_key_once_without_internal_keys(
    arabic, project, make_window
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(project)
    a = window.actions_by_name
    undo = a["undo"].toolTip()
    keys = undo.rpartition(" (")[2].removesuffix(")").split(", ")
    assert keys[0] == f"{LRI}Ctrl+Z{PDI}", undo
    assert len(keys) == len(set(keys)) and all(k[0] == LRI and k[-1] == PDI for k in keys), undo
    assert "F14" not in undo and "Undo" not in undo, undo
    previous = a["prev_span"].toolTip()
    assert previous.endswith(f"({LRI}Shift+Tab{PDI})"), previous
    assert "Backtab" not in previous
    zoom = a["zoom_in"].toolTip()
    assert f"{LRI}Ctrl++{PDI}" in zoom and "ZoomIn" not in zoom
    assert a["start_back"].toolTip().endswith(f"({LRI}Alt+Left{PDI})")
    toolbar_undo = window.findChild(type(a["undo"]), "toolbar_undo")
    assert toolbar_undo.toolTip().endswith(undo.rpartition(" (")[2]), toolbar_undo.toolTip()


def test_arabic_shortcut_help_isolates_each_key(qtbot, arabic, project, make_window) -> None:  # type: ignore[no-untyped-def]
    from gui.widgets.help import ShortcutHelp

    window = make_window(project)
    help_panel = ShortcutHelp(window)
    qtbot.addWidget(help_panel)
    cells = {}
    for r in range(help_panel.table.rowCount()):
        item = help_panel.table.item(r, 0)
        for name in item.data(0x0100):  # Qt.UserRole: the actions of the row
            cells[name] = item.text()
    for name, key in EXPECTED.items():
        keys = [k.strip() for k in cells[name].split("/")]
        assert keys[0] == f"{LRI}{key}{PDI}", (name, cells[name])
        assert len(keys) == len(set(keys)), cells[name]
        assert all(k.startswith(LRI) and k.endswith(PDI) for k in keys), cells[name]
        assert not ARABIC.search(cells[name]), cells[name]
    assert "F14" not in cells["undo"] and "Undo" not in cells["undo"]
    assert cells["zoom_in"] == f"{LRI}Ctrl++{PDI}  /  {LRI}Ctrl+={PDI}"
