"""The dashboard's QPainter charts: axis ticks, and what a figure paints."""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from gui.teams.charts import BarFigure, ChartCanvas, HeatFigure, Series, nice_top, viridis


def _render(figure, width: int = 400, height: int = 300) -> QtGui.QImage:  # type: ignore[no-untyped-def]
    canvas = ChartCanvas()
    canvas.set_figure(figure)
    image = QtGui.QImage(width, height, QtGui.QImage.Format.Format_ARGB32)
    painter = QtGui.QPainter(image)
    canvas.draw(painter, QtCore.QSizeF(width, height))
    painter.end()
    return image


def _share(image: QtGui.QImage, colour: str) -> float:
    """The share of pixels of exactly this colour."""
    want = QtGui.QColor(colour).rgb()
    hits = sum(
        image.pixel(x, y) == want
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
    return hits / ((image.width() // 2) * (image.height() // 2))


def test_nice_axis_tops() -> None:
    assert nice_top(3) == (3.0, 1.0)
    assert nice_top(7) == (8.0, 2.0)
    assert nice_top(100) == (100.0, 20.0)
    assert nice_top(0) == (1.0, 0.2)


def test_bars_are_as_tall_as_their_values(qapp) -> None:  # type: ignore[no-untyped-def]
    tall = BarFigure(categories=["A"], series=[Series("x", QtGui.QColor("#4477AA"), [4.0])])
    short = BarFigure(
        categories=["A", "B"],
        series=[Series("x", QtGui.QColor("#4477AA"), [1.0, 0.0])],
        y_top=4.0,
    )
    a, b = _share(_render(tall), "#4477AA"), _share(_render(short), "#4477AA")
    assert a > 0.2  # one bar reaching the top fills much of the plot
    assert 0 < b < a / 4  # a quarter as tall and half as wide


def test_heatmap_colours_follow_the_values(qapp) -> None:  # type: ignore[no-untyped-def]
    image = _render(HeatFigure(names=["a", "b"], matrix=[[1.0, 0.0], [0.0, 1.0]]))
    assert _share(image, viridis(1.0).name()) > 0.1
    assert _share(image, viridis(0.0).name()) > 0.1


def test_the_dashboard_needs_no_plotting_library() -> None:
    """pyqtgraph and numpy took half a second to import: the dashboard loads without them."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys, gui.teams.dashboard; print(sorted({'pyqtgraph', 'numpy'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_day_labels_never_overlap() -> None:
    from gui.teams.charts import spaced

    assert spaced([0, 50, 100, 150, 200], 90) == [0, 2, 4]  # the last day always shown
    assert spaced([0, 10, 300], 90) == [1, 2]  # days bunched together share one label
    assert spaced([], 90) == []
