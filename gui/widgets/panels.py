"""The docked panels: document list, entity list, label bar, and the find bar."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from core.model import LabelSet
from core.text import Normalized, normalize, normalize_str
from gui.i18n import label_name, number
from gui.models.documents import DocumentListModel
from gui.models.spans import SpanTableModel


def fit_columns(view: QtWidgets.QTableView) -> None:
    """The first column takes the room left; the others fit their contents; one line a row."""
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.setTextElideMode(QtCore.Qt.TextElideMode.ElideRight)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setMinimumSectionSize(36)
    # Measure the visible rows and a hundred more, never every row (100,000 documents).
    header.setResizeContentsPrecision(100)
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
    view.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Fit the columns when rows come or go, not on every change (ResizeToContents
    # would measure again on each accept).
    timer = QtCore.QTimer(view, singleShot=True, interval=0)
    timer.timeout.connect(lambda: _fit(view))
    model = view.model()
    for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
        signal.connect(timer.start)
    _fit(view)


def _fit(view: QtWidgets.QTableView) -> None:
    for column in range(1, view.model().columnCount()):
        view.resizeColumnToContents(column)


class DocumentPanel(QtWidgets.QWidget):
    """Document list with a status filter and a title search; Enter or double-click opens."""

    open_requested = QtCore.Signal(str)
    #: "imported" or "useful" (most useful first), chosen in the order box
    order_requested = QtCore.Signal(str)
    #: how many characters of a title a narrow list still shows (the counts give way)
    TITLE_CHARS = 12

    def __init__(self, model: DocumentListModel, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.status = QtWidgets.QComboBox(objectName="status_filter")
        for text, value in (
            (self.tr("All"), ""),
            (self.tr("New"), "new"),
            (self.tr("In progress"), "in_progress"),
            (self.tr("Done"), "done"),
        ):
            self.status.addItem(text, value)
        self.status.currentIndexChanged.connect(
            lambda _i: self._narrow(model.set_status, self.status.currentData())
        )
        self.order = QtWidgets.QComboBox(objectName="document_order")
        self.order.addItem(self.tr("As imported"), "imported")
        self.order.addItem(self.tr("Most useful first"), "useful")
        self.order.setToolTip(
            self.tr("Most useful first: the documents the project model is least sure about")
        )
        self.order.currentIndexChanged.connect(
            lambda _i: self.order_requested.emit(self.order.currentData())
        )
        self.search = QtWidgets.QLineEdit(objectName="title_search")
        self.search.setPlaceholderText(self.tr("Search titles…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda text: self._narrow(model.set_search, text))
        self.view = QtWidgets.QTableView(objectName="document_view")
        self.view.setModel(model)
        # Columns sort on click (the model sorts ids, so 100,000 rows take a blink);
        # no indicator at first: the list starts as imported.
        self.view.horizontalHeader().setSortIndicator(-1, QtCore.Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.view)
        # A status that changes ("new" to "in progress") may need a wider column.
        refit = QtCore.QTimer(self.view, singleShot=True, interval=0)
        refit.timeout.connect(lambda: self.view.resizeColumnToContents(1))
        model.dataChanged.connect(refit.start)
        refit.timeout.connect(self._give_way)
        model.modelReset.connect(refit.start)
        self._refit = refit
        self.view.activated.connect(self._activated)  # Enter, and double-click on most styles
        self.view.doubleClicked.connect(self._activated)
        self.view.installEventFilter(self)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.status)
        top.addWidget(self.search, 1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.order)
        layout.addWidget(self.view)

    def _narrow(self, change, value) -> None:  # type: ignore[no-untyped-def]
        """Narrow the list, keeping the open document selected if it is still shown."""
        current = self.view.currentIndex()
        doc_id = current.data(DocumentListModel.DocIdRole) if current.isValid() else None
        change(value)
        if doc_id:
            self.show_current(doc_id)

    def set_rank(self, order: list[str] | None) -> None:
        """Order the list by a ranking (ids first to last), or as imported (None)."""
        current = self.view.currentIndex()
        doc_id = current.data(DocumentListModel.DocIdRole) if current.isValid() else None
        self.view.horizontalHeader().setSortIndicator(-1, QtCore.Qt.SortOrder.AscendingOrder)
        self.model.set_rank(order)
        if doc_id:
            self.show_current(doc_id)

    def next_unfinished(self, after: str) -> str | None:
        """The next document in the list as shown (wrapping around) that is not done."""
        return self.model.next_unfinished(after)

    def _give_way(self) -> None:
        """In a narrow list the counts give way to the titles (the status bar has the open
        document's counts): each title keeps at least TITLE_CHARS characters."""
        header = self.view.horizontalHeader()
        title = self.view.fontMetrics().horizontalAdvance("م" * self.TITLE_CHARS) + 16
        status = max(self.view.sizeHintForColumn(1), header.sectionSizeHint(1))
        # Measured from the header texts: a hidden column's size hints are 0.
        heading = header.fontMetrics()
        horizontal = QtCore.Qt.Orientation.Horizontal
        counts = sum(
            max(heading.horizontalAdvance(str(self.model.headerData(c, horizontal))), 24) + 20
            for c in range(2, self.model.columnCount())
        )
        narrow = self.view.viewport().width() < title + status + counts
        for column in range(2, self.model.columnCount()):
            if self.view.isColumnHidden(column) != narrow:
                self.view.setColumnHidden(column, narrow)
                if not narrow:
                    self.view.resizeColumnToContents(column)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if watched is self.view and event.type() == QtCore.QEvent.Type.Resize:
            self._refit.start()  # once the viewport has its new width
        if watched is self.view and event.type() == QtCore.QEvent.Type.KeyPress:
            assert isinstance(event, QtGui.QKeyEvent)
            if event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter):
                self._activated(self.view.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _activated(self, index: QtCore.QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.doc_id(index.row()))

    def neighbour(self, doc_id: str | None, direction: int) -> str | None:
        """The document after (+1) or before (-1) this one, in the list as shown."""
        return self.model.neighbour(doc_id, direction)

    def show_current(self, doc_id: str) -> None:
        """Select the open document's row."""
        row = self.model.row_of(doc_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))


