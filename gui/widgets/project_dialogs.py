"""File › New project…: a name, a folder, a label set, and files to import right away."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from core.model import LabelSet, default_labelset
from core.store.project import PROJECT_FILE


def projects_home() -> Path:
    """Where new projects go by default."""
    return Path.home() / "Tawsim"


class NewProjectDialog(QtWidgets.QDialog):
    """Asks for what a new project needs; the window creates it when accepted."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_project")
        self.setWindowTitle(self.tr("New project"))
        self.name = QtWidgets.QLineEdit(objectName="new_project_name")
        self.name.setPlaceholderText(self.tr("For example: Syrian news 2025"))
        self.folder = QtWidgets.QLineEdit(objectName="new_project_folder")
        self.folder.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)  # a path
        browse = QtWidgets.QPushButton(self.tr("Choose…"), objectName="new_project_browse")
        browse.clicked.connect(self._choose_folder)
        self._folder_edited = False
        self.folder.textEdited.connect(lambda _t: setattr(self, "_folder_edited", True))
        self.name.textChanged.connect(self._name_changed)
        self.labels = QtWidgets.QComboBox(objectName="new_project_labels")
        self.labels.addItem(self.tr("Person, place, organisation, miscellaneous"), "default")
        self.labels.addItem(self.tr("Empty: I will add my own labels"), "empty")
        self.files = QtWidgets.QListWidget(objectName="new_project_files")
        self.files.setMaximumHeight(110)
        add_files = QtWidgets.QPushButton(self.tr("Add files…"), objectName="new_project_add")
        add_files.clicked.connect(self._add_files)
        add_folder = QtWidgets.QPushButton(
            self.tr("Add a folder…"), objectName="new_project_add_folder"
        )
        add_folder.clicked.connect(self._add_folder)
        self.error = QtWidgets.QLabel(objectName="new_project_error")
        self.error.setStyleSheet("color: #B00020;")
        self.error.setWordWrap(True)
        self.error.hide()

        folder_row = QtWidgets.QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        file_buttons = QtWidgets.QHBoxLayout()
        file_buttons.addWidget(add_files)
        file_buttons.addWidget(add_folder)
        file_buttons.addStretch(1)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        folder_label = QtWidgets.QLabel(self.tr("&Folder:"))
        folder_label.setBuddy(self.folder)  # a row holding a layout gets no buddy by itself
        form.addRow(folder_label, folder_row)
        form.addRow(self.tr("&Labels:"), self.labels)
        form.addRow(self.tr("Import now (optional):"), self.files)
        form.addRow("", file_buttons)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Create project")
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(620, self.sizeHint().height())

    # -- values ------------------------------------------------------------
    def values(self) -> tuple[str, Path, LabelSet, list[Path]]:
        """(name, folder, label set, paths to import)."""
        labels = default_labelset() if self.labels.currentData() == "default" else LabelSet(())
        paths = [Path(self.files.item(i).text()) for i in range(self.files.count())]
        return self.name.text().strip(), Path(self.folder.text().strip()), labels, paths

    def add_paths(self, paths: list[Path]) -> None:
        """Add files or folders to import once the project exists."""
        for path in paths:
            item = QtWidgets.QListWidgetItem(str(path))
            item.setData(QtCore.Qt.ItemDataRole.ToolTipRole, str(path))
            self.files.addItem(item)

    def problem(self) -> str:
        """Why the project cannot be created as filled in ("" when it can)."""
        name, folder, _labels, paths = self.values()
        if not name:
            return self.tr("Give the project a name.")
        if not str(folder) or str(folder) == ".":
            return self.tr("Choose a folder for the project.")
        if (folder / PROJECT_FILE).exists():
            return self.tr("There is a project in that folder already: open it instead.")
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            return self.tr("The folder is not empty: choose a new or an empty folder.")
        missing = [p for p in paths if not p.exists()]
        if missing:
            return self.tr("Not found: {path}").format(path=missing[0])
        return ""

    # -- slots -------------------------------------------------------------
    def _name_changed(self, name: str) -> None:
        if not self._folder_edited:
            safe = "".join(c if c.isalnum() or c in "-_ " else "_" for c in name.strip())
            self.folder.setText(str(projects_home() / safe.strip()) if safe.strip() else "")

    def _choose_folder(self) -> None:
        path = QtWidgets.QFileDialog.getExistingDirectory(
            self, self.tr("Folder for the new project"), str(projects_home().parent)
        )
        if path:
            self._folder_edited = True
            self.folder.setText(path)

    def _add_files(self) -> None:
        paths, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self,
            self.tr("Files to import"),
            str(Path.home()),
            self.tr("Texts and corpora (*.txt *.jsonl *.json *.conll *.ann *.tsv);;All files (*)"),
        )
        self.add_paths([Path(p) for p in paths])

    def _add_folder(self) -> None:
        path = QtWidgets.QFileDialog.getExistingDirectory(
            self, self.tr("Folder to import"), str(Path.home())
        )
        if path:
            self.add_paths([Path(path)])

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            self.error.show()
            return
        self.accept()
