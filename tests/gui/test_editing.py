"""Creating, accepting, rejecting and relabelling spans with real key presses and clicks."""

from __future__ import annotations

from PySide6 import QtCore

from tests.gui.helpers import char_point, put_caret, spans_text

Key = QtCore.Qt.Key
Mod = QtCore.Qt.KeyboardModifier


def _doc(window):  # type: ignore[no-untyped-def]
    return window.current.doc_id


def test_suggestions_arrive_on_first_open(window, project) -> None:  # type: ignore[no-untyped-def]
    suggested = spans_text(project, _doc(window), "suggested")
    assert ("سوريا", "LOC", "suggested") in suggested
    assert ("قسد", "ORG", "suggested") in suggested
    assert len(window.editor.spans()) == len(suggested)
    assert window.span_model.rowCount() == len(suggested)
    assert "suggested" in window.progress_label.text()


def test_create_span_by_keyboard_selection(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    text = window.current.text
    start = text.index("المالكية")
    put_caret(window.editor, start)
    # Shift+arrows select character by character (visual order: in this RTL
    # paragraph Left moves forwards through the text).
    for _ in range(4):
        qtbot.keyClick(window.editor, Key.Key_Left, Mod.ShiftModifier)
    assert window.editor.selection_range() == (start, start + 4)
    qtbot.keyClick(window.editor, Key.Key_2)  # LOC; snapping completes the word
    assert ("المالكية", "LOC", "accepted") in spans_text(project, _doc(window), "accepted")
    span = window.editor.current_span
    assert span is not None and (span.start, span.end) == (start, start + len("المالكية"))
    assert span.annotator == "tester" and span.origin == "manual"


def test_create_span_by_word_selection_keys(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    text = window.current.text
    start = text.index("عنب بلدي")
    put_caret(window.editor, start)
    qtbot.keyClick(window.editor, Key.Key_Left, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.keyClick(window.editor, Key.Key_Left, Mod.ControlModifier | Mod.ShiftModifier)
    qtbot.keyClick(window.editor, Key.Key_3)
    assert ("عنب بلدي", "ORG", "accepted") in spans_text(project, _doc(window), "accepted")


def test_create_span_by_mouse_double_click(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    text = window.current.text
    start = text.index("الحسكة")
    window.editor.set_current(0)
    qtbot.mouseDClick(
        window.editor.viewport(),
        QtCore.Qt.MouseButton.LeftButton,
        pos=char_point(window.editor, start + 2),
    )
    assert window.editor.selection_range() == (start, start + len("الحسكة"))
    qtbot.keyClick(window.editor, Key.Key_2)
    assert ("الحسكة", "LOC", "accepted") in spans_text(project, _doc(window), "accepted")


def test_create_span_by_mouse_drag_and_label_button(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    text = window.current.text
    start = text.index("نيويورك تايمز")
    end = start + len("نيويورك تايمز")
    viewport = window.editor.viewport()
    window.editor.select_range(start, start)
    window.editor.ensureCursorVisible()
    left = QtCore.Qt.MouseButton.LeftButton
    qtbot.mousePress(viewport, left, pos=char_point(window.editor, start + 1))
    qtbot.mouseMove(viewport, char_point(window.editor, end - 2))
    qtbot.mouseRelease(viewport, left, pos=char_point(window.editor, end - 2))
    selected = window.editor.selection_range()
    assert (
        selected is not None and start <= selected[0] <= start + 2 and end - 3 <= selected[1] <= end
    )
    qtbot.mouseClick(window.label_bar.buttons["ORG"], left)
    assert ("نيويورك تايمز", "ORG", "accepted") in spans_text(project, _doc(window), "accepted")


def test_accept_reject_relabel_with_undo_redo(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    editor = window.editor
    doc = _doc(window)
    stack = window.current.stack
    put_caret(editor, 0)
    qtbot.keyClick(editor, Key.Key_Tab)
    first = editor.current_span
    assert first is not None and first.status == "suggested"
    # accept
    qtbot.keyClick(editor, Key.Key_Return)
    assert project.layer(doc).get(first.id).status == "accepted"
    stack.undo()
    assert project.layer(doc).get(first.id).status == "suggested"
    stack.redo()
    assert project.layer(doc).get(first.id).status == "accepted"
    # reject the next one with Delete
    qtbot.keyClick(editor, Key.Key_Tab)
    second = editor.current_span
    assert second is not None and second.id != first.id and second.status == "suggested"
    qtbot.keyClick(editor, Key.Key_Delete)
    assert project.layer(doc).get(second.id).status == "rejected"
    assert second.id not in {s.id for s in editor.spans()}  # hidden
    qtbot.keyClick(editor, Key.Key_Z, Mod.ControlModifier)
    assert project.layer(doc).get(second.id).status == "suggested"
    qtbot.keyClick(editor, Key.Key_Z, Mod.ControlModifier | Mod.ShiftModifier)
    assert project.layer(doc).get(second.id).status == "rejected"
    # relabel-and-accept the next suggestion with a number key
    editor.set_current(0)
    put_caret(editor, second.end)
    qtbot.keyClick(editor, Key.Key_Tab)
    third = editor.current_span
    assert third is not None and third.status == "suggested"
    qtbot.keyClick(editor, Key.Key_4)
    stored = project.layer(doc).get(third.id)
    assert (stored.label, stored.status) == ("MISC", "accepted")
    qtbot.keyClick(editor, Key.Key_Z, Mod.ControlModifier)
    stored = project.layer(doc).get(third.id)
    assert (stored.label, stored.status) == (third.label, "suggested")
    qtbot.keyClick(editor, Key.Key_Y, Mod.ControlModifier)
    assert project.layer(doc).get(third.id).label == "MISC"


def test_space_accepts_and_backspace_deletes_accepted(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    editor = window.editor
    put_caret(editor, 0)
    qtbot.keyClick(editor, Key.Key_Tab)
    span = editor.current_span
    qtbot.keyClick(editor, Key.Key_Space)
    assert project.layer(_doc(window)).get(span.id).status == "accepted"
    editor.set_current(span.id)
    qtbot.keyClick(editor, Key.Key_Backspace)
    assert project.layer(_doc(window)).get(span.id) is None
    window.current.stack.undo()
    assert project.layer(_doc(window)).get(span.id).status == "accepted"


def test_tab_walks_spans_in_reading_order(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    editor = window.editor
    put_caret(editor, 0)
    seen = []
    for _ in range(5):
        qtbot.keyClick(editor, Key.Key_Tab)
        seen.append(editor.current_span.start)
        assert editor.selection_range() == (editor.current_span.start, editor.current_span.end)
    assert seen == sorted(seen)
    qtbot.keyClick(editor, Key.Key_Backtab, Mod.ShiftModifier)
    assert editor.current_span.start == seen[-2]
    # the entity panel follows
    row = window.span_model.row_of(editor.current_span.id)
    assert window.entity_panel.view.currentIndex().row() == row


def test_accept_all(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    doc = _doc(window)
    count = len(project.layer(doc).spans(status="suggested"))
    qtbot.keyClick(window.editor, Key.Key_A, Mod.ControlModifier | Mod.ShiftModifier)
    assert not project.layer(doc).spans(status="suggested")
    assert len(project.layer(doc).spans(status="accepted")) == count
    window.current.stack.undo()
    assert len(project.layer(doc).spans(status="suggested")) == count


def test_move_edges_by_char_and_word(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    editor = window.editor
    text = window.current.text
    start = text.index("التحالف الدولي")
    editor.select_range(start, start + len("التحالف"))
    qtbot.keyClick(editor, Key.Key_3)
    span = editor.current_span
    # RTL paragraph: Alt+Shift+Left moves the end edge forwards (leftwards on screen).
    qtbot.keyClick(editor, Key.Key_Left, Mod.AltModifier | Mod.ShiftModifier | Mod.ControlModifier)
    moved = project.layer(_doc(window)).get(span.id)
    assert text[moved.start : moved.end] == "التحالف الدولي"
    qtbot.keyClick(editor, Key.Key_Right, Mod.AltModifier | Mod.ShiftModifier)
    moved = project.layer(_doc(window)).get(span.id)
    assert text[moved.start : moved.end] == "التحالف الدول"
    qtbot.keyClick(editor, Key.Key_Left, Mod.AltModifier)
    moved = project.layer(_doc(window)).get(span.id)
    assert text[moved.start : moved.end] == "لتحالف الدول"
    window.current.stack.undo()
    window.current.stack.undo()
    moved = project.layer(_doc(window)).get(span.id)
    assert text[moved.start : moved.end] == "التحالف الدولي"


def test_click_on_span_opens_menu(qtbot, window, project) -> None:  # type: ignore[no-untyped-def]
    from PySide6 import QtWidgets

    editor = window.editor
    target = next(s for s in editor.spans() if s.status == "suggested")
    editor.select_range(target.start, target.start)
    qtbot.mouseClick(
        editor.viewport(),
        QtCore.Qt.MouseButton.LeftButton,
        pos=char_point(editor, target.start + 1),
    )

    def menu() -> QtWidgets.QMenu | None:
        found = window.findChild(QtWidgets.QMenu, "span_menu")
        return found if found is not None and found.isVisible() else None

    qtbot.waitUntil(lambda: menu() is not None, timeout=3000)
    labels = [a for a in menu().actions() if "MISC" in a.text()]
    labels[0].trigger()
    stored = project.layer(_doc(window)).get(target.id)
    assert (stored.label, stored.status) == ("MISC", "accepted")


def test_tooltip_shows_score(window) -> None:  # type: ignore[no-untyped-def]
    span = next(s for s in window.editor.spans() if s.status == "suggested")
    tip = window.editor.tooltip(span)
    assert f"{span.score:.2f}" in tip and span.label in tip
    point = char_point(window.editor, span.start + 1)
    assert window.editor.span_at_point(point).id == span.id
