"""Icons: the app's own, and arrows that point the way the interface reads."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

ICON_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"
APP_ICON = ICON_DIR / "tawsim.svg"


def app_icon() -> QtGui.QIcon:
    """Tawsim's icon (resources/icons/tawsim.svg)."""
    return QtGui.QIcon(str(APP_ICON))


def reading_arrow(forward: bool, widget: QtWidgets.QWidget | None = None) -> QtGui.QIcon:
    """An arrow towards the next (forward) or previous item in the interface's reading order.

    In a right-to-left interface "next" points left, so the icon is chosen from
    the layout direction rather than left to the style.
    """
    rtl = (
        widget.layoutDirection() if widget is not None else QtGui.QGuiApplication.layoutDirection()
    ) == QtCore.Qt.LayoutDirection.RightToLeft
    points_right = forward != rtl
    pixmap = (
        QtWidgets.QStyle.StandardPixmap.SP_ArrowRight
        if points_right
        else QtWidgets.QStyle.StandardPixmap.SP_ArrowLeft
    )
    style = widget.style() if widget is not None else QtWidgets.QApplication.style()
    return style.standardIcon(pixmap)
