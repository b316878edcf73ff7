"""The File > Import… and File > Export… dialogs, and the report shown after either.

They offer the same options as ``python main.py import`` and ``export`` and
only collect them; gui/transfer.py runs the work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.errors import ValidationError
from core.formats.project_io import EXPORT_FORMATS, IMPORT_FORMATS, ImportOptions
from core.model import validate_annotator
from gui.error_messages import error_text
from gui.i18n import paragraph

IMPORT_FORMAT_TEXT = {
    "auto": QT_TRANSLATE_NOOP("Formats", "Detect from each file"),
    "txt": QT_TRANSLATE_NOOP("Formats", "Plain text (one document a file)"),
    "jsonl": QT_TRANSLATE_NOOP("Formats", "JSONL (doccano)"),
    "conll": QT_TRANSLATE_NOOP("Formats", "CoNLL (token … tag)"),
    "brat": QT_TRANSLATE_NOOP("Formats", "brat (.txt with its .ann)"),
    "labelstudio": QT_TRANSLATE_NOOP("Formats", "Label Studio JSON"),
    "webanno": QT_TRANSLATE_NOOP("Formats", "WebAnno TSV 3 (INCEpTION)"),
}
EXPORT_FORMAT_TEXT = {
    "conll": (QT_TRANSLATE_NOOP("Formats", "CoNLL, IOB2 tags"), ".conll"),
    "conll-bioes": (QT_TRANSLATE_NOOP("Formats", "CoNLL, BIOES tags"), ".conll"),
    "jsonl": (QT_TRANSLATE_NOOP("Formats", "JSONL (doccano)"), ".jsonl"),
    "brat": (QT_TRANSLATE_NOOP("Formats", "brat (a folder of .txt/.ann pairs)"), ""),
    "labelstudio": (QT_TRANSLATE_NOOP("Formats", "Label Studio JSON"), ".json"),
    "webanno": (
        QT_TRANSLATE_NOOP("Formats", "WebAnno TSV 3 (INCEpTION; a folder, one .tsv a document)"),
        "",
    ),
    "spacy": (QT_TRANSLATE_NOOP("Formats", "spaCy DocBin (.spacy)"), ".spacy"),
}
FOLDER_FORMATS = ("brat", "webanno")
CONLL_FORMATS = ("conll", "conll-bioes")
ENCODINGS = ("", "utf-8", "utf-8-sig", "utf-16", "windows-1256")


def _format_text(text: str) -> str:
    return QtCore.QCoreApplication.translate("Formats", text)


def _combo(name: str, items: list[tuple[str, Any]]) -> QtWidgets.QComboBox:
    combo = QtWidgets.QComboBox(objectName=name)
    for text, value in items:
        combo.addItem(text, value)
    return combo


def _select(combo: QtWidgets.QComboBox, value: Any) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


def _check_annotator(parent: QtWidgets.QWidget, name: str) -> bool:
    try:
        validate_annotator(name)
    except ValidationError as exc:
        title = QtCore.QCoreApplication.translate("ImportDialog", "Annotator")
        QtWidgets.QMessageBox.warning(parent, title, paragraph(error_text(exc)))
        return False
    return True


class ImportDialog(QtWidgets.QDialog):
    """Choose files and folders to import, and how to read them."""

    def __init__(self, annotator: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.setWindowTitle(self.tr("Import documents"))
        self.files = QtWidgets.QListWidget(objectName="import_files")
        self.files.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setMinimumHeight(110)
        add_files = QtWidgets.QPushButton(self.tr("Add files…"), objectName="add_files")
        add_folder = QtWidgets.QPushButton(self.tr("Add folder…"), objectName="add_folder")
        remove = QtWidgets.QPushButton(self.tr("Remove"), objectName="remove_files")
        add_files.clicked.connect(self._browse_files)
        add_folder.clicked.connect(self._browse_folder)
        remove.clicked.connect(self._remove_selected)
        buttons = QtWidgets.QVBoxLayout()
        for button in (add_files, add_folder, remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.files, 1)
        top.addLayout(buttons)

        self.format = _combo(
            "import_format", [(_format_text(IMPORT_FORMAT_TEXT[f]), f) for f in IMPORT_FORMATS]
        )
        self.scheme = _combo(
            "import_scheme",
            [
                (self.tr("Detect"), None),
                ("IOB1", "iob1"),
                ("IOB2", "iob2"),
                ("BIOES / BILOU", "bioes"),
            ],
        )
        self.encoding = QtWidgets.QComboBox(objectName="import_encoding")
        self.encoding.setEditable(True)
        for enc in ENCODINGS:
            self.encoding.addItem(enc or self.tr("Detect"), enc)
        self.as_accepted = QtWidgets.QRadioButton(
            self.tr("accepted spans"), objectName="as_accepted"
        )
        self.as_suggested = QtWidgets.QRadioButton(
            self.tr("suggestions to review"), objectName="as_suggested"
        )
        self.as_accepted.setChecked(True)
        status = QtWidgets.QHBoxLayout()
        status.addWidget(self.as_accepted)
        status.addWidget(self.as_suggested)
        status.addStretch(1)
        self.annotator = QtWidgets.QLineEdit(annotator, objectName="import_annotator")
        self.add_labels = QtWidgets.QCheckBox(
            self.tr("Add labels the project does not have yet"), objectName="add_labels"
        )
        self.columns = QtWidgets.QLineEdit(objectName="import_columns")
        self.columns.setPlaceholderText(self.tr("Detect (or e.g. token,_,_,ner)"))
        self.skip_bad_lines = QtWidgets.QCheckBox(
            self.tr("Skip malformed lines (each one is listed)"), objectName="skip_bad_lines"
        )
        self.duplicates = _combo(
            "import_duplicates",
            [
                (self.tr("Refuse the file"), "report"),
                (self.tr("Put their spans in a layer of their own"), "layer"),
                (self.tr("Leave their spans out"), "skip"),
            ],
        )
        self.format.currentIndexChanged.connect(self._format_changed)

        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("CoNLL tags:"), self.scheme)
        form.addRow(self.tr("CoNLL columns:"), self.columns)
        form.addRow(self.tr("Encoding:"), self.encoding)
        form.addRow(self.tr("Import spans as:"), status)
        form.addRow(self.tr("Into the layer of:"), self.annotator)
        form.addRow("", self.add_labels)
        form.addRow(self.tr("Copies with other spans:"), self.duplicates)
        form.addRow("", self.skip_bad_lines)
        note = QtWidgets.QLabel(
            self.tr(
                "Folders are read recursively. A file that fails is skipped as a whole; "
                "the others are imported. Texts already in the project are not duplicated."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Import"))
        self.ok_button.setObjectName("import_ok")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(QtWidgets.QLabel(self.tr("Files and folders:")))
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._format_changed()
        self._update_ok()
        self.resize(560, 460)

    # -- paths -------------------------------------------------------------
    def add_paths(self, paths: list[Path | str]) -> None:
        """Add files or folders to the list (once each)."""
        have = set(self.paths())
        for path in map(Path, paths):
            if path not in have:
                item = QtWidgets.QListWidgetItem(str(path))
                kind = "SP_DirIcon" if path.is_dir() else "SP_FileIcon"
                item.setIcon(
                    self.style().standardIcon(getattr(QtWidgets.QStyle.StandardPixmap, kind))
                )
                item.setData(QtCore.Qt.ItemDataRole.UserRole, str(path))
                item.setToolTip(str(path))
                self.files.addItem(item)
                have.add(path)
        self._update_ok()

    def paths(self) -> list[Path]:
        """The chosen files and folders."""
        return [
            Path(self.files.item(i).data(QtCore.Qt.ItemDataRole.UserRole))
            for i in range(self.files.count())
        ]

    def _browse_files(self) -> None:
        names, _ = QtWidgets.QFileDialog.getOpenFileNames(
            self,
            self.tr("Import files"),
            "",
            self.tr(
                "Corpus files (*.txt *.jsonl *.ndjson *.json *.conll *.conllu *.iob *.bio *.tsv);;"
                "All files (*)"
            ),
        )
        self.add_paths(list(names))

    def _browse_folder(self) -> None:
        name = QtWidgets.QFileDialog.getExistingDirectory(self, self.tr("Import a folder"))
        if name:
            self.add_paths([name])

    def _remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_ok()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(self.files.count() > 0)

    def _format_changed(self) -> None:
        conll = self.format.currentData() in ("auto", "conll")
        self.scheme.setEnabled(conll)
        self.columns.setEnabled(conll)

    # -- result ------------------------------------------------------------
    def options(self) -> ImportOptions:
        """The options, as the CLI's import takes them."""
        encoding = self.encoding.currentText().strip()
        if self.encoding.currentIndex() >= 0 and encoding == self.encoding.itemText(
            self.encoding.currentIndex()
        ):
            encoding = self.encoding.currentData() or encoding
        columns = self.columns.text().strip() if self.columns.isEnabled() else ""
        return ImportOptions(
            fmt=self.format.currentData(),
            scheme=self.scheme.currentData() if self.scheme.isEnabled() else None,
            encoding=None if encoding in ("", "Detect", self.tr("Detect")) else encoding,
            status="suggested" if self.as_suggested.isChecked() else "accepted",
            annotator=self.annotator.text().strip() or None,
            add_labels=self.add_labels.isChecked(),
            columns=tuple(c.strip() for c in columns.split(",")) if columns else None,
            skip_bad_lines=self.skip_bad_lines.isChecked(),
            duplicates=self.duplicates.currentData(),
        )

    def _accept(self) -> None:
        name = self.annotator.text().strip()
        if name and not _check_annotator(self, name):
            return
        self.accept()


