"""The review flow: mark a document done (asking about open suggestions), move between documents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtWidgets

from gui.commands import SetStatusCommand
from gui.editing import SpanEditing
from gui.i18n import digits_in
from gui.models.documents import DocumentListModel
from gui.widgets.panels import DocumentPanel
from gui.workspace import Workspace


class ReviewFlow(QtCore.QObject):
    """Mark done and open the next unfinished document; step through the document list."""

    def __init__(
        self,
        window: QtWidgets.QMainWindow,
        workspace: Workspace,
        editing: SpanEditing,
        doc_model: DocumentListModel,
        doc_panel: DocumentPanel,
        open_document: Callable[[str], Any],
    ) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.editing = editing
        self.doc_model = doc_model
        self.doc_panel = doc_panel
        self.open_document = open_document
        self.ranking: Any = None  # the running "most useful first" operation
        doc_panel.order_requested.connect(self.set_order)

    def set_order(self, order: str) -> Any:
        """Order the document list as imported, or most useful first (computed off the UI)."""
        if order != "useful":
            self.doc_panel.set_rank(None)
            return None
        from core.extract.active import most_useful_first

        read_view = self.workspace.read_view
        annotator = self.workspace.annotator

        def work(task: Any) -> list[str]:
            with read_view() as view:
                return most_useful_first(view, annotator, progress=task.report)

        def done(ids: list[str]) -> None:
            self.doc_panel.set_rank(ids)
            self.window.statusBar().showMessage(
                self.tr("Most useful first: the model is least sure about the top documents."),
                6000,
            )

        self.window.statusBar().showMessage(self.tr("Ranking the documents…"))
        self.ranking = self.workspace.run_op(
            work, writes=False, label=self.tr("Ranking the documents…"), done=done
        )
        return self.ranking

    def mark_done(self) -> str | None:
        """Mark the open document done and open the next unfinished one; return its id.

        With suggestions still unreviewed, the annotator is asked first: accept
        them, leave them, or go back.
        """
        session = self.workspace.current
        if session is None or self.workspace.read_only:
            return None
        open_count = sum(s.status == "suggested" for s in session.spans())
        if open_count:
            choice = self.window.ask_unreviewed(open_count)  # type: ignore[attr-defined]
            if choice == "back":
                return None
            if choice == "accept":
                self.editing.accept_all(ask=False)  # the annotator just chose it
        command = SetStatusCommand(self.workspace, session.doc_id, "done", self.tr("Mark done"))
        session.stack.push(command)
        following = self.doc_panel.next_unfinished(session.doc_id)
        if following is not None:
            self.open_document(following)
        else:
            self.window.statusBar().showMessage(self.tr("Every document is done."), 5000)
        return following

    def ask_unreviewed(self, count: int) -> str:
        """Ask what to do with unreviewed suggestions: "accept", "leave" or "back"."""
        box = QtWidgets.QMessageBox(self.window)
        box.setObjectName("unreviewed_box")
        box.setIcon(QtWidgets.QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Mark done"))
        box.setText(digits_in(self.tr("%n suggestion(s) not reviewed.", "", count)))
        box.setInformativeText(
            self.tr("Accept them, leave them as suggestions, or go back to review them?")
        )
        Role = QtWidgets.QMessageBox.ButtonRole
        accept = box.addButton(self.tr("Accept them"), Role.AcceptRole)
        leave = box.addButton(self.tr("Leave them"), Role.DestructiveRole)
        back = box.addButton(self.tr("Go back"), Role.RejectRole)
        box.setDefaultButton(back)
        box.setEscapeButton(back)
        box.exec()
        clicked = box.clickedButton()
        box.deleteLater()
        return "accept" if clicked is accept else "leave" if clicked is leave else "back"

    def step_document(self, direction: int) -> str | None:
        """Open the next (+1) or previous (-1) document in the list; mark nothing."""
        current = self.workspace.current
        following = self.doc_panel.neighbour(current.doc_id if current else None, direction)
        if following is None:
            self.window.statusBar().showMessage(
                self.tr("This is the last document.")
                if direction > 0
                else self.tr("This is the first document."),
                3000,
            )
            return None
        self.open_document(following)
        return following
