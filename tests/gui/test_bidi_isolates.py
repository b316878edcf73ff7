"""User text keeps its own direction in both interfaces: titles, span text, file names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6 import QtCore, QtWidgets

from core.errors import InputError
from gui import i18n
from tests.gui.conftest import make_project

FSI, PDI = "\u2068", "\u2069"
ARABIC_TITLE = "“التحالف” يعزز قواته (2025)"
LATIN_TITLE = "Reuters: Aleppo (2025)"
TOOLTIP = QtCore.Qt.ItemDataRole.ToolTipRole


@pytest.fixture
def arabic(qapp) -> Iterator[i18n.Interface]:  # type: ignore[no-untyped-def]
    """The Arabic interface, for one test."""
    used = i18n.install(qapp, i18n.Interface("ar", "western"))
    assert used.language == "ar", "the Arabic translation could not be compiled"
    yield used
    i18n.install(qapp, i18n.Interface("en", "western"))


def _titles(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    model = window.doc_model
    return {model.doc_id(r): model.index(r, 0).data() for r in range(model.rowCount())}


def test_own_direction_isolates_only_text_that_reads_the_other_way(qapp) -> None:  # type: ignore[no-untyped-def]
    assert i18n.own_direction(ARABIC_TITLE) == f"{FSI}{ARABIC_TITLE}{PDI}"
    assert i18n.own_direction(LATIN_TITLE) == LATIN_TITLE
    assert i18n.own_direction("2025/05/27") == "2025/05/27"
    i18n.install(qapp, i18n.Interface("ar", "western"))
    try:
        assert i18n.own_direction(LATIN_TITLE) == f"{FSI}{LATIN_TITLE}{PDI}"
        assert i18n.own_direction(ARABIC_TITLE) == ARABIC_TITLE
    finally:
        i18n.install(qapp, i18n.Interface("en", "western"))


def test_arabic_titles_and_span_text_in_the_english_interface(tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(
        tmp_path / "p", [(ARABIC_TITLE, "قال ناشطون إن سوريا تنتظر."), (LATIN_TITLE, "Macron")]
    )
    window = make_window(project)
    titles = list(_titles(window).values())
    assert f"{FSI}{ARABIC_TITLE}{PDI}" in titles
    assert LATIN_TITLE in titles
    tip = window.doc_model.index(0, 0).data(TOOLTIP)
    assert tip.startswith(f"{FSI}{ARABIC_TITLE}{PDI}\n"), tip
    # the entity panel: the fake recommender suggests «سوريا» in the first document
    spans = window.span_model
    texts = [spans.index(r, 0).data() for r in range(spans.rowCount())]
    assert f"{FSI}سوريا{PDI}" in texts, texts
    assert spans.index(texts.index(f"{FSI}سوريا{PDI}"), 0).data(TOOLTIP) == f"{FSI}سوريا{PDI}"


def test_latin_titles_file_names_and_span_text_in_the_arabic_interface(
    tmp_path, arabic, make_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    project = make_project(
        tmp_path / "p", [(LATIN_TITLE, "Emmanuel Macron زار حلب"), (ARABIC_TITLE, "سوريا")]
    )
    window = make_window(project)
    titles = list(_titles(window).values())
    assert f"{FSI}{LATIN_TITLE}{PDI}" in titles and ARABIC_TITLE in titles
    assert window.windowTitle() == f"{FSI}t{PDI}"  # the project is named "t"
    # a Latin folder name quoted in an Arabic message keeps its own direction
    shown: list[str] = []

    def warning(_parent, _title, text, *args):  # type: ignore[no-untyped-def]
        shown.append(text)
        return QtWidgets.QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", warning)
    folder = tmp_path / "Notes (old)"
    folder.mkdir()
    window.projects.open_folder(folder)
    assert len(shown) == 1
    assert f"{FSI}{folder}{PDI}" in shown[0], shown[0]
    assert "project.json" in shown[0] and "توسيم" in shown[0]  # said in Arabic


def test_error_dialog_quotes_the_file_in_its_own_direction(qapp, arabic, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from gui.app import ExceptHook

    hook = ExceptHook()
    path = tmp_path / "data (1).jsonl"
    error = InputError(path, "invalid JSON (x)", 3, code="invalid_json", detail="Expecting value")

    def close_soon() -> None:
        if hook.last_dialog is not None:
            hook.last_dialog.accept()

    timer = QtCore.QTimer()
    timer.timeout.connect(close_soon)
    timer.start(50)
    try:
        hook(InputError, error, None)
    finally:
        timer.stop()
    text = hook.last_dialog.summary.text()
    # a right-to-left mark first: the Arabic message does not start at the path's end
    assert text.startswith(f"\u200f{FSI}{path}:3{PDI}: "), text
    assert "JSON" in text and "invalid" not in text  # the Arabic message, not the English one
