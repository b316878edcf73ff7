"""The statistics dashboard: four pyqtgraph charts over figures from core.stats.

The figures are computed in a worker on a read-only copy of the project (its
own caches, so nothing is shared with the UI thread); the charts only draw
them. Each chart can be saved as PNG (pyqtgraph's exporter) or SVG (Qt's generator).
pyqtgraph is imported here only, when the dashboard is first opened.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pyqtgraph as pg
import pyqtgraph.exporters as pg_exporters
from PySide6 import QtCore, QtGui, QtSvg, QtWidgets

from core.agreement import project_agreement
from core.stats import METRICS, ProjectStats, agreement_matrix, project_stats
from core.store import Project
from gui.i18n import number
from gui.workspace import Op, Workspace

# Colour-blind-safe colours for annotators (Tol's bright scheme); labels keep their own.
ANNOTATOR_COLOURS = ("#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377", "#BBBBBB")


def annotator_colour(index: int) -> QtGui.QColor:
    """A stable colour per annotator position."""
    return QtGui.QColor(ANNOTATOR_COLOURS[index % len(ANNOTATOR_COLOURS)])


def compute(folder: Path) -> tuple[ProjectStats, Any]:
    """Stats and the agreement report, from a read-only copy of the project (worker side)."""
    with Project.open(folder, read_only=True) as copy:
        return project_stats(copy), project_agreement(copy)


class Chart(QtWidgets.QGroupBox):
    """A titled pyqtgraph plot with a Save button (PNG or SVG)."""

    def __init__(self, name: str, title: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.setObjectName(f"chart_{name}")
        self.name = name
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot = self.plot_widget.getPlotItem()
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        for axis in ("left", "bottom"):
            self.plot.getAxis(axis).setPen(pg.mkPen("#444444"))
            self.plot.getAxis(axis).setTextPen(pg.mkPen("#222222"))
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
        layout.addWidget(self.plot_widget, 1)

    def clear(self) -> None:
        """Remove everything drawn (and the legend)."""
        self.plot.clear()
        if self.plot.legend is not None:
            self.plot.legend.scene().removeItem(self.plot.legend)
            self.plot.legend = None

    def empty(self, message: str) -> None:
        """Say that there is nothing to draw yet."""
        self.clear()
        text = pg.TextItem(message, color="#666666", anchor=(0.5, 0.5))
        self.plot.addItem(text)
        text.setPos(0.5, 0.5)
        self.plot.getAxis("bottom").setTicks(None)
        self.plot.getAxis("left").setTicks(None)
        self.plot.setXRange(0, 1)
        self.plot.setYRange(0, 1)

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

    def save(self, path: Path) -> None:
        """Write the chart to path; SVG for a .svg name, PNG otherwise."""
        if path.suffix.lower() == ".svg":
            self._save_svg(path)
            return
        exporter = pg_exporters.ImageExporter(self.plot)
        exporter.parameters()["width"] = max(800, int(self.plot.sceneBoundingRect().width()))
        exporter.export(str(path))

    def _save_svg(self, path: Path) -> None:
        # pyqtgraph 0.14's SVGExporter cannot parse the paths Qt >= 6.10 writes
        # (pyqtgraph issue #3485), so the scene is drawn into Qt's SVG generator.
        source = self.plot.sceneBoundingRect()
        generator = QtSvg.QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(source.size().toSize())
        generator.setViewBox(QtCore.QRectF(0, 0, source.width(), source.height()))
        generator.setTitle(self.title())
        painter = QtGui.QPainter()
        if not painter.begin(generator):
            raise OSError(self.tr("Cannot write {path}").format(path=path))
        try:
            painter.fillRect(QtCore.QRectF(0, 0, source.width(), source.height()), "white")
            self.plot.scene().render(
                painter, QtCore.QRectF(0, 0, source.width(), source.height()), source
            )
        finally:
            painter.end()


def _bars(chart: Chart, xs: list[float], heights: list[float], width: float, colour: Any) -> Any:
    item = pg.BarGraphItem(
        x=xs, height=heights, width=width, brush=pg.mkBrush(colour), pen=pg.mkPen("#333333")
    )
    chart.plot.addItem(item)
    return item


class Dashboard(QtWidgets.QWidget):
    """Label distribution, progress, agreement heatmap and suggestion acceptance."""

    #: the figures were drawn (after a refresh)
    drawn = QtCore.Signal()

    def __init__(self, workspace: Workspace, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.workspace = workspace
        self.project = workspace.project
        self.stats: ProjectStats | None = None
        self.report: Any = None
        self.task: Op | None = None
        self._again = False
        self.labels_chart = Chart("labels", self.tr("Label distribution (accepted spans)"))
        self.progress_chart = Chart("progress", self.tr("Progress: accepted spans over time"))
        self.agreement_chart = Chart("agreement", self.tr("Agreement between annotators"))
        self.acceptance_chart = Chart(
            "acceptance", self.tr("Suggestions accepted, per recommender")
        )
        self.metric = QtWidgets.QComboBox(objectName="agreement_metric")
        for metric, text in zip(
            METRICS,
            (self.tr("Cohen's kappa (tokens)"), self.tr("Exact F1 (spans)"), self.tr("Overlap F1")),
            strict=True,
        ):
            self.metric.addItem(text, metric)
        self.metric.currentIndexChanged.connect(lambda _i: self._draw_agreement())
        self.agreement_chart.tools.insertWidget(0, self.metric)
        self.status = QtWidgets.QLabel(objectName="dashboard_status")
        refresh = QtWidgets.QPushButton(self.tr("Refresh"), objectName="dashboard_refresh")
        refresh.clicked.connect(self.refresh)
        grid = QtWidgets.QGridLayout()
        grid.addWidget(self.labels_chart, 0, 0)
        grid.addWidget(self.progress_chart, 0, 1)
        grid.addWidget(self.agreement_chart, 1, 0)
        grid.addWidget(self.acceptance_chart, 1, 1)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(refresh)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)

    @property
    def charts(self) -> list[Chart]:
        """The four charts."""
        return [self.labels_chart, self.progress_chart, self.agreement_chart, self.acceptance_chart]

    # -- data --------------------------------------------------------------
    def refresh(self) -> Op | None:
        """Compute the figures off the UI thread (a read-only operation), then draw them."""
        if self.task is not None:
            self._again = True
            return self.task
        self.status.setText(self.tr("Computing…"))
        folder = self.project.folder
        op = self.workspace.run_op(
            lambda _task: compute(folder),
            writes=False,
            label=self.tr("Computing statistics…"),
            done=self._arrived,
            failed=lambda message: self.status.setText(
                self.tr("Failed: {error}").format(error=message)
            ),
        )
        op.ended.connect(self._ended)
        self.task = op
        return op

    def _ended(self) -> None:
        self.task = None
        if self._again:
            self._again = False
            self.refresh()

    def cancel(self) -> None:
        """Drop a computation in progress."""
        if self.task is not None:
            self.task.cancel()

    def _arrived(self, result: tuple[ProjectStats, Any]) -> None:
        self.set_figures(*result)

    def set_figures(self, stats: ProjectStats, report: Any) -> None:
        """Draw these figures."""
        self.stats, self.report = stats, report
        alpha = report.alpha
        alpha_text = "—" if alpha is None else number(alpha, 2)
        coders = sorted({p.a for p in report.pairs} | {p.b for p in report.pairs})
        self.status.setText(
            self.tr("Krippendorff's alpha over {names}: {alpha}").format(
                names=", ".join(coders) or "—", alpha=alpha_text
            )
        )
        self._draw_labels()
        self._draw_progress()
        self._draw_agreement()
        self._draw_acceptance()
        self.drawn.emit()

    # -- charts ------------------------------------------------------------
    def _legend(self, chart: Chart, offset: tuple[int, int] = (-10, 10)) -> Any:
        legend = chart.plot.addLegend(offset=offset, labelTextColor="#222222")
        legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        return legend

    def _draw_labels(self) -> None:
        chart, stats = self.labels_chart, self.stats
        assert stats is not None
        names = [a for a in stats.annotators if sum(stats.label_counts.get(a, {}).values())]
        if not names:
            chart.empty(self.tr("No accepted spans yet"))
            return
        chart.clear()
        legend = self._legend(chart)
        labels = stats.labels
        width = 0.8 / len(names)
        for k, name in enumerate(names):
            counts = stats.label_counts[name]
            xs = [i - 0.4 + width * (k + 0.5) for i in range(len(labels))]
            item = _bars(
                chart, xs, [counts.get(lb, 0) for lb in labels], width, annotator_colour(k)
            )
            legend.addItem(item, name)
        chart.plot.getAxis("bottom").setTicks([list(enumerate(labels))])
        chart.plot.getAxis("left").setTicks(None)
        chart.plot.setLabel("left", self.tr("spans"))
        chart.plot.autoRange()

    def _draw_progress(self) -> None:
        chart, stats = self.progress_chart, self.stats
        assert stats is not None
        series = {a: p for a, p in stats.progress.items() if p}
        if not series:
            chart.empty(self.tr("No accepted spans yet"))
            return
        chart.clear()
        if not isinstance(chart.plot.getAxis("bottom"), pg.DateAxisItem):
            chart.plot.setAxisItems({"bottom": pg.DateAxisItem()})
            chart.plot.getAxis("bottom").setPen(pg.mkPen("#444444"))
            chart.plot.getAxis("bottom").setTextPen(pg.mkPen("#222222"))
        legend = self._legend(chart, (10, 10))  # top left: the lines rise to the right
        for k, name in enumerate(stats.annotators):
            points = series.get(name)
            if not points:
                continue
            xs = [dt.datetime.combine(day, dt.time(12)).timestamp() for day, _ in points]
            ys = [n for _, n in points]
            colour = annotator_colour(k)
            item = chart.plot.plot(
                xs,
                ys,
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolBrush=colour,
                symbolSize=7,
            )
            legend.addItem(item, name)
        chart.plot.setLabel("left", self.tr("accepted spans"))
        chart.plot.showGrid(x=False, y=True, alpha=0.2)
        chart.plot.autoRange()

    def _draw_agreement(self) -> None:
        chart, report = self.agreement_chart, self.report
        if report is None:
            return
        metric = self.metric.currentData() or "kappa"
        names, matrix = agreement_matrix(report, metric)
        if len(names) < 2:
            chart.empty(self.tr("Agreement needs two annotators on the same document"))
            return
        chart.clear()
        n = len(names)
        import numpy as np

        grid = np.array(
            [[math.nan if v is None else v for v in row] for row in matrix], dtype=float
        )
        cmap = pg.colormap.get("viridis")
        image = pg.ImageItem(grid, axisOrder="row-major", levels=(0.0, 1.0))
        image.setColorMap(cmap)
        image.setRect(QtCore.QRectF(0, 0, n, n))
        chart.plot.addItem(image)
        for i in range(n):
            for j in range(n):
                value = matrix[i][j]
                shown = "—" if value is None else number(value, 2)
                dark = value is None or value < 0.6
                text = pg.TextItem(shown, color="#FFFFFF" if dark else "#000000", anchor=(0.5, 0.5))
                font = text.textItem.font()
                font.setPointSize(12)
                font.setBold(True)
                text.setFont(font)
                text.setPos(j + 0.5, i + 0.5)
                chart.plot.addItem(text)
        ticks = [[(i + 0.5, name) for i, name in enumerate(names)]]
        chart.plot.getAxis("bottom").setTicks(ticks)
        chart.plot.getAxis("left").setTicks(ticks)
        chart.plot.setLabel("left", "")
        chart.plot.invertY(True)
        chart.plot.setAspectLocked(False)
        chart.plot.setXRange(0, n, padding=0)
        chart.plot.setYRange(0, n, padding=0)

    def _draw_acceptance(self) -> None:
        chart, stats = self.acceptance_chart, self.stats
        assert stats is not None
        rows = [(name, a) for name, a in stats.acceptance.items() if a.rate is not None]
        if not rows:
            chart.empty(self.tr("No suggestion has been accepted or rejected yet"))
            return
        chart.clear()
        xs = list(range(len(rows)))
        rates = [100 * (a.rate or 0.0) for _, a in rows]
        _bars(chart, xs, rates, 0.6, "#4477AA")
        for x, (_name, a) in zip(xs, rows, strict=True):
            label = pg.TextItem(
                f"{100 * (a.rate or 0):.0f}%  ({a.accepted}/{a.accepted + a.rejected})",
                color="#222222",
                anchor=(0.5, 1.0),
            )
            label.setPos(x, 100 * (a.rate or 0.0) + 2)
            chart.plot.addItem(label)
        chart.plot.getAxis("bottom").setTicks(
            [[(x, name) for x, (name, _) in zip(xs, rows, strict=True)]]
        )
        chart.plot.getAxis("left").setTicks(None)
        chart.plot.setLabel("left", self.tr("accepted (%)"))
        chart.plot.setXRange(-0.6, len(rows) - 0.4, padding=0)
        chart.plot.setYRange(0, 112, padding=0)
