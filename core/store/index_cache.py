"""A snapshot of the whole document index in one columnar file, so that open parses it once.

``PROJECT/cache/index.json`` holds every entry of the index as columns (ids,
import numbers, titles, times, lengths; metadata only where there is some)
and the (mtime, size) stamp of every shard it was made from. It counts only
while every shard on disk still has exactly that stamp (256 stats at most),
so a shard changed in any way, in place or renamed over, sends the open back
to the shards. Its columns are checked like the shards themselves (each rule
over a whole column in C), because a project folder is untrusted input; a
snapshot that cannot be read or makes no sense is ignored, never an error.

It lives in ``cache/``, which never travels with the project (its own
``.gitignore``), and it is written when a writable project closes.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from core.model import MAX_TIME, DocumentInfo
from core.store import paths
from core.store.storage import atomic_write

log = logging.getLogger(__name__)

VERSION = 1
CACHE_DIR = "cache"
_IDS = re.compile(r"(?:[0-9a-f]{16}\n)*")
_STR, _INT, _DICT = frozenset({str}), frozenset({int}), frozenset({dict})
_NUMBER = frozenset({int, float})

Stamp = tuple[int, int]


def prepare(folder: Path, path: Path) -> None:
    """Make the folders up to path inside cache/, and cache/.gitignore so it never travels."""
    paths.make_dirs(folder, path.parent)
    ignore = folder / CACHE_DIR / ".gitignore"
    if not os.path.lexists(ignore):
        atomic_write(ignore, "# Tawsim's caches: never shared\n*\n", root=folder)


def cache_path(folder: Path) -> Path:
    """Where the index snapshot lives."""
    return Path(folder) / CACHE_DIR / "index.json"


def stamp(path: Path) -> Stamp | None:
    """A file's (mtime in ns, size), None when it is missing or not a regular file."""
    try:
        st = os.stat(path, follow_symlinks=False)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size) if os.path.isfile(path) else None


def _entries(data: Any) -> dict[str, tuple[int, DocumentInfo]] | None:
    """The snapshot's entries if every column makes sense, else None."""
    ids, seqs = data.get("ids"), data.get("seq")
    titles, imported, lengths = data.get("titles"), data.get("imported"), data.get("lengths")
    metas = data.get("meta")
    columns = (ids, seqs, titles, imported, lengths)
    if not all(type(c) is list for c in columns) or type(metas) is not dict:
        return None
    n = len(ids)
    if any(len(c) != n for c in columns):
        return None
    if n == 0:
        return {}
    if not set(map(type, ids)) <= _STR or not _IDS.fullmatch("\n".join(ids) + "\n"):
        return None
    if len(set(ids)) != n or not set(map(type, titles)) <= _STR:
        return None
    if not set(map(type, seqs)) <= _INT or not set(map(type, lengths)) <= _INT:
        return None
    if not set(map(type, imported)) <= _NUMBER:
        return None
    if min(seqs) < 0 or min(lengths) < 0:
        return None
    if not (0.0 <= min(imported) and max(imported) <= MAX_TIME):
        return None  # a NaN fails the first test too
    if not set(map(type, metas.values())) <= _DICT or not metas.keys() <= set(ids):
        return None
    none: dict[str, Any] = {}
    get = metas.get
    return {
        doc_id: (seq, DocumentInfo(doc_id, title, float(when), get(doc_id, none), length))
        for doc_id, seq, title, when, length in zip(
            ids, seqs, titles, imported, lengths, strict=True
        )
    }


def read_cache(folder: Path, path: Path, version: int) -> dict[str, Any] | None:
    """A cache file's JSON object if it can be read and has this version, else None.

    A cache is never a reason to fail: anything wrong with it is logged and
    the caller works from the project's own files instead.
    """
    try:
        raw = paths.read_file(folder, path)
    except Exception as exc:  # noqa: BLE001
        log.info("%s: ignored (%s)", path, exc)
        return None
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        log.info("%s: ignored (%s)", path, exc)
        return None
    if not isinstance(data, dict) or data.get("version") != version:
        return None
    return data


def read(
    folder: Path, stamps: Mapping[str, Stamp | None]
) -> dict[str, tuple[int, DocumentInfo]] | None:
    """The snapshot's entries if it was made from exactly these shard stamps, else None."""
    if any(s is None for s in stamps.values()):
        return None  # a shard missing (only its .bak left) or not a regular file
    data = read_cache(Path(folder), cache_path(folder), VERSION)
    if data is None:
        return None
    made_from = data.get("shards")
    if not isinstance(made_from, dict) or len(made_from) != len(stamps):
        return None
    for shard, known in stamps.items():
        value = made_from.get(shard)
        if not (isinstance(value, list) and len(value) == 2 and tuple(value) == known):
            return None
    entries = _entries(data)
    if entries is not None and not {d[:2] for d in entries} <= stamps.keys():
        return None  # an entry no shard holds
    return entries


def write(
    folder: Path,
    docs: Mapping[str, DocumentInfo],
    seq: Mapping[str, int],
    stamps: Mapping[str, Stamp],
) -> None:
    """Write the snapshot of docs as read from or written to shards with these stamps."""
    ids = list(docs)
    data = {
        "version": VERSION,
        "shards": {shard: list(s) for shard, s in sorted(stamps.items())},
        "ids": ids,
        "seq": [seq[d] for d in ids],
        "titles": [docs[d].title for d in ids],
        "imported": [docs[d].imported for d in ids],
        "lengths": [docs[d].length for d in ids],
        "meta": {d: dict(info.meta) for d, info in docs.items() if info.meta},
    }
    path = cache_path(folder)
    try:
        prepare(Path(folder), path)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        atomic_write(path, text, root=Path(folder))
    except Exception as exc:  # noqa: BLE001 - a cache never fails a close
        log.warning("%s: index snapshot not written (%s)", path, exc)


def remove(folder: Path) -> None:
    """Drop a snapshot that no longer holds (best effort)."""
    path = cache_path(folder)
    try:
        paths.check_no_links(Path(folder), path)
        path.unlink(missing_ok=True)
    except Exception as exc:  # noqa: BLE001
        log.info("%s: not removed (%s)", path, exc)
