"""The current span keeps its label colour: an outline marks it, the selection does not tint it."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui

from core.model import Span
from tests.gui.conftest import make_project

TEXT = "زار الوفد مدينة حلب ثم عاد إلى حلب مساء اليوم"


def _colour_at(editor, start: int, end: int) -> QtGui.QColor:  # type: ignore[no-untyped-def]
    """The colour drawn in the middle of [start, end), a little below the text's middle."""
    cursor = QtGui.QTextCursor(editor.document())
    a, b = editor.offsets.range_to_qt(start, end)
    cursor.setPosition(a)
    left = editor.cursorRect(cursor)
    cursor.setPosition(b)
    right = editor.cursorRect(cursor)
    x = (left.center().x() + right.center().x()) // 2
    y = left.top() + 3  # above the glyphs, inside the highlight
    image = editor.viewport().grab().toImage()
    return image.pixelColor(x, y)


def test_the_current_span_is_drawn_in_its_label_colour(qtbot, tmp_path: Path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("حلب", TEXT)])
    doc = project.doc_ids()[0]
    first = TEXT.index("حلب")
    second = TEXT.index("حلب", first + 1)
    spans = [Span(at, at + 3, "LOC", "tester") for at in (first, second)]
    project.edit_spans(doc, put=spans)
    window = make_window(project, auto_suggest=False)
    window.open_document(doc)
    editor = window.editor
    editor.setFocus()
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_Tab)
    current = editor.current_span
    assert current is not None and editor.selection_range() == (current.start, current.end)
    other = second if current.start == first else first
    qtbot.wait(50)
    shown = _colour_at(editor, current.start, current.end)
    plain = _colour_at(editor, other, other + 3)
    assert plain != QtGui.QColor("white")  # the sampled point is inside a highlight
    assert shown == plain, (shown.name(), plain.name())
    # A selection that is not the current span is drawn as a selection again.
    editor.select_range(0, 3)
    assert editor.current_span is None
    assert _colour_at(editor, 0, 3) != QtGui.QColor("white")
