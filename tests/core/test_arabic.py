"""core.arabic: the one proclitic policy and the two word-character notions."""

from __future__ import annotations

from core.arabic import (
    has_article,
    is_word_letter,
    is_word_part,
    may_carry_proclitic,
    name_stem_offset,
    trusted_split,
)


def test_word_part_and_word_letter_differ_on_marks_and_joiners() -> None:
    fatha, zwnj = "\u064e", "\u200c"
    assert is_word_part(fatha) and not is_word_letter(fatha)
    assert is_word_part(zwnj) and not is_word_letter(zwnj)
    for ch in ("س", "a", "7"):
        assert is_word_part(ch) and is_word_letter(ch)
    for ch in (" ", "،", "-"):
        assert not is_word_part(ch) and not is_word_letter(ch)
    assert not is_word_part("\u0640")  # tatweel ends a selection's word (normalising drops it)


def test_name_stem_offset_strips_only_safely() -> None:
    known = {"سوريا"}.__contains__
    assert name_stem_offset("والعراق") == 1
    assert name_stem_offset("بسوريا", known) == 1
    assert name_stem_offset("بسوريا") == 0  # not by length alone
    assert name_stem_offset("بغداد", known) == 0
    assert name_stem_offset("بريف") == 0
    # A known name that looks like proclitic + article stays whole.
    places = {"كاليفورنيا", "عراق"}.__contains__
    assert name_stem_offset("كاليفورنيا", places) == 0
    assert name_stem_offset("كاليفورنيا") == 1  # unknown, it reads as ك + اليفورنيا


def test_trusted_split_for_selections() -> None:
    assert trusted_split("لـ”قسد”", 3)  # detached by tatweel and a quote
    assert trusted_split("والتحالف", 1)
    assert not trusted_split("وزارة", 1)
    assert trusted_split("بسوريا", 1, {"سوريا"})


def test_article_and_proclitic_letters() -> None:
    assert has_article("الحسكة") and not has_article("الم")
    assert may_carry_proclitic("وسوريا") and not may_carry_proclitic("سوريا")
    assert not may_carry_proclitic("")
