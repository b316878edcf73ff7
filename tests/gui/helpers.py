"""Helpers for driving the editor like a person: positions on screen, key presses."""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from gui.widgets.editor import AnnotationEditor


def char_point(editor: AnnotationEditor, cp: int) -> QtCore.QPoint:
    """The viewport point in the middle of the character at code-point offset cp."""
    cursor = QtGui.QTextCursor(editor.document())
    cursor.setPosition(editor.offsets.to_qt(cp))
    a = editor.cursorRect(cursor)
    cursor.setPosition(editor.offsets.to_qt(cp + 1))
    b = editor.cursorRect(cursor)
    return QtCore.QPoint((a.center().x() + b.center().x()) // 2, a.center().y())


def put_caret(editor: AnnotationEditor, cp: int) -> None:
    """Place the caret (no selection) at a code-point offset and scroll to it."""
    editor.select_range(cp, cp)


def spans_text(project, doc_id: str, status: str | None = None) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """(text, label, status) of a document's spans, from the store."""
    text = project.text(doc_id)
    return [
        (text[s.start : s.end], s.label, s.status)
        for s in project.layer(doc_id).spans(status=status)
    ]
