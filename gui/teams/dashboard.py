"""The statistics dashboard: four charts over figures from core.stats.

The figures are computed in a worker on a read-only copy of the project (its
own caches, so nothing is shared with the UI thread); the charts only draw
them, with QPainter (gui/teams/charts.py). Each chart can be saved as PNG or SVG.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets

from core.agreement import project_agreement
from core.stats import METRICS, ProjectStats, agreement_matrix, project_stats
from core.store import Project
from gui.i18n import number
from gui.teams.charts import BarFigure, Chart, HeatFigure, LineFigure, Series
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
    def _draw_labels(self) -> None:
        chart, stats = self.labels_chart, self.stats
        assert stats is not None
        names = [a for a in stats.annotators if sum(stats.label_counts.get(a, {}).values())]
        if not names:
            chart.empty(self.tr("No accepted spans yet"))
            return
        series = [
            Series(
                name,
                annotator_colour(k),
                [float(stats.label_counts[name].get(lb, 0)) for lb in stats.labels],
            )
            for k, name in enumerate(names)
        ]
        chart.show_figure(
            BarFigure(
                y_label=self.tr("spans"),
                legend=series,
                categories=list(stats.labels),
                series=series,
            )
        )

    def _draw_progress(self) -> None:
        chart, stats = self.progress_chart, self.stats
        assert stats is not None
        series = [
            Series(
                name,
                annotator_colour(k),
                points=[(float(day.toordinal()), float(n)) for day, n in stats.progress[name]],
            )
            for k, name in enumerate(stats.annotators)
            if stats.progress.get(name)
        ]
        if not series:
            chart.empty(self.tr("No accepted spans yet"))
            return
        # Top left: the lines rise to the right.
        chart.show_figure(
            LineFigure(
                y_label=self.tr("accepted spans"), legend=series, legend_left=True, series=series
            )
        )

    def _draw_agreement(self) -> None:
        chart, report = self.agreement_chart, self.report
        if report is None:
            return
        metric = self.metric.currentData() or "kappa"
        names, matrix = agreement_matrix(report, metric)
        if len(names) < 2:
            chart.empty(self.tr("Agreement needs two annotators on the same document"))
            return
        chart.show_figure(HeatFigure(names=names, matrix=matrix))

    def _draw_acceptance(self) -> None:
        chart, stats = self.acceptance_chart, self.stats
        assert stats is not None
        rows = [(name, a) for name, a in stats.acceptance.items() if a.rate is not None]
        if not rows:
            chart.empty(self.tr("No suggestion has been accepted or rejected yet"))
            return
        rates = [100 * (a.rate or 0.0) for _, a in rows]
        notes = [
            f"{number(round(rate))}%  ({number(a.accepted)}/{number(a.accepted + a.rejected)})"
            for rate, (_name, a) in zip(rates, rows, strict=True)
        ]
        chart.show_figure(
            BarFigure(
                y_label=self.tr("accepted (%)"),
                y_top=100.0,
                categories=[name for name, _ in rows],
                series=[Series("", QtGui.QColor("#4477AA"), rates)],
                notes=notes,
            )
        )
