"""Scale benchmark (issue 16): how opening, stats, edits and export grow with the corpus.

    python bench/scale.py                       # 10 / 1,000 / 10,000 / 100,000, medians of 3
    python bench/scale.py --sizes 10,1000 --runs 1 --no-large

Projects come from bench/scale_gen.py (cached under --root, default /tmp/tawsim-scale);
a size that is not generated yet is generated first unless --no-generate skips it.
Every operation that changes a project runs on a copy. Prints a markdown table:
each figure with its ratio to the 10-document one, the fsync floor measured in
the same run, the 1,000,000-character document in the GUI, and the peak memory
(RSS) of ``main.py export`` per size.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import scale_gen  # noqa: E402

if TYPE_CHECKING:
    from core.model import LabelSet
    from core.store import Project

PAINTED = "painted"


def _child_env() -> dict[str, str]:
    """Offscreen Qt and a throwaway settings folder for every child process."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env["TAWSIM_DATA_DIR"] = tempfile.mkdtemp(prefix="tawsim-scale-data-")
    return env


def gui_child(folder: Path, large: bool) -> int:
    """Run the real MainWindow on folder; print when the list and editor have painted.

    With large, see large_child.
    """
    if large:
        return large_child(folder)
    from PySide6 import QtCore, QtWidgets

    from core.store import Project
    from gui.main_window import MainWindow

    app = QtWidgets.QApplication([])
    project = Project.open(folder, annotator=scale_gen.ANNOTATOR)
    window = MainWindow(project, auto_suggest=False)
    seen: set[str] = set()

    class Painted(QtCore.QObject):
        def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
            if event.type() == QtCore.QEvent.Type.Paint:
                seen.add(obj.objectName())
                if seen >= {"list", "editor"}:
                    app.exit(0)
            return False

    spy = Painted()
    window.doc_panel.view.viewport().setObjectName("list")
    window.editor.viewport().setObjectName("editor")
    window.doc_panel.view.viewport().installEventFilter(spy)
    window.editor.viewport().installEventFilter(spy)
    window.resize(1280, 820)
    window.show()
    QtCore.QTimer.singleShot(300_000, lambda: app.exit(1))
    if app.exec() != 0:
        return 1
    print(PAINTED, flush=True)
    window.close()
    project.close()
    return 0


