"""Cross-validation by document, the reliability of scores, and their calibration.

Every modelling decision is taken on K-fold cross-validation over documents
(folds by document, fixed seed), never on one dev split. ANERcorp's training
file has no document breaks, so :func:`split_documents` cuts it into
pseudo-documents of consecutive sentences; :func:`document_folds` deals them
into K folds after a seeded shuffle. :func:`run_fold` trains on the other
folds' sentences (in their original order, so the document features see
neighbours as in training) and runs the full extractor on each held-out
document's text, as the app would.

A suggestion is *right* when its whitespace-token projection and label equal
a gold entity's (the token view of ``core.evaluate``, ANERcorp's own view).
:func:`reliability_table` bins suggestions by score and gives each band's
share of right ones; :class:`Calibrator` maps a recommender's raw score to
that share (isotonic regression by pool-adjacent-violators, fitted on CV
folds), so that a suggestion scored 0.9 is right about 90 % of the time.
"""

from __future__ import annotations

import bisect
import json
import random
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.evaluate import Scores, evaluate, whitespace_tokens
from core.extract.base import recommender_name
from core.extract.corpus import GoldDoc, Sentence, gold_from_sentences

__all__ = [
    "BANDS",
    "Calibrator",
    "FoldResult",
    "Scored",
    "document_folds",
    "reliability_table",
    "run_fold",
    "split_documents",
]

SEED = 14
SENTENCES_PER_DOC = 100
BANDS: tuple[float, ...] = (0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0)


@dataclass(frozen=True)
class Scored:
    """One suggestion of a CV fold: its recommender, score and whether it was right."""

    origin: str
    score: float
    right: bool


@dataclass
class FoldResult:
    """One fold's token-projected scores (micro and per label) and its scored suggestions."""

    fold: int
    micro: Scores
    labels: dict[str, Scores]
    scored: list[Scored] = field(default_factory=list)
    seconds: float = 0.0


def split_documents(
    sentences: Sequence[Sentence], per_doc: int = SENTENCES_PER_DOC
) -> list[list[Sentence]]:
    """Consecutive sentences grouped into pseudo-documents of ``per_doc`` sentences."""
    per_doc = max(per_doc, 1)
    return [list(sentences[k : k + per_doc]) for k in range(0, len(sentences), per_doc)]


def document_folds(n_docs: int, k: int = 5, seed: int = SEED) -> list[list[int]]:
    """Document indices of each of ``k`` folds: a seeded shuffle dealt round-robin, sorted."""
    order = list(range(n_docs))
    random.Random(seed).shuffle(order)
    return [sorted(order[f::k]) for f in range(k)]


def _token_key(tokens: list[tuple[int, int]]) -> Callable[[int, int], tuple[int, int]]:
    starts = [s for s, _ in tokens]

    def key(s: int, e: int) -> tuple[int, int]:
        i = bisect.bisect_right(starts, s) - 1
        if i < 0 or tokens[i][1] <= s:
            i += 1
        j = i
        while j < len(tokens) and tokens[j][0] < e:
            j += 1
        return (i, j)

    return key


def score_suggestions(
    gold: GoldDoc, suggestions: Iterable[tuple[int, int, str, float, str]]
) -> list[Scored]:
    """Mark each (start, end, label, score, origin) suggestion right or wrong, token-projected."""
    tokens = gold.tokens if gold.tokens is not None else whitespace_tokens(gold.text)
    key = _token_key(tokens)
    gold_keys = {(*key(s, e), label) for s, e, label in gold.spans}
    out = []
    for s, e, label, score, origin in suggestions:
        out.append(Scored(recommender_name(origin), score, (*key(s, e), label) in gold_keys))
    return out


def run_fold(
    fold: int,
    train: Sequence[Sentence],
    test_docs: Sequence[Sequence[Sentence]],
    *,
    make_combiner: Callable[[Path], Any],
    train_kwargs: dict[str, Any] | None = None,
    model: Path | None = None,
) -> FoldResult:
    """Train on ``train``, run ``make_combiner(model_path)`` on each test document, score it.

    ``model`` is a model already trained on ``train`` (a cached fold model): used as it is.
    """
    import time

    from core.extract.crf import train_crf
    from core.model import Document, DocumentInfo

    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="tawsim-cv-") as tmp:
        path = model or Path(tmp) / f"fold{fold}.crfsuite"
        if model is None:
            train_crf(train, path, **(train_kwargs or {}))
        combiner = make_combiner(path)
        triples = []
        tokens = []
        scored: list[Scored] = []
        for n, sents in enumerate(test_docs):
            gold = gold_from_sentences(f"f{fold}-{n}", sents)
            doc = Document(DocumentInfo(gold.id, gold.id, 0.0, length=len(gold.text)), gold.text)
            sugs = combiner.suggest(doc)
            pred = [(s.start, s.end, s.label) for s in sugs]
            triples.append((gold.text, gold.spans, pred))
            tokens.append(gold.tokens)
            scored.extend(
                score_suggestions(
                    gold, [(s.start, s.end, s.label, s.score, s.origin) for s in sugs]
                )
            )
    view = evaluate(triples, tokens=tokens)["token"]
    return FoldResult(
        fold, view.micro, dict(view.labels), scored, seconds=time.monotonic() - started
    )


