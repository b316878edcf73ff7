"""The combiner and apply_suggestions: overlaps, origins and the annotator's decisions."""

from __future__ import annotations

from typing import Any

from core.extract.base import Suggestion
from core.extract.memory import ProjectMemoryRecommender
from core.extract.pipeline import Combiner, apply_suggestions, default_recommenders
from core.model import Document, DocumentInfo, Span
from core.store import Layer, Project


class Fixed:
    """A recommender that returns fixed suggestions."""

    version = 1

    def __init__(self, name: str, *items: tuple[int, int, str, float]) -> None:
        self.name = name
        self.items = items

    def suggest(self, document: Document) -> list[Suggestion]:
        return [
            Suggestion(s, e, label, score, f"{self.name}@1") for s, e, label, score in self.items
        ]


class Broken:
    name = "broken"
    version = 1

    def suggest(self, document: Document) -> list[Suggestion]:
        raise RuntimeError("boom")


DOC = Document(DocumentInfo("d", "d", 0.0, length=40), "x" * 40)


def test_overlaps_resolved_by_tier_then_score_then_priority() -> None:
    a = Fixed("gazetteer", (0, 10, "LOC", 0.9), (20, 25, "LOC", 0.6), (36, 40, "LOC", 0.9))
    b = Fixed("crf", (5, 12, "ORG", 0.5), (20, 25, "ORG", 0.9), (30, 35, "PERS", 0.2))
    got = Combiner([a, b], min_score=0.3, min_scores={"gazetteer": 0.5}).suggest(DOC)
    assert [(s.start, s.end, s.label, s.origin) for s in got] == [
        (5, 12, "ORG", "crf@1"),  # the crf's tier wins over a higher-scored gazetteer match
        (20, 25, "ORG", "crf@1"),  # and a sure crf keeps its label on the gazetteer's span
        (36, 40, "LOC", "gazetteer@1"),  # the gazetteer fills a gap
    ]
    # By default, with a crf on, gap fillers need GAP_FILL_MIN_SCORES.
    got = Combiner([a, b], min_score=0.3).suggest(DOC)
    assert [s.origin for s in got] == ["crf@1", "crf@1"]
    # Within a tier: score, then priority (rules over gazetteer at the same score).
    c = Fixed("rules", (0, 8, "PERS", 0.7), (20, 25, "ORG", 0.6))
    got = Combiner([a, c], min_score=0.3).suggest(DOC)
    assert [(s.start, s.end, s.label, s.origin) for s in got] == [
        (0, 10, "LOC", "gazetteer@1"),
        (20, 25, "ORG", "rules@1"),
        (36, 40, "LOC", "gazetteer@1"),
    ]


def test_min_score_disabled_and_broken_recommenders() -> None:
    a = Fixed("rules", (0, 4, "PERS", 0.5))
    b = Fixed("crf", (10, 14, "LOC", 0.5))
    comb = Combiner([a, b, Broken()], min_scores={"crf": 0.6}, disabled={"rules"})
    assert comb.suggest(DOC) == []
    got = Combiner([a, Broken()], calibrator=None).suggest(DOC)
    assert got == [Suggestion(0, 4, "PERS", 0.5, "rules@1")]


def test_memory_vetoes_other_recommenders() -> None:
    text = "في الخليج"
    doc = Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)
    memory = ProjectMemoryRecommender()
    memory.learn(text, Span(3, 9, "LOC", "t", status="rejected"))
    comb = Combiner([Fixed("gazetteer", (3, 9, "LOC", 0.9)), memory])
    assert comb.suggest(doc) == []


def _layer(project: Project) -> Layer:
    doc_id = project.documents()[0].id
    return project.layer(doc_id)


def test_apply_respects_rejections_any_label(project) -> None:  # type: ignore[no-untyped-def]
    layer = _layer(project)
    layer.add(Span(0, 9, "ORG", "tester", status="rejected", origin="gazetteer@1"))
    written = apply_suggestions(
        layer, [Suggestion(0, 9, "LOC", 0.9, "crf@1"), Suggestion(0, 9, "ORG", 0.9, "gazetteer@1")]
    )
    assert written == []
    assert len(layer.spans()) == 1