def large_child(folder: Path, keys: int = 9) -> int:
    """The 1,000,000-character document in the real MainWindow; figures printed as JSON.

    ``start``: wall time (time.time) once Python, the imports and the
    QApplication are up (the parent takes process start from it).
    ``interactive``: from Project.open until a Tab sent at the first paint that
    shows the visible part highlighted has been handled and painted.
    ``idle``: until the editor's idle-time pass knows every span's nesting level;
    ``laid out``: until Qt has laid out the whole text. Then Tab and accept
    (Enter on a suggestion, durable save included) are timed until the event
    loop is idle again, with the curation dock hidden and then shown.
    """
    from PySide6 import QtCore, QtTest, QtWidgets

    from core.store import Project
    from gui.main_window import MainWindow

    app = QtWidgets.QApplication([])
    figures: dict[str, float | list[float]] = {"start": time.time()}
    t0 = time.perf_counter()
    project = Project.open(folder, annotator=scale_gen.ANNOTATOR)
    window = MainWindow(project, auto_suggest=False)
    window.teams.curation_dock.hide()
    editor = window.editor

    def first_key() -> None:
        QtTest.QTest.keyClick(editor, QtCore.Qt.Key.Key_Tab)
        editor.viewport().repaint()
        figures["interactive"] = time.perf_counter() - t0
        app.exit(0)

    class Painted(QtCore.QObject):
        def eventFilter(self, obj: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802
            if event.type() == QtCore.QEvent.Type.Paint and "painted" not in figures:
                if editor.text and editor.view_highlighted():
                    figures["painted"] = time.perf_counter() - t0
                    QtCore.QTimer.singleShot(0, first_key)  # after what is queued already
            return False

    spy = Painted()
    editor.viewport().installEventFilter(spy)
    window.resize(1280, 820)
    window.show()
    editor.setFocus()
    QtCore.QTimer.singleShot(300_000, lambda: app.exit(1))
    if app.exec() != 0:
        return 1
    while editor.pass_pending:
        app.processEvents()
    figures["idle"] = time.perf_counter() - t0
    # Qt lays the text out in idle time too; the keys below are timed once it is done
    # (asking for the document's size finishes what is left).
    editor.document().documentLayout().documentSize()
    app.processEvents()
    figures["laid out"] = time.perf_counter() - t0

    def timed(key: QtCore.Qt.Key) -> float:
        start = time.perf_counter()
        QtTest.QTest.keyClick(editor, key)
        editor.viewport().repaint()
        app.processEvents()  # whatever the key queued (recounts, dock refreshes) counts too
        return time.perf_counter() - start

    session = window.current
    if session is None:
        return 1
    editor.select_range(0, 0)
    figures["tab"] = [timed(QtCore.Qt.Key.Key_Tab) for _ in range(keys)]
    for name, visible in (("accept", False), ("accept_curation", True)):
        dock = window.teams.curation_dock
        dock.setVisible(visible)
        if visible:
            dock.raise_()  # its tab to the front: the curation view is on screen
        editor.setFocus()
        app.processEvents()
        if window.teams.curation.isVisible() != visible:
            return 1
        accepts: list[float] = []
        while len(accepts) < keys:
            span = editor.current_span
            if span is None or span.status != "suggested":
                QtTest.QTest.keyClick(editor, QtCore.Qt.Key.Key_Tab)
                continue
            accepts.append(timed(QtCore.Qt.Key.Key_Return))
            stored = project.layer(session.doc_id).get(span.id)
            if stored is None or stored.status != "accepted":
                return 1  # the key did not reach the accept action
        figures[name] = accepts
    print(json.dumps(figures), flush=True)
    window.close()
    project.close()
    return 0


def _gui_open(folder: Path, large: bool = False) -> tuple[float, dict[str, float]]:
    """Seconds from starting the GUI process to its first paint, and the child's figures."""
    cmd = [sys.executable, __file__, "--gui-child", str(folder)] + (["--large"] if large else [])
    spawned = time.time()
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=_child_env())
    assert child.stdout is not None
    line = child.stdout.readline().strip()
    opened = time.perf_counter() - t0
    rest = child.stdout.read()
    if large:
        if child.wait() != 0 or not line.startswith("{"):
            raise SystemExit(f"{folder}: the GUI did not open ({line!r})")
        figures = json.loads(line)
        figures["process start"] = figures.pop("start") - spawned
        return opened, figures
    if child.wait() != 0 or line != PAINTED:
        raise SystemExit(f"{folder}: the GUI did not paint ({line!r})")
    return opened, json.loads(rest) if large else {}


def large_store(folder: Path, runs: int = 21) -> dict[str, float]:
    """Core only, on a copy: one span saved (a journal append) and the fold of the journal."""
    from core.store import Project

    copy = Path(tempfile.mkdtemp(prefix="tawsim-scale-large-store-")) / "p"
    shutil.copytree(folder, copy)
    saves: list[float] = []
    try:
        with Project.open(copy, annotator=scale_gen.ANNOTATOR) as project:
            doc = project.documents()[0].id
            layer = project.layer(doc)
            spans = layer.spans()
            for span in spans[:runs]:
                flipped = span.evolve(
                    status="accepted" if span.status != "accepted" else "suggested"
                )
                t0 = time.perf_counter()
                project.edit_spans(doc, put=[flipped])
                saves.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            layer.compact()
            folded = time.perf_counter() - t0
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    return {"save": statistics.median(saves), "fold": folded, "floor": fsync_floor(folder.parent)}


LARGE_ROWS = (
    # (figure, row title, target in seconds or None)
    ("process start", "process start (Python, imports, QApplication)", None),
    ("interactive", "open until interactive (visible part highlighted, a key handled)", 1.0),
    ("painted", "open until the first highlighted paint", None),
    ("idle", "open until every span's nesting level is known (idle-time pass)", None),
    ("laid out", "open until Qt has laid out the whole text (keys below timed after)", None),
    ("accept", "accept one span, curation dock hidden (durable save included)", 0.050),
    ("accept_curation", "accept one span, curation dock visible", 0.050),
    ("tab", "Tab to the next span", 0.030),
    ("save", "core: save one span change (a journal append)", None),
    ("fold", "core: fold the journal into the 3.8 MB layer file (at close, or past 1/4)", None),
    ("floor", "fsync floor (small file, fsync, rename, fsync folder)", None),
)


