"""A first hour without the command line: new project, import, labels, annotate, export."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from core.model import Span
from core.settings import known_projects
from core.store import Project
from gui.main_window import MainWindow
from gui.widgets.label_editor import LabelSetDialog
from gui.widgets.project_dialogs import NewProjectDialog
from tests.gui.conftest import FakeRecommender, make_project

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier
TEXTS = {
    "one.txt": "زار الرئيس مدينة حلب ثم عاد إلى دمشق.",
    "two.txt": "قالت وزارة الخارجية إن الوفد وصل إلى عمان.",
}


def _show(qtbot: QtBot, project: Project) -> MainWindow:
    window = MainWindow(
        project, recommender_factory=lambda _p: FakeRecommender(), auto_suggest=False
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus, timeout=3000)
    return window


def test_new_project_import_labels_annotate_export(qtbot: QtBot, tmp_path: Path) -> None:
    start = make_project(tmp_path / "sample", [("sample", "نص تجريبي عن سوريا.")])
    window = _show(qtbot, start)
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    switched: list[tuple[Project, list[Path]]] = []
    window.switch_requested.connect(lambda p, paths: switched.append((p, paths)))

    # File › New project… (Ctrl+N): fill in the dialog as a user would.
    qtbot.keyClick(window.editor, Key.Key_N, Mod.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(window.projects.dialog, NewProjectDialog), timeout=3000)
    dialog = window.projects.dialog
    assert isinstance(dialog, NewProjectDialog)
    dialog.name.insert("أخبار")  # QTest cannot type Arabic letters as key events
    dialog.folder.setText(str(tmp_path / "news"))
    dialog.add_paths([folder])
    dialog.findChild(QtWidgets.QDialogButtonBox).button(
        QtWidgets.QDialogButtonBox.StandardButton.Ok
    ).click()
    qtbot.waitUntil(lambda: bool(switched) or dialog.error.isVisible(), timeout=3000)
    assert not dialog.error.isVisible(), dialog.error.text()
    project, paths = switched[0]
    assert project.name == "أخبار" and paths == [folder]
    assert (tmp_path / "news").resolve() in [p.resolve() for p in known_projects()]

    # The app shows the new project in a new window and imports the folder into it.
    window.close()
    start.close()
    news = _show(qtbot, project)
    assert news.windowTitle() == "\u2068أخبار\u2069"  # an Arabic name, isolated in English
    news.transfer.start_import(
        paths, __import__("core.formats.project_io").formats.project_io.ImportOptions()
    )
    qtbot.waitUntil(lambda: news.transfer.report is not None, timeout=10000)
    assert news.doc_model.rowCount() == 2
    news.transfer.report.accept()  # the import report, read and closed
    news.activateWindow()
    news.editor.setFocus()
    qtbot.waitUntil(news.editor.hasFocus, timeout=3000)

    # Project › Labels…: add an Arabic label name, with its hotkey.
    qtbot.keyClick(news.editor, Key.Key_K, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: isinstance(news.projects.dialog, LabelSetDialog), timeout=3000)
    labels = news.projects.dialog
    assert isinstance(labels, LabelSetDialog)
    row = labels.add_label("منصب", en="Title", ar="منصب")
    assert labels.table.item(row, 3).text() == "5"
    labels.findChild(QtWidgets.QDialogButtonBox).button(
        QtWidgets.QDialogButtonBox.StandardButton.Ok
    ).click()
    assert "منصب" in project.labels and "منصب" in news.label_bar.buttons

    # Annotate with the keyboard: select «الرئيس» and press 5.
    text = news.current.text
    start_at = text.index("الرئيس")
    news.editor.select_range(start_at, start_at + len("الرئيس"))
    qtbot.keyClick(news.editor, Key.Key_5)
    spans = project.layer(news.current.doc_id).spans()
    assert [(text[s.start : s.end], s.label) for s in spans] == [("الرئيس", "منصب")]

    # Export as JSONL: the label keeps its Arabic name.
    out = tmp_path / "news.jsonl"
    news.transfer.start_export(fmt="jsonl", out=out)
    qtbot.waitUntil(lambda: out.exists() and out.stat().st_size > 0, timeout=10000)
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert any(label == "منصب" for row in rows for *_se, label in row["label"])


def test_removing_a_used_label_relabels_in_one_undoable_step(qtbot: QtBot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", [("a", "زار الوفد مدينة حلب.")])
    doc = project.documents()[0].id
    project.layer(doc).add(Span(16, 19, "MISC", "tester"))
    window = _show(qtbot, project)
    dialog = window.projects.edit_labels()
    assert isinstance(dialog, LabelSetDialog)
    dialog.ask_relabel = lambda name, count, choices: "LOC"  # type: ignore[method-assign]
    misc = next(
        r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "MISC"
    )
    dialog.table.setCurrentCell(misc, 0)
    assert dialog.remove_current()
    dialog.findChild(QtWidgets.QDialogButtonBox).button(
        QtWidgets.QDialogButtonBox.StandardButton.Ok
    ).click()
    assert "MISC" not in project.labels
    assert [s.label for s in project.layer(doc).spans()] == ["LOC"]
    window.current.stack.undo()
    assert "MISC" in project.labels
    assert [s.label for s in project.layer(doc).spans()] == ["MISC"]


def test_a_label_used_by_another_annotator_cannot_be_removed(qtbot: QtBot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", [("a", "زار الوفد مدينة حلب.")])
    doc = project.documents()[0].id
    project.layer(doc, "sara").add(Span(16, 19, "MISC", "sara"))
    window = _show(qtbot, project)
    dialog = window.projects.edit_labels()
    misc = next(
        r for r in range(dialog.table.rowCount()) if dialog.table.item(r, 0).text() == "MISC"
    )
    dialog.table.setCurrentCell(misc, 0)
    assert not dialog.remove_current()
    assert "1" in dialog.error.text() and dialog.table.rowCount() == 4


def test_open_project_and_a_project_folder_dropped_on_the_window(
    qtbot: QtBot, tmp_path: Path
) -> None:
    project = make_project(tmp_path / "p", [("a", "نص أول.")])
    other = make_project(tmp_path / "q", [("b", "نص ثان.")])
    other.close()
    window = _show(qtbot, project)
    asked: list[Project] = []
    window.switch_requested.connect(lambda p, _paths: asked.append(p))
    mime = QtCore.QMimeData()
    mime.setUrls([QtCore.QUrl.fromLocalFile(str(tmp_path / "q"))])
    assert window.projects.dropped_paths(mime) == [tmp_path / "q"]
    window.projects.drop(window.projects.dropped_paths(mime))
    assert len(asked) == 1 and asked[0].folder == tmp_path / "q"
    asked[0].close()
    window.projects.fill_recent()
    assert any(str(tmp_path / "q") in a.text() for a in window.projects.recent_menu.actions())


def test_most_useful_first_orders_the_list_and_mark_done_follows_it(  # type: ignore[no-untyped-def]
    qtbot: QtBot, tmp_path: Path
) -> None:
    from core.extract.active import most_useful_first

    texts = [
        ("sure", "قال الرئيس السوري بشار الأسد في دمشق إن الحكومة السورية مستعدة."),
        ("unsure", "زرت زززر ككوكو بببلا في ثثثثن مع ششششم."),
        ("mid", "وصل الوفد إلى مدينة حلب صباح اليوم."),
    ]
    project = make_project(tmp_path / "p", texts)
    window = _show(qtbot, project)
    expected = most_useful_first(project, "tester")
    panel = window.doc_panel
    panel.order.setCurrentIndex(panel.order.findData("useful"))
    model = panel.model

    def shown() -> list[str]:
        return [model.index(r, 0).data(model.DocIdRole) for r in range(model.rowCount())]

    qtbot.waitUntil(lambda: shown() == expected, timeout=20000)
    window.open_document(expected[0])
    window.ask_unreviewed = lambda n: "leave"  # type: ignore[method-assign]
    assert window.mark_done() == expected[1]
    panel.order.setCurrentIndex(panel.order.findData("imported"))
    assert shown() == [d.id for d in project.documents()]
