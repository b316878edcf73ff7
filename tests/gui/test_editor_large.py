"""A long document: highlights near the view at once, the rest in idle time, edits meanwhile."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore

from core.model import Span
from core.store import Project
from core.text import clean_imported_text, tokenize
from gui.widgets.highlight import nesting_levels
from tests.conftest import SAMPLE

Key = QtCore.Qt.Key
LABELS = ("PERS", "LOC", "ORG", "MISC")


@pytest.fixture
def long_project(tmp_path: Path) -> Project:
    """One 150,000-character document with about 3,000 suggestions, some nested."""
    base = clean_imported_text(SAMPLE.read_text(encoding="utf-8"))
    text = ((base + "\n\n") * (150_000 // (len(base) + 2) + 1))[:150_000]
    project = Project.create(tmp_path / "long", name="long", annotator="tester")
    doc = project.add_document("long", text)
    words = [t for t in tokenize(text) if t.kind == "word" and t.end - t.start >= 4]
    picked = words[:: max(1, len(words) // 3000)]
    spans = [
        Span(w.start, w.end, LABELS[i % 4], "tester", status="suggested", origin="t@1", score=0.5)
        for i, w in enumerate(picked)
    ]
    # A few nested pairs: an inner span inside a word-pair span.
    for a, b in zip(picked[10::400], picked[11::400], strict=False):
        if "\n" not in text[a.start : b.end]:
            spans.append(Span(a.start, b.end, "ORG", "tester", status="suggested", origin="t@1"))
    project.layer(doc).add_many(spans)
    yield project
    project.close()


@pytest.fixture(autouse=True)
def _small_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small idle-time steps: the pass is still going when the window is up."""
    monkeypatch.setattr("gui.widgets.editor.CHUNK", 20)


def _expected(editor, span: Span):  # type: ignore[no-untyped-def]
    return editor.styles.format(span.label, span.status)


def _never_stale(editor) -> bool:  # type: ignore[no-untyped-def]
    """Every highlight made so far shows its span as it is now."""
    return all(
        editor.highlight_format(s.id) in (None, _expected(editor, s)) for s in editor.spans()
    )


def _shown(editor, span: Span) -> bool:  # type: ignore[no-untyped-def]
    return editor.offsets.range_to_qt(span.start, span.end) in editor.extra_selection_ranges()


def test_the_visible_part_is_highlighted_at_once_and_the_rest_when_idle(
    qtbot, make_window, long_project: Project
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(long_project, auto_suggest=False)
    editor = window.editor
    spans = editor.spans()
    assert len(spans) > 2500
    first, last = spans[0], spans[-1]
    # Right after the window opened: the top of the document has its highlights...
    assert editor.highlight_format(first.id) == _expected(editor, first)
    assert _shown(editor, first)
    # ...the end of the document not yet, and the levels of the rest come when idle.
    assert editor.pass_pending
    assert editor.highlight_format(last.id) is None
    qtbot.waitUntil(lambda: not editor.pass_pending, timeout=20_000)
    assert {s.id: editor.level(s.id) for s in spans} == nesting_levels(spans)
    # Scrolled to the end, the span there gets its highlight once the event loop runs.
    editor.select_range(last.start, last.end)
    assert editor.highlight_format(last.id) is None
    qtbot.waitUntil(lambda: editor.highlight_format(last.id) is not None, timeout=5000)
    assert editor.highlight_format(last.id) == _expected(editor, last)
    assert _shown(editor, last) and not _shown(editor, first)
    assert not editor.viewport().grab().isNull()  # nested underlines paint
    assert _never_stale(editor)


def test_editing_before_the_idle_pass_ends_stays_correct(
    qtbot, make_window, long_project: Project
) -> None:  # type: ignore[no-untyped-def]
    window = make_window(long_project, auto_suggest=False)
    editor = window.editor
    assert editor.pass_pending
    last = editor.spans()[-1]
    # Accept a span the pass has not reached yet (the fast path: same offsets).
    editor.set_current(last.id)
    qtbot.keyClick(editor, Key.Key_Return)
    assert window.current.get(last.id).status == "accepted"  # type: ignore[union-attr]
    assert editor.highlight_format(last.id) == editor.styles.format(last.label, "accepted")
    # Add a span near the top (the full path: the pass starts again).
    free = [
        t
        for t in tokenize(editor.text[:5000])
        if t.kind == "word"
        and t.end - t.start > 3
        and not any(s.overlaps(t.start, t.end) for s in editor.spans())
    ]
    word = free[0]
    editor.select_range(word.start, word.end)
    qtbot.keyClick(editor, Key.Key_1)
    added = [s for s in window.current.spans() if (s.start, s.end) == (word.start, word.end)]
    assert len(added) == 1 and added[0].status == "accepted"
    qtbot.waitUntil(lambda: editor.highlight_format(added[0].id) is not None, timeout=5000)
    assert editor.highlight_format(added[0].id) == _expected(editor, added[0])
    assert _never_stale(editor)
    qtbot.waitUntil(lambda: not editor.pass_pending, timeout=20_000)
    # The nesting levels found piecewise are those of one pass over every span.
    levels = nesting_levels(editor.spans())
    assert any(levels.values())  # the document has nested spans
    assert {s.id: editor.level(s.id) for s in editor.spans()} == levels
    editor.set_current(last.id)
    assert editor.highlight_format(last.id) == editor.styles.format(last.label, "accepted")
    assert _never_stale(editor)


def test_highlights_far_from_the_view_are_let_go(
    qtbot, make_window, long_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr("gui.widgets.editor.KEPT_HIGHLIGHTS", 0)
    window = make_window(long_project, auto_suggest=False)
    editor = window.editor
    spans = editor.spans()
    first = spans[0]
    assert editor.highlight_format(first.id) is not None
    for span in spans[len(spans) // 4 :: len(spans) // 4]:  # scroll through the document
        editor.set_current(span.id)
        assert editor.highlight_format(span.id) == _expected(editor, span)
    assert editor.highlight_format(first.id) is None  # made again when it comes back
    editor.set_current(first.id)
    assert editor.highlight_format(first.id) == _expected(editor, first)
    assert _shown(editor, first)
    assert _never_stale(editor)
