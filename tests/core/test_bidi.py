"""Paragraph directions and clipping a selection to its line."""

from __future__ import annotations

from core.bidi import paragraph_directions, strong_direction
from core.model import clip_to_line


def test_neutral_paragraphs_take_the_direction_before_them() -> None:
    text = "• 2025/05/27\n“التحالف” يعزز\n\n  • 2025/05/27\nAn English line\n12:30\n"
    assert paragraph_directions(text) == [
        ("rtl", True),  # before any strong letter: the document's direction
        ("rtl", False),
        ("rtl", True),
        ("rtl", True),
        ("ltr", False),
        ("ltr", True),
        ("ltr", True),
    ]
    assert strong_direction("2025 (AFP)") == "ltr" and strong_direction("123") is None
    assert paragraph_directions("123") == [("rtl", True)]


def test_clip_keeps_the_line_where_the_selection_started() -> None:
    text = "قوات سوريا (قسد)\n\nمناورات عسكرية"
    start, end = text.index("(قسد)"), text.index("مناورات") + 7
    assert text[slice(*clip_to_line(text, start, end, start))] == "(قسد)"
    assert text[slice(*clip_to_line(text, start, end, end))] == "مناورات"
    assert clip_to_line(text, 0, 4, 0) == (0, 4)
