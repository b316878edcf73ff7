"""The curation view: agreed spans and disagreements of a document, settled into gold.

It follows the document open in the editor. Every key acts on the selected
disagreement: a digit picks that version, 0 or Delete leaves no span in
gold, E opens the version to edit its boundaries and label, and A accepts
all agreed spans. Each change is a GoldCommand on the document's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6 import QtCore, QtGui, QtWidgets

from core.changes import Change
from core.curation import GOLD, Curation, Disagreement, accept_agreed, curate, settle
from core.errors import TawsimError
from core.model import LabelSet, Span
from gui.actions import make_action
from gui.offsets import OffsetMap
from gui.teams.gold import GoldCommand
from gui.workspace import Workspace

CONTEXT = 40  # characters shown around a disagreement when editing it


class DisagreementModel(QtCore.QAbstractTableModel):
    """One row per disagreement: the text, each annotator's version, and gold."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.curation: Curation | None = None
        self.gold: list[Span] = []

    def reset(self, text: str, curation: Curation | None, gold: list[Span]) -> None:
        """Show another curation (or none)."""
        self.beginResetModel()
        self.text, self.curation, self.gold = text, curation, gold
        self.endResetModel()

    def set_gold(self, gold: list[Span]) -> None:
        """Gold changed: refresh the gold column only."""
        self.gold = gold
        if self.rowCount():
            column = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, column), self.index(self.rowCount() - 1, column))

    @property
    def groups(self) -> list[Disagreement]:
        """The disagreements, in reading order."""
        return self.curation.disagreements if self.curation else []

    def rowCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.groups)

    def columnCount(self, parent: QtCore.QModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.curation is None:
            return 0
        return len(self.curation.annotators) + 2

    def headerData(self, section: int, orientation: QtCore.Qt.Orientation, role: int = 0):  # type: ignore[no-untyped-def]
        if role != QtCore.Qt.ItemDataRole.DisplayRole or self.curation is None:
            return None
        if orientation == QtCore.Qt.Orientation.Vertical:
            return section + 1
        if section == 0:
            return self.tr("Text")
        if section == self.columnCount() - 1:
            return self.tr("Gold")
        return self.curation.annotators[section - 1]

    def spans_in(self, row: int, column: int) -> list[Span]:
        """The spans shown in one cell."""
        group = self.groups[row]
        if column == self.columnCount() - 1:
            return [s for s in self.gold if s.overlaps(group.start, group.end)]
        assert self.curation is not None
        return group.versions.get(self.curation.annotators[column - 1], [])

    def data(self, index: QtCore.QModelIndex, role: int = QtCore.Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or self.curation is None:
            return None
        group = self.groups[index.row()]
        column = index.column()
        if role == QtCore.Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self.text[group.start : group.end].replace("\n", " ")
            spans = self.spans_in(index.row(), column)
            if not spans:
                return "—"
            mark = "✓ " if column == self.columnCount() - 1 else ""
            return mark + ", ".join(self._version(s) for s in spans)
        if role == QtCore.Qt.ItemDataRole.ToolTipRole and column > 0:
            return "\n".join(
                f"{s.label} «{self.text[s.start : s.end]}» [{s.start}, {s.end})"
                for s in self.spans_in(index.row(), column)
            )
        if role == QtCore.Qt.ItemDataRole.BackgroundRole and column == self.columnCount() - 1:
            if self.spans_in(index.row(), column):
                return QtGui.QColor("#E3F4E3")
        return None

    def _version(self, span: Span) -> str:
        group_text = self.text[span.start : span.end].replace("\n", " ")
        return f"{span.label} «{group_text}»"


class EditVersionDialog(QtWidgets.QDialog):
    """Edit a version's boundaries (select in the text) and label, for gold."""

    def __init__(
        self,
        text: str,
        group: Disagreement,
        choice: tuple[int, int, str],
        labels: LabelSet,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("edit_version_dialog")
        self.setWindowTitle(self.tr("Edit the version for gold"))
        self.base = max(0, group.start - CONTEXT)
        snippet = text[self.base : min(len(text), group.end + CONTEXT)].replace("\n", " ")
        self.offsets = OffsetMap(snippet)
        self.line = QtWidgets.QLineEdit(snippet, objectName="version_text")
        self.line.setReadOnly(True)
        self.line.setMinimumWidth(520)
        font = self.line.font()
        font.setPointSize(font.pointSize() + 4)
        self.line.setFont(font)
        self.label = QtWidgets.QComboBox(objectName="version_label")
        for item in labels:
            self.label.addItem(f"{item.name} · {item.ar}", item.name)
        self.label.setCurrentIndex(max(0, self.label.findData(choice[2])))
        a, b = self.offsets.range_to_qt(choice[0] - self.base, choice[1] - self.base)
        self.line.setSelection(a, b - a)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QtWidgets.QFormLayout(self)
        hint = QtWidgets.QLabel(
            self.tr("Select the span's text (Shift+arrows or the mouse), then choose its label.")
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        form.addRow(self.tr("Text:"), self.line)
        form.addRow(self.tr("Label:"), self.label)
        form.addRow(buttons)
        self.line.setFocus()

    def choice(self) -> tuple[int, int, str] | None:
        """The selected (start, end, label) in document offsets, or None without a selection."""
        if not self.line.hasSelectedText():
            return None
        a = self.line.selectionStart()
        start, end = self.offsets.range_to_cp(a, a + len(self.line.selectedText()))
        return (self.base + start, self.base + end, str(self.label.currentData()))

    def _accept(self) -> None:
        if self.choice() is None:
            QtWidgets.QMessageBox.information(
                self, self.windowTitle(), self.tr("Select some text first.")
            )
            return
        self.accept()


class CurationPanel(QtWidgets.QWidget):
    """Agreed spans, the disagreements table, and the versions of the selected one."""

    #: a disagreement was selected: show its region in the editor
    region_selected = QtCore.Signal(int, int)

    def __init__(self, workspace: Workspace, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curation_panel")
        self.workspace = workspace
        self.project = workspace.project
        workspace.changed.connect(self._changed)
        self.doc_id: str | None = None
        self.curation: Curation | None = None
        self.title = QtWidgets.QLabel(objectName="curation_title")
        self.title.setWordWrap(True)
        self.agreed_label = QtWidgets.QLabel(objectName="curation_agreed")
        self.agreed_label.setWordWrap(True)  # a long count never widens the dock (and window)
        self.accept_button = QtWidgets.QPushButton(objectName="curation_accept_agreed")
        self.model = DisagreementModel(self)
        self.view = QtWidgets.QTableView(objectName="curation_view")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 10)
        self.view.doubleClicked.connect(lambda _i: self.edit_current())
        self.versions = QtWidgets.QLabel(objectName="curation_versions")
        self.versions.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.versions.setWordWrap(True)
        self.versions.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop)
        self.versions.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.versions.setMinimumHeight(90)
        self.versions.setMargin(6)
        keys = QtWidgets.QLabel(
            self.tr("Keys: ↑↓ move · 1–9 pick a version · 0/Del none · E edit · A accept agreed"),
            objectName="curation_keys",
        )
        keys.setWordWrap(True)
        keys.setStyleSheet("color: palette(mid);")
        # The count above its button, not beside it: a narrow dock leaves the editor room.
        top = QtWidgets.QVBoxLayout()
        top.addWidget(self.agreed_label)
        top.addWidget(self.accept_button, 0, QtCore.Qt.AlignmentFlag.AlignLeading)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.versions)
        layout.addWidget(keys)
        self.actions_by_name: dict[str, QtGui.QAction] = {}
        self._make_actions()
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)

    def _make_actions(self) -> None:
        def act(name: str, slot: Callable[[], object]) -> None:
            self.actions_by_name[name] = make_action(self, name, slot)

        act("curate_accept_agreed", self.accept_agreed)
        act("curate_reject", lambda: self.settle_current(None))
        act("curate_edit", self.edit_current)
        for key in range(1, 10):
            act(f"curate_pick_{key}", partial(self.pick, key))
        self.accept_button.setText(self.tr("Accept all agreed (A)"))
        self.accept_button.clicked.connect(self.accept_agreed)
        read_only = self.project.read_only
        for action in self.actions_by_name.values():
            action.setEnabled(not read_only)
        self.accept_button.setEnabled(not read_only)

    # -- showing -----------------------------------------------------------
    def show_document(self, doc_id: str | None) -> None:
        """Curate this document (keeps the selected row when it is the same one)."""
        # No row selected yet counts as the first one: the versions box is never left empty.
        row = max(0, self.current_row()) if doc_id == self.doc_id else 0
        self.doc_id = doc_id
        if doc_id is None:
            self.curation = None
            self.model.reset("", None, [])
            self.title.setText(self.tr("No document open."))
            self.agreed_label.setText("")
            self.versions.setText("")
            return
        try:
            self.curation = curate(self.project, doc_id)
            gold = self.project.layer(doc_id, GOLD).spans()
        except TawsimError as exc:
            self.curation = None
            self.model.reset("", None, [])
            self.title.setText(self.tr("Cannot curate this document: {error}").format(error=exc))
            return
        info = self.project.document(doc_id)
        self.model.reset(self.project.text(doc_id), self.curation, gold)
        names = ", ".join(self.curation.annotators) or self.tr("nobody yet")
        self.title.setText(
            self.tr("<b>{title}</b><br>Annotators who worked on it: {names}").format(
                title=info.title.replace("<", "&lt;"), names=names
            )
        )
        self._show_agreed(gold)
        if self.model.rowCount():
            # Not selectRow: in a right-to-left view not laid out yet it finds no column
            # (it looks at the viewport's right edge) and selects nothing.
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        else:
            self.versions.setText(self.tr("No disagreements in this document."))
        self.view.resizeColumnsToContents()

    def _show_agreed(self, gold: list[Span]) -> None:
        assert self.curation is not None
        have = {s.key for s in gold}
        agreed = self.curation.agreed
        in_gold = sum(1 for k in agreed if k in have)
        self.agreed_label.setText(
            self.tr("Agreed: %n span(s)", "", len(agreed))
            + " · "
            + self.tr("%n in gold", "", in_gold)
            + " · "
            + self.tr("%n disagreement(s)", "", len(self.curation.disagreements))
        )

    def refresh(self) -> None:
        """Re-read the document's layers (after a change in gold or on disk)."""
        self.show_document(self.doc_id)

    def _changed(self, change: Change) -> None:
        if self.doc_id is not None and self.isVisible() and change.touches(self.doc_id):
            self.refresh()

    def current_row(self) -> int:
        """The selected disagreement's row (-1 for none)."""
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def current_group(self) -> Disagreement | None:
        """The selected disagreement."""
        row = self.current_row()
        groups = self.model.groups
        return groups[row] if 0 <= row < len(groups) else None

    def _row_changed(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        group = self.current_group()
        if group is None:
            self.versions.setText("")
            return
        text = self.model.text
        lines = []
        for n, (start, end, label) in enumerate(group.options, 1):
            who = [
                a
                for a, spans in group.versions.items()
                if (start, end, label) in {s.key for s in spans}
            ]
            surface = text[start:end].replace("\n", " ")
            lines.append(f"{n}   {label}  «{surface}»   — {', '.join(who)}")
        lines.append(self.tr("0   no span in gold"))
        self.versions.setText("\n".join(lines))
        self.region_selected.emit(group.start, group.end)

    # -- settling ----------------------------------------------------------
    def _push(self, text: str, action: Callable[[], object]) -> None:
        if self.doc_id is None or self.project.read_only:
            return
        command = GoldCommand(self.workspace, self.doc_id, text, action)
        self.workspace.session(self.doc_id).stack.push(command)

    def accept_agreed(self) -> None:
        """Write every agreed span into gold, in one undoable step."""
        if self.doc_id is None or self.curation is None:
            return
        doc_id = self.doc_id
        annotators = list(self.curation.annotators)
        self._push(
            self.tr("Accept agreed spans into gold"),
            lambda: accept_agreed(self.project, doc_id, annotators),
        )

    def pick(self, number: int) -> None:
        """Settle the selected disagreement with its version number (1-based)."""
        group = self.current_group()
        if group is None or not 1 <= number <= len(group.options):
            return
        self.settle_current(group.options[number - 1])

    def settle_current(self, choice: tuple[int, int, str] | None) -> None:
        """Settle the selected disagreement in gold, then move to the next one."""
        group = self.current_group()
        if group is None or self.doc_id is None:
            return
        doc_id = self.doc_id
        text = (
            self.tr("Settle a disagreement: {label}").format(label=choice[2])
            if choice
            else self.tr("Settle a disagreement: none")
        )
        self._push(text, lambda: settle(self.project, doc_id, group, choice))
        row = self.current_row()
        if row + 1 < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row + 1, 0))

    def edit_current(self) -> EditVersionDialog | None:
        """Edit the selected disagreement's first version (or its gold span) for gold."""
        group = self.current_group()
        if group is None or self.project.read_only:
            return None
        gold = [s for s in self.model.gold if s.overlaps(group.start, group.end)]
        first = gold[0].key if gold else group.options[0]
        dialog = EditVersionDialog(self.model.text, group, first, self.project.labels, self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.settle_current(dialog.choice()))
        dialog.open()
        return dialog
