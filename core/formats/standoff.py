"""Formats that keep text and character offsets apart: doccano JSONL, Label Studio, brat.

All offsets are code points of the text, end-exclusive. Label Studio's
front end counts UTF-16 units, so a Label Studio span whose offsets do not
match its ``text`` field is tried in UTF-16 units before it is reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from core.formats.base import (
    DocRecord,
    ExportProblem,
    FormatError,
    ReadReport,
    SpanRecord,
    line_break_problem,
    offsets_problem,
    parse_json,
)
from core.text import Utf16Index

# Meta keys Tawsim itself sets on import; they are not the user's data fields.
INTERNAL_META = frozenset(
    {
        "source_file",
        "line",
        "task",
        "format",
        "scheme",
        "source_id",
        "source_data",
        "text_field",
        "ls_names",
    }
)

_META_SKIP = {"text", "label", "labels", "entities", "relations", "suggestions"}


# --------------------------------------------------------------- doccano JSONL


def _jsonl_span(path: Path, line: int, item: Any, status: str) -> SpanRecord:
    if isinstance(item, dict):
        try:
            start, end, label = item["start_offset"], item["end_offset"], item["label"]
        except KeyError as exc:
            raise FormatError(path, f"entity without {exc.args[0]!r}", line) from None
        score = item.get("score")
    elif isinstance(item, list | tuple) and len(item) in (3, 4):
        start, end, label = item[0], item[1], item[2]
        score = item[3] if len(item) == 4 else None
    else:
        raise FormatError(path, f"a span must be [start, end, label], got {item!r:.60}", line)
    if not isinstance(label, str) or not label:
        raise FormatError(path, f"label {label!r} is not a string", line)
    if score is not None and not isinstance(score, int | float):
        raise FormatError(path, f"score {score!r} is not a number", line)
    return SpanRecord(start, end, label, status=status, score=score)


def _refuse_line_breaks(
    path: Path, text: str, spans: Sequence[SpanRecord], where: str, line: int | None
) -> None:
    """FormatError for a span that crosses a line break (no span may)."""
    for span in spans:
        if offsets_problem(text, span.start, span.end) is None:
            problem = line_break_problem(text, span.start, span.end)
            if problem:
                raise FormatError(path, f"{where}{problem} ({span.label})", line)


def _jsonl_doc(path: Path, number: int, obj: Any, report: ReadReport) -> DocRecord:
    if isinstance(obj, dict) and "text" not in obj and "column_data" in obj:
        # doccano's import dialog names its columns column_data and column_label.
        obj = {**obj, "text": obj.pop("column_data"), "label": obj.pop("column_label", [])}
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        raise FormatError(path, 'each line must be an object with a "text" string', number)
    items = obj.get("label", obj.get("entities", []))
    if items is None:
        items = []
    if not isinstance(items, list):
        raise FormatError(path, '"label"/"entities" must be a list', number)
    spans = [_jsonl_span(path, number, item, "accepted") for item in items]
    suggestions = obj.get("suggestions") or []
    if not isinstance(suggestions, list):
        raise FormatError(path, '"suggestions" must be a list', number)
    spans += [_jsonl_span(path, number, item, "suggested") for item in suggestions]
    _refuse_line_breaks(path, obj["text"], spans, "", number)
    relations = obj.get("relations")
    for _ in relations if isinstance(relations, list) else []:
        report.add("relations not imported (Tawsim keeps entities)", f"{path.name}:{number}")
    own_meta: dict[str, Any] = obj["meta"] if isinstance(obj.get("meta"), dict) else {}
    extra = {k: v for k, v in obj.items() if k not in _META_SKIP | {"meta", "title", "id"}}
    meta = {**extra, **own_meta, "source_file": path.name, "line": number, "format": "jsonl"}
    if obj.get("id") is not None:
        meta["source_id"] = obj["id"]  # written back as "id" on export
    title = obj.get("title")
    return DocRecord(
        text=obj["text"],
        spans=spans,
        title=title if isinstance(title, str) else "",
        id=None if obj.get("id") is None else str(obj["id"]),
        meta=meta,
    )


def _whole_json(path: Path, text: str) -> Any:
    """The file as one JSON list or multi-line object (not JSONL), else None."""
    stripped = text.lstrip()
    if not stripped.startswith(("[", "{")):
        return None
    try:
        whole = parse_json(path, text)
    except FormatError:
        return None  # JSONL: several values, one a line (or bad JSON, reported per line)
    if isinstance(whole, list):
        return whole
    lines = [line for line in text.splitlines() if line.strip()]
    return whole if isinstance(whole, dict) and len(lines) > 1 else None


def read_jsonl(path: Path, text: str, report: ReadReport) -> list[DocRecord]:
    """Documents from doccano JSONL, in either of its two shapes."""
    docs = []
    whole = _whole_json(path, text)
    if whole is not None:
        # One JSON object or list spread over lines (doccano's relation export example).
        items = whole if isinstance(whole, list) else [whole]
        for number, obj in enumerate(items, 1):
            try:
                docs.append(_jsonl_doc(path, number, obj, report))
            except FormatError as exc:
                report.bad_line(path, exc.reason, exc.line, code=exc.code, **exc.params)
        lines: list[str] = []
    else:
        # Only "\n" ends a JSONL line: splitlines() would also split at U+2028,
        # U+2029 or U+0085 inside a text, and our own export would not read back.
        lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            obj = parse_json(path, line, number)
            docs.append(_jsonl_doc(path, number, obj, report))
        except FormatError as exc:
            report.bad_line(path, exc.reason, exc.line, code=exc.code, **exc.params)
    if not docs:
        raise FormatError(path, "no documents found")
    return docs


def _own_meta(doc: DocRecord) -> dict[str, Any]:
    """The document's metadata without the keys Tawsim derives on import."""
    return {k: v for k, v in doc.meta.items() if k not in INTERNAL_META}


