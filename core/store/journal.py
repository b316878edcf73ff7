"""Append-only journals of layer changes, so a write costs what changed, not the layer's size.

A large layer (``layers/<annotator>/<doc>.json``) gets a journal beside it,
``<doc>.journal``: one JSON line of header naming the exact layer file it
applies to (a hash of its bytes), then one line per write::

    {"tawsim_journal": 1, "base": "<blake2b of the layer file>", "layer": "<doc>.json"}
    {"seq": 1, "set": {"spans": {"17": {...}}, "state": {"1": {...}}}, "del": {"spans": ["4"]}}

A write appends one record and fsyncs it (the floor for a durable write);
loading replays the records over the layer file. When the journal grows past
a quarter of the layer, and when the layer is closed, it is compacted: the
whole layer is written atomically with a ``journal`` table naming the
journal it folded in (``{"1": {"folded": base}}``), then the journal is
deleted. The hash makes replay idempotent: a journal applies only to the very
file it was written against, so after a crash between the rename and the
delete the old journal is recognised as folded in and never applied twice, and
a journal beside some other version of the layer (a git checkout, a copy) is
refused rather than applied to the wrong state.

The journal is untrusted input like every project file. A last line without
its newline is a torn append (the process died mid-write; the write was never
acknowledged) and is dropped. Any other bad line names the file and line, the
layer shows what the records before it give, and the layer is read-only.
Small layers (under ``MIN_LAYER_BYTES``) are rewritten whole, as before: an
append saves little on them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import InputError, Notice, StoreError
from core.safeio import loads
from core.store import storage as _storage
from core.store.paths import MAX_STORE_FILE_BYTES, check_no_links, fsync_dir, read_file
from core.store.storage import AtomicJSONStorage, dumps, read_with_backup

log = logging.getLogger(__name__)

JOURNAL_SUFFIX = ".journal"
JOURNAL_VERSION = 1
# Below this a layer is rewritten whole: about 300 spans, a write of a few ms.
MIN_LAYER_BYTES = 64 * 1024
# The journal is compacted once it is over 1/COMPACT_RATIO of the layer file.
COMPACT_RATIO = 4
MARK_TABLE = "journal"

Stamp = tuple[int, int]
# (table, record id, record) -> what is wrong with it, or None
Validator = Callable[[str, str, Any], "str | None"]


def journal_path(layer: Path) -> Path:
    """The journal beside a layer file (``<doc>.json`` -> ``<doc>.journal``)."""
    layer = Path(layer)
    stem = layer.name[:-5] if layer.name.endswith(".json") else layer.name
    return layer.with_name(stem + JOURNAL_SUFFIX)


def digest(raw: bytes) -> str:
    """The hash a journal header names its layer file by."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


def stamp(path: Path) -> Stamp | None:
    """A file's (mtime in ns, size), None if it is missing."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def combined_stamp(layer: Stamp | None, journal: Stamp | None) -> Stamp | None:
    """One stamp for a layer file and its journal: an append changes it (the size grows)."""
    if journal is None:
        return layer
    if layer is None:
        return journal
    return (max(layer[0], journal[0]), layer[1] + journal[1])


@dataclass
class Replay:
    """What a journal holds: its valid records, and where and why reading stopped."""

    base: str | None = None
    records: list[dict[str, Any]] = field(default_factory=list)
    seq: int = 0
    end: int = 0  # bytes of the valid part: the next record is appended here
    torn: bool = False
    problem: Notice | None = None


def _is_id(key: object) -> bool:
    return isinstance(key, str) and key.isascii() and key.isdigit() and len(key) < 19


def _record_problem(value: Any, seq: int, validate: Validator) -> str | None:
    """Why a parsed record is not the next valid one, or None."""
    if not isinstance(value, dict) or set(value) - {"seq", "set", "del"}:
        return "not a journal record"
    if value.get("seq") != seq:
        return f"record number {str(value.get('seq'))[:20]} where {seq} was expected"
    sets, dels = value.get("set", {}), value.get("del", {})
    if not isinstance(sets, dict) or not isinstance(dels, dict):
        return "not a journal record"
    for table, rows in sets.items():
        if table == MARK_TABLE or not isinstance(rows, dict):
            return f"table {str(table)[:40]!r} cannot be written here"
        for key, row in rows.items():
            if not _is_id(key):
                return f"record id {str(key)[:40]!r} is not a number"
            problem = validate(table, key, row)
            if problem:
                return f"{table} {key}: {problem}"
    for table, keys in dels.items():
        if table == MARK_TABLE or not isinstance(keys, list) or not all(map(_is_id, keys)):
            return f"table {str(table)[:40]!r}: bad record ids to delete"
    return None


def parse(path: Path, raw: bytes, validate: Validator) -> Replay:
    """Read a journal's bytes: the valid records up to the first bad or torn line."""
    out = Replay()
    lines = raw.split(b"\n")
    if lines[-1]:
        out.torn = True  # the last append never finished (no newline): never acknowledged
    lines.pop()  # the piece after the last newline: empty, or the torn record
    offset = 0
    for number, line in enumerate(lines, 1):
        try:
            value = loads(line.decode("utf-8"), path, line=number)
        except UnicodeDecodeError:
            out.problem = Notice(
                f"{path}:{number}: not valid UTF-8", code="line_not_utf8", path=path, line=number
            )
            return out
        except InputError as exc:
            out.problem = Notice.of(exc)
            return out
        if number == 1:
            if not (
                isinstance(value, dict)
                and value.get("tawsim_journal") == JOURNAL_VERSION
                and isinstance(value.get("base"), str)
            ):
                out.problem = Notice(
                    f"{path}:1: not a Tawsim journal header",
                    code="journal_bad_header",
                    path=path,
                    line=1,
                )
                return out
            out.base = value["base"]
        else:
            problem = _record_problem(value, out.seq + 1, validate)
            if problem:
                # The record's own reason is technical and stays in English.
                out.problem = Notice(f"{path}:{number}: {problem}")
                return out
            out.records.append(value)
            out.seq += 1
        offset += len(line) + 1
        out.end = offset
    return out