@dataclass(frozen=True)
class Band:
    """One row of a reliability table."""

    low: float
    high: float
    count: int
    right: int

    @property
    def share(self) -> float:
        """The share of right suggestions in the band (0 when empty)."""
        return self.right / self.count if self.count else 0.0


def reliability_table(scored: Iterable[Scored], bands: Sequence[float] = BANDS) -> list[Band]:
    """Suggestions binned by score, [low, high), the last band closed: count and right ones."""
    edges = list(bands)
    counts = [0] * (len(edges) - 1)
    rights = [0] * (len(edges) - 1)
    for s in scored:
        k = min(max(bisect.bisect_right(edges, s.score) - 1, 0), len(counts) - 1)
        counts[k] += 1
        rights[k] += s.right
    return [Band(edges[k], edges[k + 1], counts[k], rights[k]) for k in range(len(counts))]


def format_reliability(table: Sequence[Band]) -> str:
    """The reliability table as aligned text lines."""
    lines = ["score band    suggestions  right   share"]
    for b in table:
        close = "]" if b.high >= 1.0 else ")"
        lines.append(
            f"[{b.low:.1f}, {b.high:.1f}{close}  {b.count:11d}  {b.right:5d}  {b.share:6.1%}"
        )
    return "\n".join(lines)


def _pav(points: list[tuple[float, bool]]) -> list[tuple[float, float]]:
    """Isotonic fit of rightness on score: (upper score, value) steps, non-decreasing.

    Suggestions with the same score are pooled first: one score gets one value, so
    the steps' upper scores are distinct."""
    pooled: dict[float, list[float]] = {}
    for score, right in points:
        pooled.setdefault(score, [0.0, 0.0])
        pooled[score][0] += float(right)
        pooled[score][1] += 1.0
    blocks: list[list[float]] = []  # [sum, count, max score]
    for score, (hits, count) in sorted(pooled.items()):
        blocks.append([hits, count, score])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] >= blocks[-1][0] / blocks[-1][1]:
            total, count, top = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
            blocks[-1][2] = top
    return [(b[2], b[0] / b[1]) for b in blocks]


# Too few suggestions of a recommender say nothing about its scores.
MIN_POINTS = 30


class Calibrator:
    """Maps a recommender's raw score to the share of right suggestions seen at that score."""

    def __init__(self, steps: dict[str, list[tuple[float, float]]] | None = None) -> None:
        self.steps = {k: [(float(a), float(b)) for a, b in v] for k, v in (steps or {}).items()}

    @classmethod
    def fit(cls, scored: Iterable[Scored]) -> Calibrator:
        """Fit one isotonic step function per recommender (those with enough suggestions)."""
        by: dict[str, list[tuple[float, bool]]] = {}
        for s in scored:
            by.setdefault(s.origin, []).append((s.score, s.right))
        return cls({k: _pav(v) for k, v in by.items() if len(v) >= MIN_POINTS})

    def __call__(self, origin: str, score: float) -> float:
        """The calibrated score; unchanged for a recommender without a fitted curve."""
        name = recommender_name(origin)
        steps = self.steps.get(name) or self.steps.get(name.split("-", 1)[0])
        if not steps:
            return score
        uppers = [u for u, _ in steps]
        k = min(bisect.bisect_left(uppers, score), len(steps) - 1)
        return round(steps[k][1], 4)

    def to_json(self) -> dict[str, Any]:
        """The curves, for a JSON file."""
        return {
            "steps": {k: [[round(a, 4), round(b, 4)] for a, b in v] for k, v in self.steps.items()}
        }

    @classmethod
    def load(cls, path: str | Path) -> Calibrator:
        """Read curves written by ``to_json``."""
        data = json.loads(Path(path).read_text("utf-8"))
        return cls({k: [(p[0], p[1]) for p in v] for k, v in data.get("steps", {}).items()})
