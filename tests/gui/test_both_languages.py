"""Both interface languages: Arabic plural forms, and user text kept in its own direction."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from core.formats.base import ExportProblem
from core.formats.project_io import ExportReport, FileResult
from gui import i18n
from gui.transfer import Counts, export_summary, import_report

FSI, PDI = "\u2068", "\u2069"


@pytest.fixture
def arabic(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The Arabic interface with Arabic-Indic digits."""
    assert i18n.install(qapp, i18n.Interface("ar", "arabic")).language == "ar"
    yield
    i18n.install(qapp, i18n.Interface("en", "western"))


@pytest.fixture
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The English interface, with its plural forms installed."""
    yield i18n.install(qapp, i18n.Interface("en", "western"))


@pytest.mark.parametrize(
    ("n", "documents", "spans"),
    [
        (0, "لا وثائق", "لا كيانات"),
        (1, "وثيقة واحدة", "كيان واحد"),
        (2, "وثيقتان", "كيانان"),
        (3, "٣ وثائق", "٣ كيانات"),
        (11, "١١ وثيقة", "١١ كيانًا"),
        (100, "١٠٠ وثيقة", "١٠٠ كيان"),
    ],
)
def test_arabic_counts_use_all_six_plural_forms(  # type: ignore[no-untyped-def]
    arabic, n: int, documents: str, spans: str
) -> None:
    counts = Counts()
    assert counts.documents(n) == documents
    assert counts.spans(n) == spans


@pytest.mark.parametrize(("n", "text"), [(0, "0 documents"), (1, "1 document"), (2, "2 documents")])
def test_english_counts_are_singular_or_plural(  # type: ignore[no-untyped-def]
    english, n: int, text: str
) -> None:
    assert Counts().documents(n) == text


def test_import_report_in_arabic_keeps_a_latin_file_name_isolated(  # type: ignore[no-untyped-def]
    arabic,
) -> None:
    path = Path("/data/news-2024.jsonl")
    summary, details = import_report([FileResult(path, documents=3, added=2, spans=14)])
    assert summary == "أُضيفت وثيقتان، ١٤ كيانًا"
    # The path keeps its Western digits and its own direction inside the Arabic line.
    expected = f"✓ {FSI}{path}{PDI}: وثيقتان، منها واحدة في المشروع مسبقًا، ١٤ كيانًا"
    assert details == expected


def test_export_summary_in_english_isolates_an_arabic_title_and_span(  # type: ignore[no-untyped-def]
    english,
) -> None:
    report = ExportReport(documents=2, spans=14)
    report.problems.append(ExportProblem("d1", 4, 9, "LOC", "nested inside another span"))
    summary, details = export_summary(
        report, Path("out.conll"), {"d1": "أخبار حلب"}, {("d1", 4, 9): "سوريا"}
    )
    assert summary == (
        f"Exported 2 documents, 14 spans to {FSI}out.conll{PDI}; 1 span could not be kept exactly"
    )
    assert f"• {FSI}أخبار حلب{PDI} [4, 9) LOC “{FSI}سوريا{PDI}”" in details


def test_isolate_leaves_empty_text_alone() -> None:
    assert i18n.isolate("") == ""
    assert i18n.isolate("حلب") == f"{FSI}حلب{PDI}"


def test_a_bad_import_in_arabic_names_the_file_and_line_in_arabic(  # type: ignore[no-untyped-def]
    qtbot, arabic, tmp_path: Path
) -> None:
    from core.formats.project_io import ImportOptions
    from gui.main_window import MainWindow
    from tests.gui.conftest import make_project

    project = make_project(tmp_path / "p", [("first", "نص قصير عن حلب.")])
    window = MainWindow(project, recommender_factory=lambda _p: [], auto_suggest=False)
    qtbot.addWidget(window)
    bad_json = tmp_path / "bad.jsonl"
    bad_json.write_text('{"text": "سليم"}\n{not json\n', "utf-8")
    window.transfer.start_import([bad_json], ImportOptions())
    qtbot.waitUntil(lambda: window.transfer.report is not None, timeout=10000)
    text = window.transfer.report.text()
    assert f"✗ {FSI}{bad_json}:2{PDI}: ‏JSON غير صالح (" in text
    assert "invalid JSON" not in text


def test_an_error_without_a_known_code_stays_in_english(arabic) -> None:  # type: ignore[no-untyped-def]
    from core.errors import TawsimError
    from gui.error_messages import error_text

    assert error_text(TawsimError("x.txt: something new", code="not_in_table")) == (
        "x.txt: something new"
    )
    assert error_text(TawsimError("plain")) == "plain"


def test_the_sample_project_is_named_in_the_interface_language(  # type: ignore[no-untyped-def]
    qapp, data_dir, make_window
) -> None:
    from core.sample import SAMPLE_NAME, ensure_sample_project
    from core.store import Project

    project = Project.open(ensure_sample_project(), annotator="tester")
    assert project.name == SAMPLE_NAME  # stored in one language
    assert i18n.install(qapp, i18n.Interface("ar", "arabic")).language == "ar"
    try:
        window = make_window(project, auto_suggest=False)
        assert window.windowTitle() == "نموذج: عنب بلدي"
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))
    assert i18n.project_name(project) == SAMPLE_NAME


def test_arabic_digits_leave_the_digits_of_a_latin_name(arabic) -> None:  # type: ignore[no-untyped-def]
    assert i18n.digits_in("UTF-8 and MP3, 64 characters, 1-9") == (
        "UTF-8 and MP3, ٦٤ characters, ١-٩"
    )


def test_a_refused_save_in_arabic_lays_out_its_reason_right_to_left(  # type: ignore[no-untyped-def]
    qtbot, arabic, tmp_path: Path, monkeypatch
) -> None:
    from PySide6 import QtWidgets

    from core.errors import StoreError
    from gui.error_messages import error_text
    from gui.main_window import MainWindow
    from tests.gui.conftest import make_project

    project = make_project(tmp_path / "p", [("first", "نص قصير عن حلب.")])
    window = MainWindow(project, recommender_factory=lambda _p: [], auto_suggest=False)
    qtbot.addWidget(window)
    shown: list[str] = []
    monkeypatch.setattr(
        QtWidgets.QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text)
    )
    path = tmp_path / "p" / "layers" / "ali" / "x.json"
    refused = StoreError(f"{path}: read-only", code="read_only", path=path)
    window.workspace.save_failed.emit(error_text(refused))
    (text,) = shown
    # The reason is a paragraph of its own that starts with a Latin path: a right-to-left
    # mark keeps it in the Arabic layout.
    assert f"\n\n\u200f{FSI}{path}{PDI}: المشروع مفتوح للقراءة فقط\n\n" in text, text
