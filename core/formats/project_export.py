"""Exporting a project's layer in a corpus format, for the consumers people use.

Every file is written atomically with the permissions the umask gives, and
the report lists each span a format could not keep, plus notes for the
consumer (doccano's overlap setting, the Label Studio labeling config).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.errors import TawsimError
from core.formats.base import (
    DocRecord,
    ExportProblem,
    ImportCancelled,
    SpanRecord,
    write_export,
)
from core.formats.conll import PRESETS, WRITE_SCHEMES, iter_conll
from core.formats.spacy_doc import docbin_bytes
from core.formats.standoff import (
    brat_config,
    iter_jsonl,
    iter_labelstudio,
    labelstudio_config,
    shared_labelstudio_names,
    write_brat_ann,
)
from core.formats.webanno import write_webanno
from core.store import Project
from core.store.paths import fsync_dir

EXPORT_FORMATS = ("conll", "conll-bioes", "jsonl", "brat", "labelstudio", "webanno", "spacy")

Progress = Callable[[int, int], Any]
Cancelled = Callable[[], bool]


@dataclass
class ExportReport:
    """What an export wrote, and the spans a format could not represent exactly."""

    documents: int = 0
    spans: int = 0
    files: list[Path] = field(default_factory=list)
    problems: list[ExportProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def iter_project_records(
    project: Project,
    *,
    annotator: str | None = None,
    status: str = "any",
    include_suggestions: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Iterator[DocRecord]:
    """One annotator's layer of every (or every done) document, one record at a time."""
    docs = project.documents()
    keep = ("accepted", "suggested") if include_suggestions else ("accepted",)
    for index, info in enumerate(docs):
        if cancelled and cancelled():
            raise ImportCancelled("export cancelled; nothing was written")
        layer = project.layer(info.id, annotator)
        if status == "done" and layer.status != "done":
            continue
        spans = [
            SpanRecord(s.start, s.end, s.label, s.status, s.score, s.origin)
            for s in layer.spans()
            if s.status in keep
        ]
        yield DocRecord(
            project.text(info.id),
            spans,
            info.title,
            info.id,
            dict(info.meta),
            status=layer.status,
        )
        if progress:
            progress(index + 1, len(docs))


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
    return list(
        iter_project_records(
            project,
            annotator=annotator,
            status=status,
            include_suggestions=include_suggestions,
            progress=progress,
            cancelled=cancelled,
        )
    )


class _FileNames:
    """File names for brat or WebAnno: a document from that format keeps its own,
    others take their id; a name taken twice gets a number.

    The name never holds a path separator, so no text or label reaches a path.
    Only the names used so far are kept, so documents can come one at a time.
    """

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.used: set[str] = set()

    def __call__(self, doc: DocRecord) -> str:
        """The next document's file name (without extension)."""
        stem = doc.id or "doc"
        source = doc.meta.get("source_file")
        if doc.meta.get("format") == self.fmt and isinstance(source, str):
            stem = Path(source).stem
        base = re.sub(r"[^\w.\-]", "_", stem).lstrip(".") or "doc"
        name, n = base, 1
        while name in self.used:
            n += 1
            name = f"{base}_{n}"
        self.used.add(name)
        return name


def conll_settings(
    fmt: str,
    *,
    preset: str | None = None,
    scheme: str | None = None,
    delimiter: str | None = None,
    docstart: bool | None = None,
) -> dict[str, Any]:
    """The CoNLL writer's scheme, delimiter and -DOCSTART- choice: preset, then overrides."""
    if preset is not None and preset not in PRESETS:
        raise TawsimError(f"unknown CoNLL preset {preset!r}; use one of {', '.join(PRESETS)}")
    chosen: dict[str, Any] = {"scheme": "bioes" if fmt == "conll-bioes" else "iob2"}
    chosen["delimiter"], chosen["docstart"] = " ", None
    if preset:
        chosen.update(PRESETS[preset])
    if scheme is not None:
        if scheme not in WRITE_SCHEMES:
            raise TawsimError(f"unknown scheme {scheme!r}; use one of {', '.join(WRITE_SCHEMES)}")
        chosen["scheme"] = scheme
    if delimiter is not None:
        chosen["delimiter"] = {"space": " ", "tab": "\t"}.get(delimiter, delimiter)
        if chosen["delimiter"] not in (" ", "\t"):
            raise TawsimError(f"unknown delimiter {delimiter!r}; use space or tab")
    if docstart is not None:
        chosen["docstart"] = docstart
    return chosen


def _label_colours(project: Project, used: set[str]) -> list[tuple[str, str]]:
    """The project's labels with colours, plus any label a span uses that the set lacks."""
    pairs = [(label.name, label.color) for label in project.labels]
    known = {name for name, _ in pairs}
    for label in sorted(used - known):
        pairs.append((label, "#999999"))
    return pairs


def _overlaps(doc: DocRecord) -> int:
    """How many of a document's spans start inside an earlier one (doccano refuses them)."""
    count = 0
    reach = -1
    for span in sorted(doc.spans, key=lambda s: (s.start, -s.end)):
        if span.start < reach:
            count += 1
        reach = max(reach, span.end)
    return count


