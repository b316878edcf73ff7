"""What the keyboard and mouse do to spans: each intent becomes one undo command."""

from __future__ import annotations

from collections.abc import Callable, Container
from functools import partial

from PySide6 import QtCore, QtGui, QtWidgets

from core.model import MANUAL, Span, clip_to_line
from core.snap import move_edge, snap_selection
from core.text import normalize_str
from gui.actions import ShortcutMenu
from gui.bulk import confirm_bulk
from gui.commands import change_spans, remove_spans
from gui.i18n import label_name, number
from gui.session import DocumentSession
from gui.widgets.editor import AnnotationEditor
from gui.workspace import Workspace

PROPAGATE_ORIGIN = "propagate@1"


class SpanEditing(QtCore.QObject):
    """Turns editor intents (label, accept, reject, move an edge...) into commands."""

    message = QtCore.Signal(str)

    def __init__(
        self,
        editor: AnnotationEditor,
        workspace: Workspace,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.editor = editor
        self.workspace = workspace
        self.snapping = True
        #: known stems beyond this document's spans (the gazetteer, the project's spans)
        self.stems: Callable[[set[str]], Container[str]] | None = None

    @property
    def session(self) -> DocumentSession | None:
        """The open document, if any."""
        return self.workspace.current

    def _push(self, command: QtGui.QUndoCommand) -> None:
        session = self.session
        if session is not None:
            session.stack.push(command)

    def _writable(self) -> DocumentSession | None:
        session = self.session
        if session is None:
            return None
        if session.read_only:
            self.message.emit(self.tr("The project is open read-only; nothing can be changed."))
            return None
        return session

    # -- label, accept, reject -------------------------------------------------
    def label(self, name: str, *, exact: bool = False) -> Span | None:
        """Label the selection, or relabel (and accept) the current span."""
        session = self._writable()
        if session is None:
            return None
        current = self.editor.current_span
        if current is not None:
            return self._relabel(session, current, name)
        selected = self.editor.selection_range()
        if selected is None:
            self.message.emit(self.tr("Select some text first, or go to a span with Tab."))
            return None
        start, end = clip_to_line(session.text, *selected, self.editor.selection_anchor())
        if (start, end) != selected:
            self.message.emit(
                self.tr(
                    "The selection crossed a line break: only the part where it started is used."
                )
            )
        if self.snapping and not exact and not self.editor.exact_selection:
            snapped = self.snap(session.text, start, end)
            if snapped is None:
                self.message.emit(self.tr("The selection holds no word to label."))
                return None
            start, end = snapped
        for span in session.spans():  # the same span again just gets its label
            if (span.start, span.end) == (start, end) and span.status != "rejected":
                self.editor.set_current(span.id)
                return self.label(name)
        span = Span(start, end, name, session.annotator, status="accepted", origin=MANUAL)
        before = self._resolved(session, span)
        command = change_spans(
            self.workspace, session.doc_id, before, self._label_text(name), add=[span]
        )
        self._push(command)
        had = {old.id for old, _new in before}
        created = [s for s in command.after if s.id not in had]
        if created and not command.isObsolete():
            self.editor.set_current(created[0].id)
            return created[0]
        return None

    def _relabel(self, session: DocumentSession, current: Span, name: str) -> Span | None:
        """Give the current span a label and accept it; the annotator decided it."""
        if current.label == name and current.status == "accepted":
            return current
        new = current.evolve(label=name, status="accepted", annotator=session.annotator)
        if name != current.label and current.origin != MANUAL:
            # The recommender proposed something else: the span is now the annotator's.
            new = new.evolve(
                origin=MANUAL, score=None, suggested_by=current.suggested_by or current.origin
            )
        pairs = [(current, new), *self._resolved(session, new)]
        self._push(change_spans(self.workspace, session.doc_id, pairs, self._label_text(name)))
        self._after_decision(current)
        return session.get(current.id)

    def _resolved(self, session: DocumentSession, span: Span) -> list[tuple[Span, Span]]:
        """Open suggestions that an accepted span overlaps, each with its rejected version.

        Accepting or creating a span settles them in the same command, so no
        suggestion is left over an accepted span (undo brings them back).
        """
        return [
            (s, s.evolve(status="rejected", annotator=session.annotator))
            for s in self.editor.spans_overlapping(span.start, span.end)
            if s.status == "suggested" and s.id != span.id
        ]

    def snap(self, text: str, start: int, end: int) -> tuple[int, int] | None:
        """Snap a selection to words, trimming a proclitic before a known name.

        A word that is itself a known name keeps its first letter even when the
        rest is also known (a gazetteer holding both would otherwise cut it).
        """
        stems = self.known_stems()
        smart = snap_selection(text, start, end, known_stems=stems)
        plain = snap_selection(text, start, end, known_stems=frozenset())
        if smart != plain and smart is not None and plain is not None:
            whole = normalize_str(text[plain[0] : plain[1]]).split()[:1]
            if whole and whole[0] in stems:
                return plain
        return smart

    def known_stems(self) -> Container[str]:
        """Words known as names, for proclitic trimming: ``بسوريا`` snaps to ``سوريا``.

        The document's accepted spans (whole and first word), plus what ``stems``
        adds: the gazetteer and the project's accepted spans.
        """
        session = self.session
        own: set[str] = set()
        if session is not None:
            for s in session.spans():
                if s.status == "accepted":
                    norm = normalize_str(session.text[s.start : s.end])
                    own.add(norm)
                    own.update(norm.split()[:1])
        return self.stems(own) if self.stems is not None else own

    def accept(self) -> None:
        """Accept the current suggestion and go to the next one."""
        session = self._writable()
        current = self.editor.current_span
        if session is None or current is None or current.status == "accepted":
            return
        new = current.evolve(status="accepted", annotator=session.annotator)
        pairs = [(current, new), *self._resolved(session, new)]
        self._push(change_spans(self.workspace, session.doc_id, pairs, self.tr("Accept")))
        self._after_decision(current)

    def reject(self) -> None:
        """Reject the current suggestion, or delete the current accepted span."""
        session = self._writable()
        current = self.editor.current_span
        if session is None or current is None:
            return
        if current.status == "suggested":
            new = current.evolve(status="rejected", annotator=session.annotator)
            command = change_spans(
                self.workspace, session.doc_id, [(current, new)], self.tr("Reject")
            )
        else:
            command = remove_spans(
                self.workspace, session.doc_id, [current], self.tr("Delete span")
            )
        self._push(command)
        self._after_decision(current)

    def delete(self, span_id: int) -> None:
        """Delete a span whatever its status."""
        session = self._writable()
        span = session.get(span_id) if session else None
        if session is not None and span is not None:
            self._push(remove_spans(self.workspace, session.doc_id, [span], self.tr("Delete span")))

    def _after_decision(self, span: Span) -> None:
        """Keep the keyboard flow going: go to the next open suggestion in reading order."""
        # A walk from the span's place in reading order, not a pass over every span.
        following = self.editor.span_after(span, "suggested")
        if following is not None:
            self.editor.set_current(following.id)
        elif self.editor.current_span is None or self.editor.current_span.status == "rejected":
            rest = self.editor.span_after(span)
            if rest is not None:
                self.editor.set_current(rest.id)
        else:
            self.editor.set_current(span.id)

    def accept_all(self, *, ask: bool = True) -> int:
        """Accept every open suggestion in the document (asking first over BULK_LIMIT)."""
        session = self._writable()
        if session is None:
            return 0
        pairs = [
            (s, s.evolve(status="accepted", annotator=session.annotator))
            for s in session.spans()
            if s.status == "suggested"
        ]
        if ask and not confirm_bulk(self.editor.window(), len(pairs), "accept", "document"):
            return 0
        if pairs:
            text = self.tr("Accept suggestions: {count}").format(count=number(len(pairs)))
            self._push(change_spans(self.workspace, session.doc_id, pairs, text))
        return len(pairs)

    def span_menu(
        self,
        span_id: int,
        where: QtCore.QPoint,
        parent: QtWidgets.QWidget,
        extra: list[QtGui.QAction],
    ) -> QtWidgets.QMenu | None:
        """Pop up a span's menu: labels, accept, reject, delete, then the extra actions."""
        session = self.session
        span = session.get(span_id) if session else None
        if span is None or session is None:
            return None
        menu = ShortcutMenu(parent)  # its shortcuts drawn like the menu bar's
        menu.setObjectName("span_menu")
        for label in self.workspace.labels:
            action = menu.addAction(f"{label.hotkey or ''}  {label_name(label)} ({label.name})")
            action.setCheckable(True)
            action.setChecked(label.name == span.label)
            action.triggered.connect(
                partial(self._on_span, span_id, partial(self.label, label.name))
            )
        menu.addSeparator()
        accept = menu.addAction(self.tr("Accept"), partial(self._on_span, span_id, self.accept))
        accept.setEnabled(span.status != "accepted")
        reject = menu.addAction(self.tr("Reject"), partial(self._on_span, span_id, self.reject))
        reject.setEnabled(span.status == "suggested")
        menu.addAction(self.tr("Delete"), partial(self.delete, span_id))
        menu.addSeparator()
        for action in extra:
            menu.addAction(action)
        menu.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)
        return menu

    def _on_span(self, span_id: int, fn: Callable[[], object]) -> None:
        self.editor.set_current(span_id)
        fn()

    # -- edges -------------------------------------------------------------
    def move(self, edge: str, arrow: int, unit: str) -> None:
        """Move the current span's edge one char/word in the arrow's on-screen direction.

        ``arrow`` is +1 for the Right arrow and -1 for Left; in a right-to-left
        paragraph Right moves towards the start of the text.
        """
        session = self._writable()
        current = self.editor.current_span
        if session is None or current is None:
            return
        step = -arrow if self._rtl_at(current.start) else arrow
        moved = move_edge(session.text, current.start, current.end, edge=edge, step=step, unit=unit)
        if moved is None:
            return
        new = current.evolve(start=moved[0], end=moved[1], annotator=session.annotator)
        text = self.tr("Move start edge") if edge == "start" else self.tr("Move end edge")
        self._push(change_spans(self.workspace, session.doc_id, [(current, new)], text))
        self.editor.set_current(current.id)

    def _label_text(self, name: str) -> str:
        labels = self.workspace.labels
        shown = label_name(labels.get(name)) if name in labels else name
        return self.tr("Label as {label}").format(label=shown)

    def _rtl_at(self, cp: int) -> bool:
        block = self.editor.document().findBlock(self.editor.offsets.to_qt(cp))
        return block.textDirection() == QtCore.Qt.LayoutDirection.RightToLeft
