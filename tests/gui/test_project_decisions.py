"""Bulk decisions over the project: confirmation, progress with Cancel, undo in every document."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from core.model import Span
from core.store import Project
from tests.gui.conftest import make_project

WORD = "سوريا"


def _project(folder: Path, docs: int, per_doc: int) -> Project:
    """Documents each holding ``per_doc`` open suggestions (the first document too)."""
    # Each text differs (the same text twice is one document).
    texts = [(f"d{i}", f"{i}: " + " ".join([f"زار {WORD}."] * per_doc)) for i in range(docs)]
    project = make_project(folder, texts)
    for info in project.documents():
        text = project.text(info.id)
        spans = []
        pos = text.find(WORD)
        while pos >= 0:
            spans.append(
                Span(pos, pos + len(WORD), "LOC", "tester", status="suggested", origin="fake@1")
            )
            pos = text.find(WORD, pos + 1)
        project.layer(info.id).add_many(spans)
    return project


def _statuses(project: Project) -> dict[str, list[str]]:
    return {
        d.id: sorted(s.status for s in project.layer(d.id).spans()) for d in project.documents()
    }


def _answer_boxes(seen: list[str], button: QtWidgets.QMessageBox.StandardButton) -> QtCore.QTimer:
    """Answer every bulk confirmation that shows up, recording its text."""

    def answer() -> None:
        box = QtWidgets.QApplication.activeModalWidget()
        if isinstance(box, QtWidgets.QMessageBox) and box.objectName() == "bulk_confirm":
            seen.append(box.text() + " | " + box.informativeText())
            box.button(button).click()

    timer = QtCore.QTimer()
    timer.timeout.connect(answer)
    timer.start(50)
    return timer


def _idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: window.decisions.running is None, timeout=10000)


def test_accept_all_in_the_project_asks_naming_count_and_scope(
    qtbot, tmp_path, make_window
) -> None:  # type: ignore[no-untyped-def]
    project = _project(tmp_path / "p", 6, 30)  # 180 suggestions in 6 documents
    window = make_window(project, auto_suggest=False)
    before = _statuses(project)
    seen: list[str] = []
    Button = QtWidgets.QMessageBox.StandardButton
    timer = _answer_boxes(seen, Button.Cancel)
    assert window.decisions.decide_project("accepted") is None  # answered Cancel
    timer.stop()
    assert len(seen) == 1
    assert "Accept 180 suggestions in the whole project" in seen[0]
    assert "Documents touched: 6." in seen[0]
    assert _statuses(project) == before  # nothing changed
    timer = _answer_boxes(seen, Button.Ok)
    window.actions_by_name["accept_all_project"].trigger()
    _idle(qtbot, window)
    timer.stop()
    assert all(set(v) == {"accepted"} for v in _statuses(project).values())
    assert "Accepted 180 suggestions in 6 document" in window.statusBar().currentMessage()
    # Each document got one command on its own stack.
    for info in project.documents():
        stack = window.session_for(info.id).stack
        assert stack.count() == 1 and stack.canUndo()


def test_project_decision_under_the_limit_does_not_ask(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = _project(tmp_path / "p", 4, 20)  # 80 suggestions
    window = make_window(project, auto_suggest=False)
    seen: list[str] = []
    timer = _answer_boxes(seen, QtWidgets.QMessageBox.StandardButton.Cancel)
    window.actions_by_name["reject_all_project"].trigger()
    _idle(qtbot, window)
    qtbot.wait(120)
    timer.stop()
    assert seen == []
    assert all(set(v) == {"rejected"} for v in _statuses(project).values())


def test_undo_project_wide_restores_every_document(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = _project(tmp_path / "p", 5, 30)
    window = make_window(project, auto_suggest=False)
    before = _statuses(project)
    doc_status = {d.id: project.layer(d.id).status for d in project.documents()}
    undo = window.actions_by_name["undo_project"]
    assert not undo.isEnabled()  # nothing to undo yet
    window.decisions.decide_project("accepted", ask=False)
    _idle(qtbot, window)
    assert all(set(v) == {"accepted"} for v in _statuses(project).values())
    assert undo.isEnabled() and "Accept all suggestions in the project" in undo.text()
    undo.trigger()
    _idle(qtbot, window)
    assert _statuses(project) == before  # every document's spans are suggestions again
    assert {d.id: project.layer(d.id).status for d in project.documents()} == doc_status
    assert "Undone" in window.statusBar().currentMessage()
    assert not undo.isEnabled()
    # The editor shows what the store holds.
    assert {s.status for s in window.editor.spans()} == {"suggested"}
    # Each document can redo its own part again.
    first = project.documents()[0].id
    window.session_for(first).stack.redo()
    assert set(_statuses(project)[first]) == {"accepted"}


def test_undo_project_wide_leaves_a_document_edited_since(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = _project(tmp_path / "p", 3, 5)
    window = make_window(project, auto_suggest=False)
    window.decisions.decide_project("rejected", ask=False)
    _idle(qtbot, window)
    open_id = window.current.doc_id
    span = window.current.spans()[0]
    window.editor.set_current(span.id)
    window.editing.label("PERS")  # a later edit in the open document
    window.actions_by_name["undo_project"].trigger()
    _idle(qtbot, window)
    statuses = _statuses(project)
    assert "accepted" in statuses[open_id] and "rejected" in statuses[open_id]  # left alone
    others = [d for d in statuses if d != open_id]
    assert all(set(statuses[d]) == {"suggested"} for d in others)
    said = window.statusBar().currentMessage()
    assert "1 document" in said and "left alone" in said


def test_cancel_stops_the_project_run_and_writes_back(
    qtbot, tmp_path, make_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    project = _project(tmp_path / "p", 30, 2)
    window = make_window(project, auto_suggest=False)
    before = _statuses(project)
    written: list[str] = []
    real = Project.edit_spans

    def slow(self, doc_id, **kw):  # type: ignore[no-untyped-def]
        written.append(doc_id)
        time.sleep(0.04)
        return real(self, doc_id, **kw)

    monkeypatch.setattr(Project, "edit_spans", slow)
    op = window.decisions.decide_project("accepted", ask=False)
    assert op is not None
    progress = window.decisions.progress
    assert progress is not None
    qtbot.waitUntil(lambda: len(written) >= 4, timeout=5000)
    qtbot.waitUntil(progress.isVisible, timeout=5000)  # shown once the run takes a while
    assert not window.actions_by_name["accept_all_project"].isEnabled()  # one run at a time
    cancel = progress.findChild(QtWidgets.QPushButton)
    assert cancel is not None
    cancel.click()
    _idle(qtbot, window)
    forward = len(written) // 2  # each document written is written back once
    assert forward < 30  # it stopped before the end
    assert _statuses(project) == before  # and left the project as it was
    assert all(window.session_for(d).stack.count() == 0 for d in before)
    assert not window.actions_by_name["undo_project"].isEnabled()
    assert "Cancelled" in window.statusBar().currentMessage()
    assert window.actions_by_name["accept_all_project"].isEnabled()


def test_reject_all_in_the_document_is_one_command(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = _project(tmp_path / "p", 2, 150)
    window = make_window(project, auto_suggest=False)
    doc_id = window.current.doc_id
    other = [d.id for d in project.documents() if d.id != doc_id][0]
    seen: list[str] = []
    timer = _answer_boxes(seen, QtWidgets.QMessageBox.StandardButton.Ok)
    window.actions_by_name["reject_all"].trigger()
    timer.stop()
    assert len(seen) == 1 and "Reject 150 suggestions in this document" in seen[0]
    assert set(_statuses(project)[doc_id]) == {"rejected"}
    assert set(_statuses(project)[other]) == {"suggested"}  # only the open document
    stack = window.current.stack
    assert stack.count() == 1
    stack.undo()
    assert set(_statuses(project)[doc_id]) == {"suggested"}


def test_label_all_in_the_project_is_undone_project_wide(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    docs = [("open", "زار الوفد سوريا.")] + [(f"d{i}", f"وثيقة {i} في سوريا") for i in range(4)]
    project = make_project(tmp_path / "p", docs)
    window = make_window(project)
    window.editor.set_current(window.current.spans()[0].id)
    window.propagate("project")
    qtbot.waitUntil(lambda: not window.tasks, timeout=10000)
    others = [d.id for d in project.documents() if d.id != window.current.doc_id]
    assert all(project.layer(d).spans() for d in others)
    undo = window.actions_by_name["undo_project"]
    assert "Label all" in undo.text()
    assert "Undo project-wide operation" in window.statusBar().currentMessage()
    undo.trigger()
    _idle(qtbot, window)
    assert all(not project.layer(d).spans() for d in others)


def test_undo_project_wide_with_every_document_edited_since_changes_nothing(
    qtbot, tmp_path, make_window
) -> None:  # type: ignore[no-untyped-def]
    project = _project(tmp_path / "p", 1, 3)
    window = make_window(project, auto_suggest=False)
    window.decisions.decide_project("rejected", ask=False)
    _idle(qtbot, window)
    window.editor.set_current(window.current.spans()[0].id)
    window.editing.label("PERS")  # the only document is edited since
    before = _statuses(project)
    assert window.decisions.undo_last() is None
    assert _statuses(project) == before
    assert "left alone" in window.statusBar().currentMessage()
    window.current.stack.undo()  # the later edit undone: the run is on top again
    window.actions_by_name["undo_project"].trigger()
    _idle(qtbot, window)
    assert set(_statuses(project)[window.current.doc_id]) == {"suggested"}
