"""CoNLL (2002/2003 style): one token a line, the tag last, blank lines between sentences.

Reading
    The token is the first column and the tag the last. When several trailing
    columns all hold tags (``O`` or ``X-LABEL``), each is a nesting level
    (Wojood style): the last column is the outermost, the ones before it
    inner levels. Columns between the token and the tags are ignored, except
    ``SpaceAfter=No``, which joins a token to the next without a space (our
    clitic-split export writes it). The text is rebuilt by joining tokens
    with single spaces and sentences with newlines; ``-DOCSTART-`` starts a
    new document. IOB1, IOB2 and BIOES/BILOU are detected per file unless a
    scheme is given. Tag sequences a scheme does not allow (an ``I-`` with no
    ``B-`` in IOB2, a lone ``E-``) start a new entity and are counted.

Writing
    ``whitespace`` tokens (ANERcorp's convention) are the text's whitespace
    tokens; an entity covers every token it touches, so ``وسوريا`` is one
    ``B-LOC`` token. ``clitic`` tokens are split at every span boundary and
    after proclitics, so ``و`` ``O`` is followed by ``سوريا`` ``B-LOC``; the
    inserted breaks are marked ``SpaceAfter=No`` so that import restores the
    text. The outermost spans go in the tag column; ``nested=True`` adds a
    column per inner level, innermost first, before the outermost.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.arabic import strip_proclitic
from core.formats.base import DocRecord, FormatError, ReadReport, SpanRecord

TAG = re.compile(r"^(?:O|([BIESUL])-(\S+))$")
DOCSTART = "-DOCSTART-"
NO_SPACE = "SpaceAfter=No"
SCHEMES = ("iob1", "iob2", "bioes")


@dataclass
class _Row:
    token: str
    tags: list[str]
    space_after: bool
    line: int


def _parse_rows(path: Path, text: str) -> list[list[list[_Row]]]:
    """Documents of sentences of rows; FormatError for a line without a tag."""
    docs: list[list[list[_Row]]] = [[]]
    sentence: list[_Row] = []
    width: int | None = None
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            continue
        cols = stripped.split()
        if cols[0] == DOCSTART:
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            if docs[-1]:
                docs.append([])
            continue
        if len(cols) < 2:
            raise FormatError(path, f"expected 'TOKEN ... TAG', got {stripped[:40]!r}", number)
        if width is None:
            width = len(cols)
        elif len(cols) != width:
            raise FormatError(path, f"{len(cols)} columns where earlier lines have {width}", number)
        if not TAG.match(cols[-1]):
            raise FormatError(path, f"{cols[-1]!r} is not a tag (O, B-X, I-X, E-X, S-X)", number)
        sentence.append(_Row(cols[0], cols[1:], NO_SPACE not in cols[1:-1], number))
    if sentence:
        docs[-1].append(sentence)
    return [d for d in docs if d]


def _tag_columns(rows: Iterable[_Row], width: int) -> int:
    """How many trailing columns hold tags in every row."""
    count = 0
    rows = list(rows)
    for col in range(width - 1, -1, -1):
        if all(TAG.match(r.tags[col]) for r in rows):
            count += 1
        else:
            break
    return max(count, 1)


def detect_scheme(tags: Iterable[str]) -> str:
    """iob1, iob2 or bioes, from the prefixes and their order."""
    prev_type: str | None = None
    starts_with_i = 0
    b_after_o = 0
    for tag in tags:
        m = TAG.match(tag)
        if not m or not m.group(1):
            prev_type = None
            continue
        prefix, label = m.group(1), m.group(2)
        if prefix in "ESUL":
            return "bioes"
        if prefix == "I" and prev_type != label:
            starts_with_i += 1
        if prefix == "B" and prev_type != label:
            b_after_o += 1
        prev_type = label
    return "iob1" if starts_with_i > b_after_o else "iob2"


def decode_tags(tags: Sequence[str], scheme: str, report: ReadReport) -> list[tuple[int, int, str]]:
    """Token-index entities [first, last+1) from one tag column."""
    entities: list[tuple[int, int, str]] = []
    current: list[int | str] | None = None  # [start, label]

    def close(end: int) -> None:
        nonlocal current
        if current is not None:
            entities.append((int(current[0]), end, str(current[1])))
        current = None

    for i, tag in enumerate(tags):
        m = TAG.match(tag)
        assert m
        prefix, label = m.group(1), m.group(2)
        if prefix is None:
            close(i)
            continue
        prefix = {"U": "S", "L": "E"}.get(prefix, prefix)
        inside = current is not None and current[1] == label
        if scheme == "iob1":
            starts = prefix == "B" or not inside
        elif scheme == "iob2":
            starts = prefix == "B" or not inside
            if prefix == "I" and not inside:
                report.add("I- without a preceding B- (started a new entity)", f"token {i + 1}")
        else:
            starts = prefix in "BS" or not inside
            if prefix in "IE" and not inside:
                report.add(
                    f"{prefix}- without a preceding B- (started a new entity)", f"token {i + 1}"
                )
        if starts:
            close(i)
            current = [i, label]
        if scheme == "bioes" and prefix in "ES":
            close(i + 1)
    close(len(tags))
    return entities


def read_conll(path: Path, text: str, *, scheme: str | None, report: ReadReport) -> list[DocRecord]:
    """Documents from CoNLL text (already decoded)."""
    docs = _parse_rows(path, text.replace("\r\n", "\n").replace("\r", "\n"))
    if not docs:
        raise FormatError(path, "no tokens found")
    width = len(docs[0][0][0].tags)
    all_rows = [r for d in docs for s in d for r in s]
    layers = _tag_columns(all_rows, width)
    if scheme is None:
        scheme = detect_scheme(r.tags[-1] for r in all_rows)
    elif scheme not in SCHEMES:
        raise FormatError(path, f"unknown scheme {scheme!r}; use one of {', '.join(SCHEMES)}")
    records = []
    for number, sentences in enumerate(docs, 1):
        pieces: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        rows: list[_Row] = []
        offset = 0
        for s_index, sentence in enumerate(sentences):
            if s_index:
                pieces.append("\n")
                offset += 1
            for r_index, row in enumerate(sentence):
                if r_index and sentence[r_index - 1].space_after:
                    pieces.append(" ")
                    offset += 1
                starts.append(offset)
                pieces.append(row.token)
                offset += len(row.token)
                ends.append(offset)
                rows.append(row)
        doc_text = "".join(pieces)
        spans: set[SpanRecord] = set()
        for col in range(width - layers, width):
            # Entities never continue across sentences.
            base = 0
            for sentence in sentences:
                tags = [r.tags[col] for r in sentence]
                for first, last, label in decode_tags(tags, scheme, report):
                    spans.add(SpanRecord(starts[base + first], ends[base + last - 1], label))
                base += len(sentence)
        title = path.stem if len(docs) == 1 else f"{path.stem} #{number}"
        records.append(
            DocRecord(
                text=doc_text,
                spans=sorted(spans, key=lambda s: (s.start, -s.end, s.label)),
                title=title,
                meta={"source_file": path.name, "format": "conll", "scheme": scheme},
            )
        )
    return records


# ------------------------------------------------------------------ writing


@dataclass(frozen=True)
class ExportProblem:
    """A span a CoNLL convention could not represent as it is."""

    doc: str
    start: int
    end: int
    label: str
    reason: str


def _whitespace_tokens(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    return [(lo + m.start(), lo + m.end()) for m in re.finditer(r"\S+", text[lo:hi])]


class _SpanIndex:
    """Answers "is this offset strictly inside a span?" and lists span boundaries fast."""

    def __init__(self, spans: Sequence[SpanRecord]) -> None:
        ordered = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in ordered]
        self.reach: list[int] = []  # the furthest end among spans starting up to here
        for span in ordered:
            self.reach.append(max(span.end, self.reach[-1]) if self.reach else span.end)
        self.cuts = sorted({p for s in spans for p in (s.start, s.end)})

    def inside(self, offset: int) -> bool:
        """True if some span starts before offset and ends after it."""
        before = bisect_left(self.starts, offset)
        return bool(before) and self.reach[before - 1] > offset

    def cuts_within(self, start: int, end: int) -> list[int]:
        """Span boundaries strictly between start and end."""
        return self.cuts[bisect_right(self.cuts, start) : bisect_left(self.cuts, end)]


def _clitic_tokens(text: str, lo: int, hi: int, index: _SpanIndex) -> list[tuple[int, int]]:
    """Whitespace tokens split at span boundaries, and after proclitics outside spans."""
    tokens: list[tuple[int, int]] = []
    for start, end in _whitespace_tokens(text, lo, hi):
        points = {start, end, *index.cuts_within(start, end)}
        stem = strip_proclitic(text[start:end])
        # A span that includes its proclitic (as ANERcorp's do) is kept whole.
        if stem and not index.inside(start + stem):
            points.add(start + stem)
        ordered = sorted(points)
        tokens.extend(zip(ordered, ordered[1:], strict=False))
    return tokens


def _levels(spans: Sequence[SpanRecord]) -> list[list[SpanRecord]]:
    """Spans by nesting level: level 0 holds spans no other span contains."""
    levels: list[list[SpanRecord]] = []
    stack: list[tuple[SpanRecord, int]] = []
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end, s.label)):
        while stack and stack[-1][0].end <= span.start:
            stack.pop()
        depth = 0
        for outer, outer_depth in reversed(stack):
            if outer.start <= span.start and span.end <= outer.end:
                depth = outer_depth + 1
                break
        stack.append((span, depth))
        while len(levels) <= depth:
            levels.append([])
        levels[depth].append(span)
    return levels


def _sentence_bounds(
    text: str, spans: Sequence[SpanRecord], by_lines: bool
) -> list[tuple[int, int]]:
    """Sentence ranges; two sentences are joined rather than cut through an entity."""
    from core.text import sentences

    if by_lines:
        bounds, pos = [], 0
        for line in text.split("\n"):
            bounds.append((pos, pos + len(line)))
            pos += len(line) + 1
    else:
        bounds = sentences(text)
    index = _SpanIndex(spans)
    merged: list[tuple[int, int]] = []
    for start, end in bounds:
        if merged and index.inside(merged[-1][1]):
            merged[-1] = (merged[-1][0], end)
            continue
        merged.append((start, end))
    return merged


def write_conll(
    docs: Sequence[DocRecord],
    *,
    tokens: str = "whitespace",
    scheme: str = "iob2",
    nested: bool = False,
) -> tuple[str, list[ExportProblem]]:
    """CoNLL text for the documents, and the spans it could not represent exactly."""
    out: list[str] = []
    problems: list[ExportProblem] = []
    for doc in docs:
        if len(docs) > 1:
            out.append(f"{DOCSTART} O\n\n")
        levels = _levels(doc.spans) or [[]]
        if not nested and len(levels) > 1:
            for level in levels[1:]:
                problems += [
                    _problem(doc, s, "nested inside another span; use --nested columns")
                    for s in level
                ]
            levels = levels[:1]
        index = _SpanIndex(doc.spans)
        by_lines = doc.meta.get("format") == "conll"
        level_starts = [[s.start for s in level] for level in levels]
        for lo, hi in _sentence_bounds(doc.text, doc.spans, by_lines):
            if tokens == "clitic":
                toks = _clitic_tokens(doc.text, lo, hi, index)
            else:
                toks = _whitespace_tokens(doc.text, lo, hi)
            if not toks:
                continue
            columns = [
                _tag_level(
                    doc,
                    toks,
                    level[bisect_left(starts, lo) : bisect_left(starts, hi)],
                    scheme,
                    problems,
                    tokens,
                )
                for level, starts in zip(levels, level_starts, strict=True)
            ]
            for i, (start, end) in enumerate(toks):
                cells = [doc.text[start:end]]
                if tokens == "clitic":
                    joined = i + 1 < len(toks) and toks[i + 1][0] == end
                    cells.append(NO_SPACE if joined else "_")
                # Inner levels first, the outermost last: the tag column is last.
                cells.extend(col[i] for col in reversed(columns))
                out.append(" ".join(cells) + "\n")
            out.append("\n")
    return "".join(out), problems


def _problem(doc: DocRecord, span: SpanRecord, reason: str) -> ExportProblem:
    return ExportProblem(doc.id or "", span.start, span.end, span.label, reason)


def _tag_level(
    doc: DocRecord,
    toks: Sequence[tuple[int, int]],
    level: Sequence[SpanRecord],
    scheme: str,
    problems: list[ExportProblem],
    tokens: str,
) -> list[str]:
    tags = ["O"] * len(toks)
    owner: list[SpanRecord | None] = [None] * len(toks)
    tok_ends = [e for _, e in toks]
    for span in level:
        first_tok = bisect_right(tok_ends, span.start)
        covered = []
        for i in range(first_tok, len(toks)):
            if toks[i][0] >= span.end:
                break
            covered.append(i)
        if not covered:
            continue
        if any(owner[i] is not None for i in covered):
            problems.append(
                _problem(doc, span, f"shares a {tokens} token with another span; left out")
            )
            continue
        first, last = covered[0], covered[-1]
        if tokens == "whitespace":
            lead = doc.text[toks[first][0] : span.start]
            trail = doc.text[span.end : toks[last][1]]
            stem = toks[first][0] + strip_proclitic(doc.text[toks[first][0] : toks[first][1]])
            # Widening over a proclitic, quotes or punctuation is the convention itself;
            # widening over letters of the word is a shift worth telling.
            if (any(ch.isalnum() for ch in lead) and stem != span.start) or any(
                ch.isalnum() for ch in trail
            ):
                widened = doc.text[toks[first][0] : toks[last][1]]
                problems.append(_problem(doc, span, f"widened to whole tokens: {widened!r}"))
        for i in covered:
            owner[i] = span
        for i in covered:
            if scheme == "bioes":
                if first == last:
                    prefix = "S"
                elif i == first:
                    prefix = "B"
                elif i == last:
                    prefix = "E"
                else:
                    prefix = "I"
            else:
                prefix = "B" if i == first else "I"
            tags[i] = f"{prefix}-{span.label}"
    return tags
