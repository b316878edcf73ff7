"""Core's validation and store errors carry codes, and the Arabic interface says them in Arabic."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtWidgets

from core.errors import StoreError, TawsimError, ValidationError
from core.model import Label, LabelSet, Span, default_labelset, validate_annotator, validate_span
from core.store import Project
from gui import i18n
from gui.error_messages import MESSAGES, PROBLEMS, error_text

FSI, PDI = "\u2068", "\u2069"
ROOT = Path(__file__).resolve().parents[2]
ARABIC = re.compile("[\u0600-\u06ff]")
CODE = re.compile(r'code="([a-z_0-9]+)"')


@pytest.fixture
def arabic(qapp) -> Iterator[i18n.Interface]:  # type: ignore[no-untyped-def]
    """The Arabic interface with Western digits, for one test."""
    used = i18n.install(qapp, i18n.Interface("ar", "western"))
    assert used.language == "ar", "the Arabic translation could not be compiled"
    yield used
    i18n.install(qapp, i18n.Interface("en", "western"))


def _raised(fn) -> TawsimError:  # type: ignore[no-untyped-def]
    with pytest.raises(TawsimError) as info:
        fn()
    return info.value


def test_every_code_core_raises_has_a_message() -> None:
    codes = set()
    for path in (ROOT / "core").rglob("*.py"):
        codes |= set(CODE.findall(path.read_text(encoding="utf-8")))
    assert {"span_outside_text", "not_regular_file", "text_missing"} <= codes
    assert codes - set(MESSAGES) == set()


def test_every_raise_in_the_model_has_a_code() -> None:
    source = (ROOT / "core" / "model.py").read_text(encoding="utf-8")
    raises = re.findall(r"raise ValidationError\((.*?)\)(?: from \w+)?\n", source, re.S)
    assert len(raises) >= 18
    for call in raises:
        assert "code=" in call, call


def test_a_span_past_the_end_is_said_in_arabic(arabic) -> None:  # type: ignore[no-untyped-def]
    span = Span(3, 12, "PERS", "sara")
    error = _raised(lambda: validate_span(span, 10, default_labelset()))
    assert error.code == "span_outside_text"
    text = error_text(error)
    assert ARABIC.search(text), text
    assert "outside" not in text and "3" in text and "12" in text and "10" in text


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: Label("PERS", "Person", "شخص", "red").validate(), "label_colour_invalid"),
        (lambda: Label("PE RS", "P", "ش", "#112233").validate(), "label_name_invalid"),
        (lambda: Label("PERS", "P", "ش", "#112233", 12).validate(), "label_hotkey_invalid"),
        (
            lambda: LabelSet((Label("A", "A", "أ", "#112233"), Label("A", "B", "ب", "#112233"))),
            "duplicate_labels",
        ),
        (lambda: validate_annotator("سارة أحمد"), "annotator_invalid"),
        (
            lambda: validate_span(Span(0, 2, "PERS", "sara", status="odd"), 5, default_labelset()),
            "span_status_invalid",
        ),
        (
            lambda: validate_span(Span(0, 2, "PERS", "sara", score=2.0), 5, default_labelset()),
            "span_score_invalid",
        ),
    ],
)
def test_model_errors_are_translated(arabic, make, code) -> None:  # type: ignore[no-untyped-def]
    error = _raised(make)
    assert isinstance(error, ValidationError)
    assert error.code == code
    text = error_text(error)
    assert ARABIC.search(text) and text != str(error), text


def test_a_reason_from_core_is_translated_too(arabic) -> None:  # type: ignore[no-untyped-def]
    error = _raised(lambda: Label("PE RS", "P", "ش", "#112233").validate())
    assert error.params["problem"] in PROBLEMS
    text = error_text(error)
    assert text == f"اسم الوسم {FSI}PE RS{PDI} فيه مسافة (وسم CoNLL وحدة واحدة)"


def test_a_store_error_names_its_file_in_its_own_direction(arabic, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "Notes"
    Project.create(folder, name="notes", annotator="sara").close()
    (folder / ".lock").unlink(missing_ok=True)
    (folder / ".lock").mkdir()
    error = _raised(lambda: Project.open(folder, annotator="sara"))
    assert isinstance(error, StoreError) and error.code == "lock_failed"
    text = error_text(error)
    assert text.startswith(f"{FSI}{folder / '.lock'}{PDI}: يتعذّر قفل المشروع ({FSI}"), text
    assert text.endswith(f"{PDI})؛ افتحه للقراءة فقط"), text  # the OS's reason, isolated


def test_opening_a_broken_project_says_why_in_arabic(arabic, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui.projects import open_project

    folder = tmp_path / "Notes"
    Project.create(folder, name="notes", annotator="sara").close()
    (folder / ".lock").unlink(missing_ok=True)
    (folder / ".lock").mkdir()
    shown: list[str] = []

    def critical(_parent, _title, text, *args):  # type: ignore[no-untyped-def]
        shown.append(text)
        return QtWidgets.QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QtWidgets.QMessageBox, "critical", critical)
    assert open_project(folder, "sara") is None
    assert len(shown) == 1
    assert shown[0].startswith(f"\u200f{FSI}{folder / '.lock'}{PDI}: يتعذّر قفل المشروع"), shown


def test_a_missing_text_is_said_in_arabic(arabic, tmp_path) -> None:  # type: ignore[no-untyped-def]
    project = Project.create(tmp_path / "p", name="p", annotator="sara")
    doc_id = project.add_document("t", "نص قصير")
    text_file = next((tmp_path / "p").rglob(f"{doc_id}.txt"))
    text_file.unlink()
    error = _raised(lambda: project.text(doc_id))
    assert error.code == "text_missing"
    assert error_text(error) == f"{FSI}{text_file}{PDI}: نص الوثيقة مفقود"
    project.close()
