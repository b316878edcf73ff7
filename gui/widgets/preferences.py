"""Edit › Preferences…: the interface language and the digits numbers are shown in."""

from __future__ import annotations

from PySide6 import QtWidgets

from gui import i18n


class PreferencesDialog(QtWidgets.QDialog):
    """Interface language and digits; they apply when Tawsim restarts (work is never lost)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        chosen = i18n.preferences()
        self.language = QtWidgets.QComboBox(objectName="pref_language")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(chosen.language))
        self.digits = QtWidgets.QComboBox(objectName="pref_digits")
        self.digits.addItem(self.tr("Arabic-Indic digits (٠١٢٣٤٥٦٧٨٩)"), "arabic")
        self.digits.addItem(self.tr("Western digits (0123456789)"), "western")
        self.digits.setCurrentIndex(self.digits.findData(chosen.digits))
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Interface &language:"), self.language)
        form.addRow(self.tr("&Numbers in the interface:"), self.digits)
        note = QtWidgets.QLabel(
            self.tr(
                "The new language and digits apply when Tawsim restarts. Your annotations are "
                "saved as you work, so restarting loses nothing. Exported files always use "
                "Western digits, and the text of your documents is never changed."
            ),
            objectName="pref_note",
        )
        note.setWordWrap(True)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("pref_ok")
        self.restart_button = self.buttons.addButton(
            self.tr("Save and &restart now"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole
        )
        self.restart_button.setObjectName("pref_restart")
        self.restart = False
        self.restart_button.clicked.connect(self._restart_clicked)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(520, 220)

    def _restart_clicked(self) -> None:
        self.restart = True
        self.accept()

    def interface(self) -> i18n.Interface:
        """The interface as chosen."""
        return i18n.Interface(self.language.currentData(), self.digits.currentData())

    def save(self) -> bool:
        """Store the choice; True when it differs from the interface in use."""
        chosen = self.interface()
        i18n.save_preferences(language=chosen.language, digits=chosen.digits)
        return chosen != i18n.current()