def large_document(root: Path, runs: int) -> list[str]:
    """The 1,000,000-character document's rows: medians of runs processes, and ratios."""
    folder = scale_gen.generate_large(root / "large")
    per_run: dict[str, list[float]] = {}
    for _ in range(runs):
        copy = Path(tempfile.mkdtemp(prefix="tawsim-scale-large-")) / "p"
        shutil.copytree(folder, copy)
        try:
            _, figures = _gui_open(copy, large=True)
        finally:
            shutil.rmtree(copy.parent, ignore_errors=True)
        figures.update(large_store(folder))
        for name, value in figures.items():
            one = statistics.median(value) if isinstance(value, list) else value
            per_run.setdefault(name, []).append(one)
    lines = [
        f"| 1,000,000 characters, 20,000 spans (median of {runs}) | figure | target | ratio |",
        "|---|---|---|---|",
    ]
    for name, title, target in LARGE_ROWS:
        value = statistics.median(per_run[name])
        shown = f"{value * 1000:.0f} ms" if value >= 0.1 else f"{value * 1000:.2f} ms"
        goal = "" if target is None else f"≤ {target * 1000:g} ms"
        ratio = "" if target is None else f"×{value / target:.2f}"
        lines.append(f"| {title} | {shown} | {goal} | {ratio} |")
    return lines


def _wall(cmd: list[str]) -> float:
    """Wall seconds of a subprocess that must succeed."""
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, env=_child_env())
    return time.perf_counter() - t0


