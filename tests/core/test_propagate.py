"""find_occurrences: normalised, proclitic-aware, never inside another word."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from core.propagate import find_occurrences, normalize_surface
from core.text import is_arabic_letter, normalize_str


def found(text: str, surface: str, **kw: object) -> list[str]:
    return [text[s:e] for s, e in find_occurrences(text, surface, **kw)]  # type: ignore[arg-type]


def test_proclitics_are_excluded_from_the_span() -> None:
    text = "زار سوريا ثم عاد بسوريا ولسوريا وبسوريا فسوريا كسوريا"
    assert found(text, "سوريا") == ["سوريا"] * 6


def test_never_inside_another_word() -> None:
    text = "اللغة السوريانية والسوريون وسورياتي"
    assert found(text, "سوريا") == []


def test_article_forms_from_the_recogito_bug() -> None:
    text = "انتشر الفيروس ثم أصيب بالفيروس، والفيروسات كثيرة، وللفيروس أثر"
    spans = find_occurrences(text, "الفيروس")
    got = [text[s:e] for s, e in spans]
    # الفيروس, the stem of بالفيروس, and لفيروس in وللفيروس (the article's alef is elided).
    assert got == ["الفيروس", "الفيروس", "لفيروس"]
    assert text[spans[1][0] - 1] == "ب"
    assert "الفيروسات" not in got


def test_surface_without_article_matches_with_article() -> None:
    text = "الفيروس فيروس بالفيروس الفيروسات للفيروس"
    assert found(text, "فيروس") == ["فيروس"] * 4


def test_normalisation_maps_back_to_original_offsets() -> None:
    # Tashkeel, tatweel, hamza forms and a direction mark inside the match.
    text = "قالت الأُمَمُ المتحـدة\u200f إن الامم المتحدة والأمم  المتحدة"
    spans = find_occurrences(text, "الأمم المتحدة")
    assert len(spans) == 3
    for s, e in spans:
        assert normalize_str(text[s:e]).replace("\u0640", "").split() == ["الامم", "المتحده"]
    assert text[spans[0][0] : spans[0][1]] == "الأُمَمُ المتحـدة"


def test_surface_proclitic_is_stripped_only_when_safe() -> None:
    assert normalize_surface("والتحالف") == "التحالف"
    assert normalize_surface("بالفيروس") == "الفيروس"
    assert normalize_surface("لـ”قسد”") == "قسد"
    assert normalize_surface("بغداد") == "بغداد"
    assert normalize_surface("فلسطين") == "فلسطين"
    assert normalize_surface("“الدولة”") == "الدوله"


def test_known_stems_keep_whole_words_whole() -> None:
    text = "بيروت عاصمة لبنان"
    assert found(text, "بنان") == ["بنان"]
    assert found(text, "بنان", known_stems={"لبنان"}) == []


def test_sample_article(sample_text: str) -> None:
    text = sample_text
    qsd = find_occurrences(text, "لـ”قسد”")
    assert len(qsd) == text.count("قسد")
    assert all(text[s:e] == "قسد" for s, e in qsd)
    coalition = find_occurrences(text, "والتحالف")
    assert all(text[s:e] == "التحالف" for s, e in coalition)
    assert any(text[s - 1] == "و" for s, _ in coalition)
    assert len(coalition) == text.count("التحالف")
    # "دير الزور" across a space; "الحسكة" after بريف.
    assert len(find_occurrences(text, "دير الزور")) == text.count("دير الزور")
    assert [text[s:e] for s, e in find_occurrences(text, "الحسكة")] == ["الحسكة"] * 2
    # سوريا is never found inside السورية.
    spans = find_occurrences(text, "سوريا")
    assert spans and all(text[s:e] == "سوريا" for s, e in spans)
    assert all(not is_arabic_letter(text[e]) for s, e in spans if e < len(text))


def test_empty_and_punctuation_only_surfaces() -> None:
    assert find_occurrences("نص", "") == []
    assert find_occurrences("نص", "“”") == []


_WORDS = st.sampled_from(["سوريا", "بسوريا", "السوريانية", "حلب", "وحلب", "قسد", "لـ”قسد”", "X"])


@given(st.lists(_WORDS, max_size=12), st.sampled_from(["سوريا", "حلب", "قسد"]))
def test_property_matches_are_whole_stems(words: list[str], surface: str) -> None:
    text = " ".join(words)
    spans = find_occurrences(text, surface)
    for s, e in spans:
        assert normalize_str(text[s:e]) == normalize_str(surface)
        assert e == len(text) or not is_arabic_letter(text[e])
    expected = sum(1 for w in words if normalize_str(w).strip("”“ـ").lstrip("وبل“”ـ") == surface)
    assert len(spans) == expected
