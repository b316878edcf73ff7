"""The document index, split into shards so that one change rewrites one small file.

Layout::

    PROJECT/index/<xx>.json     the entries of documents whose id starts with xx

Each shard is a tinydb file ``{"documents": {seq: entry}}``; ``seq`` gives the
import order across shards. There are at most 256 shards (two hex digits), so
adding, removing or retitling a document rewrites about 1/256 of the index:
at 100,000 documents a shard holds about 400 entries. Opening a project reads
every shard once (the index must be known to list the documents); writing
goes through ``atomic_write`` with a backup like every store file.

Projects of schema 1 kept the index inside project.json; ``DocumentIndex``
reads that form too, and the project moves it into shards when it is first
opened for writing.
"""

from __future__ import annotations

import gc
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from core.errors import Notice, StoreError
from core.model import MAX_TIME, DocumentInfo, document_problem
from core.store import index_cache, paths
from core.store.index_cache import Stamp
from core.store.storage import atomic_write, dumps, read_json_with_backup

INDEX_DIR = paths.INDEX_DIR
_SHARD = re.compile(r"[0-9a-f]{2}")
_TABLE = "documents"
_FIELDS = frozenset({"id", "title", "imported", "meta", "length"})
_STR, _INT, _DICT = frozenset({str}), frozenset({int}), frozenset({dict})
_NUMBER = frozenset({int, float})
_NO_META: dict[str, Any] = {}


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold the cyclic garbage collector while a bulk load makes many objects.

    Reading 100,000 entries makes some 500,000 objects, none of them cyclic
    garbage; each collection pass on the way walks all the live ones again
    (a third of the load time at 100,000 documents).
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def shard_of(doc_id: str) -> str:
    """The shard a document's entry lives in."""
    return doc_id[:2]


def shard_path(folder: Path, shard: str) -> Path:
    """Where one shard of the index lives."""
    if not _SHARD.fullmatch(shard):
        raise StoreError(
            f"{folder}: index shard {shard[:40]!r} is not two hex digits; refused",
            code="index_shard_invalid",
            path=folder,
            shard=shard[:40],
        )
    return Path(folder) / INDEX_DIR / f"{shard}.json"


def entry_json(info: DocumentInfo) -> dict[str, Any]:
    """A document's index entry as stored."""
    return {
        "id": info.id,
        "title": info.title,
        "imported": info.imported,
        "meta": dict(info.meta),
        "length": info.length,
    }


_ENCODE = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(", ", ": "), allow_nan=False
).encode
# Between two entries of the encoded list: "}, " then the next entry's first key.
# A quote outside a string is never preceded by a backslash, so this cannot
# match inside a title; only a crafted meta could, and that is caught below.
_ENTRY_GAP = re.compile(r'(?<=\}), (?=\{"id": ")')


def shard_text(rows: list[tuple[str, dict[str, Any]]]) -> str:
    """A shard's file, exactly as ``dumps`` writes it, made in one encoder call.

    ``dumps`` encodes each record on its own (a Python call per record, 3 ms
    for a shard of 400 at 100,000 documents, which made adding one document
    cost five times what it does in a small project); here the encoder runs
    once over the list and the result is cut between records.
    """
    parts = _ENTRY_GAP.split(_ENCODE([row for _, row in rows])[1:-1])
    if len(parts) != len(rows):  # a meta value that looks like an entry: the slow way
        return dumps({_TABLE: dict(rows)})
    body = ",\n".join(f'  "{key}": {part}' for (key, _), part in zip(rows, parts, strict=True))
    return f'{{\n "{_TABLE}": {{\n{body}\n }}\n}}\n'


def _entry(row: Any, where: object, key: str) -> DocumentInfo:
    if not isinstance(row, dict):
        raise StoreError(
            f"{where}: document entry {key}: not an object",
            code="index_entry_not_object",
            path=where,
            key=key,
        )
    problem = document_problem(row)
    if problem:
        raise StoreError(
            f"{where}: document entry {key}: {problem}",
            code="index_entry_invalid",
            path=where,
            key=key,
            problem=problem,
        )
    paths.check_doc_id(row["id"], where)
    return DocumentInfo(
        id=row["id"],
        title=row.get("title", ""),
        imported=float(row.get("imported", 0.0)),
        meta=dict(row.get("meta", {})),
        length=row.get("length", 0),
    )


