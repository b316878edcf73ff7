"""Combine recommenders, and write their suggestions into a layer.

``Combiner`` merges the outputs of several recommenders into one flat,
non-overlapping list. Recommenders come in tiers: the project memory (what
the annotator decided) and the statistical models first, then the
gazetteer and the rules, which only fill the gaps the tiers above leave (the
CRF is trained on the conventions the user's corpus follows, the lists and
rules are not, so they must not override it); while a model is on, a gap
filler also needs a higher score (``GAP_FILL_MIN_SCORES``) unless the user
set its minimum score. Within a tier, where
suggestions overlap, the higher score wins, then the recommender with the
higher priority, then the longer span. Each kept
suggestion keeps the origin of the recommender that proposed it. A
recommender that also has a ``veto(document, suggestions)`` method (the
project memory) may drop suggestions of the others.

``apply_suggestions`` writes suggestions into an annotator's layer and is
where the annotator's decisions are respected: nothing rejected at the same
offsets comes back, nothing accepted is overlapped or overwritten, and
nothing is duplicated.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from core.extract.base import Recommender, Suggestion, origin_of
from core.model import Document, Span

if TYPE_CHECKING:
    from core.store import Layer, Project

log = logging.getLogger(__name__)

__all__ = [
    "Combiner",
    "apply_suggestions",
    "default_recommenders",
    "DEFAULT_PRIORITIES",
    "DEFAULT_TIERS",
]

# Ties in score go to the recommender that knows most about this project.
DEFAULT_PRIORITIES: dict[str, int] = {
    "memory": 40,
    "rules": 30,
    "gazetteer": 20,
    "crf-project": 15,
    "crf": 10,
}
# Higher tiers win every overlap whatever the scores; unlisted recommenders are tier 0.
DEFAULT_TIERS: dict[str, int] = {"memory": 1, "crf-project": 1, "crf": 1}
DEFAULT_MIN_SCORE = 0.3
# Below a higher tier (a CRF is on), gap fillers must be this sure. Measured on
# the ANERcorp dev split, the gazetteer and rule matches the CRF did not take
# are mostly wrong there; the CRF already uses both as features. No built-in
# gazetteer entry scores 0.95, so with a CRF the gazetteer only feeds it, unless
# the user sets its minimum score; quoted organisation names (0.75) still fill gaps.
GAP_FILL_MIN_SCORES: dict[str, float] = {"gazetteer": 0.95, "rules": 0.75}


@runtime_checkable
class Vetoer(Protocol):
    """A recommender that may also drop other recommenders' suggestions."""

    def veto(self, document: Document, suggestions: list[Suggestion]) -> list[Suggestion]:
        """The suggestions that may be shown."""
        ...


class Combiner:
    """Merges several recommenders into one flat list of suggestions."""

    name = "combined"
    version = 1

    def __init__(
        self,
        recommenders: Sequence[Recommender],
        priorities: Mapping[str, int] | None = None,
        min_score: float = DEFAULT_MIN_SCORE,
        *,
        min_scores: Mapping[str, float] | None = None,
        disabled: Iterable[str] = (),
        tiers: Mapping[str, int] | None = None,
    ) -> None:
        self.recommenders = list(recommenders)
        self.tiers = dict(DEFAULT_TIERS if tiers is None else tiers)
        self.priorities = dict(DEFAULT_PRIORITIES if priorities is None else priorities)
        self.min_score = min_score
        self.min_scores = dict(min_scores or {})
        self.disabled = set(disabled)

    def active(self) -> list[Recommender]:
        """The recommenders that are switched on."""
        return [r for r in self.recommenders if r.name not in self.disabled]

    def candidates(self, document: Document) -> list[Suggestion]:
        """Every enabled recommender's suggestions above its minimum score, vetoes applied."""
        found: list[Suggestion] = []
        active = self.active()
        top = max((self.tiers.get(r.name, 0) for r in active), default=0)
        for rec in active:
            floor = self.min_scores.get(rec.name, self.min_score)
            if rec.name not in self.min_scores and self.tiers.get(rec.name, 0) < min(top, 1):
                floor = max(floor, GAP_FILL_MIN_SCORES.get(rec.name, floor))
            try:
                found.extend(s for s in rec.suggest(document) if s.score >= floor)
            except Exception:  # noqa: BLE001 - one broken recommender must not stop the rest
                log.exception("recommender %s failed on %s", origin_of(rec), document.id)
        for rec in self.active():
            if isinstance(rec, Vetoer):
                found = rec.veto(document, found)
        return found

    def suggest(self, document: Document) -> list[Suggestion]:
        """Non-overlapping suggestions in text order, resolved by score, priority, length."""
        return self.resolve(self.candidates(document))

    def _priority(self, suggestion: Suggestion) -> int:
        return self.priorities.get(suggestion.origin.split("@", 1)[0], 0)

    def _tier(self, suggestion: Suggestion) -> int:
        return self.tiers.get(suggestion.origin.split("@", 1)[0], 0)

    def resolve(self, suggestions: Iterable[Suggestion]) -> list[Suggestion]:
        """Choose among overlapping suggestions: tier, then score, priority and length."""
        ranked = sorted(
            suggestions,
            key=lambda s: (
                -self._tier(s),
                -s.score,
                -self._priority(s),
                -(s.end - s.start),
                s.start,
                s.label,
            ),
        )
        chosen: list[Suggestion] = []
        for s in ranked:
            if s.start >= s.end or any(s.start < c.end and c.start < s.end for c in chosen):
                continue
            chosen.append(s)
        return sorted(chosen)


def apply_suggestions(
    layer: Layer, suggestions: Iterable[Suggestion], *, replace_stale: bool = True
) -> list[Span]:
    """Write suggestions as ``suggested`` spans into a layer; return the spans written.

    What is kept and replaced is ``core.suggestions.plan_suggestions``; the
    change is one write. (In a project, ``Project.apply_suggestions`` does the
    same and returns the Change.)
    """
    from core.suggestions import plan_suggestions

    put, remove = plan_suggestions(
        layer.spans(),
        suggestions,
        labels=layer.labels,
        length=layer.doc.length,
        annotator=layer.annotator,
        text=layer.text,
        replace_stale=replace_stale,
    )
    if not put and not remove:
        return []
    return list(layer.apply(put=put, remove=remove).written)


def default_recommenders(
    project: Project | None = None,
    annotator: str | None = None,
    *,
    crf_model: str | Path | None = None,
) -> list[Recommender]:
    """The configured recommenders: gazetteer, rules, project memory and the CRF if present.

    ``crf_model`` replaces the bundled model (and any project model).
    """
    from core.extract.gazetteer import GazetteerRecommender
    from core.extract.memory import ProjectMemoryRecommender

    recs: list[Recommender] = [GazetteerRecommender()]
    from core.extract.rules import RuleRecommender

    recs.append(RuleRecommender())
    if project is not None:
        recs.append(ProjectMemoryRecommender.from_project(project, annotator))
    from core.extract.crf import CrfModel, CrfRecommender, load_default_crf

    if crf_model is not None:
        recs.append(CrfRecommender(CrfModel(crf_model)))
    else:
        crf = load_default_crf(project, annotator)
        if crf is not None:
            recs.append(crf)
    return recs


def default_combiner(project: Project | None = None, annotator: str | None = None) -> Combiner:
    """A Combiner over default_recommenders with the default priorities."""
    return Combiner(default_recommenders(project, annotator))
