"""Bulk actions ask first: over BULK_LIMIT spans, the count and the scope are named."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.i18n import number

#: an action over more spans than this asks for confirmation first
BULK_LIMIT = 100


def confirm_bulk(parent: QtWidgets.QWidget | None, count: int, what: str, scope: str) -> bool:
    """Ask before changing ``count`` spans; ``what`` is "accept" or "label".

    At or under BULK_LIMIT spans nothing is asked and the answer is yes.
    """
    if count <= BULK_LIMIT:
        return True
    shown = number(count)
    translate = QtCore.QCoreApplication.translate  # a short name for the lines below
    if what == "accept" and scope == "document":
        text = translate("Bulk", "Accept {count} suggestions in this document?")
    elif what == "accept":
        text = translate("Bulk", "Accept {count} suggestions in the whole project?")
    elif scope == "document":
        text = translate("Bulk", "Add {count} suggestions in this document?")
    else:
        text = translate("Bulk", "Add {count} suggestions in the whole project?")
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName("bulk_confirm")
    box.setIcon(QtWidgets.QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Bulk", "Change many spans"))
    box.setText(text.format(count=shown))
    box.setInformativeText(translate("Bulk", "It is one step: Undo takes all of it back."))
    Button = QtWidgets.QMessageBox.StandardButton
    box.setStandardButtons(Button.Ok | Button.Cancel)
    box.setDefaultButton(Button.Ok)
    answer = box.exec()
    box.deleteLater()
    return answer == Button.Ok
