"""With team data loaded, no dock or dialog widens the window past the screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtWidgets
from pytestqt.qtbot import QtBot

from core.model import Span
from core.store import Project
from tests.teamdata import ALI, SARA, spans_for


@pytest.fixture
def team_project(tmp_path: Path, sample_text: str):  # type: ignore[no-untyped-def]
    """Two annotators who disagree, one of them over a whole long line (a wide table cell)."""
    long_title = "وثيقة بعنوان طويل جدا " * 12
    project = Project.create(tmp_path / "team", name="team " * 20, annotator="ali")
    doc = project.add_document(long_title, sample_text, {})
    line_end = sample_text.index("\n", 200)
    line_start = sample_text.rindex("\n", 0, line_end - 1) + 1
    for who, words in (("ali", ALI), ("sara", SARA)):
        layer = project.layer(doc, who)
        layer.add_many(spans_for(sample_text, words, who))
        layer.set_status("done")
    project.layer(doc, "sara").add(Span(line_start, line_end, "MISC", "sara"))
    yield project
    project.close()


def _fits(window: QtWidgets.QMainWindow, qtbot: QtBot) -> None:
    qtbot.wait(60)
    available = window.screen().availableGeometry().width()
    assert window.frameGeometry().width() <= available
    assert window.minimumSizeHint().width() <= available
    for top in QtWidgets.QApplication.topLevelWidgets():
        if top.isVisible() and top is not window:
            assert top.frameGeometry().width() <= available, top.objectName()


def test_every_dock_and_dialog_fits_the_screen_with_team_data(
    qtbot: QtBot, team_project, make_window
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(team_project, auto_suggest=False)
    available = window.screen().availableGeometry()
    assert window.frameGeometry().width() <= available.width()  # its first size fits too
    frame = window.frameGeometry().size() - window.geometry().size()
    window.resize(
        min(1600, available.width()) - frame.width(), min(1000, available.height()) - frame.height()
    )
    a = window.actions_by_name
    a["curation"].trigger()
    qtbot.waitUntil(window.teams.curation_dock.isVisible, timeout=3000)
    assert window.teams.curation.model.rowCount() > 0  # disagreements shown
    _fits(window, qtbot)
    a["compare"].trigger()
    _fits(window, qtbot)
    dashboard = window.teams.show_dashboard()
    qtbot.waitUntil(lambda: window.teams.dashboard is not None, timeout=10000)
    _fits(window, qtbot)
    dashboard.close()
    for opener in (
        window.edit_recommender_settings,
        window.interface.edit_preferences,
        window.projects.edit_labels,
        window.transfer.ask_import,
        window.transfer.ask_export,
    ):
        dialog = opener()
        assert dialog is not None
        qtbot.waitUntil(dialog.isVisible, timeout=3000)
        _fits(window, qtbot)
        dialog.close()
    window.resize(800 - frame.width(), 600 - frame.height())
    qtbot.waitUntil(lambda: window.frameGeometry().width() <= 800, timeout=2000)
    qtbot.wait(60)
    assert window.teams.curation_dock.isVisible()
    assert window.editor.width() >= window.width() // 2