def test_apply_never_overlaps_accepted_nor_duplicates(project) -> None:  # type: ignore[no-untyped-def]
    layer = _layer(project)
    layer.add(Span(10, 20, "ORG", "tester"))
    sugs = [
        Suggestion(12, 25, "LOC", 0.9, "crf@1"),  # overlaps an accepted span
        Suggestion(10, 20, "LOC", 0.9, "crf@1"),  # same offsets as the accepted span
        Suggestion(30, 35, "LOC", 0.8, "gazetteer@1"),
    ]
    written = apply_suggestions(layer, sugs)
    assert [(s.start, s.end, s.status, s.origin) for s in written] == [
        (30, 35, "suggested", "gazetteer@1")
    ]
    assert apply_suggestions(layer, sugs) == []  # the same again: no duplicates
    assert len(layer.spans()) == 2


def test_apply_replaces_stale_open_suggestions_in_one_write(project) -> None:  # type: ignore[no-untyped-def]
    layer = _layer(project)
    b = 80  # the article's first long line (spans never cross a line break)
    old = layer.add(Span(b + 40, b + 48, "LOC", "tester", status="suggested", origin="crf@1"))
    written = apply_suggestions(layer, [Suggestion(b + 40, b + 60, "LOC", 0.9, "gazetteer@1")])
    assert len(written) == 1 and written[0].id == old.id
    spans = layer.spans()
    assert [(s.start, s.end, s.origin) for s in spans] == [(b + 40, b + 60, "gazetteer@1")]
    # Not when asked to keep them.
    kept = [Suggestion(b + 50, b + 70, "ORG", 0.9, "x@1")]
    assert apply_suggestions(layer, kept, replace_stale=False) == []


def test_suggestions_never_cross_a_line_break(project) -> None:  # type: ignore[no-untyped-def]
    layer = _layer(project)
    assert layer.text[52] == "\n"
    assert apply_suggestions(layer, [Suggestion(45, 60, "LOC", 0.9, "x@1")]) == []
    assert layer.spans() == []


