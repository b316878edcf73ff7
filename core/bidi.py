"""Paragraph directions: each line of a document reads in its own direction.

Qt (like the Unicode bidi algorithm, rule P2) takes a paragraph's direction
from its first strong character. A paragraph with none (a date line such as
``• 2025/05/27``, a row of digits) would then fall back to left to right
even inside an Arabic article; here it takes the direction of the paragraph
before it, and leading ones the document's (its first strong character's).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

Direction = Literal["rtl", "ltr"]

_PARAGRAPHS = re.compile("[\n\u2029]")
_STRONG = {"L": "ltr", "R": "rtl", "AL": "rtl"}


def strong_direction(text: str) -> Direction | None:
    """The direction of the first strong character in text, or None when there is none."""
    for ch in text:
        found = _STRONG.get(unicodedata.bidirectional(ch))
        if found is not None:
            return found  # type: ignore[return-value]
    return None


def paragraph_directions(text: str) -> list[tuple[Direction, bool]]:
    """For each paragraph (line): its direction, and whether it was inherited (no strong letter)."""
    own = [strong_direction(p) for p in _PARAGRAPHS.split(text)]
    previous: Direction = strong_direction(text) or "rtl"
    out: list[tuple[Direction, bool]] = []
    for direction in own:
        if direction is None:
            out.append((previous, True))
        else:
            out.append((direction, False))
            previous = direction
    return out