def write_jsonl(docs: Sequence[DocRecord], *, include_suggestions: bool) -> str:
    """doccano JSONL, plus id, title and meta (and suggestions when asked)."""
    return "".join(iter_jsonl(docs, include_suggestions=include_suggestions))


def iter_jsonl(docs: Iterable[DocRecord], *, include_suggestions: bool) -> Iterator[str]:
    """doccano JSONL one line (one document) at a time; no documents give one empty line."""
    written = False
    for doc in docs:
        # A document that came from doccano keeps its own id.
        original = doc.meta.get("source_id") if doc.meta.get("format") == "jsonl" else None
        obj: dict[str, Any] = {
            "id": doc.id if original is None else original,
            "title": doc.title,
            "text": doc.text,
            "label": [[s.start, s.end, s.label] for s in doc.spans if s.status == "accepted"],
            "meta": _own_meta(doc),
        }
        if include_suggestions:
            obj["suggestions"] = [
                [s.start, s.end, s.label, s.score] for s in doc.spans if s.status == "suggested"
            ]
        written = True
        yield json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n"
    if not written:
        yield "\n"


# ---------------------------------------------------------------- Label Studio


def _ls_results(
    path: Path, task_no: int, text: str, results: Any, status: str, score: Any, report: ReadReport
) -> list[SpanRecord]:
    if not isinstance(results, list):
        raise FormatError(path, f'task {task_no}: "result" must be a list')
    index: Utf16Index | None = None
    spans = []
    for result in results:
        kind = result.get("type", "labels") if isinstance(result, dict) else None
        if kind == "relation":
            report.add("relations not imported (Tawsim keeps entities)", f"task {task_no}")
            continue
        if kind != "labels":
            report.add(f"{kind or 'malformed'} results skipped (not labels)", f"task {task_no}")
            continue
        value = result.get("value")
        if not isinstance(value, dict):
            raise FormatError(path, f'task {task_no}: result without a "value" object')
        start: Any = value.get("start")
        end: Any = value.get("end")
        labels = value.get("labels")
        if (
            not isinstance(labels, list)
            or not labels
            or not all(isinstance(x, str) for x in labels)
        ):
            raise FormatError(path, f'task {task_no}: result without "labels"')
        shown = value.get("text")
        problem = offsets_problem(text, start, end)
        ints = type(start) is int and type(end) is int
        if ints and isinstance(shown, str) and (problem or text[start:end] != shown):
            index = index or Utf16Index(text)
            try:
                s16, e16 = index.to_cp(start), index.to_cp(end)
            except ValueError:
                s16 = e16 = -1
            if s16 >= 0 and text[s16:e16] == shown and shown:
                report.add("offsets read as UTF-16 units", f"task {task_no}")
                start, end, problem = s16, e16, None
            elif problem is None:
                report.add(
                    "span text does not match its offsets (kept the offsets)", f"task {task_no}"
                )
        if problem:
            report.add(problem, f"task {task_no}: [{start}, {end})")
            continue
        item_score = result.get("score", score)
        if item_score is not None and not isinstance(item_score, int | float):
            item_score = None
        for label in labels:
            spans.append(SpanRecord(start, end, label, status=status, score=item_score))
    return spans


