"""How spans look: extra-selection formats that change only background and underline.

Only the background, underline and outline change, never the font, so the
text stays one shaped run and Arabic letters stay joined under a highlight.
Overlapping spans get nesting levels: level 0 is drawn as the selection
itself, deeper levels additionally get stacked underlines painted by the
editor (see AnnotationEditor.paintEvent).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6 import QtCore, QtGui, QtWidgets

from core.model import LabelSet, Span
from gui.i18n import label_name, number, origin_text, span_status

ExtraSelection = QtWidgets.QTextEdit.ExtraSelection


def tint(colour: QtGui.QColor, amount: float) -> QtGui.QColor:
    """The colour mixed with white (amount 1 = the colour itself), opaque."""
    r, g, b = colour.red(), colour.green(), colour.blue()
    return QtGui.QColor(
        round(255 - (255 - r) * amount),
        round(255 - (255 - g) * amount),
        round(255 - (255 - b) * amount),
    )


def nesting_levels(spans: Iterable[Span]) -> dict[int, int]:
    """Level per span id: the lowest level not taken by an overlapping earlier span."""
    levels: dict[int, int] = {}
    open_spans: list[tuple[int, int]] = []  # (end, level) of spans still open
    for span in sorted(spans, key=lambda s: (s.start, -s.end, s.id)):
        open_spans = [(end, lvl) for end, lvl in open_spans if end > span.start]
        taken = {lvl for _, lvl in open_spans}
        level = next(i for i in range(len(taken) + 1) if i not in taken)
        levels[span.id] = level
        open_spans.append((span.end, level))
    return levels


class SpanStyles:
    """Cached formats per (label, status), built from the project's label set."""

    def __init__(self, labels: LabelSet) -> None:
        self.labels = labels
        self._cache: dict[tuple[str, str], QtGui.QTextCharFormat] = {}

    def colour(self, label: str) -> QtGui.QColor:
        """A label's colour (grey for an unknown label)."""
        return QtGui.QColor(self.labels.get(label).color if label in self.labels else "#999999")

    def format(self, label: str, status: str) -> QtGui.QTextCharFormat:
        """The extra-selection format for a span."""
        key = (label, status)
        fmt = self._cache.get(key)
        if fmt is None:
            colour = self.colour(label)
            fmt = QtGui.QTextCharFormat()
            if status == "accepted":
                fmt.setBackground(colour)
                if colour.lightnessF() < 0.45:
                    fmt.setForeground(QtGui.QColor("white"))
            elif status == "suggested":
                fmt.setBackground(tint(colour, 0.28))
                fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(colour.darker(130))
            else:  # rejected, shown only on request
                fmt.setUnderlineStyle(QtGui.QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QtGui.QColor("#777777"))
            self._cache[key] = fmt
        return fmt

    def current_format(self) -> QtGui.QTextCharFormat:
        """An outline around the current span (keeps its colours)."""
        fmt = QtGui.QTextCharFormat()
        fmt.setProperty(
            QtGui.QTextFormat.Property.OutlinePen, QtGui.QPen(QtGui.QColor("#000000"), 2)
        )
        return fmt

    def search_format(self) -> QtGui.QTextCharFormat:
        """An outline around search matches."""
        fmt = QtGui.QTextCharFormat()
        pen = QtGui.QPen(QtGui.QColor("#D55E00"), 1.5, QtCore.Qt.PenStyle.DashLine)
        fmt.setProperty(QtGui.QTextFormat.Property.OutlinePen, pen)
        return fmt


def draw_nested_underlines(
    editor: QtWidgets.QTextEdit,
    styles: SpanStyles,
    ranges: list[tuple[int, int, Span]],
    levels: dict[int, int],
    shown: tuple[int, int],
) -> None:
    """Paint stacked underlines under nested spans (Qt ranges) on the editor's viewport.

    Level 1 is drawn just under the text, each deeper level 3 pixels higher;
    suggestions get dashed lines. Only ranges meeting ``shown`` are drawn.
    """
    top, bottom = shown
    painter = QtGui.QPainter(editor.viewport())
    document = editor.document()
    layout = document.documentLayout()
    dx = -editor.horizontalScrollBar().value()
    dy = -editor.verticalScrollBar().value()
    for a, b, span in ranges:
        if b < top or a > bottom:
            continue
        level = levels[span.id]
        pen = QtGui.QPen(styles.colour(span.label), 2)
        if span.status != "accepted":
            pen.setStyle(QtCore.Qt.PenStyle.DashLine)
        painter.setPen(pen)
        block = document.findBlock(a)
        while block.isValid() and block.position() < b:
            origin = layout.blockBoundingRect(block).topLeft()
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                ls = block.position() + line.textStart()
                le = ls + line.textLength()
                s, e = max(a, ls), min(b, le)
                if s >= e:
                    continue
                xs = [line.cursorToX(p - block.position())[0] for p in range(s, e + 1)]
                y = origin.y() + line.y() + line.ascent() + line.descent() - 1 - 3 * (level - 1)
                painter.drawLine(
                    QtCore.QPointF(origin.x() + min(xs) + dx, y + dy),
                    QtCore.QPointF(origin.x() + max(xs) + dx, y + dy),
                )
            block = block.next()
    painter.end()


def span_tooltip(labels: LabelSet, text: str, span: Span) -> str:
    """A span's tooltip in the editor: label, status, origin, score, its text and offsets."""
    label = labels.get(span.label) if span.label in labels else None
    name = f"{label_name(label)} · {span.label}" if label else span.label
    lines = [
        name,
        QtCore.QCoreApplication.translate("AnnotationEditor", "{status} · {origin}").format(
            status=span_status(span.status), origin=origin_text(span.origin)
        ),
    ]
    if span.score is not None:
        lines.append(
            QtCore.QCoreApplication.translate("AnnotationEditor", "score {score}").format(
                score=number(span.score, 2)
            )
        )
    lines.append(f"“{text[span.start : span.end]}”")
    lines.append(
        QtCore.QCoreApplication.translate("AnnotationEditor", "characters {start}–{end}").format(
            start=number(span.start), end=number(span.end)
        )
    )
    return "\n".join(lines)
