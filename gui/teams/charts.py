"""The dashboard's charts, painted with QPainter: bars, lines over days, a heatmap.

pyqtgraph (with numpy) took about half a second to import, which made the
dashboard miss its 500 ms; these four simple charts need only Qt. A figure is
plain data plus a ``paint(painter, rect)``, so the same drawing goes to the
screen, to a PNG (QImage) and to an SVG (QSvgGenerator).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from pathlib import Path

from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from gui.i18n import digits_in, number

INK = QtGui.QColor("#222222")
AXIS = QtGui.QColor("#444444")
GRID = QtGui.QColor("#e4e4e4")
MUTED = QtGui.QColor("#666666")
#: viridis at five stops (the heatmap's colour scale, 0 to 1)
VIRIDIS = ("#440154", "#3b528b", "#21918c", "#5ec962", "#fde725")


def nice_top(value: float) -> tuple[float, float]:
    """An axis top at or above ``value`` and a tick step (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0, 0.2
    raw = value / 5
    power = 10 ** math.floor(math.log10(raw))
    step = next(s * power for s in (1, 2, 5, 10) if s * power >= raw)
    return step * math.ceil(value / step - 1e-9), step


def tick_text(value: float, step: float) -> str:
    """A tick label: no decimals for whole steps."""
    decimals = 0 if step >= 1 else max(0, -math.floor(math.log10(step)))
    return number(value, decimals)


def viridis(value: float) -> QtGui.QColor:
    """The colour of a value between 0 and 1 on the viridis scale."""
    value = min(1.0, max(0.0, value)) * (len(VIRIDIS) - 1)
    low = int(math.floor(value))
    high = min(low + 1, len(VIRIDIS) - 1)
    a, b = QtGui.QColor(VIRIDIS[low]), QtGui.QColor(VIRIDIS[high])
    t = value - low
    return QtGui.QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


@dataclass
class Series:
    """One annotator's (or recommender's) values, in one colour."""

    name: str
    colour: QtGui.QColor
    values: list[float] = field(default_factory=list)
    #: (x, y) points, for lines
    points: list[tuple[float, float]] = field(default_factory=list)


class Figure:
    """Something a chart paints into a rectangle."""

    def paint(self, painter: QtGui.QPainter, rect: QtCore.QRectF) -> None:
        """Draw the figure into rect."""
        raise NotImplementedError


@dataclass
class MessageFigure(Figure):
    """A line saying there is nothing to draw yet."""

    text: str

    def paint(self, painter: QtGui.QPainter, rect: QtCore.QRectF) -> None:
        painter.setPen(MUTED)
        flags = QtCore.Qt.AlignmentFlag.AlignCenter | QtCore.Qt.TextFlag.TextWordWrap
        painter.drawText(rect, int(flags), self.text)


@dataclass
class AxesFigure(Figure):
    """A figure with a value axis on the left, categories or days along the bottom."""

    y_label: str = ""
    y_top: float | None = None  # fixed top of the value axis, else from the data
    legend: list[Series] = field(default_factory=list)
    legend_left: bool = False

    def _top(self) -> float:
        raise NotImplementedError

    def _plot_rect(self, painter: QtGui.QPainter, rect: QtCore.QRectF) -> QtCore.QRectF:
        metrics = painter.fontMetrics()
        top, step = nice_top(self.y_top or self._top())
        widest = max(
            metrics.horizontalAdvance(tick_text(step * i, step))
            for i in range(int(round(top / step)) + 1)
        )
        left = widest + 10 + (metrics.height() + 4 if self.y_label else 0)
        bottom = metrics.height() * 1.6 + 6
        return rect.adjusted(left, metrics.height() * 0.6 + 4, -12, -bottom)

    def _value_axis(
        self, painter: QtGui.QPainter, rect: QtCore.QRectF, plot: QtCore.QRectF
    ) -> float:
        """Draw the grid, ticks and label; return the axis top."""
        metrics = painter.fontMetrics()
        top, step = nice_top(self.y_top or self._top())
        ticks = int(round(top / step))
        for i in range(ticks + 1):
            value = step * i
            y = plot.bottom() - plot.height() * value / top
            painter.setPen(QtGui.QPen(GRID, 1))
            if i:
                painter.drawLine(QtCore.QPointF(plot.left(), y), QtCore.QPointF(plot.right(), y))
            painter.setPen(INK)
            text = tick_text(value, step)
            box = QtCore.QRectF(
                plot.left() - 200 - 6, y - metrics.height() / 2, 200, metrics.height()
            )
            painter.drawText(
                box,
                int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter),
                text,
            )
        painter.setPen(QtGui.QPen(AXIS, 1))
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        if self.y_label:
            painter.save()
            painter.setPen(INK)
            painter.translate(rect.left() + metrics.height() / 2 + 1, plot.center().y())
            painter.rotate(-90)
            width = plot.height()
            painter.drawText(
                QtCore.QRectF(-width / 2, -metrics.height() / 2, width, metrics.height()),
                int(QtCore.Qt.AlignmentFlag.AlignCenter),
                self.y_label,
            )
            painter.restore()
        return top

    def _bottom_label(
        self, painter: QtGui.QPainter, plot: QtCore.QRectF, x: float, width: float, text: str
    ) -> None:
        metrics = painter.fontMetrics()
        shown = metrics.elidedText(text, QtCore.Qt.TextElideMode.ElideMiddle, int(width))
        box = QtCore.QRectF(x - width / 2, plot.bottom() + 4, width, metrics.height() + 2)
        painter.setPen(INK)
        painter.drawText(box, int(QtCore.Qt.AlignmentFlag.AlignHCenter), shown)

    def _legend(self, painter: QtGui.QPainter, plot: QtCore.QRectF) -> None:
        if not self.legend:
            return
        metrics = painter.fontMetrics()
        line = metrics.height() + 4
        width = max(metrics.horizontalAdvance(s.name) for s in self.legend) + 34
        height = line * len(self.legend) + 8
        x = plot.left() + 10 if self.legend_left else plot.right() - width - 10
        box = QtCore.QRectF(x, plot.top() + 8, width, height)
        painter.setPen(QtGui.QPen(QtGui.QColor("#bbbbbb"), 1))
        painter.setBrush(QtGui.QColor(255, 255, 255, 225))
        painter.drawRect(box)
        for i, series in enumerate(self.legend):
            y = box.top() + 4 + i * line
            painter.setPen(QtGui.QPen(QtGui.QColor("#333333"), 1))
            painter.setBrush(series.colour)
            painter.drawRect(QtCore.QRectF(box.left() + 8, y + line / 2 - 6, 14, 12))
            painter.setPen(INK)
            painter.drawText(
                QtCore.QRectF(box.left() + 28, y, width - 30, line),
                int(QtCore.Qt.AlignmentFlag.AlignVCenter),
                series.name,
            )


