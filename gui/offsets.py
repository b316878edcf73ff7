"""The one place where Qt positions (UTF-16) and core offsets (code points) meet.

Everything in the GUI that turns a span into a QTextCursor, or a cursor into
a span, goes through an OffsetMap built once per document.
"""

from __future__ import annotations

from core.text import Utf16Index


class OffsetMap:
    """Code-point <-> Qt (UTF-16) positions for one document's text."""

    def __init__(self, text: str) -> None:
        self._index = Utf16Index(text)

    @property
    def qt_length(self) -> int:
        """The text's length as Qt counts it."""
        return self._index.utf16_length

    def to_qt(self, cp: int) -> int:
        """A code-point offset as a Qt position."""
        return self._index.to_utf16(cp)

    def to_cp(self, qt: int) -> int:
        """A Qt position as a code-point offset (clamped into the text)."""
        qt = max(0, min(qt, self._index.utf16_length))
        return self._index.to_cp(qt)

    def range_to_qt(self, start: int, end: int) -> tuple[int, int]:
        """A code-point span as Qt positions."""
        return self._index.to_utf16(start), self._index.to_utf16(end)

    def range_to_cp(self, start: int, end: int) -> tuple[int, int]:
        """A Qt selection as a code-point span (start <= end)."""
        a, b = sorted((start, end))
        return self.to_cp(a), self.to_cp(b)
