"""What the annotator confirmed outweighs a model's cut or nested name, on real sentences.

The sentences are from the team's learning corpora (bench/economy_corpus.py,
bench/sports_corpus.py), where the simulated annotator met these errors.
"""

from __future__ import annotations

from core.extract.base import Suggestion
from core.extract.memory import ProjectMemoryRecommender
from core.extract.pipeline import Combiner
from core.extract.rules import trim_triggers
from core.model import Document, DocumentInfo, Span

FIRST = (
    "قالت لينا عبيدات إن الحكومة ستطرح حصة من شركة الكهرباء الوطنية للبيع في "
    "بورصة عمان، وإن العائدات ستخصص لخفض الدين العام."
)
LATER = (
    "سجلت بورصة عمان أكبر ارتفاع منذ سنوات بعد إدراج شركة الكهرباء الوطنية، "
    "وقالت لينا عبيدات إن الإقبال فاق التوقعات."
)
AMMAN = "وقالت مديرة المكتب الإقليمي سارة بيرنز إن المشروع يخدم عمان أيضا."
CUP_FIRST = "شارك الجيش في كأس الاتحاد الآسيوي وتعادل مع العهد في بيروت بهدفين لمثلهما."
CUP_LATER = "تأهل الجيش إلى الدور التالي من كأس الاتحاد الآسيوي بعد فوزه على العهد."


class Fixed:
    """A recommender that suggests the given (surface, label, score) wherever they occur."""

    def __init__(self, name: str, items: list[tuple[str, str, float]]) -> None:
        self.name, self.version, self.items = name, 1, items

    def suggest(self, document: Document) -> list[Suggestion]:
        out = []
        for surface, label, score in self.items:
            at = document.text.find(surface)
            if at >= 0:
                out.append(Suggestion(at, at + len(surface), label, score, f"{self.name}@1"))
        return out


def doc(text: str) -> Document:
    return Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)


def span(text: str, surface: str, label: str, status: str = "accepted") -> Span:
    start = text.index(surface)
    return Span(start, start + len(surface), label, "tester", status=status)


def found(recs: list, text: str) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    got = Combiner(recs, calibrator=None).suggest(doc(text))
    return [(text[s.start : s.end], s.label, s.origin.split("@")[0]) for s in got]


def test_a_confirmed_name_beats_the_model_nested_place_inside_it() -> None:
    memory = ProjectMemoryRecommender()
    memory.learn(FIRST, span(FIRST, "بورصة عمان", "ORG"))
    crf = Fixed("crf", [("عمان", "LOC", 0.99)])
    assert ("بورصة عمان", "ORG", "memory") in found([crf, memory], LATER)
    assert not any(surface == "عمان" for surface, _, _ in found([crf, memory], LATER))
    # Where the memory has nothing longer, the model's place stands.
    assert found([crf, memory], AMMAN) == [("عمان", "LOC", "crf")]


def test_a_confirmed_name_beats_the_model_cut_of_it() -> None:
    memory = ProjectMemoryRecommender()
    memory.learn(CUP_FIRST, span(CUP_FIRST, "كأس الاتحاد الآسيوي", "MISC"))
    crf = Fixed("crf-project", [("كأس الاتحاد", "MISC", 0.77), ("العهد", "ORG", 0.95)])
    assert found([crf, memory], CUP_LATER) == [
        ("كأس الاتحاد الآسيوي", "MISC", "memory"),
        ("العهد", "ORG", "crf-project"),
    ]


def test_a_confirmed_form_keeps_the_trigger_noun_the_annotator_kept() -> None:
    assert trim_triggers("شركة الكهرباء الوطنية", 0, 21) == (5, 21)  # a model's span is trimmed
    memory = ProjectMemoryRecommender()
    memory.learn(FIRST, span(FIRST, "شركة الكهرباء الوطنية", "ORG"))
    crf = Fixed("crf-project", [("شركة الكهرباء الوطنية", "ORG", 0.93)])
    assert ("شركة الكهرباء الوطنية", "ORG", "memory") in found([crf, memory], LATER)


def test_rejecting_a_piece_of_a_confirmed_name_does_not_veto_the_piece() -> None:
    memory = ProjectMemoryRecommender()
    # The default model's nested عمان was rejected where the annotator marked بورصة عمان.
    memory.learn(FIRST, span(FIRST, "عمان", "LOC", status="rejected"))
    memory.learn(FIRST, span(FIRST, "بورصة عمان", "ORG"))
    assert not memory.is_rejected("عمان", "LOC")
    assert found([Fixed("crf", [("عمان", "LOC", 0.7)]), memory], AMMAN) == [("عمان", "LOC", "crf")]
    # Rejected again on its own, more often than names hold it: vetoed.
    memory.learn(AMMAN, span(AMMAN, "عمان", "LOC", status="rejected"))
    assert memory.is_rejected("عمان", "LOC")
    # Undoing the confirmation takes its weight back.
    memory.unlearn(FIRST, span(FIRST, "بورصة عمان", "ORG"))
    memory.unlearn(AMMAN, span(AMMAN, "عمان", "LOC", status="rejected"))
    assert memory.is_rejected("عمان", "LOC")
    assert not memory.inside


def test_a_bare_cup_is_no_competition() -> None:
    text = "أحرز الجيش لقب كأس الجمهورية بعد فوزه على الكرامة بركلات الترجيح."
    for word in ("كأس", "بكأس", "لكأس"):
        assert trim_triggers(word, 0, len(word)) is None
    start = text.index("كأس")
    assert trim_triggers(text, start, start + len("كأس الجمهورية")) == (
        start,
        start + len("كأس الجمهورية"),
    )
    crf = Fixed("crf-project", [("كأس", "MISC", 0.75), ("الكرامة", "ORG", 1.0)])
    assert found([crf], text) == [("الكرامة", "ORG", "crf-project")]
