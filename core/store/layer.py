"""One annotator's layer of one document: a small tinydb file of spans and a status."""

from __future__ import annotations

import logging
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from tinydb import TinyDB

from core.changes import LayerChange
from core.errors import Notice, StoreError, ValidationError
from core.model import (
    DOC_STATUSES,
    DocumentInfo,
    LabelSet,
    Span,
    as_time,
    now,
    sort_spans,
    validate_span,
)
from core.store.journal import JournaledStorage, Stamp, journal_path, without_mark
from core.store.paths import LAYERS_DIR, layer_path, make_dirs
from core.store.storage import AtomicJSONStorage, dumps

__all__ = ["LAYERS_DIR", "Layer", "LayerHost", "LayerSummary", "open_db"]

log = logging.getLogger(__name__)

# Above this many spans changed at once, the reading order is sorted again instead.
RESORT_LIMIT = 64


def _order_key(span: Span) -> tuple[int, int, str, int]:
    """The key of sort_spans: start, longer first, label, id."""
    return (span.start, -span.end, span.label, span.id)


class LayerHost(Protocol):
    """What a layer needs from its project (the Project implements it)."""

    folder: Path
    read_only: bool
    warnings: list[Notice]
    labels: LabelSet

    def layer_written(self, path: Path, change: LayerChange) -> None:
        """Called after every write of a layer file, with what it changed."""

    def text(self, doc_id: str) -> str:
        """A document's stored text."""


def open_db(
    path: Path,
    read_only: bool,
    warnings: list[Notice] | None = None,
    *,
    memo: bool = False,
    root: Path | None = None,
) -> TinyDB:
    """Open a tinydb file; a fallback to its backup is reported in warnings."""
    db = TinyDB(path, storage=AtomicJSONStorage, read_only=read_only, memo=memo, root=root)
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    storage.read()
    if storage.warning and warnings is not None:
        warnings.append(storage.warning)
    return db


@dataclass
class LayerSummary:
    """Status and span counts of one annotator's layer of one document."""

    status: str = "new"
    counts: Counter[str] = field(default_factory=Counter)
    labels: Counter[str] = field(default_factory=Counter)

    @property
    def accepted(self) -> int:
        """Accepted spans."""
        return self.counts["accepted"]

    @property
    def suggested(self) -> int:
        """Open suggestions."""
        return self.counts["suggested"]

    @property
    def rejected(self) -> int:
        """Rejected suggestions."""
        return self.counts["rejected"]


