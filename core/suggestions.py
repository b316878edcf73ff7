"""Which suggestions to store, and which older ones they replace, without touching a decision."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from core.model import LabelSet, Span, crosses_line


def plan_for_layer(
    layer: Any, suggestions: Iterable[Any], **options: bool
) -> tuple[list[Span], list[int]]:
    """plan_suggestions over a layer's spans, text and label set."""
    return plan_suggestions(
        layer.spans(),
        suggestions,
        labels=layer.labels,
        length=layer.doc.length,
        annotator=layer.annotator,
        text=layer.text,
        **options,
    )


def plan_suggestions(
    existing: Iterable[Span],
    suggestions: Iterable[Any],
    *,
    labels: LabelSet,
    length: int,
    annotator: str,
    text: str | None = None,
    replace_stale: bool = True,
    only_covered: bool = False,
) -> tuple[list[Span], list[int]]:
    """The spans to put and the span ids to remove so that a layer holds the suggestions.

    A suggestion (anything with start, end, label, score, origin and key) is
    skipped when a rejected or accepted span has the same offsets (whatever its
    label), when it overlaps an accepted span, or when an identical open
    suggestion exists; with the text, one that crosses a line break is dropped
    too. An open (undecided) suggestion that it overlaps is
    replaced when ``replace_stale``; otherwise it is skipped. With
    ``only_covered`` (label all occurrences), it is replaced only when the new
    suggestion contains it and is longer: a longer suggestion is never cut down. A replacement
    reuses the first stale span's id, so that the change is one upsert.
    """
    existing = list(existing)
    decided_offsets = {(s.start, s.end) for s in existing if s.status != "suggested"}
    accepted = [s for s in existing if s.status == "accepted"]
    open_spans = {s.id: s for s in existing if s.status == "suggested"}
    open_by_key = {s.key: s for s in open_spans.values()}
    upserts: list[Span] = []
    removals: list[int] = []
    claimed: list[tuple[int, int]] = []
    for sug in sorted(suggestions, key=lambda s: (-s.score, s.start)):
        if sug.label not in labels or not 0 <= sug.start < sug.end <= length:
            continue
        if text is not None and crosses_line(text, sug.start, sug.end):
            continue
        if (sug.start, sug.end) in decided_offsets:
            continue
        if any(a.overlaps(sug.start, sug.end) for a in accepted):
            continue
        if any(sug.start < e and s < sug.end for s, e in claimed):
            continue
        same = open_by_key.get(sug.key)
        if same is not None and same.id in open_spans:
            # Already suggested: keep it as it is, and let nothing else replace it.
            del open_spans[same.id]
            claimed.append((sug.start, sug.end))
            continue
        stale = [o for o in open_spans.values() if o.overlaps(sug.start, sug.end)]
        if stale and not replace_stale:
            continue
        if (
            stale
            and only_covered
            and any(
                not (
                    sug.start <= o.start
                    and o.end <= sug.end
                    and o.end - o.start < sug.end - sug.start
                )
                for o in stale
            )
        ):
            continue
        span = Span(
            start=sug.start,
            end=sug.end,
            label=sug.label,
            annotator=annotator,
            status="suggested",
            origin=sug.origin,
            score=round(sug.score, 4),
        )
        if stale:
            upserts.append(span.evolve(id=stale[0].id, created=stale[0].created))
            removals.extend(o.id for o in stale[1:])
            for o in stale:
                del open_spans[o.id]
        else:
            upserts.append(span)
        claimed.append((sug.start, sug.end))
    return upserts, removals
