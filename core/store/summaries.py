"""Per-annotator layer summaries kept in one small file, so opening reads O(1) files.

``PROJECT/cache/summaries/<annotator>.json`` holds, for each of the
annotator's layer files, its (mtime, size) stamp and its summary (status,
counts by status, accepted spans by label), as columns (a list per field) so
that 100,000 summaries are read and checked a column at a time. It is a
cache: the layer files stay the truth. An entry counts only while its file
still has the stamp it was summarised with.

Which stamps still hold: the cache also records the layer folder's time as
it was when the cache was last checked against a full scan (at the save, a
stat per file, about 0.3 s for 100,000 files). Every write Tawsim, git or a
sync tool makes is a new file renamed into the folder, which changes the
folder's time; while that time is unchanged, the cache's stamps are the
folder's and open scans nothing (the rule DiskMonitor polls by). When it
changed, or is too recent to be trusted (racy: under two seconds old), open
scans the folder once and drops every entry whose file changed. A program
that rewrites a layer file in place without renaming leaves the folder's
time alone: its change shows once anything else in the folder changes.
A cache that cannot be read or makes no sense is ignored, never an error.

The cache is written when the project closes. ``cache/`` carries a
``.gitignore`` of its own, so it never travels with the project.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from collections import Counter
from collections.abc import Collection, Iterable
from itertools import compress
from pathlib import Path
from typing import Any

from core.changes import LayerChange
from core.errors import StoreError
from core.model import DOC_STATUSES, SPAN_STATUSES
from core.store import index_cache, paths
from core.store.journal import JOURNAL_SUFFIX, combined_stamp, journal_path, stamp
from core.store.layer import LayerSummary
from core.store.storage import atomic_write

log = logging.getLogger(__name__)

CACHE_DIR = index_cache.CACHE_DIR
VERSION = 2  # 1 was a dict of lists per document
LAYER_SUFFIX = ".json"
_DOC_STATUSES = frozenset(DOC_STATUSES)
_ID_LINES = re.compile(r"(?:[0-9a-f]{16}\n)*")

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


RACY_NS = 2_000_000_000


def folder_mark(folder: Path) -> int | None:
    """A folder's time, or None when it is too recent to be trusted.

    File system clocks are coarse: a change made a few milliseconds after a
    scan can leave the folder's time as it was. As git does with racy index
    entries, a time less than two seconds old is not trusted, so the folder
    is scanned again next time.
    """
    try:
        mtime = os.stat(folder, follow_symlinks=False).st_mtime_ns
    except OSError:
        return None
    return None if time.time_ns() - mtime < RACY_NS else mtime


def cache_path(folder: Path, annotator: str) -> Path:
    """Where an annotator's summaries are cached."""
    name = paths.check_annotator(annotator, folder)
    return Path(folder) / CACHE_DIR / "summaries" / f"{name}.json"


# (status, counts by span status, accepted spans by label)
Entry = tuple[str, dict[str, int], dict[str, int]]

_INT = frozenset({int})
_MAX_NAME = 200  # a label name in the cache: anything longer is not ours


def _int_column(value: Any, n: int) -> list[int] | None:
    """value if it is a list of n whole numbers >= 0 (checked in C), else None."""
    if type(value) is not list or len(value) != n:
        return None
    if n and (not set(map(type, value)) <= _INT or min(value) < 0):
        return None
    return value


def _columns(data: dict[str, Any]) -> dict[str, Any] | None:
    """The cache's columns if they make sense, else None.

    The file is columnar (a list per field, one place per layer file), so that
    reading 100,000 summaries parses a few lists and checks each in C, instead
    of making and checking 300,000 small objects.
    """
    ids = data.get("ids", [])
    if type(ids) is not list:
        return None
    n = len(ids)
    if n and not (set(map(type, ids)) == {str} and _ID_LINES.fullmatch("\n".join(ids) + "\n")):
        return None
    if len(set(ids)) != n:
        return None
    status = data.get("status", [])
    if type(status) is not list or len(status) != n or not set(status) <= _DOC_STATUSES:
        return None
    columns: dict[str, Any] = {"ids": ids, "status": status}
    for field in ("mtime", "size"):
        column = _int_column(data.get(field, []), n)
        if column is None:
            return None
        columns[field] = column
    for group, allowed in (("counts", SPAN_STATUSES), ("labels", None)):
        table = data.get(group, {})
        if type(table) is not dict:
            return None
        out: dict[str, list[int]] = {}
        for name, value in table.items():
            if allowed is not None and name not in allowed:
                return None
            if not 0 < len(name) <= _MAX_NAME:
                return None
            column = _int_column(value, n)
            if column is None:
                return None
            out[name] = column
        columns[group] = out
    return columns


