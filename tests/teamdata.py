"""Two generated annotators on the sample article, shared by the core and GUI team tests."""

from __future__ import annotations

from core.model import Span

ALI = [("التحالف الدولي", "ORG"), ("سوريا", "LOC"), ("الحسكة", "LOC"), ("قسد", "ORG")]
SARA = [
    ("التحالف الدولي", "ORG"),
    ("سوريا", "LOC"),
    ("الحسكة", "LOC"),
    ("قسد", "PERS"),
    ("المالكية", "LOC"),
]


def spans_for(
    text: str, words: list[tuple[str, str]], who: str, origin: str = "manual"
) -> list[Span]:
    """Accepted spans over the first occurrence of each word."""
    out = []
    for word, label in words:
        start = text.index(word)
        out.append(Span(start, start + len(word), label, who, origin=origin))
    return out
