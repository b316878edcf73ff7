"""Undoable edits. Each command's redo() and undo() call the workspace, never the store."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui

from core.changes import Change, LayerChange, Source
from core.model import LabelSet, Span

if TYPE_CHECKING:
    from gui.workspace import Workspace


class SpanCommand(QtGui.QUndoCommand):
    """Turn the spans ``before`` into ``after``, matched by id (and maybe set a status).

    A span in ``after`` with id 0 is new (it gets its id on the first redo and
    keeps it for every redo after an undo); a span in ``before`` missing from
    ``after`` is removed. Each redo and undo is one write.
    """

    def __init__(
        self,
        workspace: Workspace,
        doc_id: str,
        text: str,
        *,
        before: Iterable[Span] = (),
        after: Iterable[Span] = (),
        status: tuple[str, str] | None = None,
        annotator: str | None = None,
        source: Source = "edit",
    ) -> None:
        super().__init__(text)
        self.workspace = workspace
        self.doc_id = doc_id
        self.before = list(before)
        self.after = list(after)
        self.status = status
        self.annotator = annotator
        self.source: Source = source
        #: the next redo or undo was already written (by a project-wide run): it only moves
        #: the stack's index
        self.pre_written = False

    def _skip(self) -> bool:
        skip, self.pre_written = self.pre_written, False
        return skip

    def _removed_on_redo(self) -> list[int]:
        kept = {s.id for s in self.after}
        return [s.id for s in self.before if s.id not in kept]

    def _added_on_redo(self) -> list[int]:
        had = {s.id for s in self.before}
        return [s.id for s in self.after if s.id not in had]

    def _write(self, put: list[Span], remove: list[int], status: str | None) -> Change | None:
        change = self.workspace.edit_spans(
            self.doc_id,
            put=put,
            remove=remove,
            status=status,
            annotator=self.annotator,
            source=self.source,
        )
        if change is None:
            self.setObsolete(True)
        return change

    def redo(self) -> None:
        if self._skip():
            return
        change = self._write(
            self.after, self._removed_on_redo(), self.status[1] if self.status else None
        )
        if change is not None:
            self.after = [s for lc in change.layers for s in lc.written]

    def undo(self) -> None:
        if self._skip():
            return
        self._write(self.before, self._added_on_redo(), self.status[0] if self.status else None)


class RecordedCommand(SpanCommand):
    """A change made once by a function (suggestions, curation); undo and redo replay it.

    The first redo runs ``action``, which returns the Change it made; the
    command keeps only the spans that change touched (their old and new
    versions), not a snapshot of the layer. A first run that changed nothing
    makes the command obsolete, so nothing lands on the undo stack.
    """

    def __init__(
        self,
        workspace: Workspace,
        doc_id: str,
        text: str,
        action: Callable[[], Change | None],
        *,
        annotator: str | None = None,
        source: Source,
    ) -> None:
        super().__init__(workspace, doc_id, text, annotator=annotator, source=source)
        self.action: Callable[[], Change | None] | None = action
        self.result: LayerChange | None = None

    def redo(self) -> None:
        if self.action is None or self.pre_written:
            super().redo()
            return
        action, self.action = self.action, None
        change = action()
        who = self.annotator or self.workspace.annotator or ""
        lc = change.layer(self.doc_id, who) if change is not None else None
        if lc is None or lc.empty:
            self.setObsolete(True)
            return
        self.result = lc
        self.before = lc.old_spans
        self.after = lc.new_spans
        self.status = lc.status


def suggest_command(
    workspace: Workspace,
    doc_id: str,
    suggestions: Iterable[Any],
    text: str,
    *,
    only_covered: bool = False,
) -> RecordedCommand:
    """Store suggestions (automatic ones too) as one undoable command."""
    items = list(suggestions)
    return RecordedCommand(
        workspace,
        doc_id,
        text,
        lambda: workspace.apply_suggestions(doc_id, items, only_covered=only_covered),
        source="suggest",
    )


def add_spans(workspace: Workspace, doc_id: str, spans: Iterable[Span], text: str) -> SpanCommand:
    """A command that adds new spans."""
    return SpanCommand(workspace, doc_id, text, after=[s.evolve(id=0) for s in spans])


def change_spans(
    workspace: Workspace,
    doc_id: str,
    pairs: Iterable[tuple[Span, Span]],
    text: str,
    *,
    add: Iterable[Span] = (),
) -> SpanCommand:
    """A command that replaces spans by new versions (same ids), and maybe adds new ones."""
    pairs = list(pairs)
    return SpanCommand(
        workspace,
        doc_id,
        text,
        before=[a for a, _ in pairs],
        after=[b for _, b in pairs] + [s.evolve(id=0) for s in add],
    )


def remove_spans(
    workspace: Workspace, doc_id: str, spans: Iterable[Span], text: str
) -> SpanCommand:
    """A command that deletes spans."""
    return SpanCommand(workspace, doc_id, text, before=list(spans))


class SetStatusCommand(SpanCommand):
    """Set the annotator's status for a document (new, in_progress, done)."""

    def __init__(self, workspace: Workspace, doc_id: str, status: str, text: str = "") -> None:
        if not text:
            from gui.i18n import document_status

            mark = QtCore.QCoreApplication.translate("SetStatusCommand", "Mark {status}")
            text = mark.format(status=document_status(status))
        old = workspace.project.layer(doc_id).status
        super().__init__(workspace, doc_id, text, status=(old, status))


class LabelsCommand(QtGui.QUndoCommand):
    """Replace the label set, relabelling the spans of removed labels, as one undoable step.

    The spans that move are kept (old and new versions per document) on the
    first redo; undo puts them and the old label set back.
    """

    def __init__(
        self,
        workspace: Workspace,
        new: LabelSet,
        relabel: dict[str, str],
        text: str,
    ) -> None:
        super().__init__(text)
        self.workspace = workspace
        self.old = workspace.labels
        self.new = new
        self.relabel = dict(relabel)
        self.moved: list[tuple[str, list[Span], list[Span]]] | None = None

    def _run(self, target: LabelSet, forward: bool) -> None:
        from gui.widgets.label_editor import union

        project = self.workspace.project
        if self.relabel:
            project.set_labels(union(self.old, self.new))
        if self.moved is None:
            self.moved = []
            me = project.annotator
            for info in project.documents():
                spans = [s for s in project.layer(info.id).spans() if s.label in self.relabel]
                if spans and me:
                    new = [s.evolve(label=self.relabel[s.label]) for s in spans]
                    self.moved.append((info.id, spans, new))
        for doc_id, before, after in self.moved:
            project.edit_spans(doc_id, put=after if forward else before, source="labels")
        project.set_labels(target)

    def redo(self) -> None:
        if self.workspace.run_recorded("labels", lambda: self._run(self.new, True)) is None:
            self.setObsolete(True)

    def undo(self) -> None:
        if self.workspace.run_recorded("labels", lambda: self._run(self.old, False)) is None:
            self.setObsolete(True)
