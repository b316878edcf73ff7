"""WebAnno TSV 3 (INCEpTION's exchange format): the named-entity layer in and out.

A file starts with ``#FORMAT=WebAnno TSV 3.x`` and one ``#T_SP=`` / ``#T_CH=`` /
``#T_RL=`` header per layer, each naming the layer's features; every feature
is one column after the three base columns (``1-2``, ``5-12``, the token).
Each sentence is preceded by its ``#Text=`` line(s). A value such as
``PER[3]`` ties the tokens of one multi-token entity; ``|`` stacks several
entities on a token; ``_`` is no entity and ``*`` an entity without a value.
Sub-token lines (``1-2.1``) carry entities that start or end inside a token.

Offsets are UTF-16 units (INCEpTION is Java); they are converted to code
points here. The text is rebuilt from the ``#Text=`` lines at the tokens'
offsets, and the gaps between sentences become line breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from core.formats.base import DocRecord, ExportProblem, FormatError, ReadReport, SpanRecord
from core.text import Utf16Index

NE_LAYER = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
HEADER = "#FORMAT=WebAnno TSV 3"
_TOKEN_ID = re.compile(r"^(\d+)-(\d+)(?:\.(\d+))?$")
_OFFSETS = re.compile(r"^(\d+)-(\d+)$")
_ITEM = re.compile(r"^(.*?)(?:\[(\d+)\])?$", re.S)
_ESCAPES = {"t": "\t", "n": "\n", "r": "\r"}
# Characters a feature value escapes with a backslash.
_VALUE_SPECIAL = "\\[]|_*;\t\n"


def looks_like_webanno(head: str) -> bool:
    """True for text that starts like a WebAnno TSV 3 file."""
    return head.lstrip("\ufeff").startswith(HEADER)


def _unescape(value: str) -> str:
    out = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            nxt = value[i + 1]
            out.append(_ESCAPES.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _split_unescaped(value: str, sep: str) -> list[str]:
    parts, current, i = [], [], 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2])
            i += 2
            continue
        if ch == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return parts


@dataclass
class _Sentence:
    text: str
    lines: list[tuple[int, list[str]]] = field(default_factory=list)  # (line, cells)


def _ne_column(headers: Sequence[str], report: ReadReport) -> int | None:
    """The cell index of the NamedEntity value feature, or None if the layer is absent."""
    column = 3
    found = None
    for header in headers:
        kind, _, spec = header.partition("=")
        if kind not in ("#T_SP", "#T_CH", "#T_RL"):
            continue
        layer, *features = spec.split("|")
        if layer == NE_LAYER:
            found = column + (features.index("value") if "value" in features else 0)
        else:
            report.add("other WebAnno layers not imported", layer.rsplit(".", 1)[-1])
        # Every feature is a column; a layer without features still has one.
        column += max(1, len(features))
    return found


def read_webanno(path: Path, text: str, report: ReadReport) -> DocRecord:
    """One document from a WebAnno TSV 3 file (already decoded)."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not looks_like_webanno(lines[0]):
        raise FormatError(path, f"not WebAnno TSV 3 (expected {HEADER}.x)", 1)
    headers: list[str] = []
    sentences: list[_Sentence] = []
    after_text = False
    for number, line in enumerate(lines[1:], 2):
        if line.startswith("#T_"):
            headers.append(line)
        elif line.startswith("#Text="):
            piece = _unescape(line[len("#Text=") :])
            if after_text:
                sentences[-1].text += "\n" + piece  # a sentence holding a line break
            else:
                sentences.append(_Sentence(piece))
            after_text = True
            continue
        elif line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            if len(cells) < 3 or not _TOKEN_ID.match(cells[0]) or not _OFFSETS.match(cells[1]):
                report.bad_line(path, "expected 'SENT-TOKEN<TAB>BEGIN-END<TAB>TOKEN...'", number)
            elif not sentences:
                report.bad_line(path, "a token line before any #Text= line", number)
            else:
                sentences[-1].lines.append((number, cells))
        after_text = False
    column = _ne_column(headers, report)
    doc_text = _rebuild_text(path, sentences)
    if column is None:
        report.add("no named-entity layer (imported the text without spans)", NE_LAYER)
        spans = []
    else:
        spans = _entities(path, sentences, column, Utf16Index(doc_text), doc_text, report)
    return DocRecord(
        text=doc_text,
        spans=sorted(set(spans), key=lambda s: (s.start, -s.end, s.label)),
        meta={"source_file": path.name, "format": "webanno"},
    )


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _rebuild_text(path: Path, sentences: Sequence[_Sentence]) -> str:
    """The document text: each sentence at its first token's offset, line breaks between."""
    pieces: list[str] = []
    at = 0  # UTF-16 units written so far
    for sentence in sentences:
        if not sentence.lines:
            continue
        number, cells = sentence.lines[0]
        m = _OFFSETS.match(cells[1])
        assert m
        # Whitespace before the first token belongs to the sentence's text.
        lead = sentence.text.find(_unescape(cells[2])) if cells[2] else 0
        start = int(m.group(1)) - _utf16_len(sentence.text[: max(lead, 0)])
        if start < at:
            raise FormatError(path, "sentences overlap (offsets go backwards)", number)
        pieces.append("\n" * (start - at))
        pieces.append(sentence.text)
        at = start + _utf16_len(sentence.text)
    return "".join(pieces)