def test_apply_writes_once(project, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    layer = _layer(project)
    commits: list[tuple[Any, ...]] = []
    original = layer._commit

    def commit(*a: Any) -> Any:
        commits.append(a)
        return original(*a)

    monkeypatch.setattr(layer, "_commit", commit)
    sugs = [Suggestion(80 + i * 10, 85 + i * 10, "LOC", 0.9, "g@1") for i in range(5)]
    apply_suggestions(layer, sugs)
    assert len(commits) == 1
    assert len(layer.spans(status="suggested")) == 5


def test_default_recommenders_on_the_sample(project) -> None:  # type: ignore[no-untyped-def]
    recs = default_recommenders(project, "tester")
    names = [r.name for r in recs]
    assert names[0] == "gazetteer" and "memory" in names
    doc_id = project.documents()[0].id
    doc = Document(project.document(doc_id), project.text(doc_id))
    sugs = Combiner(recs).suggest(doc)
    assert sugs and all(a.end <= b.start for a, b in zip(sugs, sugs[1:], strict=False))
    written = apply_suggestions(project.layer(doc_id), sugs)
    assert len(written) == len(sugs)


def test_scores_are_calibrated_after_resolution() -> None:
    crf = Fixed("crf", (0, 10, "LOC", 0.95), (12, 20, "ORG", 0.4))
    gaz = Fixed("gazetteer", (5, 15, "LOC", 0.99))

    def calibrate(origin: str, score: float) -> float:
        return 0.5 if origin.startswith("crf") else score

    got = Combiner([crf, gaz], min_scores={"gazetteer": 0.5}, calibrator=calibrate).suggest(DOC)
    # The crf's raw scores decided (its tier wins), then each score was calibrated.
    assert [(s.start, s.end, s.score) for s in got] == [(0, 10, 0.5), (12, 20, 0.5)]
    raw = Combiner([crf, gaz], min_scores={"gazetteer": 0.5}, calibrator=None).suggest(DOC)
    assert [s.score for s in raw] == [0.95, 0.4]


def test_overlap_resolution_on_many_spans_keeps_no_overlap() -> None:
    import random

    rnd = random.Random(5)
    items = []
    for _ in range(400):
        s = rnd.randrange(0, 39)
        items.append((s, rnd.randrange(s + 1, 41), "LOC", round(rnd.random(), 3)))
    doc = Document(DocumentInfo("d", "d", 0.0, length=41), "x" * 41)
    got = Combiner([Fixed("crf", *items)], calibrator=None).suggest(doc)
    assert all(a.end <= b.start for a, b in zip(got, got[1:], strict=False))
    # Greedy by score: the best-scored span is always kept.
    best = max((i for i in items if i[3] >= 0.3), key=lambda i: (i[3], i[1] - i[0], -i[0]))
    assert (best[0], best[1]) in {(s.start, s.end) for s in got}


def test_a_rules_longer_person_wins_over_a_models_shorter_one() -> None:
    # The team's sports corpus: the project model cut the name at أبو and took the next word.
    from core.extract.rules import RuleRecommender

    text = "وسجل المهاجم الشاب حسن أبو زينب الهدفين."
    doc = Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)

    def at(phrase: str) -> tuple[int, int]:
        return text.index(phrase), text.index(phrase) + len(phrase)

    cut = Fixed("crf", (*at("حسن أبو"), "PERS", 0.9), (*at("زينب الهدفين"), "PERS", 0.8))
    got = Combiner([cut, RuleRecommender()], calibrator=None).suggest(doc)
    assert [(text[s.start : s.end], s.origin) for s in got] == [("حسن أبو زينب", "rules@1")]
    # A model's name of another label, or one that starts before the rule's, still wins.
    for other in (
        Fixed("crf", (*at("حسن أبو"), "ORG", 0.9)),
        Fixed("crf", (*at("الشاب حسن"), "PERS", 0.9)),
    ):
        got = Combiner([other, RuleRecommender()], calibrator=None).suggest(doc)
        assert [s.origin for s in got] == ["crf@1"]


def test_a_models_unsure_label_gives_way_to_the_lists_for_the_same_span() -> None:
    from core.extract.gazetteer import GazetteerRecommender

    # The economy corpus's sentence: a project model tagged الشرق الأوسط ORG at 0.39
    # (calibrated); the gazetteer lists it as a place.
    text = (
        "قال صندوق النقد الدولي في تقريره عن الشرق الأوسط إن النمو سيتباطأ هذا العام، "
        "لكنه توقع تحسنا في الأردن ومصر مع عودة السياحة."
    )
    doc = Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)
    s = text.index("الشرق الأوسط")
    e = s + len("الشرق الأوسط")

    def label_of(raw: float, start: int = s, name: str = "crf-project") -> str:
        model = Fixed(name, (start, e, "ORG", raw))
        found = Combiner([model, GazetteerRecommender()]).suggest(doc)
        return next(x.label for x in found if x.end == e)

    assert label_of(0.55) == "LOC"  # calibrated 0.39: more often wrong than right
    assert label_of(0.95) == "ORG"  # calibrated 0.71: the model keeps its label
    assert label_of(0.55, start=s - 3) == "ORG"  # not the list's span: unchanged
    assert label_of(0.55, name="memory") == "ORG"  # the annotator's own form: never
    # It is the calibrated score that decides: with raw scores as they are, 0.55 keeps ORG.
    model = Fixed("crf-project", (s, e, "ORG", 0.55))
    found = Combiner([model, GazetteerRecommender()], calibrator=lambda o, x: x).suggest(doc)
    assert [x.label for x in found if x.end == e] == ["ORG"]
