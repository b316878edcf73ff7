"""Replay an annotator over gold documents and count the effort the suggestions leave.

For each document, in order: take the combined suggestions, accept the right
ones, reject the wrong ones, add the missed ones, mark the document done, and
let learning run as the app does (the project memory at once, a project model
retrained on the finished documents, which replaces the default model once it
has made fewer errors on the documents finished after it was trained,
``core.extract.learning.TakeOver``). Effort is
``(false suggestions + missed entities) / gold entities``.

``order="corpus"`` replays the documents as given; ``order="uncertainty"``
opens next, each time, the remaining document the current model is least sure
about (``core.extract.active``), as "Most useful first" does in the app.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.evaluate import whitespace_tokens
from core.extract.base import Recommender, Suggestion
from core.extract.corpus import GoldDoc
from core.extract.crf import CrfModel, CrfRecommender, default_model
from core.extract.learning import (
    ProjectCrfRecommender,
    TakeOver,
    document_sentences,
    judge_documents,
    train_stacked,
)
from core.extract.memory import ProjectMemoryRecommender
from core.extract.pipeline import Combiner
from core.model import Document, DocumentInfo, Span

__all__ = ["DocEffort", "ORDERS", "simulate"]

ORDERS = ("corpus", "uncertainty")


@dataclass
class DocEffort:
    """One document's outcome."""

    id: str
    gold: int
    false_suggestions: int
    missed: int

    @property
    def effort(self) -> float:
        """(false suggestions + missed) / gold entities (false suggestions alone if no gold)."""
        return (self.false_suggestions + self.missed) / max(self.gold, 1)

    def to_json(self) -> dict[str, Any]:
        """The JSON row."""
        return {
            "id": self.id,
            "gold": self.gold,
            "false_suggestions": self.false_suggestions,
            "missed": self.missed,
            "effort": round(self.effort, 4),
        }


def _keyer(doc: GoldDoc, match: str) -> Callable[[int, int, str], tuple[int, int, str]]:
    if match == "exact":
        return lambda s, e, label: (s, e, label)
    tokens = doc.tokens or whitespace_tokens(doc.text)
    starts = [t[0] for t in tokens]
    import bisect

    def key(s: int, e: int, label: str) -> tuple[int, int, str]:
        i = max(bisect.bisect_right(starts, s) - 1, 0)
        j = max(bisect.bisect_left(starts, e) - 1, i)
        return (i, j, label)

    return key


def _summary(rows: Sequence[DocEffort]) -> dict[str, Any]:
    gold = sum(r.gold for r in rows)
    false = sum(r.false_suggestions for r in rows)
    missed = sum(r.missed for r in rows)
    return {
        "documents": len(rows),
        "gold": gold,
        "false_suggestions": false,
        "missed": missed,
        "effort": round((false + missed) / max(gold, 1), 4),
    }


