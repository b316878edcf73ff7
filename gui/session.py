"""One open document in the editor: its text, offset map, undo stack and store access."""

from __future__ import annotations

import logging

from PySide6 import QtCore, QtGui

from core.errors import TawsimError
from core.model import Span
from core.store import Layer, Project
from gui.offsets import OffsetMap

log = logging.getLogger(__name__)


class DocumentSession(QtCore.QObject):
    """A document as the GUI holds it while the project is open.

    Commands change spans only through :meth:`apply` and :meth:`set_status`,
    which write through the store at once (autosave). When the store fails,
    the layer is reloaded from disk so that the view shows what is saved.
    """

    #: span ids whose rows changed (an empty tuple means "reload everything")
    spans_changed = QtCore.Signal(object)
    status_changed = QtCore.Signal(str)
    #: "saved", "failed" or "read-only", with a message
    save_state = QtCore.Signal(str, str)
    failed = QtCore.Signal(str)
    #: a saved change: the spans' old versions and their new versions (learning listens)
    saved = QtCore.Signal(list, list)

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
        """The current annotator's layer of this document."""
        return self.project.layer(self.doc_id)

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

    def apply(self, *, put: list[Span] = (), remove: list[int] = ()) -> list[Span] | None:  # type: ignore[assignment]
        """Write span changes through the store; None (and a message) if it failed."""
        put, remove = list(put), list(remove)
        layer = self.layer
        old = [s for s in (layer.get(i) for i in {s.id for s in put if s.id} | set(remove)) if s]
        try:
            saved = layer.put_many(put) if put else []
            if remove:
                layer.remove_many(remove)
        except TawsimError as exc:
            self._failed(str(exc))
            return None
        self.save_state.emit("saved", "")
        self.saved.emit(old, list(saved))
        self.spans_changed.emit(tuple({s.id for s in saved} | set(remove)))
        return saved

    def set_status(self, status: str) -> bool:
        """Set the annotator's document status; False if the store failed."""
        try:
            self.layer.set_status(status)
        except TawsimError as exc:
            self._failed(str(exc))
            return False
        self.save_state.emit("saved", "")
        self.status_changed.emit(status)
        return True

    def reload(self) -> None:
        """Drop the cached layer so that it is read again from disk."""
        self.layer.close()
        self.project._touch_summary(self.doc_id, self.layer.annotator)  # noqa: SLF001

    def _failed(self, message: str) -> None:
        log.warning("save failed: %s", message)
        try:
            self.reload()
        except TawsimError as exc:  # the disk is unreadable too: say so as well
            message += "\n\n" + self.tr("Reloading also failed: {error}").format(error=exc)
        self.save_state.emit("failed", message)
        self.spans_changed.emit(())
        self.failed.emit(message)
