"""Bulk actions ask first: over BULK_LIMIT spans, the count and the scope are named."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.i18n import digits_in

#: an action over more spans than this asks for confirmation first
BULK_LIMIT = 100


def confirm_bulk(parent: QtWidgets.QWidget | None, count: int, what: str, scope: str) -> bool:
    """Ask before changing ``count`` spans; ``what`` is "accept" or "label".

    At or under BULK_LIMIT spans nothing is asked and the answer is yes.
    """
    if count <= BULK_LIMIT:
        return True
    translate = QtCore.QCoreApplication.translate  # a short name for the lines below
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName("bulk_confirm")
    box.setIcon(QtWidgets.QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Bulk", "Change many spans"))
    box.setText(bulk_question(what, scope, count))
    box.setInformativeText(translate("Bulk", "It is one step: Undo takes all of it back."))
    Button = QtWidgets.QMessageBox.StandardButton
    box.setStandardButtons(Button.Ok | Button.Cancel)
    box.setDefaultButton(Button.Ok)
    answer = box.exec()
    box.deleteLater()
    return answer == Button.Ok


def bulk_question(what: str, scope: str, count: int) -> str:
    """The confirmation question for a bulk change (a plural: Arabic has six forms)."""
    return digits_in(Bulk().question(what, scope, count))


class Bulk(QtCore.QObject):
    """The "Bulk" translation context for plurals (lupdate reads plurals only from tr)."""

    def question(self, what: str, scope: str, count: int) -> str:
        """The question in the interface language, with Qt's plural form for count."""
        if what == "accept" and scope == "document":
            return self.tr("Accept %n suggestion(s) in this document?", "", count)
        if what == "accept":
            return self.tr("Accept %n suggestion(s) in the whole project?", "", count)
        if scope == "document":
            return self.tr("Add %n suggestion(s) in this document?", "", count)
        return self.tr("Add %n suggestion(s) in the whole project?", "", count)
