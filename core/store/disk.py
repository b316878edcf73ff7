"""Notice what changed in a project folder from outside (a git pull, a synced folder).

``DiskMonitor.poll()`` compares the folder with what was last seen: the
project file, the index shards, and each annotator's layer files by
modification time and size.
A file the project wrote itself (``Project.is_own_write``) is never taken for
an outside change. A changed project file is re-read (``Project.reload``) and a
changed index shard is re-read (``Project.reload_shard``) and a
changed layer is reloaded in place (``Project.reload_layer``); the result is
one ``Change`` with source ``disk``. Nothing here writes; the GUI's watcher
only decides when to call ``poll``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path

from core.changes import Change, LayerChange, combine
from core.errors import TawsimError
from core.store.index import INDEX_DIR
from core.store.journal import journal_path
from core.store.layer import LAYERS_DIR
from core.store.paths import is_annotator
from core.store.project import PROJECT_FILE, Project, Stamp
from core.store.summaries import LAYER_SUFFIX, file_stamp, folder_mark, scan_folder

log = logging.getLogger(__name__)


def stamp(path: Path) -> Stamp | None:
    """A file's (mtime in ns, size), or None when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class DiskMonitor:
    """Compares a project folder with what was last seen, and reloads what changed."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.layers_dir = project.folder / LAYERS_DIR
        self.project_file = project.folder / PROJECT_FILE
        self._project_stamp = stamp(self.project_file)
        self.index_dir = project.folder / INDEX_DIR
        self._index_dir = folder_mark(self.index_dir)
        self._shards = self._scan_shards()
        self._dirs: dict[str, int | None] = {}
        self._files: dict[str, dict[str, Stamp]] = {}
        # Folders holding journals: an append leaves the folder's time as it was.
        self._journaled: dict[str, set[str]] = {}
        for name in self.annotator_folders():
            # The summaries scanned (or trusted) the folder at open already:
            # start from what they saw instead of a second scan of every file.
            known = project.layer_folder_state(name) if is_annotator(name) else None
            if known is None:
                journaled: set[str] = set()
                mark = folder_mark(self.layers_dir / name)
                known = mark, scan_folder(self.layers_dir / name, journaled), journaled
            self._dirs[name], self._files[name], self._journaled[name] = known

    def annotator_folders(self) -> list[str]:
        """Names of the annotator folders under layers/ (symlinks left out)."""
        try:
            entries = list(os.scandir(self.layers_dir))
        except OSError:
            return []
        return sorted(e.name for e in entries if e.is_dir(follow_symlinks=False))

    def poll(self, annotators: Iterable[str] | None = None) -> Change:
        """Reload whatever changed on disk since the last poll; return what changed.

        With ``annotators``, only those layer folders are compared (the GUI's
        watcher knows which folders it was told about); new folders always are.
        """
        parts: list[Change | LayerChange] = []
        now = stamp(self.project_file)
        project_changed = now != self._project_stamp
        self._project_stamp = now
        if project_changed and not self.project.is_own_write(self.project_file, now):
            try:
                parts.append(self.project.reload())  # the index shards too
            except TawsimError as exc:
                log.warning("cannot reload %s: %s", self.project_file, exc)
            self._index_dir = folder_mark(self.index_dir)
            self._shards = self._scan_shards()
        else:
            parts.extend(self._poll_index())
        folders = self.annotator_folders()
        wanted = set(folders) if annotators is None or parts else set(annotators)
        wanted |= {name for name in folders if name not in self._files}
        for name in folders:
            if name in wanted:
                parts.extend(self._poll_folder(name))
        for name in [n for n in self._files if n not in folders]:
            parts.extend(self._forget_folder(name))
        return combine("disk", parts)

    def _scan_shards(self) -> dict[str, Stamp | None]:
        try:
            return {name: stamp(path) for name, path in self.project.index_shards().items()}
        except TawsimError as exc:
            log.warning("cannot read %s: %s", self.index_dir, exc)
            return {}

    def _poll_index(self) -> list[Change]:
        """Re-read the index shards that changed on disk (not by this project)."""
        mtime = folder_mark(self.index_dir)
        if mtime is not None and mtime == self._index_dir:
            return []
        self._index_dir = mtime
        before, now = self._shards, self._scan_shards()
        self._shards = now
        out: list[Change] = []
        for shard in sorted(set(before) | set(now)):
            new = now.get(shard)
            if before.get(shard) == new:
                continue
            path = self.index_dir / f"{shard}.json"
            if new is not None and self.project.is_own_write(path, new):
                continue
            try:
                out.append(self.project.reload_shard(shard))
            except TawsimError as exc:
                log.warning("cannot reload %s: %s", path, exc)
        return out

    def _poll_folder(self, annotator: str) -> list[LayerChange]:
        folder = self.layers_dir / annotator
        # Every write is a rename inside the folder, which changes the folder's
        # time: an unchanged folder needs no scan (a large project has many files).
        mtime = folder_mark(folder)
        before = self._files.get(annotator, {})
        if annotator in self._files and mtime is not None and self._dirs.get(annotator) == mtime:
            journaled = self._journaled.get(annotator)
            if not journaled:
                return []
            # An append leaves the folder's time alone: only journaled layers can have
            # changed, so only they are looked at again (not the whole folder).
            now = dict(before)
            for doc_id in journaled & now.keys():
                seen = file_stamp(folder / f"{doc_id}{LAYER_SUFFIX}")
                if seen is None:
                    del now[doc_id]
                else:
                    now[doc_id] = seen
        else:
            self._dirs[annotator] = mtime
            self._journaled[annotator] = set()
            now = scan_folder(folder, self._journaled[annotator])
        self._files[annotator] = now
        known = {d.id for d in self.project.documents()}
        out: list[LayerChange] = []
        for doc_id in sorted(set(before) | set(now)):
            new = now.get(doc_id)
            if before.get(doc_id) == new or doc_id not in known:
                continue
            path = self.layers_dir / annotator / f"{doc_id}{LAYER_SUFFIX}"
            if self._own_write(path, new, doc_id, annotator):
                continue
            try:
                out.append(self.project.reload_layer(doc_id, annotator))
            except TawsimError as exc:
                log.warning("cannot reload %s: %s", path, exc)
        return out

    def _own_write(self, path: Path, new: Stamp | None, doc_id: str, annotator: str) -> bool:
        """True when a layer file and its journal are as this project last wrote them."""
        if self.project.is_own_write(path, new):
            return True
        journal = stamp(journal_path(path))
        if journal is None or not self.project.is_own_write(path, stamp(path)):
            return False
        loaded = self.project.is_loaded(doc_id, annotator)
        return loaded and self.project.layer(doc_id, annotator).journal_stamp == journal

    def _forget_folder(self, annotator: str) -> list[LayerChange]:
        self._dirs.pop(annotator, None)
        self._journaled.pop(annotator, None)
        gone = self._files.pop(annotator)
        known = {d.id for d in self.project.documents()}
        return [self.project.reload_layer(d, annotator) for d in sorted(gone) if d in known]
