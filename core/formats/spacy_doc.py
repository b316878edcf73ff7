"""spaCy's binary training format (DocBin, ``.spacy``) from our documents.

Each document becomes a ``Doc`` whose text is exactly ours: tokens are the
text's whitespace-separated pieces, split at every span boundary, and runs of
whitespace other than a single space after a token are whitespace tokens, as
spaCy's own tokenizer makes them. Entities go into ``doc.ents`` where they do
not overlap (the longest wins, so an outer entity is kept over a nested one),
and every span into ``doc.spans["sc"]`` (spaCy's span categorizer key).

spaCy is an optional dependency (``pip install -e '.[spacy]'``), imported only
when this export runs; ``spacy.blank("xx")`` needs no model download.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from core.errors import TawsimError
from core.formats.base import DocRecord, ExportProblem

SPANS_KEY = "sc"


def words_and_spaces(text: str, cuts: Sequence[int]) -> tuple[list[str], list[bool]]:
    """spaCy words and trailing-space flags that rebuild text exactly, split at cuts."""
    ordered = sorted(set(cuts))
    words: list[str] = []
    spaces: list[bool] = []
    for m in re.finditer(r"\S+|\s+", text):
        start, end = m.start(), m.end()
        inner = ordered[bisect_right(ordered, start) : bisect_left(ordered, end)]
        points = [start, *inner, end]
        for lo, hi in zip(points, points[1:], strict=False):
            piece = text[lo:hi]
            if piece.isspace():
                # A single space after a word is that word's trailing space, as spaCy has it.
                if words and not spaces[-1] and not words[-1].isspace() and piece[0] == " ":
                    spaces[-1] = True
                    piece = piece[1:]
                if not piece:
                    continue
            words.append(piece)
            spaces.append(False)
    return words, spaces


def docbin_bytes(docs: Iterable[DocRecord]) -> tuple[bytes, list[ExportProblem], int]:
    """The DocBin of the documents' accepted spans, spans it could not place, and how
    many spans are in ``spans["sc"]`` only (nested or overlapping, so not in ``ents``).

    Documents are taken one at a time, but a ``.spacy`` file is one serialized
    DocBin, so the DocBin (compact token arrays, not Doc objects) grows with the
    corpus: the one export format whose memory is not flat."""
    try:
        import spacy
        from spacy.tokens import Doc, DocBin
        from spacy.util import filter_spans
    except ImportError:
        raise TawsimError(
            "the spaCy export needs spaCy: pip install -e '.[spacy]' (or pip install spacy)"
        ) from None
    nlp = spacy.blank("xx")
    out = DocBin(store_user_data=True)
    problems: list[ExportProblem] = []
    spans_only = 0
    for doc in docs:
        accepted = [s for s in doc.spans if s.status == "accepted"]
        words, spaces = words_and_spaces(doc.text, [p for s in accepted for p in (s.start, s.end)])
        sdoc = Doc(nlp.vocab, words=words, spaces=spaces)
        assert sdoc.text == doc.text  # the offsets below rely on it
        placed: list[Any] = []
        for span in accepted:
            made = sdoc.char_span(span.start, span.end, label=span.label)
            if made is None:
                reason = "does not start and end at spaCy token edges; left out"
                problems.append(
                    ExportProblem(doc.id or "", span.start, span.end, span.label, reason)
                )
                continue
            placed.append(made)
        sdoc.spans[SPANS_KEY] = placed
        ents = filter_spans(placed)
        sdoc.ents = ents
        spans_only += len(placed) - len(ents)
        sdoc.user_data["tawsim_id"] = doc.id
        sdoc.user_data["title"] = doc.title
        out.add(sdoc)
    return out.to_bytes(), problems, spans_only
