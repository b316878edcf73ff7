"""The annotator's conventions: a confirmed ``منتدى …`` MISC suggests the next ``منتدى …``;
what follows ``ملعب`` is a LOC once the annotator has confirmed it so three times."""

from __future__ import annotations

from core.extract.base import Suggestion
from core.extract.conventions import (
    MIN_CONTEXT,
    ContextConventions,
    HeadConventions,
    readings,
    word_before,
)
from core.extract.memory import ProjectMemoryRecommender
from core.extract.pipeline import Combiner
from core.model import Document, DocumentInfo, Span

# Sentences of the team's economy corpus (bench/economy_corpus.py).
FORUM = "وقال مدير منتدى الطاقة العربي إن الاستثمار في الطاقة الشمسية تضاعف"
LATER = "وعقد منتدى الموانئ العربية دورته في العقبة، بمشاركة وزارة النقل"
COMPANY = "أعلنت شركة الكهرباء الوطنية رفع أسعار الكهرباء على القطاع الصناعي"


def span_of(text: str, surface: str, label: str, status: str = "accepted") -> Span:
    start = text.index(surface)
    return Span(start, start + len(surface), label, "test", status=status)


def doc(text: str) -> Document:
    return Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)


def found(memory: ProjectMemoryRecommender, text: str) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.label) for s in memory.suggest(doc(text))]


def test_a_confirmed_head_suggests_the_next_name_it_heads() -> None:
    memory = ProjectMemoryRecommender()
    memory.learn(FORUM, span_of(FORUM, "منتدى الطاقة العربي", "MISC"))
    assert found(memory, LATER) == [("منتدى الموانئ العربية", "MISC")]
    # After a proclitic the name starts after it; the name ends with its definite words.
    text = "وشارك الوزير بمنتدى الأعمال الأردني الذي عقد أمس"
    assert found(memory, text) == [("منتدى الأعمال الأردني", "MISC")]


def test_a_name_ends_where_another_head_starts_after_wa() -> None:
    # The sample article: الأمم المتحدة والولايات المتحدة are two names.
    memory = ProjectMemoryRecommender()
    text = "أكدت الأمم المتحدة أن الولايات المتحدة"
    memory.learn(text, span_of(text, "الأمم المتحدة", "ORG"))
    memory.learn(text, span_of(text, "الولايات المتحدة", "LOC"))
    later = "ودعت الأمم المتحدة والولايات المتحدة إلى"
    assert ("الأمم المتحدة", "ORG") in found(memory, later)


def test_a_head_alone_or_before_an_indefinite_word_is_no_name() -> None:
    memory = ProjectMemoryRecommender()
    memory.learn(FORUM, span_of(FORUM, "منتدى الطاقة العربي", "MISC"))
    assert found(memory, "وانتهى المنتدى. ثم عقد منتدى كبير") == []


def test_rejections_and_undo_take_the_convention_back() -> None:
    memory = ProjectMemoryRecommender()
    accepted = span_of(COMPANY, "شركة الكهرباء الوطنية", "ORG")
    memory.learn(COMPANY, accepted)
    text = "ووقعت شركة البوتاس العربية اتفاقا"
    assert found(memory, text) == [("شركة البوتاس العربية", "ORG")]
    rejected = span_of(text, "شركة البوتاس العربية", "ORG", status="rejected")
    memory.learn(text, rejected)
    assert found(memory, "وقالت شركة الفوسفات الأردنية") == []
    memory.unlearn(text, rejected)
    assert found(memory, "وقالت شركة الفوسفات الأردنية") == [("شركة الفوسفات الأردنية", "ORG")]
    memory.unlearn(COMPANY, accepted)
    assert found(memory, "وقالت شركة الفوسفات الأردنية") == []


def test_persons_and_one_word_names_teach_no_head() -> None:
    heads = HeadConventions()
    text = "وقال عمر السومة إن الأردن"
    start = text.index("عمر")
    heads.count(text, start, start + len("عمر السومة"), "PERS", True, +1)
    heads.count(text, text.index("الأردن"), len(text), "LOC", True, +1)
    assert heads.active == {}


