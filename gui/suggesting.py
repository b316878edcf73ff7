"""Suggestions in the background: run the extractor on a document, label all occurrences.

The work runs as read-only workspace operations on copies of what it needs
(the text, a Document, a read-only view of the folder); results come back on
the UI thread and are stored as one undo command per document. Operations that
write (an import, a merge) never run beside them, so results never land in
the middle of one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtWidgets

from core.extract.base import Suggestion
from core.model import Document
from gui.bulk import confirm_bulk, show_progress
from gui.commands import suggest_command
from gui.decisions import ProjectRun
from gui.editing import PROPAGATE_ORIGIN, SpanEditing
from gui.extractor import ExtractorService
from gui.i18n import label_name, number
from gui.workspace import Op, Workspace


class SuggestionController(QtCore.QObject):
    """Starts suggestion and propagation work and stores the results as commands."""

    #: (text, timeout in ms) for the status bar; an empty text clears it
    message = QtCore.Signal(str, int)

    def __init__(
        self,
        workspace: Workspace,
        editing: SpanEditing,
        extractor: ExtractorService,
        *,
        parent: QtWidgets.QWidget,
        keep_run: Callable[[ProjectRun], str] | None = None,
    ) -> None:
        super().__init__(parent)
        #: keeps a finished project-wide run for Edit › Undo project-wide operation
        self.keep_run = keep_run
        self.workspace = workspace
        self.editing = editing
        self.extractor = extractor
        self._parent = parent
        self.tasks: list[Op] = []
        self._busy_shown = False  # the status bar shows a "working…" text of ours
        self.progress: QtWidgets.QProgressDialog | None = None  # the last project-wide run's

    # -- operations -------------------------------------------------------------
    def start(self, fn: Callable[..., Any], done: Callable[[Any], None], busy: str) -> Op:
        """Run fn as a read-only operation; done(result) runs on the UI thread."""
        op = self.workspace.run_op(fn, writes=False, label=busy, done=done, failed=self._failed)
        op.ended.connect(lambda: self._ended(op))
        self.tasks.append(op)
        self.message.emit(busy, 0)
        self._busy_shown = True
        return op

    def _say(self, text: str, timeout: int) -> None:
        self._busy_shown = False
        self.message.emit(text, timeout)

    def _ended(self, op: Op) -> None:
        if op in self.tasks:
            self.tasks.remove(op)
        if not self.tasks and self._busy_shown:  # a result's message stays
            self._busy_shown = False
            self.message.emit("", 0)

    def _failed(self, message: str) -> None:
        QtWidgets.QMessageBox.warning(self._parent, self.tr("Background task failed"), message)

    def cancel(self) -> None:
        """Ask every running task to stop."""
        for op in self.tasks:
            op.cancel()

    def _push(
        self,
        doc_id: str,
        suggestions: list[Suggestion],
        text: str,
        *,
        only_covered: bool = False,
        run: ProjectRun | None = None,
    ) -> int:
        """Store suggestions as one undo command on the document's stack; return how many."""
        if doc_id not in {d.id for d in self.workspace.project.documents()}:
            return 0  # the document is gone (an import was undone)
        command = suggest_command(
            self.workspace, doc_id, suggestions, text, only_covered=only_covered
        )
        self.workspace.session(doc_id).stack.push(command)
        result = command.result
        if run is not None and result is not None:
            run.commands.append((doc_id, command))
        return 0 if result is None else len(result.new_spans)

    # -- suggestions ------------------------------------------------------------
    def run_suggestions(self) -> Op | None:
        """Run the extractor on the open document off the UI thread; results arrive as a command."""
        session = self.workspace.current
        if session is None or self.workspace.read_only:
            return None
        session.suggested = True
        document = Document(session.info, session.text)
        doc_id, extractor = session.doc_id, self.extractor

        def work(_task: Any) -> tuple[str, list[Suggestion]]:
            return doc_id, extractor.suggest(document)

        return self.start(work, self._suggestions_arrived, self.tr("Finding entities…"))

    def _suggestions_arrived(self, result: tuple[str, list[Suggestion]]) -> None:
        doc_id, suggestions = result
        count = self._push(doc_id, suggestions, self.tr("Suggest entities"))
        text = self.tr("{count} new suggestions", "", count).format(count=number(count))
        self._say(text, 4000)

    # -- label all occurrences ------------------------------------------------------
    def propagate(self, scope: str) -> Op | None:
        """Label every other occurrence of the current span's text, as suggestions."""
        from core.propagate import find_occurrences

        session = self.workspace.current
        span = self.editing.editor.current_span
        if session is None or span is None:
            self.message.emit(self.tr("Go to a span first (Tab, or click it)."), 5000)
            return None
        if self.workspace.read_only:
            return None
        surface = session.text[span.start : span.end]
        project = self.workspace.project
        doc_ids = [d.id for d in project.documents()] if scope == "project" else [session.doc_id]
        open_id, open_text = session.doc_id, session.text
        read_view = self.workspace.read_view

        def work(task: Any) -> tuple[str, int, dict[str, list[tuple[int, int]]]]:
            found: dict[str, list[tuple[int, int]]] = {
                open_id: find_occurrences(open_text, surface)
            }
            others = [d for d in doc_ids if d != open_id]
            if others:  # other texts come from a read-only view, not the live project
                with read_view() as view:
                    for done_count, doc_id in enumerate(others):
                        if task.cancelled.is_set():
                            break  # nothing is written: the results are dropped as a whole
                        task.report(done_count, len(others))
                        found[doc_id] = find_occurrences(view.text(doc_id), surface)
            return span.label, span.id, found

        def done(result: tuple[str, int, dict[str, list[tuple[int, int]]]]) -> None:
            label, origin_id, found = result
            total = offered = 0
            origin = self.workspace.session(open_id).get(origin_id)
            planned = {
                doc_id: [
                    Suggestion(s, e, label, 1.0, PROPAGATE_ORIGIN)
                    for s, e in places
                    if not (
                        doc_id == open_id
                        and origin is not None
                        and (s, e) == (origin.start, origin.end)
                    )
                ]
                for doc_id, places in found.items()
            }
            count = sum(len(items) for items in planned.values())
            if not confirm_bulk(self._parent, count, "label", scope):
                self._say(self.tr("Nothing was labelled."), 4000)
                return
            text = self.tr("Label all “{text}”").format(text=surface)
            run = ProjectRun(text) if scope == "project" else None
            for doc_id, suggestions in planned.items():
                if suggestions:
                    offered += len(suggestions)
                    total += self._push(doc_id, suggestions, text, only_covered=True, run=run)
            hint = self.keep_run(run) if run is not None and self.keep_run is not None else ""
            labels = self.workspace.labels
            shown = label_name(labels.get(label)) if label in labels else label
            text = self.tr("{count} occurrences suggested as {label}", "", total)
            text = text.format(count=number(total), label=shown)
            if offered > total:
                skipped = offered - total
                text += self.tr("; %n left alone (already in or beside another span)", "", skipped)
            self._say(f"{text}. {hint}" if hint else text, 8000 if hint else 5000)

        busy = self.tr("Looking for “{text}”…").format(text=surface)
        op = self.start(work, done, busy)
        if scope == "project":
            self._show_progress(op, busy)
        return op

    def _show_progress(self, op: Op, label: str) -> None:
        """A progress bar with a Cancel that stops the work between documents."""
        self.progress = show_progress(self._parent, op, label, op.cancel, "bulk_progress")

        def ended() -> None:
            if op.cancelled:
                self._say(self.tr("Cancelled: nothing was labelled."), 4000)

        op.ended.connect(ended)
