"""Gold corpora for training, evaluation and simulation, read with ``core.formats``.

Files are read by the project's own readers (``core.formats.project_io.read_file``:
CoNLL, doccano JSONL, Label Studio, brat), so the extractor sees exactly what
an import would. A CoNLL document's text is its tokens joined with single
spaces, one sentence a line; its tokens for training and for the token view
of evaluation are the whitespace tokens of each line, and its tags are the
spans projected back onto them (IOB2).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.evaluate import whitespace_tokens

__all__ = [
    "GoldDoc",
    "Sentence",
    "bio_entities",
    "gold_from_sentences",
    "read_gold",
    "read_sentences",
    "sentences_of",
    "spans_to_bio",
]

Sentence = list[tuple[str, str]]


@dataclass
class GoldDoc:
    """A text with entity spans (code-point offsets) and, for CoNLL input, its tokens."""

    id: str
    text: str
    spans: list[tuple[int, int, str]]
    tokens: list[tuple[int, int]] | None = None
    sentences: list[list[int]] | None = None  # token indices per sentence (line)


def bio_entities(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """Entities in an IOB2 tag sequence as (first token, last token + 1, label).

    A stray ``I-`` without a ``B-`` starts an entity, as conlleval does.
    """
    out: list[tuple[int, int, str]] = []
    start, label = -1, ""
    tags = list(tags)
    for i, tag in enumerate([*tags, "O"]):
        kind, _, name = tag.partition("-")
        continues = kind == "I" and name == label and start >= 0
        if start >= 0 and not continues:
            out.append((start, i, label))
            start, label = -1, ""
        if kind in ("B", "I") and not continues:
            start, label = i, name
    return out


def spans_to_bio(
    tokens: Sequence[tuple[int, int]], spans: Iterable[tuple[int, int, str]]
) -> list[str]:
    """Project character spans onto tokens: a token a span touches gets its tag (IOB2)."""
    tags = ["O"] * len(tokens)
    starts = [s for s, _ in tokens]
    import bisect

    for s, e, label in sorted(spans):
        first = True
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        while i < len(tokens) and tokens[i][0] < e:
            ts, te = tokens[i]
            if ts < e and s < te and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + label
                first = False
            i += 1
    return tags


def _lines(text: str, tokens: list[tuple[int, int]]) -> list[list[int]]:
    """Token indices of each non-empty line."""
    out: list[list[int]] = []
    line_start = -1
    for k, (s, _) in enumerate(tokens):
        start = text.rfind("\n", 0, s) + 1
        if start != line_start or not out:
            out.append([])
            line_start = start
        out[-1].append(k)
    return out


def read_gold(path: str | Path) -> list[GoldDoc]:
    """Documents with their accepted spans from a CoNLL, JSONL, Label Studio or brat file.

    CoNLL documents also get their whitespace tokens and lines (sentences).
    """
    from core.formats.base import ReadReport
    from core.formats.project_io import ImportOptions, detect_format, read_file

    path = Path(path)
    fmt = detect_format(path)
    records, _ = read_file(path, ImportOptions(), ReadReport())
    docs: list[GoldDoc] = []
    for n, rec in enumerate(records, 1):
        spans = [(s.start, s.end, s.label) for s in rec.spans if s.status == "accepted"]
        doc_id = rec.id or (path.stem if len(records) == 1 else f"{path.stem}-{n}")
        if fmt == "conll":
            tokens = whitespace_tokens(rec.text)
            docs.append(GoldDoc(doc_id, rec.text, spans, tokens, _lines(rec.text, tokens)))
        else:
            docs.append(GoldDoc(doc_id, rec.text, spans))
    return docs


def sentences_of(doc: GoldDoc) -> list[Sentence]:
    """A document's (token, IOB2 tag) sentences: its lines' whitespace tokens."""
    tokens = doc.tokens if doc.tokens is not None else whitespace_tokens(doc.text)
    groups = doc.sentences if doc.sentences is not None else _lines(doc.text, tokens)
    tags = spans_to_bio(tokens, doc.spans)
    return [[(doc.text[tokens[k][0] : tokens[k][1]], tags[k]) for k in group] for group in groups]


def read_sentences(paths: Iterable[str | Path]) -> list[Sentence]:
    """Every (token, tag) sentence of every document of the files, in order."""
    return [s for p in paths for d in read_gold(p) for s in sentences_of(d)]


def gold_from_sentences(doc_id: str, sentences: Sequence[Sentence]) -> GoldDoc:
    """A document from tagged sentences: tokens joined with spaces, one sentence a line."""
    parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    spans: list[tuple[int, int, str]] = []
    groups: list[list[int]] = []
    pos = 0
    for sent in sentences:
        first = len(tokens)
        for k, (tok, _) in enumerate(sent):
            if k:
                parts.append(" ")
                pos += 1
            tokens.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
        parts.append("\n")
        pos += 1
        groups.append(list(range(first, len(tokens))))
        for a, b, label in bio_entities(tag for _, tag in sent):
            spans.append((tokens[first + a][0], tokens[first + b - 1][1], label))
    return GoldDoc(doc_id, "".join(parts), spans, tokens, groups)
