"""The document list at scale: rows read lazily, filters and column sorts over plain id lists."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore

from core.model import Span
from core.store import Project
from tests.gui.conftest import make_project

Key = QtCore.Qt.Key


def _shown(window) -> list[str]:  # type: ignore[no-untyped-def]
    """The titles shown, in order (as stored: the display adds isolates to Arabic ones)."""
    model = window.doc_panel.model
    ids = [model.index(r, 0).data(model.DocIdRole) for r in range(model.rowCount())]
    return [window.project.document(doc_id).title for doc_id in ids]


def test_opening_a_large_list_reads_only_the_rows_it_shows(
    qtbot, tmp_path: Path, make_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    project = Project.create(tmp_path / "p", name="big", annotator="tester")
    with project.batch():
        for i in range(3000):
            project.add_document(f"خبر {i}", f"نص الخبر رقم {i} من حلب")
    asked: list[str] = []
    real = Project.summary

    def counting(self: Project, doc_id: str, annotator: str | None = None) -> object:
        asked.append(doc_id)
        return real(self, doc_id, annotator)

    monkeypatch.setattr(Project, "summary", counting)
    window = make_window(project, auto_suggest=False)
    assert window.doc_panel.model.rowCount() == 3000
    # The visible rows and the hundred more the columns are measured on, not 3,000.
    assert 0 < len(set(asked)) < 400


def test_columns_sort_on_click_and_filters_combine(qtbot, tmp_path: Path, make_window) -> None:  # type: ignore[no-untyped-def]
    docs = [("ج مقال", "نص أول في دمشق"), ("أ مقال", "نص ثان في حلب"), ("ب تقرير", "نص ثالث")]
    project = make_project(tmp_path / "p", docs)
    ids = project.doc_ids()
    project.edit_spans(ids[2], put=[Span(0, 2, "LOC", "tester", status="accepted")] * 1)
    project.set_status(ids[1], "done")
    window = make_window(project, auto_suggest=False)
    panel = window.doc_panel
    header = panel.view.horizontalHeader()
    assert _shown(window) == ["ج مقال", "أ مقال", "ب تقرير"]  # as imported
    qtbot.mouseClick(header.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=_section(header, 0))
    assert _shown(window) == ["أ مقال", "ب تقرير", "ج مقال"]
    qtbot.mouseClick(header.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=_section(header, 0))
    assert _shown(window) == ["ج مقال", "ب تقرير", "أ مقال"]
    panel.search.setText("مقال")  # QTest types ASCII only
    assert _shown(window) == ["ج مقال", "أ مقال"]
    panel.status.setCurrentIndex(panel.status.findData("done"))
    assert _shown(window) == ["أ مقال"]
    panel.search.clear()
    assert _shown(window) == ["أ مقال"]
    panel.status.setCurrentIndex(panel.status.findData(""))
    header.setSortIndicator(2, QtCore.Qt.SortOrder.DescendingOrder)  # accepted spans, most first
    assert _shown(window)[0] == "ب تقرير"


def _section(header, column: int) -> QtCore.QPoint:  # type: ignore[no-untyped-def]
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    return QtCore.QPoint(x, header.height() // 2)


def test_a_document_leaves_the_filtered_list_when_its_status_changes(
    qtbot, tmp_path: Path, make_window
) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("alpha", "نص أول"), ("beta", "نص ثان")])
    a, b = project.doc_ids()
    window = make_window(project, auto_suggest=False)
    panel = window.doc_panel
    panel.status.setCurrentIndex(panel.status.findData("new"))
    assert _shown(window) == ["alpha", "beta"]
    window.open_document(a)
    qtbot.keyClick(window.editor, Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    assert project.layer(a).status == "done"
    assert _shown(window) == ["beta"]
    assert panel.view.currentIndex().data() == "beta"  # the document now open
    window.sessions[a].stack.undo()
    assert _shown(window) == ["alpha", "beta"]