class Layer:
    """One annotator's spans and status for one document."""

    def __init__(self, host: LayerHost, doc: DocumentInfo, annotator: str) -> None:
        self.host = host
        self.doc = doc
        self.annotator = annotator
        self.path = layer_path(host.folder, annotator, doc.id)
        self._db: TinyDB | None = None
        self._spans: dict[int, Span] | None = None
        self._status = "new"
        # The spans in reading order and their sort keys, kept up to date by _commit.
        self._sorted: list[Span] | None = None
        self._keys: list[tuple[int, int, str, int]] = []
        self._max_id: int | None = None  # the largest span id, kept by _commit

    # -- reading -----------------------------------------------------------
    def _exists(self) -> bool:
        return (
            self.path.exists()
            or self.path.with_name(self.path.name + ".bak").exists()
            or self._journal_path().exists()
        )

    def _journal_path(self) -> Path:
        return journal_path(self.path)

    def _database(self) -> TinyDB:
        if self._db is None:
            # Layer records are only ever replaced by _commit, so the memo is safe.
            db = TinyDB(
                self.path,
                storage=JournaledStorage,
                read_only=self.host.read_only,
                memo=True,
                root=self.host.folder,
                validate=self._row_problem,
            )
            storage = db.storage
            assert isinstance(storage, JournaledStorage)
            storage.read()
            if storage.warning:
                self.host.warnings.append(storage.warning)
            self._db = db
        return self._db

    def _storage(self) -> JournaledStorage:
        storage = self._database().storage
        assert isinstance(storage, JournaledStorage)
        return storage

    def _row_problem(self, table: str, key: str, row: Any) -> str | None:
        """Why a record from the journal cannot be in this layer, or None."""
        if table == "state":
            ok = key == "1" and isinstance(row, dict) and row.get("status") in DOC_STATUSES
            return None if ok else "not a document status record"
        if table != "spans":
            return "not a table of a layer"
        try:
            span = Span.from_json(row, int(key))
        except (KeyError, TypeError, ValueError, OverflowError) as exc:
            return f"malformed span ({exc})"
        if not 0 <= span.start < span.end <= self.doc.length:
            return (
                f"span [{span.start}, {span.end}) is outside the text "
                f"({self.doc.length} characters)"
            )
        if span.annotator != self.annotator:
            return f"it is {span.annotator[:40]!r}'s, in the layer of {self.annotator!r}"
        return None

    def _load(self) -> dict[int, Span]:
        if self._spans is None:
            self._status = "new"
            spans: dict[int, Span] = {}
            if self._exists():
                db = self._database()
                # The parsed file directly: tinydb's Table would wrap every row first.
                data = db.storage.read() or {}
                for key, row in data.get("spans", {}).items():
                    try:
                        spans[int(key)] = Span.from_json(row, int(key))
                    except (KeyError, TypeError, ValueError, OverflowError) as exc:
                        raise StoreError(
                            f"{self.path}: malformed span {key} ({exc})",
                            code="span_malformed",
                            path=self.path,
                            key=key,
                            detail=str(exc),
                        ) from exc
                state = data.get("state", {}).get("1")
                if state and state.get("status") in DOC_STATUSES:
                    self._status = str(state["status"])
            self._spans = spans
        return self._spans

    def spans(self, *, status: str | None = None) -> list[Span]:
        """Spans in reading order, optionally only those with one status."""
        if self._sorted is None:
            self._sorted = sort_spans(self._load().values())
            self._keys = [_order_key(s) for s in self._sorted]
        if status is None:
            return list(self._sorted)
        return [s for s in self._sorted if s.status == status]

    def _resort(self, gone: Iterable[Span], came: Iterable[Span]) -> None:
        """Keep the reading-order list up to date with a small change (bisect, no sort)."""
        gone, came = list(gone), list(came)
        if self._sorted is None or len(gone) + len(came) > RESORT_LIMIT:
            self._sorted = None  # sorted again when next asked for
            return
        order, keys = self._sorted, self._keys
        for span in gone:
            i = bisect_left(keys, _order_key(span))
            if i < len(order) and order[i].id == span.id:
                del order[i], keys[i]
        for span in came:
            key = _order_key(span)
            i = bisect_left(keys, key)
            order.insert(i, span)
            keys.insert(i, key)

    def get(self, span_id: int) -> Span | None:
        """The span with that id, if present."""
        return self._load().get(span_id)

    @property
    def status(self) -> str:
        """The annotator's status for this document: new, in_progress or done."""
        self._load()
        return self._status

    def summary(self) -> LayerSummary:
        """Status and counts, computed from the cached spans."""
        spans = self._load().values()
        return LayerSummary(
            status=self.status,
            counts=Counter(s.status for s in spans),
            labels=Counter(s.label for s in spans if s.status == "accepted"),
        )

    # -- writing -----------------------------------------------------------
    @property
    def text(self) -> str:
        """The document's stored text."""
        return self.host.text(self.doc.id)

    @property
    def labels(self) -> LabelSet:
        """The project's label set, which spans are checked against."""
        return self.host.labels

    def _writable(self) -> TinyDB:
        if self.host.read_only:
            raise StoreError(
                f"{self.host.folder}: the project is open read-only",
                code="read_only",
                path=self.host.folder,
            )
        self._load()
        make_dirs(self.host.folder, self.path.parent)
        return self._database()

    def _state_record(self, status: str) -> dict[str, Any]:
        return {"status": status, "text_sha": self.doc.id, "updated": now()}

    @property
    def updated(self) -> float:
        """When this layer was last written (0 if never)."""
        if not self._exists():
            return 0.0
        state = self._database().table("state").get(doc_id=1)
        return as_time(state.get("updated")) if state else 0.0

    @property
    def loaded(self) -> bool:
        """True once the spans were read (or written) in this process."""
        return self._spans is not None

    def reload(self) -> None:
        """Forget cached data so that the next read comes from disk (no compaction)."""
        self._drop()

    @property
    def warning(self) -> Notice | None:
        """Why this layer is read-only (loaded from its backup, a bad journal), if it is."""
        return self._storage().warning if self._exists() else None

    @property
    def journal_stamp(self) -> Stamp | None:
        """The journal's (mtime, size) as this layer last read or wrote it; None if none."""
        return self._storage().journal_stamp if self._db is not None else None

    def stored(self) -> dict[str, Any]:
        """The layer's tables as stored, journal replayed (what a compacted file would hold)."""
        if not self._exists():
            return {}
        return without_mark(self._database().storage.read() or {})

    def stored_bytes(self) -> bytes:
        """The layer file as a compaction would write it (bundles carry this)."""
        return dumps(self.stored()).encode("utf-8")

    def compact(self) -> bool:
        """Fold the layer's journal into its file; True if anything was written."""
        if self.host.read_only or (self._db is None and not self._journal_path().exists()):
            return False
        storage = self._storage()  # a journal left on disk is read (and folded) too
        if not storage.compact():
            return False
        # The file changed (the journal went): summaries keep their stamp up to date.
        self.host.layer_written(self.path, LayerChange(self.doc.id, self.annotator))
        return True

    def _commit(self, upserts: list[Span], removals: list[int], status: str | None) -> LayerChange:
        """Write span changes (and maybe a status) as one atomic file write."""
        db = self._writable()
        spans = self._load()
        old_status = self._status
        # Decisions by the annotator move a new document to in_progress.
        if status is None and self._status == "new":
            if any(s.status != "suggested" or s.origin == "manual" for s in upserts) or removals:
                status = "in_progress"
        data = db.storage.read() or {}
        # Changed in place, not copied (20,000 entries): a failed write makes the
        # storage read the file again, and its memo keeps copies of its own.
        table = data.setdefault("spans", {})
        for span_id in removals:
            table.pop(str(span_id), None)
        for span in upserts:
            table[str(span.id)] = span.to_json()
        # The state's time stamp changes with every write, so that merging copies
        # of a project can tell which version of a layer is newer.
        data["state"] = {"1": self._state_record(status or self._status)}
        # One write for the whole change; the spans are cached here, so the tinydb
        # tables (and their query caches) are only used for the first read.
        keys = [str(i) for i in removals] + [str(span.id) for span in upserts]
        self._storage().write(data, changed={"spans": keys, "state": ["1"]})
        removed = [spans.pop(i) for i in removals if i in spans]
        added: list[Span] = []
        changed: list[tuple[Span, Span]] = []
        for span in upserts:
            before = spans.get(span.id)
            if before is None:
                added.append(span)
            elif before != span:
                changed.append((before, span))
            spans[span.id] = span
        if status is not None:
            self._status = status
        if self._max_id is not None:
            if any(i >= self._max_id for i in removals):
                self._max_id = None  # found again when next needed
            else:
                self._max_id = max([self._max_id, *(s.id for s in upserts)])
        self._resort(
            [*removed, *(old for old, _ in changed)], [*added, *(new for _, new in changed)]
        )
        change = LayerChange(
            self.doc.id,
            self.annotator,
            added=tuple(added),
            removed=tuple(removed),
            changed=tuple(changed),
            status=(old_status, self._status) if old_status != self._status else None,
            written=tuple(upserts),
        )
        self.host.layer_written(self.path, change)
        return change

    def _next_id(self) -> int:
        if self._max_id is None:
            self._max_id = max(self._load(), default=0)
        return self._max_id + 1

    def _checked(self, span: Span) -> Span:
        if span.annotator != self.annotator:
            span = span.evolve(annotator=self.annotator, updated=span.updated)
        validate_span(span, self.doc.length, self.host.labels, self.text)
        return span

    def apply(
        self,
        *,
        put: Iterable[Span] = (),
        remove: Iterable[int] = (),
        status: str | None = None,
    ) -> LayerChange:
        """Insert or replace spans (id 0 inserts), delete others and maybe set the status.

        Everything is validated first and written in one atomic file write, so
        one user action is one write.
        """
        put = list(put)
        if status is not None and status not in DOC_STATUSES:
            raise ValidationError(
                f"document status {status!r} is not one of {DOC_STATUSES}",
                code="document_status_invalid",
                status=status,
                statuses=", ".join(DOC_STATUSES),
            )
        spans = self._load()
        gone = [i for i in remove if i in spans]
        kept = [self._checked(s) for s in put if s.id != 0]
        next_id = max([self._next_id(), *[s.id + 1 for s in kept]])
        order: list[Span] = []
        fresh = iter(range(next_id, next_id + len(put)))
        for span in put:
            if span.id == 0:
                order.append(self._checked(span).evolve(id=next(fresh), updated=span.updated))
            else:
                order.append(kept.pop(0))
        if not order and not gone and (status is None or status == self._status):
            return LayerChange(self.doc.id, self.annotator)
        return self._commit(order, gone, status)

    def add(self, span: Span) -> Span:
        """Validate and store a new span; return it with its id."""
        return self.add_many([span])[0]

    def add_many(self, spans: Iterable[Span]) -> list[Span]:
        """Validate and store several new spans in one write."""
        new: list[Span] = []
        next_id = self._next_id()
        for span in spans:
            checked = self._checked(span)
            if checked.id == 0 or checked.id in self._load():
                checked = checked.evolve(id=next_id, updated=checked.updated)
            next_id = max(next_id, checked.id) + 1
            new.append(checked)
        if new:
            self._commit(new, [], None)
        return new

    def put(self, span: Span) -> Span:
        """Insert or replace a span by id (id 0 inserts)."""
        if span.id == 0:
            return self.add(span)
        checked = self._checked(span)
        self._commit([checked], [], None)
        return checked

    def put_many(self, spans: Iterable[Span]) -> list[Span]:
        """Insert or replace several spans in one write."""
        spans = list(spans)
        fresh = [s for s in spans if s.id == 0]
        kept = [self._checked(s) for s in spans if s.id != 0]
        next_id = max([self._next_id(), *[s.id + 1 for s in kept]])
        for offset, span in enumerate(fresh):
            kept.append(self._checked(span).evolve(id=next_id + offset, updated=span.updated))
        if kept:
            self._commit(kept, [], None)
        return kept

    def remove(self, span_id: int) -> Span | None:
        """Delete a span; return what was deleted."""
        gone = self.remove_many([span_id])
        return gone[0] if gone else None

    def remove_many(self, span_ids: Iterable[int]) -> list[Span]:
        """Delete several spans in one write."""
        spans = self._load()
        gone = [spans[i] for i in span_ids if i in spans]
        if gone:
            self._commit([], [s.id for s in gone], None)
        return gone

    def set_status(self, status: str) -> None:
        """Set this annotator's status for the document."""
        if status not in DOC_STATUSES:
            raise ValidationError(
                f"document status {status!r} is not one of {DOC_STATUSES}",
                code="document_status_invalid",
                status=status,
                statuses=", ".join(DOC_STATUSES),
            )
        self._commit([], [], status)

    def close(self) -> None:
        """Compact the journal (if any), then release the file handle and cache."""
        try:
            self.compact()
        except StoreError as exc:
            # The journal is durable and replays at the next open: nothing is lost.
            log.warning("%s: not compacted (%s)", self.path, exc)
        self._drop()

    def _drop(self) -> None:
        if self._db is not None:
            self._db.close()
        self._db = None
        self._spans = None
        self._sorted = None
        self._max_id = None
