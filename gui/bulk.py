"""Bulk actions ask first: over BULK_LIMIT spans, the count and the scope are named."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtWidgets

from gui.i18n import digits_in

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
    translate = QtCore.QCoreApplication.translate  # a short name for the lines below
    one_step = translate("Bulk", "It is one step: Undo takes all of it back.")
    text = bulk_question(what, scope, count)
    if what in ("accept", "reject") and scope == "project" and documents:
        text += " " + digits_in(Bulk().touched(documents))
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
    box = QtWidgets.QMessageBox(parent)
    box.setObjectName("bulk_confirm")
    box.setIcon(QtWidgets.QMessageBox.Icon.Question)
    box.setWindowTitle(translate("Bulk", "Change many spans"))
    box.setText(text)
    box.setInformativeText(one_step)
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
        if what == "reject" and scope == "document":
            return self.tr("Reject %n suggestion(s) in this document?", "", count)
        if what == "accept":
            return self.tr("Accept %n suggestion(s) in the whole project?", "", count)
        if what == "reject":
            return self.tr("Reject %n suggestion(s) in the whole project?", "", count)
        if scope == "document":
            return self.tr("Add %n suggestion(s) in this document?", "", count)
        return self.tr("Add %n suggestion(s) in the whole project?", "", count)

    def touched(self, documents: int) -> str:
        """How many documents a project-wide change touches."""
        return self.tr("Documents touched: %n.", "", documents)


def show_progress(
    parent: QtWidgets.QWidget | None, op: Any, label: str, cancel: Callable[[], None], name: str
) -> QtWidgets.QProgressDialog:
    """A progress bar for a queued run (an Op); Cancel calls cancel; it goes when the run ends."""
    progress = QtWidgets.QProgressDialog(
        label, QtCore.QCoreApplication.translate("Bulk", "Cancel"), 0, 0, parent
    )
    progress.setObjectName(name)
    progress.setWindowTitle("Tawsim")
    progress.setMinimumDuration(300)  # quick runs never flash a dialog
    progress.setAutoClose(False)
    progress.setAutoReset(False)
    progress.canceled.connect(cancel)

    def advance(done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)

    def ended() -> None:
        progress.canceled.disconnect()
        progress.close()
        progress.deleteLater()

    op.progress.connect(advance)
    op.ended.connect(ended)
    return progress
