"""The window's Help menu and preferences: shortcut help, About, language and digits."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets


class InterfaceActions(QtCore.QObject):
    """Opens the help, About and Preferences dialogs of one main window."""

    def __init__(self, window: QtWidgets.QMainWindow) -> None:
        super().__init__(window)
        self.window = window

    def show_shortcuts(self) -> QtWidgets.QDialog:
        """Help › Keyboard shortcuts: every shortcut, from the actions' table."""
        from gui.widgets.help import ShortcutHelp

        return self._open_once("shortcut_help", ShortcutHelp)

    def show_about(self) -> QtWidgets.QDialog:
        """Help › About Tawsim: version, credits and licences."""
        from gui.widgets.about import AboutDialog

        return self._open_once("about", AboutDialog)

    def edit_preferences(self) -> QtWidgets.QDialog:
        """Edit › Preferences: interface language and digits (applied on restart)."""
        from gui.widgets.preferences import PreferencesDialog

        window = self.window
        dialog = PreferencesDialog(window)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            changed = dialog.save()
            if changed and dialog.restart:
                # gui.app.run opens a new window on the same project, in the new language.
                window.restart_requested = True  # type: ignore[attr-defined]
                QtCore.QTimer.singleShot(0, window.close)
            elif changed:
                window.statusBar().showMessage(
                    self.tr("The new interface settings apply when Tawsim restarts."), 8000
                )

        dialog.accepted.connect(save)
        dialog.open()
        return dialog

    def _open_once(
        self, name: str, make: Callable[[QtWidgets.QWidget], QtWidgets.QDialog]
    ) -> QtWidgets.QDialog:
        dialog = self.window.findChild(QtWidgets.QDialog, name)
        if dialog is None:
            dialog = make(self.window)
            dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def set_direction_icons(self, actions: dict[str, QtGui.QAction]) -> None:
        """Next and previous point the way the interface reads (left in Arabic)."""
        from gui.widgets.icons import reading_arrow

        actions["next_span"].setIcon(reading_arrow(True, self.window))
        actions["prev_span"].setIcon(reading_arrow(False, self.window))
