"""Errors that reach the user as one clear message instead of a traceback."""

from __future__ import annotations


class TawsimError(Exception):
    """A user-facing error: the CLI prints it on one line, the GUI in a dialog.

    ``str()`` is the clear English message. ``code`` and ``params`` name the
    error and its values so the GUI can say it in the interface language
    (gui/error_messages.py); an error without a code is shown in English.
    """

    def __init__(self, message: str = "", *, code: str = "", **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class Notice(str):
    """A warning for the user (a file shown from its backup, a journal not replayed).

    It is its clear English text, so it is logged, printed and compared as a str, and
    carries ``code`` and ``params`` as a TawsimError does, so that the GUI can say it in
    the interface language (gui/error_messages.py).
    """

    code: str
    params: dict[str, object]

    def __new__(cls, message: str, *, code: str = "", **params: object) -> Notice:
        self = super().__new__(cls, message)
        self.code = code
        self.params = params
        return self

    @classmethod
    def of(cls, error: FileError, *, bare: bool = False) -> Notice:
        """A file's error as a notice (what a fallback was taken for): whole, or ``bare``,
        its reason alone, inside a message that names the file already."""
        if bare:
            return cls(error.reason, code=error.code, **error.params)
        return cls(str(error), code=error.code, **error.params, path=error.path, line=error.line)

    def refusal(self) -> StoreError:
        """The error a write refused because of this warning raises: the same message."""
        return StoreError(str(self), code=self.code, **self.params)


class ValidationError(TawsimError):
    """An object (span, label, label set, name) breaks the data model's rules."""


class StoreError(TawsimError):
    """A project folder cannot be read or written."""


class ProjectLockedError(StoreError):
    """Another process holds the project's lock."""

    def __init__(self, path: str, pid: int | None, host: str | None) -> None:
        who = f"process {pid}" if pid else "another process"
        if host:
            who += f" on {host}"
        super().__init__(
            f"{path}: the project is open in {who}; close it there or open this one read-only",
            code="project_locked",
            who=who,
        )
        self.path = path
        self.pid = pid
        self.host = host


class SchemaTooNewError(StoreError):
    """The project was written by a newer Tawsim."""


class FileError(TawsimError):
    """An error about one file: the message is ``file[:line]: reason``, like every
    user-facing error, and the parts stay readable as ``path``, ``line`` and ``reason``."""

    def __init__(
        self,
        path: object,
        reason: str,
        line: int | None = None,
        *,
        code: str = "",
        **params: object,
    ) -> None:
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {reason}", code=code, **params)
        self.path = str(path)
        self.line = line
        self.reason = reason


class InputError(FileError):
    """A file cannot be read safely (too large, not a regular file, unsafe JSON)."""