def _entities(
    path: Path,
    sentences: Sequence[_Sentence],
    column: int,
    index: Utf16Index,
    text: str,
    report: ReadReport,
) -> list[SpanRecord]:
    by_id: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    spans = []
    for sentence in sentences:
        for number, cells in sentence.lines:
            value = cells[column] if column < len(cells) else "_"
            if value in ("_", ""):
                continue
            m = _OFFSETS.match(cells[1])
            assert m
            begin, end = int(m.group(1)), int(m.group(2))
            for item in _split_unescaped(value, "|"):
                parsed = _ITEM.match(item)
                assert parsed
                raw, ident = parsed.group(1), parsed.group(2)
                label = "" if raw == "*" else _unescape(raw)
                if ident is not None:
                    bounds = by_id.setdefault(ident, [begin, end, number])
                    bounds[0], bounds[1] = min(bounds[0], begin), max(bounds[1], end)
                    labels[ident] = label
                    continue
                spans.append((begin, end, label, number))
    spans += [(b, e, labels[i], n) for i, (b, e, n) in by_id.items()]
    records = []
    for begin, end, label, number in spans:
        if not label:
            report.add("entities without a value skipped", f"line {number}")
            continue
        if begin >= end:
            report.add("zero-width entities skipped", f"line {number}")
            continue
        try:
            start, stop = index.to_cp(begin), index.to_cp(end)
        except ValueError:
            report.bad_line(path, f"offsets {begin}-{end} outside the text", number)
            continue
        if "\n" in text[start:stop]:
            report.bad_line(path, f"span {text[start:stop]!r} crosses a line break", number)
            continue
        records.append(SpanRecord(start, stop, label))
    return records


# ------------------------------------------------------------------ writing


def _escape_value(label: str) -> str:
    out = []
    for ch in label:
        if ch in _VALUE_SPECIAL:
            out.append("\\" + {"\t": "t", "\n": "n"}.get(ch, ch))
        else:
            out.append(ch)
    return "".join(out)


def _escape_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t")


def _tokens(text: str, lo: int, hi: int, cuts: Sequence[int]) -> list[tuple[int, int]]:
    """Whitespace tokens of text[lo:hi], split at span boundaries so spans are exact."""
    tokens: list[tuple[int, int]] = []
    for m in re.finditer(r"\S+", text[lo:hi]):
        start, end = lo + m.start(), lo + m.end()
        points = sorted({start, end, *(c for c in cuts if start < c < end)})
        tokens.extend(zip(points, points[1:], strict=False))
    return tokens


def _edge_problem(
    span: SpanRecord, toks: Sequence[tuple[int, int]], covered: Sequence[int], text: str
) -> str | None:
    """Why a span cannot be written as it is: WebAnno spans are made of tokens."""
    if not covered:
        return "covers only whitespace; left out"
    start, end = toks[covered[0]][0], toks[covered[-1]][1]
    if (start, end) != (span.start, span.end):
        return f"trimmed to the tokens it covers: {text[start:end]!r}"
    return None


def write_webanno(doc: DocRecord) -> tuple[str, list[ExportProblem]]:
    """A WebAnno TSV 3.3 file with the document's accepted spans on the NamedEntity layer."""
    out = [f"{HEADER}.3\n", f"#T_SP={NE_LAYER}|value\n", "\n\n"]
    problems = []
    text = doc.text
    index = Utf16Index(text)
    accepted = [s for s in doc.spans if s.status == "accepted"]
    cuts = sorted({p for s in accepted for p in (s.start, s.end)})
    spans = []
    for span in accepted:
        if "\n" in text[span.start : span.end]:
            reason = "crosses a line break, which a WebAnno sentence cannot; left out"
            problems.append(ExportProblem(doc.id or "", span.start, span.end, span.label, reason))
        else:
            spans.append(span)
    pos = 0
    sentence_no = 0
    next_id = 1
    for line in text.split("\n"):
        lo, hi = pos, pos + len(line)
        pos = hi + 1
        toks = _tokens(text, lo, hi, cuts)
        if not toks:
            continue
        sentence_no += 1
        cells: list[list[str]] = [[] for _ in toks]
        inside = [s for s in spans if lo <= s.start and s.end <= hi]
        for span in sorted(inside, key=lambda s: (s.start, -s.end, s.label)):
            covered = [i for i, (b, e) in enumerate(toks) if span.start <= b and e <= span.end]
            problem = _edge_problem(span, toks, covered, text)
            if problem:
                problems.append(
                    ExportProblem(doc.id or "", span.start, span.end, span.label, problem)
                )
                if not covered:
                    continue
            stacked = any(len(cells[i]) for i in covered) or any(
                o is not span and o.start < span.end and span.start < o.end for o in inside
            )
            value = _escape_value(span.label)
            if len(covered) > 1 or stacked:
                value += f"[{next_id}]"
                next_id += 1
            for i in covered:
                cells[i].append(value)
        out.append(f"#Text={_escape_text(line)}\n")
        for t_no, ((b, e), items) in enumerate(zip(toks, cells, strict=True), 1):
            offsets = f"{index.to_utf16(b)}-{index.to_utf16(e)}"
            value = "|".join(items) or "_"
            out.append(f"{sentence_no}-{t_no}\t{offsets}\t{text[b:e]}\t{value}\t\n")
        out.append("\n")
    return "".join(out), problems
