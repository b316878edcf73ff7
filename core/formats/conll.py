"""Writing CoNLL (2002/2003 style): one token a line, the tag last, blank lines between sentences.

Reading lives in core.formats.conll_reader (re-exported here).

Writing
    ``whitespace`` tokens (ANERcorp's convention) are the text's whitespace
    tokens; an entity covers every token it touches, so ``وسوريا`` is one
    ``B-LOC`` token. ``clitic`` tokens are split at every span boundary and
    after proclitics, so ``و`` ``O`` is followed by ``سوريا`` ``B-LOC``; the
    inserted breaks are marked ``SpaceAfter=No`` so that import restores the
    text. The outermost spans go in the tag column; ``nested=True`` adds a
    column per inner level, innermost first, before the outermost.
    Columns are separated by a space or a tab (doccano needs tabs); schemes
    are IOB1, IOB2, BIOES (``S-``/``E-``) and BILOU (``U-``/``L-``, spaCy's).
    ``-DOCSTART- -X- O O`` (the CoNLL 2003 line spaCy splits documents on)
    separates documents when asked, by default when there are several.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

from core.arabic import strip_proclitic
from core.formats.base import DocRecord, ExportProblem, SpanRecord
from core.formats.conll_reader import (
    DOCSTART,
    NO_SPACE,
    SCHEMES,
    TAG,
    decode_tags,
    detect_scheme,
    read_conll,
)

__all__ = [
    "DOCSTART",
    "NO_SPACE",
    "SCHEMES",
    "TAG",
    "decode_tags",
    "detect_scheme",
    "read_conll",
    "write_conll",
    "iter_conll",
    "ExportProblem",
    "nesting_levels",
    "PRESETS",
    "WRITE_SCHEMES",
]

WRITE_SCHEMES = ("iob1", "iob2", "bioes", "bilou")
DOCSTART_LINE = f"{DOCSTART} -X- O O"
# What each consumer reads: doccano wants tab-separated columns and no -DOCSTART-
# (it would become a token); spaCy's converter splits documents on the CoNLL 2003
# -DOCSTART- line and reads IOB; ANERcorp's own files have neither.
PRESETS: dict[str, dict[str, object]] = {
    "doccano": {"delimiter": "\t", "docstart": False, "scheme": "iob2"},
    "spacy": {"delimiter": " ", "docstart": True, "scheme": "iob2"},
    "anercorp": {"delimiter": " ", "docstart": False, "scheme": "iob2"},
}


# ------------------------------------------------------------------ writing


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


def nesting_levels(spans: Sequence[SpanRecord]) -> list[list[SpanRecord]]:
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
    delimiter: str = " ",
    docstart: bool | None = None,
) -> tuple[str, list[ExportProblem]]:
    """CoNLL text for the documents, and the spans it could not represent exactly.

    ``docstart=None`` writes ``-DOCSTART-`` lines only when there are several documents.
    """
    problems: list[ExportProblem] = []
    pieces = iter_conll(
        docs,
        problems,
        tokens=tokens,
        scheme=scheme,
        nested=nested,
        delimiter=delimiter,
        docstart=docstart,
    )
    return "".join(pieces), problems


def iter_conll(
    docs: Iterable[DocRecord],
    problems: list[ExportProblem],
    *,
    tokens: str = "whitespace",
    scheme: str = "iob2",
    nested: bool = False,
    delimiter: str = " ",
    docstart: bool | None = None,
) -> Iterator[str]:
    """CoNLL text one document at a time, adding the spans it cannot keep to problems."""
    if scheme not in WRITE_SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}")
    stream = iter(docs)
    # Whether there are several documents is known from the first two: no list is built.
    head = list(islice(stream, 2))
    starts_docs = len(head) > 1 if docstart is None else docstart
    for doc in chain(head, stream):
        out: list[str] = []
        if starts_docs:
            out.append(f"{DOCSTART_LINE}\n\n")
        _conll_doc(doc, out, problems, tokens, scheme, nested, delimiter)
        yield "".join(out)


def _conll_doc(
    doc: DocRecord,
    out: list[str],
    problems: list[ExportProblem],
    tokens: str,
    scheme: str,
    nested: bool,
    delimiter: str,
) -> None:
    """Append one document's CoNLL lines to out."""
    levels = nesting_levels(doc.spans) or [[]]
    if not nested and len(levels) > 1:
        for level in levels[1:]:
            problems += [
                _problem(doc, s, "nested inside another span; use --nested columns") for s in level
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
            out.append(delimiter.join(cells) + "\n")
        out.append("\n")


def _problem(doc: DocRecord, span: SpanRecord, reason: str) -> ExportProblem:
    return ExportProblem(doc.id or "", span.start, span.end, span.label, reason)


def encode_tags(owner: Sequence[int | None], labels: Sequence[str], scheme: str) -> list[str]:
    """Tags for tokens owned by entities (owner[i] indexes labels, None is outside)."""
    tags = []
    for i, who in enumerate(owner):
        if who is None:
            tags.append("O")
            continue
        first = i == 0 or owner[i - 1] != who
        last = i + 1 == len(owner) or owner[i + 1] != who
        if scheme == "iob1":
            # B- only where an entity follows another of the same type directly.
            before = owner[i - 1] if i else None
            follows = before is not None and labels[before] == labels[who]
            prefix = "B" if first and follows else "I"
        elif scheme == "iob2":
            prefix = "B" if first else "I"
        else:
            single, end = ("U", "L") if scheme == "bilou" else ("S", "E")
            prefix = (single if last else "B") if first else (end if last else "I")
        tags.append(f"{prefix}-{labels[who]}")
    return tags


def _tag_level(
    doc: DocRecord,
    toks: Sequence[tuple[int, int]],
    level: Sequence[SpanRecord],
    scheme: str,
    problems: list[ExportProblem],
    tokens: str,
) -> list[str]:
    owner: list[int | None] = [None] * len(toks)
    labels: list[str] = []
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
        labels.append(span.label)
        for i in covered:
            owner[i] = len(labels) - 1
    return encode_tags(owner, labels, scheme)
