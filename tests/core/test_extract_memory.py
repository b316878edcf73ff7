"""Project memory: learns from decisions at once, and vetoes rejected forms."""

from __future__ import annotations

from core.extract.base import Suggestion
from core.extract.memory import ProjectMemoryRecommender
from core.model import Document, DocumentInfo, Span


def doc(text: str) -> Document:
    return Document(DocumentInfo("d", "d", 0.0, length=len(text)), text)


def span(text: str, word: str, label: str, status: str = "accepted") -> Span:
    start = text.index(word)
    return Span(start, start + len(word), label, "tester", status=status)


def test_learns_accepted_forms_with_proclitics_and_suggests_them() -> None:
    memory = ProjectMemoryRecommender()
    first = "قال متحدث باسم قسد إن الهجوم فشل"
    memory.learn(first, span(first, "قسد", "ORG"))
    other = "وأكدت لـ”قسد” مصادر، ثم قالت قسد وبقسد"
    got = [(other[s.start : s.end], s.label, s.origin) for s in memory.suggest(doc(other))]
    assert got == [("قسد", "ORG", "memory@1")] * 3


def test_a_name_confirmed_with_its_first_letters_is_suggested_whole() -> None:
    # فاليريو looks like ف + الـ + يريو; the form is stored without the ف, but the
    # annotator kept it in the span, so the name comes back whole (the team's sports corpus).
    memory = ProjectMemoryRecommender()
    first = "وقع الاتحاد عقدا مع المدرب الروماني فاليريو تيتا"
    memory.learn(first, span(first, "فاليريو تيتا", "PERS"))
    other = "وقال فاليريو تيتا إن فريقه يستحق الفوز"
    got = [other[s.start : s.end] for s in memory.suggest(doc(other))]
    assert got == ["فاليريو تيتا"]
    # The model's cut the annotator rejected there does not outweigh the whole name.
    cut = Span(first.index("اليريو"), len(first), "PERS", "tester", status="rejected")
    memory.learn(first, cut)
    assert [other[s.start : s.end] for s in memory.suggest(doc(other))] == ["فاليريو تيتا"]
    memory.unlearn(first, cut)
    # With tashkeel on the proclitic too (فَاليريو).
    marked = first.replace("فاليريو", "فَاليريو")
    cut = Span(marked.index("اليريو"), len(marked), "PERS", "tester", status="rejected")
    memory.learn(marked, cut)
    assert [other[s.start : s.end] for s in memory.suggest(doc(other))] == ["فاليريو تيتا"]
    memory.unlearn(marked, cut)
    # Taken back (undo), the form is found as the matcher reads it again.
    memory.unlearn(first, span(first, "فاليريو تيتا", "PERS"))
    memory.learn(first, span(first, "اليريو تيتا", "PERS"))
    assert [other[s.start : s.end] for s in memory.suggest(doc(other))] == ["اليريو تيتا"]
    # A proclitic the annotator left out of the span stays out (و + تشرين).
    memory = ProjectMemoryRecommender()
    text = "فاز تشرين على الطليعة وتشرين"
    memory.learn(text, span(text, "تشرين", "ORG"))
    later = "وتشرين"
    assert [later[s.start : s.end] for s in memory.suggest(doc(later))] == ["تشرين"]
    # ... and a rejection of it after و still counts against it.
    memory.learn(text, Span(text.rindex("تشرين"), len(text), "ORG", "t", status="rejected"))
    memory.learn(text, Span(text.rindex("تشرين"), len(text), "ORG", "t", status="rejected"))
    assert memory.suggest(doc(later)) == []


def test_majority_label_and_unlearn() -> None:
    memory = ProjectMemoryRecommender()
    text = "الدولة الدولة الدولة"
    memory.learn(text, Span(0, 6, "ORG", "t"))
    memory.learn(text, Span(7, 13, "ORG", "t"))
    memory.learn(text, Span(14, 20, "LOC", "t"))
    assert memory.label_of("“الدولة”") == "ORG"
    memory.unlearn(text, Span(0, 6, "ORG", "t"))
    memory.unlearn(text, Span(7, 13, "ORG", "t"))
    assert memory.label_of("الدولة") == "LOC"


def test_rejected_more_than_accepted_is_suppressed_and_vetoed() -> None:
    memory = ProjectMemoryRecommender()
    text = "في الخليج وفي الخليج"
    memory.learn(text, Span(3, 9, "LOC", "t"))
    assert memory.label_of("الخليج") == "LOC"
    memory.learn(text, Span(3, 9, "LOC", "t", status="rejected"))
    memory.learn(text, Span(14, 20, "LOC", "t", status="rejected"))
    assert memory.label_of("الخليج") is None
    assert memory.suggest(doc(text)) == []
    assert memory.is_rejected("الخليج", "LOC")
    sugs = [Suggestion(3, 9, "LOC", 0.9, "gazetteer@1"), Suggestion(3, 9, "ORG", 0.9, "crf@1")]
    assert memory.veto(doc(text), sugs) == [sugs[1]]
    # Suggested spans teach nothing.
    memory.learn(text, Span(3, 9, "LOC", "t", status="suggested"))
    assert memory.is_rejected("الخليج", "LOC")


def test_from_project(project) -> None:  # type: ignore[no-untyped-def]
    doc_id = project.documents()[0].id
    text = project.text(doc_id)
    layer = project.layer(doc_id)
    start = text.index("الحسكة")
    layer.add(Span(start, start + 6, "LOC", "tester"))
    start = text.index("المالكية")
    layer.add(Span(start, start + 8, "LOC", "tester", status="rejected"))
    memory = ProjectMemoryRecommender.from_project(project, "tester")
    assert memory.label_of("الحسكة") == "LOC"
    assert memory.is_rejected("المالكية", "LOC")
    assert len(memory) == 1
