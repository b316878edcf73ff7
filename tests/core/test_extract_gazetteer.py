"""The gazetteer recommender and the shared phrase matcher."""

from __future__ import annotations

from core.extract.base import Recommender
from core.extract.gazetteer import GazetteerRecommender, build_gazetteer, cldr_names, load_gazetteer
from core.extract.matcher import Entry, PhraseMatcher
from core.model import Document, DocumentInfo


def doc(text: str) -> Document:
    return Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)


def found(text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in GazetteerRecommender().suggest(doc(text))]


def test_is_a_recommender_with_origin() -> None:
    rec = GazetteerRecommender()
    assert isinstance(rec, Recommender)
    assert {s.origin for s in rec.suggest(doc("زار سوريا"))} == {"gazetteer@1"}


def test_cldr_countries_and_cities_come_from_babel() -> None:
    names = {name for name, *_ in cldr_names()}
    assert {"سوريا", "العراق", "دمشق", "بيروت", "القاهرة"} <= names
    assert found("من دمشق إلى القاهرة") == [("دمشق", "LOC"), ("القاهرة", "LOC")]


def test_team_lists_and_cldr_exclusions() -> None:
    gaz = load_gazetteer()
    assert gaz.label_of("الحسكة") == "LOC"
    assert gaz.label_of("الأمم المتحدة") == "ORG"
    assert gaz.label_of("الاتحاد الأوروبي") == "ORG"
    assert gaz.label_of("ترك") is None  # a CLDR city, but an everyday verb
    assert "الامريكيه" in gaz.nationalities


def test_proclitics_normalisation_and_longest_match() -> None:
    text = "وأكد مسؤول في الأُمم المتحدة وبالولايات المتحدة الأمريكية أن للأمم المتحدة دورا"
    assert found(text) == [
        ("الأُمم المتحدة", "ORG"),
        ("الولايات المتحدة الأمريكية", "LOC"),
        ("لأمم المتحدة", "ORG"),
    ]


def test_never_inside_a_word_or_across_punctuation() -> None:
    assert found("السوريانية والسوريون") == []
    assert found("دير، الزور") == []


def test_sample_article(sample_text: str) -> None:
    got = found(sample_text)
    assert ("الحسكة", "LOC") in got
    assert ("دير الزور", "LOC") in got
    assert ("قوات سوريا الديمقراطية", "ORG") in got  # not سوريا inside it
    assert ("سوريا", "LOC") in got
    assert ("نيويورك تايمز", "ORG") in got
    assert ("قسد", "ORG") in got


def test_matcher_prefers_more_tokens_and_keeps_proclitic_out() -> None:
    m = PhraseMatcher()
    m.add("دير", Entry("LOC", 0.5, "t"))
    m.add("دير الزور", Entry("LOC", 0.9, "t"))
    m.add("لبنان", Entry("LOC", 0.9, "t"))
    m.add("بنان", Entry("PERS", 0.9, "t"))
    text = "بدير الزور ولبنان"
    got = [(text[x.start : x.end], x.entry.label) for x in m.find(text)]
    assert got == [("دير الزور", "LOC"), ("لبنان", "LOC")]


def test_folder_without_lists(tmp_path) -> None:  # type: ignore[no-untyped-def]
    gaz = build_gazetteer(tmp_path, cldr=False)
    assert len(gaz.matcher) == 0
    assert GazetteerRecommender(gaz).suggest(doc("سوريا")) == []
