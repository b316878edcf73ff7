"""What one write did to a project: the value every mutating operation returns.

The GUI has one channel for "something changed": each operation on a
``Project`` (a span edit, suggestions, a status, the label set, an import, a
merge, curation, or a change noticed on disk) returns a ``Change``, and the
workspace hands it to every screen, which looks only at the parts that touch
it (the pattern of Anki's ``OpChanges``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from core.model import Span

#: where a change came from
Source = Literal["edit", "suggest", "import", "merge", "curation", "labels", "disk", "project"]


@dataclass(frozen=True)
class LayerChange:
    """What changed in one annotator's layer of one document.

    ``written`` holds the spans a call asked to store, as stored (new ones with
    their ids), in the order they were given; ``reloaded`` says the layer was
    read again from disk without its spans being compared (it was not loaded).
    """

    doc_id: str
    annotator: str
    added: tuple[Span, ...] = ()
    removed: tuple[Span, ...] = ()
    changed: tuple[tuple[Span, Span], ...] = ()
    #: (old, new) document status, when it changed
    status: tuple[str, str] | None = None
    reloaded: bool = False
    written: tuple[Span, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, str]:
        """(document id, annotator)."""
        return (self.doc_id, self.annotator)

    @property
    def empty(self) -> bool:
        """True when nothing changed."""
        return not (self.added or self.removed or self.changed or self.status or self.reloaded)

    @property
    def span_ids(self) -> frozenset[int]:
        """Ids of every span added, removed or changed."""
        ids = {s.id for s in self.added} | {s.id for s in self.removed}
        return frozenset(ids | {new.id for _old, new in self.changed})

    @property
    def old_spans(self) -> list[Span]:
        """The spans as they were before: removed ones and the old side of changed ones."""
        return [*self.removed, *(old for old, _new in self.changed)]

    @property
    def new_spans(self) -> list[Span]:
        """The spans as they are now: added ones and the new side of changed ones."""
        return [*self.added, *(new for _old, new in self.changed)]

    @classmethod
    def between(
        cls,
        doc_id: str,
        annotator: str,
        before: Iterable[Span],
        after: Iterable[Span],
        status: tuple[str, str] | None = None,
    ) -> LayerChange:
        """The change that turns the spans ``before`` into ``after`` (matched by id)."""
        old = {s.id: s for s in before}
        new = {s.id: s for s in after}
        return cls(
            doc_id,
            annotator,
            added=tuple(new[i] for i in sorted(new.keys() - old.keys())),
            removed=tuple(old[i] for i in sorted(old.keys() - new.keys())),
            changed=tuple(
                (old[i], new[i]) for i in sorted(old.keys() & new.keys()) if old[i] != new[i]
            ),
            status=status if status and status[0] != status[1] else None,
        )

    def then(self, later: LayerChange) -> LayerChange:
        """This change followed by a later one on the same layer, as one net change."""
        first: dict[int, Span | None] = {}
        last: dict[int, Span | None] = {}
        for step in (self, later):
            for span in step.added:
                first.setdefault(span.id, None)
                last[span.id] = span
            for span in step.removed:
                first.setdefault(span.id, span)
                last[span.id] = None
            for old, new in step.changed:
                first.setdefault(old.id, old)
                last[new.id] = new
        status = None
        if self.status or later.status:
            begin = (self.status or later.status or ("", ""))[0]
            end = (later.status or self.status or ("", ""))[1]
            status = (begin, end) if begin != end else None
        ids = sorted(last)
        return LayerChange(
            self.doc_id,
            self.annotator,
            added=tuple(s for i in ids if first[i] is None and (s := last[i]) is not None),
            removed=tuple(s for i in ids if last[i] is None and (s := first[i]) is not None),
            changed=tuple(
                (a, b)
                for i in ids
                if (a := first[i]) is not None and (b := last[i]) is not None and a != b
            ),
            status=status,
            reloaded=self.reloaded or later.reloaded,
            written=self.written + later.written,
        )


@dataclass(frozen=True)
class Change:
    """What one operation did to a project."""

    source: Source
    documents_added: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    layers: tuple[LayerChange, ...] = ()
    #: the label set changed
    labels: bool = False
    #: other project metadata changed (name, annotators)
    meta: bool = False

    @property
    def empty(self) -> bool:
        """True when the operation changed nothing."""
        return not (
            self.documents_added
            or self.documents_removed
            or self.labels
            or self.meta
            or any(not lc.empty for lc in self.layers)
        )

    @property
    def documents_changed(self) -> bool:
        """True when documents were added or removed."""
        return bool(self.documents_added or self.documents_removed)

    def layer(self, doc_id: str, annotator: str) -> LayerChange | None:
        """The change to one layer, if it changed."""
        for lc in self.layers:
            if lc.key == (doc_id, annotator):
                return lc
        return None

    def touches(self, doc_id: str, annotator: str | None = None) -> bool:
        """True when the change touches a document (or one annotator's layer of it)."""
        if doc_id in self.documents_added or doc_id in self.documents_removed:
            return True
        return any(
            lc.doc_id == doc_id and (annotator is None or lc.annotator == annotator)
            for lc in self.layers
        )

    def with_source(self, source: Source) -> Change:
        """The same change credited to another source."""
        return Change(
            source,
            self.documents_added,
            self.documents_removed,
            self.layers,
            self.labels,
            self.meta,
        )


def combine(source: Source, changes: Iterable[Change | LayerChange]) -> Change:
    """Several changes, in the order they happened, as one (layers merged per layer)."""
    added: dict[str, None] = {}
    removed: dict[str, None] = {}
    layers: dict[tuple[str, str], LayerChange] = {}
    labels = meta = False
    for change in changes:
        if isinstance(change, LayerChange):
            parts: tuple[LayerChange, ...] = (change,)
        else:
            parts = change.layers
            for doc_id in change.documents_added:
                if doc_id in removed:
                    del removed[doc_id]
                else:
                    added[doc_id] = None
            for doc_id in change.documents_removed:
                if doc_id in added:
                    del added[doc_id]
                else:
                    removed[doc_id] = None
            labels = labels or change.labels
            meta = meta or change.meta
        for lc in parts:
            before = layers.get(lc.key)
            layers[lc.key] = before.then(lc) if before is not None else lc
    return Change(
        source,
        tuple(added),
        tuple(removed),
        tuple(lc for lc in layers.values() if not lc.empty or lc.written),
        labels,
        meta,
    )


class Recorder:
    """The writes collected by ``Project.recording``."""

    def __init__(self, source: Source) -> None:
        self.source: Source = source
        self.parts: list[Change | LayerChange] = []

    @property
    def change(self) -> Change:
        """Everything recorded so far, as one Change."""
        return combine(self.source, self.parts)
