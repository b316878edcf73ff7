"""Unexpected errors: a short dialog with the log path and "Copy details", never a traceback."""

from __future__ import annotations

import sys

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from core.errors import StoreError
from gui.app import ExceptHook, log_path


def _raise(exc: BaseException):  # type: ignore[no-untyped-def]
    try:
        raise exc
    except BaseException:  # noqa: BLE001
        return sys.exc_info()


@pytest.fixture
def shown(monkeypatch):  # type: ignore[no-untyped-def]
    """Dialogs the hook opens, without blocking (exec is replaced by show)."""
    from gui.widgets.error_dialog import ErrorDialog

    dialogs: list[ErrorDialog] = []

    def fake_exec(self: ErrorDialog) -> int:
        dialogs.append(self)
        self.show()
        return 0

    monkeypatch.setattr(ErrorDialog, "exec", fake_exec)
    return dialogs


def _visible_text(dialog: QtWidgets.QDialog) -> str:
    parts = [dialog.windowTitle()]
    for label in dialog.findChildren(QtWidgets.QLabel):
        parts.append(label.text())
    for edit in dialog.findChildren(QtWidgets.QLineEdit):
        parts.append(edit.text())
    for button in dialog.findChildren(QtWidgets.QAbstractButton):
        parts.append(button.text())
    return "\n".join(parts)


def test_unexpected_error_opens_a_short_dialog(qtbot, qapp, data_dir, shown) -> None:  # type: ignore[no-untyped-def]
    hook = ExceptHook()
    hook(*_raise(ZeroDivisionError("division by zero in a secret place")))
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    text = _visible_text(dialog)
    assert "Traceback" not in text and "secret place" not in text and "File " not in text
    assert "unexpected problem" in text and "saved" in text
    assert dialog.path.text() == str(log_path()) and str(data_dir) in dialog.path.text()
    # the log has the full traceback
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError" in logged and "Python" in logged
    # "Copy details" puts it on the clipboard
    qtbot.mouseClick(dialog.copy_button, QtCore.Qt.MouseButton.LeftButton)
    copied = QtGui.QGuiApplication.clipboard().text()
    assert "ZeroDivisionError" in copied and "Traceback" in copied
    assert dialog.copy_button.text() == "Copied"


def test_known_error_shows_its_message(qtbot, data_dir, shown) -> None:  # type: ignore[no-untyped-def]
    hook = ExceptHook()
    hook(*_raise(StoreError("settings.json is unreadable; fix or delete it")))
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == "settings.json is unreadable; fix or delete it"
    assert "Traceback" not in _visible_text(dialog)


def test_install_routes_uncaught_exceptions_to_the_hook(data_dir) -> None:  # type: ignore[no-untyped-def]
    from gui.app import install_excepthook

    before = sys.excepthook
    try:
        hook = install_excepthook()
        assert sys.excepthook is hook and isinstance(hook, ExceptHook)
    finally:
        sys.excepthook = before


def test_a_second_error_while_the_dialog_is_open_is_only_logged(
    qtbot, data_dir, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from gui.widgets.error_dialog import ErrorDialog

    hook = ExceptHook()
    opened: list[ErrorDialog] = []

    def reentrant_exec(self: ErrorDialog) -> int:
        opened.append(self)
        qtbot.addWidget(self)
        hook(*_raise(ValueError("second")))  # raised while the first dialog is up
        return 0

    monkeypatch.setattr(ErrorDialog, "exec", reentrant_exec)
    hook(*_raise(ValueError("first")))
    assert len(opened) == 1
    logged = log_path().read_text(encoding="utf-8")
    assert "first" in logged and "second" in logged


def test_error_dialog_in_arabic(qtbot, qapp, data_dir, shown) -> None:  # type: ignore[no-untyped-def]
    from gui import i18n

    try:
        i18n.install(qapp, i18n.Interface("ar", "arabic"))
        ExceptHook()(*_raise(KeyError("x")))
        dialog = shown[0]
        qtbot.addWidget(dialog)
        assert dialog.layoutDirection() == QtCore.Qt.LayoutDirection.RightToLeft
        assert "توسيم" in dialog.windowTitle()
        assert dialog.path.layoutDirection() == QtCore.Qt.LayoutDirection.LeftToRight
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))
