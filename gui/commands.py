"""Undoable edits. Each command's redo() and undo() call the store through a DocumentSession."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore, QtGui

from core.model import Span
from gui.session import DocumentSession


class SpanCommand(QtGui.QUndoCommand):
    """Turn the spans ``before`` into ``after``, matched by id.

    A span in ``after`` with id 0 is new (it gets its id on the first redo and
    keeps it for every redo after an undo); a span in ``before`` missing from
    ``after`` is removed.
    """

    def __init__(
        self,
        session: DocumentSession,
        text: str,
        *,
        before: Iterable[Span] = (),
        after: Iterable[Span] = (),
        applied: bool = False,
    ) -> None:
        super().__init__(text)
        self.session = session
        self.before = list(before)
        self.after = list(after)
        # True when the change is already in the store (the first redo is then a no-op).
        self._applied = applied

    def _removed_on_redo(self) -> list[int]:
        kept = {s.id for s in self.after}
        return [s.id for s in self.before if s.id not in kept]

    def _added_on_redo(self) -> list[int]:
        had = {s.id for s in self.before}
        return [s.id for s in self.after if s.id not in had]

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        saved = self.session.apply(put=self.after, remove=self._removed_on_redo())
        if saved is None:
            self.setObsolete(True)
            return
        self.after = saved

    def undo(self) -> None:
        restored = self.session.apply(put=self.before, remove=self._added_on_redo())
        if restored is None:
            self.setObsolete(True)


def add_spans(session: DocumentSession, spans: Iterable[Span], text: str) -> SpanCommand:
    """A command that adds new spans."""
    return SpanCommand(session, text, after=[s.evolve(id=0) for s in spans])


def change_spans(
    session: DocumentSession, pairs: Iterable[tuple[Span, Span]], text: str
) -> SpanCommand:
    """A command that replaces spans by new versions (same ids)."""
    pairs = list(pairs)
    return SpanCommand(session, text, before=[a for a, _ in pairs], after=[b for _, b in pairs])


def remove_spans(session: DocumentSession, spans: Iterable[Span], text: str) -> SpanCommand:
    """A command that deletes spans."""
    return SpanCommand(session, text, before=list(spans))


class SetStatusCommand(QtGui.QUndoCommand):
    """Set the annotator's status for a document (new, in_progress, done)."""

    def __init__(self, session: DocumentSession, status: str, text: str = "") -> None:
        if not text:
            from gui.i18n import document_status

            mark = QtCore.QCoreApplication.translate("SetStatusCommand", "Mark {status}")
            text = mark.format(status=document_status(status))
        super().__init__(text)
        self.session = session
        self.old = session.layer.status
        self.new = status

    def redo(self) -> None:
        if not self.session.set_status(self.new):
            self.setObsolete(True)

    def undo(self) -> None:
        if not self.session.set_status(self.old):
            self.setObsolete(True)
