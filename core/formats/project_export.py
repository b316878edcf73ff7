"""Exporting a project's layer in a corpus format, for the consumers people use.

Every file is written atomically with the permissions the umask gives, and
the report lists each span a format could not keep, plus notes for the
consumer (doccano's overlap setting, the Label Studio labeling config).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
from core.formats.conll import PRESETS, WRITE_SCHEMES, write_conll
from core.formats.spacy_doc import docbin_bytes
from core.formats.standoff import (
    brat_config,
    labelstudio_config,
    shared_labelstudio_names,
    write_brat_ann,
    write_jsonl,
    write_labelstudio,
)
from core.formats.webanno import write_webanno
from core.store import Project

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
            DocRecord(
                project.text(info.id),
                spans,
                info.title,
                info.id,
                dict(info.meta),
                status=layer.status,
            )
        )
        if progress:
            progress(index + 1, len(docs))
    return records


def _file_names(docs: Sequence[DocRecord], fmt: str) -> list[str]:
    """File names for brat or WebAnno: a document from that format keeps its own,
    others take their id.

    The name never holds a path separator, so no text or label reaches a path.
    """
    names: list[str] = []
    used: set[str] = set()
    for doc in docs:
        stem = doc.id or "doc"
        source = doc.meta.get("source_file")
        if doc.meta.get("format") == fmt and isinstance(source, str):
            stem = Path(source).stem
        base = re.sub(r"[^\w.\-]", "_", stem).lstrip(".") or "doc"
        name, n = base, 1
        while name in used:
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        names.append(name)
    return names


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


def _label_colours(project: Project, docs: Sequence[DocRecord]) -> list[tuple[str, str]]:
    """The project's labels with colours, plus any label a span uses that the set lacks."""
    pairs = [(label.name, label.color) for label in project.labels]
    known = {name for name, _ in pairs}
    for label in sorted({s.label for d in docs for s in d.spans} - known):
        pairs.append((label, "#999999"))
    return pairs


def _doccano_note(docs: Sequence[DocRecord]) -> list[str]:
    """A warning when doccano would drop spans: it refuses overlaps unless allowed."""
    count = 0
    for doc in docs:
        reach = -1
        for span in sorted(doc.spans, key=lambda s: (s.start, -s.end)):
            if span.start < reach:
                count += 1
            reach = max(reach, span.end)
    if not count:
        return []
    return [
        f"{count} span(s) overlap or nest inside another: doccano drops them unless the "
        "doccano project allows overlapping entities (its settings)"
    ]


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
            text, report.problems = write_conll(docs, tokens=tokens, nested=nested, **settings)
            write_export(out, text)
            report.files.append(out)
            if preset == "doccano":
                report.notes += _doccano_note(docs)
        elif fmt == "jsonl":
            write_export(out, write_jsonl(docs, include_suggestions=include_suggestions))
            report.files.append(out)
            report.notes += _doccano_note(docs)
        elif fmt == "labelstudio":
            tasks = write_labelstudio(docs, include_suggestions=include_suggestions, model="tawsim")
            write_export(out, tasks)
            config = labelstudio_config_path(out)
            # One config serves every task only if they share their names; else ours.
            fields = {str(d.meta.get("text_field") or "text") for d in docs}
            field_name = fields.pop() if len(fields) == 1 else "text"
            shared = shared_labelstudio_names(docs)
            write_export(
                config, labelstudio_config(_label_colours(project, docs), field_name, shared)
            )
            report.files += [out, config]
            report.notes.append(
                f"{config}: the labeling config for a new Label Studio project "
                "(Settings › Labeling Interface › Code)"
            )
        elif fmt == "spacy":
            data, report.problems, spans_only = docbin_bytes(docs)
            write_export(out, data)
            report.files.append(out)
            if spans_only:
                report.notes.append(
                    f"{spans_only} nested or overlapping span(s) are in doc.spans['sc'] only, "
                    "not in doc.ents (which cannot overlap)"
                )
        elif fmt == "webanno":
            out.mkdir(parents=True, exist_ok=True)
            for doc, name in zip(docs, _file_names(docs, "webanno"), strict=True):
                tsv, skipped = write_webanno(doc)
                write_export(out / f"{name}.tsv", tsv)
                report.problems += skipped
                report.files.append(out / f"{name}.tsv")
        else:
            out.mkdir(parents=True, exist_ok=True)
            for doc, name in zip(docs, _file_names(docs, "brat"), strict=True):
                ann, skipped = write_brat_ann(doc)
                write_export(out / f"{name}.txt", doc.text)
                write_export(out / f"{name}.ann", ann)
                report.problems += skipped
                report.files += [out / f"{name}.txt", out / f"{name}.ann"]
            conf = out / "annotation.conf"
            write_export(conf, brat_config([name for name, _ in _label_colours(project, docs)]))
            report.files.append(conf)
    except OSError as exc:
        raise TawsimError(f"{out}: cannot write ({exc.strerror or exc})") from exc
    return report
