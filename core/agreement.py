"""Inter-annotator agreement: span F1, token-level Cohen's kappa and Krippendorff's alpha.

Definitions (each is tested against a hand-worked example):

- Only accepted spans count, and a document counts for an annotator once that
  annotator has worked on it (status in_progress or done).
- **Exact F1** of a pair: ``2·|A∩B| / (|A|+|B|)`` over (start, end, label)
  triples. It is symmetric, and equals the F1 of one annotator scored against
  the other.
- **Overlap F1**: precision is the share of B's spans that overlap a span of A
  with the same label, recall the share of A's spans that overlap one of B's;
  F1 is their harmonic mean.
- **Tokens** are core.text tokens (words, numbers, Latin runs, punctuation). A
  token takes the label of the outermost accepted span that covers any of it,
  or ``O``. A token covered by no span in either layer still counts, so kappa
  rewards agreeing on what is *not* an entity.
- **Cohen's kappa** ``(po − pe) / (1 − pe)`` over the tokens of documents both
  annotators worked on; per label it is computed on "this label or not".
- **Krippendorff's alpha** (nominal) over all annotators, with tokens as units
  and an annotator's label as the value; annotators who did not work on a
  document are missing values, and units with fewer than two values drop out.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from core.model import Span
from core.store import Project
from core.text import Token, tokenize

OUTSIDE = "O"
WORKED = ("in_progress", "done")


Key = tuple[Any, ...]  # (start, end, label), or (doc, start, end, label) when pooled


def exact_f1(a: Iterable[Key], b: Iterable[Key]) -> float | None:
    """2|A∩B| / (|A|+|B|); None when both are empty."""
    sa, sb = set(a), set(b)
    if not sa and not sb:
        return None
    return 2 * len(sa & sb) / (len(sa) + len(sb))


class _Intervals:
    """Answers "does any key overlap this one with the same label?" in O(log n)."""

    def __init__(self, keys: Iterable[Key]) -> None:
        groups: defaultdict[Key, list[tuple[int, int]]] = defaultdict(list)
        for key in keys:
            # A key ends with (start, end, label); a pooled key starts with its document.
            groups[(*key[:-3], key[-1])].append((key[-3], key[-2]))
        self.groups: dict[Key, tuple[list[int], list[int]]] = {}
        for group, spans in groups.items():
            spans.sort()
            reach, furthest = [], -1
            for _, end in spans:
                furthest = max(furthest, end)
                reach.append(furthest)
            self.groups[group] = ([s for s, _ in spans], reach)

    def hit(self, key: Key) -> bool:
        """True if some key of the same group and label overlaps key."""
        found = self.groups.get((*key[:-3], key[-1]))
        if not found:
            return False
        starts, reach = found
        before = bisect_left(starts, key[-2])  # keys starting before this one ends
        return bool(before) and reach[before - 1] > key[-3]


def overlap_f1(a: Sequence[Key], b: Sequence[Key]) -> float | None:
    """Harmonic mean of the shares of spans overlapping a same-label span on the other side."""
    if not a and not b:
        return None
    if not a or not b:
        return 0.0
    in_a, in_b = _Intervals(a), _Intervals(b)
    recall = sum(in_b.hit(x) for x in a) / len(a)
    precision = sum(in_a.hit(y) for y in b) / len(b)
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def cohen_kappa(pairs: Iterable[tuple[Hashable, Hashable]]) -> float | None:
    """Cohen's kappa of two raters' paired values; None when undefined (no items)."""
    return kappa_from_table(Counter(pairs))


def kappa_from_table(table: Mapping[tuple[Any, Any], int]) -> float | None:
    """Cohen's kappa from a contingency table {(value_a, value_b): count}."""
    n = sum(table.values())
    if not n:
        return None
    observed = sum(c for (x, y), c in table.items() if x == y) / n
    left: Counter[Hashable] = Counter()
    right: Counter[Hashable] = Counter()
    for (x, y), count in table.items():
        left[x] += count
        right[y] += count
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return (observed - expected) / (1 - expected)


