"""Entity-level precision, recall and F1, per label and micro-averaged, in three views.

- ``exact``: a predicted span is right if a gold span has the same start, end
  and label (code-point offsets).
- ``token``: spans are first projected onto whitespace tokens (a token
  touched by a span belongs to it), then compared as token ranges. This is
  ANERcorp's convention, where ``وسوريا`` is one ``B-LOC`` token, so a
  prediction ``سوريا`` inside it counts as right.
- ``overlap``: a prediction is right if it overlaps a not yet matched gold
  span of the same label; recall counts the gold spans so matched.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Scores", "evaluate", "format_report", "VIEWS", "whitespace_tokens"]

VIEWS = ("exact", "token", "overlap")
Spans = Sequence[tuple[int, int, str]]
_WS_RE = re.compile(r"\S+")


@dataclass
class Scores:
    """True positives, false positives and false negatives for one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold entity."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        """Counts and rounded ratios."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass
class ViewScores:
    """Scores per label for one view, with the micro average."""

    labels: dict[str, Scores] = field(default_factory=dict)

    def get(self, label: str) -> Scores:
        """The label's scores, created empty on first use."""
        return self.labels.setdefault(label, Scores())

    @property
    def micro(self) -> Scores:
        """Counts summed over labels."""
        return Scores(
            sum(s.tp for s in self.labels.values()),
            sum(s.fp for s in self.labels.values()),
            sum(s.fn for s in self.labels.values()),
        )

    def to_json(self) -> dict[str, Any]:
        """Per label and micro."""
        out = {k: v.to_json() for k, v in sorted(self.labels.items())}
        out["micro"] = self.micro.to_json()
        return out


def whitespace_tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-space characters."""
    return [m.span() for m in _WS_RE.finditer(text)]


def _project(tokens: list[tuple[int, int]], spans: Spans) -> set[tuple[int, int, str]]:
    """Spans as (first token, last token + 1, label) over whitespace tokens."""
    out = set()
    starts = [s for s, _ in tokens]
    import bisect

    for s, e, label in spans:
        i = bisect.bisect_right(starts, s) - 1
        if i < 0 or tokens[i][1] <= s:
            i += 1
        j = i
        while j < len(tokens) and tokens[j][0] < e:
            j += 1
        if j > i:
            out.add((i, j, label))
    return out


def _count(
    view: ViewScores, gold: Iterable[tuple[int, int, str]], pred: Iterable[tuple[int, int, str]]
) -> None:
    gold_c, pred_c = Counter(gold), Counter(pred)
    for key in set(gold_c) | set(pred_c):
        both = min(gold_c[key], pred_c[key])
        scores = view.get(key[2])
        scores.tp += both
        scores.fp += pred_c[key] - both
        scores.fn += gold_c[key] - both


def _overlap(view: ViewScores, gold: Spans, pred: Spans) -> None:
    matched: set[int] = set()
    for s, e, label in sorted(pred):
        hit = next(
            (
                k
                for k, (gs, ge, gl) in enumerate(gold)
                if k not in matched and gl == label and gs < e and s < ge
            ),
            None,
        )
        if hit is None:
            view.get(label).fp += 1
        else:
            matched.add(hit)
            view.get(label).tp += 1
    for k, (_, _, label) in enumerate(gold):
        if k not in matched:
            view.get(label).fn += 1


def evaluate(
    pairs: Iterable[tuple[str, Spans, Spans]],
    *,
    tokens: Sequence[list[tuple[int, int]] | None] | None = None,
) -> dict[str, ViewScores]:
    """Score (text, gold spans, predicted spans) triples in the three views.

    ``tokens`` may give each text's tokens for the token view (a CoNLL
    file's own tokens); by default whitespace tokens are used.
    """
    views = {name: ViewScores() for name in VIEWS}
    for n, (text, gold, pred) in enumerate(pairs):
        gold, pred = list(gold), list(pred)
        _count(views["exact"], gold, pred)
        toks = tokens[n] if tokens is not None and n < len(tokens) else None
        toks = toks if toks is not None else whitespace_tokens(text)
        _count(views["token"], _project(toks, gold), _project(toks, pred))
        _overlap(views["overlap"], gold, pred)
    return views


def report_json(views: dict[str, ViewScores]) -> dict[str, Any]:
    """The machine-readable form of a report."""
    return {name: view.to_json() for name, view in views.items()}


def format_report(views: dict[str, ViewScores]) -> str:
    """A plain-text table per view."""
    lines = []
    for name, view in views.items():
        lines.append(f"{name} spans:" if name != "token" else "whitespace-token spans:")
        lines.append(f"  {'label':<8} {'P':>7} {'R':>7} {'F1':>7} {'tp':>6} {'fp':>6} {'fn':>6}")
        rows = [*sorted(view.labels.items()), ("micro", view.micro)]
        for label, s in rows:
            lines.append(
                f"  {label:<8} {s.precision:7.4f} {s.recall:7.4f} {s.f1:7.4f} "
                f"{s.tp:6d} {s.fp:6d} {s.fn:6d}"
            )
    return "\n".join(lines)
