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

from core.errors import TawsimError
from core.model import validate_annotator
from core.settings import (
    Preferences,
    data_dir,
    default_annotator,
    load_preferences,
    remember_project,
)
from core.store import Project
from gui import i18n
from gui.error_messages import error_text
from gui.projects import open_project

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
            dialog = ErrorDialog(
                error_text(exc) if expected else None, path, details, _active_window()
            )
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


def first_run_needed(prefs: Preferences) -> bool:
    """True until the annotator has chosen a name and an interface language."""
    return not prefs.annotator or prefs.language not in i18n.LANGUAGES


def first_run(
    app: QtWidgets.QApplication, annotator: str | None, *, project_given: bool = False
) -> tuple[str, str] | None:
    """Ask for the name, the interface language and how to start; None if cancelled.

    Returns (name, "sample" or "new").
    """
    from gui.widgets.first_run import FirstRunDialog

    dialog = FirstRunDialog(app, annotator=annotator, project_given=project_given)
    if dialog.exec() != QtWidgets.QDialog.DialogCode.Accepted:
        return None
    return dialog.save(), dialog.start_choice()


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
        prefs = load_preferences()
    except TawsimError as exc:
        QtWidgets.QMessageBox.critical(None, "Tawsim", error_text(exc))
        return 1
    # The chrome follows the interface language; the editor sets each
    # paragraph's direction from its own text, whatever the language.
    i18n.install(app, i18n.preferences(prefs))
    from gui.fonts import load_fonts

    load_fonts()
    welcome = first_run_needed(prefs)
    try:
        start = "sample"
        if welcome:
            answer = first_run(app, annotator or prefs.annotator, project_given=bool(project))
            if answer is None:
                return 1
            name, start = answer
            annotator = annotator or name
        name = validate_annotator(default_annotator(annotator))
        if project:
            folder = Path(project)
        else:
            from core.sample import ensure_sample_project

            folder = ensure_sample_project()
    except TawsimError as exc:
        QtWidgets.QMessageBox.critical(None, "Tawsim", error_text(exc))
        return 1
    opened = open_project(folder, name)
    if opened is None:
        return 1
    for warning in opened.warnings:
        if warning != opened.read_only_reason:  # already shown by open_project
            QtWidgets.QMessageBox.warning(None, "Tawsim", i18n.paragraph(error_text(warning)))
    if not opened.read_only:
        remember_project(folder)
    windows = ProjectWindows()
    try:
        window = windows.show(opened)
        if welcome:
            from gui.widgets.first_run import show_first_steps

            show_first_steps(window)
            if start == "new":
                window.projects.ask_new_project()
        while True:
            code = app.exec()
            window = windows.window
            if window is None or not getattr(window, "restart_requested", False):
                return code
            # "Restart now" after a language change: the same project, a new window.
            i18n.install(app, i18n.preferences())
            windows.show(windows.project)
    finally:
        windows.close()


class ProjectWindows(QtCore.QObject):
    """One project window at a time: opening another project replaces the window."""

    def __init__(self) -> None:
        super().__init__()
        self.window: QtWidgets.QMainWindow | None = None
        self.project: Project | None = None

    def show(self, project: Project | None, paths: list[Path] | None = None) -> Any:
        """Show a project in a new window, then close the old window (and its project)."""
        from gui.main_window import MainWindow

        assert project is not None
        old_window, old_project = self.window, self.project
        window = MainWindow(project)
        window.switch_requested.connect(self.show)
        self.window, self.project = window, project
        window.show()
        if paths:
            from core.formats.project_io import ImportOptions

            window.transfer.start_import(list(paths), ImportOptions())
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_project is not None and old_project is not project:
            old_project.close()
        return window

    def close(self) -> None:
        """Release the open project."""
        if self.project is not None:
            self.project.close()
            self.project = None
