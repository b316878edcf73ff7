"""Core's errors in the interface language: one table of messages, by error code.

Core raises TawsimError subclasses with a stable ``code`` and ``params``
(core/errors.py); ``str()`` stays the English message. Here each code has a
translatable template; an error without a known code is shown as its English
message. File names and user values keep their own direction (isolates).
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.errors import TawsimError
from gui.i18n import digits_in, isolate

CONTEXT = "CoreErrors"
MESSAGES = {
    "span_outside_text": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "span [{start}, {end}) is outside the text (need 0 <= start < end <= {length})",
    ),
    "span_crosses_line": QT_TRANSLATE_NOOP(
        "CoreErrors", "span [{start}, {end}) crosses a line break; an entity lies within one line"
    ),
    "span_unknown_label": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "span [{start}, {end}) has unknown label {label}; the label set has {labels}",
    ),
    "unknown_label": QT_TRANSLATE_NOOP(
        "CoreErrors", "unknown label {label}; the label set has {labels}"
    ),
    "invalid_json": QT_TRANSLATE_NOOP("CoreErrors", "invalid JSON ({detail})"),
    "not_utf8": QT_TRANSLATE_NOOP("CoreErrors", "not valid UTF-8 ({detail})"),
    "too_large": QT_TRANSLATE_NOOP("CoreErrors", "{size} is over the {limit} limit"),
    "symlink": QT_TRANSLATE_NOOP(
        "CoreErrors", "is a symbolic link; refused (links are not followed)"
    ),
    "empty_file": QT_TRANSLATE_NOOP("CoreErrors", "the file is empty"),
    "project_locked": QT_TRANSLATE_NOOP(
        "CoreErrors", "the project is open in {who}; close it there or open this one read-only"
    ),
}
#: parameters that are the user's own text (label names, details): kept in their direction
_USER_TEXT = {"label", "labels", "detail", "who"}


def error_text(error: TawsimError | str, path: object = None) -> str:
    """A core error as the interface says it, naming its file (and line) where known."""
    if isinstance(error, str):
        return error
    template = MESSAGES.get(error.code)
    if template is None:
        return str(error)  # an error not in the table yet: its clear English message
    params = {
        k: isolate(str(v)) if k in _USER_TEXT else digits_in(str(v))
        for k, v in error.params.items()
    }
    try:
        reason = QtCore.QCoreApplication.translate(CONTEXT, template).format(**params)
    except (KeyError, IndexError):
        return str(error)  # a translation naming a value the error lacks
    file = getattr(error, "path", None) or path
    if file is None:
        return reason
    line = getattr(error, "line", None)
    where = f"{file}:{line}" if line else str(file)
    return f"{isolate(where)}: {reason}"
