"""Decisions over many spans: reject all in the document, accept or reject all in the project.

A decision in the open document is one command on its undo stack. A
project-wide run goes through the workspace's queue (it writes, so it runs
alone) with a progress bar; Cancel leaves the project as it was: what was
already written is written back, as label-all in the project drops its
results. When a run ends, each document it touched gets one command on its
own undo stack (Ctrl+Z there takes back that document's part), and the run is
kept in the project's history: Edit › Undo project-wide operation takes back
every part still on top of its document's stack, through the queue too.
Documents edited since are left alone, and the status bar says how many.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from core.errors import TawsimError
from core.model import Span
from core.store import Project
from gui.bulk import confirm_bulk, show_progress
from gui.commands import SpanCommand
from gui.i18n import digits_in, number
from gui.workspace import Op, OpResult, Workspace


@dataclass(frozen=True)
class Part:
    """One document's share of a project-wide run: the spans before and after it."""

    doc_id: str
    before: tuple[Span, ...]
    after: tuple[Span, ...]
    #: (before, after) document status, once known (a first decision moves "new" on)
    status: tuple[str, str] | None = None

    def write(self, project: Project, forward: bool) -> Part:
        """Write the after side (forward) or the before side back (one write).

        Returns the part with the document status change it made, when it made one.
        """
        new, old = (self.after, self.before) if forward else (self.before, self.after)
        keep = {s.id for s in new}
        status = None if self.status is None else self.status[1 if forward else 0]
        change = project.edit_spans(
            self.doc_id, put=new, remove=[s.id for s in old if s.id not in keep], status=status
        )
        if self.status is None:
            for lc in change.layers:
                if lc.doc_id == self.doc_id and lc.status is not None:
                    return replace(self, status=lc.status if forward else lc.status[::-1])
        return self


@dataclass
class ProjectRun:
    """A finished project-wide run: its name and each document's command."""

    text: str
    commands: list[tuple[str, SpanCommand]] = field(default_factory=list)


def write_parts(
    project: Project,
    parts: Iterable[Part | None],
    *,
    forward: bool,
    stopped: Callable[[], bool],
    report: Callable[[int], None],
) -> tuple[list[Part], str | None]:
    """Write parts in order (off the UI thread); on a stop or an error, write back what was done.

    Returns the parts written and None, or no parts and "cancelled" or the error's line.
    """
    done: list[Part] = []
    outcome: str | None = None
    try:
        for index, part in enumerate(parts):
            if stopped():
                outcome = "cancelled"
                break
            if part is not None:
                done.append(part.write(project, forward))
            report(index + 1)
    except TawsimError as exc:
        outcome = str(exc)
    if outcome is None:
        return done, None
    for part in reversed(done):  # the project as it was before the run
        part.write(project, not forward)
    return [], outcome


