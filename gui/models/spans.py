"""The entity panel's model: the current document's spans in reading order."""

from __future__ import annotations

from collections import Counter

from PySide6 import QtCore, QtGui
from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.model import LabelSet, Span
from gui.i18n import label_name, number, origin_text, own_direction, span_status

COLUMNS = (
    QT_TRANSLATE_NOOP("SpanTableModel", "Text"),
    QT_TRANSLATE_NOOP("SpanTableModel", "Label"),
    QT_TRANSLATE_NOOP("SpanTableModel", "Status"),
    QT_TRANSLATE_NOOP("SpanTableModel", "Origin"),
)


_SWATCHES: dict[str, QtGui.QIcon] = {}


def swatch(colour: str) -> QtGui.QIcon:
    """A label's colour as an icon that keeps its colour in a selected row.

    A plain colour decoration is tinted with the selection colour when its row
    is selected (orange Person turned olive); the icon draws the same pixmap in
    every mode.
    """
    icon = _SWATCHES.get(colour)
    if icon is None:
        pixmap = QtGui.QPixmap(14, 14)
        pixmap.fill(QtGui.QColor(colour))
        icon = QtGui.QIcon()
        for mode in (QtGui.QIcon.Mode.Normal, QtGui.QIcon.Mode.Selected, QtGui.QIcon.Mode.Active):
            icon.addPixmap(pixmap, mode)
        _SWATCHES[colour] = icon
    return icon


class SpanTableModel(QtCore.QAbstractTableModel):
    """One row per span: text, label, status, origin. Rows change one by one."""

    SpanIdRole = QtCore.Qt.ItemDataRole.UserRole + 1

    def __init__(self, labels: LabelSet, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.labels = labels
        self.text = ""
        self._spans: list[Span] = []
        # span id -> row, None after rows moved (rebuilt when next needed), and the
        # spans shown per label: a one-span change is O(1), not a pass over every row.
        self._rows: dict[int, int] | None = {}
        self._counts: Counter[str] = Counter()

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: QtCore.Qt.Orientation, role: int = 0):  # type: ignore[no-untyped-def]
        if (
            role == QtCore.Qt.ItemDataRole.DisplayRole
            and orientation == QtCore.Qt.Orientation.Horizontal
        ):
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: QtCore.QModelIndex, role: int = QtCore.Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == self.SpanIdRole:
            return span.id
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return own_direction(self.text[span.start : span.end].replace("\n", " "))
            if column == 1:
                return (
                    label_name(self.labels.get(span.label))
                    if span.label in self.labels
                    else span.label
                )
            status = span_status(span.status)
            if column == 2:
                return status if span.score is None else f"{status} {number(span.score, 2)}"
            return origin_text(span.origin)
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return own_direction(self.text[span.start : span.end])
            if column == 1:
                return span.label
            if column == 3:
                return span.origin
        if (
            role == QtCore.Qt.ItemDataRole.DecorationRole
            and column == 1
            and span.label in self.labels
        ):
            return swatch(self.labels.get(span.label).color)
        if role == QtCore.Qt.ItemDataRole.FontRole and span.status == "rejected":
            font = QtGui.QFont()
            font.setStrikeOut(True)
            return font
        return None

    def set_labels(self, labels: LabelSet) -> None:
        """Show label names and colours from another label set."""
        self.labels = labels
        if self._spans:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._spans) - 1, len(COLUMNS) - 1)
            )

    def span_at(self, row: int) -> Span:
        """The span in a row (not Qt's span(), which is about cell spanning)."""
        return self._spans[row]

    def _index(self) -> dict[int, int]:
        if self._rows is None:
            self._rows = {span.id: row for row, span in enumerate(self._spans)}
        return self._rows

    def _set_row(self, row: int, span: Span) -> None:
        old = self._spans[row]
        if old.label != span.label:
            self._counts[old.label] -= 1
            self._counts[span.label] += 1
        self._spans[row] = span

    def _remove_rows(self, first: int, last: int) -> None:
        self.beginRemoveRows(QtCore.QModelIndex(), first, last)
        self._counts.subtract(s.label for s in self._spans[first : last + 1])
        del self._spans[first : last + 1]
        self._rows = None
        self.endRemoveRows()

    def _insert_row(self, row: int, span: Span) -> None:
        self.beginInsertRows(QtCore.QModelIndex(), row, row)
        self._spans.insert(row, span)
        self._counts[span.label] += 1
        self._rows = None
        self.endInsertRows()

    def row_of(self, span_id: int) -> int:
        """The row of a span (-1 if absent)."""
        return self._index().get(span_id, -1)

    def replace(self, changed: list[Span]) -> None:
        """New versions of spans already shown (same offsets); rows not shown are skipped."""
        rows = self._index()
        touched = []
        for span in changed:
            row = rows.get(span.id)
            if row is not None:
                self._set_row(row, span)
                touched.append(row)
        if touched:  # one signal for a bulk change, not one per row
            last = len(COLUMNS) - 1
            self.dataChanged.emit(self.index(min(touched), 0), self.index(max(touched), last))

    def label_counts(self) -> dict[str, int]:
        """Spans shown per label, in label-set order."""
        counts = self._counts
        ordered = {name: counts[name] for name in self.labels.names if counts[name] > 0}
        ordered.update((name, n) for name, n in counts.items() if n > 0 and name not in ordered)
        return ordered

    def drop(self, span_ids: set[int]) -> None:
        """Take these spans' rows out (a rejected suggestion the panel hides)."""
        rows = self._index()
        found = sorted((rows[i] for i in span_ids if i in rows), reverse=True)
        while found:  # one removal per run of adjacent rows, from the last
            last = first = found.pop(0)
            while found and found[0] == first - 1:
                first = found.pop(0)
            self._remove_rows(first, last)

    def reset(self, text: str, spans: list[Span]) -> None:
        """Show another document's spans."""
        self.beginResetModel()
        self.text = text
        self._spans = list(spans)
        self._rows = None
        self._counts = Counter(s.label for s in self._spans)
        self.endResetModel()

    def update(self, spans: list[Span]) -> None:
        """Move to a new list of spans, emitting row-level changes only."""
        new_ids = [s.id for s in spans]
        if [s.id for s in self._spans] == new_ids:
            for row, (old, new) in enumerate(zip(self._spans, spans, strict=True)):
                if old != new:
                    self._set_row(row, new)
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        keep = set(new_ids)
        for row in range(len(self._spans) - 1, -1, -1):
            if self._spans[row].id not in keep:
                self._remove_rows(row, row)
        # What is left is a subsequence of the new order, unless spans moved.
        present = {s.id for s in self._spans}
        if [s.id for s in self._spans] != [i for i in new_ids if i in present]:
            self.reset(self.text, spans)
            return
        for row, span in enumerate(spans):
            if row >= len(self._spans) or self._spans[row].id != span.id:
                self._insert_row(row, span)
            elif self._spans[row] != span:
                self._set_row(row, span)
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
