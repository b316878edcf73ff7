"""A per-project lock held while the project is open for writing.

The lock is an OS advisory lock (flock on POSIX, msvcrt on Windows) on the
file ``.lock`` in the project folder. The OS drops it when the process dies,
so a lock left by a crashed process is stale by construction and the next
process simply takes it over. The file also records the holder's pid and
host, so that a refused process can say who holds it.
"""

from __future__ import annotations

import json
import os
import socket
import sys
from pathlib import Path
from typing import IO, Any

from core.errors import ProjectLockedError

LOCK_NAME = ".lock"


def _try_lock(handle: IO[Any]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - only Linux is tested
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def read_holder(folder: Path) -> tuple[int | None, str | None]:
    """The pid and host recorded in a project's lock file, if any."""
    try:
        data = json.loads((Path(folder) / LOCK_NAME).read_text(encoding="utf-8"))
        return int(data["pid"]), str(data.get("host") or "") or None
    except (OSError, ValueError, KeyError, TypeError):
        return None, None


class ProjectLock:
    """Hold the project's lock until release(); raise ProjectLockedError if taken."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._handle: IO[Any] | None = None
        self.took_over: tuple[int | None, str | None] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise ProjectLockedError naming the holder."""
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held open on purpose
        if not _try_lock(handle):
            handle.close()
            pid, host = read_holder(self.folder)
            raise ProjectLockedError(str(self.folder), pid, host)
        # Any pid left in the file belongs to a process that no longer holds the lock.
        previous = read_holder(self.folder)
        if previous[0] is not None and previous[0] != os.getpid():
            self.took_over = previous
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname()}))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Drop the lock (the file stays; its content is ignored without the OS lock)."""
        if self._handle is None:
            return
        try:
            self._handle.seek(0)
            self._handle.truncate()
        except OSError:
            pass
        self._handle.close()
        self._handle = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._handle is not None
