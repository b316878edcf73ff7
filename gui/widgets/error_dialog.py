"""The dialog an unexpected error opens: what happened, that the work is saved, where the log is."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from gui.i18n import paragraph


class ErrorDialog(QtWidgets.QDialog):
    """A short explanation, the log file's path and a "Copy details" button; never a traceback."""

    def __init__(
        self,
        message: str | None,
        log_file: Path,
        details: str,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("error_dialog")
        self.setWindowTitle(self.tr("Tawsim: something went wrong"))
        self.details = details
        icon = QtWidgets.QLabel()
        style = self.style()
        icon.setPixmap(
            style.standardIcon(QtWidgets.QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(48)
        )
        icon.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop)
        if message:  # a known problem, such as a file that cannot be read
            summary = paragraph(message)  # it may start with a file name
        else:
            summary = self.tr(
                "Tawsim hit an unexpected problem and could not finish what it was doing."
            )
        self.summary = QtWidgets.QLabel(summary, objectName="error_summary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        saved = QtWidgets.QLabel(
            self.tr(
                "Your annotations are saved as you work, so nothing you did before this "
                "is lost. You can go on working, or restart Tawsim if something looks wrong."
            ),
            objectName="error_saved",
        )
        saved.setWordWrap(True)
        where = QtWidgets.QLabel(
            self.tr("The details were written to this log file:"), objectName="error_where"
        )
        self.path = QtWidgets.QLineEdit(str(log_file), objectName="error_log_path")
        self.path.setReadOnly(True)
        # A path reads left to right even in the Arabic interface.
        self.path.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)
        report = QtWidgets.QLabel(
            self.tr("To report it, copy the details and send them with a word on what you did."),
            objectName="error_report",
        )
        report.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(
            self.tr("&Copy details"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setObjectName("copy_details")
        self.copy_button.clicked.connect(self.copy_details)
        self.folder_button = buttons.addButton(
            self.tr("Open the log &folder"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.folder_button.clicked.connect(
            lambda: QtGui.QDesktopServices.openUrl(QtCore.QUrl.fromLocalFile(str(log_file.parent)))
        )
        buttons.rejected.connect(self.accept)
        text = QtWidgets.QVBoxLayout()
        for widget in (self.summary, saved, where, self.path, report):
            text.addWidget(widget)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.resize(560, 260)

    def copy_details(self) -> None:
        """Put the versions and the traceback on the clipboard."""
        QtGui.QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText(self.tr("Copied"))
