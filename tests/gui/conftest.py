"""GUI test fixtures: a window on the sample article with a deterministic recommender."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6 import QtCore

from core.extract.base import Suggestion
from core.model import Document
from core.store import Project

# Suggestions the fake recommender makes: (surface, label, score); every occurrence.
FAKE_GAZETTEER = (("سوريا", "LOC", 0.9), ("قسد", "ORG", 0.8), ("حلب", "LOC", 0.7))


class FakeRecommender:
    """A tiny deterministic recommender for the GUI tests."""

    name = "fake"
    version = 1

    def suggest(self, document: Document) -> list[Suggestion]:
        out = []
        for surface, label, score in FAKE_GAZETTEER:
            pos = document.text.find(surface)
            while pos >= 0:
                end = pos + len(surface)
                before = document.text[pos - 1] if pos else " "
                after = document.text[end] if end < len(document.text) else " "
                if not before.isalpha() and not after.isalpha():
                    out.append(Suggestion(pos, end, label, score, "fake@1"))
                pos = document.text.find(surface, end)
        return out


@pytest.fixture(autouse=True)
def _isolated_qsettings(tmp_path: Path, data_dir: Path) -> Iterator[None]:
    """QSettings and the user data folder in a temporary folder, per test."""
    fmt = QtCore.QSettings.Format.IniFormat
    QtCore.QSettings.setPath(fmt, QtCore.QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    from core.settings import update_config

    update_config(annotator="tester")
    yield


@pytest.fixture
def make_window(qtbot) -> Callable[..., object]:  # type: ignore[no-untyped-def]
    """Build a MainWindow on a project, shown, with the fake recommender."""
    from gui.main_window import MainWindow

    def build(project: Project, *, auto_suggest: bool = True, wait: bool = True) -> MainWindow:
        window = MainWindow(
            project, recommender_factory=lambda _p: FakeRecommender(), auto_suggest=auto_suggest
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        if wait and auto_suggest:
            qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
        window.activateWindow()
        window.editor.setFocus()
        qtbot.waitUntil(window.editor.hasFocus, timeout=3000)
        return window

    return build


@pytest.fixture
def window(project: Project, make_window):  # type: ignore[no-untyped-def]
    """A window on the sample article, its suggestions in."""
    return make_window(project)


def make_project(folder: Path, docs: list[tuple[str, str]]) -> Project:
    """A project with the given (title, text) documents, open for 'tester'."""
    project = Project.create(folder, name="t", annotator="tester")
    for title, text in docs:
        project.add_document(title, text)
    return project
