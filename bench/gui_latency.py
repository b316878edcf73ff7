"""GUI latency, offscreen: open a 200,000-character document with 5,000 spans, accept, Tab.

    python bench/gui_latency.py [--runs N]

Prints medians (ms) for:
- open: MainWindow.open_document until the editor has painted (interactive);
- accept: Enter on a current suggestion until the view is updated and the
  layer file is durably written (the store writes synchronously);
- tab: Tab to the next span until the view is updated;
- dashboard complete: the statistics window's first open on the sample
  project until its charts are drawn: the first in the process (its modules
  imported), and the median over fresh windows.

Each figure is also printed as a ratio to the same run's baseline (a fixed
pure-Python workload timed between the sections), so figures taken on a busy
machine can be compared with figures taken on a quiet one.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TAWSIM_DATA_DIR", tempfile.mkdtemp(prefix="tawsim-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import QtCore, QtTest, QtWidgets  # noqa: E402

from core.model import Span  # noqa: E402
from core.settings import sample_text_path  # noqa: E402
from core.store import Project  # noqa: E402
from core.text import clean_imported_text, tokenize  # noqa: E402

TARGET_CHARS = 200_000
TARGET_SPANS = 5_000


def baseline_once() -> float:
    """Seconds for a fixed pure-Python workload (sorting and summing 200,000 numbers)."""
    t0 = time.perf_counter()
    values = [(i * 7919) % 200_003 for i in range(200_000)]
    values.sort()
    sum(values)
    return time.perf_counter() - t0


def build_project(folder: Path) -> tuple[Project, str]:
    """A project with one 200,000-character document holding 5,000 spans."""
    base = clean_imported_text(sample_text_path().read_text(encoding="utf-8"))
    text = (base + "\n\n") * (TARGET_CHARS // (len(base) + 2) + 1)
    text = text[:TARGET_CHARS]
    project = Project.create(folder, name="bench", annotator="bench")
    doc_id = project.add_document("bench", text)
    words = [t for t in tokenize(text) if t.kind == "word" and t.end - t.start >= 4]
    step = max(1, len(words) // TARGET_SPANS)
    labels = ["PERS", "LOC", "ORG", "MISC"]
    spans = [
        Span(
            w.start, w.end, labels[i % 4], "bench", status="suggested", origin="bench@1", score=0.5
        )
        for i, w in enumerate(words[::step][:TARGET_SPANS])
    ]
    project.layer(doc_id).add_many(spans)
    return project, doc_id


def dashboard_open(app: QtWidgets.QApplication, runs: int) -> tuple[float, list[float]]:
    """Seconds until the dashboard was complete (charts drawn): the first open in the
    process (its modules imported), then ``runs`` first opens in fresh windows."""
    from core.sample import ensure_sample_project
    from gui.main_window import MainWindow

    times = []
    with Project.open(ensure_sample_project(), annotator="bench") as project:
        for _ in range(runs + 1):
            window = MainWindow(project, auto_suggest=False)
            window.show()
            app.processEvents()
            teams = window.teams
            t0 = time.perf_counter()
            shown = teams.show_dashboard()
            shown.repaint()
            while teams.dashboard is None or teams.dashboard.stats is None:
                app.processEvents()
            shown.repaint()
            times.append(time.perf_counter() - t0)
            shown.close()
            window.close()
            window.deleteLater()
            app.processEvents()
    return times[0], times[1:]


def project_wide(app: QtWidgets.QApplication, folder: Path, docs: int) -> tuple[int, float, float]:
    """Accept all suggestions in a project of ``docs`` documents (20 each), then undo it:
    suggestions accepted, and seconds until each run was done and shown."""
    from gui.main_window import MainWindow

    base = clean_imported_text(sample_text_path().read_text(encoding="utf-8"))[:3500]
    with Project.create(folder, name="many", annotator="bench") as project:
        with project.batch():
            ids = [
                doc_id
                for doc_id, _ in project.add_documents(
                    (f"doc {n}", f"{n}\n{base}", {}) for n in range(docs)
                )
            ]
        for doc_id in ids:
            text = project.text(doc_id)
            words = [t for t in tokenize(text) if t.kind == "word" and t.end - t.start >= 4]
            project.layer(doc_id).add_many(
                Span(w.start, w.end, "LOC", "bench", status="suggested", origin="bench@1")
                for w in words[:20]
            )
        window = MainWindow(project, auto_suggest=False)
        window.show()
        app.processEvents()
        decisions = window.decisions
        t0 = time.perf_counter()
        decisions.decide_project("accepted", ask=False)
        while decisions.running is not None:
            app.processEvents()
        accepted = time.perf_counter() - t0
        count = sum(len(project.layer(d).spans(status="accepted")) for d in ids)
        t0 = time.perf_counter()
        decisions.undo_last()
        while decisions.running is not None:
            app.processEvents()
        undone = time.perf_counter() - t0
        assert not any(project.layer(d).spans(status="accepted") for d in ids)
        window.close()
    return count, accepted, undone


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument(
        "--project-docs", type=int, default=200, help="documents for the project-wide run"
    )
    args = parser.parse_args()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    from gui.main_window import MainWindow

    dash_base = [baseline_once()]
    dash_first, dash_runs = dashboard_open(app, max(3, args.runs // 3))
    dash_base.append(baseline_once())
    with tempfile.TemporaryDirectory() as tmp:
        wide = project_wide(app, Path(tmp) / "many", args.project_docs)
    dash_base.append(baseline_once())
    with tempfile.TemporaryDirectory() as tmp:
        project, doc_id = build_project(Path(tmp) / "bench")
        n_spans = len(project.layer(doc_id).spans())
        window = MainWindow(project, auto_suggest=False)
        window.resize(1280, 820)
        window.show()
        app.processEvents()
        editor = window.editor
        opens, accepts, tabs = [], [], []
        base = [baseline_once() for _ in range(3)]
        for _ in range(max(3, args.runs // 3)):
            window.sessions.clear()  # a fresh session: new offset map and undo stack
            project.layer(doc_id).close()  # and the layer read again from disk
            t0 = time.perf_counter()
            window.open_document(doc_id)
            editor.viewport().repaint()
            app.processEvents()
            opens.append(time.perf_counter() - t0)
        base.append(baseline_once())
        editor.setFocus()
        editor.select_range(0, 0)
        for _ in range(args.runs):
            t0 = time.perf_counter()
            QtTest.QTest.keyClick(editor, QtCore.Qt.Key.Key_Tab)
            editor.viewport().repaint()
            tabs.append(time.perf_counter() - t0)
        for _ in range(args.runs):
            QtTest.QTest.keyClick(editor, QtCore.Qt.Key.Key_Tab)
            span = editor.current_span
            assert span is not None and span.status == "suggested"
            t0 = time.perf_counter()
            QtTest.QTest.keyClick(editor, QtCore.Qt.Key.Key_Return)
            editor.viewport().repaint()
            accepts.append(time.perf_counter() - t0)
            assert project.layer(doc_id).get(span.id).status == "accepted"
        base.append(baseline_once())
        rejects = []
        for _ in range(args.runs):
            QtTest.QTest.keyClick(editor, QtCore.Qt.Key.Key_Tab)
            span = editor.current_span
            assert span is not None and span.status == "suggested"
            t0 = time.perf_counter()
            QtTest.QTest.keyClick(editor, QtCore.Qt.Key.Key_Delete)
            editor.viewport().repaint()
            rejects.append(time.perf_counter() - t0)
            assert project.layer(doc_id).get(span.id).status == "rejected"
        base.append(baseline_once())
        stack = window.current.stack
        bulk, bulk_undo = [], []
        open_before = len(project.layer(doc_id).spans(status="suggested"))
        for _ in range(3):
            t0 = time.perf_counter()
            count = window.editing.accept_all(ask=False)
            editor.viewport().repaint()
            app.processEvents()
            bulk.append(time.perf_counter() - t0)
            assert count == open_before
            t0 = time.perf_counter()
            stack.undo()
            editor.viewport().repaint()
            app.processEvents()
            bulk_undo.append(time.perf_counter() - t0)
            assert len(project.layer(doc_id).spans(status="suggested")) == open_before
        base.extend(baseline_once() for _ in range(3))
        bulk_reject, bulk_reject_undo = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            count = window.decisions.reject_all(ask=False)
            editor.viewport().repaint()
            app.processEvents()
            bulk_reject.append(time.perf_counter() - t0)
            assert count == open_before
            t0 = time.perf_counter()
            stack.undo()
            editor.viewport().repaint()
            app.processEvents()
            bulk_reject_undo.append(time.perf_counter() - t0)
            assert len(project.layer(doc_id).spans(status="suggested")) == open_before
        base.extend(baseline_once() for _ in range(3))
        decisions = window.decisions
        project_runs, project_undos = [], []
        for _ in range(3):
            t0 = time.perf_counter()
            decisions.decide_project("accepted", ask=False)
            while decisions.running is not None:
                app.processEvents()
            editor.viewport().repaint()
            project_runs.append(time.perf_counter() - t0)
            assert not project.layer(doc_id).spans(status="suggested")
            t0 = time.perf_counter()
            decisions.undo_last()
            while decisions.running is not None:
                app.processEvents()
            editor.viewport().repaint()
            project_undos.append(time.perf_counter() - t0)
            assert len(project.layer(doc_id).spans(status="suggested")) == open_before
        base.extend(baseline_once() for _ in range(3))
        layer = project.layer(doc_id)
        saves = []
        for span in layer.spans(status="suggested")[: args.runs]:
            t0 = time.perf_counter()
            layer.put(span.evolve(status="accepted"))
            saves.append(time.perf_counter() - t0)
        window.close()
        project.close()

    floor = statistics.median(base)

    def ms(values: list[float]) -> str:
        median = statistics.median(values)
        return f"{median * 1000:7.1f} ms ({median / floor:5.1f}x baseline)"

    print(f"document: {TARGET_CHARS:,} characters, {n_spans:,} spans (offscreen, {args.runs} runs)")
    print(f"baseline (fixed Python workload) median {floor * 1000:.1f} ms")
    print(f"open until interactive   median {ms(opens)}   (target <= 500 ms)")
    print(f"accept (key to saved)    median {ms(accepts)}   (target <= 50 ms)")
    print(
        f"  of which core store    median {ms(saves)}   (Layer.put of one span, 5,000 in the layer)"
    )
    print(f"Tab to next span         median {ms(tabs)}   (target <= 30 ms)")
    print(f"reject a suggestion      median {ms(rejects)}   (target <= 50 ms)")
    print(
        f"accept all {open_before:,} suggestions median {ms(bulk)}"
        "   (target <= 300 ms, durable save)"
    )
    print(f"  and its undo           median {ms(bulk_undo)}   (target <= 300 ms)")
    print(
        f"reject all {open_before:,} suggestions median {ms(bulk_reject)}"
        "   (target <= 300 ms, durable save)"
    )
    print(f"  and its undo           median {ms(bulk_reject_undo)}   (target <= 300 ms)")
    print(
        f"accept all in the project ({open_before:,}, background queue) median "
        f"{ms(project_runs)}   (until done and shown)"
    )
    print(f"  and Undo project-wide  median {ms(project_undos)}")
    dash_floor = statistics.median(dash_base)
    print(
        f"accept all {wide[0]:,} suggestions in a project of {args.project_docs} documents "
        f"(background, one durable write per document): {wide[1]:.2f} s; "
        f"Undo project-wide: {wide[2]:.2f} s (one run each)"
    )
    print(
        f"dashboard complete (charts drawn), first open in the process: "
        f"{dash_first * 1000:7.1f} ms ({dash_first / dash_floor:5.1f}x baseline)"
        "   (target <= 500 ms)"
    )
    median = statistics.median(dash_runs)
    print(
        f"dashboard complete, median of {len(dash_runs)} fresh windows: {median * 1000:7.1f} ms "
        f"({median / dash_floor:5.1f}x baseline {dash_floor * 1000:.1f} ms)   (target <= 500 ms)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