def apply(data: dict[str, Any], records: Iterable[Mapping[str, Any]]) -> None:
    """Replay records over a layer's tables (deletions first, as a write makes them)."""
    for record in records:
        for table, keys in record.get("del", {}).items():
            rows = data.get(table)
            if rows:
                for key in keys:
                    rows.pop(key, None)
        for table, rows in record.get("set", {}).items():
            data.setdefault(table, {}).update(rows)


def _line(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def without_mark(data: Mapping[str, Any]) -> dict[str, Any]:
    """A layer's tables without the compaction mark (what bundles and merges compare)."""
    return {name: table for name, table in data.items() if name != MARK_TABLE}


class JournaledStorage(AtomicJSONStorage):
    """AtomicJSONStorage that appends small writes to a journal and compacts it.

    Writes need ``changed`` (table -> ids changed since the last write) to be
    journaled; a write without it is a whole-file write.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        memo: bool = False,
        root: str | os.PathLike[str] | None = None,
        validate: Validator | None = None,
    ) -> None:
        super().__init__(path, read_only=read_only, memo=memo, root=root)
        self.journal = journal_path(self.path)
        self.validate: Validator = validate or (lambda table, key, row: None)
        self._digest: str | None = None
        self._layer_bytes = 0
        self._replay = Replay()
        self._state = "none"  # none | live (applies) | stale (folded in already)
        # Ids written to the journal since the last whole write, for dumps' memo.
        self._pending: dict[str, set[str]] = {}
        self.journal_stamp: Stamp | None = None

    @property
    def _folder(self) -> Path:
        return self.root if self.root is not None else self.path.parent

    def _load(self) -> None:
        data, self.warning, raw = read_with_backup(self.path, self.root)
        self._digest = digest(raw) if raw is not None else None
        self._layer_bytes = len(raw) if raw is not None else 0
        self._pending, self._replay, self._state = {}, Replay(), "none"
        jraw = read_file(self._folder, self.journal, MAX_STORE_FILE_BYTES)
        self.journal_stamp = stamp(self.journal) if jraw is not None else None
        if jraw is not None:
            data = self._replayed(data, jraw)
        self._cache = data
        self._loaded = True

    def _replayed(self, data: Any, jraw: bytes) -> Any:
        replay = parse(self.journal, jraw, self.validate)
        self._replay = replay
        mark = ((data or {}).get(MARK_TABLE) or {}).get("1") or {}
        if replay.base is None and replay.problem is None:
            self._state = "stale"  # only a torn header: nothing in it was acknowledged
            self._replay = Replay()  # the next journal starts again at record 1
        elif replay.base is not None and replay.base == self._digest:
            self._state = "live"
            data = data if data is not None else {}
            apply(data, replay.records)
            if replay.problem:
                self._refuse(
                    Notice(
                        f"{replay.problem}; showing the layer as of the record before, "
                        f"read-only (repair or delete {self.journal.name} to edit it again)",
                        code="journal_stopped",
                        problem=replay.problem,
                        journal=self.journal.name,
                    )
                )
        elif replay.base is not None and replay.base == mark.get("folded"):
            self._state = "stale"  # compacted, then the process died before deleting it
            self._replay = Replay()
        else:
            why = replay.problem or Notice(
                f"{self.journal}: this journal was written on another version of {self.path.name}",
                code="journal_other_version",
                path=self.journal,
                file=self.path.name,
            )
            self._refuse(
                Notice(
                    f"{why}; showing the layer without it, read-only (compact it in the copy "
                    f"that wrote it, or delete {self.journal.name} to edit the layer again)",
                    code="journal_not_replayed",
                    problem=why,
                    journal=self.journal.name,
                )
            )
        if replay.torn:
            log.info("%s: dropped a torn last record (a write that never finished)", self.journal)
        return data

    def _refuse(self, warning: Notice) -> None:
        log.warning(warning)
        if not self.warning:
            self.warning = warning

    # -- writing -------------------------------------------------------------
    def write(
        self,
        data: dict[str, dict[str, Any]],
        changed: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Append the change to the journal, or write the whole layer (compacting)."""
        if self.read_only:
            raise StoreError(
                f"{self.path}: the project is open read-only", code="read_only", path=self.path
            )
        if self.warning:
            raise self.warning.refusal()
        if changed is not None and self._digest is not None:
            if self._layer_bytes >= MIN_LAYER_BYTES:
                line = self._record(data, changed)
                if self._replay.end + len(line) <= self._layer_bytes // COMPACT_RATIO:
                    self._append(line, changed)
                    self._cache = data
                    return
        self._write_whole(data, changed)

    def _record(self, data: Mapping[str, Any], changed: Mapping[str, Iterable[str]]) -> bytes:
        sets: dict[str, dict[str, Any]] = {}
        dels: dict[str, list[str]] = {}
        for table, keys in changed.items():
            rows = data.get(table, {})
            for key in keys:
                if key in rows:
                    sets.setdefault(table, {})[key] = rows[key]
                else:
                    dels.setdefault(table, []).append(key)
        return _line({"seq": self._replay.seq + 1, "set": sets, "del": dels})

    def _append(self, line: bytes, changed: Mapping[str, Iterable[str]]) -> None:
        check_no_links(self._folder, self.journal)
        if self._state == "stale":
            self._drop_journal()
        fresh = self._state == "none"
        if fresh:
            header = {"tawsim_journal": JOURNAL_VERSION, "base": self._digest}
            header["layer"] = self.path.name
            head = _line(header)
            payload, offset = head + line, 0
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL
        else:
            payload, offset = line, self._replay.end
            flags = os.O_WRONLY
        flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.journal, flags, 0o666)
            try:
                size = os.fstat(fd).st_size
                if size != offset:
                    if not (self._replay.torn and size > offset):
                        raise StoreError(
                            f"{self.journal}: changed on disk since it was read; not saved "
                            "(the project reloads it)",
                            code="journal_changed",
                            path=self.journal,
                        )
                    os.ftruncate(fd, offset)  # drop the torn record before appending
                os.lseek(fd, offset, os.SEEK_SET)
                written = os.write(fd, payload)
                if written != len(payload):
                    os.ftruncate(fd, offset)
                    raise OSError(f"short write ({written} of {len(payload)} bytes)")
                os.fsync(fd)
            finally:
                os.close(fd)
            if fresh:
                fsync_dir(self.journal.parent)
        except OSError as exc:
            self._loaded, self._cache = False, None
            if self._memo is not None:
                self._memo.clear()
            raise StoreError(
                f"{self.journal}: could not save ({exc.strerror or exc})",
                code="cannot_save",
                path=self.journal,
                detail=str(exc.strerror or exc),
            ) from exc
        if fresh:
            self._replay = Replay(base=self._digest)
            self._state = "live"
        self._replay.end = offset + len(payload)
        self._replay.seq += 1
        self._replay.torn = False
        for table, keys in changed.items():
            self._pending.setdefault(table, set()).update(keys)
        self.journal_stamp = stamp(self.journal)

    def _write_whole(
        self, data: dict[str, dict[str, Any]], changed: Mapping[str, Iterable[str]] | None
    ) -> None:
        if self._state == "live":
            data[MARK_TABLE] = {"1": {"folded": self._replay.base}}
        if changed is not None:
            merged = {t: set(k) for t, k in self._pending.items()}
            for table, keys in changed.items():
                merged.setdefault(table, set()).update(keys)
            if self._state == "live":
                merged.setdefault(MARK_TABLE, set()).add("1")
            changed = merged
        try:
            raw = dumps(data, self._memo, changed).encode("utf-8")
            # Through the module, so that tests can make the write fail.
            _storage.atomic_write(self.path, raw, backup=True, root=self.root)
        except (OSError, UnicodeEncodeError, ValueError, TypeError) as exc:
            self._loaded, self._cache = False, None
            if self._memo is not None:
                self._memo.clear()
            reason = exc.strerror if isinstance(exc, OSError) else None
            raise StoreError(
                f"{self.path}: could not save ({reason or exc})",
                code="cannot_save",
                path=self.path,
                detail=str(reason or exc),
            ) from exc
        self._digest, self._layer_bytes, self._pending = digest(raw), len(raw), {}
        self._cache = data
        if self._state != "none":
            self._drop_journal()

    def _drop_journal(self) -> None:
        """Delete a journal that is folded into the layer (a leftover is recognised as such)."""
        try:
            os.unlink(self.journal)
            fsync_dir(self.journal.parent)
        except FileNotFoundError:
            pass
        except OSError as exc:
            log.warning("%s: could not delete the folded journal (%s)", self.journal, exc)
        self._state, self._replay, self.journal_stamp = "none", Replay(), None

    @property
    def has_journal(self) -> bool:
        """True when a journal beside the layer holds records or is left over."""
        if not self._loaded:
            self._load()
        return self._state != "none"

    def compact(self) -> bool:
        """Fold the journal into the layer file; True if anything was written."""
        if not self._loaded:
            self._load()
        if self.read_only or self.warning or self._state == "none" or self._cache is None:
            return False
        if self._state == "stale":
            self._drop_journal()
            return True
        self._write_whole(dict(self._cache), {})
        return True
