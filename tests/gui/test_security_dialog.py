"""A project opened from its backup says so in a dialog and stays read-only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtWidgets

from core.errors import StoreError
from core.model import Span
from core.store import Project
from gui import i18n

FSI, PDI = "\u2068", "\u2069"


def test_a_corrupt_project_file_opens_read_only_with_a_dialog(
    qtbot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from gui.app import open_project

    folder = tmp_path / "p"
    with Project.create(folder, name="p", annotator="ali") as project:
        doc = project.add_document("t", "سوريا والعراق", {})
        project.layer(doc).add(Span(0, 5, "LOC", "ali"))
        project.add_annotator("sara")  # the backup now holds the document
    (folder / "project.json").write_bytes(b'{"meta": ')  # torn
    shown: list[tuple[str, str]] = []
    Box = QtWidgets.QMessageBox
    monkeypatch.setattr(
        Box, "warning", lambda _p, title, text, *a, **k: shown.append((title, text))
    )
    opened = open_project(folder, "ali")
    assert opened is not None
    try:
        assert opened.read_only
        ((title, text),) = shown
        assert "read-only" in title and "project.json" in text
        assert [d.id for d in opened.documents()] == [doc]
    finally:
        opened.close()


def test_a_healthy_project_opens_without_a_dialog(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from gui.app import open_project

    folder = tmp_path / "p"
    Project.create(folder, name="p", annotator="ali").close()
    shown: list[str] = []
    Box = QtWidgets.QMessageBox
    monkeypatch.setattr(Box, "warning", lambda *a, **k: shown.append("warning"))
    opened = open_project(folder, "ali")
    assert opened is not None and not opened.read_only and shown == []
    opened.close()


@pytest.fixture
def arabic(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The Arabic interface, for one test."""
    used = i18n.install(qapp, i18n.Interface("ar", "western"))
    assert used.language == "ar", "the Arabic translation could not be compiled"
    yield
    i18n.install(qapp, i18n.Interface("en", "western"))


def test_the_backup_and_journal_warnings_speak_the_interface_language(
    qtbot, arabic, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from core.store.journal import journal_path
    from gui.app import open_project
    from gui.error_messages import error_text

    folder = tmp_path / "p"
    with Project.create(folder, name="p", annotator="ali") as project:
        doc = project.add_document("t", "سوريا والعراق", {})
        project.layer(doc).add(Span(0, 5, "LOC", "ali"))
        project.layer(doc).set_status("in_progress")  # the layer's backup holds the span
        project.add_annotator("sara")
        layer_file = project.layer(doc).path
    (folder / "project.json").write_bytes(b'{"meta": ')  # torn
    shown: list[str] = []
    Box = QtWidgets.QMessageBox
    monkeypatch.setattr(Box, "warning", lambda _p, title, text, *a, **k: shown.append(text))
    opened = open_project(folder, "ali")
    assert opened is not None
    try:
        (text,) = shown
        # Laid out right to left though it starts with the file's (Latin) path.
        assert text.startswith(f"\u200f{FSI}"), text
        # In Arabic, with the files named, and the nested reason translated too.
        assert "تُعرض النسخة السابقة من" in text and "تالف" in text, text
        assert "project.json.bak" in text and "showing" not in text and "corrupt" not in text
    finally:
        opened.close()
    (folder / "project.json").unlink()
    (folder / "project.json.bak").rename(folder / "project.json")
    # A layer shown from its backup refuses a write with the same words, in Arabic.
    layer_file.write_bytes(b"\xff\xfe")
    with Project.open(folder, annotator="ali") as again:
        with pytest.raises(StoreError) as refused:
            again.layer(doc).add(Span(6, 12, "LOC", "ali"))
    assert "تُعرض النسخة السابقة من" in error_text(refused.value), error_text(refused.value)
    assert "showing" in str(refused.value)  # the log and the CLI keep the English text
    layer_file.write_bytes(layer_file.with_name(layer_file.name + ".bak").read_bytes())
    # A journal that is not one: the layer is shown without it, said in Arabic with its line.
    journal = journal_path(layer_file)
    journal.write_text('{"hello": 1}\n')
    with Project.open(folder, annotator="ali") as again:
        warning = again.layer(doc).warning
        assert warning is not None
        said = error_text(warning)
    assert "ليس ترويسة سجل تغييرات" in said and "تُعرض الطبقة من دونه" in said, said
    assert f"{journal}:1" in said and f"{FSI}{journal.name}{PDI}" in said
    assert "showing" not in said and "header" not in said
