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

Scores are calibrated last: once the overlaps are resolved, each kept
suggestion's raw score is replaced by the share of right suggestions seen at
that raw score for its recommender in cross-validation
(``resources/models/calibration.json``, built by ``bench/extractor.py
--write-calibration``; see ``core.extract.cv``). Resolution itself uses the
raw scores, so calibration changes what a score says, not what is suggested,
with one exception: a model's label that its calibrated score says is more often
wrong than right gives way to the gazetteer's label for exactly the same span
(``LISTED_LABEL_BELOW``).
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from core.extract.base import Recommender, Suggestion, origin_of
from core.extract.rules import org_headed, trim_triggers
from core.model import Document, Span

if TYPE_CHECKING:
    from core.store import Layer, Project

log = logging.getLogger(__name__)

__all__ = [
    "CALIBRATION",
    "Combiner",
    "apply_suggestions",
    "default_calibrator",
    "default_recommenders",
    "DEFAULT_PRIORITIES",
    "DEFAULT_TIERS",
]

# Ties in score go to the recommender that knows most about this project.
DEFAULT_PRIORITIES: dict[str, int] = {
    "memory": 40,
    "rules": 30,
    "latin": 25,
    "gazetteer": 20,
    "crf-project": 15,
    "crf": 10,
}
# Higher tiers win every overlap whatever the scores; unlisted recommenders are tier 0.
DEFAULT_TIERS: dict[str, int] = {"memory": 1, "crf-project": 1, "crf": 1}
DEFAULT_MIN_SCORE = 0.3
# Recommenders whose suggestions are the annotator's own confirmed forms: never trimmed.
ANNOTATOR_FORMS = frozenset({"memory"})
# Below a higher tier (a CRF is on), gap fillers must be this sure. Measured on
# the ANERcorp dev split, the gazetteer and rule matches the CRF did not take
# are mostly wrong there; the CRF already uses both as features. No built-in
# gazetteer entry scores 0.95, so with a CRF the gazetteer only feeds it, unless
# the user sets its minimum score; quoted organisation names (0.85) and given names
# with a family name (0.8) still fill gaps.
GAP_FILL_MIN_SCORES: dict[str, float] = {"gazetteer": 0.95, "rules": 0.75}
# A model's label its calibration says is more often wrong than right (calibrated score
# below this) gives way to the gazetteer's label for exactly the same span. 0.5 is where
# the model is as often wrong as right. On the 5 CV folds it changes about a dozen
# labels (F1 0.7717 against 0.7718); out of domain the model is less sure and the lists
# are not (the economy corpus's الشرق الأوسط).
LISTED_LABEL_BELOW = 0.5
MODELS = frozenset({"crf", "crf-project"})
CALIBRATION = Path(__file__).resolve().parents[2] / "resources" / "models" / "calibration.json"
Calibrate = Callable[[str, float], float]
_DEFAULT = object()


