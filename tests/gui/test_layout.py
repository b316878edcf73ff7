"""The window holds its shape: no dock widens it past the screen, the editor keeps priority."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from tests.gui.conftest import make_project


def _screen_width(window: QtWidgets.QWidget) -> int:
    return window.screen().availableGeometry().width()


def test_curation_and_dashboard_never_widen_the_window_past_the_screen(
    qtbot: QtBot, window
) -> None:  # type: ignore[no-untyped-def]
    screen = _screen_width(window)
    window.resize(min(1600, screen), 900)
    window.teams.curation_dock.show()
    qtbot.wait(50)
    assert window.width() <= screen
    assert window.minimumSizeHint().width() <= screen
    window.teams.curation_dock.hide()
    window.resize(800, 600)
    qtbot.wait(50)
    assert window.width() <= 820  # it can be shrunk back


def test_a_small_window_keeps_half_its_width_for_the_editor(
    qtbot: QtBot, tmp_path, make_window
) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", "زار الوفد مدينة حلب. " * 40)])
    window = make_window(project, auto_suggest=False)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.width() <= 800, timeout=2000)
    qtbot.wait(50)
    assert window.editor.width() >= window.width() // 2


def test_status_column_refits_when_a_status_changes(qtbot: QtBot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", "زار الوفد مدينة حلب.")])
    window = make_window(project, auto_suggest=False)
    view = window.doc_panel.view
    before = view.columnWidth(1)
    window.workspace.set_status(window.current.doc_id, "in_progress")
    qtbot.wait(20)
    text = window.doc_model.index(0, 1).data()
    assert view.columnWidth(1) >= view.fontMetrics().horizontalAdvance(text)
    assert view.columnWidth(1) >= before


def test_tooltips_list_each_shortcut_once_without_platform_keys(window) -> None:  # type: ignore[no-untyped-def]
    from gui.actions import shortcut_rows

    tips = {n: a.toolTip() for n, a in window.actions_by_name.items()}
    assert "F14" not in tips["undo"] and "Undo," not in tips["undo"]
    assert "Backtab" not in tips["prev_span"]
    for row in shortcut_rows(translated=False):
        assert len(row.keys) == len(set(row.keys))
        assert not any(k in ("Undo", "Redo", "Find", "New", "Open", "Backtab") for k in row.keys)
    assert window.label_bar.buttons["PERS"].text().startswith("1 ")


def test_a_narrow_document_list_keeps_the_titles_readable(
    qtbot: QtBot, tmp_path, make_window
) -> None:  # type: ignore[no-untyped-def]
    title = "“التحالف” يعزز قواته لمحاربة تنظيم “الدولة” في سوريا"
    project = make_project(tmp_path / "p", [(title, "زار الوفد مدينة حلب.")])
    window = make_window(project, auto_suggest=False)
    window.resize(1200, 700)
    panel = window.doc_panel
    view = panel.view
    horizontal = QtCore.Qt.Orientation.Horizontal
    window.resizeDocks([window.doc_dock], [180], horizontal)
    qtbot.wait(80)
    least = view.fontMetrics().horizontalAdvance("م" * panel.TITLE_CHARS)
    assert view.isColumnHidden(2) and view.isColumnHidden(3)  # the counts gave way
    assert view.columnWidth(0) >= least  # and the title keeps its characters
    window.resizeDocks([window.doc_dock], [420], horizontal)
    qtbot.wait(80)
    assert not view.isColumnHidden(2) and not view.isColumnHidden(3)  # back when there is room
    assert view.columnWidth(2) > 0
