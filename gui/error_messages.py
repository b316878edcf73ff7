"""Core's errors in the interface language: one table of messages, by error code.

Core raises TawsimError subclasses with a stable ``code`` and ``params``
(core/errors.py); ``str()`` stays the English message. Here each code has a
translatable template; an error without a known code is shown as its English
message. File names and user values keep their own direction (isolates).
"""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP

from core.errors import Notice, TawsimError
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
    # core/model.py: labels, spans, documents, annotators
    "label_name_invalid": QT_TRANSLATE_NOOP("CoreErrors", "label name {name} {problem}"),
    "label_display_name_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "label {label}: display name {text} is not valid"
    ),
    "label_colour_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "label {label}: colour {colour} is not #RRGGBB"
    ),
    "label_hotkey_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "label {label}: hotkey {key} is not in 1-9"
    ),
    "duplicate_labels": QT_TRANSLATE_NOOP("CoreErrors", "duplicate label names: {labels}"),
    "duplicate_hotkeys": QT_TRANSLATE_NOOP("CoreErrors", "duplicate hotkeys: {keys}"),
    "labelset_malformed": QT_TRANSLATE_NOOP("CoreErrors", "malformed label set: {detail}"),
    "annotator_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "annotator name {name} may contain letters, digits, '.', '_' and '-' only "
        "(at most 64 characters)",
    ),
    "span_offsets_not_integers": QT_TRANSLATE_NOOP("CoreErrors", "span offsets must be integers"),
    "span_status_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "span status {status} is not one of {statuses}"
    ),
    "span_score_invalid": QT_TRANSLATE_NOOP("CoreErrors", "span score {score} {problem}"),
    "span_origin_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "span origin {origin} is not valid text"
    ),
    "span_time_invalid": QT_TRANSLATE_NOOP("CoreErrors", "span time stamp {stamp} {problem}"),
    "span_suggested_by_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "span suggested_by {origin} is not valid text"
    ),
    "document_text_not_text": QT_TRANSLATE_NOOP("CoreErrors", "a document's text must be text"),
    "document_text_invalid": QT_TRANSLATE_NOOP("CoreErrors", "the document text: {problem}"),
    "document_title_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "document title {title} is not valid text"
    ),
    "document_meta_not_object": QT_TRANSLATE_NOOP(
        "CoreErrors", "document metadata must be an object"
    ),
    "document_meta_invalid": QT_TRANSLATE_NOOP("CoreErrors", "document metadata {problem}"),
    # core/store: paths.py, lock.py, storage.py
    "doc_id_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "document id {id} is not 16 hex digits; refused"
    ),
    "outside_project": QT_TRANSLATE_NOOP("CoreErrors", "outside the project {folder}; refused"),
    "cannot_read": QT_TRANSLATE_NOOP("CoreErrors", "cannot read ({detail})"),
    "link_in_project": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "is a symbolic link inside the project; refused (Tawsim never follows links in a "
        "project folder; replace it with the real file)",
    ),
    "text_missing": QT_TRANSLATE_NOOP("CoreErrors", "the document's text is missing"),
    "text_not_utf8": QT_TRANSLATE_NOOP("CoreErrors", "the document text is not valid UTF-8"),
    "text_changed": QT_TRANSLATE_NOOP(
        "CoreErrors", "the text does not match its document id (it was changed); refused"
    ),
    "cannot_create_folder": QT_TRANSLATE_NOOP("CoreErrors", "cannot create the folder ({detail})"),
    "not_a_folder": QT_TRANSLATE_NOOP("CoreErrors", "is not a folder; refused"),
    "lock_is_link": QT_TRANSLATE_NOOP(
        "CoreErrors", "is a symbolic link; refused (delete it to open the project)"
    ),
    "lock_failed": QT_TRANSLATE_NOOP(
        "CoreErrors", "cannot take the project's lock ({detail}); open the project read-only"
    ),
    "cannot_open": QT_TRANSLATE_NOOP("CoreErrors", "cannot open ({detail})"),
    "not_regular_file": QT_TRANSLATE_NOOP("CoreErrors", "is not a regular file; refused"),
    "cannot_write_text": QT_TRANSLATE_NOOP(
        "CoreErrors", "cannot write the document text ({detail})"
    ),
    "store_unreadable": QT_TRANSLATE_NOOP(
        "CoreErrors", "file {problem} and there is no backup to fall back to"
    ),
    "store_and_backup_unreadable": QT_TRANSLATE_NOOP(
        "CoreErrors", "file {problem} and its backup {backup} too ({detail})"
    ),
    "read_only": QT_TRANSLATE_NOOP("CoreErrors", "the project is open read-only"),
    # warnings (core.errors.Notice): a file shown from its backup, a journal not replayed
    "corrupt": QT_TRANSLATE_NOOP("CoreErrors", "is unreadable (corrupt: {detail})"),
    "shown_from_backup": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "file {problem}; showing the previous version from {backup}, read-only "
        "(repair or delete {file} to edit it again)",
    ),
    "line_not_utf8": QT_TRANSLATE_NOOP("CoreErrors", "not valid UTF-8"),
    "journal_bad_header": QT_TRANSLATE_NOOP("CoreErrors", "not a Tawsim journal header"),
    "journal_other_version": QT_TRANSLATE_NOOP(
        "CoreErrors", "this journal was written on another version of {file}"
    ),
    "journal_stopped": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "{problem}; showing the layer as of the record before, read-only "
        "(repair or delete {journal} to edit it again)",
    ),
    "journal_not_replayed": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "{problem}; showing the layer without it, read-only (compact it in the copy "
        "that wrote it, or delete {journal} to edit the layer again)",
    ),
    "store_not_object": QT_TRANSLATE_NOOP("CoreErrors", "expected a JSON object at the top level"),
    "cannot_save": QT_TRANSLATE_NOOP("CoreErrors", "could not save ({detail})"),
    "journal_changed": QT_TRANSLATE_NOOP(
        "CoreErrors", "changed on disk since it was read; not saved (the project reloads it)"
    ),
    # core/store/project.py, index.py, layer.py, journal.py
    "not_a_project": QT_TRANSLATE_NOOP("CoreErrors", "not a Tawsim project (no {file})"),
    "schema_too_new": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "written by a newer Tawsim (schema {version}; this version reads up to {supported}); "
        "update Tawsim to open it",
    ),
    "project_file_malformed": QT_TRANSLATE_NOOP("CoreErrors", "malformed project file ({detail})"),
    "project_exists": QT_TRANSLATE_NOOP("CoreErrors", "a project already exists there"),
    "no_document": QT_TRANSLATE_NOOP("CoreErrors", "no document {id}"),
    "cannot_save_index": QT_TRANSLATE_NOOP(
        "CoreErrors", "could not save the document index ({detail})"
    ),
    "no_annotator": QT_TRANSLATE_NOOP(
        "CoreErrors", "no annotator given; pass --annotator or set one"
    ),
    "index_shard_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "index shard {shard} is not two hex digits; refused"
    ),
    "index_entry_not_object": QT_TRANSLATE_NOOP(
        "CoreErrors", "document entry {key}: not an object"
    ),
    "index_entry_invalid": QT_TRANSLATE_NOOP("CoreErrors", "document entry {key}: {problem}"),
    "index_wrong_shard": QT_TRANSLATE_NOOP(
        "CoreErrors",
        "document entry {key}: document {id} belongs in shard {expected}, not {shard}; refused",
    ),
    "span_malformed": QT_TRANSLATE_NOOP("CoreErrors", "malformed span {key} ({detail})"),
    "document_status_invalid": QT_TRANSLATE_NOOP(
        "CoreErrors", "document status {status} is not one of {statuses}"
    ),
}
#: core's reasons that fill a message's {problem} (core/model.py, core/safeio.py, storage.py)
PROBLEMS = {
    "is empty": QT_TRANSLATE_NOOP("CoreProblems", "is empty"),
    "is longer than 64 characters": QT_TRANSLATE_NOOP(
        "CoreProblems", "is longer than 64 characters"
    ),
    "contains a control character or line break": QT_TRANSLATE_NOOP(
        "CoreProblems", "contains a control character or line break"
    ),
    "contains white space (a CoNLL tag is one token)": QT_TRANSLATE_NOOP(
        "CoreProblems", "contains white space (a CoNLL tag is one token)"
    ),
    "is not a number": QT_TRANSLATE_NOOP("CoreProblems", "is not a number"),
    "is not between 0 and 1": QT_TRANSLATE_NOOP("CoreProblems", "is not between 0 and 1"),
    "is not a plausible time": QT_TRANSLATE_NOOP("CoreProblems", "is not a plausible time"),
    "is missing": QT_TRANSLATE_NOOP("CoreProblems", "is missing"),
    "holds a lone surrogate (not valid Unicode)": QT_TRANSLATE_NOOP(
        "CoreProblems", "holds a lone surrogate (not valid Unicode)"
    ),
}
#: parameters that are the user's own text (names, file names, details): kept in their direction
_USER_TEXT = {
    "label",
    "labels",
    "detail",
    "who",
    "name",
    "text",
    "colour",
    "status",
    "origin",
    "title",
    "folder",
    "id",
    "backup",
    "file",
    "journal",
    "key",
    "shard",
    "expected",
    "score",
    "stamp",
}


