"""Durable, cached JSON storage for tinydb, and atomic file writes.

tinydb's own JSONStorage truncates the file and rewrites it in place, so a
crash mid-write leaves a corrupt file, and it re-reads and re-parses the
file on every query. AtomicJSONStorage writes a temporary file beside the
target, fsyncs it, keeps the previous version as ``<name>.bak``, renames the
new file into place and fsyncs the folder. It keeps the parsed data in
memory, so queries never touch the disk.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from core.errors import InputError, Notice, StoreError
from core.safeio import loads_bytes, read_bounded
from core.store.paths import (
    MAX_STORE_FILE_BYTES,
    check_no_links,
    create_fresh,
    fresh_name,
    fsync_dir,
    read_file,
    text_path,
)

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".bak"


# One encoder made once: json.dumps with options builds a new one per call,
# which doubles the cost of serialising a record.
_compact = json.JSONEncoder(
    sort_keys=True, ensure_ascii=False, separators=(", ", ": "), allow_nan=False
).encode


def _key(key: str) -> tuple[int, str]:
    # tinydb's document ids are numeric strings: "2" sorts before "10".
    return (len(key), key) if key.isdigit() else (1 << 30, key)


class _TableMemo:
    """One table as last written: keys in file order, each key's record, line and place."""

    __slots__ = ("order", "rows", "lines", "index")

    def __init__(self, order: list[str], rows: dict[str, Any], lines: list[str]) -> None:
        self.order, self.rows, self.lines = order, rows, lines
        self.index = {key: i for i, key in enumerate(order)}


Memo = dict[str, _TableMemo]


def _line(key: str, row: Any) -> str:
    return f"  {json.dumps(key)}: {_compact(row)}"


def _order(table: dict[str, Any], prev: _TableMemo | None) -> list[str]:
    """The table's keys in file order, reusing the last order when only values changed."""
    if prev is None:
        return sorted(table, key=_key)
    order = [k for k in prev.order if k in table]
    extra = [k for k in table if k not in prev.rows]
    if extra:
        extra.sort(key=_key)
        if order and _key(extra[0]) < _key(order[-1]):
            return sorted(table, key=_key)  # a key in the middle: sort everything
        order += extra
    return order


def _patched(table: dict[str, Any], prev: _TableMemo, keys: Iterable[str]) -> _TableMemo | None:
    """The table with only keys changed since prev, or None when that takes a full pass."""
    order, lines, rows = prev.order, list(prev.lines), dict(prev.rows)
    appended: list[str] = []
    for key in keys:
        if key not in table:
            return None  # a removal shifts every later line
        if key in prev.index:
            lines[prev.index[key]] = _line(key, table[key])
            rows[key] = table[key]
        else:
            appended.append(key)
    if len(table) != len(order) + len(appended):
        return None
    if appended:
        appended.sort(key=_key)
        if order and _key(appended[0]) <= _key(order[-1]):
            return None
        memo = _TableMemo(order + appended, rows, lines)
        for key in appended:
            memo.rows[key] = table[key]
            memo.lines.append(_line(key, table[key]))
        return memo
    patched = _TableMemo.__new__(_TableMemo)
    patched.order, patched.rows, patched.lines, patched.index = order, rows, lines, prev.index
    return patched


def dumps(
    data: Any, memo: Memo | None = None, changed: Mapping[str, Iterable[str]] | None = None
) -> str:
    """Deterministic JSON with one record a line: sorted keys, stable order, readable UTF-8.

    A tinydb file is ``{table: {id: record}}``; writing each record on a line of
    its own keeps diffs and merges to the records that changed, and uses the
    fast C encoder (an indented dump goes through Python's slow one). With a
    memo, a record object that was serialised before is not serialised again
    and the key order is not sorted again; with ``changed`` (table -> keys
    changed since the memo was made) only those lines are made, so rewriting a
    layer of 20,000 spans costs a join, not a pass in Python. The caller
    promises never to change a written record in place.
    """
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return _compact(data) + "\n"
    tables = []
    used: Memo = {}
    for name, table in sorted(data.items()):
        prev = memo.get(name) if memo is not None else None
        made = None
        if prev is not None and changed is not None and name in changed:
            made = _patched(table, prev, changed[name])
        if made is None:
            order = _order(table, prev)
            known = prev.rows if prev is not None else {}
            lines = []
            for key in order:
                row = table[key]
                line = (
                    prev.lines[prev.index[key]] if prev is not None and key in prev.index else None
                )
                if line is None or known[key] is not row:
                    line = _line(key, row)
                lines.append(line)
            made = _TableMemo(order, {k: table[k] for k in order}, lines)
        used[name] = made
        body = ",\n".join(made.lines)
        label = json.dumps(name, ensure_ascii=False)
        tables.append(f" {label}: {{\n{body}\n }}" if body else f" {label}: {{}}")
    if memo is not None:
        memo.clear()
        memo.update(used)
    return "{\n" + ",\n".join(tables) + "\n}\n"


