"""The errors a user saw at once, each on its real sentence, with the bundled extractor."""

from __future__ import annotations

import pytest

from core.extract.base import Suggestion
from core.extract.pipeline import Combiner, default_recommenders
from core.extract.rules import trim_triggers
from core.model import Document, DocumentInfo

HASAKAH = (
    "مناورات عسكرية مشتركة بين قسد والتحالف الدولي في المالكية بريف الحسكة "
    "لمحاربة تنظيم الدولة- أيلول 2023 (قسد)"
)
DEIR_EZZOR = (
    "كانت هجمات التنظيم خلال العام الماضي حالة شبه يومية بريف دير الزور الشرقي، لكن "
    "الإعلان عن وقوعها كان يقتصر على المعرفات الرسمية للتنظيم، وتجاهلته “قسد” باستمرار"
)
SDF = (
    "عاد تنظيم “الدولة الإسلامية” إلى شيء من نشاطه خلال الأسابيع القليلة الماضية، "
    "مهاجمًا الحكومة السورية و”قوات سوريا الديمقراطية” (قسد)، مع اختلاف في الأسلوب."
)
MACRON = "French President Emmanuel Macron visited Aleppo on Tuesday."


@pytest.fixture(scope="module")
def combiner() -> Combiner:
    return Combiner(default_recommenders())


def suggest(combiner: Combiner, text: str) -> list[tuple[str, str, Suggestion]]:
    doc = Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)
    return [(text[s.start : s.end], s.label, s) for s in combiner.suggest(doc)]


@pytest.mark.parametrize("text", [HASAKAH, DEIR_EZZOR])
def test_rif_with_a_proclitic_is_never_a_place(combiner: Combiner, text: str) -> None:
    found = suggest(combiner, text)
    assert all("ريف" not in surface for surface, _, _ in found)
    places = {surface for surface, label, _ in found if label == "LOC"}
    assert "الحسكة" in places or "دير الزور" in places


def test_trigger_nouns_alone_are_dropped_and_trimmed() -> None:
    for word in ("بريف", "وريف", "بمدينة", "قوات"):
        assert trim_triggers(word, 0, len(word)) is None
    text = "بريف الحسكة"
    assert trim_triggers(text, 0, len(text)) == (text.index("الحسكة"), len(text))
    text = "قوات سوريا الديمقراطية"
    assert trim_triggers(text, 0, len(text)) == (0, len(text))


def test_organisation_headed_by_quwwat_wins_over_the_nested_place(combiner: Combiner) -> None:
    found = suggest(combiner, SDF)
    assert ("قوات سوريا الديمقراطية", "ORG") in {(s, lab) for s, lab, _ in found}
    assert all(not (lab == "LOC" and "الديمقراطية" in s) for s, lab, _ in found)


def test_an_english_clause_is_never_one_entity(combiner: Combiner) -> None:
    found = {(s, lab) for s, lab, _ in suggest(combiner, MACRON)}
    assert ("Emmanuel Macron", "PERS") in found
    assert ("Aleppo", "LOC") in found
    assert all(" visited " not in s and "President" not in s for s, _ in found)


def test_english_organisation_keeps_its_nationality_word(combiner: Combiner) -> None:
    text = "The Syrian Democratic Forces said the attack killed five people."
    found = {(s, lab) for s, lab, _ in suggest(combiner, text)}
    assert found == {("Syrian Democratic Forces", "ORG")}
