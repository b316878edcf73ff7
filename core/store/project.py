"""A project folder: tinydb files for the project and for each annotator's layers.

Layout::

    PROJECT/
      project.json            metadata, label set, annotators, document index
      texts/<doc>.txt         each document's text, written once at import
      layers/<annotator>/<doc>.json
                              one annotator's spans and status for one document
      .lock                   held while the project is open for writing

A span change rewrites only its own small layer file, so saving costs the same
in a project of ten documents as in one of ten thousand, and two annotators
sharing the folder (git, a synced folder) never write the same file.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document as TinyDocument

from core.errors import SchemaTooNewError, StoreError, ValidationError
from core.model import (
    DOC_STATUSES,
    DocumentInfo,
    LabelSet,
    Span,
    default_labelset,
    now,
    sort_spans,
    validate_annotator,
    validate_span,
)
from core.store.lock import ProjectLock
from core.store.storage import AtomicJSONStorage, atomic_write, fsync_dir

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
PROJECT_FILE = "project.json"
TEXTS_DIR = "texts"
LAYERS_DIR = "layers"
LAYER_CACHE_SIZE = 128


def text_id(text: str) -> str:
    """A document's id: derived from its exact text, so copies of a project agree."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _db(
    path: Path, read_only: bool, warnings: list[str] | None = None, *, memo: bool = False
) -> TinyDB:
    """Open a tinydb file; a fallback to its backup is reported in warnings."""
    db = TinyDB(path, storage=AtomicJSONStorage, read_only=read_only, memo=memo)
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

    def __init__(self, project: Project, doc: DocumentInfo, annotator: str) -> None:
        self.project = project
        self.doc = doc
        self.annotator = annotator
        self.path = project.folder / LAYERS_DIR / annotator / f"{doc.id}.json"
        self._db: TinyDB | None = None
        self._spans: dict[int, Span] | None = None
        self._status = "new"

    # -- reading -----------------------------------------------------------
    def _exists(self) -> bool:
        return self.path.exists() or self.path.with_name(self.path.name + ".bak").exists()

    def _database(self) -> TinyDB:
        if self._db is None:
            # Layer records are only ever replaced by _commit, so the memo is safe.
            self._db = _db(self.path, self.project.read_only, self.project.warnings, memo=True)
        return self._db

    def _load(self) -> dict[int, Span]:
        if self._spans is None:
            self._status = "new"
            spans: dict[int, Span] = {}
            if self._exists():
                db = self._database()
                for row in db.table("spans"):
                    try:
                        spans[int(row.doc_id)] = Span.from_json(row, int(row.doc_id))
                    except (KeyError, TypeError, ValueError) as exc:
                        raise StoreError(
                            f"{self.path}: malformed span {row.doc_id} ({exc})"
                        ) from exc
                state = db.table("state").get(doc_id=1)
                if state and state.get("status") in DOC_STATUSES:
                    self._status = str(state["status"])
            self._spans = spans
        return self._spans

    def spans(self, *, status: str | None = None) -> list[Span]:
        """Spans in reading order, optionally only those with one status."""
        spans = self._load().values()
        return sort_spans(s for s in spans if status is None or s.status == status)

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
    def _writable(self) -> TinyDB:
        if self.project.read_only:
            raise StoreError(f"{self.project.folder}: the project is open read-only")
        self._load()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self._database()

    def _state_record(self, status: str) -> dict[str, Any]:
        return {"status": status, "text_sha": self.doc.id, "updated": now()}

    @property
    def updated(self) -> float:
        """When this layer was last written (0 if never)."""
        if not self._exists():
            return 0.0
        state = self._database().table("state").get(doc_id=1)
        return float(state.get("updated", 0.0)) if state else 0.0

    def reload(self) -> None:
        """Forget cached data so that the next read comes from disk."""
        self.close()

    def _commit(self, upserts: list[Span], removals: list[int], status: str | None) -> None:
        """Write span changes (and maybe a status) as one atomic file write."""
        db = self._writable()
        spans = self._load()
        # Decisions by the annotator move a new document to in_progress.
        if status is None and self._status == "new":
            if any(s.status != "suggested" or s.origin == "manual" for s in upserts) or removals:
                status = "in_progress"
        data = db.storage.read() or {}
        table = dict(data.get("spans", {}))
        for span_id in removals:
            table.pop(str(span_id), None)
        for span in upserts:
            table[str(span.id)] = span.to_json()
        data["spans"] = table
        # The state's time stamp changes with every write, so that merging copies
        # of a project can tell which version of a layer is newer.
        data["state"] = {"1": self._state_record(status or self._status)}
        # One write for the whole change; the spans are cached here, so the tinydb
        # tables (and their query caches) are only used for the first read.
        db.storage.write(data)
        for span_id in removals:
            spans.pop(span_id, None)
        for span in upserts:
            spans[span.id] = span
        if status is not None:
            self._status = status
        self.project._touch_summary(self.doc.id, self.annotator)

    def _next_id(self) -> int:
        spans = self._load()
        return max(spans, default=0) + 1

    def _checked(self, span: Span) -> Span:
        if span.annotator != self.annotator:
            span = span.evolve(annotator=self.annotator, updated=span.updated)
        validate_span(span, self.doc.length, self.project.labels)
        return span

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
            raise ValidationError(f"document status {status!r} is not one of {DOC_STATUSES}")
        self._commit([], [], status)

    def close(self) -> None:
        """Release the file handle and cache."""
        if self._db is not None:
            self._db.close()
        self._db = None
        self._spans = None