@lru_cache(maxsize=1)
def default_calibrator() -> Calibrate | None:
    """The shipped score calibration, or None when it is missing."""
    if not CALIBRATION.exists():
        return None
    from core.extract.cv import Calibrator

    return Calibrator.load(CALIBRATION)


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
        calibrator: Calibrate | None | object = _DEFAULT,
    ) -> None:
        self.recommenders = list(recommenders)
        # None keeps raw scores (cross-validation fits the calibration on them).
        self.calibrator: Calibrate | None = (
            default_calibrator() if calibrator is _DEFAULT else calibrator  # type: ignore[assignment]
        )
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
        # Gap fillers' organisations below the gap-fill floor may still win over
        # a nested name they hold (see _org_heads).
        org_heads: list[Suggestion] = []
        listed: list[Suggestion] = []
        active = self.active()
        top = max((self.tiers.get(r.name, 0) for r in active), default=0)
        for rec in active:
            base = self.min_scores.get(rec.name, self.min_score)
            floor = base
            if rec.name not in self.min_scores and self.tiers.get(rec.name, 0) < min(top, 1):
                floor = max(floor, GAP_FILL_MIN_SCORES.get(rec.name, floor))
            listing = rec.name == "gazetteer"
            try:
                for s in rec.suggest(document):
                    if listing:
                        listed.append(s)
                    if s.score >= floor:
                        found.append(s)
                    elif s.score >= base and s.label == "ORG":
                        org_heads.append(s)
            except Exception:  # noqa: BLE001 - one broken recommender must not stop the rest
                log.exception("recommender %s failed on %s", origin_of(rec), document.id)
        if org_heads:
            found.extend(self._org_heads(document.text, [*found, *org_heads], org_heads))
            found.extend(_agreed_org_heads(document.text, org_heads, found))
        found = _without_bare_triggers(document.text, found)
        # Raw scores out (cross-validation fitting a calibration) still need the shipped
        # calibration to say when a model is unsure.
        judge = self.calibrator or default_calibrator()
        if listed and judge is not None:
            found = _listed_labels(found, listed, judge)
        for rec in self.active():
            if isinstance(rec, Vetoer):
                found = rec.veto(document, found)
        return found

    def suggest(self, document: Document) -> list[Suggestion]:
        """Non-overlapping suggestions in text order, resolved by score, priority, length."""
        found = self.candidates(document)
        lift = {**self._longer_persons(found), **self._org_heads(document.text, found)}
        chosen = self.resolve(found, lift)
        cal = self.calibrator
        if cal is None:
            return chosen
        return [replace(s, score=cal(s.origin, s.score)) for s in chosen]

    def _priority(self, suggestion: Suggestion) -> int:
        return self.priorities.get(suggestion.recommender, 0)

    def _tier(self, suggestion: Suggestion) -> int:
        return self.tiers.get(suggestion.recommender, 0)

    def _org_heads(
        self,
        text: str,
        found: Sequence[Suggestion],
        orgs: Sequence[Suggestion] | None = None,
    ) -> dict[Suggestion, int]:
        """Organisations headed by a trigger noun over a nested name, with the tier they win at.

        In ``قوات سوريا الديمقراطية`` the nested ``سوريا الديمقراطية`` is no name of
        its own: the organisation takes the tier of what it contains.
        """
        out: dict[Suggestion, int] = {}
        by_start = sorted(found, key=lambda s: s.start)
        starts = [s.start for s in by_start]
        for org in found if orgs is None else orgs:
            if org.label != "ORG":
                continue
            lo, hi = bisect_left(starts, org.start), bisect_left(starts, org.end)
            inner = [
                s
                for s in by_start[lo:hi]
                if s is not org and s.end <= org.end and (s.start, s.end) != (org.start, org.end)
            ]
            if inner and org_headed(text, org.start, org.end):
                out[org] = max(self._tier(s) for s in inner)
        return out

    def _longer_persons(self, found: Sequence[Suggestion]) -> dict[Suggestion, int]:
        """A rule's person name that carries on a model's shorter one, with a tier above it.

        Where a model stops at ``عبد الله`` or cuts ``حسن أبو | زينب الهدفين`` and the
        rule reads the whole ``عبد الله الشامي`` or ``حسن أبو زينب``, the rule's name
        wins: every model span it overlaps is a person that starts inside it.
        """
        out: dict[Suggestion, int] = {}
        by_start = sorted(found, key=lambda s: s.start)
        starts = [s.start for s in by_start]
        longest = max((s.end - s.start for s in found), default=0)
        for rule in found:
            if rule.recommender != "rules" or rule.label != "PERS":
                continue
            near = by_start[
                bisect_left(starts, rule.start - longest) : bisect_left(starts, rule.end)
            ]
            above = [s for s in near if rule.start < s.end and self._tier(s) > self._tier(rule)]
            if (
                above
                and all(s.label == "PERS" and s.start >= rule.start for s in above)
                and any(s.end < rule.end for s in above)
            ):
                out[rule] = max(self._tier(s) for s in above) + 1
        return out

    def resolve(
        self, suggestions: Iterable[Suggestion], promoted: Mapping[Suggestion, int] | None = None
    ) -> list[Suggestion]:
        """Choose among overlapping suggestions: tier, then score, priority and length."""
        lift = promoted or {}
        ranked = sorted(
            suggestions,
            key=lambda s: (
                -max(self._tier(s), lift.get(s, 0)),
                -s.score,
                -self._priority(s),
                -(s.end - s.start),
                s.start,
                s.label,
            ),
        )
        chosen: list[Suggestion] = []
        # Chosen spans never overlap, so sorted starts and ends find a clash by bisection.
        c_starts: list[int] = []
        c_ends: list[int] = []
        for s in ranked:
            if s.start >= s.end:
                continue
            k = bisect_right(c_starts, s.start)
            if k > 0 and c_ends[k - 1] > s.start:
                continue  # the chosen span before it reaches into it
            if k < len(c_starts) and c_starts[k] < s.end:
                continue  # the next chosen span starts inside it
            c_starts.insert(k, s.start)
            c_ends.insert(k, s.end)
            chosen.append(s)
        return sorted(chosen)