class SpanFilter(QtCore.QSortFilterProxyModel):
    """The entity list narrowed by a text search and a label; columns sort on click."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._label = ""
        self.setFilterCaseSensitivity(QtCore.Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(0)

    def set_label(self, label: str) -> None:
        """Show only spans with this label ("" for all)."""
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self._label = label
            self.endFilterChange(QtCore.QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._label = label
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: QtCore.QModelIndex) -> bool:
        model = self.sourceModel()
        if self._label and model.span_at(row).label != self._label:  # type: ignore[attr-defined]
            return False
        return super().filterAcceptsRow(row, parent)


class EntityPanel(QtWidgets.QWidget):
    """The current document's spans, searchable and sortable; clicking one jumps to it."""

    span_activated = QtCore.Signal(int)
    #: how many characters of an entity's text always fit in the Text column
    TEXT_CHARS = 20

    def __init__(self, model: SpanTableModel, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.proxy = SpanFilter(self)
        self.proxy.setSourceModel(model)
        self.search = QtWidgets.QLineEdit(objectName="entity_search")
        self.search.setPlaceholderText(self.tr("Filter entities…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.label = QtWidgets.QComboBox(objectName="entity_label_filter")
        self.label.currentIndexChanged.connect(
            lambda _i: self.proxy.set_label(self.label.currentData() or "")
        )
        self.counts = QtWidgets.QLabel(objectName="entity_counts")
        self.counts.setWordWrap(True)
        self.view = QtWidgets.QTableView(objectName="entity_view")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        fit_columns(self.view)
        # The text gets the room: a 20-character name shows whole, longer ones are
        # elided in the middle (the tooltip has all of it); a narrow panel scrolls.
        self.view.setTextElideMode(QtCore.Qt.TextElideMode.ElideMiddle)
        self.view.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.view.setColumnWidth(0, self.text_width())
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, QtCore.Qt.SortOrder.AscendingOrder)  # reading order
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        # A bulk change emits one signal per row: recount once, after the last of them.
        self._recount = QtCore.QTimer(self, singleShot=True, interval=0)
        self._recount.timeout.connect(self._count)
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self._recount.start)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.label)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.view)
        self.set_labels(model.labels)

    def text_width(self) -> int:
        """Room for TEXT_CHARS characters of Arabic text in the Text column."""
        metrics = self.view.fontMetrics()
        return metrics.horizontalAdvance("م" * self.TEXT_CHARS) + 24

    def set_labels(self, labels: LabelSet) -> None:
        """Offer these labels in the label filter."""
        current = self.label.currentData()
        self.label.blockSignals(True)
        self.label.clear()
        self.label.addItem(self.tr("All labels"), "")
        for label in labels:
            self.label.addItem(label_name(label), label.name)
        self.label.setCurrentIndex(max(0, self.label.findData(current)))
        self.label.blockSignals(False)
        self._count()

    def _count(self, *_args: object) -> None:
        """Per label: how many spans the document shows."""
        counts = self.model.label_counts()
        labels = self.model.labels
        parts = [
            f"{label_name(labels.get(name)) if name in labels else name} {number(n)}"
            for name, n in counts.items()
        ]
        self.counts.setText(" · ".join(parts) if parts else self.tr("No entities yet."))

    def _clicked(self, index: QtCore.QModelIndex) -> None:
        if index.isValid():
            source = self.proxy.mapToSource(index)
            self.span_activated.emit(self.model.span_at(source.row()).id)

    def show_current(self, span_id: int) -> None:
        """Select the row of the current span."""
        row = self.model.row_of(span_id) if span_id else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is not None and index.isValid():
            # Not selectRow, which selects nothing in a right-to-left view not laid out yet.
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        else:
            self.view.clearSelection()


