"""Per-annotator layer summaries kept in one small file, so opening reads O(1) files.

``PROJECT/cache/summaries/<annotator>.json`` holds, for each of the
annotator's layer files, its (mtime, size) stamp and its summary (status,
counts by status, accepted spans by label). It is a cache: the layer files
stay the truth. An entry counts only while its file still has the stamp it
was summarised with: at open the layer folder is scanned once (a stat per
file, about 0.25 s for 100,000 files, no file read) and every entry whose
file changed is dropped, to be summarised again when it is asked for.
A cache that cannot be read or makes no sense is ignored, never an error.

The cache is written when the project closes. ``cache/`` carries a
``.gitignore`` of its own, so it never travels with the project.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from core.changes import LayerChange
from core.errors import StoreError
from core.model import DOC_STATUSES, SPAN_STATUSES
from core.store import paths
from core.store.journal import JOURNAL_SUFFIX, combined_stamp, journal_path, stamp
from core.store.layer import LayerSummary
from core.store.storage import atomic_write

log = logging.getLogger(__name__)

CACHE_DIR = "cache"
VERSION = 1
LAYER_SUFFIX = ".json"

Stamp = tuple[int, int]


def scan_folder(folder: Path, journaled: set[str] | None = None) -> dict[str, Stamp]:
    """The layer files of one annotator's folder: document id -> (mtime in ns, size).

    Documents with a journal beside their layer file are added to ``journaled``.
    """
    out: dict[str, Stamp] = {}
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return out
    journals: dict[str, Stamp] = {}
    for entry in entries:
        name = entry.name
        suffix = LAYER_SUFFIX if name.endswith(LAYER_SUFFIX) else JOURNAL_SUFFIX
        if name.endswith(suffix) and not name.startswith("."):
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            found = out if suffix == LAYER_SUFFIX else journals
            found[name[: -len(suffix)]] = (st.st_mtime_ns, st.st_size)
    # A journal append changes its layer's stamp (see journal.combined_stamp).
    for doc_id, journal in journals.items():
        if doc_id in out:
            out[doc_id] = combined_stamp(out[doc_id], journal) or journal
    if journaled is not None:
        journaled.update(journals)
    return out


def cache_path(folder: Path, annotator: str) -> Path:
    """Where an annotator's summaries are cached."""
    name = paths.check_annotator(annotator, folder)
    return Path(folder) / CACHE_DIR / "summaries" / f"{name}.json"


# (status, counts by span status, accepted spans by label)
Entry = tuple[str, dict[str, int], dict[str, int]]


def _entry(value: Any) -> tuple[Stamp, Entry] | None:
    """A cached entry if it makes sense, else None."""
    if not (isinstance(value, list) and len(value) == 5):
        return None
    mtime, size, status, counts, labels = value
    if not (isinstance(mtime, int) and isinstance(size, int) and status in DOC_STATUSES):
        return None
    if not (isinstance(counts, dict) and isinstance(labels, dict)):
        return None
    for table, keys in ((counts, SPAN_STATUSES), (labels, None)):
        for key, count in table.items():
            if keys is not None and key not in keys:
                return None
            if not (isinstance(key, str) and isinstance(count, int) and count >= 0):
                return None
    return (mtime, size), (status, counts, labels)


class SummaryCache:
    """One annotator's cached layer summaries, checked against the layer folder."""

    def __init__(self, folder: Path, annotator: str) -> None:
        self.folder = Path(folder)
        self.annotator = annotator
        self.layer_dir = paths.layer_dir(self.folder, annotator)
        self.path = cache_path(self.folder, annotator)
        self.entries: dict[str, tuple[Stamp, Entry]] = {}
        # Every layer file of the folder and its stamp, as far as this process knows.
        self.files: dict[str, Stamp] = {}
        self.dirty = False
        self._load()

    def _read(self) -> dict[str, Any] | None:
        try:
            raw = paths.read_file(self.folder, self.path)
        except Exception as exc:  # a cache is never a reason to fail
            log.info("%s: ignored (%s)", self.path, exc)
            return None
        if raw is None:
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError) as exc:
            log.info("%s: ignored (%s)", self.path, exc)
            return None
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return None
        return data

    def _load(self) -> None:
        data = self._read() or {}
        raw_entries = data.get("entries")
        entries: dict[str, tuple[Stamp, Entry]] = {}
        if isinstance(raw_entries, dict):
            for doc_id, value in raw_entries.items():
                entry = _entry(value)
                if entry is not None and paths.is_doc_id(doc_id):
                    entries[doc_id] = entry
        # One scan of the folder (a stat per file, no file read) says which
        # entries still hold: a file copied over in place keeps its folder's
        # time, so the folder's time alone is not enough.
        files = scan_folder(self.layer_dir)
        entries = {d: e for d, e in entries.items() if files.get(d) == e[0]}
        self.dirty = not isinstance(raw_entries, dict) or len(entries) != len(raw_entries)
        self.files, self.entries = files, entries

    def has_file(self, doc_id: str) -> bool:
        """True when the annotator has a layer file for the document."""
        return doc_id in self.files

    def get(self, doc_id: str) -> Entry | None:
        """The cached summary of a layer, if its file is unchanged."""
        hit = self.entries.get(doc_id)
        return hit[1] if hit is not None else None

    def put(self, doc_id: str, stamp: Stamp | None, entry: Entry) -> None:
        """Remember a layer's summary as of the file stamp it was computed from."""
        if stamp is None:
            self.entries.pop(doc_id, None)
            self.files.pop(doc_id, None)
        else:
            self.entries[doc_id] = (stamp, entry)
            self.files[doc_id] = stamp
        self.dirty = True

    def forget(self, doc_id: str, stamp: Stamp | None) -> None:
        """A layer file changed (or went): its summary must be computed again."""
        self.entries.pop(doc_id, None)
        if stamp is None:
            self.files.pop(doc_id, None)
        else:
            self.files[doc_id] = stamp
        self.dirty = True

    def save(self) -> None:
        """Write the cache (best effort: a cache that cannot be written is skipped)."""
        if not self.dirty:
            return
        data = {
            "version": VERSION,
            "annotator": self.annotator,
            "saved": time.time_ns(),
            "entries": {d: [*s, *e] for d, (s, e) in self.entries.items()},
        }
        try:
            cache = self.folder / CACHE_DIR
            paths.make_dirs(self.folder, self.path.parent)
            ignore = cache / ".gitignore"
            if not os.path.lexists(ignore):
                atomic_write(ignore, "# Tawsim's caches: never shared\n*\n", root=self.folder)
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            atomic_write(self.path, text, root=self.folder)
            self.dirty = False
        except Exception as exc:  # noqa: BLE001 - a cache never fails a close
            log.warning("%s: summaries not cached (%s)", self.path, exc)


