"""Reading CoNLL-style files: one token a line, tag columns last, blank lines between sentences.

Which columns are what
    The token is the first column, or the second when the first is a token
    index (GermEval 2014, CoNLL-U: integers counting from 1 in each sentence).
    A column counts as a tag column only if every value is ``O`` or a
    ``B-``/``I-``/``E-``/``S-``/``L-``/``U-`` prefix plus a label; the tag
    columns are the trailing run of such columns. A line may carry as many tag
    columns as its token is nested deep (Wojood: 2, 3 or 4 columns in one
    file), and a file may mix flat and nested documents (our own
    ``--nested columns`` export). Tag columns whose labels are all chunk types
    (NP, VP, PP…: CoNLL 2000, the third column of CoNLL 2003) are not entity
    levels; a file with chunk tags only is read as text with a warning.
    ``columns=["token", "_", "_", "ner"]`` says it explicitly instead.

Other lines
    ``#`` lines that do not end in a tag are comments (GermEval, CoNLL-U
    ``# text =``); ``-DOCSTART-`` starts a new document; ``SpaceAfter=No`` in a
    middle column joins a token to the next without a space. The text is
    rebuilt by joining tokens with single spaces and sentences with newlines.

Schemes
    IOB1, IOB2 and BIOES/BILOU are detected per file unless a scheme is given.
    Tag sequences a scheme does not allow (an ``I-`` with no ``B-`` in IOB2, a
    lone ``E-``) start a new entity and are counted.

A malformed line refuses the whole file with file:line, unless the report
skips bad lines, in which case each one is listed and the rest is read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.formats.base import DocRecord, FormatError, ReadReport, SpanRecord

TAG = re.compile(r"^(?:O|([BIESUL])-(\S+))$")
DOCSTART = "-DOCSTART-"
NO_SPACE = "SpaceAfter=No"
SCHEMES = ("iob1", "iob2", "bioes")
# Phrase types of CoNLL 2000 chunking (and the chunk column of CoNLL 2003).
CHUNK_LABELS = frozenset(
    {"NP", "VP", "PP", "ADVP", "ADJP", "SBAR", "PRT", "CONJP", "INTJ", "LST", "UCP"}
)
_INDEX = re.compile(r"^\d+$")
_METADATA = re.compile(r"^#\s*[\w.-]+\s*=")  # CoNLL-U's "# text = ...", "# sent_id = 1"
_CONLLU_EXTRA = re.compile(r"^\d+[-.]\d+$")  # CoNLL-U multiword ranges and empty nodes


@dataclass
class _Line:
    cols: list[str]
    number: int


@dataclass
class _Row:
    token: str
    tags: list[str]
    space_after: bool
    line: int


def _cells(stripped: str) -> list[str]:
    """A line's columns: tab-separated when it has a tab (doccano), else whitespace."""
    if "\t" in stripped:
        return [c.strip() for c in stripped.split("\t")]
    return stripped.split()


_KNOWN: dict[str, bool] = {}


def _is_tag(value: str) -> bool:
    # A corpus has few distinct tags and many lines: remember the answers (boundedly).
    known = _KNOWN.get(value)
    if known is None:
        known = bool(TAG.match(value))
        if len(_KNOWN) < 10_000:
            _KNOWN[value] = known
    return known


def _blocks(text: str) -> list[list[list[_Line]]]:
    """Documents of sentences of token lines; comments and -DOCSTART- removed."""
    docs: list[list[list[_Line]]] = [[]]
    sentence: list[_Line] = []
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped:
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            continue
        cols = _cells(stripped)
        if cols[0] == DOCSTART:
            if sentence:
                docs[-1].append(sentence)
                sentence = []
            if docs[-1]:
                docs.append([])
            continue
        if stripped.startswith("#") and (
            len(cols) < 2 or not _is_tag(cols[-1]) or _METADATA.match(stripped)
        ):
            continue  # a comment: GermEval's source line, CoNLL-U's "# text = ..."
        sentence.append(_Line(cols, number))
    if sentence:
        docs[-1].append(sentence)
    return [d for d in docs if d]