def atomic_write(
    path: Path,
    content: str | bytes,
    *,
    backup: bool = False,
    sync_dir: bool = True,
    root: Path | None = None,
) -> None:
    """Replace path with content so that a crash leaves either the old or the new file.

    The temporary file and the backup's temporary link are new files (O_EXCL),
    so nothing planted at a fixed name is ever written through; the final
    renames replace directory entries and never follow a link. With root (a
    project folder), a symbolic link anywhere between root and path is refused.
    """
    path = Path(path)
    if root is not None:
        check_no_links(root, path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = create_fresh(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup:
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if sync_dir:
        fsync_dir(path.parent)


def write_text(folder: Path, doc_id: str, text: str, *, sync_dir: bool = True) -> None:
    """Write a document's text file once (it never changes); StoreError if that fails."""
    path = text_path(folder, doc_id)
    data = text.encode("utf-8")
    if os.path.lexists(path):
        try:
            if read_file(folder, path) == data:
                return
        except StoreError:
            pass  # a link or a pipe in the way: replaced below, never written through
    try:
        atomic_write(path, data, sync_dir=sync_dir, root=folder)
    except OSError as exc:
        raise StoreError(
            f"{path}: cannot write the document text ({exc.strerror or exc})",
            code="cannot_write_text",
            path=path,
            detail=exc.strerror or exc,
        ) from None


def _keep_backup(path: Path) -> None:
    """Keep path's current version as path.bak (best effort; the save goes on without it)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return
    except FileNotFoundError:
        return
    bak = path.with_name(path.name + BACKUP_SUFFIX)
    tmp: Path | None = None
    try:
        try:
            # A hard link keeps the old version without ever leaving path missing.
            tmp = fresh_name(bak)
            os.link(path, tmp, follow_symlinks=False)
        except FileExistsError:
            tmp = None
            raise
        except OSError:
            # Filesystems without hard links: a plain copy into a new file.
            tmp = None
            raw = read_bounded(path, MAX_STORE_FILE_BYTES, follow=False)
            fd, tmp = create_fresh(bak)
            with os.fdopen(fd, "wb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, bak)
    except (OSError, InputError) as exc:
        # A folder planted at the backup's name, say: no backup, but never a failed save.
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        log.warning("%s: could not keep a backup (%s)", bak, exc)


def _check_shape(path: Path, data: Any) -> None:
    """InputError unless data is a tinydb file: {table: {numeric id: record object}}."""
    if not isinstance(data, dict):
        raise InputError(path, "expected a JSON object at the top level", code="store_not_object")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise InputError(path, f"table {name[:40]!r} is not an object")
        for key, row in table.items():
            if not (key.isascii() and key.isdigit() and len(key) < 19):
                raise InputError(
                    path, f"table {name[:40]!r}: record id {key[:40]!r} is not a number"
                )
            if not isinstance(row, dict):
                raise InputError(path, f"table {name[:40]!r}: record {key} is not an object")


def _parse_store_file(path: Path, raw: bytes) -> Any:
    data = loads_bytes(raw, path)
    _check_shape(path, data)
    return data


def read_json_with_backup(path: Path, root: Path | None = None) -> tuple[Any, Notice | None]:
    """Parse path, or its backup if path is provably corrupt; return (data, warning)."""
    data, warning, _ = read_with_backup(path, root)
    return data, warning


def read_with_backup(
    path: Path, root: Path | None = None
) -> tuple[Any, Notice | None, bytes | None]:
    """Parse path, or its backup if path is provably corrupt; return (data, warning, bytes).

    Only a file that exists and parses as nothing usable (bad UTF-8, bad JSON,
    the wrong shape) falls back to the backup; a file that cannot be read
    (permission denied, an I/O error, a link, too large) raises StoreError,
    because its content may well be the newest version. Raises StoreError
    when neither can be read, so that an unreadable file is never taken for
    an empty one.
    """
    path = Path(path)
    root = Path(root) if root is not None else path.parent
    bak = path.with_name(path.name + BACKUP_SUFFIX)
    raw = read_file(root, path)
    if raw is None:
        if not os.path.lexists(bak):
            return None, None, None
        problem: str = "is missing"
    else:
        try:
            return _parse_store_file(path, raw), None, raw
        except InputError as exc:
            reason = Notice.of(exc, bare=True)
            problem = Notice(f"is unreadable (corrupt: {reason})", code="corrupt", detail=reason)
    bak_raw = read_file(root, bak)
    if bak_raw is None:
        raise StoreError(
            f"{path}: file {problem} and there is no backup to fall back to",
            code="store_unreadable",
            path=path,
            problem=problem,
        )
    try:
        data = _parse_store_file(bak, bak_raw)
    except InputError as exc:
        raise StoreError(
            f"{path}: file {problem} and its backup {bak.name} too ({exc.reason})",
            code="store_and_backup_unreadable",
            path=path,
            problem=problem,
            backup=bak.name,
            detail=Notice.of(exc, bare=True),
        ) from None
    warning = Notice(
        f"{path}: file {problem}; showing the previous version from {bak.name}, read-only "
        f"(repair or delete {path.name} to edit it again)",
        code="shown_from_backup",
        path=path,
        problem=problem,
        backup=bak.name,
        file=path.name,
    )
    log.warning(warning)
    return data, warning, bak_raw


class AtomicJSONStorage(Storage):
    """A tinydb storage that writes atomically and caches the parsed data.

    With root (the project folder) every read and write refuses symbolic links
    between root and the file. A file loaded from its backup becomes read-only,
    so the next save cannot bury the newest version for good.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        memo: bool = False,
        root: str | os.PathLike[str] | None = None,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.root = Path(root) if root is not None else None
        self.read_only = read_only
        # Only for files whose records are replaced, never changed in place (layers).
        self._memo: Memo | None = {} if memo else None
        self.warning: Notice | None = None
        self._cache: dict[str, dict[str, Any]] | None = None
        self._loaded = False

    def _load(self) -> None:
        data, self.warning = read_json_with_backup(self.path, self.root)
        self._cache = data
        self._loaded = True

    def read(self) -> dict[str, dict[str, Any]] | None:
        """The cached data; tinydb replaces whole tables in the returned dict."""
        if not self._loaded:
            self._load()
        if self._cache is None:
            return None
        # A shallow copy: tinydb assigns tables into this dict before write().
        return dict(self._cache)

    def write(
        self,
        data: dict[str, dict[str, Any]],
        changed: Mapping[str, Iterable[str]] | None = None,
    ) -> None:
        """Write data durably; on failure reload what is on disk and re-raise.

        ``changed`` names, per table, the only records changed since the last
        write (see ``dumps``).
        """
        if self.read_only:
            raise StoreError(
                f"{self.path}: the project is open read-only", code="read_only", path=self.path
            )
        if self.warning:
            raise self.warning.refusal()
        try:
            text = dumps(data, self._memo, changed)
            atomic_write(self.path, text.encode("utf-8"), backup=True, root=self.root)
        except (OSError, UnicodeEncodeError, ValueError, TypeError) as exc:
            # tinydb may have changed cached documents in place; the disk is the truth.
            self._loaded = False
            self._cache = None
            if self._memo is not None:
                self._memo.clear()
            reason = exc.strerror if isinstance(exc, OSError) else None
            raise StoreError(
                f"{self.path}: could not save ({reason or exc})",
                code="cannot_save",
                path=self.path,
                detail=reason or exc,
            ) from exc
        self._cache = data

    def close(self) -> None:
        """Drop the cache."""
        self._cache = None
        self._loaded = False