def _stamps(value: Any) -> dict[str, Stamp] | None:
    """A cache's {id: [mtime, size]} of layer files without a summary, if it makes sense."""
    if value is None:
        return {}
    if type(value) is not dict:
        return None
    out: dict[str, Stamp] = {}
    for doc_id, pair in value.items():
        if not (paths.is_doc_id(doc_id) and type(pair) is list and len(pair) == 2):
            return None
        mtime, size = pair
        if not (type(mtime) is int and type(size) is int and mtime >= 0 and size >= 0):
            return None
        out[doc_id] = (mtime, size)
    return out


class SummaryCache:
    """One annotator's cached layer summaries, checked against the layer folder."""

    def __init__(self, folder: Path, annotator: str) -> None:
        self.folder = Path(folder)
        self.annotator = annotator
        self.layer_dir = paths.layer_dir(self.folder, annotator)
        self.path = cache_path(self.folder, annotator)
        # Rows of the file still valid: id -> place in the columns.
        self._row: dict[str, int] = {}
        self._columns: dict[str, Any] = _columns({}) or {}
        # Summaries made or changed since the file was read: id -> (stamp, entry).
        self._fresh: dict[str, tuple[Stamp, Entry]] = {}
        # Every layer file of the folder and its stamp, as far as this process knows.
        self.files: dict[str, Stamp] = {}
        self.dirty = False
        # The layer folder's time when the cache was last checked against it.
        self._mark: int | None = None
        # Layers with a journal beside them: an append leaves the folder's time alone.
        self.journaled: set[str] = set()
        self._load()

    def _read(self) -> dict[str, Any] | None:
        return index_cache.read_cache(self.folder, self.path, VERSION)

    def _load(self) -> None:
        data = self._read()
        columns = _columns(data) if data is not None else None
        others = _stamps(data.get("others")) if data is not None else None
        mark = folder_mark(self.layer_dir)
        if columns is not None and others is not None and mark is not None:
            if data is not None and data.get("folder") == mark and not data.get("journaled"):
                # The folder is as it was when the cache was checked against a
                # full scan at its last save: no file came, went or was renamed
                # over since, so the stamps in the cache are the folder's.
                stamps = zip(columns["mtime"], columns["size"], strict=True)
                self.files = dict(zip(columns["ids"], stamps, strict=True)) | others
                self._row = {doc_id: i for i, doc_id in enumerate(columns["ids"])}
                self._columns = columns
                self._mark = mark
                return
        # One scan of the folder (a stat per file, no file read) says which
        # entries still hold.
        self._mark = mark
        files = scan_folder(self.layer_dir, self.journaled)
        self.files = files
        if columns is None:
            self.dirty = data is not None
            return
        # Saved again at close, so that the next open can trust the folder's time.
        self.dirty = True
        get = files.get
        self._row = {
            doc_id: i
            for i, (doc_id, mtime, size) in enumerate(
                zip(columns["ids"], columns["mtime"], columns["size"], strict=True)
            )
            if get(doc_id) == (mtime, size)
        }
        self._columns = columns

    def folder_state(self) -> tuple[int | None, dict[str, Stamp], set[str]]:
        """(the folder's time, every layer's stamp, the journaled layers) as of the open."""
        return self._mark, dict(self.files), set(self.journaled)

    def has_file(self, doc_id: str) -> bool:
        """True when the annotator has a layer file for the document."""
        return doc_id in self.files

    def get(self, doc_id: str) -> Entry | None:
        """The cached summary of a layer, if its file is unchanged."""
        fresh = self._fresh.get(doc_id)
        if fresh is not None:
            return fresh[1]
        i = self._row.get(doc_id)
        if i is None:
            return None
        columns = self._columns
        counts = {k: v[i] for k, v in columns["counts"].items() if v[i]}
        labels = {k: v[i] for k, v in columns["labels"].items() if v[i]}
        return columns["status"][i], counts, labels

    def put(self, doc_id: str, stamp: Stamp | None, entry: Entry) -> None:
        """Remember a layer's summary as of the file stamp it was computed from."""
        if stamp is None and doc_id not in self.files and doc_id not in self._fresh:
            return  # no layer file, as the cache knew: nothing to remember
        self._row.pop(doc_id, None)
        if stamp is None:
            self._fresh.pop(doc_id, None)
            self.files.pop(doc_id, None)
        else:
            self._fresh[doc_id] = (stamp, entry)
            self.files[doc_id] = stamp
        self.dirty = True

    def forget(self, doc_id: str, stamp: Stamp | None) -> None:
        """A layer file changed (or went): its summary must be computed again."""
        self._row.pop(doc_id, None)
        self._fresh.pop(doc_id, None)
        if stamp is None:
            self.files.pop(doc_id, None)
        else:
            self.files[doc_id] = stamp
        self.dirty = True

    def totals(
        self, doc_ids: Collection[str]
    ) -> tuple[Counter[str], Counter[str], Counter[str], set[str]]:
        """Sums of the cached summaries of doc_ids, and the ids they cover.

        The sums are (documents by status, spans by status, accepted spans by label).

        Each column is summed in C over the rows that still hold, so 100,000
        documents cost milliseconds; what the cache does not cover is left to
        the caller.
        """
        columns = self._columns
        ids = columns["ids"]
        if len(self._row) == len(ids) and (not ids or set(ids) <= set(doc_ids)):
            mask: list[bool] | None = None
            covered = set(ids)
        else:
            wanted = doc_ids if isinstance(doc_ids, set | frozenset | dict) else set(doc_ids)
            row = self._row
            mask = [row.get(d) == i and d in wanted for i, d in enumerate(ids)]
            covered = set(compress(ids, mask))

        def total(column: list[int]) -> int:
            return sum(column) if mask is None else sum(compress(column, mask))

        statuses = Counter(columns["status"] if mask is None else compress(columns["status"], mask))
        counts = Counter({k: total(v) for k, v in columns["counts"].items()})
        labels = Counter({k: total(v) for k, v in columns["labels"].items()})
        for doc_id, (_, (status, entry_counts, entry_labels)) in self._fresh.items():
            if doc_id in doc_ids and doc_id not in covered:
                covered.add(doc_id)
                statuses[status] += 1
                counts.update(entry_counts)
                labels.update(entry_labels)
        return statuses, +counts, +labels, covered

    def statuses(self) -> dict[str, str]:
        """Every cached layer's status: document id -> status."""
        columns = self._columns
        ids, status = columns["ids"], columns["status"]
        if len(self._row) == len(ids):
            out = dict(zip(ids, status, strict=True))
        else:
            out = {doc_id: status[i] for doc_id, i in self._row.items()}
        for doc_id, (_, entry) in self._fresh.items():
            out[doc_id] = entry[0]
        return out

    def _merged(self) -> dict[str, Any]:
        """Every valid summary as columns, for the file."""
        columns = self._columns
        old = [i for i in self._row.values()]
        old.sort()
        ids = [columns["ids"][i] for i in old]
        mtime = [columns["mtime"][i] for i in old]
        size = [columns["size"][i] for i in old]
        status = [columns["status"][i] for i in old]
        counts = {k: [v[i] for i in old] for k, v in columns["counts"].items()}
        labels = {k: [v[i] for i in old] for k, v in columns["labels"].items()}
        n = len(ids)
        for doc_id, ((m, z), (st, entry_counts, entry_labels)) in self._fresh.items():
            ids.append(doc_id)
            mtime.append(m)
            size.append(z)
            status.append(st)
            for table, entry in ((counts, entry_counts), (labels, entry_labels)):
                for name in entry:
                    table.setdefault(name, [0] * n)
                for name, column in table.items():
                    column.append(entry.get(name, 0))
            n += 1
        return {
            "ids": ids,
            "mtime": mtime,
            "size": size,
            "status": status,
            "counts": counts,
            "labels": labels,
        }

    def _check_folder(self) -> int | None:
        """Scan the folder once more and drop every entry whose file changed meanwhile.

        Returns the folder's time if it held still during the scan and is old
        enough to be trusted (then the next open needs no scan), else None.
        """
        before = folder_mark(self.layer_dir)
        self.journaled = set()
        files = scan_folder(self.layer_dir, self.journaled)
        after = folder_mark(self.layer_dir)
        for doc_id in [d for d, s in self.files.items() if files.get(d) != s]:
            self.forget(doc_id, files.get(doc_id))
        for doc_id in files.keys() - self.files.keys():
            self.forget(doc_id, files[doc_id])
        self.files = files
        return before if before is not None and before == after else None

    def save(self) -> None:
        """Write the cache (best effort: a cache that cannot be written is skipped)."""
        if not self.dirty:
            return
        mark = self._check_folder()
        merged = self._merged()
        summarised = set(merged["ids"])
        data = {
            "version": VERSION,
            "annotator": self.annotator,
            "saved": time.time_ns(),
            "folder": mark,
            # Never trusted by time while a journal is there (see _load).
            "journaled": sorted(self.journaled),
            "others": {d: list(s) for d, s in self.files.items() if d not in summarised},
            **merged,
        }
        try:
            index_cache.prepare(self.folder, self.path)
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

    def totals(
        self, annotator: str, doc_ids: Collection[str]
    ) -> tuple[Counter[str], Counter[str], Counter[str], set[str]]:
        """Sums of the annotator's cached summaries of doc_ids, and the ids they cover."""
        cache = self._cache(annotator)
        if cache is None:
            return Counter(), Counter(), Counter(), set()
        return cache.totals(doc_ids)

    def folder_state(self, annotator: str) -> tuple[int | None, dict[str, Stamp], set[str]] | None:
        """What the annotator's cache knows of the layer folder (read now if need be)."""
        cache = self._cache(annotator)
        return cache.folder_state() if cache is not None else None

    def statuses(self, annotator: str) -> dict[str, str]:
        """The statuses the annotator's summaries know: document id -> status."""
        cache = self._cache(annotator)
        out = cache.statuses() if cache is not None else {}
        for (doc_id, name), summary in self.memory.items():
            if name == annotator:
                out[doc_id] = summary.status
        return out

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
