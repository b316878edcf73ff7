"""Start the desktop app: QApplication, error dialog, annotator name, project, main window."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6 import QtCore, QtWidgets

from core.errors import ProjectLockedError, TawsimError, ValidationError
from core.model import validate_annotator
from core.settings import data_dir, default_annotator, load_config, remember_project, update_config
from core.store import Project

log = logging.getLogger(__name__)
LOG_NAME = "tawsim-gui.log"


def log_path() -> Path:
    """The file unexpected errors are written to."""
    return data_dir() / LOG_NAME


def install_excepthook() -> None:
    """Show unexpected errors in a short dialog; the traceback goes to the log file only."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        path = log_path()
        try:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write("".join(traceback.format_exception(kind, exc, tb)) + "\n")
        except OSError:
            pass
        if isinstance(exc, TawsimError):
            text = str(exc)
        else:
            text = (
                "Tawsim hit an unexpected problem. Your annotations are saved as you work, "
                f"so nothing saved before this is lost.\n\nDetails were written to:\n{path}"
            )
        if QtWidgets.QApplication.instance() is not None:
            QtWidgets.QMessageBox.critical(None, "Tawsim: unexpected error", text)
        else:
            print(text, file=sys.stderr)

    sys.excepthook = hook


def ask_annotator(parent: QtWidgets.QWidget | None = None) -> str | None:
    """The configured annotator name; on first start, ask for it and remember it."""
    name = load_config().get("annotator")
    if isinstance(name, str) and name:
        return name
    suggestion = default_annotator()
    prompt = "Your name as an annotator (letters, digits, '.', '_' or '-'):"
    while True:
        text, ok = QtWidgets.QInputDialog.getText(
            parent, "Welcome to Tawsim", prompt, QtWidgets.QLineEdit.EchoMode.Normal, suggestion
        )
        if not ok:
            return None
        try:
            name = validate_annotator(text.strip())
        except ValidationError as exc:
            prompt = f"{exc}\n\nYour name as an annotator:"
            suggestion = text
            continue
        update_config(annotator=name)
        return name


def open_project(
    folder: Path, annotator: str, parent: QtWidgets.QWidget | None = None
) -> Project | None:
    """Open a project; if another window or process has it, offer a read-only view."""
    try:
        return Project.open(folder, annotator=annotator)
    except ProjectLockedError as exc:
        answer = QtWidgets.QMessageBox.question(
            parent,
            "Project already open",
            f"{exc}.\n\nOpen it read-only? You can read and browse the annotations, "
            "but not change them.",
            QtWidgets.QMessageBox.StandardButton.Open | QtWidgets.QMessageBox.StandardButton.Cancel,
        )
        if answer != QtWidgets.QMessageBox.StandardButton.Open:
            return None
        try:
            return Project.open(folder, annotator=annotator, read_only=True)
        except TawsimError as again:
            QtWidgets.QMessageBox.critical(parent, "Cannot open project", str(again))
            return None
    except TawsimError as exc:
        QtWidgets.QMessageBox.critical(parent, "Cannot open project", str(exc))
        return None


def run(project: str | Path | None = None, annotator: str | None = None) -> int:
    """Run the app; return its exit code."""
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    assert isinstance(app, QtWidgets.QApplication)
    app.setApplicationName("Tawsim")
    app.setOrganizationName("Tawsim")
    app.setApplicationDisplayName("Tawsim توسيم")
    # The chrome follows the UI language (English for now, so left-to-right); the
    # editor sets each paragraph's direction from its own text.
    app.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)
    install_excepthook()
    logging.basicConfig(filename=str(log_path()), level=logging.INFO)
    from gui.fonts import load_fonts
    from gui.main_window import MainWindow

    load_fonts()
    try:
        name = annotator or ask_annotator()
        if name is None:
            return 1
        validate_annotator(name)
        if project:
            folder = Path(project)
        else:
            from core.sample import ensure_sample_project

            folder = ensure_sample_project()
    except TawsimError as exc:
        QtWidgets.QMessageBox.critical(None, "Tawsim", str(exc))
        return 1
    opened = open_project(folder, name)
    if opened is None:
        return 1
    for warning in opened.warnings:
        QtWidgets.QMessageBox.warning(None, "Tawsim", warning)
    if not opened.read_only:
        remember_project(folder)
    window = MainWindow(opened)
    window.show()
    try:
        return app.exec()
    finally:
        opened.close()
