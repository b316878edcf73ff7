"""Find the other occurrences of a surface form, knowing Arabic proclitics.

Both the editor's "label all occurrences" and the extractor's phrase
matching (gazetteer, project memory) go through this module, so they agree on
what counts as an occurrence:

- matching is on normalised text (``core.text.normalize``) and every result is
  mapped back to original code-point offsets;
- an occurrence starts and ends at a word boundary, except that a proclitic
  sequence may be attached in front of it: و ف, then ب ك ل, then the article
  ال (or لل, where the article's alef is elided after ل). The returned span
  leaves the proclitic out (``بسوريا`` gives ``سوريا``);
- an occurrence never continues into a longer word (``سوريا`` is not found
  in ``السوريانية``, ``فيروس`` not in ``الفيروسات``).
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from functools import lru_cache

from core.arabic import ARTICLE, has_article, is_word_letter, proclitic_splits, visibly_detached
from core.text import Normalized, is_arabic_letter, normalize, normalize_str

__all__ = ["find_occurrences", "normalize_surface", "prefix_allowed"]

_QUOTES = "\"'“”„‟«»‹›‘’‚‛()[]{}<>-–—_.,،؛:;!?؟…"
_SPACE_RE = re.compile(r"\s+")


@lru_cache(maxsize=64)
def normalized(text: str) -> Normalized:
    """``core.text.normalize`` with a small cache, for repeated searches in one text."""
    return normalize(text)


def _clean_surface(surface: str) -> str:
    return _SPACE_RE.sub(" ", normalize_str(surface)).strip(_QUOTES + " \t\n")


def normalize_surface(surface: str, known_stems: Container[str] | None = None) -> str:
    """The normalised, proclitic-free form under which a surface form is matched.

    A leading proclitic is dropped only when that is safe for names: before the
    article (``والتحالف`` -> ``التحالف``), before a known stem, or when it is
    visibly detached (``لـ”قسد”`` -> ``قسد``). Length alone never strips it,
    so ``بغداد`` and ``فلسطين`` stay whole.
    """
    raw = surface.strip()
    # Detachment (tatweel, quote) is only visible before normalisation.
    splits = proclitic_splits(raw)
    if splits and _detached(raw[: splits[-1]]):
        raw = raw[splits[-1] :]
    clean = _clean_surface(raw)
    if not clean:
        return clean
    first, _, _ = clean.partition(" ")
    for split in reversed(proclitic_splits(first, known_stems)):
        stem = first[split:]
        # The article needs two more letters: وكالة is no و + ك + الة.
        article = has_article(stem)
        if article or (known_stems is not None and stem in known_stems):
            return clean[split:]
    return clean


def _detached(proclitic: str) -> bool:
    """True if tatweel, a quote or a bracket follows the proclitic letters."""
    return visibly_detached(proclitic.lstrip(_QUOTES))


def prefix_allowed(
    word: str, prefix_len: int, stem: str, known_stems: Container[str] | None = None
) -> bool:
    """May the normalised ``word`` be read as a proclitic of ``prefix_len`` chars + ``stem``?

    ``stem`` is the normalised first word of the surface form, which is
    taken as a known stem. A word that is itself in ``known_stems`` is never
    split (``لبنان`` holds no ``بنان``).
    """
    if prefix_len == 0:
        return True
    if known_stems is not None and word in known_stems:
        return False
    prefix = word[:prefix_len]
    if not all(is_arabic_letter(c) for c in prefix):
        return False
    known = _WithStem(stem, known_stems)
    # Article forms: [و|ف][ب|ك|ل]ال + stem, and [و|ف]لل + stem (alef elided).
    if prefix.endswith(ARTICLE) and not stem.startswith(ARTICLE):
        head = prefix[:-2]
        return head == "" or _is_split(word, len(head), known)
    if prefix.endswith("لل") and not stem.startswith(ARTICLE):
        head = prefix[:-2]
        return head in ("", "و", "ف")
    return _is_split(word, prefix_len, known)


def _is_split(word: str, offset: int, known: Container[str]) -> bool:
    return offset in proclitic_splits(word, known)


@dataclass(frozen=True)
class _WithStem:
    """``known_stems`` plus one more stem, as a Container for proclitic_splits."""

    stem: str
    others: Container[str] | None

    def __contains__(self, item: object) -> bool:
        return item == self.stem or (self.others is not None and item in self.others)


def _pattern(parts: list[str]) -> re.Pattern[str]:
    return re.compile(r"\s+".join(re.escape(p) for p in parts))


def find_occurrences(
    text: str, surface: str, *, known_stems: Container[str] | None = None
) -> list[tuple[int, int]]:
    """Every occurrence of ``surface`` in ``text`` as original (start, end) offsets."""
    form = normalize_surface(surface, known_stems)
    if not form:
        return []
    parts = form.split(" ")
    norm = normalized(text)
    spans = _search(norm, parts, parts[0], known_stems)
    if has_article(parts[0]):
        # للتحالف: the article's alef is elided after ل, so look for لتحالف too.
        elided = ["ل" + parts[0][2:], *parts[1:]]
        spans.extend(_search(norm, elided, parts[0], known_stems, elided=True))
    return sorted(set(spans))


def find_all(
    text: str, surfaces: Iterable[str], *, known_stems: Container[str] | None = None
) -> dict[str, list[tuple[int, int]]]:
    """find_occurrences for several surfaces over the same text."""
    return {s: find_occurrences(text, s, known_stems=known_stems) for s in surfaces}


def _search(
    norm: Normalized,
    parts: list[str],
    stem: str,
    known_stems: Container[str] | None,
    *,
    elided: bool = False,
) -> list[tuple[int, int]]:
    pattern = _pattern(parts)
    nt = norm.text
    left_word = is_word_letter(parts[0][0])
    right_word = is_word_letter(parts[-1][-1])
    found: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = pattern.search(nt, pos)
        if m is None:
            return found
        a, b = m.span()
        pos = a + 1
        if right_word and b < len(nt) and is_word_letter(nt[b]):
            continue
        ws = a
        if left_word:
            while ws > 0 and is_word_letter(nt[ws - 1]):
                ws -= 1
        if elided:
            # The ل we matched is the article; a preposition ل must precede it.
            if not (a > ws and nt[a - 1] == "ل" and nt[ws : a - 1] in ("", "و", "ف")):
                continue
        elif ws < a:
            we = a
            while we < len(nt) and is_word_letter(nt[we]):
                we += 1
            if not prefix_allowed(nt[ws:we], a - ws, stem, known_stems):
                continue
        found.append(norm.to_original(a, b))
        pos = b