def krippendorff_alpha(units: Iterable[Sequence[Hashable | None]]) -> float | None:
    """Nominal Krippendorff's alpha; each unit lists one value (or None) per coder."""
    # Most units repeat the same pattern (every coder says O): count patterns once.
    return alpha_from_patterns(Counter(tuple(v for v in unit if v is not None) for unit in units))


def alpha_from_patterns(patterns: Mapping[tuple[Any, ...], int]) -> float | None:
    """Nominal alpha from {values one unit received: how many units received them}."""
    coincidence: defaultdict[tuple[Hashable, Hashable], float] = defaultdict(float)
    for values, repeats in patterns.items():
        m = len(values)
        if m < 2:
            continue
        counts = Counter(values)
        for c, nc in counts.items():
            for k, nk in counts.items():
                pairs = nc * (nc - 1) if c == k else nc * nk
                if pairs:
                    coincidence[(c, k)] += repeats * pairs / (m - 1)
    n = sum(coincidence.values())
    if n <= 1:
        return None
    marginal: defaultdict[Hashable, float] = defaultdict(float)
    for (c, _), value in coincidence.items():
        marginal[c] += value
    observed = sum(v for (c, k), v in coincidence.items() if c != k)
    expected = sum(marginal[c] * marginal[k] for c in marginal for k in marginal if c != k) / (
        n - 1
    )
    if expected == 0:
        return 1.0
    return 1 - observed / expected


def token_labels(
    text: str, spans: Iterable[Span], tokens: Sequence[Token] | None = None
) -> list[str]:
    """Each token's label from the outermost accepted span covering it, else O."""
    tokens = tokenize(text) if tokens is None else tokens
    labels = [OUTSIDE] * len(tokens)
    ordered = sorted((s for s in spans if s.status == "accepted"), key=lambda s: (s.start, -s.end))
    starts = [t.start for t in tokens]
    for span in reversed(ordered):  # outer spans are written last and win
        i = max(bisect_right(starts, span.start) - 1, 0)
        while i < len(tokens) and tokens[i].start < span.end:
            if tokens[i].end > span.start:
                labels[i] = span.label
            i += 1
    return labels


