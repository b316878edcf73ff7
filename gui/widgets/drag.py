"""What a mouse drag covered in a line that mixes directions (Arabic with Latin names)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from gui.offsets import OffsetMap


def covered_range(
    editor: QtWidgets.QTextEdit, offsets: OffsetMap, a: QtCore.QPoint, b: QtCore.QPoint
) -> tuple[int, int, bool] | None:
    """The characters a drag from a to b passed over on one line, in logical order.

    In a line that mixes directions, Qt's cursor positions at the two ends
    of a drag are ambiguous where runs meet (the left edge of a Latin name
    in an Arabic line is also the end of the Arabic run beside it), so a
    drag from edge to edge can select nothing or cut a letter. Here every
    character whose glyph lies between the two points counts, whatever
    the runs. Returns (start, end, anchored_at_start) in code points, or
    None when the drag left its line.
    """
    found = [_line_at(editor, a), _line_at(editor, b)]
    if found[0] is None or found[1] is None:
        return None
    (block, line, xa), (block_b, line_b, xb) = found[0], found[1]
    if block != block_b or line.lineNumber() != line_b.lineNumber():
        return None
    first, last = line.textStart(), line.textStart() + line.textLength()
    under = QtGui.QTextLine.CursorPosition.CursorOnCharacter
    chars = {
        pos
        for x in range(int(min(xa, xb)) + 1, int(max(xa, xb)))
        if first <= (pos := line.xToCursor(x, under)) < last
    }
    if not chars:
        return None
    base = block.position()
    start, end = offsets.range_to_cp(base + min(chars), base + max(chars) + 1)
    if start >= end:
        return None
    pressed = line.xToCursor(xa, under)
    return start, end, pressed <= min(chars) or pressed < (min(chars) + max(chars)) / 2


def _line_at(
    editor: QtWidgets.QTextEdit, point: QtCore.QPoint
) -> tuple[QtGui.QTextBlock, QtGui.QTextLine, float] | None:
    """The block and line under a viewport point, and the point's x in line coordinates."""
    doc_point = QtCore.QPointF(
        point.x() + editor.horizontalScrollBar().value(),
        point.y() + editor.verticalScrollBar().value(),
    )
    block = editor.cursorForPosition(point).block()
    if not block.isValid():
        return None
    layout = block.layout()  # its lines are placed relative to its position
    y = doc_point.y() - layout.position().y()
    for n in range(layout.lineCount()):
        line = layout.lineAt(n)
        if line.y() <= y < line.y() + line.height():
            return block, line, doc_point.x() - layout.position().x()
    return None


def select_covered(
    editor: QtWidgets.QTextEdit, offsets: OffsetMap, start: int, end: int, anchored_at_start: bool
) -> None:
    """Select [start, end) with the anchor at the end the drag started from."""
    a, b = offsets.range_to_qt(start, end)
    cursor = QtGui.QTextCursor(editor.document())
    cursor.setPosition(a if anchored_at_start else b)
    cursor.setPosition(b if anchored_at_start else a, QtGui.QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
