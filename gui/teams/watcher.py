"""Decide when to look for changes on disk (git pull, a synced folder).

The comparing and reloading is core's (``core.store.disk.DiskMonitor``, run
by ``Workspace.poll_disk``); this watcher only decides when: it follows
``project.json``, ``layers/`` and each annotator's layer folder with a
QFileSystemWatcher (writes are atomic renames, so a changed file shows up as a
change of its folder), waits a moment for a burst of changes to end, and also
polls on a slow timer for file systems that send no notifications.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore

from core.changes import Change
from core.store.layer import LAYERS_DIR
from core.store.project import PROJECT_FILE
from gui.workspace import Workspace

DEBOUNCE_MS = 250
POLL_MS = 5000


class LayerWatcher(QtCore.QObject):
    """Calls ``workspace.poll_disk`` when the project folder changes."""

    def __init__(self, workspace: Workspace, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        folder = workspace.project.folder
        self.layers_dir = folder / LAYERS_DIR
        self.project_file = folder / PROJECT_FILE
        self.fs = QtCore.QFileSystemWatcher(self)
        self.fs.directoryChanged.connect(self._queue)
        self.fs.fileChanged.connect(self._queue)
        self._timer = QtCore.QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        self._poll = QtCore.QTimer(self, interval=POLL_MS)
        self._poll.timeout.connect(self.check)
        self._poll.start()
        self._pending: set[str] = set()
        self._watch()

    def _watch(self) -> None:
        paths = [str(self.project_file)] if self.project_file.exists() else []
        if self.layers_dir.is_dir() and not self.layers_dir.is_symlink():
            paths.append(str(self.layers_dir))
            paths.extend(
                str(self.layers_dir / name) for name in self.workspace.monitor.annotator_folders()
            )
        watched = set(self.fs.files()) | set(self.fs.directories())
        new = [p for p in paths if p not in watched]
        if new:
            self.fs.addPaths(new)

    def _queue(self, path: str) -> None:
        self._pending.add(path)
        self._timer.start()

    def check(self) -> Change:
        """Poll the folder now (through the workspace, which announces what changed)."""
        pending, self._pending = self._pending, set()
        folders = {Path(p).name for p in pending if Path(p).parent == self.layers_dir}
        whole = not pending or str(self.layers_dir) in pending or str(self.project_file) in pending
        change = self.workspace.poll_disk(None if whole else folders)
        self._watch()  # renamed files drop out of the watch list; add them back
        return change
