"""The RTL pitfalls: offsets with emoji, snapping, mixed-direction spans, joining, direction."""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from core.text import Utf16Index
from tests.gui.conftest import make_project
from tests.gui.helpers import spans_text

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier

MIXED = (
    "قال ناشطون 😀 إن سوريا 🇸🇾 تنتظر قرار 2254 منذ سنوات.\n"
    "The Security Council adopted resolution 2254 in 2015.\n"
    "ونشرت منصة X صورًا من حلب."
)


def _window(tmp_path, make_window, text=MIXED):  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "mixed", [("mixed", text)])
    return project, make_window(project)


def _shown(window, span_id):  # type: ignore[no-untyped-def]
    """The text Qt highlights for a span (from the extra selection's own cursor)."""
    span = window.current.get(span_id)
    index = Utf16Index(window.current.text)
    want = (index.to_utf16(span.start), index.to_utf16(span.end))
    for sel in window.editor.extraSelections():
        if (sel.cursor.selectionStart(), sel.cursor.selectionEnd()) == want:
            return sel.cursor.selectedText()
    return None


def test_span_after_emoji_highlights_exactly_its_characters(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project, window = _window(tmp_path, make_window)
    doc = window.current.doc_id
    syria = next(
        s for s in project.layer(doc).spans() if window.current.text[s.start : s.end] == "سوريا"
    )
    # Two emoji (one a flag pair) come before this span: UTF-16 and code points differ.
    aleppo = next(
        s for s in project.layer(doc).spans() if window.current.text[s.start : s.end] == "حلب"
    )
    for span in (syria, aleppo):
        assert _shown(window, span.id) == window.current.text[span.start : span.end]
    # And a span created from a Qt selection after the emoji lands on code points.
    text = window.current.text
    start = text.index("تنتظر")
    window.editor.select_range(start, start + len("تنتظر"))
    assert window.editor.textCursor().selectedText() == "تنتظر"
    qtbot.keyClick(window.editor, Key.Key_4)
    assert ("تنتظر", "MISC", "accepted") in spans_text(project, doc)
    created = window.editor.current_span
    assert (created.start, created.end) == (start, start + 5)
    assert _shown(window, created.id) == "تنتظر"


def test_span_crossing_arabic_and_latin(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project, window = _window(tmp_path, make_window)
    doc = window.current.doc_id
    text = window.current.text
    for surface, key in (("منصة X", Key.Key_3), ("قرار 2254", Key.Key_4)):
        start = text.index(surface)
        window.editor.select_range(start, start + len(surface))
        qtbot.keyClick(window.editor, key)
        span = window.editor.current_span
        assert text[span.start : span.end] == surface
        assert _shown(window, span.id) == surface
        # Tab back onto it selects exactly the span again.
        window.editor.set_current(0)
        window.editor.select_range(span.start - 1, span.start - 1)
        qtbot.keyClick(window.editor, Key.Key_Tab)
        assert window.editor.current_span.id == span.id
        assert window.editor.textCursor().selectedText() == surface
    assert ("منصة X", "ORG", "accepted") in spans_text(project, doc)
    assert ("قرار 2254", "MISC", "accepted") in spans_text(project, doc)


def test_snapping_in_the_editor(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    doc = window.current.doc_id
    text = window.current.text
    for raw, expected in (("والتحالف", "التحالف"), ("لـ”قسد”", "قسد"), ("“الدولة”", "الدولة")):
        start = text.index(raw)
        window.editor.select_range(start, start + len(raw))
        qtbot.keyClick(window.editor, Key.Key_3)
        span = window.editor.current_span
        assert text[span.start : span.end] == expected
    # Alt+digit labels the exact selection.
    start = text.index("لـ”قسد”")
    window.editor.select_range(start, start + 2)
    qtbot.keyClick(window.editor, Key.Key_4, Mod.AltModifier)
    span = window.editor.current_span
    assert text[span.start : span.end] == "لـ"
    # The toggle turns snapping off too.
    window.actions_by_name["snap"].setChecked(False)
    start = text.index("والتحالف")
    window.editor.select_range(start, start + len("والتحالف"))
    qtbot.keyClick(window.editor, Key.Key_4)
    assert text[window.editor.current_span.start : window.editor.current_span.end] == "والتحالف"
    assert ("التحالف", "ORG", "accepted") in spans_text(project, doc)


def test_highlights_change_no_font_property(window) -> None:  # type: ignore[no-untyped-def]
    fonts = [
        QtGui.QTextFormat.Property.FontFamilies,
        QtGui.QTextFormat.Property.FontPointSize,
        QtGui.QTextFormat.Property.FontWeight,
        QtGui.QTextFormat.Property.FontItalic,
        QtGui.QTextFormat.Property.FontLetterSpacing,
        QtGui.QTextFormat.Property.FontStrikeOut,
    ]
    sels = window.editor.extraSelections()
    assert sels
    for sel in sels:
        assert not any(sel.format.hasProperty(p) for p in fonts)
    # The text is one document, set once, exactly as stored.
    assert window.editor.toPlainText() == window.current.text


def test_paragraph_direction_from_content(tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project, window = _window(tmp_path, make_window)
    doc = window.editor.document()
    directions = []
    block = doc.firstBlock()
    while block.isValid():
        directions.append(block.textDirection())
        block = block.next()
    rtl, ltr = QtCore.Qt.LayoutDirection.RightToLeft, QtCore.Qt.LayoutDirection.LeftToRight
    assert directions[:3] == [rtl, ltr, rtl]
    assert window.layoutDirection() == ltr  # the chrome follows the (English) UI
    # An Arabic paragraph starts at the right edge, an English one at the left.
    first, second = doc.firstBlock(), doc.firstBlock().next()
    x_ar = first.layout().lineAt(0).cursorToX(0)[0]
    x_en = second.layout().lineAt(0).cursorToX(0)[0]
    assert x_ar > x_en


def test_nested_spans_stay_visible(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    text = window.current.text
    outer = text.index("التحالف الدولي")
    window.editor.select_range(outer, outer + len("التحالف الدولي"))
    qtbot.keyClick(window.editor, Key.Key_3)
    window.editor.set_current(0)
    window.editor.select_range(outer, outer + len("التحالف"))
    qtbot.keyClick(window.editor, Key.Key_4, Mod.AltModifier)
    from gui.widgets.highlight import nesting_levels

    levels = nesting_levels(window.editor.spans())
    inner = window.editor.current_span
    assert levels[inner.id] == 1
    image = window.editor.viewport().grab()  # paints the stacked underline without error
    assert not image.isNull()
