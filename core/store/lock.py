"""A per-project lock held while the project is open for writing.

The lock is an OS advisory lock (flock on POSIX, msvcrt on Windows) on the
project folder and on the file ``.lock`` in it. The OS drops it when the process dies,
so a lock left by a crashed process is stale by construction and the next
process simply takes it over. The file also records the holder's pid and
host, so that a refused process can say who holds it.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import sys
from pathlib import Path

from core.errors import InputError, ProjectLockedError, StoreError
from core.safeio import read_bounded

LOCK_NAME = ".lock"


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - only Linux is tested
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def read_holder(folder: Path) -> tuple[int | None, str | None]:
    """The pid and host recorded in a project's lock file, if any."""
    try:
        raw = read_bounded(Path(folder) / LOCK_NAME, 4096, follow=False)
        data = json.loads(raw.decode("utf-8"))
        return int(data["pid"]), str(data.get("host") or "")[:200] or None
    except (InputError, ValueError, KeyError, TypeError, OverflowError, AttributeError):
        return None, None


def _close(fd: int | None) -> None:
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass


class ProjectLock:
    """Hold the project's lock until release(); raise ProjectLockedError if taken.

    On POSIX the lock is held on the project folder itself (an open file
    description of the folder), so deleting or replacing ``.lock`` cannot let
    a second writer in; ``.lock`` is locked too, for older versions, and
    records the holder. ``.lock`` is opened without following links.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.path = self.folder / LOCK_NAME
        self._fd: int | None = None
        self._dir_fd: int | None = None
        self.took_over: tuple[int | None, str | None] | None = None

    def _refuse(self, exc: OSError) -> StoreError:
        if exc.errno == errno.ELOOP or os.path.islink(self.path):
            return StoreError(
                f"{self.path}: is a symbolic link; refused (delete it to open the project)",
                code="lock_is_link",
                path=self.path,
            )
        return StoreError(
            f"{self.path}: cannot take the project's lock ({exc.strerror or exc}); "
            "open the project read-only",
            code="lock_failed",
            path=self.path,
            detail=exc.strerror or exc,
        )

    def acquire(self) -> None:
        """Take the lock, or raise ProjectLockedError naming the holder."""
        dir_fd: int | None = None
        if sys.platform != "win32":
            try:
                dir_fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            except OSError as exc:
                raise StoreError(
                    f"{self.folder}: cannot open ({exc.strerror or exc})",
                    code="cannot_open",
                    path=self.folder,
                    detail=exc.strerror or exc,
                ) from None
            try:
                if not _try_lock(dir_fd):
                    _close(dir_fd)
                    raise ProjectLockedError(str(self.folder), *read_holder(self.folder))
            except OSError:
                # A filesystem without folder locks: the .lock file alone holds it.
                _close(dir_fd)
                dir_fd = None
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            fd = os.open(self.path, flags | getattr(os, "O_NONBLOCK", 0), 0o666)
        except OSError as exc:
            _close(dir_fd)
            raise self._refuse(exc) from None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise StoreError(
                    f"{self.path}: is not a regular file; refused",
                    code="not_regular_file",
                    path=self.path,
                )
            if not _try_lock(fd):
                raise ProjectLockedError(str(self.folder), *read_holder(self.folder))
            # Any pid left in the file belongs to a process that no longer holds the lock.
            previous = read_holder(self.folder)
            if previous[0] is not None and previous[0] != os.getpid():
                self.took_over = previous
            os.ftruncate(fd, 0)
            info = json.dumps({"pid": os.getpid(), "host": socket.gethostname()})
            os.pwrite(fd, info.encode("utf-8"), 0)
        except OSError as exc:
            _close(fd)
            _close(dir_fd)
            raise self._refuse(exc) from None
        except BaseException:
            _close(fd)
            _close(dir_fd)
            raise
        self._fd, self._dir_fd = fd, dir_fd

    def release(self) -> None:
        """Drop the lock (the file stays; its content is ignored without the OS lock)."""
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)
        except OSError:
            pass
        _close(self._fd)
        _close(self._dir_fd)
        self._fd = self._dir_fd = None

    @property
    def held(self) -> bool:
        """True while this object holds the lock."""
        return self._fd is not None