def _has_index(sentences: Iterable[list[_Line]]) -> bool:
    """True if the first column counts tokens from 1 in every sentence."""
    seen = False
    for sentence in sentences:
        expected = 1
        for line in sentence:
            first = line.cols[0]
            # An index needs a token and a tag or more after it: "1 O" is a token "1".
            if len(line.cols) < 3:
                return False
            if _CONLLU_EXTRA.match(first):
                continue
            if not _INDEX.match(first) or int(first) != expected:
                return False
            expected += 1
            seen = True
    return seen


def _tag_start(cols: Sequence[str], token: int) -> int:
    """Where the trailing run of tag columns begins (len(cols) when there is none)."""
    start = len(cols)
    while start - 1 > token and _is_tag(cols[start - 1]):
        start -= 1
    return start


@dataclass
class _Layout:
    token: int
    tags: int | None  # first tag column; None when the file has no entity column
    ner: list[int] | None = None  # explicit tag columns from --columns


def _parse_columns(path: Path, spec: Sequence[str]) -> _Layout:
    names = [name.strip().lower() for name in spec]
    if names.count("token") != 1 or "ner" not in names:
        raise FormatError(
            path, "--columns needs one 'token' and at least one 'ner' (e.g. token,_,_,ner)"
        )
    ner = [i for i, name in enumerate(names) if name == "ner"]
    return _Layout(token=names.index("token"), tags=min(ner), ner=ner)


def _layout(lines: Sequence[_Line]) -> _Layout:
    """Find the token column and where the tag columns begin."""
    starts = [_tag_start(line.cols, 0) for line in lines]
    tagged = [s for line, s in zip(lines, starts, strict=True) if s < len(line.cols)]
    if not tagged or 2 * len(tagged) < len(lines):
        return _Layout(token=0, tags=None)
    # The widest prefix seen: a POS value that happens to look like a tag stays a prefix.
    return _Layout(token=0, tags=max(tagged))


def _row(path: Path, line: _Line, layout: _Layout, report: ReadReport) -> _Row | None:
    """A token row, or None for a bad line that is skipped."""
    cols = line.cols
    token = cols[layout.token] if len(cols) > layout.token else ""
    if layout.ner is not None:
        # Wojood-style lines may stop after the levels their token is in: the rest is O.
        if len(cols) <= layout.ner[0] or not token:
            report.bad_line(
                path,
                f"{len(cols)} columns where --columns names {layout.ner[0] + 1} or more",
                line.number,
            )
            return None
        tags = [cols[i] if i < len(cols) else "O" for i in layout.ner]
        middle = [c for i, c in enumerate(cols) if i != layout.token and i not in layout.ner]
    elif layout.tags is None:
        if not token:
            report.bad_line(path, "a line without a token", line.number)
            return None
        tags, middle = [], cols[layout.token + 1 :]
    else:
        if len(cols) < layout.token + 2 or not token:
            report.bad_line(
                path, f"expected 'TOKEN ... TAG', got {' '.join(cols)[:40]!r}", line.number
            )
            return None
        tags, middle = cols[layout.tags :], cols[layout.token + 1 : layout.tags]
        if not tags:
            report.bad_line(
                path,
                f"{len(cols)} columns where earlier lines have {layout.tags + 1} or more",
                line.number,
            )
            return None
    bad = next((t for t in tags if not _is_tag(t)), None)
    if bad is not None:
        report.bad_line(path, f"{bad!r} is not a tag (O, B-X, I-X, E-X, S-X)", line.number)
        return None
    space_after = not any(NO_SPACE in cell.split("|") for cell in middle)
    return _Row(token, tags, space_after, line.number)


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