class ExportDialog(QtWidgets.QDialog):
    """Choose a format, a destination and what to export."""

    def __init__(
        self,
        *,
        annotators: list[str],
        annotator: str,
        default_out: Path,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("export_dialog")
        self.setWindowTitle(self.tr("Export annotations"))
        self.format = _combo(
            "export_format", [(_format_text(EXPORT_FORMAT_TEXT[f][0]), f) for f in EXPORT_FORMATS]
        )
        self.out = QtWidgets.QLineEdit(str(default_out), objectName="export_out")
        browse = QtWidgets.QPushButton(self.tr("Browse…"), objectName="export_browse")
        browse.clicked.connect(self._browse)
        where = QtWidgets.QHBoxLayout()
        where.addWidget(self.out, 1)
        where.addWidget(browse)
        self.tokens = _combo(
            "export_tokens",
            [
                (self.tr("Whitespace tokens (ANERcorp: وسوريا is one token)"), "whitespace"),
                (self.tr("Split at proclitics and span edges (و + سوريا)"), "clitic"),
            ],
        )
        self.nested = _combo(
            "export_nested",
            [
                (self.tr("Outermost spans only"), "outer"),
                (self.tr("A tag column per nesting level"), "columns"),
            ],
        )
        self.preset = _combo(
            "export_preset",
            [
                (self.tr("None (choose below)"), None),
                (self.tr("doccano (tab-separated, no -DOCSTART-)"), "doccano"),
                (self.tr("spaCy (spacy convert)"), "spacy"),
                (self.tr("ANERcorp layout"), "anercorp"),
            ],
        )
        self.scheme = _combo(
            "export_scheme",
            [
                (self.tr("Default of the format"), None),
                ("IOB1", "iob1"),
                ("IOB2", "iob2"),
                ("BIOES (S-, E-)", "bioes"),
                ("BILOU (U-, L-)", "bilou"),
            ],
        )
        self.delimiter = _combo(
            "export_delimiter",
            [(self.tr("Default"), None), (self.tr("Space"), "space"), (self.tr("Tab"), "tab")],
        )
        self.docstart = _combo(
            "export_docstart",
            [
                (self.tr("When there are several documents"), None),
                (self.tr("Yes"), True),
                (self.tr("No"), False),
            ],
        )
        self.annotator = QtWidgets.QComboBox(objectName="export_annotator")
        self.annotator.setEditable(True)
        self.annotator.addItems(sorted(set(annotators) | {annotator}))
        self.annotator.setCurrentText(annotator)
        self.status = _combo(
            "export_status",
            [(self.tr("All documents"), "any"), (self.tr("Only documents marked done"), "done")],
        )
        self.include_suggestions = QtWidgets.QCheckBox(
            self.tr("Include open suggestions (JSONL, Label Studio: as predictions)"),
            objectName="include_suggestions",
        )
        self.format.currentIndexChanged.connect(self._format_changed)
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("Format:"), self.format)
        form.addRow(self.tr("Save to:"), where)
        form.addRow(self.tr("CoNLL tokens:"), self.tokens)
        form.addRow(self.tr("Nested spans:"), self.nested)
        form.addRow(self.tr("CoNLL for:"), self.preset)
        form.addRow(self.tr("CoNLL tags:"), self.scheme)
        form.addRow(self.tr("CoNLL columns separated by:"), self.delimiter)
        form.addRow(self.tr("-DOCSTART- lines:"), self.docstart)
        form.addRow(self.tr("Annotator's layer:"), self.annotator)
        form.addRow(self.tr("Documents:"), self.status)
        form.addRow("", self.include_suggestions)
        note = QtWidgets.QLabel(
            self.tr(
                "Offsets count Unicode code points. Spans a format cannot represent exactly "
                "are listed after the export, with the reason."
            )
        )
        note.setWordWrap(True)
        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Export"))
        self.ok_button.setObjectName("export_ok")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._format_changed()
        self.resize(600, 340)

    def _format_changed(self) -> None:
        fmt = self.format.currentData()
        conll = fmt in CONLL_FORMATS
        for widget in (
            self.tokens,
            self.nested,
            self.preset,
            self.scheme,
            self.delimiter,
            self.docstart,
        ):
            widget.setEnabled(conll)
        self.include_suggestions.setEnabled(fmt in ("jsonl", "labelstudio", "conll", "conll-bioes"))
        suffix = EXPORT_FORMAT_TEXT[fmt][1]
        path = Path(self.out.text().strip() or "export")
        if path.name:
            self.out.setText(str(path.with_suffix(suffix) if path.suffix or suffix else path))

    def _browse(self) -> None:
        if self.format.currentData() in FOLDER_FORMATS:
            name = QtWidgets.QFileDialog.getExistingDirectory(
                self, self.tr("Export to a folder"), self.out.text()
            )
        else:
            name, _ = QtWidgets.QFileDialog.getSaveFileName(
                self, self.tr("Export to"), self.out.text()
            )
        if name:
            self.out.setText(name)

    def values(self) -> dict[str, Any]:
        """Keyword arguments for core.formats.project_io.export_project (with fmt and out)."""
        conll = self.format.currentData() in CONLL_FORMATS
        return {
            "fmt": self.format.currentData(),
            "out": Path(self.out.text().strip()),
            "tokens": self.tokens.currentData() if conll else "whitespace",
            "annotator": self.annotator.currentText().strip() or None,
            "status": self.status.currentData(),
            "include_suggestions": self.include_suggestions.isEnabled()
            and self.include_suggestions.isChecked(),
            "nested": conll and self.nested.currentData() == "columns",
            "preset": self.preset.currentData() if conll else None,
            "scheme": self.scheme.currentData() if conll else None,
            "delimiter": self.delimiter.currentData() if conll else None,
            "docstart": self.docstart.currentData() if conll else None,
        }

    def _accept(self) -> None:
        if not self.out.text().strip():
            QtWidgets.QMessageBox.warning(
                self, self.tr("Export"), self.tr("Choose where to save the export.")
            )
            return
        name = self.annotator.currentText().strip()
        if name and not _check_annotator(self, name):
            return
        self.accept()


class ReportDialog(QtWidgets.QDialog):
    """What an import or export did: a summary line and details to read or copy."""

    def __init__(
        self, title: str, summary: str, details: str, parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("report_dialog")
        self.setWindowTitle(title)
        self.summary = QtWidgets.QLabel(summary, objectName="report_summary")
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setBold(True)
        self.summary.setFont(font)
        self.details = QtWidgets.QPlainTextEdit(objectName="report_details")
        self.details.setReadOnly(True)
        self.details.setPlainText(details)
        self.details.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.setVisible(bool(details))
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy"), QtWidgets.QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QtGui.QGuiApplication.clipboard().setText(self.text()))
        buttons.rejected.connect(self.accept)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(640, 380 if details else 140)

    def text(self) -> str:
        """The whole report as plain text."""
        details = self.details.toPlainText()
        return self.summary.text() + ("\n\n" + details if details else "")
