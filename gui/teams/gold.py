"""Undoable changes to the gold layer, pushed on the document's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtGui

from core.curation import GOLD
from core.errors import TawsimError
from core.model import Span
from core.store import Project

Snapshot = tuple[list[Span], str]


def snapshot(project: Project, doc_id: str) -> Snapshot:
    """The gold layer's spans and status."""
    layer = project.layer(doc_id, GOLD)
    return layer.spans(), layer.status


def restore(project: Project, doc_id: str, state: Snapshot) -> None:
    """Make the gold layer hold exactly these spans (same ids) and this status."""
    spans, status = state
    layer = project.layer(doc_id, GOLD)
    keep = {s.id for s in spans}
    gone = [s.id for s in layer.spans() if s.id not in keep]
    if gone:
        layer.remove_many(gone)
    changed = [s for s in spans if layer.get(s.id) != s]
    if changed:
        layer.put_many(changed)
    if layer.status != status:
        layer.set_status(status)


class GoldCommand(QtGui.QUndoCommand):
    """Run a core curation function on gold once; undo and redo restore snapshots."""

    def __init__(
        self,
        project: Project,
        doc_id: str,
        text: str,
        action: Callable[[], object],
        *,
        changed: Callable[[], None],
        failed: Callable[[str], None],
    ) -> None:
        super().__init__(text)
        self.project = project
        self.doc_id = doc_id
        self.action = action
        self.changed = changed
        self.failed = failed
        self.before = snapshot(project, doc_id)
        self.after: Snapshot | None = None

    def redo(self) -> None:
        try:
            if self.after is None:
                self.action()
                self.after = snapshot(self.project, self.doc_id)
            else:
                restore(self.project, self.doc_id, self.after)
        except TawsimError as exc:
            self.setObsolete(True)
            self.failed(str(exc))
        self.changed()

    def undo(self) -> None:
        try:
            restore(self.project, self.doc_id, self.before)
        except TawsimError as exc:
            self.setObsolete(True)
            self.failed(str(exc))
        self.changed()