def _ls_task(path: Path, task_no: int, task: Any, report: ReadReport) -> DocRecord:
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise FormatError(path, f'task {task_no}: expected an object with "data"')
    task_data = task["data"]
    field = "text"
    if not isinstance(task_data.get(field), str):
        field = next((k for k, v in task_data.items() if isinstance(v, str)), "")
    doc_text = task_data.get(field)
    if not isinstance(doc_text, str):
        raise FormatError(path, f'task {task_no}: no text in "data"')
    spans: list[SpanRecord] = []
    for key in ("annotations", "predictions"):
        if not isinstance(task.get(key) or [], list):
            raise FormatError(path, f'task {task_no}: "{key}" must be a list')
    for annotation in task.get("annotations") or []:
        if not isinstance(annotation, dict):
            continue
        if annotation.get("was_cancelled"):
            report.add("cancelled annotations skipped", f"task {task_no}")
            continue
        spans += _ls_results(
            path, task_no, doc_text, annotation.get("result", []), "accepted", None, report
        )
    for prediction in task.get("predictions") or []:
        if not isinstance(prediction, dict):
            continue
        spans += _ls_results(
            path,
            task_no,
            doc_text,
            prediction.get("result", []),
            "suggested",
            prediction.get("score"),
            report,
        )
    _refuse_line_breaks(path, doc_text, spans, f"task {task_no}: ", None)
    meta = {k: v for k, v in task_data.items() if k not in (field, "title")}
    meta.update({"source_file": path.name, "task": task_no, "format": "labelstudio"})
    # The task's id and data fields go back into a Label Studio export unchanged.
    meta["source_data"] = {k: v for k, v in task_data.items() if k != field}
    meta["text_field"] = field
    names = _ls_names(task)
    if names:
        meta["ls_names"] = names  # the project's from_name/to_name, written back on export
    if task.get("id") is not None:
        meta["source_id"] = task["id"]
    title = task_data.get("title")
    return DocRecord(
        text=doc_text,
        spans=list(dict.fromkeys(spans)),
        title=title if isinstance(title, str) else "",
        id=None if task.get("id") is None else str(task["id"]),
        meta=meta,
    )


def _ls_names(task: dict[str, Any]) -> list[str] | None:
    """The from_name and to_name of the task's first label result."""
    for key in ("annotations", "predictions"):
        for item in task.get(key) or []:
            results = item.get("result") if isinstance(item, dict) else None
            for result in results if isinstance(results, list) else []:
                if not isinstance(result, dict) or result.get("type", "labels") != "labels":
                    continue
                names = [result.get("from_name"), result.get("to_name")]
                if all(isinstance(n, str) and n for n in names):
                    return [str(n) for n in names]
    return None


def labelstudio_names(doc: DocRecord) -> tuple[str, str]:
    """The from_name and to_name to write: the original project's, else ours."""
    names = doc.meta.get("ls_names") if doc.meta.get("format") == "labelstudio" else None
    if isinstance(names, list) and len(names) == 2 and all(isinstance(n, str) for n in names):
        return names[0], names[1]
    return "label", "text"