def test_the_head_form_outweighs_a_model_name_inside_it() -> None:
    memory = ProjectMemoryRecommender()
    memory.learn(COMPANY, span_of(COMPANY, "شركة الكهرباء الوطنية", "ORG"))
    text = "وقالت شركة الفوسفات الأردنية إن"
    start = text.index("الفوسفات")

    class Model:
        name, version = "crf", 1

        def suggest(self, document: Document) -> list[Suggestion]:
            return [Suggestion(start, start + len("الفوسفات الأردنية"), "ORG", 0.9, "crf@1")]

    got = Combiner([Model(), memory], calibrator=None).suggest(doc(text))
    assert [(text[s.start : s.end], s.label, s.origin) for s in got] == [
        ("شركة الفوسفات الأردنية", "ORG", "memory@1")
    ]


def test_readings_strip_proclitics_and_restore_the_article() -> None:
    assert dict((form, off) for off, form in readings("وبمنتدى"))["منتدي"] == 2
    assert "المؤتمر" in {form for _, form in readings("للمؤتمر")}


# Sentences of the team's sports corpus (bench/sports_corpus.py).
STADIUMS = [
    ("افتتح تشرين موسمه بفوز صعب على الطليعة بهدف دون رد على ملعب الباسل في اللاذقية", "الباسل"),
    ("حقق الاتحاد فوزه الأول على الحرية بثلاثة أهداف على ملعب الحمدانية في حلب", "الحمدانية"),
    ("ويلتقي حطين مع تشرين في الأسبوع الثالث على ملعب العباسيين", "العباسيين"),
]
KHALED = "فاز الكرامة بهدف على ملعب خالد بن الوليد، وسجل عمر خريبين"


def model_says(text: str, surface: str, label: str) -> object:
    start = text.index(surface)

    class Model:
        name, version = "crf", 1

        def suggest(self, document: Document) -> list[Suggestion]:
            return [Suggestion(start, start + len(surface), label, 0.9, "crf@1")]

    return Model()


def combined(memory: ProjectMemoryRecommender, text: str, model: object) -> list[tuple[str, str]]:
    got = Combiner([model, memory], calibrator=None).suggest(doc(text))  # type: ignore[list-item]
    return [(text[s.start : s.end], s.label) for s in got]


def test_a_word_that_only_ever_preceded_one_label_relabels_what_follows_it() -> None:
    assert MIN_CONTEXT == len(STADIUMS)
    memory = ProjectMemoryRecommender()
    model = model_says(KHALED, "خالد بن الوليد", "PERS")
    for text, name in STADIUMS[:-1]:
        memory.learn(text, span_of(text, name, "LOC"))
    assert combined(memory, KHALED, model) == [("خالد بن الوليد", "PERS")]  # two: not yet
    text, name = STADIUMS[-1]
    memory.learn(text, span_of(text, name, "LOC"))
    assert combined(memory, KHALED, model) == [("خالد بن الوليد", "LOC")]
    # A stadium confirmed as something else breaks the convention; its undo restores it.
    other = "وتدرب الفريق على ملعب الجيش قبل المباراة"
    club = span_of(other, "الجيش", "ORG")
    memory.learn(other, club)
    assert combined(memory, KHALED, model) == [("خالد بن الوليد", "PERS")]
    memory.unlearn(other, club)
    assert combined(memory, KHALED, model) == [("خالد بن الوليد", "LOC")]


def test_a_rejected_label_after_the_word_counts_against_it() -> None:
    contexts = ContextConventions()
    for text, name in STADIUMS:
        start = text.index(name)
        contexts.count(text, start, start + len(name), "LOC", True, +1)
    assert contexts.label_after(KHALED, KHALED.index("خالد")) == "LOC"
    start = KHALED.index("خالد")
    contexts.count(KHALED, start, start + 4, "LOC", False, +1)
    assert contexts.label_after(KHALED, start) is None  # net 2, below the threshold


def test_particles_line_breaks_and_cut_names_have_no_word_before() -> None:
    text = "لعب في حمص ثم\nحماة وبتشرين"
    assert word_before(text, text.index("حمص")) is None  # في precedes names of every kind
    assert word_before(text, text.index("حماة")) is None  # a new line
    assert word_before(text, text.index("تشرين")) is None  # cut after the proclitic
    assert word_before(text, text.index("وبتشرين")) == "حماه"
    # ANERcorp: adjectives and verbs come before names of every kind.
    for before in ("الجيش الأمريكي للعراق", "وكان بنفيكا", "الأمين العام كوفي"):
        *_, name = before.split()
        assert word_before(before, before.index(name)) is None
    contexts = ContextConventions()
    for _ in range(5):
        contexts.count(text, text.index("حمص"), text.index("حمص") + 3, "LOC", True, +1)
    assert contexts.active == {}
