"""Importing corpus files into a project and exporting a project's layers.

A file's import is all or nothing: everything it added is taken back if any
part of it fails, and a cancelled import takes back every file. A folder
import reports a result per file and keeps the good ones.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.errors import InputError, TawsimError
from core.formats.base import (
    DocRecord,
    FormatError,
    ReadReport,
    SpanRecord,
    clean_record,
    decode_text,
    read_bytes,
)
from core.formats.conll import TAG, ExportProblem, read_conll, write_conll
from core.formats.standoff import (
    read_brat,
    read_jsonl,
    read_labelstudio,
    write_brat_ann,
    write_jsonl,
    write_labelstudio,
)
from core.importer import title_of
from core.model import LabelSet, Span
from core.safeio import open_regular
from core.store import Project
from core.store.storage import atomic_write

IMPORT_FORMATS = ("auto", "txt", "jsonl", "conll", "brat", "labelstudio")
EXPORT_FORMATS = ("conll", "conll-bioes", "jsonl", "brat", "labelstudio")
_SUFFIXES = {".txt", ".jsonl", ".ndjson", ".json", ".conll", ".iob", ".bio", ".tsv"}

Progress = Callable[[int, int], Any]
Cancelled = Callable[[], bool]


class ImportCancelled(TawsimError):
    """The user cancelled; the project is as it was before."""


@dataclass
class ImportOptions:
    """How to read the files and where their spans go."""

    fmt: str = "auto"
    scheme: str | None = None
    encoding: str | None = None
    status: str = "accepted"
    annotator: str | None = None
    add_labels: bool = False


@dataclass
class FileResult:
    """What happened to one input file."""

    path: Path
    documents: int = 0
    added: int = 0
    spans: int = 0
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True if the file was imported."""
        return self.error is None


def detect_format(path: Path) -> str:
    """The format of a file, from its name, a .ann beside it, or its first lines."""
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "labelstudio"
    if suffix in (".conll", ".iob", ".bio"):
        return "conll"
    if suffix == ".txt" and path.with_suffix(".ann").exists():
        return "brat"
    try:
        # Never a plain open(): a FIFO would block it.
        fd = open_regular(path)
    except InputError:
        return "txt"  # read_file reports the problem
    try:
        head = os.read(fd, 4096).decode("utf-8", errors="replace")
    except OSError:
        return "txt"
    finally:
        os.close(fd)
    lines = [ln.split() for ln in head.splitlines()[:-1] if ln.strip()]
    if lines and sum(len(c) >= 2 and bool(TAG.match(c[-1])) for c in lines) >= 0.9 * len(lines):
        return "conll"
    if head.lstrip().startswith("{"):
        return "jsonl"
    return "txt"


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
    text, note = decode_text(path, read_bytes(path), opts.encoding)
    notes = [note] if note else []
    if fmt == "txt":
        docs = [DocRecord(text=text, meta={"source_file": path.name})]
    elif fmt == "jsonl":
        docs = read_jsonl(path, text, report)
    elif fmt == "labelstudio":
        docs = read_labelstudio(path, text, report)
    elif fmt == "conll":
        docs = read_conll(path, text, scheme=opts.scheme, report=report)
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
                self.project.layer(doc_id, annotator).remove_many(ids)
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
        labels = labels.with_label(label)
    project.set_labels(labels)