def read_labelstudio(path: Path, text: str, report: ReadReport) -> list[DocRecord]:
    """Label Studio JSON tasks: annotations accepted, predictions suggested."""
    data = parse_json(path, text)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise FormatError(path, "expected a list of tasks")
    docs = []
    for task_no, task in enumerate(data, 1):
        try:
            docs.append(_ls_task(path, task_no, task, report))
        except FormatError as exc:
            report.bad_line(path, exc.reason, exc.line, code=exc.code, **exc.params)
    if not docs:
        raise FormatError(path, "no tasks found")
    return docs


def shared_labelstudio_names(docs: Iterable[DocRecord]) -> tuple[str, str]:
    """The names every task's results use: the original project's when all tasks came
    from one Label Studio project, else ours (one labeling config must fit them all)."""
    names = {labelstudio_names(d) for d in docs}
    return names.pop() if len(names) == 1 else ("label", "text")


def _ls_result(
    doc: DocRecord, span: SpanRecord, number: int, names: tuple[str, str]
) -> dict[str, Any]:
    from_name, to_name = names
    result: dict[str, Any] = {
        "id": f"t{number}",
        "from_name": from_name,
        "to_name": to_name,
        "type": "labels",
        "value": {
            "start": span.start,
            "end": span.end,
            "text": doc.text[span.start : span.end],
            "labels": [span.label],
        },
    }
    if span.score is not None:
        result["score"] = span.score
    return result


def _ls_task_id(doc: DocRecord, number: int) -> int:
    """The task's original Label Studio id when it came from one, else its position."""
    original = doc.meta.get("source_id")
    if doc.meta.get("format") == "labelstudio" and type(original) is int:
        return original
    return number


def _ls_data(doc: DocRecord) -> dict[str, Any]:
    """The task's data: the original fields when it came from Label Studio."""
    original = doc.meta.get("source_data")
    if doc.meta.get("format") == "labelstudio" and isinstance(original, dict):
        return {**original, str(doc.meta.get("text_field") or "text"): doc.text}
    return {**_own_meta(doc), "text": doc.text, "title": doc.title, "doc_id": doc.id}


def write_labelstudio(docs: Sequence[DocRecord], *, include_suggestions: bool, model: str) -> str:
    """Label Studio tasks with annotations (and predictions when asked)."""
    names = shared_labelstudio_names(docs)
    return "".join(
        iter_labelstudio(docs, names, include_suggestions=include_suggestions, model=model)
    )


def iter_labelstudio(
    docs: Iterable[DocRecord], names: tuple[str, str], *, include_suggestions: bool, model: str
) -> Iterator[str]:
    """Label Studio's task list one task at a time, as ``json.dumps(indent=1)`` lays it out.

    Label Studio takes ``completed_by`` only as a user id, so it is left out;
    a document the annotator never touched gets no annotation (Label Studio
    would count it as finished), and one marked done without spans an empty one.
    names are the from_name/to_name every result uses (shared_labelstudio_names).
    """
    opened = False
    for number, doc in enumerate(docs, 1):
        accepted = [s for s in doc.spans if s.status == "accepted"]
        task: dict[str, Any] = {"id": _ls_task_id(doc, number), "data": _ls_data(doc)}
        task["annotations"] = (
            [{"result": [_ls_result(doc, s, i, names) for i, s in enumerate(accepted, 1)]}]
            if accepted or doc.status == "done"
            else []
        )
        if include_suggestions:
            suggested = [s for s in doc.spans if s.status == "suggested"]
            task["predictions"] = [
                {
                    "model_version": model,
                    "result": [_ls_result(doc, s, i, names) for i, s in enumerate(suggested, 1)],
                }
            ]
        # JSON escapes newlines inside strings, so every "\n" here is layout: each line
        # of a task is indented one level, as inside the whole list.
        body = json.dumps(task, ensure_ascii=False, indent=1, sort_keys=True)
        yield ("[\n " if not opened else ",\n ") + body.replace("\n", "\n ")
        opened = True
    yield "\n]\n" if opened else "[]\n"