@dataclass
class BarFigure(AxesFigure):
    """Grouped bars: one group per category, one bar per series (notes above single bars)."""

    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def _top(self) -> float:
        return max((v for s in self.series for v in s.values), default=0.0)

    def paint(self, painter: QtGui.QPainter, rect: QtCore.QRectF) -> None:
        plot = self._plot_rect(painter, rect)
        if self.notes:  # room for the notes above the tallest bars
            plot.setTop(plot.top() + painter.fontMetrics().height() + 4)
        top = self._value_axis(painter, rect, plot)
        groups = max(1, len(self.categories))
        slot = plot.width() / groups
        bar = slot * 0.8 / max(1, len(self.series))
        for g, category in enumerate(self.categories):
            left = plot.left() + slot * g + slot * 0.1
            for k, series in enumerate(self.series):
                value = series.values[g] if g < len(series.values) else 0.0
                height = plot.height() * min(value, top) / top
                box = QtCore.QRectF(left + bar * k, plot.bottom() - height, bar, height)
                painter.setPen(QtGui.QPen(QtGui.QColor("#333333"), 1))
                painter.setBrush(series.colour)
                painter.drawRect(box)
                if g < len(self.notes) and len(self.series) == 1:
                    metrics = painter.fontMetrics()
                    painter.setPen(INK)
                    painter.drawText(
                        QtCore.QRectF(
                            box.center().x() - slot / 2,
                            box.top() - metrics.height() - 2,
                            slot,
                            metrics.height(),
                        ),
                        int(QtCore.Qt.AlignmentFlag.AlignHCenter),
                        self.notes[g],
                    )
            self._bottom_label(painter, plot, plot.left() + slot * (g + 0.5), slot, category)
        self._legend(painter, plot)


