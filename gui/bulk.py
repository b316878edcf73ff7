"""Bulk actions ask first: over BULK_LIMIT spans, the count and the scope are named."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.i18n import number

#: an action over more spans than this asks for confirmation first
BULK_LIMIT = 100


def confirm_bulk(
    parent: QtWidgets.QWidget | None, count: int, what: str, scope: str, documents: int = 0
) -> bool:
    """Ask before changing ``count`` spans; ``what`` is "accept", "reject" or "label".

    ``scope`` is "document" or "project" (``documents`` says how many documents a
    project-wide change touches). At or under BULK_LIMIT spans nothing is asked and
    the answer is yes.
    """
    if count <= BULK_LIMIT:
        return True
    shown = number(count)
    translate = QtCore.QCoreApplication.translate  # a short name for the lines below
    one_step = translate("Bulk", "It is one step: Undo takes all of it back.")
    if what == "accept" and scope == "document":
        text = translate("Bulk", "Accept {count} suggestions in this document?")
    elif what == "reject" and scope == "document":
        text = translate("Bulk", "Reject {count} suggestions in this document?")
    elif what in ("accept", "reject") and documents:
        if what == "accept":
            text = translate("Bulk", "Accept {count} suggestions in the whole project?")
        else:
            text = translate("Bulk", "Reject {count} suggestions in the whole project?")
        text += " " + translate("Bulk", "Documents touched: {documents}.")
        # Each document gets its own undo step; the project-wide undo takes them all back.
        one_step = " ".join(
            (
                translate(
                    "Bulk",
                    "Ctrl+Z undoes one document; Edit › Undo project-wide operation undoes all.",
                ),
                translate("Bulk", "Cancel while it runs leaves the project as it was."),
            )
        )
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
    box.setText(text.format(count=shown, documents=number(documents)))
    box.setInformativeText(one_step)
    Button = QtWidgets.QMessageBox.StandardButton
    box.setStandardButtons(Button.Ok | Button.Cancel)
    box.setDefaultButton(Button.Ok)
    answer = box.exec()
    box.deleteLater()
    return answer == Button.Ok
