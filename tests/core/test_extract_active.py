"""Active learning: uncertainty per document, "most useful first", simulate --order."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.extract.active import document_uncertainty, most_useful_first, order_by_uncertainty
from core.extract.corpus import GoldDoc
from core.extract.crf import CrfModel, train_crf
from core.extract.simulate import simulate

PEOPLE = ["كريم", "سليم", "رامي", "نادر"]
PLACES = ["سوريا", "لبنان", "العراق", "مصر"]
KNOWN = "زار كريم يوسف مدينة لبنان أمس ."
STRANGE = "أفادت تقارير بأن كلكاتوس وبرانيسلاف اجتمعا في زغرونيا مع ممثلي فلوريندا ."


def corpus() -> list[list[tuple[str, str]]]:
    out = []
    for person in PEOPLE:
        for place in PLACES:
            out.append(
                [("زار", "O"), (person, "B-PERS"), ("يوسف", "I-PERS"), ("مدينة", "O")]
                + [(place, "B-LOC"), ("أمس", "O"), (".", "O")]
            )
    return out


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> CrfModel:
    path = tmp_path_factory.mktemp("active") / "tiny.crfsuite"
    train_crf(corpus(), path, params={"max_iterations": 40})
    return CrfModel(path)


def test_unfamiliar_text_is_less_certain(model: CrfModel) -> None:
    known, strange = document_uncertainty(model, KNOWN), document_uncertainty(model, STRANGE)
    assert 0.0 <= known < strange <= 1.0
    assert document_uncertainty(model, "") == 0.0


def test_order_puts_the_least_certain_first_and_keeps_ties(model: CrfModel) -> None:
    order = order_by_uncertainty([("a", KNOWN), ("b", STRANGE), ("c", KNOWN)], model)
    assert [doc_id for doc_id, _ in order] == ["b", "a", "c"]
    assert order[0][1] > order[1][1] == order[2][1]


def test_most_useful_first_skips_done_documents(tmp_path: Path, model: CrfModel) -> None:
    from core.store import Project

    proj = Project.create(tmp_path / "p", name="t", annotator="ann")
    try:
        known = proj.add_document("known", KNOWN)
        strange = proj.add_document("strange", STRANGE)
        done = proj.add_document("done", STRANGE + " ثم عاد")
        proj.layer(done, "ann").set_status("done")
        assert most_useful_first(proj, "ann", model=model) == [strange, known]
        # Another annotator has done nothing yet.
        assert most_useful_first(proj, "other", model=model)[0] in (strange, done)
    finally:
        proj.close()


def test_simulate_uncertainty_order_opens_the_least_certain_first(model: CrfModel) -> None:
    s = STRANGE.index("كلكاتوس")
    docs = [
        GoldDoc("known1", KNOWN, [(4, 13, "PERS"), (19, 24, "LOC")]),
        GoldDoc("known2", KNOWN, [(4, 13, "PERS"), (19, 24, "LOC")]),
        GoldDoc("strange", STRANGE, [(s, s + 7, "PERS")]),
    ]
    corpus_order = simulate(docs, learning=False, base=[], crf=model)
    assert [d["id"] for d in corpus_order["documents"]] == ["known1", "known2", "strange"]
    by_doubt = simulate(docs, learning=True, base=[], crf=model, order="uncertainty")
    ids = [d["id"] for d in by_doubt["documents"]]
    assert ids[0] == "strange" and sorted(ids) == ["known1", "known2", "strange"]
    assert by_doubt["order"] == "uncertainty"
    with pytest.raises(ValueError):
        simulate(docs, crf=model, order="random")
