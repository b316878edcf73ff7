"""When the project model replaces the default one: once it has made fewer errors on documents
finished after it was trained (core.extract.learning.TakeOver), in simulate and in a project."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.extract.base import Suggestion
from core.extract.corpus import GoldDoc
from core.extract.crf import CrfModel, sidecar, train_crf
from core.extract.learning import (
    TakeOver,
    load_default_crf,
    project_crf,
    retrain_project_model,
    suggestion_errors,
)
from core.extract.simulate import simulate
from core.model import Span

PEOPLE = ["كريم", "سليم", "رامي", "نادر"]
PLACES = ["سوريا", "لبنان", "العراق", "مصر"]
KNOWN = "زار كريم يوسف مدينة لبنان أمس ."
KNOWN_SPANS = [(4, 13, "PERS"), (20, 25, "LOC")]
# A port the default model cannot know; every document names it.
PORT = "كلكاتوس"
NEW = [
    "وصلت الشحنة إلى ميناء كلكاتوس صباحا",
    "غادرت السفينة ميناء كلكاتوس مساء",
    "أغلق ميناء كلكاتوس أبوابه أمس",
    "وعاد العمال إلى كلكاتوس اليوم",
]


def corpus() -> list[list[tuple[str, str]]]:
    return [
        [("زار", "O"), (person, "B-PERS"), ("يوسف", "I-PERS"), ("مدينة", "O")]
        + [(place, "B-LOC"), ("أمس", "O"), (".", "O")]
        for person in PEOPLE
        for place in PLACES
    ]


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> CrfModel:
    path = tmp_path_factory.mktemp("takeover") / "tiny.crfsuite"
    train_crf(corpus(), path, params={"max_iterations": 40})
    return CrfModel(path)


def port_docs() -> list[GoldDoc]:
    out = []
    for i, text in enumerate(NEW):
        s = text.index(PORT)
        out.append(GoldDoc(f"n{i}", text, [(s, s + len(PORT), "LOC")]))
    return out


def test_takeover_needs_fewer_errors_and_a_tie_keeps_the_default() -> None:
    t = TakeOver()
    assert not t.project_leads  # no evidence yet
    t.record(2, 2)
    assert not t.project_leads and t.documents == 1
    t.record(0, 1)
    assert t.project_leads and t.to_json() == {"project": 2, "default": 3, "documents": 2}
    t.record(3, 0)  # the default caught up again: it suggests again
    assert not t.project_leads
    assert TakeOver.from_json(t.to_json()) == t
    assert TakeOver.from_json(None) == TakeOver()


def test_suggestion_errors_count_false_and_missed() -> None:
    gold = [(0, 4, "LOC"), (10, 14, "PERS")]
    found = [Suggestion(0, 4, "LOC", 0.9, "crf@1"), Suggestion(10, 14, "ORG", 0.9, "crf@1")]
    assert suggestion_errors(found, gold) == 2  # ORG is false, PERS missed
    assert suggestion_errors([], gold) == 2 and suggestion_errors(found[:1], gold[:1]) == 0
    same_start = lambda s, e, label: (s, label)  # noqa: E731
    assert suggestion_errors([Suggestion(0, 3, "LOC", 0.9, "crf@1")], gold[:1], same_start) == 0


def test_simulate_project_model_takes_over_once_it_beats_the_default(model: CrfModel) -> None:
    on = simulate(port_docs(), learning=True, base=[], crf=model)
    # Document 1 trains it, document 2 judges it (it finds the port, the default does not),
    # and from document 3 on it suggests.
    assert on["takeover"]["project_model_from"] == 2
    assert on["takeover"]["project"] < on["takeover"]["default"]
    off = simulate(port_docs(), learning=False, base=[], crf=model)
    for with_learning, without in zip(on["documents"], off["documents"], strict=True):
        assert with_learning["effort"] <= without["effort"]


def test_simulate_keeps_the_default_while_the_project_model_does_no_better(
    model: CrfModel,
) -> None:
    docs = [GoldDoc(f"k{i}", KNOWN + " " * i, KNOWN_SPANS) for i in range(4)]
    on = simulate(docs, learning=True, base=[], crf=model)
    assert on["takeover"]["project_model_from"] is None
    assert on["takeover"]["documents"] == 3 and on["takeover"]["default"] == 0
    assert on["total"]["effort"] == 0.0


def test_project_takes_over_after_a_document_it_did_better_on(
    tmp_path: Path, model: CrfModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    import core.extract.learning as learning
    from core.store import Project

    monkeypatch.setattr(learning, "default_model", lambda: model)
    proj = Project.create(tmp_path / "p", name="t", annotator="ann")
    try:
        ids = [proj.add_document(f"d{i}", text) for i, text in enumerate(NEW[:3])]

        def finish(k: int) -> None:
            s = NEW[k].index(PORT)
            layer = proj.layer(ids[k], "ann")
            layer.add(Span(s, s + len(PORT), "LOC", "ann"))
            layer.set_status("done")

        finish(0)
        path = retrain_project_model(proj, "ann")
        assert path is not None
        meta = json.loads(sidecar(path).read_text("utf-8"))
        assert meta["trained_on"] == [ids[0]] and meta["takeover"]["documents"] == 0
        # Trained, but it has not shown it does better: the default model suggests ...
        assert load_default_crf(proj, "ann").name == "crf"  # type: ignore[union-attr]
        # ... while the documents are already ordered by the model that learns.
        assert project_crf(proj, "ann").name == "crf-project"  # type: ignore[union-attr]
        assert retrain_project_model(proj, "ann") == path  # nothing new: nothing judged
        assert json.loads(sidecar(path).read_text("utf-8"))["takeover"]["documents"] == 0
        finish(1)
        retrain_project_model(proj, "ann")
        meta = json.loads(sidecar(path).read_text("utf-8"))
        assert meta["takeover"] == {"project": 0, "default": 1, "documents": 1}
        assert meta["trained_on"] == ids[:2] and meta["version"] == 3
        rec = load_default_crf(proj, "ann")
        assert rec is not None and rec.name == "crf-project"
    finally:
        proj.close()


def test_an_older_project_model_without_its_record_does_not_suggest(
    tmp_path: Path, model: CrfModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    import core.extract.learning as learning
    from core.store import Project

    monkeypatch.setattr(learning, "default_model", lambda: model)
    proj = Project.create(tmp_path / "p", name="t", annotator="ann")
    try:
        doc_id = proj.add_document("d0", NEW[0])
        s = NEW[0].index(PORT)
        proj.layer(doc_id, "ann").add(Span(s, s + len(PORT), "LOC", "ann"))
        proj.layer(doc_id, "ann").set_status("done")
        path = retrain_project_model(proj, "ann")
        assert path is not None
        meta = json.loads(sidecar(path).read_text("utf-8"))
        del meta["trained_on"], meta["takeover"]  # as an earlier Tawsim wrote it
        sidecar(path).write_text(json.dumps(meta), "utf-8")
        assert load_default_crf(proj, "ann").name == "crf"  # type: ignore[union-attr]
        retrain_project_model(proj, "ann")  # no ids: the old model is not judged on its own data
        meta = json.loads(sidecar(path).read_text("utf-8"))
        assert meta["takeover"]["documents"] == 0 and meta["trained_on"] == [doc_id]
    finally:
        proj.close()
