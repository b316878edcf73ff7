"""Wires the team features into a main window: actions, docks, the compare bar, the watcher."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets

from core.errors import TawsimError
from core.share import ShareError, bundle, merge, summarise
from gui.actions import make_action
from gui.session import DocumentSession
from gui.teams.compare import CompareController
from gui.teams.curation import CurationPanel
from gui.teams.watcher import DiskChange, LayerWatcher

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from gui.teams.dashboard import Dashboard


class TeamFeatures(QtCore.QObject):
    """Compare mode, merge and bundle, the curation dock and the dashboard for one window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.project = window.project
        self.compare = CompareController(self.project, window.editor, lambda: window.current, self)
        box = window.centralWidget().layout()
        assert isinstance(box, QtWidgets.QBoxLayout)
        box.insertWidget(box.indexOf(window.editor), self.compare.bar)
        self.compare.message.connect(lambda text: window.statusBar().showMessage(text, 5000))

        self.curation = CurationPanel(self.project, lambda d: window.session_for(d).stack)
        self.curation.region_selected.connect(self._show_region)
        self.curation_dock = QtWidgets.QDockWidget(self.tr("Curation"), window)
        self.curation_dock.setObjectName("dock_curation")
        self.curation_dock.setWidget(self.curation)
        # Beside the entity list (on the left in the mirrored Arabic window).
        area = getattr(window, "end_area", QtCore.Qt.DockWidgetArea.RightDockWidgetArea)
        window.addDockWidget(area, self.curation_dock)
        window.tabifyDockWidget(window.entity_dock, self.curation_dock)
        self.curation_dock.hide()
        self.curation_dock.toggleViewAction().toggled.connect(self._curation_shown)
        self.dashboard: Dashboard | None = None
        self.dashboard_window: QtWidgets.QWidget | None = None

        self.watcher = LayerWatcher(self.project, self)
        self.watcher.changed.connect(self.disk_changed)
        window.transfer.busy.connect(self._busy)

        self.actions: dict[str, QtGui.QAction] = {}
        self._make_actions()

    # -- actions -----------------------------------------------------------
    def _make_actions(self) -> None:
        w = self.window

        def act(name: str, slot: Any, **kw: Any) -> QtGui.QAction:
            action = make_action(w, name, slot, **kw)
            self.actions[name] = action
            return action

        act("compare", self._set_compare, checkable=True)
        self.compare.bar.closed.connect(lambda: self.actions["compare"].setChecked(False))
        act("next_disagreement", lambda: self.compare.step(1))
        act("prev_disagreement", lambda: self.compare.step(-1))
        self.compare.bar.next_button.setDefaultAction(self.actions["next_disagreement"])
        self.compare.bar.prev_button.setDefaultAction(self.actions["prev_disagreement"])
        self.compare.bar.next_button.setText("▶")
        self.compare.bar.prev_button.setText("◀")
        act("merge_layers", self.ask_merge).setEnabled(not self.project.read_only)
        act("export_bundle", self.ask_bundle).setEnabled(bool(self.project.annotator))
        curation = self.curation_dock.toggleViewAction()
        act("curation", None, action=curation, checkable=True)
        act("dashboard", self.show_dashboard)

    def file_actions(self) -> list[QtGui.QAction]:
        """For the File menu."""
        return [self.actions["merge_layers"], self.actions["export_bundle"]]

    def view_actions(self) -> list[QtGui.QAction]:
        """For the View menu."""
        a = self.actions
        return [
            a["compare"],
            a["next_disagreement"],
            a["prev_disagreement"],
            a["curation"],
            a["dashboard"],
        ]

    # -- following the editor ------------------------------------------------
    def document_opened(self, session: DocumentSession) -> None:
        """The editor opened a document: compare and curate it."""
        self.compare.document_opened(session)
        if not self.curation_dock.isHidden():
            self.curation.show_document(session.doc_id)

    def _curation_shown(self, visible: bool) -> None:
        if visible:
            QtCore.QTimer.singleShot(0, self.curation_dock.raise_)  # its tab to the front
            current = self.window.current
            self.curation.show_document(current.doc_id if current else None)
            self.curation.view.setFocus()

    def _show_region(self, start: int, end: int) -> None:
        current = self.window.current
        if current is not None and current.doc_id == self.curation.doc_id:
            self.window.editor.select_range(start, end)

    def _set_compare(self, on: bool) -> None:
        self.compare.set_enabled(on)
        if on and not self.compare.other:
            self.window.statusBar().showMessage(
                self.tr("No other annotator's layer in this project yet."), 5000
            )

    # -- changes on disk ---------------------------------------------------
    def disk_changed(self, change: DiskChange) -> None:
        """Refresh what shows layers that changed on disk."""
        w = self.window
        me = self.project.annotator
        if change.project:
            w.doc_model.reload()
            for session in w.sessions.values():
                session.reload()
        for doc_id, annotator in sorted(change.layers):
            w.doc_model.refresh(doc_id)
            session = w.sessions.get(doc_id)
            if annotator == me and session is not None:
                session.reload()
                session.stack.clear()  # the history no longer matches the file
                session.spans_changed.emit(())
        self.compare.layers_changed(change.layers)
        if change.project:
            self.compare.refresh()
        if not self.curation_dock.isHidden():
            self.curation.refresh()
        if self.dashboard_window is not None and self.dashboard_window.isVisible():
            assert self.dashboard is not None
            self.dashboard.refresh()
        n = len(change.layers)
        if n or change.new_documents:
            w.statusBar().showMessage(
                self.tr("Reloaded from disk: %n layer(s)", "", n)
                + (
                    self.tr(", %n new document(s)", "", len(change.new_documents))
                    if change.new_documents
                    else ""
                ),
                5000,
            )

    def _busy(self, busy: bool) -> None:
        if busy:
            self.watcher.hold()
        else:
            self.watcher.release()
        self.curation.setEnabled(not busy)

    # -- sharing -----------------------------------------------------------
    def ask_merge(self) -> None:
        """Ask for a bundle or another copy's project.json, then merge."""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.window,
            self.tr("Merge layers from a bundle or a copy of the project"),
            "",
            self.tr("Bundle or project (*.zip project.json);;All files (*)"),
        )
        if path:
            source = Path(path)
            self.merge_from(source.parent if source.name == "project.json" else source)

    def merge_from(self, source: Path) -> list[str] | None:
        """Merge layers from a bundle or a project folder; show what happened."""
        self.watcher.hold()
        QtWidgets.QApplication.setOverrideCursor(QtCore.Qt.CursorShape.WaitCursor)
        try:
            report = merge(self.project, source)
        except (ShareError, TawsimError, OSError) as exc:
            QtWidgets.QApplication.restoreOverrideCursor()
            self.watcher.release()
            QtWidgets.QMessageBox.warning(
                self.window,
                self.tr("Merge refused"),
                self.tr("Nothing was changed:\n\n{error}").format(error=exc),
            )
            return None
        QtWidgets.QApplication.restoreOverrideCursor()
        self.watcher.release()  # the watcher reloads what the merge wrote
        lines = summarise(report)
        self.watcher.check()
        QtWidgets.QMessageBox.information(self.window, self.tr("Merge finished"), "\n".join(lines))
        return lines

    def ask_bundle(self) -> None:
        """Ask where to write the current annotator's bundle."""
        who = self.project.annotator
        if not who:
            return
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export my layers as a bundle"),
            f"{self.project.name}-{who}.zip",
            self.tr("Bundle (*.zip)"),
        )
        if path:
            self.bundle_to(Path(path if path.endswith(".zip") else path + ".zip"))

    def bundle_to(self, out: Path) -> int | None:
        """Write the current annotator's layers to a bundle; return how many."""
        try:
            count = bundle(self.project, self.project.annotator or "", out)
        except (TawsimError, OSError) as exc:
            QtWidgets.QMessageBox.warning(self.window, self.tr("Bundle not written"), str(exc))
            return None
        self.window.statusBar().showMessage(
            self.tr("%n layer(s) written to the bundle", "", count) + f": {out}", 8000
        )
        return count

    # -- dashboard ---------------------------------------------------------
    def show_dashboard(self) -> Dashboard:
        """Open the statistics window (built on first use) and refresh it."""
        if self.dashboard is None:
            from gui.teams.dashboard import Dashboard

            self.dashboard = Dashboard(self.project)
            window = QtWidgets.QWidget(self.window, QtCore.Qt.WindowType.Window)
            window.setObjectName("dashboard_window")
            window.setWindowTitle(
                self.tr("Statistics — {project}").format(project=self.project.name)
            )
            layout = QtWidgets.QVBoxLayout(window)
            layout.setContentsMargins(6, 6, 6, 6)
            layout.addWidget(self.dashboard)
            window.resize(1100, 760)
            self.dashboard_window = window
        assert self.dashboard_window is not None
        self.dashboard_window.show()
        self.dashboard_window.raise_()
        self.dashboard.refresh()
        return self.dashboard

    def cancel(self) -> None:
        """Stop background work (on close)."""
        if self.dashboard is not None:
            self.dashboard.cancel()
