"""The main window: builds the panels and actions and wires intents to commands."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from core.changes import Change
from core.extract.learning import RetrainPolicy
from core.settings import load_preferences, save_preferences
from core.store import Project
from gui import i18n
from gui.actions import make_action
from gui.decisions import ProjectDecisions
from gui.dock_layout import fit_docks
from gui.editing import SpanEditing
from gui.extractor import ExtractorService, RecommenderFactory, RetrainRunner
from gui.fonts import editor_font
from gui.interface import InterfaceActions
from gui.menus import build_menus
from gui.models.documents import DocumentListModel
from gui.models.spans import SpanTableModel
from gui.projects import ProjectActions, accepts_drop
from gui.review import ReviewFlow
from gui.session import DocumentSession
from gui.suggesting import SuggestionController
from gui.teams.features import TeamFeatures
from gui.transfer import TransferController
from gui.widgets.editor import AnnotationEditor
from gui.widgets.panels import DocumentPanel, EntityPanel, FindBar, LabelBar
from gui.workspace import Op, Workspace

log = logging.getLogger(__name__)

# 2: wider default docks; layouts saved by version 1 are dropped.
SETTINGS_VERSION = 2
DEFAULT_SIZE = (1280, 820)
DEFAULT_DOCK_WIDTHS = (290, 370)  # documents, entities


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
        retrain_runner: RetrainRunner | None = None,
        retrain_policy: RetrainPolicy | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.project = project
        self.workspace = Workspace(project, self)
        self.auto_suggest = auto_suggest
        self.restart_requested = False  # Preferences › "Save and restart now"
        self.interface = InterfaceActions(self)  # help, About, Preferences
        prefs = load_preferences()
        # Qt adds the application's name after it: the project is named once.
        self.setWindowTitle(
            i18n.own_direction(i18n.project_name(project))
            + (self.tr(" [read-only]") if project.read_only else "")
        )
        self.setAcceptDrops(True)

        self.editor = AnnotationEditor(project.labels)
        self.editor.setFont(editor_font(prefs.editor_point_size))
        self.editor.document().setDefaultFont(self.editor.font())
        self.find_bar = FindBar()
        central = QtWidgets.QWidget()
        box = QtWidgets.QVBoxLayout(central)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.find_bar)
        box.addWidget(self.editor)
        self.setCentralWidget(central)
        self.editing = SpanEditing(self.editor, self.workspace, self)
        self.editing.snapping = prefs.snap
        self.extractor = ExtractorService(
            self.workspace,
            factory=recommender_factory,
            retrain_runner=retrain_runner,
            policy=retrain_policy,
            parent=self,
        )
        self.editing.stems = self.extractor.known_stems
        self.decisions = ProjectDecisions(self.workspace, self)  # bulk and project-wide
        self.suggester = SuggestionController(
            self.workspace,
            self.editing,
            self.extractor,
            parent=self,
            keep_run=self.decisions.add_run,
        )
        self.transfer = TransferController(self.workspace, self)
        self.projects = ProjectActions(self, self.workspace)
        self.switch_requested = self.projects.switch_requested

        self.doc_model = DocumentListModel(project, self)
        self.doc_panel = DocumentPanel(self.doc_model)
        self.review = ReviewFlow(
            self, self.workspace, self.editing, self.doc_model, self.doc_panel, self.open_document
        )
        self.span_model = SpanTableModel(project.labels, self)
        # Qt does not mirror dock areas: the document list goes where reading starts.
        self.start_area = QtCore.Qt.DockWidgetArea.LeftDockWidgetArea
        self.end_area = QtCore.Qt.DockWidgetArea.RightDockWidgetArea
        if self.layoutDirection() == QtCore.Qt.LayoutDirection.RightToLeft:
            self.start_area, self.end_area = self.end_area, self.start_area
        self.entity_panel = EntityPanel(self.span_model)
        self.doc_dock = self._dock(
            "documents",
            self.tr("Documents"),
            self.doc_panel,
            self.start_area,
        )
        self.entity_dock = self._dock(
            "entities",
            self.tr("Entities"),
            self.entity_panel,
            self.end_area,
        )
        self.label_bar = LabelBar(project.labels, self)
        self.addToolBar(QtCore.Qt.ToolBarArea.TopToolBarArea, self.label_bar)
        self.teams = TeamFeatures(  # compare, sharing, curation, dashboard
            self.workspace,
            self.editor,
            host=self,
            beside=self.entity_dock,
            place_bar=lambda bar: box.insertWidget(box.indexOf(self.editor), bar),
        )

        self._build_actions()
        self._build_status_bar()
        self._wire()
        self._restore_layout()
        docs = project.documents()
        if docs:
            self.open_document(docs[0].id)

    # -- construction --------------------------------------------------------
    def _dock(
        self, name: str, title: str, widget: QtWidgets.QWidget, area: QtCore.Qt.DockWidgetArea
    ) -> QtWidgets.QDockWidget:
        dock = QtWidgets.QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        e = self.editing
        ed = self.editor
        self.actions_by_name: dict[str, QtGui.QAction] = dict(self.teams.actions)
        self.actions_by_name.update(self.decisions.actions)

        def act(
            name: str,
            slot: Callable[..., object] | None,
            parent: QtWidgets.QWidget | None = None,
            **kw: Any,
        ) -> QtGui.QAction:
            action = make_action(parent or self, name, slot, **kw)
            self.actions_by_name[name] = action
            return action

        # No prefix: Qt's own "Undo %1" / "Redo %1", translated with qtbase.
        undo = self.workspace.undo_group.createUndoAction(self)
        redo = self.workspace.undo_group.createRedoAction(self)
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
            ("start_back", "start", -1, "char"),
            ("start_fwd", "start", 1, "char"),
            ("end_back", "end", -1, "char"),
            ("end_fwd", "end", 1, "char"),
            ("start_back_word", "start", -1, "word"),
            ("start_fwd_word", "start", 1, "word"),
            ("end_back_word", "end", -1, "word"),
            ("end_fwd_word", "end", 1, "word"),
        ):
            act(name, partial(e.move, edge, arrow, unit), ed)
        act("accept_all", lambda: e.accept_all())
        act("propagate_doc", lambda: self.propagate("document"))
        act("propagate_project", lambda: self.propagate("project"))
        act("mark_done", self.mark_done)
        act("next_document", lambda: self.step_document(1))
        act("prev_document", lambda: self.step_document(-1))
        act("find", self.find_bar.open_bar)
        act("zoom_in", lambda: ed.zoom(1))
        act("zoom_out", lambda: ed.zoom(-1))
        snap = act("snap", self._set_snapping, checkable=True)
        snap.setChecked(self.editing.snapping)
        act("show_rejected", self._set_show_rejected, checkable=True)
        act("suggest", self.run_suggestions)
        act("recommender_settings", self.edit_recommender_settings)
        act("retrain", self.extractor.retrain)
        act("new_project", self.projects.ask_new_project)
        act("open_project", self.projects.ask_open_project)
        act("labels", self.projects.edit_labels)
        act("import", self.transfer.ask_import)
        act("export", self.transfer.ask_export)
        act("quit", self.close)
        act("preferences", self.interface.edit_preferences)
        act("shortcuts", self.interface.show_shortcuts)
        act("about", self.interface.show_about)
        self.interface.set_direction_icons(self.actions_by_name)

        build_menus(self)
        a = self.actions_by_name
        if self.project.read_only:
            for name in (
                "accept",
                "reject",
                "accept_all",
                "propagate_doc",
                "propagate_project",
                "mark_done",
                "suggest",
                "import",
                "retrain",
                "labels",
            ):
                a[name].setEnabled(False)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.annotator_label = QtWidgets.QLabel(objectName="annotator_label")
        self.progress_label = QtWidgets.QLabel(objectName="progress_label")
        self.save_label = QtWidgets.QLabel(objectName="save_label")
        self.retrain_label = QtWidgets.QLabel(
            self.tr("⟳ Retraining the project model…"), objectName="retrain_label"
        )
        self.retrain_label.setToolTip(
            self.tr("Learning from your finished documents, in the background")
        )
        self.retrain_label.hide()
        for widget in (
            self.retrain_label,
            self.annotator_label,
            self.progress_label,
            self.save_label,
        ):
            bar.addPermanentWidget(widget)
        who = self.project.annotator or "?"
        self.annotator_label.setText(self.tr("Annotator: {name}").format(name=who))
        self.save_label.setText(
            self.tr("Read-only") if self.project.read_only else self.tr("All changes saved")
        )

    def _wire(self) -> None:
        self.label_bar.label_requested.connect(lambda name: self.editing.label(name))
        self.doc_panel.open_requested.connect(self.open_document)
        self.entity_panel.span_activated.connect(self._jump_to_span)
        self.editor.current_changed.connect(self.entity_panel.show_current)
        self.editor.span_clicked.connect(self.show_span_menu)
        self.editor.zoomed.connect(lambda size: save_preferences(editor_point_size=size))
        self.editing.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.find_bar.matches_changed.connect(self.editor.set_search_matches)
        self.find_bar.match_selected.connect(self.editor.select_range)
        self.extractor.retraining.connect(self.retrain_label.setVisible)
        self.extractor.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        self.suggester.message.connect(self._show_message)
        self.decisions.message.connect(self._show_message)
        ws = self.workspace
        ws.changed.connect(self._changed)
        ws.save_failed.connect(self._save_failed)
        ws.busy_changed.connect(self._set_busy)
        for dock in (self.doc_dock, self.entity_dock, self.teams.curation_dock):
            # A dock shown (curation opening) or closed changes what the others may take.
            dock.visibilityChanged.connect(lambda _v: QtCore.QTimer.singleShot(0, self._fit_docks))

    # -- layout --------------------------------------------------------------
    def _restore_layout(self) -> None:
        store = settings()
        geometry = state = None
        if store.value("window/version", 0, int) == SETTINGS_VERSION:
            geometry = store.value("window/geometry")
            state = store.value(self._state_key())
        if geometry is None or not self.restoreGeometry(geometry):
            # Never larger than the screen (less the frame): a small screen gets a smaller window.
            room = self.screen().availableGeometry()
            frame = self.frameGeometry().size() - self.geometry().size()
            self.resize(
                min(DEFAULT_SIZE[0], room.width() - max(8, frame.width())),
                min(DEFAULT_SIZE[1], room.height() - max(32, frame.height())),
            )
        # The other direction's layout may be saved but not this one's (dock areas are
        # physical): the docks then start from the default widths, not their size hints.
        if state is None or not self.restoreState(state, SETTINGS_VERSION):
            self.resizeDocks(
                [self.doc_dock, self.entity_dock],
                list(DEFAULT_DOCK_WIDTHS),
                QtCore.Qt.Orientation.Horizontal,
            )

    def _state_key(self) -> str:
        # Dock areas are physical (left/right): a mirrored layout is kept apart.
        rtl = self.layoutDirection() == QtCore.Qt.LayoutDirection.RightToLeft
        return "window/state-rtl" if rtl else "window/state"

    def save_layout(self) -> None:
        """Remember the window geometry and dock layout."""
        store = settings()
        store.setValue("window/version", SETTINGS_VERSION)
        store.setValue("window/geometry", self.saveGeometry())
        store.setValue(self._state_key(), self.saveState(SETTINGS_VERSION))
        store.sync()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        QtCore.QTimer.singleShot(0, self._fit_docks)

    def _fit_docks(self) -> None:
        """Docks give way before the editor, and none is squeezed while another is wide."""
        fit_docks(self, [self.doc_dock, self.entity_dock, self.teams.curation_dock])

    def showEvent(self, event: QtGui.QShowEvent) -> None:
        super().showEvent(event)
        if not getattr(self, "_shown_once", False):
            # After the first-run dialog closes nothing holds the keyboard (no window
            # manager hands it over): take it, so Tab and Enter work at once.
            self._shown_once = True
            QtCore.QTimer.singleShot(0, self._take_keyboard)

    def _take_keyboard(self) -> None:
        if self.isVisible():
            self.activateWindow()
            self.editor.setFocus(QtCore.Qt.FocusReason.ActiveWindowFocusReason)

    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:
        if accepts_drop(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        """A project folder dropped here opens; other files and folders are imported."""
        if accepts_drop(event):
            event.acceptProposedAction()
            self.projects.drop(self.projects.dropped_paths(event.mimeData()))

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self.save_layout()
        self.workspace.cancel()  # a project-wide run writes back what it did
        self.teams.cancel()
        self.workspace.wait(5000)
        QtCore.QThreadPool.globalInstance().waitForDone(5000)
        super().closeEvent(event)

    # -- documents -----------------------------------------------------------
    @property
    def current(self) -> DocumentSession | None:
        """The document shown in the editor."""
        return self.workspace.current

    @property
    def sessions(self) -> dict[str, DocumentSession]:
        """Every document opened in this window, by id."""
        return self.workspace.sessions

    def session_for(self, doc_id: str) -> DocumentSession:
        """The session of a document, created on first use (its undo stack lives with it)."""
        return self.workspace.session(doc_id)

    def open_document(self, doc_id: str) -> DocumentSession:
        """Show a document in the editor; run the recommenders on its first open."""
        session = self.workspace.open(doc_id)
        spans = session.spans()
        self.editor.set_document(session.text, session.offsets, spans)
        self.span_model.reset(session.text, self._panel_spans(spans))
        self.find_bar.set_text(session.text)
        self.doc_panel.show_current(doc_id)
        self._update_progress()
        self.teams.document_opened(session)
        self.editor.setFocus()
        if (
            self.auto_suggest
            and not session.suggested
            and not self.project.read_only
            and session.status == "new"
            and not any(s.origin != "manual" for s in spans)
        ):
            self.run_suggestions()
        return session

    def _panel_spans(self, spans: list[Any]) -> list[Any]:
        show = self.actions_by_name["show_rejected"].isChecked()
        return [s for s in spans if show or s.status != "rejected"]

    # -- the change channel -----------------------------------------------------
    def _changed(self, change: Change) -> None:
        """Route one Change to the label bar, the document list, the editor and the panel."""
        labels = self.project.labels
        if change.labels:
            self.label_bar.set_labels(labels)
            self.span_model.set_labels(labels)
            self.entity_panel.set_labels(labels)
        me = self.project.annotator
        if change.documents_changed or (change.source == "disk" and change.meta):
            self.doc_model.reload()
        else:
            for lc in change.layers:
                if lc.annotator == me:
                    self.doc_model.refresh(lc.doc_id)
        self.save_label.setText(
            self.tr("Read-only") if self.project.read_only else self.tr("All changes saved")
        )
        current = self.current
        if current is None:
            if change.labels:
                self.editor.set_labels(labels)
            docs = self.project.documents()
            if docs and change.documents_changed:
                self.open_document(docs[0].id)
            return
        lc = change.layer(current.doc_id, me) if me else None
        changed = [new for _old, new in lc.changed] if lc is not None else []
        whole = change.labels or (lc is not None and bool(lc.added or lc.removed or lc.reloaded))
        if not whole and changed and not self.editor.replace_spans(changed):
            whole = True
        if whole:
            spans = current.spans()
            if change.labels:
                self.editor.set_labels(labels, spans)
            else:
                self.editor.set_spans(spans)
            self.span_model.update(self._panel_spans(spans))
        elif changed:
            shown = self._panel_spans(changed)
            self.span_model.replace(shown)
            self.span_model.drop({s.id for s in changed} - {s.id for s in shown})
        self._update_progress()

    def _update_progress(self) -> None:
        if self.current is None:
            return
        summary = self.project.summary(self.current.doc_id)
        self.progress_label.setText(
            self.tr(
                "{status} · accepted {accepted} · suggested {suggested} · rejected {rejected}"
            ).format(
                status=i18n.document_status(summary.status),
                accepted=i18n.number(summary.accepted),
                suggested=i18n.number(summary.suggested),
                rejected=i18n.number(summary.rejected),
            )
        )

    def _save_failed(self, message: str) -> None:
        self.save_label.setText(self.tr("⚠ Save failed — showing what is on disk"))
        QtWidgets.QMessageBox.warning(
            self,
            self.tr("Could not save"),
            self.tr(
                "The change could not be saved:\n\n{message}\n\nThe view now shows what is on disk."
            ).format(message=i18n.paragraph(message)),
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
        save_preferences(snap=on)

    def _set_show_rejected(self, on: bool) -> None:
        self.editor.set_show_rejected(on)
        if self.current is not None:
            self.span_model.reset(self.current.text, self._panel_spans(self.current.spans()))

    def mark_done(self) -> str | None:
        """Mark the open document done and open the next unfinished one; return its id."""
        return self.review.mark_done()

    def ask_unreviewed(self, count: int) -> str:
        """Ask what to do with unreviewed suggestions: "accept", "leave" or "back"."""
        return self.review.ask_unreviewed(count)

    def step_document(self, direction: int) -> str | None:
        """Open the next (+1) or previous (-1) document in the list; mark nothing."""
        return self.review.step_document(direction)

    def show_span_menu(self, span_id: int, where: QtCore.QPoint) -> QtWidgets.QMenu | None:
        """The small menu of a clicked span: labels, accept, reject, delete, label all."""
        a = self.actions_by_name
        return self.editing.span_menu(
            span_id, where, self, [a["propagate_doc"], a["propagate_project"]]
        )

    # -- background work -----------------------------------------------------
    @property
    def tasks(self) -> list[Op]:
        """Suggestion and propagation operations still running."""
        return self.suggester.tasks

    def run_suggestions(self) -> Op | None:
        """Run the extractor on the open document off the UI thread; results arrive as a command."""
        return self.suggester.run_suggestions()

    def propagate(self, scope: str) -> Op | None:
        """Label every other occurrence of the current span's text, as suggestions."""
        return self.suggester.propagate(scope)

    def _show_message(self, text: str, timeout: int) -> None:
        if text:
            self.statusBar().showMessage(text, timeout)
        else:
            self.statusBar().clearMessage()

    def edit_recommender_settings(self) -> QtWidgets.QDialog:
        """Open the recommender settings dialog; saved settings apply to the next run."""
        from gui.widgets.settings_dialog import RecommenderSettingsDialog

        dialog = RecommenderSettingsDialog(self.extractor.settings(), self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            self.extractor.apply_settings(dialog.values())
            self.statusBar().showMessage(
                self.tr("Recommender settings saved; they apply to the next suggestions."), 5000
            )

        dialog.accepted.connect(save)
        dialog.open()
        return dialog

    def _set_busy(self, busy: bool) -> None:
        """While an operation writes (an import, a merge), nothing else may change the project."""
        if busy:
            self._enabled_before = {n: a.isEnabled() for n, a in self.actions_by_name.items()}
            for action in self.actions_by_name.values():
                action.setEnabled(False)
        for widget in (self.centralWidget(), self.doc_dock, self.entity_dock, self.label_bar):
            widget.setEnabled(not busy)
        if not busy:
            for name, enabled in getattr(self, "_enabled_before", {}).items():
                self.actions_by_name[name].setEnabled(enabled)
        self.decisions.update_actions()  # what it may run depends on what else runs
