"""Notice layer files and the project file changing on disk (git pull, a synced folder).

The watcher follows ``project.json``, ``layers/`` and each annotator's layer
folder. Writes are atomic renames, so a changed file shows up as a change of
its folder; each folder is then compared with a snapshot of its files'
modification times and sizes. Changed layers are dropped from the store's
cache so that the next read comes from disk; nothing is ever written here.

The app's own writes (the current annotator's layers, gold from curation)
show up too: a layer the store holds is reloaded only when the file on disk
differs from it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from PySide6 import QtCore

from core.errors import TawsimError
from core.store import Project
from core.store.layer import LAYERS_DIR, Layer
from core.store.project import PROJECT_FILE

log = logging.getLogger(__name__)

DEBOUNCE_MS = 250
Stamp = tuple[int, int]


@dataclass
class DiskChange:
    """What changed on disk since the last look."""

    layers: set[tuple[str, str]] = field(default_factory=set)  # (doc id, annotator)
    project: bool = False
    new_documents: list[str] = field(default_factory=list)


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


class LayerWatcher(QtCore.QObject):
    """Reloads layers changed on disk and announces them with ``changed``."""

    changed = QtCore.Signal(object)  # DiskChange

    def __init__(self, project: Project, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.layers_dir = project.folder / LAYERS_DIR
        self.project_file = project.folder / PROJECT_FILE
        self.fs = QtCore.QFileSystemWatcher(self)
        self.fs.directoryChanged.connect(self._queue)
        self.fs.fileChanged.connect(self._queue)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        self._pending: set[str] = set()
        self._held = 0
        self._project_stamp = _stamp(self.project_file)
        self._files: dict[str, dict[str, Stamp]] = {}
        self._watch()

    # -- watching ----------------------------------------------------------
    def _watch(self) -> None:
        paths = [str(self.project_file)] if self.project_file.exists() else []
        self.layers_dir.mkdir(exist_ok=True) if not self.project.read_only else None
        if self.layers_dir.is_dir():
            paths.append(str(self.layers_dir))
            for sub in sorted(self.layers_dir.iterdir()):
                if sub.is_dir():
                    paths.append(str(sub))
                    self._files.setdefault(sub.name, self._scan(sub))
        watched = set(self.fs.files()) | set(self.fs.directories())
        new = [p for p in paths if p not in watched]
        if new:
            self.fs.addPaths(new)

    @staticmethod
    def _scan(folder: Path) -> dict[str, Stamp]:
        out: dict[str, Stamp] = {}
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return out
        for entry in entries:
            if entry.name.endswith(".json") and entry.is_file():
                st = entry.stat()
                out[entry.name[: -len(".json")]] = (st.st_mtime_ns, st.st_size)
        return out

    def _queue(self, path: str) -> None:
        self._pending.add(path)
        if not self._held:
            self._timer.start()

    def hold(self) -> None:
        """Stop reacting while the app itself changes the project (an import, a merge)."""
        self._held += 1
        self._timer.stop()

    def release(self) -> None:
        """React again, and catch up with what changed meanwhile."""
        self._held = max(0, self._held - 1)
        if not self._held:
            self._pending.add(str(self.layers_dir))
            self._pending.add(str(self.project_file))
            self._timer.start()

    # -- checking ----------------------------------------------------------
    def check(self) -> DiskChange:
        """Look at what changed, reload it in the store, and announce it."""
        pending, self._pending = self._pending, set()
        change = DiskChange()
        stamp = _stamp(self.project_file)
        if stamp != self._project_stamp:
            self._project_stamp = stamp
            change.project = True
            try:
                change.new_documents = self.project.reload()
            except TawsimError as exc:
                log.warning("cannot reload %s: %s", self.project_file, exc)
        folders = {Path(p) for p in pending if Path(p).parent == self.layers_dir}
        if str(self.layers_dir) in pending or change.project:
            # New annotator folders, and (after a reload) every folder.
            known = set(self._files)
            for sub in self.layers_dir.iterdir() if self.layers_dir.is_dir() else []:
                if sub.is_dir() and (sub.name not in known or change.project):
                    folders.add(sub)
        for folder in sorted(folders):
            self._check_folder(folder, change)
        self._watch()  # renamed files drop out of the watch list; add them back
        if change.layers or change.project:
            self.changed.emit(change)
        return change

    def _check_folder(self, folder: Path, change: DiskChange) -> None:
        annotator = folder.name
        before = self._files.get(annotator, {})
        now = self._scan(folder)
        self._files[annotator] = now
        known = {d.id for d in self.project.documents()}
        for doc_id in set(before) | set(now):
            if before.get(doc_id) == now.get(doc_id) or doc_id not in known:
                continue
            if self._cached(doc_id, annotator) and not self._differs(doc_id, annotator):
                continue  # our own write (the current annotator's, or gold from curation)
            self.project.reload_layer(doc_id, annotator)
            change.layers.add((doc_id, annotator))

    def _cached(self, doc_id: str, annotator: str) -> bool:
        return (doc_id, annotator) in self.project._layers  # noqa: SLF001

    def _differs(self, doc_id: str, annotator: str) -> bool:
        """True when the layer file holds other spans or status than the store's cache."""
        cached = self.project.layer(doc_id, annotator)
        fresh = Layer(self.project, self.project.document(doc_id), annotator)
        try:
            return fresh.spans() != cached.spans() or fresh.status != cached.status
        except TawsimError:
            return True
        finally:
            fresh.close()