@dataclass
class PairAgreement:
    """Agreement between two annotators, overall and per label."""

    a: str
    b: str
    documents: int = 0
    exact_f1: float | None = None
    overlap_f1: float | None = None
    kappa: float | None = None
    per_label: dict[str, dict[str, float | None]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape."""
        return {
            "a": self.a,
            "b": self.b,
            "documents": self.documents,
            "exact_f1": self.exact_f1,
            "overlap_f1": self.overlap_f1,
            "kappa": self.kappa,
            "per_label": self.per_label,
        }


@dataclass
class DocumentAgreement:
    """One document's agreement across the annotators who worked on it."""

    id: str
    title: str
    annotators: list[str]
    exact_f1: float | None
    disagreements: int

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape."""
        return {
            "id": self.id,
            "title": self.title,
            "annotators": self.annotators,
            "exact_f1": self.exact_f1,
            "disagreements": self.disagreements,
        }


@dataclass
class AgreementReport:
    """Pairs, alpha and per-document figures, documents that disagree most first."""

    pairs: list[PairAgreement]
    alpha: float | None
    documents: list[DocumentAgreement]
    labels: list[str]

    def to_json(self) -> dict[str, Any]:
        """``{"pairs": [...], "alpha": ..., "documents": [...]}``."""
        return {
            "pairs": [p.to_json() for p in self.pairs],
            "alpha": self.alpha,
            "documents": [d.to_json() for d in self.documents],
        }


def _binary(table: Mapping[tuple[str, str], int], label: str) -> Counter[tuple[bool, bool]]:
    """Collapse a contingency table to "label or not" on each side."""
    binary: Counter[tuple[bool, bool]] = Counter()
    for (x, y), count in table.items():
        binary[(x == label, y == label)] += count
    return binary


def _mean(values: Iterable[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def compute(
    texts: Mapping[str, str],
    titles: Mapping[str, str],
    layers: Mapping[str, Mapping[str, Sequence[Span]]],
    labels: Sequence[str],
) -> AgreementReport:
    """Agreement from ``layers[annotator][doc_id]`` (only documents each worked on)."""
    annotators = sorted(layers)
    token_cache: dict[tuple[str, str], list[str]] = {}
    tokens: dict[str, list[Token]] = {}

    def tags(annotator: str, doc_id: str) -> list[str]:
        key = (annotator, doc_id)
        if key not in token_cache:
            if doc_id not in tokens:
                tokens[doc_id] = tokenize(texts[doc_id])
            token_cache[key] = token_labels(
                texts[doc_id], layers[annotator][doc_id], tokens[doc_id]
            )
        return token_cache[key]

    def keys(annotator: str, doc_id: str, label: str | None = None) -> list[Key]:
        return [
            s.key
            for s in layers[annotator][doc_id]
            if s.status == "accepted" and (label is None or s.label == label)
        ]

    def pooled(annotator: str, docs: Sequence[str], label: str | None = None) -> list[Key]:
        return [(d, *k) for d in docs for k in keys(annotator, d, label)]

    pairs = []
    for a, b in combinations(annotators, 2):
        shared = [d for d in texts if d in layers[a] and d in layers[b]]
        pair = PairAgreement(a, b, documents=len(shared))
        ka, kb = pooled(a, shared), pooled(b, shared)
        pair.exact_f1 = exact_f1(ka, kb)
        pair.overlap_f1 = overlap_f1(ka, kb)
        table: Counter[tuple[str, str]] = Counter()
        for d in shared:
            table.update(zip(tags(a, d), tags(b, d), strict=True))
        pair.kappa = kappa_from_table(table)
        for label in labels:
            la, lb = pooled(a, shared, label), pooled(b, shared, label)
            if not la and not lb:
                continue
            pair.per_label[label] = {
                "exact_f1": exact_f1(la, lb),
                "overlap_f1": overlap_f1(la, lb),
                "kappa": kappa_from_table(_binary(table, label)),
            }
        pairs.append(pair)

    patterns: Counter[tuple[str, ...]] = Counter()
    for doc_id in texts:
        coders = [a for a in annotators if doc_id in layers[a]]
        if len(coders) >= 2:
            patterns.update(zip(*(tags(a, doc_id) for a in coders), strict=True))
    alpha = alpha_from_patterns(patterns)

    documents = []
    for doc_id in texts:
        coders = [a for a in annotators if doc_id in layers[a]]
        if len(coders) < 2:
            continue
        f1s = [exact_f1(keys(a, doc_id), keys(b, doc_id)) for a, b in combinations(coders, 2)]
        union: Counter[Key] = Counter(k for a in coders for k in set(keys(a, doc_id)))
        disagreements = sum(1 for count in union.values() if count < len(coders))
        documents.append(
            DocumentAgreement(doc_id, titles.get(doc_id, ""), coders, _mean(f1s), disagreements)
        )
    documents.sort(key=lambda d: (-d.disagreements, d.exact_f1 if d.exact_f1 is not None else 1.0))
    return AgreementReport(pairs, alpha, documents, list(labels))


def project_agreement(
    project: Project,
    annotators: Sequence[str] | None = None,
    *,
    progress: Callable[[int, int], object] | None = None,
) -> AgreementReport:
    """Agreement between a project's annotators (the gold layer is left out by default)."""
    names = list(annotators) if annotators else [a for a in project.annotators() if a != "gold"]
    texts: dict[str, str] = {}
    titles: dict[str, str] = {}
    layers: dict[str, dict[str, list[Span]]] = defaultdict(dict)
    documents = project.documents()
    for done, info in enumerate(documents, 1):
        if progress is not None:
            progress(done, len(documents))
        for annotator in names:
            layer = project.layer(info.id, annotator)
            if layer.status in WORKED:
                layers[annotator][info.id] = layer.spans(status="accepted")
        if sum(info.id in layers[a] for a in names) >= 2:
            texts[info.id] = project.text(info.id)
            titles[info.id] = info.title
    # Annotators who have not worked on any document shared with another drop out.
    layers = {a: docs for a, docs in layers.items() if any(d in texts for d in docs)}
    return compute(texts, titles, layers, project.labels.names)
