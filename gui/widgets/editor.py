"""The annotation editor: the document as one read-only QTextEdit with span highlights.

The text is set once, as one document, so the bidi algorithm and Arabic
shaping always see whole paragraphs. Each paragraph takes its direction from
its own content (Qt's auto direction), whatever the window's direction.
Spans are extra selections (background/underline only), so joining is never
broken. The editor knows nothing of the store: it shows spans and emits
intents; the window turns intents into undo commands.
"""

from __future__ import annotations

from bisect import bisect_right

from PySide6 import QtCore, QtGui, QtWidgets

from core.bidi import paragraph_directions
from core.model import LabelSet, Span
from gui.offsets import OffsetMap
from gui.widgets.drag import covered_range, select_covered
from gui.widgets.highlight import ExtraSelection, SpanStyles, draw_nested_underlines, span_tooltip
from gui.widgets.span_order import SpanOrder
from gui.widgets.view_range import NearView, visible_range

MIN_POINT_SIZE, MAX_POINT_SIZE = 8, 48
#: drawing order by status: later ranks paint over earlier ones
DRAW_RANK = {"rejected": 0, "suggested": 1, "accepted": 2}
#: spans per step of the idle-time pass over nesting levels (a few ms each)
CHUNK = 2000
#: highlights kept beyond those near the view (each holds a cursor and a format: ~6 kB)
KEPT_HIGHLIGHTS = 3000


#: the selection, translucent so that label colours show through it
SELECTION = QtGui.QColor(0, 90, 200, 70)


