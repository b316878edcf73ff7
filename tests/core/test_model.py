"""The data model: label sets, spans and their validation."""

from __future__ import annotations

import pytest

from core.errors import ValidationError
from core.model import Label, LabelSet, Span, default_labelset, sort_spans, validate_span


def test_default_labelset_is_anercorp() -> None:
    labels = default_labelset()
    assert labels.names == ["PERS", "LOC", "ORG", "MISC"]
    assert [label.hotkey for label in labels] == [1, 2, 3, 4]
    assert labels.get("LOC").ar == "مكان"
    assert labels.by_hotkey(3) == labels.get("ORG")
    assert LabelSet.from_json(labels.to_json()) == labels


@pytest.mark.parametrize(
    "label, message",
    [
        (Label("B-LOC x", "x", "x", "#000000"), "label name"),
        (Label("LOC", "x", "x", "red"), "colour"),
        (Label("LOC", "x", "x", "#000000", 10), "hotkey"),
    ],
)
def test_bad_labels(label: Label, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        LabelSet((label,))


def test_duplicate_names_and_hotkeys() -> None:
    a = Label("A", "a", "a", "#000000", 1)
    with pytest.raises(ValidationError, match="duplicate label names"):
        LabelSet((a, a))
    with pytest.raises(ValidationError, match="duplicate hotkeys"):
        LabelSet((a, Label("B", "b", "b", "#000000", 1)))


@pytest.mark.parametrize(
    "start, end",
    [(-1, 3), (3, 3), (4, 3), (0, 11), (10, 11)],
)
def test_span_offsets_out_of_range(start: int, end: int) -> None:
    with pytest.raises(ValidationError, match="outside the text"):
        validate_span(Span(start, end, "LOC", "ali"), 10, default_labelset())


def test_span_rules() -> None:
    labels = default_labelset()
    validate_span(Span(0, 10, "LOC", "ali"), 10, labels)
    with pytest.raises(ValidationError, match="unknown label"):
        validate_span(Span(0, 1, "PER", "ali"), 10, labels)
    with pytest.raises(ValidationError, match="status"):
        validate_span(Span(0, 1, "LOC", "ali", status="maybe"), 10, labels)
    with pytest.raises(ValidationError, match="annotator name"):
        validate_span(Span(0, 1, "LOC", "a/b"), 10, labels)


def test_span_json_round_trip_and_order() -> None:
    span = Span(3, 9, "ORG", "علي", status="suggested", origin="gazetteer@1", score=0.7, id=4)
    assert Span.from_json(span.to_json(), 4) == span
    outer, inner, later = Span(0, 9, "ORG", "a"), Span(0, 3, "LOC", "a"), Span(5, 6, "LOC", "a")
    assert sort_spans([later, inner, outer]) == [outer, inner, later]
