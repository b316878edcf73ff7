"""The CRF recommender, trained on a tiny in-test corpus; the project model; simulate."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.extract.corpus import GoldDoc
from core.extract.crf import (
    DEFAULT_MODEL,
    CrfModel,
    CrfRecommender,
    proclitic_offset,
    tag_text,
    text_sentences,
    train_crf,
)
from core.extract.features import FeatureExtractor, token_shape
from core.extract.learning import (
    RetrainPolicy,
    document_sentences,
    project_model_path,
    project_recommender,
    retrain_project_model,
)
from core.extract.simulate import simulate
from core.model import Document, DocumentInfo, Span

PEOPLE = ["كريم", "سليم", "رامي", "نادر", "وسيم", "مازن"]
PLACES = ["سوريا", "لبنان", "العراق", "مصر", "تونس", "الأردن"]


def corpus() -> list[list[tuple[str, str]]]:
    out = []
    for i, person in enumerate(PEOPLE):
        for j, place in enumerate(PLACES):
            if (i + j) % 2:
                continue
            out.append(
                [("زار", "O"), (person, "B-PERS"), ("يوسف", "I-PERS"), ("مدينة", "O")]
                + [(place, "B-LOC"), ("أمس", "O"), (".", "O")]
            )
            out.append([("وقال", "O"), (person, "B-PERS"), ("إن", "O"), ("و" + place, "B-LOC")])
    return out


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> CrfModel:
    path = tmp_path_factory.mktemp("crf") / "tiny.crfsuite"
    result = train_crf(corpus(), path, params={"max_iterations": 50})
    assert result.sentences == len(corpus()) and path.exists()
    assert result.meta["version"] == 1
    return CrfModel(path)


def doc(text: str) -> Document:
    return Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)


def test_tags_with_marginals(model: CrfModel) -> None:
    tags, marg = model.tag(["زار", "رامي", "يوسف", "مدينة", "لبنان", "أمس"])
    assert tags == ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"]
    assert all(0.5 < m <= 1.0 for m in marg)


def test_recommender_spans_scores_and_proclitic(model: CrfModel) -> None:
    text = "وقال سليم إن والعراق"
    sugs = CrfRecommender(model).suggest(doc(text))
    got = [(text[s.start : s.end], s.label, s.origin) for s in sugs]
    assert got == [("سليم", "PERS", "crf@1"), ("العراق", "LOC", "crf@1")]
    assert all(0 < s.score <= 1 for s in sugs)


def test_proclitic_offset_is_safe() -> None:
    assert proclitic_offset("والعراق") == 1
    assert proclitic_offset("بسوريا") == 1  # سوريا is a known name
    assert proclitic_offset("بغداد") == 0
    assert proclitic_offset("واشنطن") == 0
    # Written whole in the news text, and never without its first letters: a name.
    assert proclitic_offset("فالنسيا") == 0
    assert proclitic_offset("بالتيمور") == 0
    # The stem is a word of its own: ف + الحكومة.
    assert proclitic_offset("فالحكومة") == 1


def test_sentences_and_features() -> None:
    sents = text_sentences("زار سليم لبنان. ثم عاد!\nوسافر")
    assert [[t.text for t in s] for s in sents] == [
        ["زار", "سليم", "لبنان", "."],
        ["ثم", "عاد", "!"],
        ["وسافر"],
    ]
    rows = FeatureExtractor().sentence(["قال", "والرئيس", "بسوريا"])
    assert "pro=و" in rows[1] and "title" in rows[1] and "stem=سوريا" in rows[2]
    assert "g=BLOC" in rows[2] and "-1title" in rows[2] and "BOS" in rows[0]
    assert token_shape("X2025") == "LD" and token_shape("“قسد”") == "PAP"


def test_tag_text_trims_punctuation(model: CrfModel) -> None:
    spans = tag_text(model, "زار كريم يوسف مدينة مصر أمس.")
    assert [(s, e, lab) for s, e, lab, _ in spans] == [(4, 13, "PERS"), (20, 23, "LOC")]


@pytest.mark.skipif(not DEFAULT_MODEL.exists(), reason="no bundled model")
def test_bundled_model_on_the_sample(sample_text: str) -> None:
    rec = CrfRecommender(CrfModel(DEFAULT_MODEL))
    labels = {(sample_text[s.start : s.end], s.label) for s in rec.suggest(doc(sample_text))}
    assert ("سوريا", "LOC") in labels


def test_project_model_retrains_on_done_documents(project, model: CrfModel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import core.extract.learning as learning

    monkeypatch.setattr(learning, "default_model", lambda: model)
    doc_id = project.documents()[0].id
    text = project.text(doc_id)
    layer = project.layer(doc_id)
    assert retrain_project_model(project, "tester") is None  # nothing done yet
    start = text.index("الحسكة")
    layer.add(Span(start, start + 6, "LOC", "tester"))
    layer.set_status("done")
    path = retrain_project_model(project, "tester")
    assert path == project_model_path(project, "tester") and path.exists()
    rec = project_recommender(project, "tester")
    assert rec is not None and rec.name == "crf-project" and rec.version == 1
    assert retrain_project_model(project, "tester") == path
    assert project_recommender(project, "tester").version == 2  # type: ignore[union-attr]
    sugs = rec.suggest(doc("بريف الحسكة"))
    assert all(s.origin == "crf-project@1" for s in sugs)
    assert RetrainPolicy(every_accepted=3).due(3, False)
    assert RetrainPolicy().due(0, True) and not RetrainPolicy().due(1, False)


def test_document_sentences_project_spans() -> None:
    text = "زار كريم لبنان."
    assert document_sentences(text, [(4, 8, "PERS"), (9, 14, "LOC")]) == [
        [("زار", "O"), ("كريم", "B-PERS"), ("لبنان", "B-LOC"), (".", "O")]
    ]


def test_simulate_learning_reduces_effort(model: CrfModel) -> None:
    # A new name the model cannot know, in every document.
    text = "وصلت الشحنة إلى ميناء كلكاتوس صباحا"
    start = text.index("كلكاتوس")
    docs = [GoldDoc(f"d{i}", text, [(start, start + 7, "LOC")]) for i in range(4)]
    on = simulate(docs, learning=True, base=[], crf=model)
    off = simulate(docs, learning=False, base=[], crf=model)
    assert [d["id"] for d in on["documents"]] == ["d0", "d1", "d2", "d3"]
    assert set(on["documents"][0]) == {"id", "gold", "false_suggestions", "missed", "effort"}
    assert off["last_quarter"]["effort"] > 0
    assert on["last_quarter"]["effort"] < off["last_quarter"]["effort"]
    assert on["total"]["gold"] == 4


def test_model_errors(tmp_path: Path) -> None:
    from core.errors import TawsimError

    with pytest.raises(TawsimError):
        CrfModel(tmp_path / "missing.crfsuite")
    with pytest.raises(TawsimError):
        train_crf([], tmp_path / "x.crfsuite")


def test_two_pass_model_uses_document_memory(tmp_path: Path) -> None:
    path = tmp_path / "two.crfsuite"
    result = train_crf(
        corpus(), path, params={"max_iterations": 30}, two_pass=True, folds=2, workers=1
    )
    assert result.meta["first_pass"] == "two.pass1.crfsuite"
    assert (tmp_path / "two.pass1.crfsuite").exists()
    assert not list(tmp_path.glob("*.tmp"))
    model = CrfModel(path)
    assert model.first is not None
    sents = [["زار", "رامي", "يوسف", "مدينة", "لبنان", "أمس"], ["وقال", "رامي", "إن", "ولبنان"]]
    tagged = model.tag_document(sents)
    assert tagged[0][0] == ["O", "B-PERS", "I-PERS", "O", "B-LOC", "O"]
    assert tagged[1][0][1] == "B-PERS"
    rows = model.features(sents)
    assert "p1=B-PERS" in rows[1][1] and "mem=PERS" in rows[1][1]
    (path.with_name("two.pass1.crfsuite")).unlink()
    from core.errors import TawsimError

    with pytest.raises(TawsimError):
        CrfModel(path)


def test_document_features_window() -> None:
    from core.extract.features import document_features

    keys = [["a1", "bb"], ["bb"], ["cc"], ["bb"]]
    xseqs = [[["x"], ["y"]], [["z"]], [["w"]], [["v"]]]
    tags = [["O", "B-LOC"], ["O"], ["O"], ["B-LOC"]]
    out = document_features(keys, xseqs, tags, window=1)
    # Sentence 1's "bb" sees sentences 0 (bb: LOC) and 2, not 3.
    assert "mem=LOC" in out[1][0] and "dcount=1" in out[1][0] and "mem=LOC|3" in out[1][0]
    # Sentence 3's "bb" sees only sentence 2 (no bb) within one sentence.
    assert not any(f.startswith("mem=") for f in out[3][0])
    assert out[0][1][0] == "y" and "p1=B-LOC" in out[0][1]
    # The neighbours' first-pass tags, and the left one paired with the token's own.
    assert {"-1p1=BOS", "+1p1=B-LOC", "-1p1|p1=BOS|O"} <= set(out[0][0])
    assert {"-1p1=O", "+1p1=EOS", "-1p1|p1=O|B-LOC"} <= set(out[0][1])


def test_cluster_features_for_word_stem_and_neighbours() -> None:
    table = {"سوريا": ("1", "12", "345", "11", "0"), "زار": ("2", "20", "200", "9", "0")}
    ex = FeatureExtractor(clusters=table)
    rows = ex.sentence(["زار", "بسوريا", "كلكاتوس"])
    assert {"sc6=1", "sc8=12", "sc10=345", "sab=0", "fq=oov"} <= set(rows[1])
    assert {"c6=2", "c8=20", "c10=200", "fq=9", "ab=0"} <= set(rows[0])
    assert "-1c8=20" in rows[1] and "1sc8=12" in rows[0] and "-2c6=2" in rows[2]
    assert not any(
        f.startswith(("c6=", "fq=")) for f in FeatureExtractor(clusters={}).sentence(["زار"])[0]
    )


@pytest.mark.skipif(not DEFAULT_MODEL.exists(), reason="no bundled model")
def test_unknown_attributes_left_out_change_no_tag(sample_text: str) -> None:
    model = CrfModel(DEFAULT_MODEL)
    sents = [[t.text for t in s] for s in text_sentences(sample_text)]
    kept = model.features(sents)
    every = model.features(sents, prune=False)
    assert sum(len(r) for x in every for r in x) > 1.2 * sum(len(r) for x in kept for r in x)
    known = model.known_attributes()
    assert {a for x in every for r in x for a in r if a in known} == {
        a for x in kept for r in x for a in r if a in known
    }
    assert [model.tag_xseq(x) for x in kept] == [model.tag_xseq(x) for x in every]
