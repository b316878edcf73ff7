"""Core errors carry a stable code and values; their text stays the clear English message."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.errors import InputError, ValidationError
from core.model import Label, LabelSet, Span, validate_span
from core.safeio import loads


def test_a_span_past_the_end_has_a_code_and_its_values() -> None:
    labels = LabelSet([Label("LOC", "Place", "مكان", "#112233", 1)])
    with pytest.raises(ValidationError) as info:
        validate_span(Span(2, 9, "LOC", "ann"), 5, labels)
    error = info.value
    assert error.code == "span_outside_text"
    assert error.params == {"start": 2, "end": 9, "length": 5}
    assert str(error) == "span [2, 9) is outside the text (need 0 <= start < end <= 5)"


def test_bad_json_names_file_and_line_with_a_code(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        loads('{"a": 1}\n{oops', tmp_path / "f.json")
    error = info.value
    assert error.code == "invalid_json" and error.line == 2 and "detail" in error.params
    assert str(error).startswith(f"{tmp_path / 'f.json'}:2: invalid JSON (")
