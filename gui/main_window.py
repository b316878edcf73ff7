"""The main window: builds the panels and actions and wires intents to commands."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from core.errors import TawsimError
from core.extract.base import Recommender, Suggestion
from core.model import Document
from core.settings import load_config, update_config
from core.store import Project
from gui import workers
from gui.actions import make_action
from gui.commands import SetStatusCommand
from gui.editing import PROPAGATE_ORIGIN, SpanEditing
from gui.fonts import editor_font
from gui.models.documents import DocumentListModel
from gui.models.spans import SpanTableModel
from gui.session import DocumentSession
from gui.widgets.editor import AnnotationEditor
from gui.widgets.panels import DocumentPanel, EntityPanel, FindBar, LabelBar

log = logging.getLogger(__name__)

SETTINGS_VERSION = 1
DEFAULT_POINT_SIZE = 16
RecommenderFactory = Callable[[Project], Recommender]


def default_recommender(project: Project) -> Recommender:
    """The combined recommenders of core.extract (gazetteer, project memory, ...)."""
    from core.extract.pipeline import default_combiner

    return default_combiner(project)


def settings() -> QtCore.QSettings:
    """Window geometry and layout only (preferences live in core.settings)."""
    return QtCore.QSettings(
        QtCore.QSettings.Format.IniFormat, QtCore.QSettings.Scope.UserScope, "Tawsim", "Tawsim"
    )


class MainWindow(QtWidgets.QMainWindow):
    """One project's window: document list, editor, entity panel, label bar, status bar."""

    def __init__(
        self,
        project: Project,
        *,
        recommender_factory: RecommenderFactory | None = None,
        auto_suggest: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.project = project
        self.recommender_factory = recommender_factory or default_recommender
        self.auto_suggest = auto_suggest
        self.sessions: dict[str, DocumentSession] = {}
        self.current: DocumentSession | None = None
        self.tasks: list[workers.Task] = []
        self.undo_group = QtGui.QUndoGroup(self)
        config = load_config()
        self.setWindowTitle(
            f"Tawsim توسيم — {project.name}" + (" [read-only]" if project.read_only else "")
        )

        self.editor = AnnotationEditor(project.labels)
        self.editor.setFont(editor_font(int(config.get("editor_point_size", DEFAULT_POINT_SIZE))))
        self.editor.document().setDefaultFont(self.editor.font())
        self.find_bar = FindBar()
        central = QtWidgets.QWidget()
        box = QtWidgets.QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.find_bar)
        box.addWidget(self.editor)
        self.setCentralWidget(central)
        self.editing = SpanEditing(self.editor, lambda: self.current, self)
        self.editing.snapping = bool(config.get("snap", True))

        self.doc_model = DocumentListModel(project, self)
        self.doc_panel = DocumentPanel(self.doc_model)
        self.span_model = SpanTableModel(project.labels, self)
        self.entity_panel = EntityPanel(self.span_model)
        self.doc_dock = self._dock("documents", "Documents", self.doc_panel, QtCore.Qt.DockWidgetArea.LeftDockWidgetArea)
        self.entity_dock = self._dock("entities", "Entities", self.entity_panel, QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
        self.label_bar = LabelBar(project.labels, self)
        self.addToolBar(QtCore.Qt.ToolBarArea.TopToolBarArea, self.label_bar)

        self._build_actions()
        self._build_status_bar()
        self._wire()
        self._restore_layout()
        docs = project.documents()
        if docs:
            self.open_document(docs[0].id)

    # -- construction --------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QtWidgets.QWidget, area: QtCore.Qt.DockWidgetArea) -> QtWidgets.QDockWidget:
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        e = self.editing
        ed = self.editor
        self.actions_by_name: dict[str, QtGui.QAction] = {}

        def act(name: str, slot: Callable[..., object] | None, parent: QtWidgets.QWidget | None = None, **kw: Any) -> QtGui.QAction:
            action = make_action(parent or self, name, slot, **kw)
            self.actions_by_name[name] = action
            return action

        undo = self.undo_group.createUndoAction(self, "&Undo")
        redo = self.undo_group.createRedoAction(self, "&Redo")
        act("undo", None, action=undo)
        act("redo", None, action=redo)
        # Single keys act only while the editor has focus.
        act("next_span", lambda: ed.step(1), ed)
        act("prev_span", lambda: ed.step(-1), ed)
        act("accept", e.accept, ed)
        act("reject", e.reject, ed)
        for key in range(1, 10):
            act(f"label_{key}", partial(self._label_key, key, False), ed)
            act(f"label_exact_{key}", partial(self._label_key, key, True), ed)
        for name, edge, arrow, unit in (
            ("start_back", "start", -1, "char"), ("start_fwd", "start", 1, "char"),
            ("end_back", "end", -1, "char"), ("end_fwd", "end", 1, "char"),
            ("start_back_word", "start", -1, "word"), ("start_fwd_word", "start", 1, "word"),
            ("end_back_word", "end", -1, "word"), ("end_fwd_word", "end", 1, "word"),
        ):
            act(name, partial(e.move, edge, arrow, unit), ed)
        act("accept_all", e.accept_all)
        act("propagate_doc", lambda: self.propagate("document"))
        act("propagate_project", lambda: self.propagate("project"))
        act("mark_done", self.mark_done)
        act("find", self.find_bar.open_bar)
        act("zoom_in", lambda: ed.zoom(1))
        act("zoom_out", lambda: ed.zoom(-1))
        snap = act("snap", self._set_snapping, checkable=True)
        snap.setChecked(self.editing.snapping)
        act("show_rejected", self._set_show_rejected, checkable=True)
        act("suggest", lambda: self.run_suggestions(undoable=True))
        act("quit", self.close)

        a = self.actions_by_name
        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        file_menu.addAction(a["quit"])
        edit_menu = menu.addMenu("&Edit")
        for name in ("undo", "redo", None, "find"):
            edit_menu.addSeparator() if name is None else edit_menu.addAction(a[name])
        span_menu = menu.addMenu("&Spans")
        for name in ("next_span", "prev_span", None, "accept", "reject", "accept_all", None,
                     "propagate_doc", "propagate_project", None, "start_back", "start_fwd",
                     "end_back", "end_fwd", "start_back_word", "start_fwd_word", "end_back_word",
                     "end_fwd_word"):
            span_menu.addSeparator() if name is None else span_menu.addAction(a[name])
        doc_menu = menu.addMenu("&Document")
        for name in ("suggest", "mark_done"):
            doc_menu.addAction(a[name])
        view_menu = menu.addMenu("&View")
        for name in ("zoom_in", "zoom_out", None, "snap", "show_rejected"):
            view_menu.addSeparator() if name is None else view_menu.addAction(a[name])
        view_menu.addSeparator()
        for dock in (self.doc_dock, self.entity_dock):
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.label_bar.toggleViewAction())

        tools = self.addToolBar("Main")
        tools.setObjectName("main_toolbar")
        for name in ("undo", "redo", None, "suggest", "accept_all", None, "mark_done", None, "show_rejected", "snap"):
            tools.addSeparator() if name is None else tools.addAction(a[name])
        self.insertToolBarBreak(self.label_bar)
        if self.project.read_only:
            for name in ("accept", "reject", "accept_all", "propagate_doc", "propagate_project", "mark_done", "suggest"):
                a[name].setEnabled(False)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.annotator_label = QtWidgets.QLabel(objectName="annotator_label")
        self.progress_label = QtWidgets.QLabel(objectName="progress_label")
        self.save_label = QtWidgets.QLabel(objectName="save_label")
        for widget in (self.annotator_label, self.progress_label, self.save_label):
            bar.addPermanentWidget(widget)
        who = self.project.annotator or "?"
        self.annotator_label.setText(f"Annotator: {who}")
        self.save_label.setText("Read-only" if self.project.read_only else "All changes saved")

    def _wire(self) -> None:
        self.label_bar.label_requested.connect(lambda name: self.editing.label(name))
        self.doc_panel.open_requested.connect(self.open_document)
        self.entity_panel.span_activated.connect(self._jump_to_span)
        self.editor.current_changed.connect(self.entity_panel.show_current)
        self.editor.span_clicked.connect(self.show_span_menu)
        self.editor.zoomed.connect(lambda size: update_config(editor_point_size=size))
        self.editing.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.find_bar.matches_changed.connect(self.editor.set_search_matches)
        self.find_bar.match_selected.connect(self.editor.select_range)

    # -- layout --------------------------------------------------------------
    def _restore_layout(self) -> None:
        store = settings()
        if store.value("window/version", 0, int) == SETTINGS_VERSION:
            geometry = store.value("window/geometry")
            state = store.value("window/state")
            if geometry is not None:
                self.restoreGeometry(geometry)
            if state is not None:
                self.restoreState(state, SETTINGS_VERSION)
        else:
            self.resize(1280, 820)

    def save_layout(self) -> None:
        """Remember the window geometry and dock layout."""
        store = settings()
        store.setValue("window/version", SETTINGS_VERSION)
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue("window/state", self.saveState(SETTINGS_VERSION))
        store.sync()

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.save_layout()
        for task in self.tasks:
            task.cancel()
        QtCore.QThreadPool.globalInstance().waitForDone(5000)
        super().closeEvent(event)

    # -- documents -----------------------------------------------------------
    def session_for(self, doc_id: str) -> DocumentSession:
        """The session of a document, created on first use (its undo stack lives with it)."""
        session = self.sessions.get(doc_id)
        if session is None:
            session = DocumentSession(self.project, doc_id, self)
            session.spans_changed.connect(partial(self._spans_changed, session))
            session.status_changed.connect(lambda _s, session=session: self._status_changed(session))
            session.save_state.connect(self._save_state)
            session.failed.connect(self._save_failed)
            self.undo_group.addStack(session.stack)
            self.sessions[doc_id] = session
        return session

    def open_document(self, doc_id: str) -> DocumentSession:
        """Show a document in the editor; run the recommenders on its first open."""
        session = self.session_for(doc_id)
        self.current = session
        self.undo_group.setActiveStack(session.stack)
        spans = session.spans()
        self.editor.set_document(session.text, session.offsets, spans)
        self.span_model.reset(session.text, self._panel_spans(spans))
        self.find_bar.set_text(session.text)
        self.doc_panel.show_current(doc_id)
        self._update_progress()
        self.editor.setFocus()
        if (
            self.auto_suggest
            and not session.suggested
            and not self.project.read_only
            and session.layer.status == "new"
            and not any(s.origin != "manual" for s in spans)
        ):
            self.run_suggestions(undoable=False)
        return session

    def _panel_spans(self, spans: list[Any]) -> list[Any]:
        show = self.actions_by_name["show_rejected"].isChecked()
        return [s for s in spans if show or s.status != "rejected"]

    def _spans_changed(self, session: DocumentSession, ids: object) -> None:
        self.doc_model.refresh(session.doc_id)
        if session is not self.current:
            return
        changed = [session.get(i) for i in ids] if isinstance(ids, tuple) and ids else []
        if changed and all(changed) and self.editor.replace_spans(changed):  # type: ignore[arg-type]
            self.span_model.replace(changed)  # type: ignore[arg-type]
            self._update_progress()
            return
        if True:
            spans = session.spans()
            self.editor.set_spans(spans)
            self.span_model.update(self._panel_spans(spans))
            self._update_progress()

    def _status_changed(self, session: DocumentSession) -> None:
        self.doc_model.refresh(session.doc_id)
        if session is self.current:
            self._update_progress()

    def _update_progress(self) -> None:
        if self.current is None:
            return
        summary = self.project.summary(self.current.doc_id)
        status = summary.status.replace("_", " ")
        self.progress_label.setText(
            f"{status} · accepted {summary.accepted} · suggested {summary.suggested}"
            f" · rejected {summary.rejected}"
        )

    def _save_state(self, state: str, _message: str) -> None:
        if state == "saved":
            self.save_label.setText("All changes saved")
        else:
            self.save_label.setText("⚠ Save failed — showing what is on disk")

    def _save_failed(self, message: str) -> None:
        QtWidgets.QMessageBox.warning(
            self, "Could not save",
            f"The change could not be saved:\n\n{message}\n\nThe view now shows what is on disk.",
        )

    def _jump_to_span(self, span_id: int) -> None:
        self.editor.set_current(span_id)
        self.editor.setFocus()

    # -- actions -------------------------------------------------------------
    def _label_key(self, key: int, exact: bool) -> None:
        label = self.project.labels.by_hotkey(key)
        if label is not None:
            self.editing.label(label.name, exact=exact)

    def _set_snapping(self, on: bool) -> None:
        self.editing.snapping = on
        update_config(snap=on)

    def _set_show_rejected(self, on: bool) -> None:
        self.editor.set_show_rejected(on)
        if self.current is not None:
            self.span_model.reset(self.current.text, self._panel_spans(self.current.spans()))

    def mark_done(self) -> str | None:
        """Mark the open document done and open the next unfinished one; return its id."""
        session = self.current
        if session is None or self.project.read_only:
            return None
        session.stack.push(SetStatusCommand(session, "done", "Mark done"))
        following = self.doc_model.next_unfinished(session.doc_id)
        if following is not None:
            self.open_document(following)
        else:
            self.statusBar().showMessage("Every document is done.", 5000)
        return following

    def show_span_menu(self, span_id: int, where: QtCore.QPoint) -> QtWidgets.QMenu | None:
        """The small menu of a clicked span: labels, accept, reject, delete."""
        session = self.current
        span = session.get(span_id) if session else None
        if span is None or session is None:
            return None
        menu = QtWidgets.QMenu(self)
        menu.setObjectName("span_menu")
        for label in self.project.labels:
            action = menu.addAction(f"{label.hotkey or ''}  {label.name} · {label.ar}")
            action.setCheckable(True)
            action.setChecked(label.name == span.label)
            action.triggered.connect(partial(self._menu_label, span_id, label.name))
        menu.addSeparator()
        accept = menu.addAction("Accept", partial(self._menu_do, span_id, self.editing.accept))
        accept.setEnabled(span.status != "accepted")
        reject = menu.addAction("Reject", partial(self._menu_do, span_id, self.editing.reject))
        reject.setEnabled(span.status == "suggested")
        menu.addAction("Delete", partial(self.editing.delete, span_id))
        menu.addSeparator()
        menu.addAction(self.actions_by_name["propagate_doc"])
        menu.addAction(self.actions_by_name["propagate_project"])
        menu.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)
        return menu

    def _menu_label(self, span_id: int, name: str) -> None:
        self.editor.set_current(span_id)
        self.editing.label(name)

    def _menu_do(self, span_id: int, fn: Callable[[], object]) -> None:
        self.editor.set_current(span_id)
        fn()

    # -- background work -----------------------------------------------------
    def _start(self, fn: Callable[..., Any], done: Callable[[Any], None], busy: str) -> workers.Task:
        task = workers.Task(fn)
        task.signals.finished.connect(done)
        task.signals.failed.connect(self._task_failed)
        task.signals.finished.connect(lambda _r, task=task: self._task_done(task))
        task.signals.failed.connect(lambda _m, task=task: self._task_done(task))
        self.tasks.append(task)
        self.statusBar().showMessage(busy)
        return workers.start(task)

    def _task_done(self, task: workers.Task) -> None:
        if task in self.tasks:
            self.tasks.remove(task)
        if not self.tasks:
            self.statusBar().clearMessage()

    def _task_failed(self, message: str) -> None:
        QtWidgets.QMessageBox.warning(self, "Background task failed", message)

    def run_suggestions(self, *, undoable: bool) -> workers.Task | None:
        """Run the recommenders on the open document in a worker; results arrive as suggestions."""
        session = self.current
        if session is None or self.project.read_only:
            return None
        session.suggested = True
        try:
            recommender = self.recommender_factory(self.project)
        except TawsimError as exc:
            QtWidgets.QMessageBox.warning(self, "Suggestions unavailable", str(exc))
            return None
        document = Document(session.info, session.text)
        doc_id = session.doc_id

        def work(_cancelled: Any) -> tuple[str, bool, list[Suggestion]]:
            return doc_id, undoable, list(recommender.suggest(document))

        return self._start(work, self._suggestions_arrived, "Finding entities…")

    def _suggestions_arrived(self, result: tuple[str, bool, list[Suggestion]]) -> None:
        doc_id, undoable, suggestions = result
        session = self.sessions.get(doc_id)
        if session is None:
            return
        count = self.editing.write_suggestions(session, suggestions, "Suggest entities", undoable=undoable)
        self.statusBar().showMessage(f"{count} new suggestions", 4000)

    def propagate(self, scope: str) -> workers.Task | None:
        """Label every other occurrence of the current span's text, as suggestions."""
        from core.propagate import find_occurrences

        session = self.current
        span = self.editor.current_span
        if session is None or span is None:
            self.statusBar().showMessage("Go to a span first (Tab, or click it).", 5000)
            return None
        if self.project.read_only:
            return None
        surface = session.text[span.start : span.end]
        project = self.project
        doc_ids = [d.id for d in project.documents()] if scope == "project" else [session.doc_id]
        texts = {session.doc_id: session.text}

        def work(cancelled: Any) -> tuple[str, int, dict[str, list[tuple[int, int]]]]:
            found: dict[str, list[tuple[int, int]]] = {}
            for doc_id in doc_ids:
                if cancelled.is_set():
                    break
                text = texts.get(doc_id) or project.text(doc_id)
                found[doc_id] = find_occurrences(text, surface)
            return span.label, span.id, found

        def done(result: tuple[str, int, dict[str, list[tuple[int, int]]]]) -> None:
            label, origin_id, found = result
            total = 0
            for doc_id, places in found.items():
                target = self.session_for(doc_id)
                origin = self.current.get(origin_id) if self.current is not None else None
                suggestions = [
                    Suggestion(s, e, label, 1.0, PROPAGATE_ORIGIN)
                    for s, e in places
                    if not (target is self.current and origin is not None and (s, e) == (origin.start, origin.end))
                ]
                total += self.editing.write_suggestions(target, suggestions, f"Label all “{surface}”")
            self.statusBar().showMessage(f"{total} occurrences suggested as {label}", 5000)

        return self._start(work, done, f"Looking for “{surface}”…")
