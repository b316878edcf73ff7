"""Minimal readers for the extractor: CoNLL ``TOKEN TAG`` files and doccano JSONL.

The full import and export of formats lives in ``core.formats``; this module
only reads what training, evaluation and simulation need. A CoNLL file is
``TOKEN TAG`` a line (the tag is the last column), a blank line between
sentences and ``-DOCSTART-`` between documents. Tags are IOB2 (``B-LOC``);
a stray ``I-`` without a ``B-`` starts an entity, as conlleval does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from core.errors import TawsimError

__all__ = [
    "ConllDoc",
    "GoldDoc",
    "bio_entities",
    "conll_doc_to_gold",
    "read_conll",
    "read_gold",
    "read_jsonl",
    "spans_to_bio",
]

Sentence = list[tuple[str, str]]


@dataclass
class ConllDoc:
    """One CoNLL document: sentences of (token, tag) pairs."""

    id: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class GoldDoc:
    """A text with entity spans (code-point offsets) and, for CoNLL input, its tokens."""

    id: str
    text: str
    spans: list[tuple[int, int, str]]
    tokens: list[tuple[int, int]] | None = None
    sentences: list[list[int]] | None = None  # token indices per sentence


def read_conll(path: str | Path) -> list[ConllDoc]:
    """Read a CoNLL file into documents (one document if there is no -DOCSTART-)."""
    path = Path(path)
    docs: list[ConllDoc] = []
    current = ConllDoc(f"{path.stem}-1")
    sentence: Sentence = []
    try:
        handle = open(path, encoding="utf-8-sig")
    except OSError as exc:
        raise TawsimError(f"{path}: cannot read ({exc})") from exc
    with handle:
        for number, raw in enumerate(handle, 1):
            line = raw.strip()
            if not line:
                if sentence:
                    current.sentences.append(sentence)
                    sentence = []
                continue
            parts = line.split()
            if parts[0] == "-DOCSTART-":
                if sentence:
                    current.sentences.append(sentence)
                    sentence = []
                if current.sentences:
                    docs.append(current)
                current = ConllDoc(f"{path.stem}-{len(docs) + 1}")
                continue
            if len(parts) < 2:
                raise TawsimError(f"{path}:{number}: expected 'TOKEN TAG', got {line!r}")
            sentence.append((parts[0], parts[-1]))
    if sentence:
        current.sentences.append(sentence)
    if current.sentences:
        docs.append(current)
    return docs


def bio_entities(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """Entities in an IOB2 tag sequence as (first token, last token + 1, label)."""
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


def spans_to_bio(tokens: list[tuple[int, int]], spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """Project character spans onto tokens: a token inside or touching a span gets its tag."""
    tags = ["O"] * len(tokens)
    for s, e, label in sorted(spans):
        first = True
        for i, (ts, te) in enumerate(tokens):
            if ts < e and s < te and tags[i] == "O":
                tags[i] = ("B-" if first else "I-") + label
                first = False
    return tags


def conll_doc_to_gold(doc: ConllDoc) -> GoldDoc:
    """Join a CoNLL document's tokens with spaces (one sentence a line)."""
    parts: list[str] = []
    tokens: list[tuple[int, int]] = []
    spans: list[tuple[int, int, str]] = []
    sentences: list[list[int]] = []
    pos = 0
    for sent in doc.sentences:
        first_token = len(tokens)
        for k, (tok, _) in enumerate(sent):
            if k:
                parts.append(" ")
                pos += 1
            tokens.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
        parts.append("\n")
        pos += 1
        sentences.append(list(range(first_token, len(tokens))))
        for a, b, label in bio_entities(tag for _, tag in sent):
            spans.append((tokens[first_token + a][0], tokens[first_token + b - 1][1], label))
    return GoldDoc(doc.id, "".join(parts), spans, tokens, sentences)


def read_jsonl(path: str | Path) -> list[GoldDoc]:
    """Read doccano JSONL: ``{"text", "label": [[start, end, label], ...]}`` a line."""
    path = Path(path)
    docs: list[GoldDoc] = []
    with open(path, encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text = str(row["text"])
                labels = row.get("label", row.get("labels", [])) or []
                spans = [(int(s), int(e), str(lab)) for s, e, lab in labels]
            except (ValueError, KeyError, TypeError) as exc:
                raise TawsimError(f"{path}:{number}: not doccano JSONL ({exc})") from exc
            doc_id = str(row.get("id", f"{path.stem}-{len(docs) + 1}"))
            docs.append(GoldDoc(doc_id, text, spans))
    return docs


def read_gold(path: str | Path) -> list[GoldDoc]:
    """Read CoNLL (``.conll``, ``.txt`` with tags, ``.bio``) or JSONL by extension."""
    path = Path(path)
    if path.suffix.lower() in (".jsonl", ".json"):
        return read_jsonl(path)
    return [conll_doc_to_gold(d) for d in read_conll(path)]


def iter_sentences(docs: Iterable[ConllDoc]) -> Iterator[Sentence]:
    """Every sentence of every document."""
    for doc in docs:
        yield from doc.sentences
