"""Window-level behaviour: propagation, persistence, locking, documents, find, zoom, layout."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from core.settings import load_config
from core.store import Project
from tests.gui.conftest import make_project
from tests.gui.helpers import put_caret, spans_text

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier

DOC_A = "زار الوفد بسوريا مدينة حلب. ثم عاد إلى سوريا، وقال إن السوريانية لغة قديمة."
DOC_B = "في سوريا اليوم اجتماع، ولسوريا تاريخ طويل."


def test_label_all_occurrences_in_document_and_project(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", DOC_A), ("b", DOC_B)])
    window = make_window(project, auto_suggest=False)
    a, b = (d.id for d in project.documents())
    text = window.current.text
    start = text.index("سوريا،")
    window.editor.select_range(start, start + 5)
    qtbot.keyClick(window.editor, Key.Key_2)
    qtbot.keyClick(window.editor, Key.Key_L, Mod.ControlModifier)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    found = spans_text(project, a, "suggested")
    assert found == [("سوريا", "LOC", "suggested")]  # بسوريا -> سوريا; not inside السوريانية
    window.current.stack.undo()
    assert spans_text(project, a, "suggested") == []
    window.current.stack.redo()
    assert spans_text(project, a, "suggested") == [("سوريا", "LOC", "suggested")]
    # the whole project: document b gets suggestions too, on its own undo stack
    window.editor.set_current(next(s.id for s in project.layer(a).spans(status="accepted")))
    qtbot.keyClick(window.editor, Key.Key_L, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    assert spans_text(project, b, "suggested") == [("سوريا", "LOC", "suggested")] * 2
    assert window.sessions[b].stack.count() == 1


def test_close_and_reopen_keeps_everything(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "p"
    project = make_project(folder, [("a", DOC_A), ("b", DOC_B)])
    window = make_window(project)
    doc = window.current.doc_id
    put_caret(window.editor, 0)
    qtbot.keyClick(window.editor, Key.Key_Tab)
    qtbot.keyClick(window.editor, Key.Key_Return)  # accepts, and goes to the next suggestion
    qtbot.keyClick(window.editor, Key.Key_Delete)
    text = window.current.text
    start = text.index("مدينة")
    window.editor.select_range(start, start + 5)
    qtbot.keyClick(window.editor, Key.Key_4)
    before = {(s.start, s.end, s.label, s.status, s.annotator) for s in project.layer(doc).spans()}
    window.close()
    project.close()
    again = Project.open(folder, annotator="tester")
    try:
        after = {(s.start, s.end, s.label, s.status, s.annotator) for s in again.layer(doc).spans()}
        assert after == before
        assert {"accepted", "rejected"} <= {s[3] for s in after}
        window2 = make_window(again)
        assert {(s.start, s.end) for s in window2.editor.spans()} == {
            (s[0], s[1]) for s in after if s[3] != "rejected"
        }
        window2.close()
    finally:
        again.close()


def test_second_window_on_same_project_is_read_only(
    qtbot, project, make_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from gui.app import open_project

    first = make_window(project)
    Box = QtWidgets.QMessageBox
    monkeypatch.setattr(Box, "question", lambda *a, **k: Box.StandardButton.Cancel)
    assert open_project(project.folder, "tester") is None
    asked: list[str] = []

    def accept(_parent, _title, text, *_a, **_k):  # type: ignore[no-untyped-def]
        asked.append(text)
        return Box.StandardButton.Open

    monkeypatch.setattr(Box, "question", accept)
    second = open_project(project.folder, "tester")
    assert second is not None and second.read_only
    assert "open in" in asked[0]
    before = first.current.stack.count()
    try:
        window = make_window(second)
        assert "read-only" in window.windowTitle()
        put_caret(window.editor, 0)
        qtbot.keyClick(window.editor, Key.Key_Tab)
        current = window.editor.current_span
        qtbot.keyClick(window.editor, Key.Key_Return)  # nothing changes
        assert second.layer(window.current.doc_id).get(current.id).status == current.status
        assert first.current.stack.count() == before
    finally:
        second.close()


def test_undo_history_survives_switching_documents(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", DOC_A), ("b", DOC_B)])
    window = make_window(project, auto_suggest=False)
    a, b = (d.id for d in project.documents())
    start = window.current.text.index("حلب")
    window.editor.select_range(start, start + 3)
    qtbot.keyClick(window.editor, Key.Key_2)
    window.open_document(b)
    start = window.current.text.index("اجتماع")
    window.editor.select_range(start, start + 6)
    qtbot.keyClick(window.editor, Key.Key_4)
    window.open_document(a)
    assert window.workspace.undo_group.activeStack() is window.sessions[a].stack
    qtbot.keyClick(window.editor, Key.Key_Z, Mod.ControlModifier)
    assert spans_text(project, a) == []
    assert spans_text(project, b) == [("اجتماع", "MISC", "accepted")]
    window.open_document(b)
    qtbot.keyClick(window.editor, Key.Key_Z, Mod.ControlModifier)
    assert spans_text(project, b) == []


def test_mark_done_opens_next_unfinished(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", DOC_A), ("b", DOC_B)])
    window = make_window(project, auto_suggest=False)
    a, b = (d.id for d in project.documents())
    qtbot.keyClick(window.editor, Key.Key_Return, Mod.ControlModifier)
    assert project.layer(a).status == "done"
    assert window.current.doc_id == b
    window.sessions[a].stack.undo()
    assert project.layer(a).status == "new"


def test_document_list_filter_search_and_open(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("alpha", DOC_A), ("beta", DOC_B)])
    window = make_window(project, auto_suggest=False)
    panel = window.doc_panel
    qtbot.keyClicks(panel.search, "bet")
    assert panel.model.rowCount() == 1
    panel.view.setFocus()
    panel.view.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.view, Key.Key_Return)
    assert window.current.info.title == "beta"
    panel.search.clear()
    qtbot.keyClick(window.editor, Key.Key_Return, Mod.ControlModifier)  # beta done
    panel.status.setCurrentIndex(panel.status.findData("done"))
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 0).data() == "beta"


def test_entity_panel_click_jumps_to_span(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    view = window.entity_panel.view
    proxy = window.entity_panel.proxy
    row = window.span_model.rowCount() - 1
    index = proxy.mapFromSource(window.span_model.index(row, 0))
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=rect.center())
    span = window.span_model.span_at(row)
    assert window.editor.current_span.id == span.id
    assert window.editor.selection_range() == (span.start, span.end)


def test_find_ignores_diacritics_and_alef_variants(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.editor, Key.Key_F, Mod.ControlModifier)
    assert window.find_bar.isVisible()
    window.find_bar.edit.insert("الاسلاميه")  # no hamza, ه for ة (QTest cannot type Arabic)
    text = window.current.text
    assert window.find_bar.matches
    assert all(text[s:e] == "الإسلامية" for s, e in window.find_bar.matches)
    assert window.editor.textCursor().selectedText() == "الإسلامية"
    qtbot.keyClick(window.find_bar.edit, Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_zoom_is_remembered(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    size = window.editor.font().pointSize()
    qtbot.keyClick(window.editor, Key.Key_Plus, Mod.ControlModifier)
    assert window.editor.font().pointSize() == size + 1
    assert load_config()["editor_point_size"] == size + 1
    qtbot.keyClick(window.editor, Key.Key_Minus, Mod.ControlModifier)
    assert load_config()["editor_point_size"] == size


def test_layout_is_restored(qtbot, project, make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(project)
    window.resize(640, 480)
    window.entity_dock.hide()
    window.close()
    from gui.main_window import MainWindow

    again = MainWindow(project, auto_suggest=False)
    qtbot.addWidget(again)
    assert again.size() == QtCore.QSize(640, 480)
    assert again.entity_dock.isHidden()


def test_digit_in_search_field_does_not_label(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    before = spans_text(project, window.current.doc_id)
    qtbot.keyClicks(window.doc_panel.search, "2")
    assert spans_text(project, window.current.doc_id) == before


def test_status_bar(window) -> None:  # type: ignore[no-untyped-def]
    assert "tester" in window.annotator_label.text()
    assert "accepted 0" in window.progress_label.text()
    assert "saved" in window.save_label.text()


def test_entity_panel_shows_names_whole_sorts_and_filters(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    panel = window.entity_panel
    window.resize(1280, 820)
    name = "الولايات المتحدة الأمريكية"[:20]
    metrics = panel.view.fontMetrics()
    assert panel.view.columnWidth(0) >= metrics.horizontalAdvance(name)
    total = panel.proxy.rowCount()
    assert "·" in panel.counts.text() or panel.counts.text()
    panel.label.setCurrentIndex(panel.label.findData("LOC"))
    assert 0 < panel.proxy.rowCount() < total
    assert all(
        panel.model.span_at(panel.proxy.mapToSource(panel.proxy.index(r, 0)).row()).label == "LOC"
        for r in range(panel.proxy.rowCount())
    )
    panel.label.setCurrentIndex(0)
    panel.search.setText("سوريا")
    assert 0 < panel.proxy.rowCount() < total
    panel.search.clear()
    panel.view.sortByColumn(1, QtCore.Qt.SortOrder.AscendingOrder)
    labels = [panel.proxy.index(r, 1).data() for r in range(panel.proxy.rowCount())]
    assert labels == sorted(labels)
