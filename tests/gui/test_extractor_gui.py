"""The extractor in the app: settings honoured, learning at once, retraining in the background."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore, QtWidgets
from pytestqt.qtbot import QtBot

from core.extract.base import Suggestion
from core.extract.crf import CrfModel, CrfRecommender, train_crf
from core.extract.learning import RetrainPolicy, project_model_path
from core.extract.memory import ProjectMemoryRecommender
from core.model import Document, DocumentInfo
from core.settings import load_config
from core.store import Project
from gui.extractor import retrain_in_thread
from gui.main_window import MainWindow
from tests.gui.conftest import make_project
from tests.gui.helpers import spans_text

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier
Left = QtCore.Qt.MouseButton.LeftButton

DOC_A = "زار الوفد سوريا ثم حلب، والتقى قيادة قسد في كوباني."
DOC_B = "عاد الوفد إلى سوريا ومنها إلى حلب، ولم يلتق قسد في كوباني."
DOC_C = "في كوباني اجتماع عن سوريا."
TINY = [("كريم", "سوريا"), ("سليم", "لبنان"), ("رامي", "مصر"), ("نادر", "العراق")] * 3
PORT_DOCS = [
    "وصلت الشحنة إلى ميناء كلكاتوس صباحا",
    "غادرت السفينة ميناء كلكاتوس مساء",
    "أغلق ميناء كلكاتوس أبوابه أمس",
]


class Words:
    """A recommender that suggests fixed words wherever they stand alone."""

    def __init__(self, name: str, words: list[tuple[str, str, float]]) -> None:
        self.name, self.version, self.words = name, 1, words

    def suggest(self, document: Document) -> list[Suggestion]:
        out = []
        for word, label, score in self.words:
            pos = document.text.find(word)
            while pos >= 0:
                end = pos + len(word)
                if (pos == 0 or not document.text[pos - 1].isalpha()) and (
                    end == len(document.text) or not document.text[end].isalpha()
                ):
                    out.append(Suggestion(pos, end, label, score, f"{self.name}@1"))
                pos = document.text.find(word, end)
        return out


def window_on(qtbot: QtBot, project: Project, factory: Any, **kw: Any) -> MainWindow:
    window = MainWindow(
        project, recommender_factory=factory, auto_suggest=kw.pop("auto", False), **kw
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus, timeout=3000)
    return window


def test_recommender_settings_dialog_is_honoured(qtbot: QtBot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", [("a", DOC_A)])
    recs = [
        Words("gazetteer", [("سوريا", "LOC", 0.9), ("حلب", "LOC", 0.5)]),
        Words("rules", [("قسد", "ORG", 0.8)]),
    ]
    window = window_on(qtbot, project, lambda _p: recs)
    window.actions_by_name["recommender_settings"].trigger()
    dialog = window.findChild(QtWidgets.QDialog, "recommender_settings")
    assert dialog is not None and dialog.isVisible()
    use_rules = dialog.findChild(QtWidgets.QCheckBox, "use_rules")
    qtbot.mouseClick(use_rules, Left, pos=QtCore.QPoint(8, use_rules.height() // 2))
    assert not use_rules.isChecked()
    floor = dialog.findChild(QtWidgets.QDoubleSpinBox, "min_score_gazetteer")
    floor.setFocus()
    for _ in range(6):  # 0.30 -> 0.60
        qtbot.keyClick(floor, Key.Key_Up)
    assert round(floor.value(), 2) == 0.6
    qtbot.mouseClick(dialog.ok_button, Left)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=3000)
    stored = load_config()["recommenders"]
    assert stored["rules"]["enabled"] is False and stored["gazetteer"]["min_score"] == 0.6
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus, timeout=3000)
    qtbot.keyClick(window.editor, Key.Key_G, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    assert spans_text(project, window.current.doc_id) == [("سوريا", "LOC", "suggested")]


def test_memory_learns_on_accept_and_unlearns_on_undo(qtbot: QtBot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", [("a", DOC_A), ("b", DOC_B), ("c", DOC_C)])
    a, b, c = (d.id for d in project.documents())
    window = window_on(qtbot, project, lambda p: [ProjectMemoryRecommender.from_project(p)])
    text = window.current.text
    start = text.index("كوباني")
    window.editor.select_range(start, start + 6)
    qtbot.keyClick(window.editor, Key.Key_2)
    assert spans_text(project, a) == [("كوباني", "LOC", "accepted")]
    window.open_document(b)
    qtbot.keyClick(window.editor, Key.Key_G, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    assert spans_text(project, b) == [("كوباني", "LOC", "suggested")]  # learnt at once
    window.open_document(a)
    qtbot.keyClick(window.editor, Key.Key_Z, Mod.ControlModifier)  # undo: unlearn
    assert spans_text(project, a) == []
    window.open_document(c)
    qtbot.keyClick(window.editor, Key.Key_G, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    assert spans_text(project, c) == []


STADIUMS = [
    "فاز تشرين على ملعب الباسل",
    "تعادل الوحدة على ملعب العباسيين",
    "خسر حطين على ملعب الحمدانية",
]
KHALED = "فاز الكرامة على ملعب خالد بن الوليد"
KHALED_2 = "تعادل جبلة على ملعب خالد بن الوليد"


def test_three_stadiums_marked_by_keyboard_relabel_the_next_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    docs = [(f"s{n}", t) for n, t in enumerate(STADIUMS)] + [("k", KHALED), ("k2", KHALED_2)]
    project = make_project(tmp_path / "p", docs)
    ids = [d.id for d in project.documents()]
    model = Words("crf", [("خالد بن الوليد", "PERS", 0.9)])
    window = window_on(qtbot, project, lambda p: [model, ProjectMemoryRecommender.from_project(p)])
    for doc_id, text in zip(ids, STADIUMS, strict=False):
        window.open_document(doc_id)
        name = text.split()[-1]
        start = text.index(name)
        window.editor.select_range(start, start + len(name))
        qtbot.keyClick(window.editor, Key.Key_2)
        assert spans_text(project, doc_id) == [(name, "LOC", "accepted")]
    window.open_document(ids[3])
    qtbot.keyClick(window.editor, Key.Key_G, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    assert spans_text(project, ids[3]) == [("خالد بن الوليد", "LOC", "suggested")]
    window.open_document(ids[2])
    qtbot.keyClick(window.editor, Key.Key_Z, Mod.ControlModifier)  # undo: two stadiums left
    assert spans_text(project, ids[2]) == []
    window.open_document(ids[4])
    qtbot.keyClick(window.editor, Key.Key_G, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    assert spans_text(project, ids[4]) == [("خالد بن الوليد", "PERS", "suggested")]


def test_snapping_trims_a_proclitic_before_a_gazetteer_name(qtbot: QtBot, tmp_path: Path) -> None:
    text = "وصل الوفد بسوريا أمس، ثم زار بنغازي."
    project = make_project(tmp_path / "p", [("a", text)])
    window = window_on(qtbot, project, lambda _p: [])
    start = text.index("بسوريا")
    window.editor.select_range(start + 2, start + 4)  # inside the word
    qtbot.keyClick(window.editor, Key.Key_2)
    start = text.index("بنغازي")  # a name starting with ب stays whole
    window.editor.select_range(start, start + 6)
    qtbot.keyClick(window.editor, Key.Key_2)
    assert spans_text(project, window.current.doc_id) == [
        ("سوريا", "LOC", "accepted"),
        ("بنغازي", "LOC", "accepted"),
    ]


def test_mark_done_retrains_in_background_and_status_bar_shows_it(
    qtbot: QtBot, tmp_path: Path, sample_text: str
) -> None:
    project = make_project(tmp_path / "p", [("sample", sample_text), ("c", DOC_C)])
    gate = threading.Event()
    calls: list[str] = []

    def runner(folder, annotator, cancelled):  # type: ignore[no-untyped-def]
        calls.append(annotator)
        gate.wait(5)
        return retrain_in_thread(folder, annotator, cancelled)

    runner.shares_models = True  # type: ignore[attr-defined]
    recs = [
        Words("gazetteer", [("سوريا", "LOC", 0.9), ("قسد", "ORG", 0.8), ("الحسكة", "LOC", 0.8)])
    ]
    window = window_on(
        qtbot,
        project,
        lambda _p: recs,
        auto=True,
        retrain_runner=runner,
        retrain_policy=RetrainPolicy(every_accepted=1000),
    )
    qtbot.keyClick(window.editor, Key.Key_A, Mod.ControlModifier | Mod.ShiftModifier)  # accept all
    assert not window.retrain_label.isVisible()  # no document done yet
    qtbot.keyClick(window.editor, Key.Key_Return, Mod.ControlModifier)  # mark done
    qtbot.waitUntil(window.retrain_label.isVisible, timeout=3000)
    assert "Retraining" in window.retrain_label.text()
    qtbot.waitUntil(lambda: calls == ["tester"], timeout=3000)
    gate.set()
    qtbot.waitUntil(lambda: not window.retrain_label.isVisible(), timeout=20000)
    assert project_model_path(project).exists()
    # Trained on one document, it has not yet shown that it does better than the default
    # model on a document it had not seen: it does not suggest yet.
    assert "crf-project" not in window.extractor.recommender_names()


def test_project_model_suggests_once_it_did_better_on_a_finished_document(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import core.extract.learning as learning

    tiny = tmp_path / "tiny.crfsuite"
    train_crf(
        [[("زار", "O"), (p, "B-PERS"), ("مدينة", "O"), (c, "B-LOC")] for p, c in TINY],
        tiny,
        params={"max_iterations": 40},
    )
    default = CrfModel(tiny)  # a default model that cannot know the port below
    monkeypatch.setattr(learning, "default_model", lambda: default)
    project = make_project(tmp_path / "p", [(f"d{i}", text) for i, text in enumerate(PORT_DOCS)])
    ids = [d.id for d in project.documents()]
    window = window_on(
        qtbot,
        project,
        lambda _p: [CrfRecommender(default)],
        retrain_runner=retrain_in_thread,
        retrain_policy=RetrainPolicy(every_accepted=1000),
    )

    def label_port_and_finish() -> None:
        start = window.current.text.index("كلكاتوس")
        window.editor.select_range(start, start + 7)
        qtbot.keyClick(window.editor, Key.Key_2)
        qtbot.keyClick(window.editor, Key.Key_Return, Mod.ControlModifier)  # mark done
        qtbot.waitUntil(lambda: not window.extractor.is_retraining, timeout=20000)

    assert window.current.doc_id == ids[0]
    # The extractor is built on first use (no suggestions shown: Mark done would ask about them).
    window.extractor.suggest(Document(DocumentInfo("x", "x", 0.0, length=3), "زار"))
    assert window.extractor.recommender_names() == ["crf"]
    label_port_and_finish()
    assert window.current.doc_id == ids[1]
    assert window.extractor.recommender_names() == ["crf"]  # trained, not yet better
    status = window.statusBar().currentMessage()
    assert "Project model trained (crf-project@1)" in status
    assert "(0 vs 0 errors)" in status
    label_port_and_finish()  # the project model found the port here, the default did not
    assert window.extractor.recommender_names() == ["crf-project"]
    assert "Project model updated (crf-project@2)" in window.statusBar().currentMessage()


def test_every_n_accepted_spans_retrains(qtbot: QtBot, tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", [("a", DOC_A), ("b", DOC_B)])
    a, b = (d.id for d in project.documents())
    project.layer(b).set_status("done")
    calls: list[str] = []
    recs = [Words("gazetteer", [("سوريا", "LOC", 0.9), ("حلب", "LOC", 0.5), ("قسد", "ORG", 0.8)])]
    window = window_on(
        qtbot,
        project,
        lambda _p: recs,
        auto=True,
        retrain_runner=lambda f, who, c: calls.append(who),
        retrain_policy=RetrainPolicy(every_accepted=2),
    )
    window.extractor._done_seen = True  # noqa: SLF001 - b was marked done before the window opened
    qtbot.keyClick(window.editor, Key.Key_Tab)
    qtbot.keyClick(window.editor, Key.Key_Return)
    assert calls == []
    qtbot.keyClick(window.editor, Key.Key_Tab)
    qtbot.keyClick(window.editor, Key.Key_Return)
    qtbot.waitUntil(lambda: calls == ["tester"], timeout=3000)