class ProjectDecisions(QtCore.QObject):
    """Reject all in the document; accept or reject all in the project; undo a project run."""

    #: (text, timeout in ms) for the status bar
    message = QtCore.Signal(str, int)

    def __init__(self, workspace: Workspace, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self._parent = parent
        self.history: list[ProjectRun] = []
        self.progress: QtWidgets.QProgressDialog | None = None  # the running run's
        self.running: Op | None = None
        self._stop: threading.Event | None = None
        self.actions: dict[str, QtGui.QAction] = {}
        self._make_actions()
        workspace.changed.connect(lambda _change: self.update_actions())

    # -- actions -------------------------------------------------------------
    def _make_actions(self) -> None:
        def act(name: str, text: str, tip: str, slot: Callable[[], object]) -> None:
            action = QtGui.QAction(text, self._parent)
            action.setObjectName(name)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            action.triggered.connect(lambda _checked=False: slot())
            self.actions[name] = action

        act(
            "reject_all",
            self.tr("Reject all suggestions"),
            self.tr("Reject every open suggestion in this document"),
            self.reject_all,
        )
        act(
            "accept_all_project",
            self.tr("Accept all suggestions in the project…"),
            self.tr("Accept every open suggestion in every document"),
            lambda: self.decide_project("accepted"),
        )
        act(
            "reject_all_project",
            self.tr("Reject all suggestions in the project…"),
            self.tr("Reject every open suggestion in every document"),
            lambda: self.decide_project("rejected"),
        )
        act(
            "undo_project",
            self.tr("Undo project-wide operation"),
            self.tr("Take back the last change made to every document at once"),
            self.undo_last,
        )
        self.update_actions()

    def update_actions(self) -> None:
        """Enable what can run now; the project-wide undo names what it takes back."""
        ws = self.workspace
        writable = not ws.read_only and self.running is None and not ws.busy
        for name in ("reject_all", "accept_all_project", "reject_all_project"):
            self.actions[name].setEnabled(writable)
        undo = self.actions["undo_project"]
        undo.setEnabled(writable and bool(self.history))
        if self.history:
            undo.setText(
                self.tr("Undo project-wide operation: {text}").format(text=self.history[-1].text)
            )
        else:
            undo.setText(self.tr("Undo project-wide operation"))

    # -- the open document -------------------------------------------------------
    def reject_all(self, *, ask: bool = True) -> int:
        """Reject every open suggestion in the open document as one command (asking over 100)."""
        session = self.workspace.current
        if session is None or self.workspace.read_only:
            return 0
        before = session.layer.spans(status="suggested")
        if not before:
            self.message.emit(self.tr("No open suggestions in this document."), 4000)
            return 0
        if ask and not confirm_bulk(self._parent, len(before), "reject", "document"):
            return 0
        who = session.annotator
        after = [s.evolve(status="rejected", annotator=who) for s in before]
        text = self.tr("Reject suggestions: {count}").format(count=number(len(before)))
        session.stack.push(
            SpanCommand(self.workspace, session.doc_id, text, before=before, after=after)
        )
        return len(before)

    # -- the whole project ---------------------------------------------------------
    def decide_project(self, status: str, *, ask: bool = True) -> Op | None:
        """Accept (status "accepted") or reject every open suggestion in the project."""
        if self.workspace.read_only or self.running is not None:
            return None
        project = self.workspace.project
        counts = {d.id: project.summary(d.id).suggested for d in project.documents()}
        doc_ids = [doc_id for doc_id, count in counts.items() if count]
        total = sum(counts.values())
        if not total:
            self.message.emit(self.tr("There are no open suggestions in the project."), 5000)
            return None
        what = "accept" if status == "accepted" else "reject"
        if ask and not confirm_bulk(self._parent, total, what, "project", len(doc_ids)):
            self.message.emit(self.tr("Nothing was changed."), 4000)
            return None
        if status == "accepted":
            text = self.tr("Accept all suggestions in the project")
        else:
            text = self.tr("Reject all suggestions in the project")

        def parts() -> Iterator[Part | None]:
            for doc_id in doc_ids:
                layer = project.layer(doc_id)
                before = tuple(layer.spans(status="suggested"))
                after = tuple(s.evolve(status=status, annotator=layer.annotator) for s in before)
                yield Part(doc_id, before, after) if before else None

        def finished(done: list[Part]) -> None:
            run = ProjectRun(text)
            for part in done:
                command = SpanCommand(
                    self.workspace,
                    part.doc_id,
                    f"{text} ({number(len(part.after))})",
                    before=part.before,
                    after=part.after,
                    status=part.status,
                )
                command.pre_written = True  # the run wrote it: pushing only records it
                self.workspace.session(part.doc_id).stack.push(command)
                run.commands.append((part.doc_id, command))
            self.add_run(run)
            count = sum(len(p.after) for p in done)
            if status == "accepted":
                said = self.tr("Accepted {count} suggestions in %n document(s).", "", len(done))
            else:
                said = self.tr("Rejected {count} suggestions in %n document(s).", "", len(done))
            self._say(said.format(count=number(count)) + " " + self._undo_hint())

        return self._run(text, parts(), len(doc_ids), True, finished)

    def add_run(self, run: ProjectRun) -> str:
        """Keep a finished project-wide run (label all in the project too) for undo.

        Returns the sentence that says how to undo it ("" when it changed nothing).
        """
        if run.commands:
            self.history.append(run)
        self.update_actions()
        return self._undo_hint() if run.commands else ""

    def _left_alone(self, edited: int) -> str:
        return self.tr(
            "%n document(s) edited since were left alone (undo there with Ctrl+Z).", "", edited
        )

    def _undo_hint(self) -> str:
        return self.tr("Edit › Undo project-wide operation takes it all back.")

    def undo_last(self) -> Op | None:
        """Take back the last project-wide run in every document where it is the last edit."""
        if not self.history or self.running is not None or self.workspace.read_only:
            return None
        run = self.history[-1]
        undoable: list[tuple[QtGui.QUndoStack, SpanCommand]] = []
        edited = 0
        for doc_id, command in run.commands:
            session = self.workspace.sessions.get(doc_id)
            if session is None:
                continue  # the document is gone
            stack = session.stack
            index = stack.index()
            if index and stack.command(index - 1) is command:
                undoable.append((stack, command))
            elif not any(stack.command(i) is command for i in range(index, stack.count())):
                edited += 1  # edited since (or reloaded from disk): left alone
        parts = [
            Part(command.doc_id, tuple(command.before), tuple(command.after), command.status)
            for _stack, command in undoable
        ]
        if not parts:  # kept: undoing the later edits makes it undoable again
            self._say(self._left_alone(edited) if edited else self.tr("Nothing to undo."))
            return None

        def finished(done: list[Part]) -> None:
            for stack, command in undoable:
                command.pre_written = True  # written back by the run: undo only moves the index
                if stack.index() and stack.command(stack.index() - 1) is command:
                    stack.undo()
            if self.history and self.history[-1] is run:
                self.history.pop()
            self.update_actions()
            said = self.tr("Undone: {text}, in %n document(s).", "", len(done))
            said = said.format(text=run.text)
            if edited:
                said += " " + self._left_alone(edited)
            self._say(said)

        label = self.tr("Undoing: {text}").format(text=run.text)
        return self._run(label, iter(parts), len(parts), False, finished)

    # -- running -------------------------------------------------------------
    def _run(
        self,
        label: str,
        parts: Iterator[Part | None],
        total: int,
        forward: bool,
        finished: Callable[[list[Part]], None],
    ) -> Op:
        project = self.workspace.project
        # Cancel stops the loop, which writes back what it did and returns normally; the
        # task's own cancel (closing the window) would drop a result that was written.
        stop = threading.Event()

        def work(task: Any) -> OpResult:
            def stopped() -> bool:
                return stop.is_set() or task.cancelled.is_set()

            with project.recording("edit") as rec:
                done, outcome = write_parts(
                    project,
                    parts,
                    forward=forward,
                    stopped=stopped,
                    report=lambda index: task.report(index, total),
                )
            return OpResult(rec.change, (done, outcome))

        def done(result: tuple[list[Part], str | None]) -> None:
            parts_done, outcome = result
            if outcome == "cancelled":
                self._say(self.tr("Cancelled: nothing was changed."))
            elif outcome is not None:
                QtWidgets.QMessageBox.warning(
                    self._parent,
                    self.tr("Nothing was changed"),
                    self.tr(
                        "The change could not be saved, so none of it was kept:\n\n{error}"
                    ).format(error=outcome),
                )
            else:
                finished(parts_done)

        op = self.workspace.run_op(work, writes=True, label=label, done=done)
        self.running, self._stop = op, stop
        self.progress = show_progress(self._parent, op, label, stop.set, "project_progress")
        self.update_actions()
        op.ended.connect(lambda: self._ended(op))
        return op

    def _ended(self, op: Op) -> None:
        if self.running is op:
            self.running, self._stop = None, None
        self.progress = None  # closed by show_progress when the run ended
        self.update_actions()

    def cancel(self) -> None:
        """Stop the running project-wide run (as its Cancel button does)."""
        if self._stop is not None:
            self._stop.set()

    def _say(self, text: str) -> None:
        self.message.emit(digits_in(text), 10000)
