"""The open project as the GUI holds it: one owner of sessions, undo stacks and changes.

Every write the GUI makes goes through the workspace, which calls a
``Project`` method and announces the ``Change`` it returns on one signal,
``changed``; every screen subscribes to it and looks only at what touches it
(Anki's ``OpChanges``). Background work (import, export, suggestions, merge,
retraining) goes through ``run_op``: operations that write run one at a time
and never while another operation reads the project; their ``Change`` is
announced on the UI thread when they end.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from PySide6 import QtCore, QtGui

from core.changes import Change, Source
from core.errors import TawsimError
from core.model import LabelSet, Span
from core.store import Project
from core.store.disk import DiskMonitor
from gui import workers
from gui.error_messages import error_text
from gui.session import DocumentSession

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpResult:
    """What a background operation returns: its Change (announced) and any other value."""

    change: Change
    value: Any = None


class Op(QtCore.QObject):
    """One queued background operation; its signals arrive on the UI thread."""

    #: what the work returned
    finished = QtCore.Signal(object)
    #: a one-line error
    failed = QtCore.Signal(str)
    #: (done, total)
    progress = QtCore.Signal(int, int)
    #: always last, also when cancelled
    ended = QtCore.Signal()

    def __init__(self, fn: Callable[[workers.Task], Any], *, writes: bool, label: str) -> None:
        super().__init__()
        self.writes = writes
        self.label = label
        self.task = workers.Task(lambda _cancelled: fn(self.task))
        # Slots of this UI-thread object: the worker's signals are queued to it.
        self.task.signals.finished.connect(self._finished)
        self.task.signals.failed.connect(self._failed)
        self.task.signals.progress.connect(self._progress)
        self.task.signals.ended.connect(self._ended)

    @QtCore.Slot(object)
    def _finished(self, result: object) -> None:
        self.finished.emit(result)

    @QtCore.Slot(str)
    def _failed(self, message: str) -> None:
        self.failed.emit(message)

    @QtCore.Slot(int, int)
    def _progress(self, done: int, total: int) -> None:
        self.progress.emit(done, total)

    @QtCore.Slot(object)
    def _ended(self, _task: object) -> None:
        self.ended.emit()

    @property
    def cancelled(self) -> bool:
        """True once cancel() was called."""
        return self.task.cancelled.is_set()

    def cancel(self) -> None:
        """Ask the operation to stop (a queued one never starts)."""
        self.task.cancel()


class Workspace(QtCore.QObject):
    """The open project, its document sessions and undo stacks, and the change channel."""

    #: a Change (never empty), on the UI thread
    changed = QtCore.Signal(object)
    #: the session now shown in the editor
    current_changed = QtCore.Signal(object)
    #: a save failed; the view shows what is on disk again
    save_failed = QtCore.Signal(str)
    #: True while an operation that writes runs (the window holds edits back)
    busy_changed = QtCore.Signal(bool)

    def __init__(self, project: Project, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.sessions: dict[str, DocumentSession] = {}
        self.current: DocumentSession | None = None
        self.undo_group = QtGui.QUndoGroup(self)
        self.monitor = DiskMonitor(project)
        self.pool = QtCore.QThreadPool(self)
        self.pool.setMaxThreadCount(max(2, QtCore.QThread.idealThreadCount()))
        self._queue: deque[Op] = deque()
        self._running: list[Op] = []

    # -- the project ---------------------------------------------------------
    @property
    def annotator(self) -> str | None:
        """The annotator whose layer the GUI edits."""
        return self.project.annotator

    @property
    def labels(self) -> LabelSet:
        """The project's label set."""
        return self.project.labels

    @property
    def read_only(self) -> bool:
        """True when the project was opened read-only."""
        return self.project.read_only

    @contextmanager
    def read_view(self) -> Iterator[Project]:
        """A read-only Project over the same folder, for work off the UI thread."""
        with Project.open(
            self.project.folder, annotator=self.project.annotator, read_only=True
        ) as view:
            yield view

    # -- sessions ------------------------------------------------------------
    def session(self, doc_id: str) -> DocumentSession:
        """The session of a document, made on first use (its undo stack lives with it)."""
        session = self.sessions.get(doc_id)
        if session is None:
            session = DocumentSession(self.project, doc_id, self)
            self.undo_group.addStack(session.stack)
            self.sessions[doc_id] = session
        return session

    def open(self, doc_id: str) -> DocumentSession:
        """Make a document the current one."""
        session = self.session(doc_id)
        self.current = session
        self.undo_group.setActiveStack(session.stack)
        self.current_changed.emit(session)
        return session

    def _forget(self, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            session = self.sessions.pop(doc_id, None)
            if session is None:
                continue
            self.undo_group.removeStack(session.stack)
            if session is self.current:
                self.current = None
            session.deleteLater()

    # -- writes ----------------------------------------------------------------
    def publish(self, change: Change) -> None:
        """Announce a change to every subscriber (an empty one is dropped)."""
        if change.empty:
            return
        if change.documents_removed:
            self._forget(change.documents_removed)
        self.changed.emit(change)

    def edit_spans(
        self,
        doc_id: str,
        *,
        put: Iterable[Span] = (),
        remove: Iterable[int] = (),
        status: str | None = None,
        annotator: str | None = None,
        source: Source = "edit",
    ) -> Change | None:
        """Write span changes (one file write); None, and save_failed, if the store refused."""
        try:
            change = self.project.edit_spans(
                doc_id, put=put, remove=remove, status=status, annotator=annotator, source=source
            )
        except TawsimError as exc:
            self._failed(doc_id, annotator, error_text(exc))
            return None
        self.publish(change)
        return change

    def set_status(self, doc_id: str, status: str, annotator: str | None = None) -> bool:
        """Set a document's status; False if the store refused."""
        return self.edit_spans(doc_id, status=status, annotator=annotator) is not None

    def apply_suggestions(
        self,
        doc_id: str,
        suggestions: Iterable[Any],
        *,
        only_covered: bool = False,
        source: Source = "suggest",
    ) -> Change | None:
        """Store suggestions without touching a decision; None if the store refused."""
        try:
            change = self.project.apply_suggestions(
                doc_id, list(suggestions), only_covered=only_covered, source=source
            )
        except TawsimError as exc:
            self._failed(doc_id, None, error_text(exc))
            return None
        self.publish(change)
        return change

    def run_recorded(self, source: Source, action: Callable[[], object]) -> Change | None:
        """Run a core function that writes, and announce everything it wrote as one Change."""
        with self.project.recording(source) as rec:
            try:
                action()
            except TawsimError as exc:
                self.publish(rec.change)
                self.save_failed.emit(error_text(exc))
                return None
        self.publish(rec.change)
        return rec.change

    def set_labels(self, labels: LabelSet) -> Change | None:
        """Replace the project's label set."""
        return self.run_recorded("labels", lambda: self.project.set_labels(labels))

    def _failed(self, doc_id: str, annotator: str | None, message: str) -> None:
        log.warning("save failed: %s", message)
        try:
            reloaded = self.project.reload_layer(doc_id, annotator or self.annotator or "")
        except TawsimError as exc:  # the disk is unreadable too: say so as well
            message += "\n\n" + self.tr("Reloading also failed: {error}").format(error=exc)
        else:
            self.publish(Change("disk", layers=(reloaded,)))
        self.save_failed.emit(message)

    # -- changes on disk ---------------------------------------------------------
    def poll_disk(self, annotators: Iterable[str] | None = None) -> Change:
        """Reload what changed on disk (not while an operation writes); announce it."""
        if any(op.writes for op in self._running):
            return Change("disk")
        change = self.monitor.poll(annotators)
        me = self.annotator
        for lc in change.layers:
            session = self.sessions.get(lc.doc_id)
            if lc.annotator == me and session is not None:
                session.stack.clear()  # the history no longer matches the file
        self.publish(change)
        return change

    # -- background operations ------------------------------------------------------
    def run_op(
        self,
        fn: Callable[[workers.Task], Any],
        *,
        writes: bool,
        label: str = "",
        done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None,
    ) -> Op:
        """Queue background work; ``done(value)`` runs on the UI thread when it ends.

        An operation that writes waits until nothing else runs and runs alone;
        one that only reads runs beside other readers. When ``fn`` returns an
        OpResult (or a Change), its Change is announced before ``done`` runs.
        """
        op = Op(fn, writes=writes, label=label)
        op.setParent(self)
        op.finished.connect(lambda result: self._finished(op, result, done))
        if failed is not None:
            op.failed.connect(failed)
        op.ended.connect(lambda: self._ended(op))
        self._queue.append(op)
        self._pump()
        return op

    @property
    def busy(self) -> bool:
        """True while an operation that writes runs."""
        return any(op.writes for op in self._running)

    @property
    def ops(self) -> list[Op]:
        """Operations running or waiting."""
        return [*self._running, *self._queue]

    def _pump(self) -> None:
        while self._queue:
            op = self._queue[0]
            if op.cancelled:
                self._queue.popleft()
                op.ended.emit()
                continue
            if self._running and (op.writes or any(r.writes for r in self._running)):
                return
            self._queue.popleft()
            self._running.append(op)
            if op.writes:
                self.busy_changed.emit(True)
            self.pool.start(op.task)

    def _finished(self, op: Op, result: Any, done: Callable[[Any], None] | None) -> None:
        change = result.change if isinstance(result, OpResult) else result
        if isinstance(change, Change):
            self.publish(change)
        if done is not None and not op.cancelled:
            done(result.value if isinstance(result, OpResult) else result)

    def _ended(self, op: Op) -> None:
        if op in self._running:
            self._running.remove(op)
            if op.writes:
                self.busy_changed.emit(False)
        op.deleteLater()
        self._pump()

    def cancel(self) -> None:
        """Cancel every operation, running or waiting."""
        for op in self.ops:
            op.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Wait for the running operations (tests, closing the window)."""
        return self.pool.waitForDone(msecs)
