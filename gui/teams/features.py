"""Wires the team features into a main window: actions, docks, the compare bar, the watcher."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets

from core.changes import Change
from core.errors import TawsimError
from core.share import ShareError, bundle, merge, summarise
from gui import i18n
from gui.actions import make_action
from gui.session import DocumentSession
from gui.teams.compare import CompareController
from gui.teams.curation import CurationPanel
from gui.teams.watcher import LayerWatcher
from gui.widgets.editor import AnnotationEditor
from gui.workspace import OpResult, Workspace

if TYPE_CHECKING:
    from gui.teams.dashboard import Dashboard


class TeamFeatures(QtCore.QObject):
    """Compare mode, merge and bundle, the curation dock and the dashboard.

    It gets the workspace, the editor and a window to host its docks, never
    the main window itself.
    """

    def __init__(
        self,
        workspace: Workspace,
        editor: AnnotationEditor,
        *,
        host: QtWidgets.QMainWindow,
        beside: QtWidgets.QDockWidget,
        place_bar: Callable[[QtWidgets.QWidget], None],
    ) -> None:
        super().__init__(host)
        self.workspace = workspace
        self.project = workspace.project
        self.editor = editor
        self.host = host
        self.compare = CompareController(workspace, editor, self)
        place_bar(self.compare.bar)
        self.compare.message.connect(self._status)

        self.curation = CurationPanel(workspace)
        self.curation.region_selected.connect(self._show_region)
        self.curation_dock = QtWidgets.QDockWidget(self.tr("Curation"), host)
        self.curation_dock.setObjectName("dock_curation")
        self.curation_dock.setWidget(self.curation)
        # Beside the entity list (on the left in the mirrored Arabic window).
        host.addDockWidget(host.dockWidgetArea(beside), self.curation_dock)
        host.tabifyDockWidget(beside, self.curation_dock)
        self.curation_dock.hide()
        self.curation_dock.toggleViewAction().toggled.connect(self._curation_shown)
        self.dashboard: Dashboard | None = None
        self.dashboard_window: QtWidgets.QWidget | None = None
        self.merged: list[str] | None = None  # the last merge's summary

        self.watcher = LayerWatcher(workspace, self)
        workspace.changed.connect(self.on_change)
        workspace.busy_changed.connect(lambda busy: self.curation.setEnabled(not busy))

        self.actions: dict[str, QtGui.QAction] = {}
        self._make_actions()

    def _status(self, text: str, timeout: int = 5000) -> None:
        self.host.statusBar().showMessage(text, timeout)

    # -- actions -----------------------------------------------------------
    def _make_actions(self) -> None:
        w = self.host

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
        self.compare.refresh()
        if not self.curation_dock.isHidden():
            self.curation.show_document(session.doc_id)

    def _curation_shown(self, visible: bool) -> None:
        if visible:
            QtCore.QTimer.singleShot(0, self.curation_dock.raise_)  # its tab to the front
            current = self.workspace.current
            self.curation.show_document(current.doc_id if current else None)
            self.curation.view.setFocus()

    def _show_region(self, start: int, end: int) -> None:
        current = self.workspace.current
        if current is not None and current.doc_id == self.curation.doc_id:
            self.editor.select_range(start, end)

    def _set_compare(self, on: bool) -> None:
        self.compare.set_enabled(on)
        if on and not self.compare.other:
            self._status(self.tr("No other annotator's layer in this project yet."))

    # -- changes -------------------------------------------------------------
    def on_change(self, change: Change) -> None:
        """Refresh compare, curation and the dashboard when a change touches them."""
        current = self.workspace.current
        if current is not None and (change.touches(current.doc_id) or change.labels):
            self.compare.refresh()
        if self.dashboard_window is not None and self.dashboard_window.isVisible():
            assert self.dashboard is not None
            self.dashboard.refresh()
        if change.source == "disk":
            n = len(change.layers)
            if n or change.documents_added:
                self._status(
                    self.tr("Reloaded from disk: %n layer(s)", "", n)
                    + (
                        self.tr(", %n new document(s)", "", len(change.documents_added))
                        if change.documents_added
                        else ""
                    )
                )

    # -- sharing -----------------------------------------------------------
    def ask_merge(self) -> None:
        """Ask for a bundle or another copy's project.json, then merge."""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.host,
            self.tr("Merge layers from a bundle or a copy of the project"),
            "",
            self.tr("Bundle or project (*.zip project.json);;All files (*)"),
        )
        if path:
            source = Path(path)
            self.merge_from(source.parent if source.name == "project.json" else source)

    def merge_from(self, source: Path) -> Any:
        """Merge layers from a bundle or a project folder as a workspace operation."""
        project = self.project

        def work(_task: Any) -> OpResult:
            with project.recording("merge") as rec:
                try:
                    lines: list[str] | Exception = summarise(merge(project, source))
                except (ShareError, TawsimError, OSError) as exc:
                    lines = exc
            return OpResult(rec.change, lines)

        def done(lines: list[str] | Exception) -> None:
            if isinstance(lines, Exception):
                QtWidgets.QMessageBox.warning(
                    self.host,
                    self.tr("Merge refused"),
                    self.tr("Nothing was changed:\n\n{error}").format(error=lines),
                )
                return
            self.merged = lines
            text = "\n".join(lines)
            QtWidgets.QMessageBox.information(self.host, self.tr("Merge finished"), text)

        return self.workspace.run_op(work, writes=True, label=self.tr("Merging…"), done=done)

    def ask_bundle(self) -> None:
        """Ask where to write the current annotator's bundle."""
        who = self.project.annotator
        if not who:
            return
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self.host,
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
            QtWidgets.QMessageBox.warning(self.host, self.tr("Bundle not written"), str(exc))
            return None
        self._status(self.tr("%n layer(s) written to the bundle", "", count) + f": {out}", 8000)
        return count

    # -- dashboard ---------------------------------------------------------
    def show_dashboard(self) -> QtWidgets.QWidget:
        """Open the statistics window at once; its charts are built once it has painted.

        The window shows a line first and the charts (their figures computed in
        the background) follow, tens of milliseconds later on the sample project.
        """
        if self.dashboard_window is None:
            window = QtWidgets.QWidget(self.host, QtCore.Qt.WindowType.Window)
            window.setObjectName("dashboard_window")
            window.setWindowTitle(
                self.tr("Statistics — {project}").format(
                    project=i18n.own_direction(i18n.project_name(self.project))
                )
            )
            layout = QtWidgets.QVBoxLayout(window)
            layout.setContentsMargins(6, 6, 6, 6)
            self.dashboard_wait = PaintedLabel(self.tr("Drawing the charts…"), self._build_charts)
            self.dashboard_wait.setObjectName("dashboard_wait")
            self.dashboard_wait.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(self.dashboard_wait)
            room = self.host.screen().availableGeometry()  # never larger than the screen
            window.resize(min(1100, room.width() - 16), min(760, room.height() - 40))
            self.dashboard_window = window
        self.dashboard_window.show()
        self.dashboard_window.raise_()
        if self.dashboard is not None:
            self.dashboard.refresh()
        return self.dashboard_window

    def _build_charts(self) -> None:
        if self.dashboard is not None or self.dashboard_window is None:
            return
        from gui.teams.dashboard import Dashboard

        self.dashboard = Dashboard(self.workspace)
        layout = self.dashboard_window.layout()
        layout.replaceWidget(self.dashboard_wait, self.dashboard)
        self.dashboard_wait.deleteLater()
        self.dashboard.refresh()

    def cancel(self) -> None:
        """Stop background work (on close)."""
        if self.dashboard is not None:
            self.dashboard.cancel()


class PaintedLabel(QtWidgets.QLabel):
    """A label that calls ``then`` once, just after it was first painted."""

    def __init__(self, text: str, then: Callable[[], None]) -> None:
        super().__init__(text)
        self._then: Callable[[], None] | None = then

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        super().paintEvent(event)
        if self._then is not None:
            then, self._then = self._then, None
            QtCore.QTimer.singleShot(0, then)
