"""Dock widths with curation open, and every dialog, on a 1600×1000 and an 800×600 screen.

The offscreen platform takes its screen size from a config file read when
the QApplication starts, so each size runs in its own process: the test starts
``python -m tests.gui.test_layout_screens WxH``, which builds a first-start
window (no saved layout) on a project with team data, fills the screen with
it, opens curation, then compare, the dashboard and each dialog, and checks
the widths in both interface directions (the right-to-left window starts with
only the left-to-right layout saved, as after switching the language).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
#: what a dock needs to show a document title or a span's text readably
READABLE = 200


def _team_project(folder: Path):  # type: ignore[no-untyped-def]
    """The sample article with two annotators who disagree (tests/teamdata.py)."""
    from core.model import Span
    from core.settings import sample_text_path
    from core.store import Project
    from core.text import clean_imported_text
    from tests.teamdata import ALI, SARA, spans_for

    text = clean_imported_text(sample_text_path().read_text(encoding="utf-8"))
    project = Project.create(folder, name="team", annotator="ali")
    doc = project.add_document("“التحالف” يعزز قواته لمحاربة تنظيم “الدولة” في سوريا", text, {})
    project.add_document("A second article with an English title", "زار الوفد حلب.", {})
    for who, words in (("ali", ALI), ("sara", SARA)):
        layer = project.layer(doc, who)
        layer.add_many(spans_for(text, words, who))
        layer.add(Span(0, 4, "MISC", who, status="rejected", origin="crf@1"))
    return project


def measure(rtl: bool) -> dict[str, int]:
    """Open a first-start window filling the screen, open curation; return the widths."""
    from PySide6 import QtTest, QtWidgets

    from core.model import Span
    from gui import i18n
    from gui.main_window import MainWindow
    from tests.gui.conftest import FakeRecommender

    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    # The right-to-left run is the Arabic interface (its own strings, its own widths).
    i18n.install(app, i18n.Interface("ar" if rtl else "en", "arabic" if rtl else "western"))
    with tempfile.TemporaryDirectory() as tmp:
        project = _team_project(Path(tmp) / "team")
        doc = project.documents()[0].id
        start = project.text(doc).index("المالكية")
        project.layer(doc).add(Span(start, start + 8, "LOC", "ali", status="suggested"))
        window = MainWindow(
            project, recommender_factory=lambda _p: FakeRecommender(), auto_suggest=False
        )
        window.show()
        QtTest.QTest.qWait(100)
        first = window.frameGeometry().width()
        room = window.screen().availableGeometry()
        frame = window.frameGeometry().size() - window.geometry().size()
        window.resize(room.width() - frame.width(), room.height() - frame.height())
        QtTest.QTest.qWait(100)
        tools = window.findChild(QtWidgets.QToolBar, "main_toolbar")
        undo = [a for a in tools.actions() if a.objectName() == "toolbar_undo"][0]
        undo_width = tools.widgetForAction(undo).width()
        before = {a.objectName(): tools.widgetForAction(a).x() for a in tools.actions()}
        assert window.decisions.reject_all(ask=False) == 1  # the undo text gets longer
        QtTest.QTest.qWait(60)
        after = {a.objectName(): tools.widgetForAction(a).x() for a in tools.actions()}
        mark_done = tools.widgetForAction(window.actions_by_name["mark_done"])
        extension = tools.findChild(QtWidgets.QToolButton, "qt_toolbar_ext_button")
        window.actions_by_name["curation"].trigger()
        QtTest.QTest.qWait(200)
        curation = window.teams.curation_dock
        widest = _widest_with_every_dialog(window)
        out = {
            "toolbar_moved": int(before != after),
            "undo_width": undo_width - tools.widgetForAction(undo).width(),
            "mark_done_shown": int(mark_done.isVisible()),
            "overflow": int(extension is not None and extension.isVisible()),
            "widest": widest,
            "screen": room.width(),
            "first": first,
            "window": window.frameGeometry().width(),
            "width": window.width(),
            "editor": window.editor.width(),
            "documents": window.doc_dock.width(),
            "curation": curation.width() if curation.isVisible() else 0,
            "entities": window.entity_dock.width(),
        }
        window.close()
        project.close()
        window.deleteLater()
        QtTest.QTest.qWait(50)
    return out


def _widest_with_every_dialog(window) -> int:  # type: ignore[no-untyped-def]
    """Open compare, the dashboard and each dialog in turn; the widest top-level frame seen."""
    from PySide6 import QtTest, QtWidgets

    def widest() -> int:
        QtTest.QTest.qWait(60)
        return max(
            [window.frameGeometry().width(), window.minimumSizeHint().width()]
            + [
                top.frameGeometry().width()
                for top in QtWidgets.QApplication.topLevelWidgets()
                if top.isVisible()
            ]
        )

    seen = [widest()]
    window.actions_by_name["compare"].trigger()
    seen.append(widest())
    dashboard = window.teams.show_dashboard()
    QtTest.QTest.qWait(300)
    seen.append(widest())
    dashboard.close()
    for opener in (
        window.edit_recommender_settings,
        window.interface.edit_preferences,
        window.projects.edit_labels,
        window.transfer.ask_import,
        window.transfer.ask_export,
    ):
        dialog = opener()
        seen.append(widest())
        dialog.close()
    window.actions_by_name["compare"].trigger()
    return max(seen)


def main(size: str) -> int:
    """Measure on this process's screen (set by the caller) and print JSON."""
    from PySide6 import QtWidgets

    app = QtWidgets.QApplication([])
    screen = app.primaryScreen().availableGeometry()
    assert f"{screen.width()}x{screen.height()}" == size, (screen, size)
    print(json.dumps({"ltr": measure(False), "rtl": measure(True)}))
    return 0


