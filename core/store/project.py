"""A project folder: tinydb files for the project and for each annotator's layers.

Layout::

    PROJECT/
      project.json            metadata, label set, annotators
      index/<xx>.json         the document index, in shards by id (core/store/index.py)
      texts/<doc>.txt         each document's text, written once at import
      layers/<annotator>/<doc>.json
                              one annotator's spans and status for one document
      .lock                   held while the project is open for writing

A span change rewrites only its own small layer file and a document change one
index shard, so saving costs about the same in a project of ten documents as in
one of a hundred thousand, and two annotators sharing the folder (git, a synced
folder) never write the same file.
"""

from __future__ import annotations

import logging
import os
import threading
import uuid
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.table import Document as TinyDocument

from core.changes import Change, LayerChange, Recorder, Source
from core.errors import Notice, SchemaTooNewError, StoreError, ValidationError
from core.model import (
    DocumentInfo,
    LabelSet,
    Span,
    default_labelset,
    now,
    validate_annotator,
)
from core.store import index_edits, paths, refresh
from core.store.index import INDEX_DIR, DocumentIndex
from core.store.layer import LAYERS_DIR, Layer, LayerSummary, open_db
from core.store.lock import ProjectLock
from core.store.paths import fsync_dir
from core.store.paths import text_id as text_id  # re-exported: the id of a text
from core.store.storage import atomic_write
from core.store.summaries import Summaries

log = logging.getLogger(__name__)

Stamp = tuple[int, int]  # (mtime in ns, size): how the project knows its own writes

# 2: the document index moved from project.json into index/ shards.
SCHEMA_VERSION = 2
PROJECT_FILE = paths.PROJECT_FILE
TEXTS_DIR = paths.TEXTS_DIR
LAYER_CACHE_SIZE = 128