def labelstudio_config(
    labels: Sequence[tuple[str, str]],
    text_field: str = "text",
    names: tuple[str, str] = ("label", "text"),
) -> str:
    """The labeling config XML for (name, colour) labels, matching our results' names."""
    rows = "".join(
        f"    <Label value={quoteattr(name)} background={quoteattr(colour)}/>\n"
        for name, colour in labels
    )
    return (
        "<View>\n"
        f"  <Labels name={quoteattr(names[0])} toName={quoteattr(names[1])}>\n"
        f"{rows}"
        "  </Labels>\n"
        f"  <Text name={quoteattr(names[1])} value={quoteattr('$' + text_field)}/>\n"
        "</View>\n"
    )


# ----------------------------------------------------------------------- brat

_T_LINE = re.compile(r"^T(\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")


_BRAT_KINDS = {
    "R": "relations",
    "*": "relations",
    "E": "events",
    "A": "attributes",
    "M": "attributes",
    "N": "normalizations",
    "#": "notes",
}


def _brat_span(ann_path: Path, text: str, line: str, number: int) -> SpanRecord | None:
    """The span of one T line; None for a discontinuous one (reported by the caller)."""
    m = _T_LINE.match(line)
    if not m:
        raise FormatError(ann_path, "expected 'T<n><TAB>LABEL START END<TAB>TEXT'", number)
    _, label, ranges, shown = m.groups()
    if ";" in ranges:
        return None
    start, end = (int(x) for x in ranges.split())
    problem = offsets_problem(text, start, end)
    if problem:
        raise FormatError(ann_path, f"{problem} ({len(text)} characters)", number)
    problem = line_break_problem(text, start, end)
    if problem:
        raise FormatError(ann_path, f"{problem} ({label})", number)
    if shown and text[start:end].replace("\t", " ") != shown:
        raise FormatError(
            ann_path,
            f"text {shown!r} does not match offsets {start} {end} ({text[start:end]!r})",
            number,
        )
    return SpanRecord(start, end, label)


def read_brat(path: Path, text: str, ann: str, report: ReadReport) -> DocRecord:
    """One document from a brat .txt (path) and the content of its .ann.

    Relations, events, attributes, normalizations and notes are counted in the
    report (Tawsim keeps entities); an event's trigger is a T line and is kept.
    """
    ann_path = path.with_suffix(".ann")
    spans = []
    # Lines end at "\n" (or "\r\n") only, like the offsets brat counts.
    for number, line in enumerate(ann.replace("\r\n", "\n").split("\n"), 1):
        if not line.strip():
            continue
        where = f"{ann_path.name}:{number}"
        if line[0] in _BRAT_KINDS:
            report.add(f"brat {_BRAT_KINDS[line[0]]} not imported (Tawsim keeps entities)", where)
            continue
        try:
            span = _brat_span(ann_path, text, line, number)
        except FormatError as exc:
            report.bad_line(ann_path, exc.reason, exc.line)
            continue
        if span is None:
            report.add("discontinuous spans not supported (skipped)", where)
            continue
        spans.append(span)
    return DocRecord(
        text=text, spans=spans, title="", meta={"source_file": path.name, "format": "brat"}
    )


def write_brat_ann(doc: DocRecord) -> tuple[str, list[ExportProblem]]:
    """The .ann content for a document's accepted spans, and the spans brat cannot take.

    brat's own parser rejects a span whose text holds a newline or a tab, so
    such a span is never written; it is listed instead.
    """
    lines: list[str] = []
    problems: list[ExportProblem] = []
    accepted = [s for s in doc.spans if s.status == "accepted"]
    for span in accepted:
        shown = doc.text[span.start : span.end]
        if "\n" in shown or "\t" in shown or "\r" in shown:
            reason = "contains a line break or a tab, which brat refuses; left out"
            problems.append(ExportProblem(doc.id or "", span.start, span.end, span.label, reason))
            continue
        lines.append(f"T{len(lines) + 1}\t{span.label} {span.start} {span.end}\t{shown}")
    return "\n".join(lines) + ("\n" if lines else ""), problems


def brat_config(labels: Sequence[str]) -> str:
    """A minimal annotation.conf declaring the labels as entity types."""
    entities = "".join(f"{name}\n" for name in labels)
    return f"[entities]\n{entities}\n[relations]\n\n[events]\n\n[attributes]\n"
