"""File > Import… and File > Export…: dialogs, worker, progress and Cancel, readable reports."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from core.model import Span
from gui import i18n, transfer
from gui.main_window import MainWindow
from gui.widgets.transfer_dialogs import ExportDialog, ImportDialog
from tests.gui.conftest import make_project

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier
Left = QtCore.Qt.MouseButton.LeftButton

DOC = "زار الوفد سوريا ثم التقى قيادة تنظيم الدولة في حلب."


@pytest.fixture(autouse=True)
def _english(qapp) -> None:  # type: ignore[no-untyped-def]
    """The English interface as the app installs it (its plural forms come from its .ts)."""
    i18n.install(qapp, i18n.Interface("en", "western"))


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    project = make_project(tmp_path / "p", [("first", DOC)])
    win = MainWindow(project, recommender_factory=lambda _p: [], auto_suggest=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    win.editor.setFocus()
    qtbot.waitUntil(win.editor.hasFocus, timeout=3000)
    return win


def open_dialog(
    qtbot: QtBot, window: MainWindow, key: QtCore.Qt.Key, kind: type
) -> QtWidgets.QDialog:
    qtbot.keyClick(window.editor, key, Mod.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.transfer.dialog, kind), timeout=3000)
    dialog = window.transfer.dialog
    assert dialog.isVisible()
    return dialog


def finish(qtbot: QtBot, window: MainWindow) -> str:
    qtbot.waitUntil(lambda: window.transfer.report is not None, timeout=10000)
    report = window.transfer.report
    assert report.isVisible()
    return report.text()


def test_import_jsonl_and_folder_reports_bad_file(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    rows = [
        {"text": "وصل الرئيس إلى بيروت.", "label": [[15, 20, "LOC"]], "title": "بيروت"},
        {"text": "اجتماع في بغداد اليوم.", "label": []},
    ]
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("نص أول عن دمشق.", "utf-8")
    (folder / "sub" / "two.txt").write_text("نص ثان عن عمان.", "utf-8")
    (folder / "bad.jsonl").write_text('{"text": "سليم"}\n{not json\n', "utf-8")
    dialog = open_dialog(qtbot, window, Key.Key_I, ImportDialog)
    assert not dialog.ok_button.isEnabled()  # nothing chosen yet
    dialog.add_paths([jsonl, folder])
    qtbot.mouseClick(dialog.ok_button, Left)
    text = finish(qtbot, window)
    assert "4 documents added" in text and "1 of 4 files could not be imported" in text
    # The error names the file; the file name keeps its own direction (an isolate).
    bad = folder / "bad.jsonl"
    assert f"✗ {i18n.FSI}{bad}:2{i18n.PDI}: invalid JSON" in text
    assert "Traceback" not in text
    titles = [window.doc_model.index(r, 0).data() for r in range(window.doc_model.rowCount())]
    assert len(titles) == 5 and "\u2068بيروت\u2069" in titles  # refreshed, titles isolated
    project = window.project
    beirut = next(d.id for d in project.documents() if d.title == "بيروت")
    spans = project.layer(beirut).spans()
    assert [(s.label, s.status, s.origin) for s in spans] == [
        ("LOC", "accepted", "import:in.jsonl")
    ]


def test_cancelled_import_leaves_project_unchanged(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(5):
        (folder / f"{i}.txt").write_text(f"نص رقم {i} عن حمص.", "utf-8")
    gate = threading.Event()
    real = transfer.import_paths

    def slow(project, paths, opts, *, progress, cancelled):  # type: ignore[no-untyped-def]
        def report(done: int, total: int) -> None:
            progress(done, total)
            if done == 2:
                gate.wait(5)  # hold the worker until the user has pressed Cancel

        return real(project, paths, opts, progress=report, cancelled=cancelled)

    monkeypatch.setattr(transfer, "import_paths", slow)
    project = window.project
    before = sorted(p.name for p in (project.folder / "texts").iterdir())
    dialog = open_dialog(qtbot, window, Key.Key_I, ImportDialog)
    dialog.add_paths([folder])
    qtbot.mouseClick(dialog.ok_button, Left)
    progress = window.transfer.progress
    qtbot.waitUntil(lambda: progress.value() == 2, timeout=5000)
    assert not window.editor.isEnabled()  # nothing else may change the project meanwhile
    cancel = progress.findChild(QtWidgets.QPushButton)
    cancel.click()
    gate.set()
    text = finish(qtbot, window)
    assert "cancelled" in text and "unchanged" in text
    assert len(project.documents()) == 1 and window.doc_model.rowCount() == 1
    assert sorted(p.name for p in (project.folder / "texts").iterdir()) == before
    assert window.editor.isEnabled()


def test_export_conll_reports_a_nested_span(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    project = window.project
    doc = project.documents()[0].id
    outer = DOC.index("تنظيم الدولة")
    inner = DOC.index("الدولة")
    syria = DOC.index("سوريا")
    project.layer(doc).add_many(
        [
            Span(outer, outer + len("تنظيم الدولة"), "ORG", "tester"),
            Span(inner, inner + len("الدولة"), "ORG", "tester"),
            Span(syria, syria + 5, "LOC", "tester"),
        ]
    )
    out = tmp_path / "out.conll"
    dialog = open_dialog(qtbot, window, Key.Key_E, ExportDialog)
    dialog.out.setText(str(out))
    assert dialog.tokens.isEnabled() and dialog.nested.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Left)
    text = finish(qtbot, window)
    assert "Exported 1 document, 3 spans" in text
    assert "1 span could not be kept exactly" in text
    iso = i18n.isolate
    assert (
        f"{iso('first')} [{inner}, {inner + 6}) ORG “{iso('الدولة')}”: "
        f"{i18n.FSI}nested inside another span" in text
    )
    lines = out.read_text("utf-8").splitlines()
    assert "سوريا B-LOC" in lines and "تنظيم B-ORG" in lines and "الدولة I-ORG" in lines


def test_export_cancel_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started, gate = threading.Event(), threading.Event()
    real = transfer.export_project

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        started.set()
        gate.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(transfer, "export_project", held)
    out = tmp_path / "out.jsonl"
    dialog = open_dialog(qtbot, window, Key.Key_E, ExportDialog)
    dialog.format.setCurrentIndex(dialog.format.findData("jsonl"))
    assert not dialog.tokens.isEnabled() and dialog.out.text().endswith(".jsonl")
    dialog.out.setText(str(out))
    qtbot.mouseClick(dialog.ok_button, Left)
    qtbot.waitUntil(started.is_set, timeout=3000)
    window.transfer.progress.findChild(QtWidgets.QPushButton).click()
    gate.set()
    text = finish(qtbot, window)
    assert "Export cancelled. Nothing was written." in text and not out.exists()