def simulate(
    docs: Sequence[GoldDoc],
    *,
    learning: bool = True,
    base: Sequence[Recommender] | None = None,
    crf: CrfModel | None = None,
    match: str | None = None,
    retrain_every: int = 1,
    order: str = "corpus",
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Replay the documents; return per-document effort, the total and the last quarter's."""
    if order not in ORDERS:
        raise ValueError(f"order must be one of {ORDERS}, not {order!r}")
    if base is None:
        from core.extract.gazetteer import GazetteerRecommender
        from core.extract.rules import RuleRecommender

        base = [GazetteerRecommender(), RuleRecommender()]
    crf = crf if crf is not None else default_model()
    memory = ProjectMemoryRecommender()
    done: list[list[list[tuple[str, str]]]] = []
    project_rec: ProjectCrfRecommender | None = None
    takeover = TakeOver()
    took_over: int | None = None  # the first document the project model suggested for
    rows: list[DocEffort] = []
    with tempfile.TemporaryDirectory(prefix="tawsim-simulate-") as tmp:
        remaining = list(docs)
        for n in range(len(docs)):
            gold_doc = _next_doc(remaining, order, project_rec or crf)
            recs: list[Recommender] = list(base)
            if project_rec is not None and takeover.project_leads:
                recs.append(project_rec)
                took_over = n if took_over is None else took_over
            elif crf is not None:
                recs.append(CrfRecommender(crf))
            if learning:
                recs.append(memory)
            doc = Document(
                DocumentInfo(gold_doc.id, gold_doc.id, 0.0, length=len(gold_doc.text)),
                gold_doc.text,
            )
            suggestions = Combiner(recs).suggest(doc)
            mode = match or ("token" if gold_doc.tokens is not None else "exact")
            rows.append(_replay(gold_doc, suggestions, memory if learning else None, mode))
            if learning:
                spans = gold_doc.spans
                # Judged before it learns from this document, as the app does at Mark done.
                judge_documents(
                    project_rec, [(gold_doc.text, spans)], takeover, _keyer(gold_doc, mode)
                )
                done.append(document_sentences(gold_doc.text, spans))
                if (n + 1) % retrain_every == 0 or n + 1 == len(docs):
                    out = Path(tmp) / f"project-{n}.crfsuite"
                    trained = train_stacked(done, out, base=crf, version=n + 1)
                    if trained is not None:
                        project_rec = ProjectCrfRecommender(CrfModel(trained), crf)
            if progress:
                progress(n + 1, len(docs))
    quarter = rows[len(rows) - max(len(rows) // 4, 1) :] if rows else []
    return {
        "documents": [r.to_json() for r in rows],
        "total": _summary(rows),
        "last_quarter": _summary(quarter),
        "learning": learning,
        "order": order,
        "takeover": {**takeover.to_json(), "project_model_from": took_over},
    }


def _next_doc(remaining: list[GoldDoc], order: str, model: Any) -> GoldDoc:
    """Take the next document off ``remaining``: the first, or the least certain one."""
    if order == "corpus" or model is None or len(remaining) == 1:
        return remaining.pop(0)
    from core.extract.active import document_uncertainty

    scores = [document_uncertainty(model, d.text) for d in remaining]
    best = max(range(len(remaining)), key=lambda k: (scores[k], -k))
    return remaining.pop(best)


def _replay(
    gold_doc: GoldDoc,
    suggestions: list[Suggestion],
    memory: ProjectMemoryRecommender | None,
    mode: str,
) -> DocEffort:
    key = _keyer(gold_doc, mode)
    gold_keys = {key(s, e, label): (s, e, label) for s, e, label in gold_doc.spans}
    right: set[tuple[int, int, str]] = set()
    false = 0
    for sug in suggestions:
        k = key(sug.start, sug.end, sug.label)
        if k in gold_keys and k not in right:
            right.add(k)
        else:
            false += 1
            if memory is not None:
                rejected = Span(sug.start, sug.end, sug.label, "simulator", status="rejected")
                memory.learn(gold_doc.text, rejected)
    if memory is not None:
        for s, e, label in gold_doc.spans:
            memory.learn(gold_doc.text, Span(s, e, label, "simulator"))
    missed = len(gold_keys) - len(right)
    return DocEffort(gold_doc.id, len(gold_doc.spans), false, missed)


def chunk_conll_docs(docs: Sequence[GoldDoc], sentences_per_doc: int) -> list[GoldDoc]:
    """Cut CoNLL documents into pseudo-documents of N sentences (ANERcorp has no breaks)."""
    if sentences_per_doc <= 0:
        return list(docs)
    out: list[GoldDoc] = []
    for doc in docs:
        if doc.sentences is None or doc.tokens is None:
            out.append(doc)
            continue
        for k in range(0, len(doc.sentences), sentences_per_doc):
            group = [i for sent in doc.sentences[k : k + sentences_per_doc] for i in sent]
            if not group:
                continue
            start, end = doc.tokens[group[0]][0], doc.tokens[group[-1]][1] + 1
            text = doc.text[start:end]
            tokens = [(doc.tokens[i][0] - start, doc.tokens[i][1] - start) for i in group]
            spans = [(s - start, e - start, lab) for s, e, lab in doc.spans if start <= s < end]
            piece_id = f"{doc.id}-{k // sentences_per_doc + 1}"
            out.append(GoldDoc(piece_id, text, spans, tokens, None))
    return out
