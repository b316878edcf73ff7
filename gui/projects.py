"""Projects from the GUI: New project…, Open project…, Recent projects, drops, Labels….

Opening another project asks the app (``switch_requested``) to show it in a new
window and close this one; gui/app.py does that, so that each window holds one
project and its lock.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from core.errors import ProjectLockedError, TawsimError
from core.settings import known_projects, remember_project
from core.store import Project
from core.store.project import PROJECT_FILE
from gui.commands import LabelsCommand
from gui.error_messages import error_text
from gui.i18n import isolate, paragraph
from gui.workspace import Workspace


def label_usage(project: Project) -> dict[str, tuple[int, int]]:
    """For each label: spans using it in the current annotator's layers, and in others'."""
    mine: Counter[str] = Counter()
    others: Counter[str] = Counter()
    me = project.annotator
    for info in project.documents():
        for annotator in project.annotators():
            for span in project.layer(info.id, annotator).spans():
                (mine if annotator == me else others)[span.label] += 1
    return {name: (mine[name], others[name]) for name in set(mine) | set(others)}


class ProjectActions(QtCore.QObject):
    """The File menu's project items and Project › Labels… for one window."""

    #: show this project (and import these paths into it) instead of the current one
    switch_requested = QtCore.Signal(object, list)

    def __init__(self, window: QtWidgets.QMainWindow, workspace: Workspace) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.recent_menu = QtWidgets.QMenu(self.tr("Recent projects"), window)
        self.recent_menu.setObjectName("recent_menu")
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.dialog: QtWidgets.QDialog | None = None

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 6000)

    # -- new and open --------------------------------------------------------
    def ask_new_project(self) -> QtWidgets.QDialog:
        """File › New project…: a dialog; the project is made and opened when accepted."""
        from gui.widgets.project_dialogs import NewProjectDialog

        dialog = NewProjectDialog(self.window)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.create_project(*dialog.values()))
        self.dialog = dialog
        dialog.open()
        return dialog

    def create_project(self, name: str, folder: Path, labels: object, paths: list[Path]) -> None:
        """Create a project folder and ask to open it (importing paths into it)."""
        try:
            project = Project.create(
                folder,
                name=name,
                labels=labels,
                annotator=self.workspace.annotator,  # type: ignore[arg-type]
            )
        except (TawsimError, OSError) as exc:
            QtWidgets.QMessageBox.warning(self.window, self.tr("New project"), _said(exc))
            return
        remember_project(folder)
        self.switch_requested.emit(project, list(paths))

    def ask_open_project(self) -> None:
        """File › Open project…: choose a project folder."""
        path = QtWidgets.QFileDialog.getExistingDirectory(
            self.window, self.tr("Open a project folder"), str(Path.home())
        )
        if path:
            self.open_folder(Path(path))

    def open_folder(self, folder: Path) -> Project | None:
        """Open another project folder (a second window on the same one is refused)."""
        folder = Path(folder)
        if not (folder / PROJECT_FILE).exists():
            QtWidgets.QMessageBox.warning(
                self.window,
                self.tr("Open project"),
                self.tr("{folder} is not a Tawsim project (it has no project.json).").format(
                    folder=isolate(str(folder))
                ),
            )
            return None
        if folder.resolve() == self.workspace.project.folder.resolve():
            self._status(self.tr("That project is the one open."))
            return None
        project = open_project(folder, self.workspace.annotator or "", self.window)
        if project is None:
            return None
        if not project.read_only:
            remember_project(folder)
        self.switch_requested.emit(project, [])
        return project

    def fill_recent(self) -> None:
        """File › Recent projects: the projects `python main.py projects` lists."""
        self.recent_menu.clear()
        current = self.workspace.project.folder.resolve()
        for folder in known_projects()[:15]:
            action = self.recent_menu.addAction(isolate(str(folder)))  # keeps its direction
            exists = (folder / PROJECT_FILE).exists()
            action.setEnabled(exists and folder.resolve() != current)
            if not exists:
                action.setText(self.tr("{folder} (missing)").format(folder=isolate(str(folder))))
            action.triggered.connect(lambda _c=False, f=folder: self.open_folder(f))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("No projects yet")).setEnabled(False)

    # -- drops -----------------------------------------------------------------
    @staticmethod
    def dropped_paths(mime: QtCore.QMimeData) -> list[Path]:
        """The local files and folders in a drop."""
        return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]

    def drop(self, paths: list[Path]) -> None:
        """A project folder dropped on the window opens; other files and folders are imported."""
        projects = [p for p in paths if (p / PROJECT_FILE).exists()]
        if projects:
            self.open_folder(projects[0])
            return
        if paths:
            from core.formats.project_io import ImportOptions

            transfer = getattr(self.window, "transfer", None)
            if transfer is not None:
                transfer.start_import(paths, ImportOptions())

    # -- labels ------------------------------------------------------------
    def edit_labels(self) -> QtWidgets.QDialog | None:
        """Project › Labels…: edit the label set; OK applies it as one undoable command."""
        from gui.widgets.label_editor import LabelSetDialog

        if self.workspace.read_only:
            self._status(self.tr("The project is open read-only; nothing can be changed."))
            return None
        dialog = LabelSetDialog(
            self.workspace.labels, label_usage(self.workspace.project), self.window
        )
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.apply_labels(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def apply_labels(self, dialog: QtWidgets.QDialog) -> None:
        """Push the edited label set as one command on the open document's stack."""
        labels = getattr(dialog, "result_labels", None)
        if labels is None or (labels == self.workspace.labels and not dialog.relabel):  # type: ignore[attr-defined]
            return
        command = LabelsCommand(
            self.workspace,
            labels,
            dialog.relabel,
            self.tr("Edit the labels"),  # type: ignore[attr-defined]
        )
        stack = self.workspace.undo_group.activeStack()
        if stack is None:
            command.redo()
        else:
            stack.push(command)


def accepts_drop(event: QtGui.QDropEvent | QtGui.QDragEnterEvent) -> bool:
    """True for drops of local files or folders."""
    mime = event.mimeData()
    return mime.hasUrls() and any(url.isLocalFile() for url in mime.urls())


def open_project(
    folder: Path, annotator: str, parent: QtWidgets.QWidget | None = None
) -> Project | None:
    """Open a project; if another window or process has it, offer a read-only view."""
    try:
        return _said_if_read_only(Project.open(folder, annotator=annotator), parent)
    except ProjectLockedError as exc:
        answer = QtWidgets.QMessageBox.question(
            parent,
            QtCore.QCoreApplication.translate("App", "Project already open"),
            QtCore.QCoreApplication.translate(
                "App",
                "{problem}.\n\nOpen it read-only? You can read and browse the annotations, "
                "but not change them.",
            ).format(problem=_said(exc)),
            QtWidgets.QMessageBox.StandardButton.Open | QtWidgets.QMessageBox.StandardButton.Cancel,
        )
        if answer != QtWidgets.QMessageBox.StandardButton.Open:
            return None
        try:
            return Project.open(folder, annotator=annotator, read_only=True)
        except TawsimError as again:
            title = QtCore.QCoreApplication.translate("App", "Cannot open project")
            QtWidgets.QMessageBox.critical(parent, title, _said(again))
            return None
    except TawsimError as exc:
        QtWidgets.QMessageBox.critical(
            parent, QtCore.QCoreApplication.translate("App", "Cannot open project"), _said(exc)
        )
        return None


def _said(error: BaseException) -> str:
    """A store error in the interface language, its file names in their own direction."""
    text = error_text(error) if isinstance(error, TawsimError) else isolate(str(error))
    return paragraph(text)


def _said_if_read_only(project: Project, parent: QtWidgets.QWidget | None) -> Project:
    """Tell the user when the store opened a project read-only (a damaged file, a backup)."""
    if project.read_only_reason:
        QtWidgets.QMessageBox.warning(
            parent,
            QtCore.QCoreApplication.translate("App", "Opened read-only"),
            paragraph(
                QtCore.QCoreApplication.translate(
                    "App",
                    "{problem}\n\nThe project is open read-only so that nothing newer is "
                    "overwritten. Repair or delete the damaged file, then open the project "
                    "again.",
                ).format(problem=error_text(project.read_only_reason))
            ),
        )
    return project
