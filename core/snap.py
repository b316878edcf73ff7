"""Selection snapping and span-edge moves, in code-point offsets (pure Python).

Snapping turns a rough selection into a clean span:

1. an edge that falls inside a word moves outwards to the word's boundary;
2. whitespace, quotes, brackets, punctuation, tatweel and invisible direction
   marks are trimmed at both edges (tashkeel after a kept letter stays);
3. a leading proclitic (و ف ب ك ل, alone or in pairs) is trimmed when what
   remains is a plausible word: the proclitic is visibly detached
   (``لـ”قسد”`` -> ``قسد``), the stem carries the article (``والتحالف`` ->
   ``التحالف``, ``للتنظيم`` -> ``لتنظيم``... see core.text), or the stem is
   in ``known_stems`` (normalised surfaces the project already knows). A split
   that core.arabic would only make by length (``وزارة`` -> ``زارة``) is not
   trusted here, because trimming a real word would be worse than keeping a
   proclitic.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Container

from core.arabic import is_word_part, proclitic_splits, trusted_split

__all__ = ["move_edge", "snap_selection"]

TATWEEL = "\u0640"


def _is_core(ch: str) -> bool:
    """A character a span may start with: a letter or digit."""
    return ch != TATWEEL and ch.isalnum()


def snap_selection(
    text: str, start: int, end: int, *, known_stems: Container[str] | None = None
) -> tuple[int, int] | None:
    """Snap [start, end) to whole words without edge punctuation or proclitic; None if empty."""
    n = len(text)
    start, end = max(0, min(start, end)), min(n, max(start, end))
    if start >= end:
        return None
    # 1. Edges inside a word move outwards.
    while 0 < start < n and is_word_part(text[start - 1]) and is_word_part(text[start]):
        start -= 1
    while 0 < end < n and is_word_part(text[end - 1]) and is_word_part(text[end]):
        end += 1
    # 2. Trim what is not part of a name at both edges.
    start, end = _trim(text, start, end)
    if start >= end:
        return None
    # 3. A leading proclitic, when the rest is a plausible word.
    token = text[start:end]
    splits = proclitic_splits(token, known_stems)
    for split in reversed(splits):
        if trusted_split(token, split, known_stems):
            start, end = _trim(text, start + split, end)
            break
    return (start, end) if start < end else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not _is_core(text[start]):
        start += 1
    while end > start and not (_is_core(text[end - 1]) or _is_mark(text[end - 1])):
        end -= 1
    # A trailing mark is kept only when it sits on a kept letter.
    while end > start and _is_mark(text[end - 1]) and not _has_base(text, start, end):
        end -= 1
    return start, end


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch) in ("Mn", "Mc")


def _has_base(text: str, start: int, end: int) -> bool:
    pos = end - 1
    while pos >= start and _is_mark(text[pos]):
        pos -= 1
    return pos >= start and _is_core(text[pos])


def _step_char(text: str, pos: int, step: int) -> int:
    pos += step
    # Never leave a combining mark apart from its letter.
    while 0 < pos < len(text) and _is_mark(text[pos]):
        pos += step
    return max(0, min(len(text), pos))


def _step_word(text: str, pos: int, step: int, edge: str) -> int:
    n = len(text)
    if step > 0:
        if edge == "end":  # to the end of the next word
            while pos < n and not is_word_part(text[pos]):
                pos += 1
            while pos < n and is_word_part(text[pos]):
                pos += 1
        else:  # to the start of the next word
            while pos < n and is_word_part(text[pos]):
                pos += 1
            while pos < n and not is_word_part(text[pos]):
                pos += 1
    else:
        if edge == "start":  # to the start of the previous word
            while pos > 0 and not is_word_part(text[pos - 1]):
                pos -= 1
            while pos > 0 and is_word_part(text[pos - 1]):
                pos -= 1
        else:  # to the end of the previous word
            while pos > 0 and is_word_part(text[pos - 1]):
                pos -= 1
            while pos > 0 and not is_word_part(text[pos - 1]):
                pos -= 1
    return pos


def move_edge(
    text: str, start: int, end: int, *, edge: str, step: int, unit: str = "char"
) -> tuple[int, int] | None:
    """Move a span's start or end edge one character or word forwards (+1) or back (-1).

    Returns the new (start, end), or None when the move would leave the text
    or make the span empty.
    """
    if edge not in ("start", "end") or step not in (1, -1) or unit not in ("char", "word"):
        raise ValueError(f"bad edge move: edge={edge!r} step={step!r} unit={unit!r}")
    pos = start if edge == "start" else end
    new = _step_char(text, pos, step) if unit == "char" else _step_word(text, pos, step, edge)
    if new == pos:
        return None
    start, end = (new, end) if edge == "start" else (start, new)
    if not 0 <= start < end <= len(text):
        return None
    return start, end
