"""Active learning: the documents the project model is least sure about come first.

A document's uncertainty is the mean, over its tokens, of ``1 - P(best tag)``:
the CRF's marginal probability of the tag it chose for each token (including
``O``), so a document full of confident tags scores near 0 and one the model
hesitates on scores high. Per token rather than per document, so a long
document is not preferred for its length alone.

:func:`most_useful_first` is what the GUI's "Most useful first" order calls:
the project's documents the annotator has not marked done, least certain
first, using the same model the suggestions come from (the project model once
trained, else the bundled one). ``simulate(order="uncertainty")`` replays an
annotator who always opens the next document in that order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from core.extract.crf import CrfRecommender, text_sentences

if TYPE_CHECKING:
    from core.store.project import Project

__all__ = ["document_uncertainty", "most_useful_first", "order_by_uncertainty"]


def _xseqs(model: Any, sentences: Sequence[Sequence[str]]) -> tuple[Any, list[list[list[str]]]]:
    """The crfsuite tagger that decides, and its feature sequences for the sentences."""
    from core.extract.learning import ProjectCrfRecommender, stack_features

    if isinstance(model, ProjectCrfRecommender):
        xs = [model.model.extractor.sentence(tokens) for tokens in sentences]
        return model.model.tagger, stack_features(model.base, sentences, xs)
    crf = model.model if isinstance(model, CrfRecommender) else model
    return crf.tagger, crf.features(sentences)


def document_uncertainty(model: Any, text: str) -> float:
    """Mean over the text's tokens of 1 - the marginal of the tag the model chose (0 if empty)."""
    sents = text_sentences(text)
    if not sents:
        return 0.0
    tagger, xseqs = _xseqs(model, [[t.text for t in s] for s in sents])
    total = 0.0
    n = 0
    for xseq in xseqs:
        if not xseq:
            continue
        tagger.set(xseq)
        for i, tag in enumerate(tagger.tag()):
            total += 1.0 - float(tagger.marginal(tag, i))
        n += len(xseq)
    return total / n if n else 0.0


def order_by_uncertainty(
    items: Iterable[tuple[str, str]],
    model: Any,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> list[tuple[str, float]]:
    """(id, uncertainty) for (id, text) items, least certain first; ties keep the given order."""
    rows = list(items)
    scored = []
    for k, (doc_id, text) in enumerate(rows):
        scored.append((doc_id, document_uncertainty(model, text), k))
        if progress:
            progress(k + 1, len(rows))
    scored.sort(key=lambda r: (-r[1], r[2]))
    return [(doc_id, u) for doc_id, u, _ in scored]


def most_useful_first(
    project: Project,
    annotator: str | None = None,
    *,
    model: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Ids of the project's documents not done by the annotator, least certain first.

    ``model`` defaults to the CRF the annotator's suggestions come from (the
    project model when one is trained, else the bundled one); without any
    model the documents keep the project's order. Read-only: safe in a worker.
    """
    from core.extract.learning import project_crf

    todo = [
        info.id
        for info in project.documents()
        if project.summary(info.id, annotator).status != "done"
    ]
    model = model if model is not None else project_crf(project, annotator)
    if model is None:
        return todo
    items = ((doc_id, project.text(doc_id)) for doc_id in todo)
    return [doc_id for doc_id, _ in order_by_uncertainty(items, model, progress=progress)]
