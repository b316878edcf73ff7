"""Compare mode: another annotator's layer drawn over the editor, disagreements marked.

The other layer is drawn as coloured outlines (its label's colour) and each
disagreement gets a red wavy underline; both are extra selections that change
no font property, so the text stays one shaped run and Arabic letters stay
joined. The editor keeps editing only the current annotator's layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6 import QtCore, QtGui, QtWidgets

from core.curation import GOLD
from core.errors import TawsimError
from core.model import Span
from gui.widgets.editor import AnnotationEditor
from gui.workspace import Workspace

DISAGREEMENT_COLOUR = "#D00000"


@dataclass
class Region:
    """Overlapping spans on which two layers differ (a span on one side, or another label)."""

    start: int
    end: int
    mine: list[Span] = field(default_factory=list)
    theirs: list[Span] = field(default_factory=list)


def compare_layers(mine: Sequence[Span], theirs: Sequence[Span]) -> list[Region]:
    """The regions where two layers' accepted spans differ, in reading order."""
    mine = [s for s in mine if s.status == "accepted"]
    theirs = [s for s in theirs if s.status == "accepted"]
    my_keys = {s.key for s in mine}
    their_keys = {s.key for s in theirs}
    rest = [(True, s) for s in mine if s.key not in their_keys]
    rest += [(False, s) for s in theirs if s.key not in my_keys]
    rest.sort(key=lambda item: (item[1].start, -item[1].end))
    regions: list[Region] = []
    for is_mine, span in rest:
        if regions and span.start < regions[-1].end:
            region = regions[-1]
            region.end = max(region.end, span.end)
        else:
            region = Region(span.start, span.end)
            regions.append(region)
        (region.mine if is_mine else region.theirs).append(span)
    return regions


class CompareBar(QtWidgets.QFrame):
    """The strip above the editor in compare mode: whom to compare with, and the count."""

    other_changed = QtCore.Signal(str)
    closed = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare_bar")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.chooser = QtWidgets.QComboBox(objectName="compare_chooser")
        self.chooser.currentIndexChanged.connect(
            lambda _i: self.other_changed.emit(self.chooser.currentData() or "")
        )
        self.count = QtWidgets.QLabel(objectName="compare_count")
        self.detail = QtWidgets.QLabel(objectName="compare_detail")
        self.detail.setTextFormat(QtCore.Qt.TextFormat.PlainText)
        self.prev_button = QtWidgets.QToolButton(objectName="compare_prev")
        self.next_button = QtWidgets.QToolButton(objectName="compare_next")
        close = QtWidgets.QToolButton(objectName="compare_close")
        close.setText("✕")
        close.setToolTip(self.tr("Leave compare mode"))
        close.setAutoRaise(True)
        close.clicked.connect(self.closed)
        legend = QtWidgets.QLabel(
            self.tr("Outlined: the other layer · red wave: a disagreement"),
            objectName="compare_legend",
        )
        legend.setStyleSheet("color: palette(mid);")
        legend.setToolTip(legend.text())
        # The texts give way in a narrow window (clipped, whole in the tooltip): the
        # bar sits above the editor, so its width would otherwise widen the window.
        Policy = QtWidgets.QSizePolicy.Policy
        for label in (self.detail, legend, self.count):
            label.setSizePolicy(Policy.Ignored, Policy.Preferred)
        self.chooser.setSizeAdjustPolicy(
            QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(8)
        row = QtWidgets.QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        with_label = QtWidgets.QLabel(self.tr("Compare with:"))
        with_label.setSizePolicy(Policy.Ignored, Policy.Preferred)
        with_label.setMinimumWidth(with_label.fontMetrics().horizontalAdvance("…") * 3)
        row.addWidget(with_label)
        row.addWidget(self.chooser)
        row.addWidget(self.count)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.detail, 1)
        row.addWidget(legend)
        row.addWidget(close)

    def set_annotators(self, names: list[str], current: str) -> None:
        """Fill the chooser (gold included) without announcing a change."""
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for name in names:
            shown = self.tr("gold (adjudicated)") if name == GOLD else name
            self.chooser.addItem(shown, name)
        index = self.chooser.findData(current)
        self.chooser.setCurrentIndex(max(index, 0))
        self.chooser.blockSignals(False)


