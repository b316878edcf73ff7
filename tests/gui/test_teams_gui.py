"""Team features in the window: compare mode, curation into gold, the watcher, the dashboard.

Two generated annotators on the sample article: the window is ali's, sara's
layer sits beside it in the same project folder.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from core.curation import GOLD
from core.model import Span
from core.store import Project
from core.store.storage import atomic_write
from tests.teamdata import ALI, SARA, spans_for


@pytest.fixture
def team(tmp_path: Path, sample_text: str):  # type: ignore[no-untyped-def]
    """ali's project on the sample article, with sara's layer in it too."""
    project = Project.create(tmp_path / "team", name="team", annotator="ali")
    doc = project.add_document("sample", sample_text, {})
    for who, words in (("ali", ALI), ("sara", SARA)):
        layer = project.layer(doc, who)
        layer.add_many(spans_for(sample_text, words, who, origin="gazetteer@1"))
        layer.add(Span(0, 4, "MISC", who, status="rejected", origin="crf@1"))
        layer.set_status("done")
    yield project, doc
    project.close()


@pytest.fixture
def team_window(team, make_window):  # type: ignore[no-untyped-def]
    project, _doc = team
    return make_window(project, auto_suggest=False)


def _keys(qtbot, widget: QtWidgets.QWidget, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        qtbot.keyClick(widget, key)


def test_compare_overlays_the_other_layer_and_marks_disagreements(team, team_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    project, doc = team
    window = team_window
    text = project.text(doc)
    before = len(window.editor.extraSelections())
    qtbot.keyClick(
        window.editor,
        QtCore.Qt.Key.Key_C,
        QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier,
    )
    compare = window.teams.compare
    assert compare.enabled and compare.bar.isVisible()
    chooser = compare.bar.chooser
    assert [chooser.itemData(i) for i in range(chooser.count())] == ["sara", GOLD]
    assert compare.other == "sara"
    # sara's five spans are outlined and the two disagreements are marked.
    assert len(window.editor.extraSelections()) == before + 5 + 2
    surfaces = [
        (text[r.start : r.end], [s.label for s in r.mine], [s.label for s in r.theirs])
        for r in compare.regions
    ]
    assert ("قسد", ["ORG"], ["PERS"]) in surfaces
    assert ("المالكية", [], ["LOC"]) in surfaces
    assert "2" in compare.bar.count.text()
    # F8 goes to the first disagreement after the caret and selects it.
    window.editor.select_range(0, 0)
    qtbot.keyClick(window.editor, QtCore.Qt.Key.Key_F8)
    first = min(compare.regions, key=lambda r: r.start)
    assert window.editor.selection_range() == (first.start, first.end)
    assert "sara" in compare.bar.detail.text()
    # Editing still writes ali's layer only; the overlay follows.
    window.editor.select_range(first.start, first.end)
    qtbot.keyClick(window.editor, QtCore.Qt.Key.Key_2)  # LOC
    assert len(project.layer(doc, "sara").spans(status="accepted")) == 5
    # Off again: the overlay is gone.
    qtbot.mouseClick(
        compare.bar.findChild(QtWidgets.QToolButton, "compare_close"),
        QtCore.Qt.MouseButton.LeftButton,
    )
    assert not compare.enabled and not window.editor._overlay  # noqa: SLF001


def test_curation_accepts_agreed_and_settles_by_keyboard(team, team_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    project, doc = team
    window = team_window
    text = project.text(doc)
    qtbot.keyClick(
        window,
        QtCore.Qt.Key.Key_U,
        QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.teams.curation
    qtbot.waitUntil(lambda: window.teams.curation_dock.isVisible())
    view = panel.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    assert panel.model.rowCount() == 2

    def gold() -> list[tuple[str, str]]:
        return sorted((text[s.start : s.end], s.label) for s in project.layer(doc, GOLD).spans())

    qtbot.keyClick(view, QtCore.Qt.Key.Key_A)
    assert gold() == sorted([("التحالف الدولي", "ORG"), ("سوريا", "LOC"), ("الحسكة", "LOC")])
    # The first disagreement is قسد (ORG for ali, PERS for sara): pick version 2.
    view.selectRow(0)
    group = panel.current_group()
    assert group is not None and text[group.start : group.end] == "قسد"
    assert [o[2] for o in group.options] == ["ORG", "PERS"]
    qtbot.keyClick(view, QtCore.Qt.Key.Key_2)
    assert ("قسد", "PERS") in gold()
    assert panel.current_row() == 1  # moved on to the next disagreement
    # المالكية only sara marked: reject it with 0 (gold has nothing there: nothing to undo).
    stack = window.session_for(doc).stack
    count = stack.count()
    qtbot.keyClick(view, QtCore.Qt.Key.Key_0)
    assert ("المالكية", "LOC") not in gold() and stack.count() == count
    # Undo the pick on the document's stack: قسد leaves gold; redo brings it back.
    stack.undo()
    assert ("قسد", "PERS") not in gold() and len(gold()) == 3
    stack.redo()
    assert ("قسد", "PERS") in gold()
    assert panel.model.data(panel.model.index(0, panel.model.columnCount() - 1)).startswith("✓")
    # ali's and sara's layers are untouched.
    assert len(project.layer(doc, "ali").spans(status="accepted")) == 4
    assert len(project.layer(doc, "sara").spans(status="accepted")) == 5


def test_curation_edit_dialog_settles_an_edited_version(team, team_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    project, doc = team
    window = team_window
    text = project.text(doc)
    window.teams.actions["curation"].trigger()
    panel = window.teams.curation
    panel.view.setFocus()
    panel.view.selectRow(1)  # المالكية
    qtbot.keyClick(panel.view, QtCore.Qt.Key.Key_E)
    dialog = panel.findChild(QtWidgets.QDialog, "edit_version_dialog")
    assert dialog is not None
    qtbot.waitExposed(dialog)
    start, end, _label = dialog.choice()
    assert text[start:end] == "المالكية"
    # Take one letter less and relabel.
    line = dialog.line
    line.setSelection(line.selectionStart(), len(line.selectedText()) - 1)
    dialog.label.setCurrentIndex(dialog.label.findData("ORG"))
    qtbot.keyClick(line, QtCore.Qt.Key.Key_Return)
    spans = project.layer(doc, GOLD).spans()
    assert [(text[s.start : s.end], s.label) for s in spans] == [("المالكي", "ORG")]


def test_watcher_reloads_a_layer_changed_on_disk(team, team_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    project, doc = team
    window = team_window
    window.teams.actions["compare"].setChecked(True)
    compare = window.teams.compare
    assert len(compare.regions) == 2
    # Another machine's sara agrees on قسد after all (a git pull brings her new file).
    path = project.folder / "layers" / "sara" / f"{doc}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    for row in data["spans"].values():
        if row["label"] == "PERS":
            row["label"] = "ORG"
    data["state"]["1"]["updated"] += 10

    def from_disk(change) -> bool:  # type: ignore[no-untyped-def]
        return change.source == "disk" and change.layer(doc, "sara") is not None

    with qtbot.waitSignal(window.workspace.changed, timeout=5000, check_params_cb=from_disk):
        atomic_write(path, json.dumps(data, ensure_ascii=False))
    assert [s.label for s in project.layer(doc, "sara").spans(status="accepted")].count("PERS") == 0
    assert len(compare.regions) == 1
    # The app's own writes are not taken for changes on disk.
    window.editor.select_range(0, 4)
    qtbot.keyClick(window.editor, QtCore.Qt.Key.Key_1)
    change = window.teams.watcher.check()
    assert change.empty
    assert window.session_for(doc).stack.count() == 1  # the undo history survives


def test_bundle_and_merge_from_the_file_menu(
    team, team_window, tmp_path, monkeypatch, qtbot
) -> None:  # type: ignore[no-untyped-def]
    project, _doc = team
    teams = team_window.teams
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "information", lambda *a: shown.append(a[2]))
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a: shown.append(a[2]))
    out = tmp_path / "ali.zip"
    assert teams.bundle_to(out) == 1 and out.exists()
    teams.merge_from(out)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert teams.merged is not None and "unchanged" in shown[-1]
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a zip")
    teams.merge_from(bad)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
    assert "Nothing was changed" in shown[-1]


def test_dashboard_draws_and_saves_png_and_svg(team, team_window, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = team_window
    qtbot.keyClick(
        window,
        QtCore.Qt.Key.Key_D,
        QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(lambda: window.teams.dashboard is not None, timeout=10000)
    dashboard = window.teams.dashboard
    qtbot.waitUntil(lambda: dashboard.stats is not None, timeout=10000)
    stats = dashboard.stats
    assert stats.label_counts["sara"]["PERS"] == 1
    assert stats.acceptance["gazetteer"].accepted == 9
    assert stats.acceptance["crf"].rejected == 2
    assert dashboard.agreement_chart.figure.names == ["ali", "sara"]
    figure = dashboard.labels_chart.figure
    assert [s.name for s in figure.series] == ["ali", "sara"]
    assert figure.series[1].values[figure.categories.index("PERS")] == 1
    for chart in dashboard.charts:
        png, svg = tmp_path / f"{chart.name}.png", tmp_path / f"{chart.name}.svg"
        chart.save(png)
        chart.save(svg)
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert "<svg" in svg.read_text(encoding="utf-8")


def test_dashboard_window_shows_before_its_charts(team, team_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    teams = team_window.teams
    shown = teams.show_dashboard()
    assert shown.isVisible() and teams.dashboard is None  # the window first, at once
    assert shown.findChild(QtWidgets.QLabel, "dashboard_wait") is not None
    qtbot.waitUntil(lambda: teams.dashboard is not None, timeout=10000)
    qtbot.waitUntil(lambda: teams.dashboard.stats is not None, timeout=10000)
    assert teams.dashboard.isVisible()


def test_curation_shown_again_selects_a_disagreement(team, team_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    _project, doc = team
    window = team_window
    window.actions_by_name["curation"].trigger()
    panel = window.teams.curation
    qtbot.waitUntil(lambda: window.teams.curation_dock.isVisible())
    panel.view.setCurrentIndex(QtCore.QModelIndex())  # nothing selected
    panel.show_document(doc)  # the same document again (the dock shown, a refresh)
    assert panel.current_row() == 0
    assert panel.versions.text()  # its versions are listed, not an empty box


def test_curation_selects_its_first_row_in_a_right_to_left_window(team, make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    """In Arabic the first disagreement is selected and its versions listed.

    (Under xcb, QTableView.selectRow selected nothing there; the offscreen
    platform lays the view out earlier and never showed that failure.)
    """
    app = QtWidgets.QApplication.instance()
    app.setLayoutDirection(QtCore.Qt.LayoutDirection.RightToLeft)  # as in Arabic
    try:
        window = make_window(team[0], auto_suggest=False)
        panel = window.teams.curation
        window.actions_by_name["curation"].trigger()
        qtbot.waitUntil(lambda: window.teams.curation_dock.isVisible())
        assert panel.current_row() == 0
        assert "«قسد»" in panel.versions.text()
    finally:
        app.setLayoutDirection(QtCore.Qt.LayoutDirection.LeftToRight)