class LabelBar(QtWidgets.QToolBar):
    """One button per label, with its colour and hotkey."""

    label_requested = QtCore.Signal(str)

    def __init__(self, labels: LabelSet, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Labels"))
        self.setObjectName("label_bar")
        self.setToolButtonStyle(QtCore.Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.buttons: dict[str, QtWidgets.QToolButton] = {}
        self.set_labels(labels)

    def set_labels(self, labels: LabelSet) -> None:
        """Show one button per label of this label set."""
        for action in self.actions():
            self.removeAction(action)
            action.deleteLater()
        self.buttons = {}
        for label in labels:
            pixmap = QtGui.QPixmap(14, 14)
            pixmap.fill(QtGui.QColor(label.color))
            key = f"{number(label.hotkey)} " if label.hotkey else ""
            action = QtGui.QAction(QtGui.QIcon(pixmap), f"{key}{label_name(label)}", self)
            action.setToolTip(
                self.tr("{name}: {en} · {ar} — key {key}").format(
                    name=label.name, en=label.en, ar=label.ar, key=label.hotkey or "–"
                )
            )
            action.triggered.connect(
                lambda _c=False, name=label.name: self.label_requested.emit(name)
            )
            self.addAction(action)
            button = self.widgetForAction(action)
            assert isinstance(button, QtWidgets.QToolButton)
            button.setObjectName(f"label_button_{label.name}")
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # keep the editor's selection
            self.buttons[label.name] = button


class FindBar(QtWidgets.QWidget):
    """Ctrl+F: find in the document, ignoring diacritics, tatweel and alef variants."""

    matches_changed = QtCore.Signal(list)  # list of (start, end) code points
    match_selected = QtCore.Signal(int, int)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QtWidgets.QLineEdit(objectName="find_edit")
        self.edit.setPlaceholderText(self.tr("Find (ignores diacritics and alef variants)…"))
        self.edit.textChanged.connect(self._search)
        self.edit.returnPressed.connect(lambda: self.step(1))
        self.count = QtWidgets.QLabel()
        close = QtWidgets.QToolButton(text="✕")
        close.setToolTip(self.tr("Close the find bar (Esc)"))
        close.clicked.connect(self.close_bar)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(close)
        self._text = ""
        self._norm: Normalized | None = None
        self.matches: list[tuple[int, int]] = []
        self._index = -1
        QtGui.QShortcut(
            QtGui.QKeySequence("Escape"),
            self,
            self.close_bar,
            context=QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.hide()

    def set_text(self, text: str) -> None:
        """Search in another document's text."""
        self._text = text
        self._norm = None  # normalised on the first search, not on every open
        if self.isVisible():
            self._search(self.edit.text())

    def open_bar(self) -> None:
        """Show the bar and focus the field."""
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()
        self._search(self.edit.text())

    def close_bar(self) -> None:
        """Hide the bar and clear the highlights."""
        self.hide()
        self.matches = []
        self.matches_changed.emit([])

    def _search(self, query: str) -> None:
        needle = normalize_str(query).strip()
        self.matches = []
        if needle:
            if self._norm is None:
                self._norm = normalize(self._text)
            hay = self._norm.text
            pos = hay.find(needle)
            while pos >= 0:
                self.matches.append(self._norm.to_original(pos, pos + len(needle)))
                pos = hay.find(needle, pos + 1)
        self._index = -1
        self.count.setText(
            self.tr("{count} found").format(count=number(len(self.matches))) if needle else ""
        )
        self.matches_changed.emit(list(self.matches))
        if self.matches:
            self.step(1)

    def step(self, direction: int) -> None:
        """Select the next (+1) or previous (-1) match."""
        if self.matches:
            self._index = (self._index + direction) % len(self.matches)
            start, end = self.matches[self._index]
            self.count.setText(
                self.tr("{index} of {count}").format(
                    index=number(self._index + 1), count=number(len(self.matches))
                )
            )
            self.match_selected.emit(start, end)