def _peak_rss(cmd: list[str]) -> float:
    """Peak resident memory (MB) of a subprocess, from a wrapper's RUSAGE_CHILDREN."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "stdout=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *cmd],
        check=True,
        capture_output=True,
        text=True,
        env=_child_env(),
    )
    return int(out.stdout.split()[-1]) / 1024  # ru_maxrss is in KiB on Linux


def fsync_floor(folder: Path, runs: int = 20) -> float:
    """Median seconds of the durable small write every store write pays at least."""
    times = []
    for n in range(runs):
        t0 = time.perf_counter()
        tmp = folder / f".floor{n}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(b"x" * 512)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, folder / "floor")
        fd = os.open(folder, os.O_RDONLY)
        os.fsync(fd)
        os.close(fd)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _edit_round(
    project: Project, run: int, base: LabelSet, results: dict[str, list[float]]
) -> None:
    """One run of every edit, each timed on its own."""
    from core.model import Label, LabelSet

    docs = project.documents()

    def timed(name: str, call: Callable[[], object]) -> None:
        t0 = time.perf_counter()
        call()
        results.setdefault(name, []).append(time.perf_counter() - t0)

    text = f"نص جديد للقياس رقم {run} {time.time_ns()}"
    timed("add one document", lambda: project.add_document(f"bench {run}", text))
    timed("remove one document", lambda: project.remove_documents([docs[1].id]))
    timed("remove 3 documents", lambda: project.remove_documents([d.id for d in docs[2:5]]))
    status = "done" if run % 2 == 0 else "in_progress"  # a change every run
    timed("set one status", lambda: project.set_status(docs[0].id, status))
    timed("retitle one document", lambda: project.set_title(docs[6].id, f"عنوان {run}"))
    # Alternate adding and removing a label, so that every run changes the set.
    extra = (Label("EVT", "Event", "حدث", "#123456"),) if run % 2 == 0 else ()
    labels = LabelSet(base.labels + extra)
    timed("change the label set", lambda: project.set_labels(labels))
    span = next(iter(project.layer(docs[0].id).spans()), None)
    if span is not None:
        flipped = span.evolve(status="accepted" if span.status != "accepted" else "suggested")
        timed("save one span change", lambda: project.edit_spans(docs[0].id, put=[flipped]))
    # One added, four removed: add three more so that every run sees the same size.
    with project.batch():
        for extra_doc in range(3):
            project.add_document(f"refill {run}.{extra_doc}", f"{text} {extra_doc}")


def edit_operations(folder: Path, runs: int) -> dict[str, float]:
    """Median seconds of each edit through the core API, on a copy of the project."""
    from core.store import Project

    copy = Path(tempfile.mkdtemp(prefix="tawsim-scale-copy-")) / "p"
    shutil.copytree(folder, copy)
    results: dict[str, list[float]] = {}
    try:
        with Project.open(copy, annotator=scale_gen.ANNOTATOR) as project:
            base = project.labels
            for run in range(runs):
                _edit_round(project, run, base, results)
            project.set_labels(base)
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    return {name: statistics.median(values) for name, values in results.items()}


def measure(folder: Path, runs: int, formats: list[str]) -> dict[str, float]:
    """Every figure for one generated project (seconds; export peaks in MB)."""
    figures: dict[str, float] = {}
    figures["GUI open until painted"] = statistics.median(_gui_open(folder)[0] for _ in range(runs))
    stats = [sys.executable, str(ROOT / "main.py"), "stats", "--project", str(folder)]
    figures["CLI stats"] = statistics.median(_wall(stats) for _ in range(runs))
    figures.update(edit_operations(folder, runs))
    lists = [
        sys.executable,
        str(ROOT / "bench" / "scale_list.py"),
        str(folder),
        "--runs",
        str(runs),
    ]
    figures.update(json.loads(subprocess.check_output(lists, env=_child_env(), text=True)))
    with tempfile.TemporaryDirectory(prefix="tawsim-scale-export-") as tmp:
        for fmt in formats:
            export = [
                sys.executable,
                str(ROOT / "main.py"),
                "export",
                "--project",
                str(folder),
                "--format",
                fmt,
                "--annotator",
                scale_gen.ANNOTATOR,
                "--out",
                str(Path(tmp) / f"out.{fmt}"),
            ]
            figures[f"export {fmt}: peak RSS (MB)"] = _peak_rss(export)
    return figures


def _cell(value: float, first: float | None, memory: bool) -> str:
    """A figure with its ratio to the 10-document one."""
    shown = f"{value:.0f} MB" if memory else f"{value * 1000:.1f} ms"
    if first:
        shown += f" (×{value / first:.1f})"
    return shown


def main(argv: list[str] | None = None) -> int:
    """Generate what is missing, measure every size, print the markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,10000,100000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--root", type=Path, default=Path("/tmp/tawsim-scale"))
    parser.add_argument("--formats", default="jsonl", help="export formats, comma-separated")
    parser.add_argument("--no-large", action="store_true", help="skip the 1,000,000-char document")
    parser.add_argument(
        "--only-large", action="store_true", help="only the 1,000,000-character document"
    )
    parser.add_argument("--no-generate", action="store_true", help="skip sizes not generated")
    parser.add_argument("--gui-child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--large", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.gui_child:
        return gui_child(args.gui_child, args.large)
    if args.only_large:
        print("\n".join(large_document(args.root, args.runs)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    table: dict[int, dict[str, float]] = {}
    for size in sizes:
        folder = args.root / str(size)
        if not (folder / scale_gen.DONE_MARK).exists():
            if args.no_generate:
                print(f"(skipped {size}: not generated)", file=sys.stderr)
                continue
            scale_gen.generate(folder, size)
        print(f"measuring {size} ...", file=sys.stderr, flush=True)
        table[size] = measure(folder, args.runs, args.formats.split(","))
    floor = fsync_floor(args.root)
    shown = list(table)
    print(
        f"| operation (median of {args.runs}) | " + " | ".join(f"{n:,} docs" for n in shown) + " |"
    )
    print("|---" * (len(shown) + 1) + "|")
    rows = list(dict.fromkeys(name for figures in table.values() for name in figures))
    for name in rows:
        first = table[shown[0]].get(name) if shown and shown[0] == 10 else None
        cells = [
            _cell(table[n][name], first, "MB" in name) if name in table[n] else "n/a" for n in shown
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(f"\nfsync floor (small file, fsync, rename, fsync folder): {floor * 1000:.2f} ms")
    if not args.no_large:
        print()
        print("\n".join(large_document(args.root, args.runs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
