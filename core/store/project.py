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

import logging
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb.table import Document as TinyDocument

from core.errors import SchemaTooNewError, StoreError, ValidationError
from core.model import (
    DocumentInfo,
    LabelSet,
    default_labelset,
    document_problem,
    now,
    validate_annotator,
    validate_new_document,
)
from core.store import paths
from core.store.layer import LAYERS_DIR, Layer, LayerSummary, _db
from core.store.lock import ProjectLock
from core.store.paths import fsync_dir
from core.store.paths import text_id as text_id  # re-exported: the id of a text
from core.store.storage import atomic_write, write_text

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
PROJECT_FILE = "project.json"
TEXTS_DIR = paths.TEXTS_DIR
LAYER_CACHE_SIZE = 128


class Project:
    """An open project folder. Use Project.create or Project.open."""

    def __init__(self, folder: Path, *, annotator: str | None, read_only: bool) -> None:
        self.folder = Path(folder)
        self.read_only = read_only
        self.warnings: list[str] = []
        # Why the project is read-only when it was opened for writing (a backup in use).
        self.read_only_reason: str | None = None
        self._lock = ProjectLock(self.folder)
        if not read_only:
            self._lock.acquire()
            paths.clean_stale_temp(self.folder)
        try:
            self._db = _db(self.folder / PROJECT_FILE, read_only, self.warnings, root=self.folder)
            if self.warnings and not read_only:
                # Loaded from the backup: saving now would bury the newest version.
                self.read_only, self.read_only_reason = True, self.warnings[-1]
                self._lock.release()
            meta = self._db.table("meta").get(doc_id=1)
            if not meta:
                raise StoreError(f"{self.folder}: not a Tawsim project (no {PROJECT_FILE})")
            version = int(meta.get("schema_version", 0) or 0)
            if version > SCHEMA_VERSION:
                raise SchemaTooNewError(
                    f"{self.folder}: written by a newer Tawsim (schema {version}; this version "
                    f"reads up to {SCHEMA_VERSION}); update Tawsim to open it"
                )
            self._meta = dict(meta)
            self.labels = LabelSet.from_json(self._meta.get("labels", []))
            self._docs = self._read_index()
            self.annotator = validate_annotator(annotator) if annotator else None
        except ValidationError as exc:
            self._lock.release()
            raise StoreError(f"{self.folder / PROJECT_FILE}: {exc}") from None
        except (TypeError, ValueError, AttributeError, KeyError, OverflowError) as exc:
            self._lock.release()
            raise StoreError(
                f"{self.folder / PROJECT_FILE}: malformed project file ({exc})"
            ) from None
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
        where = self.folder / PROJECT_FILE
        for row in self._db.table("documents"):
            problem = document_problem(row)
            if problem:
                raise StoreError(f"{where}: document entry {row.doc_id}: {problem}")
            paths.check_doc_id(row["id"], where)
            info = DocumentInfo(
                id=row["id"],
                title=row.get("title", ""),
                imported=float(row.get("imported", 0.0)),
                meta=dict(row.get("meta", {})),
                length=row.get("length", 0),
            )
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
        listed = self._meta.get("annotators", [])
        names = {n for n in listed if isinstance(n, str)} if isinstance(listed, list) else set()
        names = {n for n in names if paths.is_annotator(n)}
        names.update(paths.layer_annotators(self.folder))
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
        try:
            paths.make_dirs(self.folder, self.folder / TEXTS_DIR)
            for title, text, meta in items:
                validate_new_document(title, text, meta)
                doc_id = text_id(text)
                if doc_id in self._docs:
                    results.append((doc_id, False))
                    continue
                write_text(self.folder, doc_id, text, sync_dir=not self._batch_depth)
                self._docs[doc_id] = DocumentInfo(
                    id=doc_id, title=title, imported=stamp, meta=dict(meta), length=len(text)
                )
                added.append(doc_id)
                results.append((doc_id, True))
            if added:
                self._write_index()
        except BaseException:
            # Nothing half-added stays in memory (a full disk, a refused text).
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
                paths.text_path(self.folder, doc_id),
                *paths.layer_files(self.folder, doc_id),
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