@dataclass
class LineFigure(AxesFigure):
    """Lines over days: x is a date's ordinal, one labelled tick per day with data."""

    series: list[Series] = field(default_factory=list)

    def _top(self) -> float:
        return max((y for s in self.series for _x, y in s.points), default=0.0)

    def paint(self, painter: QtGui.QPainter, rect: QtCore.QRectF) -> None:
        plot = self._plot_rect(painter, rect)
        top = self._value_axis(painter, rect, plot)
        days = sorted({x for s in self.series for x, _y in s.points})
        if not days:
            return
        first, last = days[0], days[-1]
        span = max(1.0, last - first)
        inner = plot.adjusted(24, 0, -24, 0)  # a single day sits in the middle, never on an edge

        def at(x: float, y: float) -> QtCore.QPointF:
            fx = 0.5 if last == first else (x - first) / span
            return QtCore.QPointF(
                inner.left() + inner.width() * fx, plot.bottom() - plot.height() * y / top
            )

        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, True)
        for series in self.series:
            points = [at(x, y) for x, y in series.points]
            painter.setPen(QtGui.QPen(series.colour, 2))
            painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
            painter.drawPolyline(points)
            painter.setBrush(series.colour)
            for point in points:
                painter.drawEllipse(point, 3.5, 3.5)
        painter.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing, False)
        metrics = painter.fontMetrics()
        label_width = metrics.horizontalAdvance("0000-00-00") + 12
        xs = [at(day, 0).x() for day in days]
        for i in spaced(xs, label_width):
            text = number_date(dt.date.fromordinal(int(days[i])))
            self._bottom_label(painter, plot, xs[i], label_width, text)
        self._legend(painter, plot)


def spaced(xs: list[float], gap: float) -> list[int]:
    """Which of these label positions (ascending) to use so that none overlap.

    The last one is always used (the latest day); earlier ones when at least
    ``gap`` from the one used after them.
    """
    chosen: list[int] = []
    for i in range(len(xs) - 1, -1, -1):
        if not chosen or xs[chosen[-1]] - xs[i] >= gap:
            chosen.append(i)
    return chosen[::-1]


def number_date(day: dt.date) -> str:
    """A day as the interface shows it (ISO order, the chosen digits)."""
    text = day.isoformat()
    shown = digits_in(text)
    # Arabic-Indic digits around a hyphen are laid out right to left (the hyphen is a
    # neutral between them); a slash joins them into one number-like run.
    return shown if shown == text else shown.replace("-", "/")


@dataclass
class HeatFigure(Figure):
    """A square matrix of values between 0 and 1, each cell coloured and numbered."""

    names: list[str] = field(default_factory=list)
    matrix: list[list[float | None]] = field(default_factory=list)

    def paint(self, painter: QtGui.QPainter, rect: QtCore.QRectF) -> None:
        metrics = painter.fontMetrics()
        n = len(self.names)
        if not n:
            return
        left = max(metrics.horizontalAdvance(name) for name in self.names) + 10
        plot = rect.adjusted(left, 4, -12, -(metrics.height() * 1.6 + 6))
        cell_w, cell_h = plot.width() / n, plot.height() / n
        font = QtGui.QFont(painter.font())
        font.setBold(True)
        font.setPointSizeF(max(font.pointSizeF(), 1.0) * 1.2)
        for i in range(n):
            for j in range(n):
                value = self.matrix[i][j]
                box = QtCore.QRectF(
                    plot.left() + j * cell_w, plot.top() + i * cell_h, cell_w, cell_h
                )
                painter.fillRect(box, QtGui.QColor("#bbbbbb") if value is None else viridis(value))
                dark = value is None or value < 0.6
                painter.save()
                painter.setFont(font)
                painter.setPen(QtGui.QColor("#ffffff" if dark else "#000000"))
                shown = "—" if value is None else number(value, 2)
                painter.drawText(box, int(QtCore.Qt.AlignmentFlag.AlignCenter), shown)
                painter.restore()
        painter.setPen(INK)
        for i, name in enumerate(self.names):
            row = QtCore.QRectF(rect.left(), plot.top() + i * cell_h, left - 6, cell_h)
            painter.drawText(
                row,
                int(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            column = QtCore.QRectF(
                plot.left() + i * cell_w, plot.bottom() + 4, cell_w, metrics.height() + 2
            )
            painter.drawText(column, int(QtCore.Qt.AlignmentFlag.AlignHCenter), name)
        painter.setPen(QtGui.QPen(AXIS, 1))
        painter.setBrush(QtCore.Qt.BrushStyle.NoBrush)
        painter.drawRect(plot)


class ChartCanvas(QtWidgets.QWidget):
    """Paints a figure on white."""

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure: Figure | None = None
        self.setMinimumSize(160, 120)
        # Axes read left to right in both interfaces (numbers grow to the right).
        self.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)
        policy = QtWidgets.QSizePolicy.Policy.Expanding
        self.setSizePolicy(policy, policy)

    def set_figure(self, figure: Figure | None) -> None:
        """Show a figure (None: blank)."""
        self.figure = figure
        self.update()

    def draw(self, painter: QtGui.QPainter, size: QtCore.QSizeF) -> None:
        """Paint the background and the figure into a surface of this size."""
        rect = QtCore.QRectF(QtCore.QPointF(0, 0), size)
        painter.fillRect(rect, QtGui.QColor("white"))
        painter.setFont(self.font())
        # An image or SVG painter takes the application's direction (right to left in the
        # Arabic interface), which would swap the alignments the axes rely on.
        painter.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)
        if self.figure is not None:
            self.figure.paint(painter, rect.adjusted(6, 6, -6, -6))

    def paintEvent(self, _event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self)
        try:
            self.draw(painter, QtCore.QSizeF(self.size()))
        finally:
            painter.end()