def error_text(error: TawsimError | Notice | str, path: object = None) -> str:
    """A core error or warning as the interface says it, naming its file (and line) where
    known; a plain str is said as it is."""
    if isinstance(error, str) and not isinstance(error, Notice):
        return error
    template = MESSAGES.get(error.code)
    if template is None:
        return str(error)  # an error not in the table yet: its clear English message
    values = dict(error.params)
    # StoreError names its file among the params; InputError as attributes
    file = getattr(error, "path", None) or values.pop("path", None) or path
    line = getattr(error, "line", None) or values.pop("line", None)
    values.pop("path", None), values.pop("line", None)
    params = {k: _value(k, v) for k, v in values.items()}
    try:
        # the template's own digits ("64 characters") follow the choice; values are done above
        reason = digits_in(QtCore.QCoreApplication.translate(CONTEXT, template)).format(**params)
    except (KeyError, IndexError):
        return str(error)  # a translation naming a value the error lacks
    if file is None:
        return reason
    where = f"{file}:{line}" if line else str(file)
    return f"{isolate(where)}: {reason}"


def _value(key: str, value: object) -> str:
    """One parameter as a message shows it: core's reasons translated, user text isolated."""
    if isinstance(value, (Notice, TawsimError)) and value.code in MESSAGES:
        return error_text(value)  # a reason with its own code (a journal's bad line)
    text = str(value)
    if key == "problem":
        known = PROBLEMS.get(text)
        return (
            digits_in(QtCore.QCoreApplication.translate("CoreProblems", known)) if known else text
        )
    return isolate(text) if key in _USER_TEXT else digits_in(text)
