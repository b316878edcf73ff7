"""Bulk actions: a confirmation over 100 spans, one undo command, a working Cancel."""

from __future__ import annotations

import time

from PySide6 import QtCore, QtWidgets

from gui.bulk import BULK_LIMIT
from tests.gui.conftest import make_project


def _answer_boxes(seen: list[str], button: QtWidgets.QMessageBox.StandardButton) -> QtCore.QTimer:
    """Answer every bulk confirmation that shows up, recording its text."""

    def answer() -> None:
        box = QtWidgets.QApplication.activeModalWidget()
        if isinstance(box, QtWidgets.QMessageBox) and box.objectName() == "bulk_confirm":
            seen.append(box.text())
            box.button(button).click()

    timer = QtCore.QTimer()
    timer.timeout.connect(answer)
    timer.start(50)
    return timer


def _suggested(project, doc_id: str) -> int:  # type: ignore[no-untyped-def]
    return len(project.layer(doc_id).spans(status="suggested"))


def test_accept_all_over_the_limit_asks_and_is_one_command(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    count = BULK_LIMIT + 50
    project = make_project(tmp_path / "p", [("big", " ".join(["زار سوريا."] * count))])
    window = make_window(project)
    doc_id = window.current.doc_id
    assert _suggested(project, doc_id) == count
    stack = window.current.stack
    depth = stack.count()
    seen: list[str] = []
    Button = QtWidgets.QMessageBox.StandardButton
    timer = _answer_boxes(seen, Button.Cancel)
    window.actions_by_name["accept_all"].trigger()
    assert len(seen) == 1 and "150" in seen[0] and "document" in seen[0]
    assert _suggested(project, doc_id) == count  # cancelled: nothing accepted
    assert stack.count() == depth
    timer.stop()
    timer = _answer_boxes(seen, Button.Ok)
    window.actions_by_name["accept_all"].trigger()
    timer.stop()
    assert len(seen) == 2
    assert len(project.layer(doc_id).spans(status="accepted")) == count
    assert stack.count() == depth + 1  # one command for all of them
    stack.undo()  # and one undo brings every suggestion back
    assert _suggested(project, doc_id) == count
    assert not project.layer(doc_id).spans(status="accepted")
    stack.redo()
    assert len(project.layer(doc_id).spans(status="accepted")) == count


def test_accept_all_under_the_limit_does_not_ask(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("small", " ".join(["زار سوريا."] * 5))])
    window = make_window(project)
    seen: list[str] = []
    timer = _answer_boxes(seen, QtWidgets.QMessageBox.StandardButton.Cancel)
    window.actions_by_name["accept_all"].trigger()
    qtbot.wait(120)
    timer.stop()
    assert seen == []
    assert len(project.layer(window.current.doc_id).spans(status="accepted")) == 5


def test_label_all_in_the_project_asks_over_the_limit(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    docs = [("open", "زار الوفد سوريا.")] + [
        (f"d{i}", f"وثيقة {i}: " + " ".join(["في سوريا"] * 30)) for i in range(5)
    ]
    project = make_project(tmp_path / "p", docs)
    window = make_window(project)
    window.editor.set_current(window.current.spans()[0].id)
    seen: list[str] = []
    timer = _answer_boxes(seen, QtWidgets.QMessageBox.StandardButton.Cancel)
    window.propagate("project")
    qtbot.waitUntil(lambda: bool(seen) and not window.tasks, timeout=10000)
    timer.stop()
    assert "150" in seen[0] and "project" in seen[0]
    others = [d.id for d in project.documents() if d.id != window.current.doc_id]
    assert all(not project.layer(doc_id).spans() for doc_id in others)


def test_cancel_stops_label_all_between_documents(
    qtbot, tmp_path, make_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    import core.propagate

    docs = [("open", "زار الوفد سوريا.")] + [(f"d{i}", f"وثيقة {i} في سوريا") for i in range(40)]
    project = make_project(tmp_path / "p", docs)
    window = make_window(project)
    window.editor.set_current(window.current.spans()[0].id)
    searched: list[str] = []
    real = core.propagate.find_occurrences

    def slow(text: str, surface: str):  # type: ignore[no-untyped-def]
        searched.append(text)
        time.sleep(0.03)
        return real(text, surface)

    monkeypatch.setattr(core.propagate, "find_occurrences", slow)
    op = window.propagate("project")
    assert op is not None
    progress = window.suggester.progress
    assert progress is not None
    qtbot.waitUntil(lambda: len(searched) >= 4, timeout=5000)
    qtbot.waitUntil(progress.isVisible, timeout=5000)  # shown once the work takes a while
    cancel = progress.findChild(QtWidgets.QPushButton)
    assert cancel is not None
    cancel.click()  # the dialog's Cancel button
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    assert len(searched) < len(docs)  # it stopped between documents
    others = [d.id for d in project.documents() if d.id != window.current.doc_id]
    assert all(not project.layer(doc_id).spans() for doc_id in others)  # rolled back: none
    assert "Cancelled" in window.statusBar().currentMessage()
