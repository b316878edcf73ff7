"""Work off the UI thread: a QRunnable that calls a function and reports back by signal.

The function must not touch widgets; results arrive on the UI thread through
queued signals (the pattern of Anki's CollectionOp).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6 import QtCore

log = logging.getLogger(__name__)


class TaskSignals(QtCore.QObject):
    """What a task reports: progress, then its result or a one-line error, then ended."""

    finished = QtCore.Signal(object)
    failed = QtCore.Signal(str)
    #: (done, total), from Task.report
    progress = QtCore.Signal(int, int)
    #: the task, always last, also when it was cancelled (its result is then dropped)
    ended = QtCore.Signal(object)


class Task(QtCore.QRunnable):
    """Run ``fn(cancelled)`` in the global thread pool; ``cancelled`` is a threading.Event."""

    def __init__(self, fn: Callable[[threading.Event], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.cancelled = threading.Event()
        self.signals = TaskSignals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn(self.cancelled)
        except Exception as exc:  # noqa: BLE001 - reported in a dialog, logged in full
            if not self.cancelled.is_set():
                log.exception("background task failed")
                self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if not self.cancelled.is_set():
                self.signals.finished.emit(result)
        self.signals.ended.emit(self)

    def report(self, done: int, total: int) -> None:
        """Report progress (from the worker; arrives on the UI thread)."""
        self.signals.progress.emit(done, total)

    def cancel(self) -> None:
        """Ask the task to stop; its result is dropped."""
        self.cancelled.set()


def start(task: Task, pool: QtCore.QThreadPool | None = None) -> Task:
    """Start a task in the (global) thread pool and return it."""
    (pool or QtCore.QThreadPool.globalInstance()).start(task)
    return task
