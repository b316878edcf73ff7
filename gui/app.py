"""Start the desktop app: QApplication, language, error dialog, first run, project, main window."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6 import QtCore, QtWidgets

from core.errors import ProjectLockedError, TawsimError
from core.model import validate_annotator
from core.settings import data_dir, load_config, remember_project
from core.store import Project
from gui import i18n

log = logging.getLogger(__name__)
LOG_NAME = "tawsim-gui.log"


def log_path() -> Path:
    """The file unexpected errors are written to."""
    return data_dir() / LOG_NAME


def setup_logging() -> None:
    """Log to the file in the user data folder (once)."""
    root = logging.getLogger()
    path = str(log_path())
    if not any(getattr(h, "baseFilename", None) == path for h in root.handlers):
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)


def error_details(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    """Versions and the traceback: for the log file and the clipboard, never shown."""
    from importlib import metadata

    try:
        version = metadata.version("tawsim")
    except metadata.PackageNotFoundError:
        version = "source"
    qt = QtCore.qVersion()
    head = (
        f"Tawsim {version} · Python {platform.python_version()} · Qt {qt} · {platform.platform()}"
    )
    return head + "\n\n" + "".join(traceback.format_exception(kind, exc, tb))


class ExceptHook:
    """Show unexpected errors in a short dialog; the traceback goes to the log file only."""

    def __init__(self) -> None:
        self.showing = False
        self.last_dialog: QtWidgets.QDialog | None = None

    def __call__(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        details = error_details(kind, exc, tb)
        path = log_path()
        try:
            with open(path, "a", encoding="utf-8") as handle:
                handle.write(details + "\n")
        except OSError:
            pass
        app = QtWidgets.QApplication.instance()
        if app is None:
            print(f"Tawsim: unexpected error; details in {path}", file=sys.stderr)
            return
        if self.showing:  # an error while the dialog is up: logged, not stacked
            return
        from gui.widgets.error_dialog import ErrorDialog

        expected = isinstance(exc, TawsimError)
        self.showing = True
        try:
            dialog = ErrorDialog(str(exc) if expected else None, path, details, _active_window())
            self.last_dialog = dialog
            dialog.exec()
        finally:
            self.showing = False


def _active_window() -> QtWidgets.QWidget | None:
    return QtWidgets.QApplication.activeWindow()


def install_excepthook() -> ExceptHook:
    """Route unexpected exceptions to the error dialog."""
    hook = ExceptHook()
    sys.excepthook = hook
    return hook


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
            ).format(problem=exc),
            QtWidgets.QMessageBox.StandardButton.Open | QtWidgets.QMessageBox.StandardButton.Cancel,
        )
        if answer != QtWidgets.QMessageBox.StandardButton.Open:
            return None
        try:
            return Project.open(folder, annotator=annotator, read_only=True)
        except TawsimError as again:
            QtWidgets.QMessageBox.critical(
                parent, QtCore.QCoreApplication.translate("App", "Cannot open project"), str(again)
            )
            return None
    except TawsimError as exc:
        QtWidgets.QMessageBox.critical(
            parent, QtCore.QCoreApplication.translate("App", "Cannot open project"), str(exc)
        )
        return None


def _said_if_read_only(project: Project, parent: QtWidgets.QWidget | None) -> Project:
    """Tell the user when the store opened a project read-only (a damaged file, a backup)."""
    if project.read_only_reason:
        QtWidgets.QMessageBox.warning(
            parent,
            QtCore.QCoreApplication.translate("App", "Opened read-only"),
            QtCore.QCoreApplication.translate(
                "App",
                "{problem}\n\nThe project is open read-only so that nothing newer is "
                "overwritten. Repair or delete the damaged file, then open the project again.",
            ).format(problem=project.read_only_reason),
        )
    return project


def first_run_needed(config: dict[str, Any]) -> bool:
    """True until the annotator has chosen a name and an interface language."""
    return not config.get("annotator") or config.get("language") not in i18n.LANGUAGES


def first_run(app: QtWidgets.QApplication, annotator: str | None) -> str | None:
    """Ask for the annotator's name and the interface language; None if cancelled."""
    from gui.widgets.first_run import FirstRunDialog

    dialog = FirstRunDialog(app, annotator=annotator)
    if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    return dialog.save()


def make_application() -> QtWidgets.QApplication:
    """The QApplication, named, with logging and the error dialog in place."""
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv[:1])
    assert isinstance(app, QtWidgets.QApplication)
    app.setApplicationName("Tawsim")
    app.setOrganizationName("Tawsim")
    app.setApplicationDisplayName("Tawsim توسيم")
    app.setDesktopFileName("tawsim")  # matches core.desktop's tawsim.desktop
    from gui.widgets.icons import app_icon

    app.setWindowIcon(app_icon())
    setup_logging()
    install_excepthook()
    return app


def run(project: str | Path | None = None, annotator: str | None = None) -> int:
    """Run the app; return its exit code."""
    app = make_application()
    try:
        config = load_config()
    except TawsimError as exc:
        QtWidgets.QMessageBox.critical(None, "Tawsim", str(exc))
        return 1
    # The chrome follows the interface language; the editor sets each
    # paragraph's direction from its own text, whatever the language.
    i18n.install(app, i18n.preferences(config))
    from gui.fonts import load_fonts
    from gui.main_window import MainWindow

    load_fonts()
    welcome = first_run_needed(config)
    try:
        if welcome:
            name = first_run(app, annotator or config.get("annotator"))
            if name is None:
                return 1
            annotator = annotator or name
        name = validate_annotator(annotator or str(load_config().get("annotator", "")))
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
        if warning != opened.read_only_reason:  # already shown by open_project
            QtWidgets.QMessageBox.warning(None, "Tawsim", warning)
    if not opened.read_only:
        remember_project(folder)
    try:
        while True:
            window = MainWindow(opened)
            if welcome:
                from gui.widgets.first_run import show_first_steps

                show_first_steps(window)
                welcome = False
            window.show()
            code = app.exec()
            if not getattr(window, "restart_requested", False):
                return code
            # "Restart now" after a language change: the same project, a new window.
            window.deleteLater()
            i18n.install(app, i18n.preferences())
    finally:
        opened.close()
