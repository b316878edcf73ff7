"""Importing corpus files into a project (exporting is in core.formats.project_export).

A file's import is all or nothing: everything it added is taken back if any
part of it fails, and a cancelled import takes back every file. A folder
import reports a result per file and keeps the good ones. Nothing is merged
silently: a second copy of a text with different annotations is refused,
put in a layer of its own or skipped, as the options say.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.errors import InputError, TawsimError, ValidationError
from core.formats.base import (
    DocRecord,
    FormatError,
    ImportCancelled,
    ReadReport,
    clean_record,
    decode_text,
    read_bytes,
)
from core.formats.conll import TAG, read_conll
from core.formats.project_export import (
    EXPORT_FORMATS,
    ExportReport,
    conll_settings,
    export_project,
    labelstudio_config_path,
    project_records,
)
from core.formats.standoff import read_brat, read_jsonl, read_labelstudio
from core.formats.webanno import looks_like_webanno, read_webanno
from core.importer import title_of
from core.model import LabelSet, Span
from core.safeio import open_regular
from core.store import Project

IMPORT_FORMATS = ("auto", "txt", "jsonl", "conll", "brat", "labelstudio", "webanno")
DUPLICATES = ("report", "layer", "skip")
_SUFFIXES = {
    ".txt",
    ".jsonl",
    ".ndjson",
    ".json",
    ".conll",
    ".conllu",
    ".iob",
    ".bio",
    ".bioes",
    ".tsv",
}

Progress = Callable[[int, int], Any]
Cancelled = Callable[[], bool]

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "DUPLICATES",
    "ExportReport",
    "FileResult",
    "ImportCancelled",
    "ImportOptions",
    "conll_settings",
    "detect_format",
    "export_project",
    "import_paths",
    "labelstudio_config_path",
    "project_records",
    "read_file",
]


@dataclass
class ImportOptions:
    """How to read the files and where their spans go."""

    fmt: str = "auto"
    scheme: str | None = None
    encoding: str | None = None
    status: str = "accepted"
    annotator: str | None = None
    add_labels: bool = False
    # CoNLL column names, e.g. ("token", "_", "_", "ner"); None detects them.
    columns: tuple[str, ...] | None = None
    # Skip malformed lines (each listed) instead of refusing the file.
    skip_bad_lines: bool = False
    # A second copy of a text with different annotations: refuse the file (report),
    # put its spans in a layer of their own (layer), or leave them out (skip).
    duplicates: str = "report"


@dataclass
class FileResult:
    """What happened to one input file."""

    path: Path
    documents: int = 0
    added: int = 0
    spans: int = 0
    error: str | None = None
    # The refusal itself, so an interface can say it in its own language (code, params).
    exception: TawsimError | None = None
    notes: list[str] = field(default_factory=list)
    # What the file held that Tawsim does not import (relations, events…), counted.
    not_imported: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True if the file was imported."""
        return self.error is None


def _looks_like_conll(head: str) -> bool:
    """Nine in ten token lines end in a tag (comments and -DOCSTART- aside)."""
    lines = [ln.split() for ln in head.splitlines()[:-1] if ln.strip() and not ln.startswith("#")]
    lines = [c for c in lines if c[0] != "-DOCSTART-"]
    tagged = sum(len(c) >= 2 and bool(TAG.match(c[-1])) for c in lines)
    return bool(lines) and tagged >= 0.9 * len(lines)


def detect_format(path: Path) -> str:
    """The format of a file, from its content, its name or a .ann beside it.

    FormatError when a file is neither plain text (a .txt) nor a format it
    recognises: a structured file is never taken for plain text silently.
    """
    suffix = path.suffix.lower()
    try:
        fd = open_regular(path)  # never a plain open(): a FIFO would block it
    except InputError:
        return "txt"  # reading the file then reports the problem
    try:
        head = os.read(fd, 8192).decode("utf-8", errors="replace").lstrip("\ufeff")
    except OSError:
        head = ""
    finally:
        os.close(fd)
    if looks_like_webanno(head):
        return "webanno"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        # Label Studio tasks hold "data"; doccano's JSON (a list or one object) holds "text".
        return "jsonl" if '"data"' not in head and '"text"' in head else "labelstudio"
    if suffix in (".conll", ".conllu", ".iob", ".bio", ".bioes"):
        return "conll"
    if suffix == ".txt" and path.with_suffix(".ann").exists():
        return "brat"
    start = head.lstrip()[:1]
    if start == "{":
        return "jsonl"
    if start == "[" and '"data"' in head:
        return "labelstudio"
    if _looks_like_conll(head):
        return "conll"
    if suffix in (".txt", ".text", ""):
        return "txt"
    raise FormatError(
        path,
        "cannot tell the format from its name or content; pass --format "
        f"({', '.join(f for f in IMPORT_FORMATS if f != 'auto')})",
    )


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files named directly, plus corpus files found recursively in folders."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            # A link inside a folder someone sent may point at any file of the user's
            # (~/.ssh/id_rsa as a document): only files really inside the folder count.
            inside = os.path.realpath(path) + os.sep
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in _SUFFIXES
                    and not p.is_symlink()
                    and os.path.realpath(p).startswith(inside)
                )
            )
        else:
            found.append(path)
    return found


