"""A project opened from its backup says so in a dialog and stays read-only."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtWidgets

from core.model import Span
from core.store import Project


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
