"""The import and export dialogs offer the consumers' options and pass them on unchanged."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore
from pytestqt.qtbot import QtBot

from core.model import Span
from gui.main_window import MainWindow
from gui.widgets.transfer_dialogs import ExportDialog, ImportDialog
from tests.gui import test_transfer
from tests.gui.test_transfer import finish, open_dialog

Key = QtCore.Qt.Key
window = test_transfer.window  # the same window fixture
Left = QtCore.Qt.MouseButton.LeftButton


def _pick(combo, value) -> None:  # type: ignore[no-untyped-def]
    combo.setCurrentIndex(combo.findData(value))


def test_export_dialog_writes_conll_for_doccano(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
) -> None:
    doc_id = window.project.documents()[0].id
    text = window.project.text(doc_id)
    syria = text.index("سوريا")
    window.project.layer(doc_id).add_many([Span(syria, syria + 5, "LOC", "tester")])
    out = tmp_path / "out.conll"
    dialog = open_dialog(qtbot, window, Key.Key_E, ExportDialog)
    assert isinstance(dialog, ExportDialog)
    dialog.out.setText(str(out))
    _pick(dialog.preset, "doccano")
    _pick(dialog.scheme, "bilou")
    _pick(dialog.docstart, True)
    values = dialog.values()
    assert (values["preset"], values["scheme"], values["docstart"]) == ("doccano", "bilou", True)
    qtbot.mouseClick(dialog.ok_button, Left)
    finish(qtbot, window)
    content = out.read_text("utf-8")
    assert content.startswith("-DOCSTART- -X- O O\n\n")
    assert "سوريا\tU-LOC\n" in content


def test_export_dialog_disables_conll_options_for_spacy(
    qtbot: QtBot,
    window: MainWindow,
) -> None:
    dialog = open_dialog(qtbot, window, Key.Key_E, ExportDialog)
    assert isinstance(dialog, ExportDialog)
    _pick(dialog.format, "spacy")
    assert not dialog.preset.isEnabled() and dialog.out.text().endswith(".spacy")
    assert dialog.values()["preset"] is None
    dialog.reject()


def test_import_dialog_options(
    qtbot: QtBot,
    window: MainWindow,
) -> None:
    dialog = open_dialog(qtbot, window, Key.Key_I, ImportDialog)
    assert isinstance(dialog, ImportDialog)
    dialog.columns.setText("token, _, _, ner")
    dialog.skip_bad_lines.setChecked(True)
    _pick(dialog.duplicates, "layer")
    opts = dialog.options()
    assert opts.columns == ("token", "_", "_", "ner")
    assert opts.skip_bad_lines and opts.duplicates == "layer"
    _pick(dialog.format, "jsonl")
    assert dialog.options().columns is None
    dialog.reject()