def _entity_levels(path: Path, rows: Sequence[_Row], report: ReadReport) -> list[int]:
    """Tag column positions that hold entities (chunk columns left out, with a warning)."""
    depth = max((len(r.tags) for r in rows), default=0)
    labels: list[Counter[str]] = [Counter() for _ in range(depth)]
    for row in rows:
        for k, tag in enumerate(row.tags):
            if tag != "O":
                labels[k][tag[2:]] += 1
    levels = []
    for k, seen in enumerate(labels):
        if seen and set(seen) <= CHUNK_LABELS:
            report.add("chunk tag columns ignored (not entities)", f"{', '.join(sorted(seen))}")
            continue
        levels.append(k)
    return levels


def read_conll(
    path: Path,
    text: str,
    *,
    scheme: str | None,
    report: ReadReport,
    columns: Sequence[str] | None = None,
) -> list[DocRecord]:
    """Documents from CoNLL text (already decoded)."""
    docs = _blocks(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not docs:
        raise FormatError(path, "no tokens found")
    lines = [ln for d in docs for s in d for ln in s]
    if columns:
        layout = _parse_columns(path, columns)
    else:
        if _has_index(s for d in docs for s in d):
            # CoNLL-U's multiword ranges and empty nodes repeat the words' text.
            docs = [
                [[ln for ln in s if not _CONLLU_EXTRA.match(ln.cols[0])] for s in d] for d in docs
            ]
            lines = [ln for d in docs for s in d for ln in s]
            for ln in lines:
                ln.cols = ln.cols[1:]  # the index is never text
        layout = _layout(lines)
        if layout.tags is None and all(len(ln.cols) < 2 for ln in lines):
            first = lines[0]
            raise FormatError(
                path, f"expected 'TOKEN ... TAG', got {' '.join(first.cols)[:40]!r}", first.number
            )
    row_docs: list[list[list[_Row]]] = []
    for d in docs:
        sentences = []
        for s in d:
            rows = [r for r in (_row(path, ln, layout, report) for ln in s) if r is not None]
            if rows:
                sentences.append(rows)
        if sentences:
            row_docs.append(sentences)
    if not row_docs:
        raise FormatError(path, "no tokens found")
    all_rows = [r for d in row_docs for s in d for r in s]
    levels = [] if layout.tags is None else _entity_levels(path, all_rows, report)
    if not levels:
        report.add(
            "no entity column found (imported the text without spans)",
            "pass --columns to name it" if layout.tags is None else "only chunk tags",
        )
    if scheme is None:
        scheme = detect_scheme(
            r.tags[k] if k < len(r.tags) else "O" for k in levels for r in all_rows
        )
    elif scheme not in SCHEMES:
        raise FormatError(path, f"unknown scheme {scheme!r}; use one of {', '.join(SCHEMES)}")
    return [
        _record(path, sentences, levels, scheme, report, len(row_docs), number)
        for number, sentences in enumerate(row_docs, 1)
    ]


def _record(
    path: Path,
    sentences: Sequence[Sequence[_Row]],
    levels: Sequence[int],
    scheme: str,
    report: ReadReport,
    count: int,
    number: int,
) -> DocRecord:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
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
    spans: set[SpanRecord] = set()
    for k in levels:
        # Entities never continue across sentences; a line without column k is outside it.
        base = 0
        for sentence in sentences:
            tags = [r.tags[k] if k < len(r.tags) else "O" for r in sentence]
            for first, last, label in decode_tags(tags, scheme, report):
                spans.add(SpanRecord(starts[base + first], ends[base + last - 1], label))
            base += len(sentence)
    return DocRecord(
        text="".join(pieces),
        spans=sorted(spans, key=lambda s: (s.start, -s.end, s.label)),
        title=path.stem if count == 1 else f"{path.stem} #{number}",
        meta={"source_file": path.name, "format": "conll", "scheme": scheme},
    )
