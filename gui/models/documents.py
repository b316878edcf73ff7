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


_STATUS_ORDER = {"new": 0, "in_progress": 1, "done": 2}


class DocumentListModel(QtCore.QAbstractTableModel):
    """Title, status and entity counts of each document, for the current annotator.

    The model shows a list of document ids: the project's, narrowed by a
    status and a title search and put in an order (as imported, a column,
    or a ranking), all done here on plain lists. At 100,000 documents a
    QSortFilterProxyModel asks a Python filter and comparison function
    about every row (seconds); sorting ids by a key and filtering them with
    a comprehension take tens of milliseconds. Rows are read lazily: data()
    looks up the one document it is asked about.
    """

    DocIdRole = QtCore.Qt.ItemDataRole.UserRole + 1
    StatusRole = QtCore.Qt.ItemDataRole.UserRole + 2

    def __init__(self, project: Project, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._status = ""
        self._search = ""
        self._rank: dict[str, int] | None = None
        self._column = -1
        self._descending = False
        self._shown: list[str] = project.doc_ids()
        self._rows: dict[str, int] | None = None

    # -- what is shown ------------------------------------------------------------
    def _rows_of(self) -> dict[str, int]:
        if self._rows is None:
            self._rows = {doc_id: i for i, doc_id in enumerate(self._shown)}
        return self._rows

    def _matches(self, doc_id: str) -> bool:
        if self._status and self.status_of(doc_id) != self._status:
            return False
        return not self._search or self._search in self.project.document(doc_id).title.casefold()

    def _compute(self) -> list[str]:
        ids = self.project.doc_ids()
        if self._status:
            if self.project.annotator:
                statuses = self.project.statuses()
                ids = [d for d in ids if statuses.get(d, "new") == self._status]
            else:
                ids = [] if self._status != "new" else ids
        if self._search:
            needle, document = self._search, self.project.document
            ids = [d for d in ids if needle in document(d).title.casefold()]
        key = self._sort_key()
        if key is not None:
            ids.sort(key=key, reverse=self._descending)  # stable: ties stay as imported
        return ids

    def _sort_key(self):  # type: ignore[no-untyped-def]
        if self._column < 0:
            if self._rank is None:
                return None
            rank, last = self._rank, len(self._rank)
            return lambda d: rank.get(d, last)
        document = self.project.document
        if self._column == 0:
            return lambda d: document(d).title.casefold()
        if not self.project.annotator:
            return None
        summary = self.project.summary
        if self._column == 1:
            statuses = self.project.statuses()
            return lambda d: _STATUS_ORDER.get(statuses.get(d, "new"), 0)
        if self._column == 2:
            return lambda d: summary(d).accepted
        return lambda d: summary(d).suggested

    def _rebuild(self) -> None:
        shown = self._compute()
        if shown == self._shown:
            return
        self.beginResetModel()
        self._shown, self._rows = shown, None
        self.endResetModel()

    def set_status(self, status: str) -> None:
        """Show only documents with this status ("" for all)."""
        self._status = status
        self._rebuild()

    def set_search(self, text: str) -> None:
        """Show only documents whose title holds text (case does not matter)."""
        self._search = text.casefold()
        self._rebuild()

    def set_rank(self, order: list[str] | None) -> None:
        """Show documents in this order (ids; the others after them), or as imported (None)."""
        self._rank = None if order is None else {doc_id: n for n, doc_id in enumerate(order)}
        self._column, self._descending = -1, False
        self._rebuild()

    def sort(
        self, column: int, order: QtCore.Qt.SortOrder = QtCore.Qt.SortOrder.AscendingOrder
    ) -> None:
        """Order by a column (-1: as imported, or the ranking when there is one)."""
        self._column = column if 0 <= column < len(COLUMNS) else -1
        self._descending = order == QtCore.Qt.SortOrder.DescendingOrder
        self._rebuild()

    # -- the Qt model -------------------------------------------------------------
    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._shown)

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
        if not index.isValid() or index.row() >= len(self._shown):
            return None
        doc_id = self._shown[index.row()]
        if role == self.DocIdRole:
            return doc_id
        doc = self.project.document(doc_id)
        summary = self.project.summary(doc_id) if self.project.annotator else None
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

    # -- rows and documents -------------------------------------------------------
    def doc_id(self, row: int) -> str:
        """The id of the document in a row."""
        return self._shown[row]

    def shown(self) -> list[str]:
        """The ids of the documents shown, in the order shown."""
        return list(self._shown)

    def row_of(self, doc_id: str) -> int:
        """The row of a document (-1 if it is not shown)."""
        return self._rows_of().get(doc_id, -1)

    def reload(self) -> None:
        """Re-read the document list (after an import)."""
        self.beginResetModel()
        self._shown, self._rows = self._compute(), None
        self.endResetModel()

    def refresh(self, doc_id: str) -> None:
        """Re-read one document's status and counts (emits dataChanged for its row only).

        Under a status filter, or sorted by status, a new status can move the
        document into or out of the list or to another place: then the list is
        made again. Counts do not re-sort the list under the annotator's eyes.
        """
        row = self._rows_of().get(doc_id)
        if (self._status and (row is not None) != self._matches(doc_id)) or (
            row is not None and self._column == 1
        ):
            self._rebuild()
            row = self._rows_of().get(doc_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def status_of(self, doc_id: str) -> str:
        """The annotator's status for a document."""
        return self.project.summary(doc_id).status if self.project.annotator else "new"

    def next_unfinished(self, after: str) -> str | None:
        """The next document shown (wrapping around) that is not done."""
        ids = self._shown
        start = self._rows_of().get(after, -1)
        n = len(ids)
        for step in range(1, n + 1):
            doc_id = ids[(start + step) % n]
            if doc_id != after and self.status_of(doc_id) != "done":
                return doc_id
        return None

    def neighbour(self, doc_id: str | None, direction: int) -> str | None:
        """The document shown after (+1) or before (-1) this one."""
        n = len(self._shown)
        if not n:
            return None
        at = self._rows_of().get(doc_id, -1) if doc_id else -1
        target = (0 if direction > 0 else n - 1) if at < 0 else at + direction
        return self._shown[target] if 0 <= target < n else None
