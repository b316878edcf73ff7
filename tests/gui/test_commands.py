"""Every undo command: push it, check the store, undo, check it is restored, redo.

Commands write through the workspace, and each redo or undo announces exactly
one Change.
"""

from __future__ import annotations

from core.changes import Change
from core.curation import GOLD
from core.extract.base import Suggestion
from core.model import Span
from gui.commands import SetStatusCommand, add_spans, change_spans, remove_spans, suggest_command
from gui.teams.gold import GoldCommand
from gui.workspace import Workspace


def _workspace(project, qtbot) -> tuple[Workspace, str, list[Change]]:  # type: ignore[no-untyped-def]
    workspace = Workspace(project)
    changes: list[Change] = []
    workspace.changed.connect(changes.append)
    return workspace, project.documents()[0].id, changes


def _keys(workspace: Workspace, doc: str, who: str | None = None) -> set[tuple[int, int, str, str]]:
    return {(s.start, s.end, s.label, s.status) for s in workspace.project.layer(doc, who).spans()}


def test_add_command(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws, doc, changes = _workspace(project, qtbot)
    stack = ws.session(doc).stack
    stack.push(add_spans(ws, doc, [Span(0, 5, "LOC", "tester")], "Label"))
    assert _keys(ws, doc) == {(0, 5, "LOC", "accepted")}
    assert len(changes) == 1 and changes[0].source == "edit"
    span_id = project.layer(doc).spans()[0].id
    stack.undo()
    assert _keys(ws, doc) == set() and len(changes) == 2
    stack.redo()
    assert _keys(ws, doc) == {(0, 5, "LOC", "accepted")}
    assert project.layer(doc).spans()[0].id == span_id  # the same span comes back


def test_change_command(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws, doc, changes = _workspace(project, qtbot)
    span = project.layer(doc).add(
        Span(0, 5, "LOC", "tester", status="suggested", score=0.5, origin="x@1")
    )
    new = span.evolve(label="ORG", status="accepted")
    ws.session(doc).stack.push(change_spans(ws, doc, [(span, new)], "Relabel"))
    assert _keys(ws, doc) == {(0, 5, "ORG", "accepted")}
    lc = changes[-1].layer(doc, "tester")
    assert lc is not None and lc.changed == ((span, project.layer(doc).get(span.id)),)
    ws.session(doc).stack.undo()
    assert project.layer(doc).get(span.id) == span
    ws.session(doc).stack.redo()
    assert _keys(ws, doc) == {(0, 5, "ORG", "accepted")}


def test_remove_command(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws, doc, _changes = _workspace(project, qtbot)
    span = project.layer(doc).add(Span(3, 9, "PERS", "tester"))
    stack = ws.session(doc).stack
    stack.push(remove_spans(ws, doc, [span], "Delete"))
    assert _keys(ws, doc) == set()
    stack.undo()
    assert project.layer(doc).get(span.id) == span
    stack.redo()
    assert _keys(ws, doc) == set()


def test_suggest_command_is_undoable(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws, doc, changes = _workspace(project, qtbot)
    stack = ws.session(doc).stack
    kept = project.layer(doc).add(Span(20, 25, "ORG", "tester", status="suggested", origin="x@1"))
    sugs = [Suggestion(0, 5, "LOC", 0.9, "fake@1"), Suggestion(20, 26, "LOC", 0.95, "fake@1")]
    stack.push(suggest_command(ws, doc, sugs, "Suggest"))
    assert stack.count() == 1 and len(changes) == 1 and changes[0].source == "suggest"
    assert _keys(ws, doc) == {(0, 5, "LOC", "suggested"), (20, 26, "LOC", "suggested")}
    stack.undo()
    assert project.layer(doc).spans() == [kept]  # the replaced suggestion is back
    stack.redo()
    assert _keys(ws, doc) == {(0, 5, "LOC", "suggested"), (20, 26, "LOC", "suggested")}
    stack.push(suggest_command(ws, doc, sugs, "Suggest"))  # nothing new: not on the stack
    assert stack.count() == 1


def test_status_command(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws, doc, _changes = _workspace(project, qtbot)
    stack = ws.session(doc).stack
    assert project.layer(doc).status == "new"
    stack.push(SetStatusCommand(ws, doc, "done"))
    assert project.layer(doc).status == "done"
    stack.undo()
    assert project.layer(doc).status == "new"
    stack.redo()
    assert project.layer(doc).status == "done"


def test_gold_command_keeps_only_the_spans_it_changed(project, qtbot) -> None:  # type: ignore[no-untyped-def]
    ws, doc, changes = _workspace(project, qtbot)
    project.layer(doc, GOLD).add(Span(30, 35, "PERS", GOLD))

    def action() -> None:
        project.layer(doc, GOLD).add(Span(0, 5, "LOC", GOLD))

    command = GoldCommand(ws, doc, "Settle", action)
    ws.session(doc).stack.push(command)
    assert changes[-1].source == "curation"
    assert command.before == [] and [s.key for s in command.after] == [(0, 5, "LOC")]
    assert _keys(ws, doc, GOLD) == {(0, 5, "LOC", "accepted"), (30, 35, "PERS", "accepted")}
    ws.session(doc).stack.undo()
    assert _keys(ws, doc, GOLD) == {(30, 35, "PERS", "accepted")}
    ws.session(doc).stack.redo()
    assert len(_keys(ws, doc, GOLD)) == 2


def test_failed_save_is_reported_and_view_matches_disk(project, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from core.errors import StoreError

    ws, doc, changes = _workspace(project, qtbot)
    span = project.layer(doc).add(Span(0, 5, "LOC", "tester", status="suggested"))
    messages: list[str] = []
    ws.save_failed.connect(messages.append)

    def broken(self, **_kw):  # type: ignore[no-untyped-def]
        raise StoreError("disk full")

    monkeypatch.setattr(type(project.layer(doc)), "apply", broken)
    stack = ws.session(doc).stack
    stack.push(change_spans(ws, doc, [(span, span.evolve(status="accepted"))], "Accept"))
    assert messages and "disk full" in messages[0]
    assert stack.count() == 0  # the failed command is dropped, not left to undo
    monkeypatch.undo()
    assert project.layer(doc).get(span.id).status == "suggested"