def _doccano_note(count: int) -> list[str]:
    """A warning when doccano would drop spans: it refuses overlaps unless allowed."""
    if not count:
        return []
    return [
        f"{count} span(s) overlap or nest inside another: doccano drops them unless the "
        "doccano project allows overlapping entities (its settings)"
    ]


class _Tally:
    """Small facts gathered while records stream past: counts, labels, overlaps."""

    def __init__(self, report: ExportReport) -> None:
        self.report = report
        self.labels: set[str] = set()
        self.overlaps = 0

    def __call__(self, docs: Iterable[DocRecord]) -> Iterator[DocRecord]:
        """Pass the records through, counting them."""
        for doc in docs:
            self.report.documents += 1
            self.report.spans += len(doc.spans)
            self.labels.update(s.label for s in doc.spans)
            self.overlaps += _overlaps(doc)
            yield doc


def _labelstudio_names(
    project: Project, annotator: str | None, status: str
) -> tuple[tuple[str, str], str]:
    """The result names and text field every task shares, from a cheap first pass
    over the document index (metadata and layer summaries, no texts or spans)."""
    infos = [
        DocRecord("", [], info.title, info.id, dict(info.meta))
        for info in project.documents()
        if status != "done" or project.summary(info.id, annotator).status == "done"
    ]
    fields = {str(d.meta.get("text_field") or "text") for d in infos}
    field_name = fields.pop() if len(fields) == 1 else "text"
    return shared_labelstudio_names(infos), field_name


def _write_folder(out: Path, docs: Iterable[DocRecord], fmt: str, report: ExportReport) -> None:
    """brat or WebAnno files, one document at a time, into a temporary folder moved
    into out at the end: a cancelled or failed export leaves out as it was."""
    parent = out.parent if out.parent != Path("") else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=parent))
    names: list[str] = []
    try:
        name_of = _FileNames(fmt)
        for doc in docs:
            name = name_of(doc)
            if fmt == "webanno":
                tsv, skipped = write_webanno(doc)
                write_export(tmp / f"{name}.tsv", tsv)
                names.append(f"{name}.tsv")
            else:
                ann, skipped = write_brat_ann(doc)
                write_export(tmp / f"{name}.txt", doc.text)
                write_export(tmp / f"{name}.ann", ann)
                names += [f"{name}.txt", f"{name}.ann"]
            report.problems += skipped
        out.mkdir(parents=True, exist_ok=True)
        for name in names:
            os.replace(tmp / name, out / name)
        fsync_dir(out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report.files += [out / name for name in names]


def labelstudio_config_path(out: Path) -> Path:
    """Where the Label Studio labeling config goes, beside the export."""
    return out.with_name(f"{out.stem}.label-config.xml")


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
    preset: str | None = None,
    scheme: str | None = None,
    delimiter: str | None = None,
    docstart: bool | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ExportReport:
    """Write a layer of the project in a format; say which spans it could not keep."""
    if fmt not in EXPORT_FORMATS:
        raise TawsimError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if tokens not in ("whitespace", "clitic"):
        raise TawsimError(f"unknown token convention {tokens!r}; use whitespace or clitic")
    settings = conll_settings(
        fmt, preset=preset, scheme=scheme, delimiter=delimiter, docstart=docstart
    )
    report = ExportReport()
    tally = _Tally(report)
    docs = tally(
        iter_project_records(
            project,
            annotator=annotator,
            status=status,
            include_suggestions=include_suggestions,
            progress=progress,
            cancelled=cancelled,
        )
    )
    out = Path(out)
    try:
        if fmt in ("conll", "conll-bioes"):
            pieces = iter_conll(docs, report.problems, tokens=tokens, nested=nested, **settings)
            write_export(out, pieces)
            report.files.append(out)
            if preset == "doccano":
                report.notes += _doccano_note(tally.overlaps)
        elif fmt == "jsonl":
            write_export(out, iter_jsonl(docs, include_suggestions=include_suggestions))
            report.files.append(out)
            report.notes += _doccano_note(tally.overlaps)
        elif fmt == "labelstudio":
            # One config serves every task only if they share their names; else ours.
            shared, field_name = _labelstudio_names(project, annotator, status)
            tasks = iter_labelstudio(
                docs, shared, include_suggestions=include_suggestions, model="tawsim"
            )
            write_export(out, tasks)
            config = labelstudio_config_path(out)
            colours = _label_colours(project, tally.labels)
            write_export(config, labelstudio_config(colours, field_name, shared))
            report.files += [out, config]
            report.notes.append(
                f"{config}: the labeling config for a new Label Studio project "
                "(Settings › Labeling Interface › Code)"
            )
        elif fmt == "spacy":
            # The one format held in memory: a .spacy file is a single DocBin.
            data, report.problems, spans_only = docbin_bytes(docs)
            write_export(out, data)
            report.files.append(out)
            if spans_only:
                report.notes.append(
                    f"{spans_only} nested or overlapping span(s) are in doc.spans['sc'] only, "
                    "not in doc.ents (which cannot overlap)"
                )
        elif fmt == "webanno":
            _write_folder(out, docs, "webanno", report)
        else:
            _write_folder(out, docs, "brat", report)
            conf = out / "annotation.conf"
            write_export(conf, brat_config([n for n, _ in _label_colours(project, tally.labels)]))
            report.files.append(conf)
    except OSError as exc:
        raise TawsimError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    return report
