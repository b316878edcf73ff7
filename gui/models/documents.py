"""The document list: a table model over the project's documents, and its filter."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.store import Project
from gui.i18n import document_status, isolate, number, own_direction

COLUMNS = (
    QT_TRANSLATE_NOOP("DocumentListModel", "Title"),
    QT_TRANSLATE_NOOP("DocumentListModel", "Status"),
    QT_TRANSLATE_NOOP("DocumentListModel", "Acc."),
    QT_TRANSLATE_NOOP("DocumentListModel", "Sugg."),
)
COLUMN_TIPS = (
    QT_TRANSLATE_NOOP("DocumentListModel", "Document title"),
    QT_TRANSLATE_NOOP("DocumentListModel", "Your status for the document"),
    QT_TRANSLATE_NOOP("DocumentListModel", "Accepted spans"),
    QT_TRANSLATE_NOOP("DocumentListModel", "Open suggestions"),
)


class DocumentListModel(QtCore.QAbstractTableModel):
    """Title, status and entity counts of each document, for the current annotator."""

    DocIdRole = QtCore.Qt.ItemDataRole.UserRole + 1
    StatusRole = QtCore.Qt.ItemDataRole.UserRole + 2

    def __init__(self, project: Project, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._docs = project.documents()
        self._rows = {d.id: i for i, d in enumerate(self._docs)}

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: QtCore.Qt.Orientation, role: int = 0):  # type: ignore[no-untyped-def]
        if orientation == QtCore.Qt.Orientation.Horizontal:
            if role == QtCore.Qt.ItemDataRole.DisplayRole:
                return self.tr(COLUMNS[section])
            if role == QtCore.Qt.ItemDataRole.ToolTipRole:
                return self.tr(COLUMN_TIPS[section])
        return None

    def data(self, index: QtCore.QModelIndex, role: int = QtCore.Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        doc = self._docs[index.row()]
        if role == self.DocIdRole:
            return doc.id
        summary = self.project.summary(doc.id) if self.project.annotator else None
        if role == self.StatusRole:
            return summary.status if summary else "new"
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            column = index.column()
            if column == 0:
                return own_direction(doc.title)  # an Arabic title in the English list
            if summary is None:
                return ""
            if column == 1:
                return document_status(summary.status)
            return number(summary.accepted if column == 2 else summary.suggested)
        if role == QtCore.Qt.ItemDataRole.ToolTipRole:
            return self.tr("{title}\n{length} characters · id {id}").format(
                title=isolate(doc.title), length=number(doc.length), id=doc.id
            )
        if role == QtCore.Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(QtCore.Qt.AlignmentFlag.AlignCenter)
        return None

    def doc_id(self, row: int) -> str:
        """The id of the document in a row."""
        return self._docs[row].id

    def row_of(self, doc_id: str) -> int:
        """The row of a document (-1 if unknown)."""
        return self._rows.get(doc_id, -1)

    def reload(self) -> None:
        """Re-read the document list (after an import)."""
        self.beginResetModel()
        self._docs = self.project.documents()
        self._rows = {d.id: i for i, d in enumerate(self._docs)}
        self.endResetModel()

    def refresh(self, doc_id: str) -> None:
        """Re-read one document's status and counts (emits dataChanged for its row only)."""
        row = self._rows.get(doc_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 1), self.index(row, len(COLUMNS) - 1))

    def status_of(self, doc_id: str) -> str:
        """The annotator's status for a document."""
        return self.project.summary(doc_id).status if self.project.annotator else "new"

    def next_unfinished(self, after: str) -> str | None:
        """The next document (wrapping around) that is not done."""
        start = self._rows.get(after, -1)
        n = len(self._docs)
        for step in range(1, n + 1):
            doc = self._docs[(start + step) % n]
            if doc.id != after and self.project.summary(doc.id).status != "done":
                return doc.id
        return None


class DocumentFilter(QtCore.QSortFilterProxyModel):
    """Filters the document list by status and by a title search."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._status = ""
        self._rank: dict[str, int] | None = None
        self.setFilterCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)

    def set_rank(self, order: list[str] | None) -> None:
        """Show documents in this order (ids; the others after them), or as imported (None)."""
        self._rank = None if order is None else {doc_id: n for n, doc_id in enumerate(order)}
        if order is None:
            self.sort(-1)
        else:
            self.invalidate()
            self.sort(0)

    def lessThan(self, left: QtCore.QModelIndex, right: QtCore.QModelIndex) -> bool:
        if self._rank is None:
            return super().lessThan(left, right)
        role = DocumentListModel.DocIdRole
        last = len(self._rank)
        a = self._rank.get(left.data(role), last + left.row())
        b = self._rank.get(right.data(role), last + right.row())
        return a < b

    def set_status(self, status: str) -> None:
        """Show only documents with this status ("" for all)."""
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._status = status
            self.endFilterChange(QtCore.QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._status = status
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QtCore.QModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(row, 0, parent)
        if self._status and model.data(index, DocumentListModel.StatusRole) != self._status:
            return False
        return super().filterAcceptsRow(row, parent)