def _listed_labels(
    found: list[Suggestion], listed: Sequence[Suggestion], judge: Calibrate
) -> list[Suggestion]:
    """Model suggestions more often wrong than right take a name list's label for the same span.

    A model's label whose calibrated score is below ``LISTED_LABEL_BELOW`` gives way to
    the gazetteer's, where the gazetteer names exactly that span with another label (a
    project model's ``الشرق الأوسط`` ORG at 0.39 is the list's LOC). The score stays the
    model's: only the label changes, never the span.
    """
    by_span = {(g.start, g.end): g.label for g in listed}
    out = []
    for s in found:
        label = by_span.get((s.start, s.end))
        if (
            label is not None
            and label != s.label
            and s.recommender in MODELS
            and judge(s.origin, s.score) < LISTED_LABEL_BELOW
        ):
            s = replace(s, label=label)
        out.append(s)
    return out


def _agreed_org_heads(
    text: str, below: Sequence[Suggestion], found: Sequence[Suggestion]
) -> list[Suggestion]:
    """Trigger-headed organisations two gap fillers agree on (gazetteer and rules), once each.

    ``قوات سوريا الديمقراطية`` named by the gazetteer and announced by the rule
    for قوات is an organisation even below the gap-fill floor.
    """
    taken = {s.key for s in found}
    by_key: dict[tuple[int, int, str], list[Suggestion]] = {}
    for s in below:
        by_key.setdefault(s.key, []).append(s)
    out = []
    for key, group in by_key.items():
        origins = {s.recommender for s in group}
        if key in taken or len(origins) < 2 or not org_headed(text, key[0], key[1]):
            continue
        out.append(max(group, key=lambda s: s.score))
    return out


def _without_bare_triggers(text: str, found: Iterable[Suggestion]) -> list[Suggestion]:
    """Suggestions without leading place or descriptive trigger nouns; bare triggers dropped.

    The project memory's are left as they are: they are forms the annotator confirmed
    (``شركة الكهرباء الوطنية`` where this project keeps شركة in the name).
    """
    out = []
    for s in found:
        if s.recommender in ANNOTATOR_FORMS:
            out.append(s)
            continue
        span = trim_triggers(text, s.start, s.end)
        if span is None:
            continue
        out.append(s if span == (s.start, s.end) else replace(s, start=span[0], end=span[1]))
    return out


def apply_suggestions(
    layer: Layer, suggestions: Iterable[Suggestion], *, replace_stale: bool = True
) -> list[Span]:
    """Write suggestions as ``suggested`` spans into a layer; return the spans written.

    What is kept and replaced is ``core.suggestions.plan_suggestions``; the
    change is one write. (In a project, ``Project.apply_suggestions`` does the
    same and returns the Change.)
    """
    from core.suggestions import plan_for_layer

    put, remove = plan_for_layer(layer, suggestions, replace_stale=replace_stale)
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
    from core.extract.latin import LatinRecommender

    recs.append(LatinRecommender())
    if project is not None:
        recs.append(ProjectMemoryRecommender.from_project(project, annotator))
    from core.extract.crf import CrfModel, CrfRecommender
    from core.extract.learning import load_default_crf

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
