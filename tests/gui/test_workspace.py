"""The change channel: one Change per edit, imports and disk changes reach every screen once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from PySide6 import QtCore, QtGui
from pytestqt.qtbot import QtBot

from core.changes import Change
from core.formats.project_io import ImportOptions
from core.model import Span
from core.store import Project
from tests.gui.conftest import make_project

Key = QtCore.Qt.Key
DOC = "زار الوفد سوريا ثم التقى قيادة تنظيم الدولة في حلب."
ROOT = Path(__file__).resolve().parents[2]


def _window(make_window, project: Project, **kw):  # type: ignore[no-untyped-def]
    return make_window(project, auto_suggest=False, **kw)


def _background(editor, start: int, end: int) -> QtGui.QColor | None:  # type: ignore[no-untyped-def]
    qt_start, qt_end = editor.offsets.to_qt(start), editor.offsets.to_qt(end)
    for sel in editor.extraSelections():
        cursor = sel.cursor
        if (cursor.selectionStart(), cursor.selectionEnd()) == (qt_start, qt_end):
            if sel.format.hasProperty(QtGui.QTextFormat.Property.BackgroundBrush):
                return sel.format.background().color()
    return None


def test_accepting_a_span_emits_exactly_one_change(qtbot: QtBot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", DOC)])
    doc = project.documents()[0].id
    start = DOC.index("سوريا")
    project.layer(doc).add(Span(start, start + 5, "LOC", "tester", status="suggested"))
    window = _window(make_window, project)
    changes: list[Change] = []
    window.workspace.changed.connect(changes.append)
    qtbot.keyClick(window.editor, Key.Key_Tab)
    qtbot.keyClick(window.editor, Key.Key_Return)
    assert len(changes) == 1
    lc = changes[0].layer(doc, "tester")
    assert lc is not None and [new.status for _old, new in lc.changed] == ["accepted"]
    assert window.doc_model.data(window.doc_model.index(0, 2)) == "1"


def test_import_that_adds_a_label_repaints_without_restart(
    qtbot: QtBot, tmp_path, make_window
) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", DOC)])
    window = _window(make_window, project)
    start = DOC.index("حلب")
    rows = [
        {"text": DOC, "label": [[start, start + 3, "EVENT"]]},
        {"text": "نص جديد عن حمص", "label": [[11, 14, "LOC"]]},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    resets: list[int] = []
    window.doc_model.modelReset.connect(lambda: resets.append(1))
    reloaded: list[tuple[str, str]] = []
    real = project.reload_layer
    project.reload_layer = lambda d, a: reloaded.append((d, a)) or real(d, a)  # type: ignore[method-assign]
    painted: list[int] = []
    real_set = window.editor.set_spans
    window.editor.set_spans = lambda spans: painted.append(1) or real_set(spans)  # type: ignore[method-assign]

    window.transfer.start_import([source], ImportOptions(add_labels=True))
    qtbot.waitUntil(lambda: window.transfer.report is not None, timeout=10000)
    assert "EVENT" in project.labels
    colour = QtGui.QColor(project.labels.get("EVENT").color)
    assert window.editor.styles.colour("EVENT") == colour
    assert "EVENT" in window.label_bar.buttons
    background = _background(window.editor, start, start + 3)
    assert background is not None and background != QtGui.QColor("#999999")
    assert window.editor.styles.format("EVENT", "accepted").background().color() == background
    assert len(resets) == 1  # the document list is reset once
    assert reloaded == []  # the import's own writes are never reloaded from disk
    assert len(painted) <= 1  # the open document is repainted at most once
    assert window.doc_model.rowCount() == 2


def test_export_started_while_an_import_runs_sees_the_import(
    qtbot: QtBot, tmp_path, make_window
) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", DOC)])
    window = _window(make_window, project)
    folder = tmp_path / "texts"
    folder.mkdir()
    for n in range(60):
        (folder / f"{n:03}.txt").write_text(f"خبر رقم {n} عن مدينة حلب وريفها.", "utf-8")
    order: list[str] = []
    imported = window.transfer.start_import([folder], ImportOptions())
    out = tmp_path / "out.jsonl"
    exported = window.transfer.start_export(fmt="jsonl", out=out)
    assert imported is not None and exported is not None
    imported.finished.connect(lambda _r: order.append("import"))
    exported.finished.connect(lambda _r: order.append("export"))
    qtbot.waitUntil(lambda: len(order) == 2, timeout=20000)
    assert order == ["import", "export"]  # the reader waited for the writer
    assert len(project.documents()) == 61
    lines = out.read_text("utf-8").splitlines()
    assert len(lines) == 61 and all(json.loads(line)["text"] for line in lines)


def test_outside_change_reaches_compare_and_own_writes_never_reload(
    qtbot: QtBot, tmp_path, make_window
) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", DOC)])
    doc = project.documents()[0].id
    start = DOC.index("حلب")
    project.layer(doc, "sara").add(Span(start, start + 3, "LOC", "sara"))
    window = _window(make_window, project)
    window.teams.actions["compare"].setChecked(True)
    compare = window.teams.compare
    assert compare.other == "sara" and len(compare.regions) == 1
    reloaded: list[tuple[str, str]] = []
    real = project.reload_layer
    project.reload_layer = lambda d, a: reloaded.append((d, a)) or real(d, a)  # type: ignore[method-assign]
    # Own writes: a span, a status, the label set. None is taken for a change on disk.
    window.editor.select_range(start, start + 3)
    qtbot.keyClick(window.editor, Key.Key_2)
    window.workspace.set_labels(project.labels.with_label("EVENT", en="Event", ar="حدث"))
    qtbot.wait(400)  # the watcher's debounce
    assert window.teams.watcher.check().empty and reloaded == []
    assert compare.regions == []  # ali now agrees with sara
    # sara's copy (another process) removes her span.
    script = (
        "import sys\n"
        "from core.store import Project\n"
        "p = Project.open(sys.argv[1], annotator='sara', read_only=True)\n"
        "p.read_only = False\n"
        "layer = p.layer(sys.argv[2])\n"
        "layer.apply(put=[layer.spans()[0].evolve(label='ORG')])\n"
    )
    subprocess.run([sys.executable, "-c", script, str(project.folder), doc], check=True, cwd=ROOT)
    qtbot.waitUntil(lambda: len(compare.regions) == 1, timeout=8000)
    assert reloaded == [(doc, "sara")]
    assert window.current.stack.count() == 1  # my own history is untouched


def test_models_pass_qt_model_tester(qtbot: QtBot, qtmodeltester, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", DOC), ("b", "نص ثان عن دمشق")])
    window = make_window(project)
    qtmodeltester.check(window.doc_model)
    qtmodeltester.check(window.span_model)
    qtbot.keyClick(window.editor, Key.Key_Tab)
    qtbot.keyClick(window.editor, Key.Key_Return)
    window.workspace.session(window.current.doc_id).stack.undo()
    qtmodeltester.check(window.doc_model)
    qtmodeltester.check(window.span_model)
