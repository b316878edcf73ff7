"""Suggestions in the background: run the extractor on a document, label all occurrences.

The work runs in QThreadPool workers on copies of what it needs (the text, a
Document); results come back by signal and are written on the UI thread as
one undo command. While an import or export holds the project, arriving
results wait (``hold``) and are written when it is released.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6 import QtCore, QtWidgets

from core.errors import TawsimError
from core.extract.base import Suggestion
from core.model import Document
from core.store import Project
from gui import workers
from gui.editing import PROPAGATE_ORIGIN, SpanEditing
from gui.extractor import ExtractorService
from gui.i18n import label_name, number
from gui.session import DocumentSession


class SuggestionController(QtCore.QObject):
    """Starts suggestion and propagation workers and writes their results."""

    #: (text, timeout in ms) for the status bar; an empty text clears it
    message = QtCore.Signal(str, int)

    def __init__(
        self,
        project: Project,
        editing: SpanEditing,
        extractor: ExtractorService,
        *,
        current: Callable[[], DocumentSession | None],
        session_for: Callable[[str], DocumentSession],
        parent: QtWidgets.QWidget,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.editing = editing
        self.extractor = extractor
        self._current = current
        self._session_for = session_for
        self._parent = parent
        self.tasks: list[workers.Task] = []
        self._held: list[Callable[[], None]] | None = None

    # -- holding results while the project is busy ---------------------------
    def hold(self) -> None:
        """Keep results back until release() (an import or export is running)."""
        if self._held is None:
            self._held = []

    def release(self) -> None:
        """Write the results that arrived while held."""
        held, self._held = self._held or [], None
        for write in held:
            write()

    def _deliver(self, write: Callable[[], None]) -> None:
        if self._held is not None:
            self._held.append(write)
        else:
            write()

    # -- tasks ----------------------------------------------------------------
    def start(self, fn: Callable[..., Any], done: Callable[[Any], None], busy: str) -> workers.Task:
        """Run fn in a worker; done(result) runs on the UI thread."""
        task = workers.Task(fn)
        task.signals.finished.connect(lambda result: self._deliver(lambda: done(result)))
        task.signals.failed.connect(self._failed)
        task.signals.ended.connect(self._ended)  # a bound slot: dropped with this object
        self.tasks.append(task)
        self.message.emit(busy, 0)
        return workers.start(task)

    def _ended(self, task: workers.Task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        if not self.tasks:
            self.message.emit("", 0)

    def _failed(self, message: str) -> None:
        QtWidgets.QMessageBox.warning(self._parent, self.tr("Background task failed"), message)

    def cancel(self) -> None:
        """Ask every running task to stop."""
        for task in self.tasks:
            task.cancel()

    # -- suggestions ------------------------------------------------------------
    def run_suggestions(self, *, undoable: bool) -> workers.Task | None:
        """Run the extractor on the open document in a worker; results arrive as suggestions."""
        session = self._current()
        if session is None or self.project.read_only:
            return None
        session.suggested = True
        document = Document(session.info, session.text)
        doc_id, extractor = session.doc_id, self.extractor

        def work(_cancelled: Any) -> tuple[str, bool, list[Suggestion]]:
            return doc_id, undoable, extractor.suggest(document)

        return self.start(work, self._suggestions_arrived, self.tr("Finding entities…"))

    def _suggestions_arrived(self, result: tuple[str, bool, list[Suggestion]]) -> None:
        doc_id, undoable, suggestions = result
        try:
            session = self._session_for(doc_id)
        except TawsimError:  # the document is gone (an import was undone)
            return
        count = self.editing.write_suggestions(
            session, suggestions, self.tr("Suggest entities"), undoable=undoable
        )
        text = self.tr("{count} new suggestions", "", count).format(count=number(count))
        self.message.emit(text, 4000)

    # -- label all occurrences ------------------------------------------------------
    def propagate(self, scope: str) -> workers.Task | None:
        """Label every other occurrence of the current span's text, as suggestions."""
        from core.propagate import find_occurrences

        session = self._current()
        span = self.editing.editor.current_span
        if session is None or span is None:
            self.message.emit(self.tr("Go to a span first (Tab, or click it)."), 5000)
            return None
        if self.project.read_only:
            return None
        surface = session.text[span.start : span.end]
        project = self.project
        doc_ids = [d.id for d in project.documents()] if scope == "project" else [session.doc_id]
        folder, open_id, open_text = project.folder, session.doc_id, session.text

        def work(cancelled: Any) -> tuple[str, int, dict[str, list[tuple[int, int]]]]:
            found: dict[str, list[tuple[int, int]]] = {
                open_id: find_occurrences(open_text, surface)
            }
            others = [d for d in doc_ids if d != open_id]
            if others:  # other texts come from a read-only view, not the live project
                with Project.open(folder, read_only=True) as view:
                    for doc_id in others:
                        if cancelled.is_set():
                            break
                        found[doc_id] = find_occurrences(view.text(doc_id), surface)
            return span.label, span.id, found

        def done(result: tuple[str, int, dict[str, list[tuple[int, int]]]]) -> None:
            label, origin_id, found = result
            total = 0
            current = self._current()
            for doc_id, places in found.items():
                target = self._session_for(doc_id)
                origin = current.get(origin_id) if current is not None else None
                suggestions = [
                    Suggestion(s, e, label, 1.0, PROPAGATE_ORIGIN)
                    for s, e in places
                    if not (
                        target is current
                        and origin is not None
                        and (s, e) == (origin.start, origin.end)
                    )
                ]
                total += self.editing.write_suggestions(
                    target, suggestions, self.tr("Label all “{text}”").format(text=surface)
                )
            labels = self.project.labels
            shown = label_name(labels.get(label)) if label in labels else label
            text = self.tr("{count} occurrences suggested as {label}", "", total)
            self.message.emit(text.format(count=number(total), label=shown), 5000)

        return self.start(work, done, self.tr("Looking for “{text}”…").format(text=surface))
