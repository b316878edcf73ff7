"""One open document in the editor: its text, offset map and undo stack.

A session only reads; every write goes through the workspace (gui/workspace.py),
which owns the sessions.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from core.model import Span
from core.store import Layer, Project
from gui.offsets import OffsetMap


class DocumentSession(QtCore.QObject):
    """A document as the GUI holds it while the project is open."""

    def __init__(self, project: Project, doc_id: str, parent: QtCore.QObject | None = None):
        super().__init__(parent)
        self.project = project
        self.doc_id = doc_id
        self.info = project.document(doc_id)
        self.text = project.text(doc_id)
        self.offsets = OffsetMap(self.text)
        self.stack = QtGui.QUndoStack(self)
        self.suggested = False  # recommenders already ran in this session

    @property
    def layer(self) -> Layer:
        """The current annotator's layer of this document (read it; write through the workspace)."""
        return self.project.layer(self.doc_id)

    @property
    def annotator(self) -> str:
        """Whose layer the session edits."""
        return self.layer.annotator

    @property
    def status(self) -> str:
        """The annotator's status for the document."""
        return self.layer.status

    @property
    def read_only(self) -> bool:
        """True when the project was opened read-only."""
        return self.project.read_only

    def spans(self) -> list[Span]:
        """Spans in reading order."""
        return self.layer.spans()

    def get(self, span_id: int) -> Span | None:
        """One span by id."""
        return self.layer.get(span_id)