def _well_formed(
    table: Mapping[str, Any], shard: str
) -> dict[str, tuple[int, DocumentInfo]] | None:
    """A shard's entries when every one is well formed, checked a column at a time; else None.

    The same rules as ``_entry`` (which gives the message when this says no),
    but each test runs over a whole column in C (a joined-string regex for the
    ids, type sets, min and max), so 100,000 entries take milliseconds.
    """
    rows = list(table.values())
    if not rows:
        return {}
    if not all(type(r) is dict for r in rows) or not all(r.keys() <= _FIELDS for r in rows):
        return None
    ids = [r.get("id") for r in rows]
    titles = [r.get("title", "") for r in rows]
    imported = [r.get("imported", 0.0) for r in rows]
    metas = [r.get("meta", _NO_META) for r in rows]
    lengths = [r.get("length", 0) for r in rows]
    if not set(map(type, ids)) <= _STR or not set(map(type, titles)) <= _STR:
        return None
    pattern = re.compile(rf"(?:{re.escape(shard)}[0-9a-f]{{14}}\n)*")
    if len(set(ids)) != len(ids) or not pattern.fullmatch("\n".join(ids) + "\n"):
        return None
    if not set(map(type, imported)) <= _NUMBER or not set(map(type, lengths)) <= _INT:
        return None
    if not (0.0 <= min(imported) and max(imported) <= MAX_TIME) or min(lengths) < 0:
        return None  # a NaN fails the first test too: every comparison with it is false
    if not set(map(type, metas)) <= _DICT:
        return None
    seqs = list(map(int, table))
    return {
        doc_id: (seq, DocumentInfo(doc_id, title, float(when), meta, length))
        for doc_id, seq, title, when, meta, length in zip(
            ids, seqs, titles, imported, metas, lengths, strict=True
        )
    }