class AnnotationEditor(QtWidgets.QTextEdit):
    """Read-only text with caret and selection, span highlights, tooltips and a span menu."""

    #: a span was clicked: its id and the global position for a menu
    span_clicked = QtCore.Signal(int, QtCore.QPoint)
    #: the current span changed (0: none)
    current_changed = QtCore.Signal(int)
    #: the user asked for a new font size
    zoomed = QtCore.Signal(int)

    def __init__(self, labels: LabelSet, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editor")
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)
        self.setAcceptRichText(False)
        self.setTextInteractionFlags(
            QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
            | QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setMouseTracking(True)
        # Lines break between words only, never inside an Arabic word.
        self.setWordWrapMode(QtGui.QTextOption.WrapMode.WordWrap)
        option = self.document().defaultTextOption()
        option.setTextDirection(QtCore.Qt.LayoutDirection.LayoutDirectionAuto)
        self.document().setDefaultTextOption(option)
        # The selection is drawn translucent so that label colours show through it.
        palette = self.palette()
        palette.setColor(QtGui.QPalette.ColorRole.Highlight, SELECTION)
        palette.setColor(
            QtGui.QPalette.ColorRole.HighlightedText,
            palette.color(QtGui.QPalette.ColorRole.Text),
        )
        self.setPalette(palette)
        self.styles = SpanStyles(labels)
        self.offsets = OffsetMap("")
        self.text = ""
        self._spans: dict[int, Span] = {}
        self._visible = SpanOrder()  # levels found near the view first, the rest when idle
        # The idle-time pass over the visible spans: next index, the spans open there.
        self._pass_index = 0
        self._pass_open: list[tuple[int, int]] = []
        self._pass_timer = QtCore.QTimer(self, singleShot=True, interval=0)
        self._pass_timer.timeout.connect(self._pass_step)
        self._sels: dict[int, tuple[tuple[int, int, str, str, int], ExtraSelection]] = {}
        self._search: list[ExtraSelection] = []
        self._overlay: list[ExtraSelection] = []  # another layer, in compare mode
        self._current = 0
        self._show_rejected = False
        self._setting_cursor = False
        self.exact_selection = False  # the selection was made with Alt held
        self._click_timer = QtCore.QTimer(self, singleShot=True)
        self._click_timer.timeout.connect(self._emit_click)
        self._click: tuple[int, QtCore.QPoint] | None = None
        self.cursorPositionChanged.connect(self._cursor_moved)
        self._near = NearView(self)
        self._view_timer = QtCore.QTimer(self, singleShot=True, interval=0)
        self._view_timer.timeout.connect(self._view_moved)
        self.verticalScrollBar().valueChanged.connect(lambda _v: self._view_timer.start())

    # -- document ------------------------------------------------------------
    def set_document(self, text: str, offsets: OffsetMap, spans: list[Span]) -> None:
        """Show a new document (its text is set once, as one QTextDocument)."""
        self._current = 0
        # Drop the old cursors first: Qt would otherwise update each of them
        # while the old text is replaced.
        self._sels.clear()
        self._search = []
        self._overlay = []
        self.setExtraSelections([])
        self.text = text
        self.offsets = offsets
        self._setting_cursor = True
        self.setPlainText(text)
        self._inherit_directions(text)
        self._setting_cursor = False
        self.set_spans(spans)

    def _inherit_directions(self, text: str) -> None:
        """Paragraphs without a strong letter read in the direction of the one before.

        Empty paragraphs are left alone (they hold nothing to lay out), and the
        changes go in one edit block: each setBlockFormat alone relays the document.
        """
        qt = {
            "rtl": QtCore.Qt.LayoutDirection.RightToLeft,
            "ltr": QtCore.Qt.LayoutDirection.LeftToRight,
        }
        document = self.document()
        cursor: QtGui.QTextCursor | None = None
        block = document.firstBlock()
        for direction, inherited in paragraph_directions(text):
            if not block.isValid():
                break
            if inherited and block.length() > 1:
                if cursor is None:
                    cursor = QtGui.QTextCursor(document)
                    cursor.beginEditBlock()
                cursor.setPosition(block.position())
                fmt = block.blockFormat()
                fmt.setLayoutDirection(qt[direction])
                cursor.setBlockFormat(fmt)
            block = block.next()
        if cursor is not None:
            cursor.endEditBlock()

    def set_labels(self, labels: LabelSet, spans: list[Span] | None = None) -> None:
        """Use another label set's colours (and, when given, show these spans with them)."""
        self.styles = SpanStyles(labels)
        self._sels.clear()
        self.set_spans(list(self._spans.values()) if spans is None else spans)

    def set_show_rejected(self, show: bool) -> None:
        """Show or hide rejected suggestions."""
        self._show_rejected = show
        self.set_spans(list(self._spans.values()))

    def set_spans(self, spans: list[Span]) -> None:
        """Show these spans: those near the view highlighted at once, the rest when idle.

        Nesting levels and highlights are made for the spans near the viewport
        (what is painted); an idle-time pass (a zero timer, CHUNK spans a step)
        then finds every other span's level, and a span's highlight is made when
        it comes near the view. Highlights made before are kept while their span
        is unchanged (checked when used).
        """
        self._spans = {s.id: s for s in spans}
        self._visible = SpanOrder(s for s in spans if s.status != "rejected" or self._show_rejected)
        old = self._sels
        self._sels = {i: old[i] for i in self._visible.position if i in old}
        if self._current and self._current not in self._spans:
            self._set_current(0)
        self._apply_selections()
        self._pass_index, self._pass_open = 0, []
        if self._visible.spans:
            self._pass_timer.start()

    def level(self, span_id: int) -> int:
        """A visible span's nesting level (0: not inside another span)."""
        return self._visible.level(self._spans[span_id])

    def _pass_step(self) -> None:
        """One idle-time step: the nesting levels of the next CHUNK spans."""
        visible = self._visible
        first = self._pass_index
        if first >= len(visible):
            return
        # Never stop inside a range of equal spans: the sweep takes them as one group.
        last = visible.group_end(min(len(visible), first + CHUNK))
        self._pass_open = visible.sweep(first, last, self._pass_open)
        self._pass_index = last
        if last < len(visible):
            self._pass_timer.start()

    @property
    def pass_pending(self) -> bool:
        """True while the idle-time pass has spans left whose level is not known yet."""
        return self._pass_index < len(self._visible)

    def highlight_format(self, span_id: int) -> QtGui.QTextCharFormat | None:
        """The format of a span's highlight if it is made and up to date, else None."""
        span = self._spans.get(span_id)
        cached = self._sels.get(span_id)
        if span is None or cached is None or span.id not in self._visible.levels:
            return None
        return cached[1].format if cached[0] == self._key(span) else None

    def replace_spans(self, changed: list[Span]) -> bool:
        """Fast path for spans that kept their offsets (accept, reject, relabel).

        A span that a reject hides is taken out on its own when it overlaps no
        other visible span (so no nesting level changes). Returns False when the
        change needs a full set_spans (offsets moved, spans appeared, or a hidden
        span was nested).
        """
        hide: list[Span] = []
        for span in changed:
            old = self._spans.get(span.id)
            if old is None or (old.start, old.end) != (span.start, span.end):
                return False
            was = old.status != "rejected" or self._show_rejected
            now = span.status != "rejected" or self._show_rejected
            if was and not now:
                if any(o.id != span.id for o in self.spans_overlapping(span.start, span.end)):
                    return False
                hide.append(span)
            elif was != now:
                return False
        hidden = {s.id for s in hide}
        for span in changed:
            self._spans[span.id] = span
            cached = self._sels.get(span.id)
            if span.id in hidden:
                self._sels.pop(span.id, None)
            elif cached is not None:
                self._visible.replace(span)
                # Same offsets: the old selection's cursor is reused, only the format changes.
                sel = ExtraSelection()
                sel.cursor = cached[1].cursor
                sel.format = self.styles.format(span.label, span.status)
                self._sels[span.id] = (self._key(span), sel)
            else:
                self._visible.replace(span)
        if hidden:
            # The idle-time pass goes on from the same span.
            position = self._visible.position
            self._pass_index -= sum(1 for i in hidden if position[i] < self._pass_index)
            self._visible.remove(hidden)
            if self._current in hidden:
                self._set_current(0)
        self._apply_selections()
        return True

    def spans_overlapping(self, start: int, end: int) -> list[Span]:
        """Visible spans sharing a character with [start, end), in reading order."""
        return self._visible.overlapping(start, end)

    def spans(self) -> list[Span]:
        """The visible spans in reading order."""
        return list(self._visible.spans)

    def span_after(self, span: Span, status: str | None = None) -> Span | None:
        """The first visible span after span in reading order (with status, if given)."""
        return self._visible.after(span, status)

    def _selection(self, span: Span) -> ExtraSelection:
        sel = self.range_selection(span.start, span.end)
        sel.format = self.styles.format(span.label, span.status)
        return sel

    def _key(self, span: Span) -> tuple[int, int, str, str, int]:
        return (span.start, span.end, span.label, span.status, self._visible.level(span))

    def _apply_selections(self) -> None:
        # Only what lies near the viewport is handed to Qt: setExtraSelections costs
        # in proportion to the selections given, and a long document holds thousands.
        qa, qb = self._near_view()
        a, b = self.offsets.to_cp(qa), self.offsets.to_cp(qb)
        self._visible.ensure_levels(*self._visible.near(a, b))
        near = self.spans_overlapping(a, b)
        # Accepted spans are drawn last (on top of suggestions, whatever their
        # lengths), inner levels above outer ones.
        levels = self._visible.levels
        near.sort(key=lambda s: (DRAW_RANK.get(s.status, 0), levels[s.id], s.start))
        sels = []
        for span in near:
            cached = self._sels.get(span.id)
            key = self._key(span)
            if cached is None or cached[0] != key:
                cached = self._sels[span.id] = (key, self._selection(span))
            sels.append(cached[1])
        if len(self._sels) > KEPT_HIGHLIGHTS + len(near):
            # Bounded memory: a document scrolled through once keeps only what is near.
            self._sels = {s.id: self._sels[s.id] for s in near}
        current = self._spans.get(self._current)
        if current is not None:
            sel = self._selection(current)
            sel.format = self.styles.current_format()
            sels.append(sel)
        for extra in (self._search, self._overlay):
            sels.extend(
                e for e in extra if e.cursor.selectionStart() < qb and e.cursor.selectionEnd() > qa
            )
        self._shown_range = (qa, qb)
        self.setExtraSelections(sels)

    def _near_view(self) -> tuple[int, int]:
        """The Qt positions from a screen above the viewport to a screen below it."""
        return self._near.range()

    def view_highlighted(self) -> bool:
        """True when the highlights handed to Qt cover the whole viewport."""
        top, bottom = visible_range(self)
        shown = getattr(self, "_shown_range", (0, -1))
        return shown[0] <= top and bottom <= shown[1]

    def _view_moved(self) -> None:
        """Scrolled or resized: show the highlights of what came into view."""
        qa, qb = self._near_view()
        shown = getattr(self, "_shown_range", (0, -1))
        if not (shown[0] <= qa and qb <= shown[1]):
            self._apply_selections()

    def extra_selection_ranges(self) -> list[tuple[int, int]]:
        """The Qt (UTF-16) ranges of the extra selections now shown (for tests)."""
        return [
            (s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in self.extraSelections()
        ]

    # -- current span ------------------------------------------------------
    @property
    def current_span(self) -> Span | None:
        """The span the keyboard commands act on, if any."""
        return self._spans.get(self._current)

    def set_current(self, span_id: int, *, select: bool = True) -> None:
        """Make a span current, select its text and scroll to it."""
        span = self._spans.get(span_id)
        if span is None:
            self._set_current(0)
            self._apply_selections()
            return
        if select:
            self.select_range(span.start, span.end)
        self._set_current(span_id)
        self._apply_selections()

    def _set_current(self, span_id: int) -> None:
        if span_id != self._current:
            self._current = span_id
            self.current_changed.emit(span_id)
        # The current span is selected (copy, edge keys), but its outline marks it:
        # the selection over it is drawn in the span's own highlight, so that its
        # label colour never changes (Qt paints a selection over the formats).
        span = self._spans.get(span_id)
        colour = SELECTION
        if span is not None and self.selection_range() == (span.start, span.end):
            own = self._selection(span)  # held: its format is a view into it
            colour = QtGui.QColor(own.format.background().color())
        palette = self.palette()
        if palette.color(QtGui.QPalette.ColorRole.Highlight) != colour:
            palette.setColor(QtGui.QPalette.ColorRole.Highlight, colour)
            self.setPalette(palette)

    def step(self, direction: int) -> Span | None:
        """Make the next (+1) or previous (-1) visible span current, in reading order."""
        visible = self._visible
        if not visible.spans:
            return None
        current = self._spans.get(self._current)
        if current is not None and current.id in visible.position:
            index = visible.position[current.id] + direction
        else:
            pos = self.selection_range()[0] if self.selection_range() else self.caret()
            index = (
                bisect_right(visible.starts, pos)
                if direction > 0
                else bisect_right(visible.starts, pos) - 1
            )
            if direction > 0 and self.textCursor().hasSelection():
                index = bisect_right(visible.starts, pos - 1)
        index %= len(visible)
        span = visible.spans[index]
        self.set_current(span.id)
        return span

    # -- selection in code points -------------------------------------------
    def select_range(self, start: int, end: int) -> None:
        """Select [start, end) (code points) and scroll it into view."""
        a, b = self.offsets.range_to_qt(start, end)
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(a)
        cursor.setPosition(b, QtGui.QTextCursor.MoveMode.KeepAnchor)
        self._setting_cursor = True
        self.setTextCursor(cursor)
        self._setting_cursor = False
        self.ensureCursorVisible()
        self._centre(a)
        current = self.current_span
        if current is not None and (current.start, current.end) != (start, end):
            self._set_current(0)
            self._apply_selections()

    def _centre(self, qt: int) -> None:
        """Scroll a target near the viewport's edge to the middle, with context around it."""
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(qt)
        rect = self.cursorRect(cursor)
        height = self.viewport().height()
        if height <= 0 or height * 0.2 <= rect.center().y() <= height * 0.8:
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - height // 2)

    def selection_range(self) -> tuple[int, int] | None:
        """The selection as a code-point span, or None."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return self.offsets.range_to_cp(cursor.selectionStart(), cursor.selectionEnd())

    def selection_anchor(self) -> int:
        """Where the selection started (the anchor), as a code-point offset."""
        return self.offsets.to_cp(self.textCursor().anchor())

    def caret(self) -> int:
        """The caret as a code-point offset."""
        return self.offsets.to_cp(self.textCursor().position())

    def _cursor_moved(self) -> None:
        if self._setting_cursor:
            return
        current = self.current_span
        if current is not None and self.selection_range() != (current.start, current.end):
            self._set_current(0)
            self._apply_selections()

    def set_overlay(self, selections: list[ExtraSelection]) -> None:
        """Draw these extra selections over the spans (compare mode; outlines only)."""
        if not selections and not self._overlay:
            return
        self._overlay = list(selections)
        self._apply_selections()

    def range_selection(self, start: int, end: int) -> ExtraSelection:
        """An extra selection over a code-point range (its format left empty)."""
        sel = ExtraSelection()
        cursor = QtGui.QTextCursor(self.document())
        a, b = self.offsets.range_to_qt(start, end)
        cursor.setPosition(a)
        cursor.setPosition(b, QtGui.QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        return sel

    # -- search ------------------------------------------------------------
    def set_search_matches(self, matches: list[tuple[int, int]]) -> None:
        """Outline these code-point ranges as search matches."""
        fmt = self.styles.search_format()
        self._search = []
        for start, end in matches:
            sel = self.range_selection(start, end)
            sel.format = fmt
            self._search.append(sel)
        self._apply_selections()

    # -- spans at a point ---------------------------------------------------
    def spans_at(self, pos: int) -> list[Span]:
        """Visible spans covering code-point offset pos, innermost first."""
        hits = self._visible.overlapping(pos, pos + 1)
        return sorted(hits, key=lambda s: (s.end - s.start, s.id))

    def span_at_point(self, point: QtCore.QPoint) -> Span | None:
        """The innermost span under a viewport point."""
        cursor = self.cursorForPosition(point)
        qt = cursor.position()
        # cursorForPosition returns the nearest caret position; check both sides.
        for candidate in (qt, qt - 1):
            if 0 <= candidate < self.offsets.qt_length:
                rect = self._char_rect(candidate)
                if rect is not None and rect.adjusted(-1, -1, 1, 1).contains(point):
                    hits = self.spans_at(self.offsets.to_cp(candidate))
                    if hits:
                        return hits[0]
        return None

    def _char_rect(self, qt: int) -> QtCore.QRectF | None:
        cursor = QtGui.QTextCursor(self.document())
        cursor.setPosition(qt)
        a = self.cursorRect(cursor)
        cursor.setPosition(qt + 1)
        b = self.cursorRect(cursor)
        if a.top() != b.top():
            return None
        left, right = sorted((a.left(), b.left()))
        return QtCore.QRectF(left, a.top(), max(1, right - left), a.height())

    # -- events ------------------------------------------------------------
    def viewportEvent(self, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.ToolTip:
            assert isinstance(event, QtGui.QHelpEvent)
            span = self.span_at_point(event.pos())
            if span is not None:
                QtWidgets.QToolTip.showText(event.globalPos(), self.tooltip(span), self)
            else:
                QtWidgets.QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def tooltip(self, span: Span) -> str:
        """The tooltip text of a span: label, status, score, origin."""
        return span_tooltip(self.styles.labels, self.text, span)

    def mousePressEvent(self, event: QtGui.QMouseEvent) -> None:
        self._press = event.position().toPoint()
        if event.button() == QtCore.Qt.MouseButton.LeftButton and self.textCursor().hasSelection():
            # A press inside the selection would start dragging the text away (Qt's
            # drag and drop); here a press always starts a new selection.
            cursor = self.textCursor()
            cursor.clearSelection()
            self._setting_cursor = True
            self.setTextCursor(cursor)
            self._setting_cursor = False
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.exact_selection = bool(event.modifiers() & QtCore.Qt.KeyboardModifier.AltModifier)
        point = event.position().toPoint()
        press = getattr(self, "_press", point)
        moved = (point - press).manhattanLength()
        if (
            event.button() == QtCore.Qt.MouseButton.LeftButton
            and moved >= QtWidgets.QApplication.startDragDistance()
        ):
            covered = covered_range(self, self.offsets, press, point)
            if covered is not None:
                select_covered(self, self.offsets, *covered)
        if (
            event.button() == QtCore.Qt.MouseButton.LeftButton
            and moved < QtWidgets.QApplication.startDragDistance()
            and not self.textCursor().hasSelection()
        ):
            span = self.span_at_point(point)
            if span is not None:
                self.set_current(span.id)
                self._click = (span.id, self.viewport().mapToGlobal(point))
                self._click_timer.start(QtWidgets.QApplication.doubleClickInterval())

    def mouseDoubleClickEvent(self, event: QtGui.QMouseEvent) -> None:
        self._click_timer.stop()
        self._click = None
        super().mouseDoubleClickEvent(event)
        self.exact_selection = False

    def _emit_click(self) -> None:
        if self._click is not None:
            span_id, point = self._click
            self._click = None
            self.span_clicked.emit(span_id, point)

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        self.exact_selection = False
        super().keyPressEvent(event)

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:
        if event.modifiers() & QtCore.Qt.KeyboardModifier.ControlModifier:
            self.zoom(1 if event.angleDelta().y() > 0 else -1)
            return
        super().wheelEvent(event)

    def zoom(self, steps: int) -> None:
        """Make the text larger or smaller and announce the new size."""
        self.set_point_size(self.font().pointSize() + steps)
        self.zoomed.emit(self.font().pointSize())

    def set_point_size(self, size: int) -> None:
        """Set the editor's font size (clamped)."""
        font = self.font()
        font.setPointSize(max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, size)))
        self.setFont(font)
        self.document().setDefaultFont(font)

    # -- stacked underlines for nested spans ---------------------------------
    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._view_timer.start()

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._visible.spans:
            return
        top, bottom = visible_range(self)
        # Only the spans in view are looked at, not every span of the document.
        a, b = self.offsets.to_cp(top), self.offsets.to_cp(min(bottom, self.offsets.qt_length))
        self._visible.ensure_levels(*self._visible.near(a, b + 1))
        levels = self._visible.levels
        nested = [s for s in self.spans_overlapping(a, b + 1) if levels[s.id] > 0]
        if not nested:
            return
        ranges = [(*self.offsets.range_to_qt(s.start, s.end), s) for s in nested]
        draw_nested_underlines(self, self.styles, ranges, levels, (top, bottom))
