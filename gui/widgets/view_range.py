"""Which part of a QTextEdit's document is on screen, and near it, as Qt positions."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

Range = tuple[int, int]


def _block_range(edit: QtWidgets.QTextEdit, first: int, last: int) -> Range:
    document = edit.document()
    block = document.findBlock(last)
    return document.findBlock(first).position(), block.position() + block.length()


def visible_range(edit: QtWidgets.QTextEdit) -> Range:
    """The whole paragraphs the viewport shows (two hit tests)."""
    viewport = edit.viewport().rect()
    top = edit.cursorForPosition(QtCore.QPoint(0, 0)).position()
    bottom = edit.cursorForPosition(QtCore.QPoint(viewport.width(), viewport.height())).position()
    return _block_range(edit, top, bottom)


class NearView:
    """The paragraphs from a screen above the viewport to a screen below it.

    Kept while the view, its size and the layout stay as they were: one key
    press asks several times, and each look-up is four hit tests.
    """

    def __init__(self, edit: QtWidgets.QTextEdit) -> None:
        self.edit = edit
        self._cache: tuple[tuple[object, ...], Range] | None = None

    def range(self) -> Range:
        """The near-view range, from the cache while nothing moved."""
        edit = self.edit
        viewport = edit.viewport().rect()
        # Never the document's size: asking for it lays out the whole document
        # (0.3 s for 1,000,000 characters), which Qt otherwise does as needed.
        document = edit.document()
        state = (
            edit.verticalScrollBar().value(),
            edit.horizontalScrollBar().value(),
            viewport.width(),
            viewport.height(),
            document.pageSize().width(),
            document.defaultFont().pointSizeF(),
            document.revision(),
        )
        if self._cache is not None and self._cache[0] == state:
            return self._cache[1]
        height = max(viewport.height(), 200)
        hits = [
            edit.cursorForPosition(QtCore.QPoint(x, y)).position()
            for x, y in ((0, -height), (viewport.width(), -height))
            + ((viewport.width(), 2 * height), (0, 2 * height))
        ]
        near = _block_range(edit, min(hits[:2]), max(hits[2:]))
        self._cache = (state, near)
        return near