class DocumentIndex:
    """Every document's entry in import order, and the shards they are stored in."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.docs: dict[str, DocumentInfo] = {}
        self._seq: dict[str, int] = {}
        self._next = 1
        self._members: dict[str, set[str]] = {}
        self._dirty: set[str] = set()
        self.warnings: list[Notice] = []
        # Each shard's stamp as last read or written here, and whether the
        # snapshot in cache/ must be written again (see index_cache).
        self._stamps: dict[str, Stamp | None] = {}
        # Per dirty shard, the entries changed since its last write: seq -> entry (None: gone).
        self._changed: dict[str, dict[str, DocumentInfo | None]] = {}
        self._snapshot_stale = False

    # -- reading -------------------------------------------------------------
    def shard_files(self) -> dict[str, Path]:
        """The shard files on disk: shard name -> path (links and strays left out)."""
        found: dict[str, Path] = {}
        directory = self.folder / INDEX_DIR
        if os.path.islink(directory):
            raise StoreError(
                f"{directory}: is a symbolic link inside the project; refused "
                "(Tawsim never follows links in a project folder)",
                code="link_in_project",
                path=directory,
            )
        try:
            with os.scandir(directory) as entries:
                names = [e.name for e in entries]
        except FileNotFoundError:
            return found
        except OSError as exc:
            raise StoreError(
                f"{directory}: cannot read ({exc.strerror or exc})",
                code="cannot_read",
                path=directory,
                detail=str(exc.strerror or exc),
            ) from None
        for name in names:
            stem = name[:-5] if name.endswith(".json") else ""
            if not _SHARD.fullmatch(stem):
                stem = name[:-9] if name.endswith(".json.bak") else ""
            if _SHARD.fullmatch(stem):
                found[stem] = directory / f"{stem}.json"
        return dict(sorted(found.items()))

    def _read_shard(self, shard: str) -> dict[str, tuple[int, DocumentInfo]]:
        """One shard's entries: id -> (seq, info); StoreError naming the file if malformed."""
        path = shard_path(self.folder, shard)
        data, warning = read_json_with_backup(path, self.folder)
        if warning:
            self.warnings.append(warning)
        table = (data or {}).get(_TABLE) or {}
        fast = _well_formed(table, shard)
        if fast is not None:
            return fast
        # Something is off: go entry by entry for a message that names it.
        out: dict[str, tuple[int, DocumentInfo]] = {}
        for key, row in table.items():
            info = _entry(row, path, key)
            if shard_of(info.id) != shard:
                raise StoreError(
                    f"{path}: document entry {key}: document {info.id} belongs in shard "
                    f"{shard_of(info.id)}, not {shard}; refused",
                    code="index_wrong_shard",
                    path=path,
                    key=key,
                    id=info.id,
                    expected=shard_of(info.id),
                    shard=shard,
                )
            if info.id not in out:  # the same document twice: the first entry counts
                out[info.id] = (int(key), info)
        return out

    def load(self, legacy: Iterable[tuple[str, Any]] = ()) -> None:
        """Read every shard; legacy rows (project.json of schema 1) come first."""
        with paused_gc():
            self._load(legacy)

    def _load(self, legacy: Iterable[tuple[str, Any]]) -> None:
        where = self.folder / "project.json"
        entries: dict[str, tuple[int, DocumentInfo]] = {}
        for key, row in legacy:
            info = _entry(row, where, key)
            entries.setdefault(info.id, (int(key), info))
        if entries:
            # Schema 1: the whole index is in project.json and shards are stale if any.
            self._dirty = {shard_of(d) for d in entries} | set(self.shard_files())
        else:
            files = self.shard_files()
            stamps = {shard: index_cache.stamp(path) for shard, path in files.items()}
            snapshot = index_cache.read(self.folder, stamps)
            if snapshot is not None:
                entries = snapshot
            else:
                # Stamps taken before the reads: a shard changed meanwhile no
                # longer matches, so the snapshot made from it is never trusted.
                for shard in files:
                    entries.update(self._read_shard(shard))
                self._snapshot_stale = True
            self._stamps = stamps
        self._set(entries)

    def save_snapshot(self) -> None:
        """Write the snapshot in cache/ if it is stale and every shard is as last seen here."""
        if not self._snapshot_stale:
            return
        current = {s: index_cache.stamp(p) for s, p in self.shard_files().items()}
        if current != self._stamps or any(s is None for s in current.values()):
            index_cache.remove(self.folder)  # changed by someone else: shards next time
            return
        index_cache.write(self.folder, self.docs, self._seq, current)  # type: ignore[arg-type]
        self._snapshot_stale = False

    def _set(self, entries: Mapping[str, tuple[int, DocumentInfo]]) -> None:
        seq = {doc_id: number for doc_id, (number, _) in entries.items()}
        # A stable sort by seq alone: equal numbers (only in a hand-made index)
        # keep the order they were read in, shard by shard.
        order = sorted(seq, key=seq.__getitem__)
        self.docs = {doc_id: entries[doc_id][1] for doc_id in order}
        self._seq = {doc_id: seq[doc_id] for doc_id in order}
        self._next = max(seq.values(), default=0) + 1
        self._members = {}
        for doc_id in order:
            self._members.setdefault(doc_id[:2], set()).add(doc_id)

    def reload_shard(self, shard: str) -> tuple[list[str], list[str], list[str]]:
        """Re-read one shard changed on disk; return the ids (added, removed, retitled)."""
        path = shard_path(self.folder, shard)
        self._stamps[shard] = index_cache.stamp(path)
        self._snapshot_stale = True
        fresh = self._read_shard(shard) if path.exists() else {}
        old = {d: i for d, i in self.docs.items() if shard_of(d) == shard}
        added = [d for d in fresh if d not in old]
        removed = [d for d in old if d not in fresh]
        retitled = [d for d in fresh if d in old and fresh[d][1] != old[d]]
        if added or removed or retitled:
            entries = {d: (self._seq[d], info) for d, info in self.docs.items()}
            for doc_id in removed:
                del entries[doc_id]
            entries.update(fresh)
            self._set(entries)
        return added, removed, retitled

    # -- changing ------------------------------------------------------------
    def add(self, info: DocumentInfo) -> None:
        """Add an entry at the end of the import order."""
        if info.id not in self._seq:
            self._seq[info.id] = self._next
            self._next += 1
        self.docs[info.id] = info
        self._members.setdefault(shard_of(info.id), set()).add(info.id)
        self._note(info.id, info)

    def replace(self, info: DocumentInfo) -> None:
        """Replace an existing entry (a new title), keeping its place."""
        self.docs[info.id] = info
        self._note(info.id, info)

    def remove(self, doc_id: str) -> None:
        """Remove an entry."""
        self._note(doc_id, None)
        self.docs.pop(doc_id, None)
        self._seq.pop(doc_id, None)
        self._members.get(shard_of(doc_id), set()).discard(doc_id)

    def _note(self, doc_id: str, info: DocumentInfo | None) -> None:
        """Mark doc_id's shard dirty and remember the entry's new state (None: gone)."""
        shard = shard_of(doc_id)
        self._dirty.add(shard)
        seq = self._seq.get(doc_id)
        if seq is not None:
            self._changed.setdefault(shard, {})[str(seq)] = info

    @property
    def dirty(self) -> bool:
        """True when some shard has changes not yet written."""
        return bool(self._dirty)

    def discard_changes(self, doc_ids: Iterable[str]) -> None:
        """Forget entries added in memory whose write failed."""
        for doc_id in doc_ids:
            seq = self._seq.pop(doc_id, None)
            self.docs.pop(doc_id, None)
            self._members.get(shard_of(doc_id), set()).discard(doc_id)
            if seq is not None:
                self._changed.get(shard_of(doc_id), {}).pop(str(seq), None)

    def _patched(
        self,
        shard: str,
        path: Path,
        changes: Mapping[str, DocumentInfo | None],
        members: list[str],
    ) -> str | None:
        """The shard's new file made from its file on disk and the changes, or None.

        When the file is exactly as this index last read or wrote it (its
        stamp) and in the one-entry-a-line form, the lines of the entries that
        did not change are taken as they are: a change costs the entries it
        touches, not the 400 of a shard at 100,000 documents. Anything
        unexpected (another form, an entry missing) makes the whole shard anew.
        """
        if not changes or self._stamps.get(shard) is None:
            return None
        if index_cache.stamp(path) != self._stamps[shard]:
            return None
        try:
            lines = path.read_text("utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            return None
        head, tail = ["{", f' "{_TABLE}": {{'], [" }", "}", ""]
        if len(lines) < 6 or lines[:2] != head or lines[-3:] != tail:
            return None
        records = lines[2:-3]
        if not all(line.endswith(",") for line in records[:-1]) or records[-1].endswith(","):
            return None
        body: dict[str, str] = {}
        for line in records:
            cut = line.find('": ', 3)
            if not line.startswith('  "') or cut < 0:
                return None
            body[line[3:cut]] = line[cut + 3 :].removesuffix(",")
        for key, info in changes.items():
            if info is None:
                body.pop(key, None)
            else:
                body[key] = _ENCODE(entry_json(info))
        keys = [str(self._seq[d]) for d in members]
        if body.keys() != set(keys):
            return None
        joined = ",\n".join(f'  "{key}": {body[key]}' for key in keys)
        return f'{{\n "{_TABLE}": {{\n{joined}\n }}\n}}\n'

    def flush(self) -> list[Path]:
        """Write every changed shard (an empty one is removed); return the paths written."""
        written: list[Path] = []
        if not self._dirty:
            return written
        paths.make_dirs(self.folder, self.folder / INDEX_DIR)
        for shard in sorted(self._dirty):
            path = shard_path(self.folder, shard)
            members = sorted(self._members.get(shard, ()), key=self._seq.__getitem__)
            self._snapshot_stale = True
            changes = self._changed.pop(shard, {})
            if members:
                text = self._patched(shard, path, changes, members)
                if text is None:
                    text = shard_text(
                        [(str(self._seq[d]), entry_json(self.docs[d])) for d in members]
                    )
                atomic_write(path, text, backup=True, root=self.folder)
                self._stamps[shard] = index_cache.stamp(path)
            else:
                for stale in (path, path.with_name(path.name + ".bak")):
                    paths.check_no_links(self.folder, stale)
                    stale.unlink(missing_ok=True)
                paths.fsync_dir(path.parent)
                self._stamps.pop(shard, None)
            self._dirty.discard(shard)
            written.append(path)
        return written