def read_file(
    path: Path, opts: ImportOptions, report: ReadReport
) -> tuple[list[DocRecord], list[str]]:
    """Read one file into cleaned document records, with notes about guesses."""
    if not path.exists():
        raise FormatError(path, "no such file")
    fmt = detect_format(path) if opts.fmt == "auto" else opts.fmt
    if fmt not in IMPORT_FORMATS:
        raise FormatError(path, f"unknown format {fmt!r}")
    report.skip_bad_lines = opts.skip_bad_lines
    text, note = decode_text(path, read_bytes(path), opts.encoding)
    notes = [note] if note else []
    if fmt == "txt":
        docs = [DocRecord(text=text, meta={"source_file": path.name})]
    elif fmt == "jsonl":
        docs = read_jsonl(path, text, report)
    elif fmt == "labelstudio":
        docs = read_labelstudio(path, text, report)
    elif fmt == "conll":
        docs = read_conll(path, text, scheme=opts.scheme, report=report, columns=opts.columns)
    elif fmt == "webanno":
        docs = [read_webanno(path, text, report)]
    else:
        ann_path = path.with_suffix(".ann")
        if not ann_path.exists():
            raise FormatError(path, f"no {ann_path.name} beside it")
        ann, _ = decode_text(ann_path, read_bytes(ann_path, allow_empty=True), opts.encoding)
        docs = [read_brat(path, text, ann, report)]
    cleaned = []
    for doc in docs:
        doc = clean_record(doc, report)
        if not doc.text.strip():
            raise FormatError(path, "a document has no text")
        cleaned.append(replace(doc, title=doc.title or title_of(doc.text, path.stem)))
    return cleaned, notes


class _Undo:
    """What an import changed, so it can be taken back."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.docs: list[str] = []
        self.spans: list[tuple[str, str, list[int]]] = []
        self.labels: LabelSet | None = None

    def rollback(self) -> None:
        for doc_id, annotator, ids in reversed(self.spans):
            if doc_id not in self.docs:
                self.project.edit_spans(doc_id, remove=ids, annotator=annotator, source="import")
        self.project.remove_documents(self.docs)
        if self.labels is not None:
            self.project.set_labels(self.labels)
        self.docs, self.spans, self.labels = [], [], None


def _check_labels(
    project: Project, path: Path, docs: Sequence[DocRecord], opts: ImportOptions, undo: _Undo
) -> None:
    unknown = Counter(s.label for d in docs for s in d.spans if s.label not in project.labels)
    if not unknown:
        return
    listed = ", ".join(f"{label} ({n})" for label, n in unknown.most_common())
    if not opts.add_labels:
        raise FormatError(
            path,
            f"{sum(unknown.values())} span(s) with labels not in the project: {listed}; "
            "pass --add-labels to add them",
        )
    undo.labels = undo.labels or project.labels
    labels = project.labels
    for label in unknown:
        try:
            labels = labels.with_label(label)
        except ValidationError as exc:
            raise FormatError(path, str(exc)) from None
    project.set_labels(labels)


def _where(path: Path, doc: DocRecord) -> str:
    """Where a record came from, for messages: file:line, or file and task."""
    if "line" in doc.meta:
        return f"{path}:{doc.meta['line']}"
    if "task" in doc.meta:
        original = doc.meta.get("source_id")
        return f"{path}: task {doc.meta['task']}" + (f" (id {original})" if original else "")
    return str(path)


def _duplicate_layer(path: Path, doc: DocRecord) -> str:
    """The annotator layer a duplicate's spans go to (an annotator name is a folder name)."""
    which = doc.meta.get("task", doc.meta.get("line", ""))
    name = re.sub(r"[^\w.\-]", "_", f"import-{path.stem}-{which}").strip("_.-")
    return name[:64] or "import"


Seen = dict[str, tuple[str, frozenset[tuple[int, int, str, str]]]]


