"""The document list at scale: filter by status, sort by title and status, title search.

    python bench/scale_list.py /tmp/tawsim-scale/100000 [--runs 3]

Runs the real DocumentListModel (offscreen) on a read-only project and prints
JSON: the median seconds of each operation, the first status filter (which
reads the summary cache) apart from the later ones. bench/scale.py runs it
for every size.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(folder: Path, runs: int, annotator: str = "sara") -> dict[str, float]:
    """Seconds of each list operation on folder (medians of runs)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtCore, QtWidgets

    from core.store import Project
    from gui.models.documents import DocumentListModel

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    assert app is not None
    figures: dict[str, list[float]] = {}
    with Project.open(folder, annotator=annotator, read_only=True) as project:
        model = DocumentListModel(project)

        def timed(name: str, call: Callable[[], object]) -> None:
            t0 = time.perf_counter()
            call()
            figures.setdefault(name, []).append(time.perf_counter() - t0)

        descending = QtCore.Qt.SortOrder.DescendingOrder
        timed("list: first status filter (reads the summaries)", lambda: model.set_status("done"))
        model.set_status("")
        for _ in range(runs):
            timed("list: filter by status", lambda: model.set_status("done"))
            model.set_status("")
            timed("list: sort by title", lambda: model.sort(0))
            timed("list: sort by status", lambda: model.sort(1, descending))
            model.sort(-1)
            timed("list: title search", lambda: model.set_search("خبر 12"))
            model.set_search("")
    return {name: statistics.median(values) for name, values in figures.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the figures of one project as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.folder, args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
