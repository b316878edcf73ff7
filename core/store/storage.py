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
import tempfile
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from core.errors import StoreError

log = logging.getLogger(__name__)

BACKUP_SUFFIX = ".bak"


def _compact(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def _key_order(item: tuple[str, Any]) -> tuple[int, str]:
    # tinydb's document ids are numeric strings: "2" sorts before "10".
    return (len(item[0]), item[0]) if item[0].isdigit() else (1 << 30, item[0])


Memo = dict[tuple[str, str], tuple[Any, str]]


def dumps(data: Any, memo: Memo | None = None) -> str:
    """Deterministic JSON with one record a line: sorted keys, stable order, readable UTF-8.

    A tinydb file is ``{table: {id: record}}``; writing each record on a line of
    its own keeps diffs and merges to the records that changed, and uses the
    fast C encoder (an indented dump goes through Python's slow one). With a
    memo, a record object that was serialised before is not serialised again;
    the caller promises never to change a written record in place.
    """
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return _compact(data) + "\n"
    used: Memo = {}
    tables = []
    for name, table in sorted(data.items()):
        lines = []
        for key, row in sorted(table.items(), key=_key_order):
            hit = memo.get((name, key)) if memo is not None else None
            if hit is None or hit[0] is not row:
                hit = (row, f"  {json.dumps(key)}: {_compact(row)}")
            used[(name, key)] = hit
            lines.append(hit[1])
        rows = ",\n".join(lines)
        label = json.dumps(name, ensure_ascii=False)
        tables.append(f" {label}: {{\n{rows}\n }}" if rows else f" {label}: {{}}")
    if memo is not None:
        memo.clear()
        memo.update(used)
    return "{\n" + ",\n".join(tables) + "\n}\n"


def fsync_dir(folder: Path) -> None:
    """Make a rename inside folder durable (a no-op where folders can't be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write(
    path: Path, content: str | bytes, *, backup: bool = False, sync_dir: bool = True
) -> None:
    """Replace path with content so that a crash leaves either the old or the new file."""
    path = Path(path)
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and path.exists():
            # A hard link keeps the old version without ever leaving path missing.
            bak = path.with_name(path.name + BACKUP_SUFFIX)
            bak_tmp = bak.with_name(bak.name + ".tmp")
            try:
                if bak_tmp.exists():
                    bak_tmp.unlink()
                os.link(path, bak_tmp)
                os.replace(bak_tmp, bak)
            except OSError:
                # Filesystems without hard links: a plain copy is still a backup.
                bak.write_bytes(path.read_bytes())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if sync_dir:
        fsync_dir(path.parent)


def read_json_with_backup(path: Path) -> tuple[Any, str | None]:
    """Parse path, or its backup if path is unreadable; return (data, warning).

    Raises StoreError when neither can be read, so that an unreadable file is
    never taken for an empty one.
    """
    path = Path(path)
    bak = path.with_name(path.name + BACKUP_SUFFIX)
    try:
        return json.loads(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        if not bak.exists():
            return None, None
        problem = "is missing"
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        problem = f"is unreadable ({exc})"
    try:
        data = json.loads(bak.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreError(f"{path}: file {problem} and there is no backup to fall back to") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise StoreError(f"{path}: file {problem} and its backup {bak.name} too ({exc})") from exc
    warning = f"{path}: file {problem}; loaded the previous version from {bak.name}"
    log.warning(warning)
    return data, warning


class AtomicJSONStorage(Storage):
    """A tinydb storage that writes atomically and caches the parsed data."""

    def __init__(
        self, path: str | os.PathLike[str], *, read_only: bool = False, memo: bool = False
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        # Only for files whose records are replaced, never changed in place (layers).
        self._memo: Memo | None = {} if memo else None
        self.warning: str | None = None
        self._cache: dict[str, dict[str, Any]] | None = None
        self._loaded = False

    def _load(self) -> None:
        data, self.warning = read_json_with_backup(self.path)
        if data is not None and not isinstance(data, dict):
            raise StoreError(f"{self.path}: expected a JSON object at the top level")
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

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Write data durably; on failure reload what is on disk and re-raise."""
        if self.read_only:
            raise StoreError(f"{self.path}: the project is open read-only")
        try:
            atomic_write(self.path, dumps(data, self._memo), backup=True)
        except OSError as exc:
            # tinydb may have changed cached documents in place; the disk is the truth.
            self._loaded = False
            self._cache = None
            if self._memo is not None:
                self._memo.clear()
            raise StoreError(f"{self.path}: could not save ({exc.strerror or exc})") from exc
        self._cache = data

    def close(self) -> None:
        """Drop the cache."""
        self._cache = None
        self._loaded = False
