"""The main window's menus and toolbar, built from the actions made from the shortcut table."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from gui.actions import ShortcutMenu, action_keys, tool_tip


def build_menus(window: Any) -> None:
    """Fill the menu bar and the main toolbar of a MainWindow from its actions_by_name."""
    a = window.actions_by_name
    file_menu = _menu(window, QtCore.QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addAction(a["new_project"])
    file_menu.addAction(a["open_project"])
    file_menu.addMenu(window.projects.recent_menu)
    file_menu.addSeparator()
    for name in ("import", "export", None, "quit"):
        file_menu.addSeparator() if name is None else file_menu.addAction(a[name])
        if name == "export":
            file_menu.addActions(window.teams.file_actions())
    edit_menu = _menu(window, QtCore.QCoreApplication.translate("MainWindow", "&Edit"))
    for name in ("undo", "redo", "undo_project", None, "find", None, "preferences"):
        edit_menu.addSeparator() if name is None else edit_menu.addAction(a[name])
    span_menu = _menu(window, QtCore.QCoreApplication.translate("MainWindow", "&Spans"))
    for name in (
        "next_span",
        "prev_span",
        None,
        "accept",
        "reject",
        "accept_all",
        "reject_all",
        "accept_all_project",
        "reject_all_project",
        None,
        "propagate_doc",
        "propagate_project",
        None,
        "start_back",
        "start_fwd",
        "end_back",
        "end_fwd",
        "start_back_word",
        "start_fwd_word",
        "end_back_word",
        "end_fwd_word",
    ):
        span_menu.addSeparator() if name is None else span_menu.addAction(a[name])
    project_menu = _menu(window, QtCore.QCoreApplication.translate("MainWindow", "&Project"))
    project_menu.addAction(a["labels"])
    doc_menu = _menu(window, QtCore.QCoreApplication.translate("MainWindow", "&Document"))
    for name in (
        "suggest",
        "mark_done",
        "next_document",
        "prev_document",
        None,
        "recommender_settings",
        "retrain",
    ):
        doc_menu.addSeparator() if name is None else doc_menu.addAction(a[name])
    view_menu = _menu(window, QtCore.QCoreApplication.translate("MainWindow", "&View"))
    for name in ("zoom_in", "zoom_out", None, "snap", "show_rejected"):
        view_menu.addSeparator() if name is None else view_menu.addAction(a[name])
    view_menu.addSeparator()
    for dock in (window.doc_dock, window.entity_dock):
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addAction(window.label_bar.toggleViewAction())
    view_menu.addSeparator()
    view_menu.addActions(window.teams.view_actions())

    help_menu = _menu(window, QtCore.QCoreApplication.translate("MainWindow", "&Help"))
    for name in ("shortcuts", None, "about"):
        help_menu.addSeparator() if name is None else help_menu.addAction(a[name])

    tools = window.addToolBar(QtCore.QCoreApplication.translate("MainWindow", "Main toolbar"))
    tools.setObjectName("main_toolbar")
    for name in (
        "undo",
        "redo",
        None,
        "prev_span",
        "next_span",
        None,
        "suggest",
        "accept_all",
        None,
        "mark_done",
        None,
        "show_rejected",
        "snap",
    ):
        if name is None:
            tools.addSeparator()
        elif name in ("undo", "redo"):
            # Qt's undo action reads "Undo Accept suggestions: 4019": on the toolbar
            # a fixed word, the whole text in the tooltip, so nothing else moves.
            tools.addAction(
                fixed_proxy(
                    window,
                    a[name],
                    QtCore.QCoreApplication.translate("MainWindow", "Undo")
                    if name == "undo"
                    else QtCore.QCoreApplication.translate("MainWindow", "Redo"),
                )
            )
        else:
            tools.addAction(a[name])
    window.insertToolBarBreak(window.label_bar)


def _menu(window: Any, title: str) -> QtWidgets.QMenu:
    """A menu-bar menu whose shortcut column reads left to right (gui.actions.ShortcutMenu)."""
    menu = ShortcutMenu(title, window)
    window.menuBar().addMenu(menu)
    return menu


def fixed_proxy(window: QtWidgets.QMainWindow, source: QtGui.QAction, text: str) -> QtGui.QAction:
    """A toolbar action with a fixed text that triggers source and shows its text as tip."""
    proxy = QtGui.QAction(text, window)
    proxy.setObjectName(f"toolbar_{source.objectName() or text}")
    proxy.triggered.connect(source.trigger)

    def follow() -> None:
        proxy.setEnabled(source.isEnabled())
        proxy.setToolTip(tool_tip(source.text(), action_keys(source)))

    source.changed.connect(follow)
    follow()
    return proxy