def counts_of(counts: Counter[str]) -> dict[str, int]:
    """A counter as a plain dict without zero entries."""
    return {k: v for k, v in counts.items() if v}


def counter(counts: dict[str, int]) -> Counter[str]:
    """A Counter of plain counts, without Counter.update's per-call type checks."""
    out: Counter[str] = Counter()
    dict.update(out, counts)
    return out


def updated(summary: LayerSummary, change: LayerChange) -> LayerSummary:
    """A layer's summary after a change, from the summary before it."""
    counts, labels = Counter(summary.counts), Counter(summary.labels)
    gone = [*change.removed, *(old for old, _ in change.changed)]
    came = [*change.added, *(new for _, new in change.changed)]
    for spans, sign in ((gone, -1), (came, 1)):
        for span in spans:
            counts[span.status] += sign
            if span.status == "accepted":
                labels[span.label] += sign
    status = change.status[1] if change.status else summary.status
    return LayerSummary(status, +counts, +labels)


def file_stamp(path: Path) -> Stamp | None:
    """A layer file's (mtime in ns, size) with its journal's, None if it is missing."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return combined_stamp((st.st_mtime_ns, st.st_size), stamp(journal_path(path)))


def _entry_of(summary: LayerSummary) -> Entry:
    return (summary.status, counts_of(summary.counts), counts_of(summary.labels))


class Summaries:
    """A project's layer summaries: in memory, and cached per annotator on disk."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.memory: dict[tuple[str, str], LayerSummary] = {}
        self._caches: dict[str, SummaryCache] = {}

    def _cache(self, annotator: str) -> SummaryCache | None:
        """The annotator's cache (read once); None for a layer folder that is unsafe."""
        cache = self._caches.get(annotator)
        if cache is None:
            try:
                cache = SummaryCache(self.folder, annotator)
            except StoreError as exc:
                log.info("no summary cache for %s: %s", annotator, exc)
                return None
            self._caches[annotator] = cache
        return cache

    def _path(self, key: tuple[str, str]) -> Path:
        return paths.layer_path(self.folder, key[1], key[0])

    def cached(self, key: tuple[str, str]) -> LayerSummary | None:
        """The summary from memory or the disk cache, if it still holds."""
        hit = self.memory.get(key)
        if hit is None:
            cache = self._cache(key[1])
            entry = cache.get(key[0]) if cache is not None else None
            if entry is not None:
                hit = self.memory[key] = LayerSummary(
                    entry[0], counter(entry[1]), counter(entry[2])
                )
        return hit

    def no_file(self, key: tuple[str, str]) -> bool:
        """True when the cache knows the annotator has no layer file for the document."""
        cache = self._cache(key[1])
        return cache is not None and not cache.has_file(key[0])

    def computed(self, key: tuple[str, str], summary: LayerSummary) -> LayerSummary:
        """Keep a summary computed from the layer."""
        self.memory[key] = summary
        cache = self._caches.get(key[1])
        if cache is not None:
            cache.put(key[0], file_stamp(self._path(key)), _entry_of(summary))
        return summary

    def written(self, path: Path, change: LayerChange) -> None:
        """A layer file was written: update its summary from the change (no recount)."""
        old = self.memory.pop(change.key, None)
        if old is None or change.reloaded:
            self.forget(change.key)
            return
        summary = self.memory[change.key] = updated(old, change)
        cache = self._caches.get(change.annotator)
        if cache is not None:
            cache.put(change.doc_id, file_stamp(path), _entry_of(summary))

    def forget(self, key: tuple[str, str]) -> None:
        """A layer changed outside: its summary is computed again when asked for."""
        self.memory.pop(key, None)
        cache = self._caches.get(key[1])
        if cache is not None:
            cache.forget(key[0], file_stamp(self._path(key)))

    def drop_documents(self, doc_ids: Iterable[str]) -> None:
        """Documents that left the project."""
        gone = set(doc_ids)
        for key in [k for k in self.memory if k[0] in gone]:
            del self.memory[key]
        for cache in self._caches.values():
            for doc_id in gone:
                cache.forget(doc_id, None)

    def save(self) -> None:
        """Write every changed cache."""
        for cache in self._caches.values():
            cache.save()
