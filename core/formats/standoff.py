"""Formats that keep text and character offsets apart: doccano JSONL, Label Studio, brat.

All offsets are code points of the text, end-exclusive. Label Studio's
front end counts UTF-16 units, so a Label Studio span whose offsets do not
match its ``text`` field is tried in UTF-16 units before it is reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from core.formats.base import (
    DocRecord,
    FormatError,
    ReadReport,
    SpanRecord,
    offsets_problem,
    parse_json,
)
from core.text import Utf16Index

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


def read_jsonl(path: Path, text: str, report: ReadReport) -> list[DocRecord]:
    """Documents from doccano JSONL, in either of its two shapes."""
    docs = []
    # Only "\n" ends a JSONL line: splitlines() would also split at U+2028,
    # U+2029 or U+0085 inside a text, and our own export would not read back.
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        obj = parse_json(path, line, number)
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
        own_meta: dict[str, Any] = obj["meta"] if isinstance(obj.get("meta"), dict) else {}
        extra = {k: v for k, v in obj.items() if k not in _META_SKIP | {"meta", "title", "id"}}
        meta = {**extra, **own_meta, "source_file": path.name, "line": number}
        title = obj.get("title")
        docs.append(
            DocRecord(
                text=obj["text"],
                spans=spans,
                title=title if isinstance(title, str) else "",
                id=None if obj.get("id") is None else str(obj["id"]),
                meta=meta,
            )
        )
    if not docs:
        raise FormatError(path, "no documents found")
    return docs


def write_jsonl(docs: Sequence[DocRecord], *, include_suggestions: bool) -> str:
    """doccano JSONL, plus id, title and meta (and suggestions when asked)."""
    lines = []
    for doc in docs:
        obj: dict[str, Any] = {
            "id": doc.id,
            "title": doc.title,
            "text": doc.text,
            "label": [[s.start, s.end, s.label] for s in doc.spans if s.status == "accepted"],
            "meta": doc.meta,
        }
        if include_suggestions:
            obj["suggestions"] = [
                [s.start, s.end, s.label, s.score] for s in doc.spans if s.status == "suggested"
            ]
        lines.append(json.dumps(obj, ensure_ascii=False, sort_keys=True))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- Label Studio


def _ls_results(
    path: Path, task_no: int, text: str, results: Any, status: str, score: Any, report: ReadReport
) -> list[SpanRecord]:
    if not isinstance(results, list):
        raise FormatError(path, f'task {task_no}: "result" must be a list')
    index: Utf16Index | None = None
    spans = []
    for result in results:
        if not isinstance(result, dict) or result.get("type", "labels") != "labels":
            report.add("non-label results skipped", f"task {task_no}")
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


def read_labelstudio(path: Path, text: str, report: ReadReport) -> list[DocRecord]:
    """Label Studio JSON tasks: annotations accepted, predictions suggested."""
    data = parse_json(path, text)
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise FormatError(path, "expected a list of tasks")
    docs = []
    for task_no, task in enumerate(data, 1):
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise FormatError(path, f'task {task_no}: expected an object with "data"')
        task_data = task["data"]
        doc_text = task_data.get("text")
        if not isinstance(doc_text, str):
            doc_text = next((v for v in task_data.values() if isinstance(v, str)), None)
        if doc_text is None:
            raise FormatError(path, f'task {task_no}: no text in "data"')
        spans: list[SpanRecord] = []
        for key in ("annotations", "predictions"):
            if not isinstance(task.get(key) or [], list):
                raise FormatError(path, f'task {task_no}: "{key}" must be a list')
        for annotation in task.get("annotations") or []:
            if not isinstance(annotation, dict) or annotation.get("was_cancelled"):
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
        meta = {k: v for k, v in task_data.items() if k not in ("text", "title")}
        meta.update({"source_file": path.name, "task": task_no})
        title = task_data.get("title")
        docs.append(
            DocRecord(
                text=doc_text,
                spans=list(dict.fromkeys(spans)),
                title=title if isinstance(title, str) else "",
                id=None if task.get("id") is None else str(task["id"]),
                meta=meta,
            )
        )
    if not docs:
        raise FormatError(path, "no tasks found")
    return docs


def _ls_result(doc: DocRecord, span: SpanRecord, number: int) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": f"t{number}",
        "from_name": "label",
        "to_name": "text",
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


def write_labelstudio(
    docs: Sequence[DocRecord], *, include_suggestions: bool, annotator: str, model: str
) -> str:
    """Label Studio tasks with annotations (and predictions when asked)."""
    tasks = []
    for number, doc in enumerate(docs, 1):
        accepted = [s for s in doc.spans if s.status == "accepted"]
        task: dict[str, Any] = {
            "id": number,
            "data": {"text": doc.text, "title": doc.title, "doc_id": doc.id, **doc.meta},
            "annotations": [
                {
                    "result": [_ls_result(doc, s, i) for i, s in enumerate(accepted, 1)],
                    "completed_by": annotator,
                }
            ],
        }
        if include_suggestions:
            suggested = [s for s in doc.spans if s.status == "suggested"]
            task["predictions"] = [
                {
                    "model_version": model,
                    "result": [_ls_result(doc, s, i) for i, s in enumerate(suggested, 1)],
                }
            ]
        tasks.append(task)
    return json.dumps(tasks, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


# ----------------------------------------------------------------------- brat

_T_LINE = re.compile(r"^T(\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?(.*)$")


def read_brat(path: Path, text: str, ann: str, report: ReadReport) -> DocRecord:
    """One document from a brat .txt (path) and the content of its .ann."""
    ann_path = path.with_suffix(".ann")
    spans = []
    # Lines end at "\n" (or "\r\n") only, like the offsets brat counts.
    for number, line in enumerate(ann.replace("\r\n", "\n").split("\n"), 1):
        if not line.strip() or line[0] in "#RAEMN*":
            if line.strip():
                report.add(
                    f"{line[0]} lines ignored (only T lines are read)", f"{ann_path.name}:{number}"
                )
            continue
        m = _T_LINE.match(line)
        if not m:
            raise FormatError(ann_path, "expected 'T<n><TAB>LABEL START END<TAB>TEXT'", number)
        _, label, ranges, shown = m.groups()
        if ";" in ranges:
            report.add("discontinuous spans not supported (skipped)", f"{ann_path.name}:{number}")
            continue
        start, end = (int(x) for x in ranges.split())
        problem = offsets_problem(text, start, end)
        if problem:
            raise FormatError(ann_path, f"{problem} ({len(text)} characters)", number)
        if shown and text[start:end].replace("\n", " ").replace("\t", " ") != shown:
            raise FormatError(
                ann_path,
                f"text {shown!r} does not match offsets {start} {end} ({text[start:end]!r})",
                number,
            )
        spans.append(SpanRecord(start, end, label))
    return DocRecord(
        text=text, spans=spans, title="", meta={"source_file": path.name, "format": "brat"}
    )


def write_brat_ann(doc: DocRecord) -> str:
    """The .ann content for a document's accepted spans."""
    lines = []
    accepted = [s for s in doc.spans if s.status == "accepted"]
    for number, span in enumerate(accepted, 1):
        shown = doc.text[span.start : span.end].replace("\n", " ").replace("\t", " ")
        lines.append(f"T{number}\t{span.label} {span.start} {span.end}\t{shown}")
    return "\n".join(lines) + ("\n" if lines else "")
