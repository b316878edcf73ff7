"""The first start: the annotator's name and the interface language; then a hint on how to begin."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from core.errors import ValidationError
from core.model import validate_annotator
from core.settings import default_annotator, save_preferences
from gui import i18n
from gui.widgets.icons import app_icon


class FirstRunDialog(QtWidgets.QDialog):
    """Asks for the annotator's name and the interface language; the language applies at once."""

    def __init__(
        self,
        app: QtCore.QCoreApplication,
        *,
        annotator: str | None = None,
        project_given: bool = False,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.app = app
        self.project_given = project_given
        self.logo = QtWidgets.QLabel()
        self.logo.setPixmap(app_icon().pixmap(64, 64))
        self.heading = QtWidgets.QLabel(objectName="first_run_heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.intro = QtWidgets.QLabel(objectName="first_run_intro")
        self.intro.setWordWrap(True)
        self.name = QtWidgets.QLineEdit(
            annotator or default_annotator(), objectName="first_run_name"
        )
        self.name.setMaxLength(64)
        self.name_note = QtWidgets.QLabel(objectName="first_run_name_note")
        self.name_note.setWordWrap(True)
        self.error = QtWidgets.QLabel(objectName="first_run_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B00020;")
        self.error.hide()
        self.language = QtWidgets.QComboBox(objectName="first_run_language")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(i18n.current().language))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.form = QtWidgets.QFormLayout()
        self.name_label = QtWidgets.QLabel()
        self.name_label.setBuddy(self.name)
        self.language_label = QtWidgets.QLabel()
        self.language_label.setBuddy(self.language)
        self.form.addRow(self.name_label, self.name)
        self.form.addRow("", self.name_note)
        self.form.addRow(self.language_label, self.language)
        self.start_sample = QtWidgets.QRadioButton(objectName="first_run_sample")
        self.start_new = QtWidgets.QRadioButton(objectName="first_run_new")
        self.start_sample.setChecked(True)
        self.start_label = QtWidgets.QLabel()
        choices = QtWidgets.QVBoxLayout()
        choices.addWidget(self.start_sample)
        choices.addWidget(self.start_new)
        if not project_given:  # started on a project: that project opens
            self.form.addRow(self.start_label, choices)
        else:
            for widget in (self.start_sample, self.start_new, self.start_label):
                widget.hide()
        # Buttons of our own: a standard button box retranslates its standard buttons on
        # a language change, after retranslate(), and "Start" became Qt's "OK".
        self.buttons = QtWidgets.QDialogButtonBox()
        Role = QtWidgets.QDialogButtonBox.ButtonRole
        self.start_button = self.buttons.addButton("", Role.AcceptRole)
        self.start_button.setObjectName("first_run_start")
        self.start_button.setDefault(True)
        self.quit_button = self.buttons.addButton("", Role.RejectRole)
        self.quit_button.setObjectName("first_run_quit")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.logo, 0, QtCore.Qt.AlignmentFlag.AlignTop)
        words = QtWidgets.QVBoxLayout()
        words.addWidget(self.heading)
        words.addWidget(self.intro)
        top.addLayout(words, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addSpacing(8)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.setMinimumWidth(560)

    def retranslate(self) -> None:
        """Set every text in the interface language now in use."""
        self.setWindowTitle(self.tr("Welcome to Tawsim"))
        self.heading.setText(self.tr("Welcome to Tawsim"))
        self.intro.setText(
            self.tr(
                "Tawsim helps you mark the names of people, places and organisations in Arabic "
                "text."
            )
        )
        self.start_label.setText(self.tr("Begin with:"))
        self.start_sample.setText(self.tr("&The sample article, to try Tawsim at once"))
        self.start_new.setText(self.tr("A &new project of my own"))
        self.name_label.setText(self.tr("Your &name as an annotator:"))
        self.name_note.setText(
            self.tr("Letters, digits, '.', '_' or '-'. Your annotations are saved under it.")
        )
        self.language_label.setText(self.tr("Interface &language:"))
        self.start_button.setText(self.tr("&Start"))
        self.quit_button.setText(self.tr("&Quit"))

    def changeEvent(self, event: QtCore.QEvent) -> None:
        if event.type() == QtCore.QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _language_changed(self) -> None:
        language = self.language.currentData()
        i18n.install(self.app, i18n.Interface(language, i18n.default_digits(language)))
        self.retranslate()  # the LanguageChange event would come later

    def annotator(self) -> str | None:
        """The name typed, if it is a valid annotator name."""
        try:
            return validate_annotator(self.name.text().strip())
        except ValidationError:
            return None

    def _accept(self) -> None:
        if self.annotator() is None:
            self.error.setText(
                self.tr(
                    "“{name}” cannot be used: an annotator name is 1 to 64 letters, digits, "
                    "'.', '_' or '-', and starts with a letter or digit."
                ).format(name=i18n.isolate(self.name.text().strip()))
            )
            self.error.show()
            self.name.setFocus()
            return
        self.accept()

    def start_choice(self) -> str:
        """How to begin: "sample" or "new" (a project given on the command line: "sample")."""
        return "new" if self.start_new.isChecked() and not self.project_given else "sample"

    def save(self) -> str:
        """Remember the name and the interface; return the name."""
        name = self.annotator()
        assert name is not None
        interface = i18n.current()
        save_preferences(annotator=name)
        i18n.save_preferences(language=interface.language, digits=interface.digits)
        return name


class FirstSteps(QtCore.QObject):
    """The status bar's hint on how to begin, until the first edit."""

    def __init__(self, window: QtWidgets.QMainWindow) -> None:
        super().__init__(window)
        self.label = QtWidgets.QLabel(objectName="first_steps")
        self.label.setText(
            self.tr(
                "To begin: Tab goes to the next suggestion, Enter accepts it, Delete rejects it; "
                "1–9 label a selection. F1 lists every shortcut."
            )
        )
        bar = window.statusBar()
        # A widget added while a message shows stays hidden for good (Qt): add it between.
        busy = bar.currentMessage()
        bar.clearMessage()
        bar.addWidget(self.label, 1)
        self.done = False
        # Qt hides the hint under a message only if it was visible then; a message shown
        # while the window was still coming up was drawn over it ("Finding entities…").
        bar.messageChanged.connect(self._message)
        if busy:
            bar.showMessage(busy)
        workspace = getattr(window, "workspace", None)
        group = getattr(workspace, "undo_group", None)
        if isinstance(group, QtGui.QUndoGroup):
            self.group = group
            group.indexChanged.connect(self._edited)

    def _message(self, text: str) -> None:
        self.label.setVisible(not text and not self.done)

    def _edited(self, index: int) -> None:
        # index 0 comes when a document's stack becomes active; the recommenders'
        # suggestions are a command too, but the annotator has not begun yet
        stack = self.group.activeStack()
        last = stack.command(index - 1) if stack is not None and index > 0 else None
        if last is not None and getattr(last, "source", "edit") != "suggest":
            self.done = True
            self.label.hide()


def show_first_steps(window: QtWidgets.QMainWindow) -> FirstSteps:
    """Show how to begin in the window's status bar."""
    return FirstSteps(window)
