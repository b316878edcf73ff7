"""Spans are what the annotator meant: real mouse drags and key presses on mixed text."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets
from pytestqt.qtbot import QtBot

from core.model import Span
from tests.gui.conftest import make_project
from tests.gui.helpers import put_caret

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier
Button = QtCore.Qt.MouseButton
MIXED = "زار Emmanuel Macron مدينة حلب 🇸🇾 في 2025 (حسب AFP)"
SAMPLE_START = "“التحالف” يعزز قواته لمحاربة تنظيم “الدولة” في سوريا"


def _send(
    widget: QtWidgets.QWidget, kind: QtCore.QEvent.Type, pos: QtCore.QPointF, button, buttons
) -> None:  # type: ignore[no-untyped-def]
    event = QtGui.QMouseEvent(
        kind, pos, QtCore.QPointF(widget.mapToGlobal(pos)), button, buttons, Mod.NoModifier
    )
    QtWidgets.QApplication.sendEvent(widget, event)


def drag(editor, a: QtCore.QPointF, b: QtCore.QPointF) -> None:  # type: ignore[no-untyped-def]
    """A real left-button drag on the viewport: press, moves with the button held, release."""
    vp = editor.viewport()
    E = QtCore.QEvent.Type
    _send(vp, E.MouseButtonPress, a, Button.LeftButton, Button.LeftButton)
    for k in range(1, 9):
        _send(vp, E.MouseMove, a + (b - a) * (k / 8), Button.NoButton, Button.LeftButton)
    _send(vp, E.MouseButtonRelease, b, Button.LeftButton, Button.NoButton)


def glyph_edges(editor, start: int, end: int) -> tuple[float, float, float]:  # type: ignore[no-untyped-def]
    """The left and right screen edges of the glyphs of [start, end) on one line, and its y.

    Found by asking the layout which character lies under each pixel of the line,
    so the edges are where the glyphs are drawn, whatever the runs' directions.
    """
    qt_start, qt_end = editor.offsets.range_to_qt(start, end)
    block = editor.document().findBlock(qt_start)
    layout = block.layout()
    line = layout.lineForTextPosition(qt_start - block.position())
    under = QtGui.QTextLine.CursorPosition.CursorOnCharacter
    xs = [
        x
        for x in range(int(line.x()), int(line.x() + line.width()) + 2)
        if qt_start <= line.xToCursor(x, under) + block.position() < qt_end
    ]
    dx = layout.position().x() - editor.horizontalScrollBar().value()
    dy = layout.position().y() - editor.verticalScrollBar().value()
    return min(xs) + dx, max(xs) + 1 + dx, line.y() + line.height() / 2 + dy


def _window(qtbot: QtBot, tmp_path, make_window, text: str = MIXED):  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("mixed", text)])
    window = make_window(project, auto_suggest=False)
    window.resize(1100, 700)
    qtbot.wait(50)  # the docks give way to the editor after a resize
    return project, window


def _label_by_drag(qtbot, window, word: str, key: Key, reverse: bool) -> Span | None:  # type: ignore[no-untyped-def]
    editor = window.editor
    start = window.current.text.index(word)
    left, right, y = glyph_edges(editor, start, start + len(word))
    a, b = QtCore.QPointF(left, y), QtCore.QPointF(right, y)
    put_caret(editor, 0)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)  # no double click
    drag(editor, *((b, a) if reverse else (a, b)))
    qtbot.keyClick(editor, key)
    return editor.current_span


def test_drags_over_latin_words_in_an_arabic_line_select_them(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project, window = _window(qtbot, tmp_path, make_window)
    doc = window.current.doc_id
    for word, key, label in (
        ("Emmanuel Macron", Key.Key_1, "PERS"),  # a two-word Latin name
        ("AFP", Key.Key_3, "ORG"),  # an acronym in parentheses
        ("حلب", Key.Key_2, "LOC"),  # a word next to an emoji
    ):
        start = MIXED.index(word)
        for reverse in (False, True):
            span = _label_by_drag(qtbot, window, word, key, reverse)
            assert span is not None, (word, reverse)
            assert (span.start, span.end, span.label) == (start, start + len(word), label)
            stored = project.layer(doc).get(span.id)
            assert stored is not None and MIXED[stored.start : stored.end] == word
            window.current.stack.undo()
    assert project.layer(doc).spans() == []


def test_a_drag_across_a_paragraph_break_is_clipped(
    qtbot, tmp_path, make_window, sample_text
) -> None:  # type: ignore[no-untyped-def]
    project, window = _window(qtbot, tmp_path, make_window, sample_text)
    editor = window.editor
    text = window.current.text
    start = text.index("(قسد)\n\nمناورات")
    following = start + len("(قسد)\n\n")
    put_caret(editor, following + 7)  # scrolls both lines into view
    first = glyph_edges(editor, start + 1, start + 4)
    second = glyph_edges(editor, following, following + 7)
    qtbot.wait(QtWidgets.QApplication.doubleClickInterval() + 50)
    # From the right edge of قسد (where Arabic starts) down into the next paragraph.
    drag(editor, QtCore.QPointF(first[1], first[2]), QtCore.QPointF(second[0], second[2]))
    selected = editor.selection_range()
    assert selected is not None and "\n" in text[selected[0] : selected[1]]
    qtbot.keyClick(editor, Key.Key_3)
    spans = project.layer(window.current.doc_id).spans()
    assert [(text[s.start : s.end], s.label) for s in spans] == [("قسد", "ORG")]
    assert "line break" in window.statusBar().currentMessage()


def test_label_all_leaves_longer_suggestions_alone(
    qtbot, tmp_path, make_window, sample_text
) -> None:  # type: ignore[no-untyped-def]
    project, window = _window(qtbot, tmp_path, make_window, sample_text)
    doc = window.current.doc_id
    text = sample_text
    longer = [i for i in range(len(text)) if text.startswith("التحالف الدولي", i)]
    assert longer
    layer = project.layer(doc)
    for i in longer:
        layer.add(Span(i, i + 14, "ORG", "tester", status="suggested", origin="crf@1", score=0.87))
    window.open_document(doc)
    first = text.index("التحالف")
    editor = window.editor
    editor.select_range(first, first + 7)
    qtbot.keyClick(editor, Key.Key_3)
    qtbot.keyClick(editor, Key.Key_L, Mod.ControlModifier)
    qtbot.waitUntil(lambda: not window.tasks, timeout=5000)
    spans = project.layer(doc).spans()
    kept = [s for s in spans if s.end - s.start == 14]
    assert len(kept) == len(longer) and all(s.score == 0.87 for s in kept)
    assert all(s.status == "suggested" for s in kept)
    assert "left alone" in window.statusBar().currentMessage()


def test_creating_a_span_over_a_suggestion_settles_it(
    qtbot, tmp_path, make_window, sample_text
) -> None:  # type: ignore[no-untyped-def]
    project, window = _window(qtbot, tmp_path, make_window, sample_text)
    doc = window.current.doc_id
    text = sample_text
    whole = text.index("قوات سوريا الديمقراطية")
    inner = whole + len("قوات ")
    old = project.layer(doc).add(
        Span(inner, inner + len("سوريا الديمقراطية"), "LOC", "tester", status="suggested")
    )
    window.open_document(doc)
    window.editor.select_range(whole, whole + len("قوات سوريا الديمقراطية"))
    qtbot.keyClick(window.editor, Key.Key_3)
    assert project.layer(doc).get(old.id).status == "rejected"
    created = window.editor.current_span
    assert created is not None and created.label == "ORG" and created.status == "accepted"
    # The accepted span is drawn above everything else on its range.
    last = [
        s
        for s in window.editor.extraSelections()
        if s.format.hasProperty(QtGui.QTextFormat.Property.BackgroundBrush)
    ][-1]
    assert last.format.background() == window.editor.styles.format("ORG", "accepted").background()
    window.current.stack.undo()
    assert project.layer(doc).get(old.id).status == "suggested"
    assert project.layer(doc).get(created.id) is None


def test_relabelled_suggestion_is_the_annotators(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project, window = _window(qtbot, tmp_path, make_window)
    doc = window.current.doc_id
    start = MIXED.index("حلب")
    sug = project.layer(doc).add(
        Span(start, start + 3, "PERS", "tester", status="suggested", origin="crf@2", score=0.6)
    )
    window.open_document(doc)
    put_caret(window.editor, 0)
    qtbot.keyClick(window.editor, Key.Key_Tab)
    qtbot.keyClick(window.editor, Key.Key_2)
    span = project.layer(doc).get(sug.id)
    assert (span.label, span.status, span.origin, span.suggested_by) == (
        "LOC",
        "accepted",
        "manual",
        "crf@2",
    )
    assert span.score is None


def test_review_flow_accept_moves_on_and_mark_done_asks(
    qtbot, tmp_path, make_window, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    texts = [("a", "زار الوفد سوريا ثم حلب ثم قسد."), ("b", "نص ثان عن دمشق."), ("c", "نص ثالث.")]
    project = make_project(tmp_path / "p", texts)
    window = make_window(project)  # the fake recommender suggests سوريا, حلب, قسد
    editor = window.editor
    a = window.current.doc_id
    put_caret(editor, 0)
    qtbot.keyClick(editor, Key.Key_Tab)
    first = editor.current_span
    qtbot.keyClick(editor, Key.Key_Return)
    assert editor.current_span is not None and editor.current_span.start > first.start
    assert editor.current_span.status == "suggested"  # moved on to the next suggestion
    # Mark done with suggestions left: "Go back" changes nothing.
    asked: list[int] = []
    monkeypatch.setattr(window, "ask_unreviewed", lambda n: asked.append(n) or "back")
    qtbot.keyClick(editor, Key.Key_Return, Mod.ControlModifier)
    assert asked == [2] and project.layer(a).status == "in_progress"
    assert window.current.doc_id == a
    monkeypatch.setattr(window, "ask_unreviewed", lambda n: "accept")
    qtbot.keyClick(editor, Key.Key_Return, Mod.ControlModifier)
    assert project.layer(a).status == "done"
    assert {s.status for s in project.layer(a).spans()} == {"accepted"}
    # Ctrl+PgUp / Ctrl+PgDown move between documents without marking anything.
    b = window.current.doc_id
    assert b != a
    qtbot.keyClick(editor, Key.Key_PageDown, Mod.ControlModifier)
    assert window.current.doc_id not in (a, b)
    qtbot.keyClick(editor, Key.Key_PageUp, Mod.ControlModifier)
    qtbot.keyClick(editor, Key.Key_PageUp, Mod.ControlModifier)
    assert window.current.doc_id == a
    assert project.layer(b).status == "new"


def test_the_unreviewed_question_is_a_real_dialog(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    project = make_project(tmp_path / "p", [("a", "زار الوفد سوريا.")])
    window = make_window(project)

    def answer() -> None:
        box = QtWidgets.QApplication.activeModalWidget()
        assert isinstance(box, QtWidgets.QMessageBox) and "1" in box.text()
        leave = next(b for b in box.buttons() if b.text() == window.tr("Leave them"))
        leave.click()

    QtCore.QTimer.singleShot(200, answer)
    assert window.ask_unreviewed(1) == "leave"


def test_a_neutral_paragraph_reads_like_the_one_before(  # type: ignore[no-untyped-def]
    qtbot, tmp_path, make_window, sample_text
) -> None:
    _project, window = _window(qtbot, tmp_path / "ar", make_window, sample_text)
    qt = window.editor.offsets.to_qt(sample_text.index("2025/05/27"))
    block = window.editor.document().findBlock(qt)
    assert block.textDirection() == QtCore.Qt.LayoutDirection.RightToLeft
    # The same date line after an English paragraph reads left to right.
    _other, english = _window(qtbot, tmp_path / "en", make_window, "An English line.\n2025/05/27")
    second = english.editor.document().firstBlock().next()
    assert second.textDirection() == QtCore.Qt.LayoutDirection.LeftToRight


def test_highlights_follow_the_view_in_a_long_document(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    line = "زار الوفد مدينة حلب ثم عاد إلى دمشق."
    text = "\n".join([line] * 600)
    project = make_project(tmp_path / "p", [("long", text)])
    doc = project.documents()[0].id
    starts = [i for i in range(len(text)) if text.startswith("حلب", i)]
    project.layer(doc).add_many(
        [Span(s, s + 3, "LOC", "tester", status="suggested") for s in starts]
    )
    window = make_window(project, auto_suggest=False)
    editor = window.editor

    def shown() -> set[int]:
        return {editor.offsets.to_cp(a) for a, _b in editor.extra_selection_ranges()}

    assert starts[0] in shown() and starts[-1] not in shown()  # only what is near the view
    put_caret(editor, starts[-1])  # scrolls to the end
    qtbot.waitUntil(lambda: starts[-1] in shown(), timeout=3000)
    assert starts[0] not in shown()
    # Tab from the last span wraps to the first, which is drawn when it comes into view.
    qtbot.keyClick(editor, Key.Key_Tab)
    qtbot.keyClick(editor, Key.Key_Tab)
    qtbot.waitUntil(lambda: starts[0] in shown(), timeout=3000)


def test_tab_and_find_targets_land_in_the_middle(qtbot, tmp_path, make_window) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(f"سطر رقم {n} عن مدينة حلب." for n in range(400))
    project = make_project(tmp_path / "p", [("long", text)])
    window = make_window(project, auto_suggest=False)
    editor = window.editor
    target = text.index("سطر رقم 300 ")
    editor.select_range(target, target + 3)
    cursor = editor.textCursor()
    middle = editor.cursorRect(cursor).center().y()
    height = editor.viewport().height()
    assert height * 0.3 <= middle <= height * 0.7
