"""Figures for the statistics dashboard, computed from the store (no Qt, no plotting).

- **Label distribution**: accepted spans per label, for each annotator's layers.
- **Progress**: each annotator's accepted spans by day (the day a span was last
  updated, in local time), as a running total, and the documents marked done.
- **Agreement matrix**: a pairwise figure (kappa, exact F1 or overlap F1) from
  an agreement report, annotators on both axes, 1 on the diagonal.
- **Acceptance of suggestions per recommender**: among spans whose origin is a
  recommender (``name@version``, such as ``crf@1`` or ``gazetteer@1``), how
  many the annotators accepted and how many they rejected. Open suggestions
  are counted apart and do not enter the rate.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from core.agreement import AgreementReport
from core.model import Span
from core.store import Project

METRICS = ("kappa", "exact_f1", "overlap_f1")


@dataclass
class Acceptance:
    """What became of one recommender's suggestions."""

    accepted: int = 0
    rejected: int = 0
    open: int = 0
    #: suggestions the annotator kept with another label (their span's suggested_by)
    relabelled: int = 0

    @property
    def rate(self) -> float | None:
        """Accepted share of decided suggestions; None before any decision."""
        decided = self.accepted + self.rejected + self.relabelled
        return self.accepted / decided if decided else None


@dataclass
class ProjectStats:
    """Everything the dashboard draws, except agreement."""

    annotators: list[str]
    labels: list[str]
    #: accepted spans per annotator and label
    label_counts: dict[str, Counter[str]] = field(default_factory=dict)
    #: per annotator: (day, running total of accepted spans), one point per active day
    progress: dict[str, list[tuple[dt.date, int]]] = field(default_factory=dict)
    #: per annotator: documents marked done
    done: dict[str, int] = field(default_factory=dict)
    #: per recommender name (the origin before '@')
    acceptance: dict[str, Acceptance] = field(default_factory=dict)


def recommender_of(origin: str) -> str | None:
    """The recommender's name in a span origin like ``crf@1``; None for manual spans."""
    name, at, _version = origin.partition("@")
    return name if at and name else None


def label_counts(spans: Iterable[Span]) -> Counter[str]:
    """Accepted spans per label."""
    return Counter(s.label for s in spans if s.status == "accepted")


def progress_by_day(spans: Iterable[Span]) -> list[tuple[dt.date, int]]:
    """Running total of accepted spans, one point per day with activity (local time)."""
    per_day = Counter(
        dt.datetime.fromtimestamp(s.updated).date()
        for s in spans
        if s.status == "accepted" and s.updated > 0
    )
    total = 0
    out = []
    for day in sorted(per_day):
        total += per_day[day]
        out.append((day, total))
    return out


def acceptance(spans: Iterable[Span]) -> dict[str, Acceptance]:
    """Accepted, rejected and open suggestions per recommender."""
    out: dict[str, Acceptance] = defaultdict(Acceptance)
    for span in spans:
        if span.suggested_by is not None:
            by = recommender_of(span.suggested_by)
            if by is not None:
                out[by].relabelled += 1
            continue
        name = recommender_of(span.origin)
        if name is None:
            continue
        entry = out[name]
        if span.status == "accepted":
            entry.accepted += 1
        elif span.status == "rejected":
            entry.rejected += 1
        else:
            entry.open += 1
    return dict(sorted(out.items()))


def project_stats(project: Project, annotators: Sequence[str] | None = None) -> ProjectStats:
    """Label distribution, progress and recommender acceptance over a project's layers.

    The acceptance of suggestions counts the annotators' layers only (gold is
    written by adjudication, not by reviewing suggestions).
    """
    names = list(annotators) if annotators is not None else project.annotators()
    stats = ProjectStats(annotators=names, labels=project.labels.names)
    reviewed: list[Span] = []
    for name in names:
        spans: list[Span] = []
        done = 0
        for info in project.documents():
            layer = project.layer(info.id, name)
            spans.extend(layer.spans())
            done += layer.status == "done"
        stats.label_counts[name] = label_counts(spans)
        stats.progress[name] = progress_by_day(spans)
        stats.done[name] = done
        if name != "gold":
            reviewed.extend(spans)
    stats.acceptance = acceptance(reviewed)
    return stats


def agreement_matrix(
    report: AgreementReport, metric: str = "kappa"
) -> tuple[list[str], list[list[float | None]]]:
    """Annotators and a symmetric matrix of one pairwise metric (1 on the diagonal)."""
    if metric not in METRICS:
        raise ValueError(f"metric {metric!r} is not one of {METRICS}")
    names = sorted({p.a for p in report.pairs} | {p.b for p in report.pairs})
    index = {n: i for i, n in enumerate(names)}
    matrix: list[list[float | None]] = [
        [1.0 if i == j else None for j in range(len(names))] for i in range(len(names))
    ]
    for pair in report.pairs:
        value = getattr(pair, metric)
        i, j = index[pair.a], index[pair.b]
        matrix[i][j] = matrix[j][i] = value
    return names, matrix