class Project:
    """An open project folder. Use Project.create or Project.open."""

    def __init__(self, folder: Path, *, annotator: str | None, read_only: bool) -> None:
        self.folder = Path(folder)
        self.read_only = read_only
        self.warnings: list[Notice] = []
        # Why the project is read-only when it was opened for writing (a backup in use).
        self.read_only_reason: Notice | None = None
        self._lock = ProjectLock(self.folder)
        if not read_only:
            self._lock.acquire()
            paths.clean_stale_temp(self.folder)
        try:
            self._db = open_db(
                self.folder / PROJECT_FILE, read_only, self.warnings, root=self.folder
            )
            if self.warnings and not read_only:
                # Loaded from the backup: saving now would bury the newest version.
                self.read_only, self.read_only_reason = True, self.warnings[-1]
                self._lock.release()
            meta = self._db.table("meta").get(doc_id=1)
            if not meta:
                raise StoreError(
                    f"{self.folder}: not a Tawsim project (no {PROJECT_FILE})",
                    code="not_a_project",
                    path=self.folder,
                    file=PROJECT_FILE,
                )
            version = int(meta.get("schema_version", 0) or 0)
            if version > SCHEMA_VERSION:
                raise SchemaTooNewError(
                    f"{self.folder}: written by a newer Tawsim (schema {version}; this version "
                    f"reads up to {SCHEMA_VERSION}); update Tawsim to open it",
                    code="schema_too_new",
                    path=self.folder,
                    version=version,
                    supported=SCHEMA_VERSION,
                )
            self._meta = dict(meta)
            self.labels = LabelSet.from_json(self._meta.get("labels", []))
            self._index = DocumentIndex(self.folder)
            self._index.load(self._legacy_rows())
            self.warnings += self._index.warnings
            if self._index.warnings and not self.read_only:
                # A shard loaded from its backup: saving would bury the newest version.
                self.read_only, self.read_only_reason = True, self._index.warnings[-1]
                self._lock.release()
            self.annotator = validate_annotator(annotator) if annotator else None
        except ValidationError as exc:
            self._lock.release()
            raise StoreError(
                f"{self.folder / PROJECT_FILE}: {exc}",
                code=exc.code,
                **{**exc.params, "path": self.folder / PROJECT_FILE},
            ) from None
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as exc:
            self._lock.release()
            raise StoreError(
                f"{self.folder / PROJECT_FILE}: malformed project file ({exc})",
                code="project_file_malformed",
                path=self.folder / PROJECT_FILE,
                detail=str(exc),
            ) from None
        except BaseException:
            self._lock.release()
            raise
        self._batch_depth = 0
        self._index_dirty = False
        self._layers: OrderedDict[tuple[str, str], Layer] = OrderedDict()
        self._summaries = Summaries(self.folder)
        self._texts: OrderedDict[str, str] = OrderedDict()
        self._own: dict[str, Stamp] = {}
        self._recording = threading.local()
        if not self.read_only and (version < SCHEMA_VERSION or self._index.dirty):
            try:
                self._migrate()
            except BaseException:
                self._lock.release()
                raise
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
            raise StoreError(
                f"{folder}: a project already exists there", code="project_exists", path=folder
            )
        folder.mkdir(parents=True, exist_ok=True)
        (folder / TEXTS_DIR).mkdir(exist_ok=True)
        (folder / LAYERS_DIR).mkdir(exist_ok=True)
        (folder / INDEX_DIR).mkdir(exist_ok=True)
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
            raise StoreError(
                f"{folder}: not a Tawsim project (no {PROJECT_FILE})",
                code="not_a_project",
                path=folder,
                file=PROJECT_FILE,
            )
        # An annotator joins the project's list when they first write a layer
        # (their layer folder), not merely by opening it.
        return cls(folder, annotator=annotator, read_only=read_only)

    def close(self) -> None:
        """Close every file and release the lock."""
        for layer in self._layers.values():
            layer.close()
        self._layers.clear()
        # The caches are derived and never travel (cache/.gitignore), so a
        # reader keeps them too: otherwise `stats` on a project the GUI has only
        # partly summarised would read every layer file on every run.
        self._summaries.save()
        self._index.save_snapshot()
        self._db.close()
        self._lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def _docs(self) -> dict[str, DocumentInfo]:
        return self._index.docs

    def _legacy_rows(self) -> list[tuple[str, Any]]:
        """Index entries kept in project.json by schema 1 (empty from schema 2 on)."""
        return [(str(row.doc_id), dict(row)) for row in self._db.table("documents")]

    def _migrate(self) -> None:
        """Move a schema-1 index into shards, then mark project.json as schema 2.

        The shards are written first: a crash in between leaves project.json as
        it was, and the next open moves the index again.
        """
        self._flush_index()
        storage = self._db.storage
        data = storage.read() or {}
        self._meta["schema_version"] = SCHEMA_VERSION
        data["meta"] = {"1": self._meta}
        data["documents"] = {}
        storage.write(data)
        self._db.clear_cache()
        self._remember_write(self.folder / PROJECT_FILE)
        log.info("%s: document index moved into %s/", self.folder, INDEX_DIR)

    # -- what changed on disk (core/store/refresh.py) ---------------------------
    def reload(self) -> Change:
        """Re-read the project file and the index after they changed on disk."""
        return refresh.reload(self)

    def reload_shard(self, shard: str) -> Change:
        """Re-read one index shard after it changed on disk; return what changed."""
        return refresh.reload_shard(self, shard)

    def index_shards(self) -> dict[str, Path]:
        """The index shard files on disk: shard name -> path."""
        return self._index.shard_files()

    def reload_layer(self, doc_id: str, annotator: str) -> LayerChange:
        """Read one layer again from disk (it changed there); return what changed."""
        return refresh.reload_layer(self, doc_id, annotator)

    def adopt_layer(self, doc_id: str, annotator: str) -> LayerChange:
        """A layer file this process wrote outside Layer (a merge): load it, own it, record it."""
        return refresh.adopt_layer(self, doc_id, annotator)

    def layer_folder_state(
        self, annotator: str
    ) -> tuple[int | None, dict[str, Stamp], set[str]] | None:
        """The layer folder as the summaries saw it at open: time, stamps, journaled layers."""
        return self._summaries.folder_state(annotator)

    def is_loaded(self, doc_id: str, annotator: str) -> bool:
        """True when the store holds that layer in memory."""
        return (doc_id, annotator) in self._layers

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(
                f"{self.folder}: the project is open read-only", code="read_only", path=self.folder
            )

    # -- what the project wrote itself -----------------------------------------
    def _remember_write(self, path: Path) -> None:
        try:
            st = os.stat(path)
        except OSError:
            return
        self._own[str(path)] = (st.st_mtime_ns, st.st_size)

    def is_own_write(self, path: Path, stamp: Stamp | None) -> bool:
        """True when a file on disk is exactly as this project last wrote or read it."""
        return stamp is not None and self._own.get(str(path)) == stamp

    def layer_written(self, path: Path, change: LayerChange) -> None:
        """Keep the summaries, the own-write stamps and any recording up to date."""
        self._remember_write(path)
        self._summaries.written(path, change)
        self._record(change)

    # -- recording changes -------------------------------------------------------
    def _record(self, part: Change | LayerChange) -> None:
        for parts in getattr(self._recording, "stack", ()):
            parts.append(part)

    @contextmanager
    def recording(self, source: Source) -> Iterator[Recorder]:
        """Collect every write made in this thread inside the block into one Change.

        ``with project.recording("import") as rec: ...`` then ``rec.change``.
        """
        stack = getattr(self._recording, "stack", None)
        if stack is None:
            stack = self._recording.stack = []
        recorder = Recorder(source)
        stack.append(recorder.parts)
        try:
            yield recorder
        finally:
            # By identity: two recorders' lists can be equal.
            del stack[next(i for i, parts in enumerate(stack) if parts is recorder.parts)]

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

    def _save_meta(self, *, labels: bool = False) -> None:
        self._check_writable()
        self._db.table("meta").upsert(TinyDocument(self._meta, doc_id=1))
        self._remember_write(self.folder / PROJECT_FILE)
        self._record(Change("project", labels=labels, meta=not labels))

    def set_labels(self, labels: LabelSet) -> Change:
        """Replace the project's label set."""
        with self.recording("labels") as rec:
            old = self._meta.get("labels")
            self._meta["labels"] = labels.to_json()
            try:
                self._save_meta(labels=True)
            except BaseException:
                self._meta["labels"] = old
                raise
            self.labels = labels
        return rec.change

    def annotators(self) -> list[str]:
        """Annotators named in the project file or owning a layer folder."""
        listed = self._meta.get("annotators", [])
        names = {n for n in listed if isinstance(n, str)} if isinstance(listed, list) else set()
        names = {n for n in names if paths.is_annotator(n)}
        names.update(paths.layer_annotators(self.folder))
        return sorted(names)

    def add_annotator(self, name: str) -> None:
        """Record an annotator in the project file."""
        validate_annotator(name)
        names = list(self._meta.get("annotators", []))  # a meta change is recorded
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
            raise StoreError(
                f"{self.folder}: no document {doc_id!r}",
                code="no_document",
                path=self.folder,
                id=str(doc_id)[:40],
            ) from None

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def doc_ids(self) -> list[str]:
        """Every document's id, in import order."""
        return list(self._docs)

    def text(self, doc_id: str) -> str:
        """A document's stored text (cached for the most recent documents)."""
        if doc_id in self._texts:
            self._texts.move_to_end(doc_id)
            return self._texts[doc_id]
        text = paths.read_text(self.folder, self.document(doc_id))
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
        """Write the changed index shards (once at the end of a batch)."""
        if self._batch_depth:
            self._index_dirty = True
            return
        self._flush_index()

    def _flush_index(self) -> None:
        try:
            written = self._index.flush()
        except OSError as exc:
            raise StoreError(
                f"{self.folder / INDEX_DIR}: could not save the document index "
                f"({exc.strerror or exc})",
                code="cannot_save_index",
                path=self.folder / INDEX_DIR,
                detail=str(exc.strerror or exc),
            ) from None
        for path in written:
            self._remember_write(path)
        self._index_dirty = False

    def add_documents(
        self, items: Iterable[tuple[str, str, Mapping[str, Any]]]
    ) -> list[tuple[str, bool]]:
        """Add (title, text, meta) documents in one index write; return (id, created) each.

        A text that is already in the project is not added again.
        """
        self._check_writable()
        return index_edits.add_documents(self, items)

    def remove_documents(self, doc_ids: Iterable[str]) -> Change:
        """Remove documents with their texts and every layer (used to undo an import)."""
        self._check_writable()
        return index_edits.remove_documents(self, doc_ids)

    def set_title(self, doc_id: str, title: str) -> Change:
        """Give a document a new title (one index shard is written)."""
        self._check_writable()
        return index_edits.set_title(self, doc_id, title)

    def add_document(self, title: str, text: str, meta: Mapping[str, Any] | None = None) -> str:
        """Add one document; return its id (the existing one for a known text)."""
        return self.add_documents([(title, text, meta or {})])[0][0]

    # -- layers ------------------------------------------------------------
    def _annotator(self, annotator: str | None) -> str:
        name = annotator or self.annotator
        if not name:
            raise ValidationError(
                "no annotator given; pass --annotator or set one", code="no_annotator"
            )
        return validate_annotator(name)

    def layer(self, doc_id: str, annotator: str | None = None) -> Layer:
        """One annotator's layer of one document (the current annotator's by default)."""
        key = (doc_id, self._annotator(annotator))
        layer = self._layers.get(key)
        if layer is None:
            layer = Layer(self, self.document(doc_id), key[1])  # self is its LayerHost
            self._layers[key] = layer
            if len(self._layers) > LAYER_CACHE_SIZE:
                _, old = self._layers.popitem(last=False)
                old.close()
        else:
            self._layers.move_to_end(key)
        return layer

    def summary(self, doc_id: str, annotator: str | None = None) -> LayerSummary:
        """Status and counts of a layer, computed once and kept up to date."""
        hit = self._summaries.memory.get((doc_id, annotator or self.annotator or ""))
        if hit is not None:  # only validated names are ever keys
            return hit
        key = (doc_id, self._annotator(annotator))
        hit = self._summaries.cached(key)
        if hit is None:
            if self._summaries.no_file(key) and not self.is_loaded(*key):
                self.document(doc_id)
                hit = self._summaries.computed(key, LayerSummary())  # nothing to read
            else:
                hit = self._summaries.computed(key, self.layer(*key).summary())
        return hit

    def summary_totals(
        self, annotator: str | None = None
    ) -> tuple[Counter[str], Counter[str], Counter[str]]:
        """(documents by status, spans by status, accepted spans by label) of one annotator.

        Sums the cached summaries a column at a time; only documents the cache
        does not cover are summarised one by one.
        """
        name = self._annotator(annotator)
        docs = self._docs
        statuses, counts, labels, covered = self._summaries.totals(name, docs)
        for doc_id in docs:
            if doc_id not in covered:
                summary = self.summary(doc_id, name)
                statuses[summary.status] += 1
                counts.update(summary.counts)
                labels.update(summary.labels)
        return statuses, +counts, +labels

    def statuses(self, annotator: str | None = None) -> dict[str, str]:
        """Every document's status for one annotator, from the summaries: id -> status."""
        name = self._annotator(annotator)
        known = self._summaries.statuses(name)
        for doc_id in self._docs:
            if doc_id not in known:
                known[doc_id] = self.summary(doc_id, name).status
        return known

    # -- writing spans and statuses ------------------------------------------------
    def edit_spans(
        self,
        doc_id: str,
        *,
        put: Iterable[Span] = (),
        remove: Iterable[int] = (),
        status: str | None = None,
        annotator: str | None = None,
        source: Source = "edit",
    ) -> Change:
        """Insert or replace spans (id 0 inserts), delete others, maybe set the status.

        One atomic write of the layer file; the Change lists the spans as stored.
        """
        with self.recording(source) as rec:
            self.layer(doc_id, annotator).apply(put=put, remove=remove, status=status)
        return rec.change

    def set_status(self, doc_id: str, status: str, annotator: str | None = None) -> Change:
        """Set an annotator's status for a document."""
        return self.edit_spans(doc_id, status=status, annotator=annotator)

    def apply_suggestions(
        self,
        doc_id: str,
        suggestions: Iterable[Any],
        *,
        annotator: str | None = None,
        replace_stale: bool = True,
        only_covered: bool = False,
        source: Source = "suggest",
    ) -> Change:
        """Store suggestions as ``suggested`` spans without touching a decision (one write)."""
        from core.suggestions import plan_for_layer

        put, remove = plan_for_layer(
            self.layer(doc_id, annotator),
            suggestions,
            replace_stale=replace_stale,
            only_covered=only_covered,
        )
        if not put and not remove:
            return Change(source)
        return self.edit_spans(doc_id, put=put, remove=remove, annotator=annotator, source=source)


def _project_json(meta: dict[str, Any]) -> str:
    from core.store.storage import dumps

    return dumps({"meta": {"1": meta}, "documents": {}})