def _store(
    project: Project,
    path: Path,
    docs: Sequence[DocRecord],
    opts: ImportOptions,
    undo: _Undo,
    cancelled: Cancelled | None = None,
) -> tuple[int, int]:
    annotator = opts.annotator or project.annotator
    results = project.add_documents((d.title, d.text, d.meta) for d in docs)
    undo.docs += [doc_id for doc_id, created in results if created]
    spans_added = 0
    origin = f"import:{path.name}"
    for (doc_id, _), doc in zip(results, docs, strict=True):
        if cancelled and cancelled():
            raise ImportCancelled("import cancelled; the project is unchanged")
        if not doc.spans:
            continue
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
                    status=status,
                    origin=record.origin or origin,
                    score=record.score,
                )
            )
        added = layer.add_many(new)
        undo.spans.append((doc_id, layer.annotator, [s.id for s in added]))
        spans_added += len(added)
    return sum(created for _, created in results), spans_added


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
    for index, path in enumerate(files):
        if cancelled and cancelled():
            all_undo.rollback()
            raise ImportCancelled("import cancelled; the project is unchanged")
        result = FileResult(path)
        results.append(result)
        undo = _Undo(project)
        report = ReadReport()
        try:
            docs, result.notes = read_file(path, opts, report)
            _check_labels(project, path, docs, opts, undo)
            result.added, result.spans = _store(project, path, docs, opts, undo, cancelled)
            result.documents = len(docs)
            result.notes += [f"{path}: {line}" for line in report.lines()]
        except ImportCancelled:
            undo.rollback()
            all_undo.rollback()
            raise
        except TawsimError as exc:
            # Every refusal names its file, even one raised by the store.
            result.error = str(exc) if str(exc).startswith(str(path)) else f"{path}: {exc}"
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


# ------------------------------------------------------------------ export


@dataclass
class ExportReport:
    """What an export wrote, and the spans a format could not represent exactly."""

    documents: int = 0
    spans: int = 0
    files: list[Path] = field(default_factory=list)
    problems: list[ExportProblem] = field(default_factory=list)


def project_records(
    project: Project,
    *,
    annotator: str | None = None,
    status: str = "any",
    include_suggestions: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[DocRecord]:
    """One annotator's layer of every (or every done) document as records."""
    records = []
    docs = project.documents()
    for index, info in enumerate(docs):
        if cancelled and cancelled():
            raise ImportCancelled("export cancelled; nothing was written")
        layer = project.layer(info.id, annotator)
        if status == "done" and layer.status != "done":
            continue
        keep = ("accepted", "suggested") if include_suggestions else ("accepted",)
        spans = [
            SpanRecord(s.start, s.end, s.label, s.status, s.score, s.origin)
            for s in layer.spans()
            if s.status in keep
        ]
        records.append(
            DocRecord(project.text(info.id), spans, info.title, info.id, dict(info.meta))
        )
        if progress:
            progress(index + 1, len(docs))
    return records


def _brat_name(doc: DocRecord) -> str:
    return re.sub(r"[^\w.\-]", "_", doc.id or "doc")


def export_project(
    project: Project,
    fmt: str,
    out: Path,
    *,
    tokens: str = "whitespace",
    annotator: str | None = None,
    status: str = "any",
    include_suggestions: bool = False,
    nested: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportReport:
    """Write a layer of the project in a format; say which spans it could not keep."""
    if fmt not in EXPORT_FORMATS:
        raise TawsimError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if tokens not in ("whitespace", "clitic"):
        raise TawsimError(f"unknown token convention {tokens!r}; use whitespace or clitic")
    docs = project_records(
        project,
        annotator=annotator,
        status=status,
        include_suggestions=include_suggestions,
        progress=progress,
        cancelled=cancelled,
    )
    report = ExportReport(documents=len(docs), spans=sum(len(d.spans) for d in docs))
    out = Path(out)
    try:
        if fmt in ("conll", "conll-bioes"):
            text, report.problems = write_conll(
                docs,
                tokens=tokens,
                scheme="bioes" if fmt == "conll-bioes" else "iob2",
                nested=nested,
            )
            atomic_write(out, text)
            report.files.append(out)
        elif fmt == "jsonl":
            atomic_write(out, write_jsonl(docs, include_suggestions=include_suggestions))
            report.files.append(out)
        elif fmt == "labelstudio":
            who = annotator or project.annotator or ""
            atomic_write(
                out,
                write_labelstudio(
                    docs, include_suggestions=include_suggestions, annotator=who, model="tawsim"
                ),
            )
            report.files.append(out)
        else:
            out.mkdir(parents=True, exist_ok=True)
            for doc in docs:
                name = _brat_name(doc)
                atomic_write(out / f"{name}.txt", doc.text)
                atomic_write(out / f"{name}.ann", write_brat_ann(doc))
                report.files += [out / f"{name}.txt", out / f"{name}.ann"]
    except OSError as exc:
        raise TawsimError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    return report
