"""The proclitic policy: which leading particle may be stripped, and where a word ends.

Snapping (core.snap), propagation and phrase matching (core.propagate,
core.extract.matcher), the CRF's features and spans (core.extract) and CoNLL
export (core.formats.conll) all ask this module, so they agree on what a
proclitic is.

Word characters
    Two notions, with two names. :func:`is_word_part` is for stored text as
    the user selects it: letters, digits, combining marks and joiners continue
    a word, tatweel does not. :func:`is_word_letter` is for normalised text
    (marks and tatweel already removed): letters and digits only.

Proclitic splits (:func:`proclitic_splits`)
    A proclitic sequence is an optional conjunction و/ف followed by an
    optional preposition ب/ك/ل (at least one letter): و ف ب ك ل وب وك ول فب
    فك فل. Tashkeel on the proclitic letters, and any tatweel, quotes,
    brackets or invisible marks right after them, belong to the proclitic
    side; the split offset is the index of the stem's first Arabic letter.
    The stem is the following run of Arabic letters (with marks/tatweel).
    A split is plausible when the stem has at least 2 letters and:
      1. the proclitic is visibly detached (tatweel/quote/bracket between it
         and the stem, as in لـ”قسد”); or
      2. the normalised stem is in ``known_stems``; or
      3. the stem starts with the article ال (ال/ٱل) and has at least 2
         letters after it (بالفيروس -> ب|الفيروس; the article stays with the
         stem; والد stays whole); or
      4. the proclitic ends in ل and the stem starts with ل followed by at
         least 2 letters: the article's alef is elided after ل, so للتنظيم
         splits once, after the first ل (-> [1]); the stem لتنظيم carries
         the article like الفيروس does. ولل gives [1, 2]; or
      5. otherwise by length: at least 4 stem letters after a single-letter
         proclitic (بسوريا, بناحية, لمحاربة, وتنظيم split; بريف, بلدة do
         not), at least 3 after a two-letter one (وبريف -> [1, 2]).
    ال alone is never a split (الدولة -> []). Without a lexicon, words that
    merely start with these letters are sometimes split (بادية, فلسطين);
    callers matching against a gazetteer should check the stem, not trust
    the split blindly.

Safe stripping (names)
    A split is only a reading. Stripping a proclitic from a name needs more:
    :func:`trusted_split` (snapping: visibly detached, before the article, or
    a known stem; never by length, so وزارة stays whole) and
    :func:`name_stem_offset` (suggested spans: before the article, or before a
    known name when the whole token is not one itself, so بغداد stays whole).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Container

import pyarabic.araby as araby  # type: ignore[import-untyped]

from core.text import (
    ARABIC_LETTERS,
    ARABIC_MARKS,
    IGNORABLE,
    QUOTES_BRACKETS,
    TATWEEL,
    is_arabic_letter,
    normalize_str,
)

__all__ = [
    "ARTICLE",
    "PROCLITIC_LETTERS",
    "has_article",
    "is_word_letter",
    "is_word_part",
    "may_carry_proclitic",
    "name_stem_offset",
    "proclitic_splits",
    "strip_proclitic",
    "trusted_split",
    "visibly_detached",
]

ARTICLE = "ال"
_CONJUNCTIONS = "وف"
_PREPOSITIONS = "بكل"
PROCLITIC_LETTERS = _CONJUNCTIONS + _PREPOSITIONS
_JOINERS = "\u200c\u200d"
_ARTICLE_ALEF_CHARS = "اٱ"


def is_word_part(ch: str) -> bool:
    """True for characters that continue a word in stored text: letters, digits, marks, joiners."""
    if ch == TATWEEL:
        return False
    if ch.isalnum():
        return True
    return unicodedata.category(ch) in ("Mn", "Mc") or ch in _JOINERS


def is_word_letter(ch: str) -> bool:
    """True for characters that continue a word in normalised text: letters and digits."""
    return is_arabic_letter(ch) or ch.isalnum()


def may_carry_proclitic(norm: str) -> bool:
    """True if a normalised token starts with a proclitic letter (و ف ب ك ل)."""
    return norm[:1] in PROCLITIC_LETTERS and norm[:1] != ""


def has_article(stem: str) -> bool:
    """True if a normalised stem carries the article ال with at least two letters after it."""
    return stem.startswith(ARTICLE) and len(stem) > len(ARTICLE) + 1


_LAM: str = araby.LAM
_ARTICLE_ALEFS: tuple[str, ...] = (araby.ALEF, araby.ALEF_WASLA)
_DETACHERS: frozenset[str] = frozenset(TATWEEL) | QUOTES_BRACKETS | IGNORABLE
_LEADING_SKIP: frozenset[str] = QUOTES_BRACKETS | IGNORABLE
_STEM_CHARS: frozenset[str] = ARABIC_LETTERS | ARABIC_MARKS | {TATWEEL} | IGNORABLE
_MIN_STEM = 2  # floor for every rule
_MIN_AFTER_ARTICLE = 2
_MIN_STEM_SINGLE = 4  # after و ف ب ك ل alone: keeps بريف, بلدة whole
_MIN_STEM_DOUBLE = 3  # after وب فل ...: two proclitic letters are rarer by chance


def _stem_run(token: str, pos: int) -> str:
    end = pos
    while end < len(token) and token[end] in _STEM_CHARS:
        end += 1
    return token[pos:end]


def _plausible(
    stem: str, proclitic: str, detached: bool, known_stems: Container[str] | None
) -> bool:
    letters = [c for c in stem if c in ARABIC_LETTERS]
    if len(letters) < _MIN_STEM:
        return False
    if detached:
        return True
    if known_stems is not None and normalize_str(stem) in known_stems:
        return True
    if letters[0] in _ARTICLE_ALEFS and letters[1] == _LAM:
        if len(letters) - 2 >= _MIN_AFTER_ARTICLE:
            return True
    elif proclitic[-1] == _LAM and letters[0] == _LAM:
        # ل + ال elides the alef: the stem's leading ل is the article.
        if len(letters) - 1 >= _MIN_AFTER_ARTICLE:
            return True
    need = _MIN_STEM_SINGLE if len(proclitic) == 1 else _MIN_STEM_DOUBLE
    return len(letters) >= need


def proclitic_splits(token: str, known_stems: Container[str] | None = None) -> list[int]:
    """Return ascending offsets in ``token`` where a stem may start after proclitics."""
    n = len(token)
    pos = 0
    while pos < n and token[pos] in _LEADING_SKIP:
        pos += 1
    splits: list[int] = []
    proclitic = ""
    while pos < n and len(proclitic) < 2:
        ch = token[pos]
        if proclitic:
            # Only a conjunction may be followed by a second (prepositional) letter.
            fits = proclitic in _CONJUNCTIONS and ch in _PREPOSITIONS
        else:
            fits = ch in _CONJUNCTIONS or ch in _PREPOSITIONS
        if not fits:
            break
        proclitic += ch
        pos += 1
        detached = False
        while pos < n and (token[pos] in ARABIC_MARKS or token[pos] in _DETACHERS):
            detached = detached or token[pos] in _DETACHERS
            pos += 1
        if pos < n and token[pos] in ARABIC_LETTERS:
            if _plausible(_stem_run(token, pos), proclitic, detached, known_stems):
                splits.append(pos)
        if detached:
            break  # a visibly detached proclitic closes the sequence
    return splits


def strip_proclitic(token: str, known_stems: Container[str] | None = None) -> int:
    """Return the stem start of the longest plausible proclitic split, or 0."""
    splits = proclitic_splits(token, known_stems)
    return splits[-1] if splits else 0


def visibly_detached(proclitic: str) -> bool:
    """True if tatweel, a quote or a bracket follows the proclitic letters (``لـ``, ``ل”``)."""
    return any(
        not is_arabic_letter(c) and unicodedata.category(c) != "Mn" and not c.isspace()
        for c in proclitic
    )


def trusted_split(token: str, split: int, known_stems: Container[str] | None = None) -> bool:
    """May a selection drop ``token[:split]``? Detached, before the article, or a known stem."""
    between = token[:split]
    letters = [c for c in between if is_arabic_letter(c)]
    if visibly_detached(between):
        return True
    stem = token[split:]
    end = 0
    while end < len(stem) and (is_word_part(stem[end]) or stem[end] == TATWEEL):
        end += 1
    word = stem[:end]
    stem_letters = [c for c in word if is_arabic_letter(c)]
    if (
        len(stem_letters) >= 2
        and stem_letters[0] in _ARTICLE_ALEF_CHARS
        and stem_letters[1] == _LAM
    ):
        return True
    if letters and letters[-1] == _LAM and stem_letters and stem_letters[0] == _LAM:
        return True  # ل + (ا)ل: the article's alef is elided
    return known_stems is not None and normalize_str(word) in known_stems


def name_stem_offset(token: str, is_known_name: Callable[[str], bool] | None = None) -> int:
    """Offset of a name's first letter when ``token`` safely carries a proclitic, else 0.

    Safe means before the article (``والعراق``), or before a stem
    ``is_known_name`` accepts when the whole token is not a known name itself
    (``بسوريا``); length alone never strips, so ``بغداد`` and ``واشنطن`` stay whole.
    A token ``is_known_name`` accepts whole is never split, even before what looks
    like the article (``كاليفورنيا``, not ك + اليفورنيا).
    """
    if is_known_name is not None and is_known_name(normalize_str(token)):
        return 0
    for split in reversed(proclitic_splits(token)):
        stem = normalize_str(token[split:])
        if has_article(stem):
            return split
        if is_known_name is not None and is_known_name(stem):
            return split
    return 0