class CompareController(QtCore.QObject):
    """Keeps the overlay of another layer in step with the open document."""

    message = QtCore.Signal(str)

    def __init__(
        self,
        workspace: Workspace,
        editor: AnnotationEditor,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.project = workspace.project
        self.editor = editor
        self.bar = CompareBar()
        self.bar.hide()
        self.bar.other_changed.connect(self.set_other)
        self.enabled = False
        self.other = ""
        self.regions: list[Region] = []
        self.theirs: list[Span] = []

    # -- state -------------------------------------------------------------
    def candidates(self) -> list[str]:
        """Annotators whose layer can be compared: everyone else, and gold."""
        me = self.project.annotator
        names = [a for a in self.project.annotators() if a != me and a != GOLD]
        return names + ([GOLD] if me != GOLD else [])

    def set_enabled(self, on: bool) -> None:
        """Switch compare mode on or off."""
        self.enabled = on
        if on:
            names = self.candidates()
            if not self.other or self.other not in names:
                self.other = names[0] if names else ""
            self.bar.set_annotators(names, self.other)
        self.bar.setVisible(on)
        self.refresh()

    def set_other(self, name: str) -> None:
        """Compare with this annotator's layer."""
        self.other = name
        self.refresh()

    # -- drawing -----------------------------------------------------------
    def refresh(self) -> None:
        """Recompute the differences and redraw the overlay."""
        session = self.workspace.current
        if not self.enabled or not self.other or session is None:
            self.regions, self.theirs = [], []
            self.editor.set_overlay([])
            self._show_count()
            return
        try:
            self.theirs = self.project.layer(session.doc_id, self.other).spans(status="accepted")
        except TawsimError as exc:
            self.message.emit(self.tr("Cannot read that layer: {error}").format(error=exc))
            self.theirs = []
        self.regions = compare_layers(session.spans(), self.theirs)
        styles = self.editor.styles
        sels = []
        for span in self.theirs:
            sel = self.editor.range_selection(span.start, span.end)
            fmt = QtGui.QTextCharFormat()
            pen = QtGui.QPen(styles.colour(span.label).darker(150), 2)
            fmt.setProperty(QtGui.QTextFormat.Property.OutlinePen, pen)
            fmt.setToolTip(f"{self.other}: {span.label}")
            sel.format = fmt
            sels.append(sel)
        for region in self.regions:
            sel = self.editor.range_selection(region.start, region.end)
            fmt = QtGui.QTextCharFormat()
            fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QtGui.QColor(DISAGREEMENT_COLOUR))
            sel.format = fmt
            sels.append(sel)
        self.editor.set_overlay(sels)
        self._show_count()

    def _show_count(self) -> None:
        n = len(self.regions)
        self.bar.count.setText(self.tr("%n disagreement(s)", "", n))
        self.bar.count.setToolTip(self.bar.count.text())
        # At least the figure shows, however narrow the window.
        self.bar.count.setMinimumWidth(self.bar.count.fontMetrics().horizontalAdvance(f"{n}  …"))
        self.bar.detail.setText("")

    # -- navigation --------------------------------------------------------
    def step(self, direction: int) -> Region | None:
        """Select the next (+1) or previous (-1) disagreement after the caret."""
        if not self.enabled or not self.regions:
            return None
        selected = self.editor.selection_range()
        pos = selected[0] if selected else self.editor.caret()
        if direction > 0:
            following = [r for r in self.regions if r.start > pos]
            region = following[0] if following else self.regions[0]
        else:
            before = [r for r in self.regions if r.start < pos]
            region = before[-1] if before else self.regions[-1]
        self.editor.select_range(region.start, region.end)
        self.bar.detail.setText(self.describe(region))
        self.bar.detail.setToolTip(self.bar.detail.text())
        return region

    def describe(self, region: Region) -> str:
        """One line: each side's spans in the region."""
        text = self.editor.text

        def side(spans: list[Span]) -> str:
            if not spans:
                return self.tr("nothing")
            return ", ".join(f"{s.label} «{text[s.start : s.end]}»" for s in spans)

        me = self.project.annotator or "?"
        return f"{me}: {side(region.mine)}  ·  {self.other}: {side(region.theirs)}"
