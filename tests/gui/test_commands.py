"""Every undo command: push it, check the store, undo, check it is restored, redo."""

from __future__ import annotations

from core.model import Span
from gui.commands import SetStatusCommand, SpanCommand, add_spans, change_spans, remove_spans
from gui.session import DocumentSession


def _session(project, qtbot) -> DocumentSession:  # type: ignore[no-untyped-def]
    doc_id = project.documents()[0].id
    return DocumentSession(project, doc_id)


def _keys(session: DocumentSession) -> set[tuple[int, int, str, str]]:
    return {(s.start, s.end, s.label, s.status) for s in session.layer.spans()}


def test_add_command(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = _session(project, qtbot)
    session.stack.push(add_spans(session, [Span(0, 5, "LOC", "tester")], "Label"))
    assert _keys(session) == {(0, 5, "LOC", "accepted")}
    span_id = session.layer.spans()[0].id
    session.stack.undo()
    assert _keys(session) == set()
    session.stack.redo()
    assert _keys(session) == {(0, 5, "LOC", "accepted")}
    assert session.layer.spans()[0].id == span_id  # the same span comes back


def test_change_command(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = _session(project, qtbot)
    span = session.layer.add(
        Span(0, 5, "LOC", "tester", status="suggested", score=0.5, origin="x@1")
    )
    new = span.evolve(label="ORG", status="accepted")
    session.stack.push(change_spans(session, [(span, new)], "Relabel"))
    assert _keys(session) == {(0, 5, "ORG", "accepted")}
    session.stack.undo()
    assert session.layer.get(span.id) == span
    session.stack.redo()
    assert _keys(session) == {(0, 5, "ORG", "accepted")}


def test_remove_command(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = _session(project, qtbot)
    span = session.layer.add(Span(3, 9, "PERS", "tester"))
    session.stack.push(remove_spans(session, [span], "Delete"))
    assert _keys(session) == set()
    session.stack.undo()
    assert session.layer.get(span.id) == span
    session.stack.redo()
    assert _keys(session) == set()


def test_applied_command_skips_first_redo(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = _session(project, qtbot)
    span = session.layer.add(Span(0, 5, "LOC", "tester", status="suggested"))
    session.stack.push(SpanCommand(session, "Suggest", after=[span], applied=True))
    assert _keys(session) == {(0, 5, "LOC", "suggested")}
    session.stack.undo()
    assert _keys(session) == set()
    session.stack.redo()
    assert _keys(session) == {(0, 5, "LOC", "suggested")}


def test_status_command(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    session = _session(project, qtbot)
    assert session.layer.status == "new"
    session.stack.push(SetStatusCommand(session, "done"))
    assert session.layer.status == "done"
    session.stack.undo()
    assert session.layer.status == "new"
    session.stack.redo()
    assert session.layer.status == "done"


def test_failed_save_is_reported_and_view_matches_disk(project, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from core.errors import StoreError

    session = _session(project, qtbot)
    span = session.layer.add(Span(0, 5, "LOC", "tester", status="suggested"))
    messages: list[str] = []
    session.failed.connect(messages.append)

    def broken(_spans):  # type: ignore[no-untyped-def]
        raise StoreError("disk full")

    monkeypatch.setattr(type(session.layer), "put_many", lambda self, spans: broken(spans))
    session.stack.push(change_spans(session, [(span, span.evolve(status="accepted"))], "Accept"))
    assert messages and "disk full" in messages[0]
    assert session.stack.count() == 0  # the failed command is dropped, not left to undo
    monkeypatch.undo()
    assert session.layer.get(span.id).status == "suggested"
