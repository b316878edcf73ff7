"""Help › Keyboard shortcuts (F1 or ?): every shortcut, generated from the actions' table."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from gui.actions import HelpRow, ltr, shortcut_rows


class _LeftToRight(QtWidgets.QStyledItemDelegate):
    """Key names read left to right ("Ctrl+Shift+Z"), also in the mirrored interface."""

    def initStyleOption(
        self, option: QtWidgets.QStyleOptionViewItem, index: QtCore.QModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.direction = QtCore.Qt.LayoutDirection.LeftToRight
        option.displayAlignment = (
            QtCore.Qt.AlignmentFlag.AlignVCenter
            | QtCore.Qt.AlignmentFlag.AlignAbsolute
            | (
                QtCore.Qt.AlignmentFlag.AlignRight
                if option.widget.isRightToLeft()
                else QtCore.Qt.AlignmentFlag.AlignLeft
            )
        )


class ShortcutHelp(QtWidgets.QDialog):
    """A searchable list of every action that has keys (gui.actions.SHORTCUTS)."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcut_help")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.rows: list[HelpRow] = shortcut_rows()
        self.search = QtWidgets.QLineEdit(objectName="shortcut_search")
        self.search.setPlaceholderText(self.tr("Search the shortcuts…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = QtWidgets.QTableWidget(len(self.rows), 3, objectName="shortcut_table")
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("Action"), self.tr("Notes")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        in_text = self.tr("In the text")
        for r, row in enumerate(self.rows):
            # one isolate per key: "Ctrl++" never becomes "++Ctrl" in the Arabic help
            keys = QtWidgets.QTableWidgetItem("  /  ".join(ltr(k) for k in row.keys))
            keys.setData(QtCore.Qt.ItemDataRole.UserRole, row.names)
            notes = row.tip
            if row.editor_only:
                notes = f"{in_text} · {notes}" if notes else in_text
            self.table.setItem(r, 0, keys)
            self.table.setItem(r, 1, QtWidgets.QTableWidgetItem(row.text))
            self.table.setItem(r, 2, QtWidgets.QTableWidgetItem(notes))
        self.table.setItemDelegateForColumn(0, _LeftToRight(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        note = QtWidgets.QLabel(
            self.tr(
                "Keys marked “In the text” work while the document text has the focus, so that "
                "typing in a search field never labels anything. The arrows move span edges "
                "the way they point on the screen, in right-to-left and left-to-right text alike."
            )
        )
        note.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(860, 620)

    def listed_actions(self) -> set[str]:
        """Names of the actions the help lists (all rows, whatever the search)."""
        out: set[str] = set()
        for r in range(self.table.rowCount()):
            out.update(self.table.item(r, 0).data(QtCore.Qt.ItemDataRole.UserRole))
        return out

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for r in range(self.table.rowCount()):
            hay = " ".join(self.table.item(r, c).text() for c in range(3)).casefold()
            self.table.setRowHidden(r, bool(needle) and needle not in hay)