class Project:
    """An open project folder. Use Project.create or Project.open."""

    def __init__(self, folder: Path, *, annotator: str | None, read_only: bool) -> None:
        self.folder = Path(folder)
        self.read_only = read_only
        self.warnings: list[str] = []
        self._lock = ProjectLock(self.folder)
        if not read_only:
            self._lock.acquire()
        try:
            self._db = _db(self.folder / PROJECT_FILE, read_only, self.warnings)
            meta = self._db.table("meta").get(doc_id=1)
            if not meta:
                raise StoreError(f"{self.folder}: not a Tawsim project (no {PROJECT_FILE})")
            version = int(meta.get("schema_version", 0))
            if version > SCHEMA_VERSION:
                raise SchemaTooNewError(
                    f"{self.folder}: written by a newer Tawsim (schema {version}; this version "
                    f"reads up to {SCHEMA_VERSION}); update Tawsim to open it"
                )
            self._meta = dict(meta)
            self.labels = LabelSet.from_json(self._meta.get("labels", []))
            self._docs = self._read_index()
            self.annotator = validate_annotator(annotator) if annotator else None
        except BaseException:
            self._lock.release()
            raise
        self._batch_depth = 0
        self._index_dirty = False
        self._layers: OrderedDict[tuple[str, str], Layer] = OrderedDict()
        self._summaries: dict[tuple[str, str], LayerSummary] = {}
        self._texts: OrderedDict[str, str] = OrderedDict()
        if self._lock.took_over:
            log.info("took over a stale lock left by process %s", self._lock.took_over[0])

    # -- life cycle --------------------------------------------------------
    @classmethod
    def create(
        cls,
        folder: str | Path,
        *,
        name: str,
        labels: LabelSet | None = None,
        annotator: str | None = None,
    ) -> Project:
        """Create an empty project folder and open it."""
        folder = Path(folder)
        if (folder / PROJECT_FILE).exists():
            raise StoreError(f"{folder}: a project already exists there")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / TEXTS_DIR).mkdir(exist_ok=True)
        (folder / LAYERS_DIR).mkdir(exist_ok=True)
        labels = labels or default_labelset()
        meta = {
            "name": name,
            "schema_version": SCHEMA_VERSION,
            "project_id": uuid.uuid4().hex,
            "created": now(),
            "labels": labels.to_json(),
            "annotators": [annotator] if annotator else [],
        }
        atomic_write(folder / PROJECT_FILE, _project_json(meta))
        return cls(folder, annotator=annotator, read_only=False)

    @classmethod
    def open(
        cls, folder: str | Path, *, annotator: str | None = None, read_only: bool = False
    ) -> Project:
        """Open an existing project; ProjectLockedError if another process has it."""
        folder = Path(folder)
        if not (folder / PROJECT_FILE).exists() and not (folder / (PROJECT_FILE + ".bak")).exists():
            raise StoreError(f"{folder}: not a Tawsim project (no {PROJECT_FILE})")
        # An annotator joins the project's list when they first write a layer
        # (their layer folder), not merely by opening it.
        return cls(folder, annotator=annotator, read_only=read_only)

    def close(self) -> None:
        """Close every file and release the lock."""
        for layer in self._layers.values():
            layer.close()
        self._layers.clear()
        self._db.close()
        self._lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read_index(self) -> dict[str, DocumentInfo]:
        docs: dict[str, DocumentInfo] = {}
        for row in self._db.table("documents"):
            try:
                info = DocumentInfo(
                    id=str(row["id"]),
                    title=str(row.get("title", "")),
                    imported=float(row.get("imported", 0.0)),
                    meta=dict(row.get("meta", {})),
                    length=int(row.get("length", 0)),
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise StoreError(
                    f"{self.folder / PROJECT_FILE}: malformed document entry ({exc})"
                ) from exc
            docs[info.id] = info
        return docs

    def reload(self) -> list[str]:
        """Re-read the project file and forget cached layers (after a git pull or sync).

        Returns the ids of documents that appeared.
        """
        before = set(self._docs)
        self._db.storage.close()
        self._db.clear_cache()
        meta = self._db.table("meta").get(doc_id=1)
        if meta:
            self._meta = dict(meta)
            self.labels = LabelSet.from_json(self._meta.get("labels", []))
        self._docs = self._read_index()
        for layer in self._layers.values():
            layer.close()
        self._layers.clear()
        self._summaries.clear()
        return [d for d in self._docs if d not in before]

    def reload_layer(self, doc_id: str, annotator: str) -> None:
        """Forget one cached layer so that it is read again from disk."""
        key = (doc_id, annotator)
        if key in self._layers:
            self._layers[key].reload()
        self._summaries.pop(key, None)

    # -- metadata ----------------------------------------------------------
    @property
    def name(self) -> str:
        """The project's name."""
        return str(self._meta.get("name", self.folder.name))

    @property
    def project_id(self) -> str:
        """A random id given at creation; copies of a project share it."""
        if not self._meta.get("project_id") and not self.read_only:
            self._meta["project_id"] = uuid.uuid4().hex
            self._save_meta()
        return str(self._meta.get("project_id", ""))

    def _save_meta(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.folder}: the project is open read-only")
        self._db.table("meta").upsert(TinyDocument(self._meta, doc_id=1))

    def set_labels(self, labels: LabelSet) -> None:
        """Replace the project's label set."""
        self._meta["labels"] = labels.to_json()
        self._save_meta()
        self.labels = labels

    def annotators(self) -> list[str]:
        """Annotators named in the project file or owning a layer folder."""
        names = set(self._meta.get("annotators", []))
        layers = self.folder / LAYERS_DIR
        if layers.is_dir():
            names.update(p.name for p in layers.iterdir() if p.is_dir())
        return sorted(names)

    def add_annotator(self, name: str) -> None:
        """Record an annotator in the project file."""
        validate_annotator(name)
        names = list(self._meta.get("annotators", []))
        if name not in names:
            self._meta["annotators"] = sorted(names + [name])
            self._save_meta()

    # -- documents ---------------------------------------------------------
    def documents(self) -> list[DocumentInfo]:
        """Every document's index entry, in import order."""
        return list(self._docs.values())

    def document(self, doc_id: str) -> DocumentInfo:
        """One document's index entry."""
        try:
            return self._docs[doc_id]
        except KeyError:
            raise StoreError(f"{self.folder}: no document {doc_id!r}") from None

    def __len__(self) -> int:
        return len(self._docs)

    def text(self, doc_id: str) -> str:
        """A document's stored text (cached for the most recent documents)."""
        if doc_id in self._texts:
            self._texts.move_to_end(doc_id)
            return self._texts[doc_id]
        self.document(doc_id)
        path = self.folder / TEXTS_DIR / f"{doc_id}.txt"
        try:
            with open(path, encoding="utf-8", newline="") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"{path}: cannot read the document text ({exc})") from exc
        self._texts[doc_id] = text
        if len(self._texts) > 32:
            self._texts.popitem(last=False)
        return text

    def find_by_text(self, text: str) -> str | None:
        """The id of the document whose text is exactly text, if any."""
        doc_id = text_id(text)
        return doc_id if doc_id in self._docs else None

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Write the document index once for many add/remove calls (large imports)."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._index_dirty:
                fsync_dir(self.folder / TEXTS_DIR)
                self._write_index()

    def _write_index(self) -> None:
        """Rewrite the document index from memory in one atomic write."""
        if self._batch_depth:
            self._index_dirty = True
            return
        storage = self._db.storage
        data = storage.read() or {}
        data["documents"] = {
            str(n): {
                "id": info.id,
                "title": info.title,
                "imported": info.imported,
                "meta": dict(info.meta),
                "length": info.length,
            }
            for n, info in enumerate(self._docs.values(), 1)
        }
        storage.write(data)
        self._db.clear_cache()
        self._index_dirty = False

    def add_documents(
        self, items: Iterable[tuple[str, str, Mapping[str, Any]]]
    ) -> list[tuple[str, bool]]:
        """Add (title, text, meta) documents in one index write; return (id, created) each.

        A text that is already in the project is not added again.
        """
        if self.read_only:
            raise StoreError(f"{self.folder}: the project is open read-only")
        results: list[tuple[str, bool]] = []
        added: list[str] = []
        stamp = now()
        texts_dir = self.folder / TEXTS_DIR
        texts_dir.mkdir(exist_ok=True)
        for title, text, meta in items:
            doc_id = text_id(text)
            if doc_id in self._docs:
                results.append((doc_id, False))
                continue
            path = texts_dir / f"{doc_id}.txt"
            if not path.exists():
                atomic_write(path, text, sync_dir=not self._batch_depth)
            self._docs[doc_id] = DocumentInfo(
                id=doc_id, title=title, imported=stamp, meta=dict(meta), length=len(text)
            )
            added.append(doc_id)
            results.append((doc_id, True))
        if added:
            try:
                self._write_index()
            except BaseException:
                for doc_id in added:
                    self._docs.pop(doc_id, None)
                raise
        return results

    def remove_documents(self, doc_ids: Iterable[str]) -> None:
        """Remove documents with their texts and every layer (used to undo an import)."""
        if self.read_only:
            raise StoreError(f"{self.folder}: the project is open read-only")
        gone = {d for d in doc_ids if d in self._docs}
        if not gone:
            return
        for doc_id in gone:
            del self._docs[doc_id]
            self._texts.pop(doc_id, None)
            for key in [k for k in self._layers if k[0] == doc_id]:
                self._layers.pop(key).close()
                self._summaries.pop(key, None)
        self._write_index()
        for doc_id in gone:
            for path in [
                self.folder / TEXTS_DIR / f"{doc_id}.txt",
                *(self.folder / LAYERS_DIR).glob(f"*/{doc_id}.json"),
                *(self.folder / LAYERS_DIR).glob(f"*/{doc_id}.json.bak"),
            ]:
                path.unlink(missing_ok=True)

    def add_document(self, title: str, text: str, meta: Mapping[str, Any] | None = None) -> str:
        """Add one document; return its id (the existing one for a known text)."""
        return self.add_documents([(title, text, meta or {})])[0][0]

    # -- layers ------------------------------------------------------------
    def _annotator(self, annotator: str | None) -> str:
        name = annotator or self.annotator
        if not name:
            raise ValidationError("no annotator given; pass --annotator or set one")
        return validate_annotator(name)

    def layer(self, doc_id: str, annotator: str | None = None) -> Layer:
        """One annotator's layer of one document (the current annotator's by default)."""
        key = (doc_id, self._annotator(annotator))
        layer = self._layers.get(key)
        if layer is None:
            layer = Layer(self, self.document(doc_id), key[1])
            self._layers[key] = layer
            if len(self._layers) > LAYER_CACHE_SIZE:
                _, old = self._layers.popitem(last=False)
                old.close()
        else:
            self._layers.move_to_end(key)
        return layer

    def summary(self, doc_id: str, annotator: str | None = None) -> LayerSummary:
        """Status and counts of a layer, computed once and kept up to date."""
        key = (doc_id, self._annotator(annotator))
        if key not in self._summaries:
            self._summaries[key] = self.layer(*key).summary()
        return self._summaries[key]

    def _touch_summary(self, doc_id: str, annotator: str) -> None:
        self._summaries.pop((doc_id, annotator), None)


def _project_json(meta: dict[str, Any]) -> str:
    from core.store.storage import dumps

    return dumps({"meta": {"1": meta}, "documents": {}})