def _run(size: str, tmp: Path) -> dict[str, dict[str, int]]:
    width, height = (int(v) for v in size.split("x"))
    config = tmp / "screen.json"
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "test",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        ),
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM=f"offscreen:configfile={config}",
        TAWSIM_DATA_DIR=str(tmp / "data"),
        XDG_CONFIG_HOME=str(tmp / "config"),  # no saved layout: a first start
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.test_layout_screens", size],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("size", ["1600x1000", "800x600"])
def test_curation_leaves_every_dock_readable(size: str, tmp_path: Path) -> None:
    for direction, m in _run(size, tmp_path).items():
        assert m["first"] <= m["screen"], (direction, m)  # the first window fits the screen
        assert m["window"] <= m["screen"], (direction, m)  # and curation never widens it
        assert m["widest"] <= m["screen"], (direction, m)  # nor any dock or dialog
        assert m["curation"] > 0, (direction, m)
        # Toolbar buttons keep their places while the undo text changes.
        assert m["toolbar_moved"] == 0 and m["undo_width"] == 0, (direction, m)
        if m["screen"] >= 1600:  # and nothing falls into the overflow on a wide screen
            assert m["mark_done_shown"] == 1 and m["overflow"] == 0, (direction, m)
        assert m["editor"] >= m["width"] // 2 - 2, (direction, m)  # the editor keeps half
        # Each dock as readable as the room beside the editor allows, the document list too.
        room = (m["width"] - m["width"] // 2 - 24) // 2
        floor = min(READABLE, room) - 4
        assert m["documents"] >= floor, (direction, m)
        assert m["curation"] >= floor, (direction, m)


def test_the_widest_columns_give_way_first() -> None:
    from gui.dock_layout import give_way_level

    assert give_way_level([290, 370], 600) == 310  # 290 + 310 = 600: only the wide one gives
    assert give_way_level([100, 100, 400], 450) == 250
    assert give_way_level([300, 300], 400) == 200


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