def _store(
    project: Project,
    path: Path,
    docs: Sequence[DocRecord],
    opts: ImportOptions,
    undo: _Undo,
    seen: Seen,
    notes: list[str],
    cancelled: Cancelled | None = None,
) -> tuple[int, int]:
    """Add the documents and their spans; a second copy of a text is never unioned silently."""
    annotator = opts.annotator or project.annotator
    results = project.add_documents((d.title, d.text, d.meta) for d in docs)
    undo.docs += [doc_id for doc_id, created in results if created]
    spans_added = 0
    origin = f"import:{path.name}"
    for (doc_id, _), doc in zip(results, docs, strict=True):
        if cancelled and cancelled():
            raise ImportCancelled("import cancelled; the project is unchanged")
        target = annotator
        keys = frozenset(
            (s.start, s.end, s.label, "suggested" if opts.status == "suggested" else s.status)
            for s in doc.spans
        )
        where = _where(path, doc)
        if doc_id in seen:
            first, first_keys = seen[doc_id]
            if first_keys == keys or not keys:
                notes.append(f"{where}: the same text as {first}, nothing new; kept once")
                continue
            if not first_keys:
                seen[doc_id] = (where, keys)
            elif opts.duplicates == "report":
                task = f"task {doc.meta['task']}: " if "task" in doc.meta else ""
                raise FormatError(
                    path,
                    f"{task}the same text as {first} with different annotations; "
                    "pass --duplicates layer (a layer of its own) or --duplicates skip",
                    doc.meta.get("line"),
                )
            elif opts.duplicates == "skip":
                notes.append(
                    f"{where}: the same text as {first} with different annotations; "
                    f"its {len(doc.spans)} span(s) skipped"
                )
                continue
            else:
                target = _duplicate_layer(path, doc)
                notes.append(
                    f"{where}: the same text as {first} with different annotations; "
                    f"its {len(doc.spans)} span(s) went to layer {target}"
                )
        else:
            seen[doc_id] = (where, keys)
        if not doc.spans:
            continue
        spans_added += _add_spans(project, doc_id, target, doc, opts, origin, undo)
    return sum(created for _, created in results), spans_added


def _add_spans(
    project: Project,
    doc_id: str,
    annotator: str | None,
    doc: DocRecord,
    opts: ImportOptions,
    origin: str,
    undo: _Undo,
) -> int:
    layer = project.layer(doc_id, annotator)
    existing = {s.key for s in layer.spans()}
    new = []
    for record in doc.spans:
        if (record.start, record.end, record.label) in existing:
            continue
        existing.add((record.start, record.end, record.label))
        status = "suggested" if opts.status == "suggested" else record.status
        new.append(
            Span(
                record.start,
                record.end,
                record.label,
                layer.annotator,
                status=status,  # type: ignore[arg-type]
                origin=record.origin or origin,
                score=record.score,
            )
        )
    if not new:
        return 0
    change = project.edit_spans(doc_id, put=new, annotator=layer.annotator, source="import")
    added = [s for lc in change.layers for s in lc.written]
    undo.spans.append((doc_id, layer.annotator, [s.id for s in added]))
    return len(added)


def import_paths(
    project: Project,
    paths: Iterable[Path],
    opts: ImportOptions,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[FileResult]:
    """Import files and folders; a result per file; ImportCancelled undoes everything."""
    files = expand_inputs(paths)
    # A brat .txt is read with its .ann; the .ann is never a document itself.
    all_undo = _Undo(project)
    results: list[FileResult] = []
    with project.batch():
        _import_each(project, files, opts, results, all_undo, progress, cancelled)
    return results


def _import_each(
    project: Project,
    files: Sequence[Path],
    opts: ImportOptions,
    results: list[FileResult],
    all_undo: _Undo,
    progress: Progress | None,
    cancelled: Cancelled | None,
) -> None:
    if opts.duplicates not in DUPLICATES:
        raise TawsimError(f"unknown --duplicates {opts.duplicates!r}; use {', '.join(DUPLICATES)}")
    seen: Seen = {}
    for index, path in enumerate(files):
        if cancelled and cancelled():
            all_undo.rollback()
            raise ImportCancelled("import cancelled; the project is unchanged")
        result = FileResult(path)
        results.append(result)
        undo = _Undo(project)
        report = ReadReport()
        file_seen = dict(seen)
        try:
            docs, result.notes = read_file(path, opts, report)
            _check_labels(project, path, docs, opts, undo)
            result.added, result.spans = _store(
                project, path, docs, opts, undo, file_seen, result.notes, cancelled
            )
            result.documents = len(docs)
            result.notes += [f"{path}: {line}" for line in report.lines()]
            result.notes += [f"skipped {line}" for line in report.skipped]
            result.not_imported = {
                kind.split(" not imported")[0]: n
                for kind, n in report.counts.items()
                if " not imported" in kind
            }
            seen.update(file_seen)
        except ImportCancelled:
            undo.rollback()
            all_undo.rollback()
            raise
        except TawsimError as exc:
            # Every refusal names its file, even one raised by the store.
            result.error = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
            result.exception = exc
            undo.rollback()
        else:
            all_undo.docs += undo.docs
            all_undo.spans += undo.spans
            all_undo.labels = all_undo.labels or undo.labels
        if progress:
            progress(index + 1, len(files))
    # A Cancel pressed during the last file still undoes everything.
    if cancelled and cancelled():
        all_undo.rollback()
        raise ImportCancelled("import cancelled; the project is unchanged")
