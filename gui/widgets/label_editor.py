"""Project › Labels…: add, rename, recolour, reorder, set hotkeys and remove labels.

The dialog edits a copy of the label set; nothing changes until OK, and then
the window applies the result as one undoable command. A label that spans
use can be removed only by relabelling those spans to another label, and only
when they are all in the current annotator's layers.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6 import QtCore, QtGui, QtWidgets

from core.errors import ValidationError
from core.model import PALETTE, Label, LabelSet, label_name_problem
from gui.error_messages import error_text
from gui.i18n import digits_in, isolate, paragraph

NAME, ENGLISH, ARABIC, KEY = range(4)


class LabelSetDialog(QtWidgets.QDialog):
    """A table of labels with Add, Remove, Up, Down and Colour; OK checks the whole set."""

    def __init__(
        self,
        labels: LabelSet,
        usage: dict[str, tuple[int, int]],
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        """``usage``: label -> (spans in the current annotator's layers, spans in others')."""
        super().__init__(parent)
        self.setObjectName("label_editor")
        self.setWindowTitle(self.tr("Labels"))
        self.original = labels
        self.usage = usage
        self.relabel: dict[str, str] = {}  # removed label -> the label its spans get
        self.result_labels: LabelSet | None = None
        self.table = QtWidgets.QTableWidget(0, 4, objectName="label_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("English"), self.tr("Arabic"), self.tr("Key")]
        )
        self.table.horizontalHeader().setStretchLastSection(False)
        for column in (NAME, ENGLISH, ARABIC):
            self.table.horizontalHeader().setSectionResizeMode(
                column, QtWidgets.QHeaderView.ResizeMode.Stretch
            )
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        for label in labels:
            self._append(label, new=False)
        self.error = QtWidgets.QLabel(objectName="label_error")
        self.error.setStyleSheet("color: #B00020;")
        self.error.setWordWrap(True)
        self.error.hide()
        side = QtWidgets.QVBoxLayout()
        for name, text, slot in (
            ("label_add", self.tr("&Add"), self.add_label),
            ("label_remove", self.tr("&Remove…"), self.remove_current),
            ("label_up", self.tr("Move &up"), lambda: self.move_current(-1)),
            ("label_down", self.tr("Move &down"), lambda: self.move_current(1)),
            ("label_colour", self.tr("&Colour…"), self.choose_colour),
        ):
            button = QtWidgets.QPushButton(text, objectName=name)
            button.clicked.connect(slot)
            side.addWidget(button)
        side.addStretch(1)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        note = QtWidgets.QLabel(
            self.tr(
                "A name is what files store (any letters, no spaces): it cannot change once "
                "spans use it. The English and Arabic names are what the interface shows. "
                "Keys 1–9 label a selection."
            )
        )
        note.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(700, 420)

    # -- rows --------------------------------------------------------------
    def _append(self, label: Label, *, new: bool) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        name = QtWidgets.QTableWidgetItem(label.name)
        name.setData(QtCore.Qt.ItemDataRole.UserRole, label.color)
        name.setData(QtCore.Qt.ItemDataRole.UserRole + 1, new)
        if not new:  # stored in files: a new name would be another label
            name.setFlags(name.flags() & ~QtCore.Qt.ItemFlag.ItemIsEditable)
        self._paint(name, label.color)
        self.table.setItem(row, NAME, name)
        self.table.setItem(row, ENGLISH, QtWidgets.QTableWidgetItem(label.en))
        arabic = QtWidgets.QTableWidgetItem(label.ar)
        arabic.setTextAlignment(
            QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
        )
        self.table.setItem(row, ARABIC, arabic)
        key = QtWidgets.QTableWidgetItem("" if label.hotkey is None else str(label.hotkey))
        key.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.table.setItem(row, KEY, key)
        return row

    @staticmethod
    def _paint(item: QtWidgets.QTableWidgetItem, colour: str) -> None:
        pixmap = QtGui.QPixmap(14, 14)
        pixmap.fill(QtGui.QColor(colour))
        item.setIcon(QtGui.QIcon(pixmap))

    def _row_label(self, row: int) -> Label:
        def text(column: int) -> str:
            item = self.table.item(row, column)
            return item.text().strip() if item is not None else ""

        key = text(KEY)
        if key and not (key.isdigit() and 1 <= int(key) <= 9):
            raise ValidationError(
                self.tr("{name}: the key must be a digit from 1 to 9, or empty").format(
                    name=text(NAME)
                )
            )
        name_item = self.table.item(row, NAME)
        colour = str(name_item.data(QtCore.Qt.ItemDataRole.UserRole)) if name_item else "#999999"
        return Label(text(NAME), text(ENGLISH), text(ARABIC), colour, int(key) if key else None)

    def labels(self) -> LabelSet:
        """The label set as edited now (ValidationError when it is not a valid set)."""
        rows = [self._row_label(r) for r in range(self.table.rowCount())]
        for label in rows:
            problem = label_name_problem(label.name)
            if problem:
                raise ValidationError(
                    self.tr("Label name “{name}” {problem}").format(
                        name=label.name, problem=problem
                    )
                )
        label_set = LabelSet(tuple(rows))
        for label in label_set:
            label.validate()
        return label_set

    # -- buttons -------------------------------------------------------------
    def add_label(self, name: str = "", *, en: str = "", ar: str = "") -> int:
        """Add a row for a new label (its name cell is ready for typing)."""
        used = {self._row_label(r).hotkey for r in range(self.table.rowCount())}
        hotkey = next((k for k in range(1, 10) if k not in used), None)
        colour = PALETTE[self.table.rowCount() % len(PALETTE)]
        row = self._append(Label(name, en or name, ar or name, colour, hotkey), new=True)
        self.table.setCurrentCell(row, NAME)
        if not name:
            self.table.editItem(self.table.item(row, NAME))
        return row

    def remove_current(self) -> bool:
        """Remove the selected label; spans using it must be relabelled (asked) or it stays."""
        row = self.table.currentRow()
        if row < 0:
            return False
        name = self.table.item(row, NAME).text().strip()
        mine, others = self.usage.get(name, (0, 0))
        if others:
            self._say(self.used_elsewhere(name, mine + others))
            return False
        if mine:
            choices = [
                self.table.item(r, NAME).text().strip()
                for r in range(self.table.rowCount())
                if r != row
            ]
            if not choices:
                self._say(
                    self.tr("“{name}” is in use and there is no other label.").format(name=name)
                )
                return False
            target = self.ask_relabel(name, mine, choices)
            if not target:
                return False
            self.relabel[name] = target
        self.table.removeRow(row)
        return True

    def used_elsewhere(self, name: str, count: int) -> str:
        """Why a label other annotators use cannot be removed (a plural: Arabic has six forms)."""
        text = self.tr(
            "“{name}” is used by %n span(s) in other annotators' layers; it cannot be removed.",
            "",
            count,
        )
        return digits_in(text).format(name=isolate(name))

    def relabel_prompt(self, name: str, count: int) -> str:
        """The question asked before the spans of a removed label are relabelled."""
        text = self.tr("%n span(s) use “{name}”. Relabel them to:", "", count)
        return digits_in(text).format(name=isolate(name))

    def ask_relabel(self, name: str, count: int, choices: list[str]) -> str | None:
        """Which label the spans of a removed label get (None: keep the label)."""
        target, ok = QtWidgets.QInputDialog.getItem(
            self,
            self.tr("Remove a label"),
            self.relabel_prompt(name, count),
            choices,
            0,
            False,
        )
        return target if ok and target else None

    def move_current(self, step: int) -> None:
        """Move the selected label up (-1) or down (+1)."""
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        items = [self.table.takeItem(row, c) for c in range(4)]
        others = [self.table.takeItem(target, c) for c in range(4)]
        for c in range(4):
            self.table.setItem(target, c, items[c])
            self.table.setItem(row, c, others[c])
        self.table.setCurrentCell(target, NAME)

    def choose_colour(self, colour: QtGui.QColor | None = None) -> None:
        """Recolour the selected label (asks with a colour dialog unless given one)."""
        row = self.table.currentRow()
        if row < 0:
            return
        item = self.table.item(row, NAME)
        if not isinstance(colour, QtGui.QColor):
            current = QtGui.QColor(str(item.data(QtCore.Qt.ItemDataRole.UserRole)))
            colour = QtWidgets.QColorDialog.getColor(current, self, self.tr("Label colour"))
        if colour.isValid():
            item.setData(QtCore.Qt.ItemDataRole.UserRole, colour.name().upper())
            self._paint(item, colour.name())

    def _say(self, text: str) -> None:
        self.error.setText(paragraph(text))
        self.error.show()

    def _accept(self) -> None:
        try:
            labels = self.labels()
        except ValidationError as exc:
            self._say(error_text(exc))
            return
        # A removed label that is added again under the same name is not removed.
        self.relabel = {k: v for k, v in self.relabel.items() if k not in labels}
        self.result_labels = labels
        self.accept()


def union(old: LabelSet, new: LabelSet) -> LabelSet:
    """Every label of both sets (old hotkeys kept), for the moment spans move between them."""
    keys = {label.hotkey for label in old}
    extra = tuple(
        replace(label, hotkey=None if label.hotkey in keys else label.hotkey)
        for label in new
        if label.name not in old
    )
    return LabelSet(tuple(old) + extra)