class Chart(QtWidgets.QGroupBox):
    """A titled chart with a Save button (PNG or SVG)."""

    def __init__(self, name: str, title: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(f"chart_{name}")
        self.name = name
        self.canvas = ChartCanvas(self)
        self.canvas.setObjectName(f"canvas_{name}")
        self.save_button = QtWidgets.QToolButton(objectName=f"save_{name}")
        self.save_button.setText(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save this chart as PNG or SVG"))
        self.save_button.clicked.connect(self.ask_save)
        self.tools = QtWidgets.QHBoxLayout()
        self.tools.addStretch(1)
        self.tools.addWidget(self.save_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self.tools)
        layout.addWidget(self.canvas, 1)

    @property
    def figure(self) -> Figure | None:
        """What the chart shows."""
        return self.canvas.figure

    def show_figure(self, figure: Figure) -> None:
        """Draw this figure."""
        self.canvas.set_figure(figure)

    def empty(self, message: str) -> None:
        """Say that there is nothing to draw yet."""
        self.canvas.set_figure(MessageFigure(message))

    def ask_save(self) -> None:
        """Ask where to save the chart, as PNG or SVG."""
        png, svg = self.tr("PNG image (*.png)"), self.tr("SVG image (*.svg)")
        path, chosen = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Save chart"), f"{self.name}.png", f"{png};;{svg}"
        )
        if not path:
            return
        if not Path(path).suffix:
            path += ".svg" if chosen == svg else ".png"
        try:
            self.save(Path(path))
        except OSError as exc:
            QtWidgets.QMessageBox.warning(self, self.tr("Save chart"), str(exc))

    def _export_size(self) -> QtCore.QSizeF:
        size = QtCore.QSizeF(self.canvas.size())
        if size.width() < 800:  # an image worth keeping even from a small window
            size = QtCore.QSizeF(800, 800 * size.height() / max(1.0, size.width()))
        return size

    def save(self, path: Path) -> None:
        """Write the chart to path; SVG for a .svg name, PNG otherwise."""
        size = self._export_size()
        painter = QtGui.QPainter()
        if path.suffix.lower() == ".svg":
            device: QtGui.QPaintDevice = QtSvg.QSvgGenerator()
            assert isinstance(device, QtSvg.QSvgGenerator)
            device.setFileName(str(path))
            device.setSize(size.toSize())
            device.setViewBox(QtCore.QRectF(QtCore.QPointF(0, 0), size))
            device.setTitle(self.title())
        else:
            device = QtGui.QImage(size.toSize(), QtGui.QImage.Format.Format_ARGB32)
        if not painter.begin(device):
            raise OSError(self.tr("Cannot write {path}").format(path=path))
        try:
            self.canvas.draw(painter, size)
        finally:
            painter.end()
        if isinstance(device, QtGui.QImage) and not device.save(str(path), "PNG"):
            raise OSError(self.tr("Cannot write {path}").format(path=path))
