"""Selection snapping and edge moves (core.snap), on the sample article's real cases."""

from __future__ import annotations

import pytest

from core.snap import move_edge, snap_selection


def _snap(text: str, fragment: str, *, known: set[str] | None = None, pad: int = 0) -> str | None:
    start = text.index(fragment)
    result = snap_selection(text, start - pad, start + len(fragment) + pad, known_stems=known)
    return None if result is None else text[result[0] : result[1]]


def test_proclitic_with_article_is_trimmed(sample_text: str) -> None:
    assert _snap(sample_text, "والتحالف") == "التحالف"


def test_detached_proclitic_tatweel_and_quotes(sample_text: str) -> None:
    assert _snap(sample_text, "لـ”قسد”") == "قسد"


def test_quotes_and_brackets_trimmed(sample_text: str) -> None:
    assert _snap(sample_text, "“الدولة”") == "الدولة"
    assert _snap(sample_text, "(قسد)") == "قسد"
    assert _snap(sample_text, "(قسد)", pad=1) == "قسد"


def test_partial_word_expands_to_whole_word() -> None:
    text = "في مدينة حلب اليوم"
    start = text.index("دينة")
    assert snap_selection(text, start, start + 2) == (text.index("مدينة"), start + 4)


def test_length_only_split_is_not_trusted() -> None:
    text = "وزارة الداخلية"
    assert _snap(text, "وزارة الداخلية") == "وزارة الداخلية"
    text = "قصف بسوريا أمس"
    assert _snap(text, "بسوريا") == "بسوريا"
    assert _snap(text, "بسوريا", known={"سوريا"}) == "سوريا"


def test_bariif_is_not_split(sample_text: str) -> None:
    assert _snap(sample_text, "بريف") == "بريف"


def test_tatweel_and_punctuation_trimmed_both_edges() -> None:
    text = "قال: «منصة X»، ثم"
    assert _snap(text, "«منصة X»،") == "منصة X"
    assert _snap("ــحلبــ.", "ــحلبــ.") == "حلب"


def test_mixed_direction_span_is_kept() -> None:
    text = "بموجب قرار 2254 الأممي"
    assert _snap(text, "قرار 2254") == "قرار 2254"


def test_only_punctuation_is_none() -> None:
    assert snap_selection("«» ، .", 0, 6) is None
    assert snap_selection("abc", 2, 2) is None


def test_tashkeel_stays_with_its_letter() -> None:
    text = "نفّذت الولايات"
    assert _snap(text, "نفّذت") == "نفّذت"


@pytest.mark.parametrize(
    ("edge", "step", "unit", "expected"),
    [
        ("end", 1, "char", "حلب "),
        ("end", -1, "char", "حل"),
        ("start", -1, "char", " حلب"),
        ("start", 1, "char", "لب"),
        ("end", 1, "word", "حلب الشرقية"),
        ("start", -1, "word", "في حلب"),
    ],
)
def test_move_edge(edge: str, step: int, unit: str, expected: str) -> None:
    text = "في حلب الشرقية"
    start = text.index("حلب")
    moved = move_edge(text, start, start + 3, edge=edge, step=step, unit=unit)
    assert moved is not None
    assert text[moved[0] : moved[1]] == expected


def test_move_edge_never_empties_or_leaves_text() -> None:
    text = "حلب"
    assert move_edge(text, 0, 1, edge="end", step=-1) is None
    assert move_edge(text, 0, 3, edge="end", step=1) is None
    assert move_edge(text, 0, 3, edge="start", step=-1) is None


def test_move_edge_keeps_marks_with_letters() -> None:
    text = "نفّذ"
    moved = move_edge(text, 0, 2, edge="end", step=1)
    assert moved == (0, 4) or text[moved[0] : moved[1]] == "نفّ"
