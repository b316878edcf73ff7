"""The editor's visible spans in reading order: range look-ups, and nesting levels on demand.

Levels are found by a sweep in reading order (``highlight.nesting_levels``).
A sweep can start wherever no earlier span is still open, which ``reach``
(the furthest end so far) shows, so the levels near the view are found
without a pass over the whole document; the editor's idle-time pass sweeps
the rest.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate

from core.model import Span

# (end, level) of the spans still open at a point of a sweep
Open = list[tuple[int, int]]


def reading_key(span: Span) -> tuple[int, int, str, int]:
    """Reading order: by start, longer (outer) spans first, then label and id."""
    return (span.start, -span.end, span.label, span.id)


class SpanOrder:
    """Spans in reading order with their positions, and nesting levels as they are found."""

    def __init__(self, spans: Iterable[Span] = ()) -> None:
        self.spans = sorted(spans, key=reading_key)
        self.longest = max((s.end - s.start for s in self.spans), default=0)
        self.levels: dict[int, int] = {}
        self._index()

    def _index(self) -> None:
        spans = self.spans
        self.position = {s.id: i for i, s in enumerate(spans)}
        self.starts = [s.start for s in spans]
        # reach[i]: the furthest end among spans[: i + 1]; where it stops short of the
        # next span's start no span is open, so a sweep of levels can start there.
        self.reach = list(accumulate((s.end for s in spans), max))

    def __len__(self) -> int:
        return len(self.spans)

    def near(self, start: int, end: int) -> tuple[int, int]:
        """The slice of spans that can share a character with [start, end)."""
        return bisect_left(self.starts, start - self.longest), bisect_left(self.starts, end)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans sharing a character with [start, end), in reading order."""
        first, last = self.near(start, end)
        spans = self.spans
        return [s for s in spans[first:last] if s.start < end and start < s.end]

    def after(self, span: Span, status: str | None = None) -> Span | None:
        """The first span after span in reading order (optionally with a status).

        A walk on from span's place: the usual next one is a few steps away.
        """
        key = (span.start, -span.end)
        spans = self.spans
        for i in range(bisect_left(self.starts, span.start), len(spans)):
            other = spans[i]
            if (other.start, -other.end) > key and (status is None or other.status == status):
                return other
        return None

    def replace(self, span: Span) -> None:
        """A new version of a span with the same offsets (its place is unchanged)."""
        index = self.position.get(span.id)
        if index is not None:
            self.spans[index] = span

    def remove(self, span_ids: set[int]) -> None:
        """Take spans out that overlap no other (so no other level changes)."""
        self.spans = [s for s in self.spans if s.id not in span_ids]
        for span_id in span_ids:
            self.levels.pop(span_id, None)
        self._index()

    def group_end(self, last: int) -> int:
        """last, moved past any spans of the same range as spans[last - 1]."""
        spans = self.spans
        while last < len(spans) and (spans[last].start, spans[last].end) == (
            spans[last - 1].start,
            spans[last - 1].end,
        ):
            last += 1
        return last

    def sweep(self, first: int, last: int, open_spans: Open) -> Open:
        """Levels of spans[first:last], given the spans open at first; the spans open after.

        A span's level is the lowest one no overlapping earlier span holds; spans
        of one range take theirs in id order (as nesting_levels does).
        """
        spans, levels = self.spans, self.levels
        i = first
        while i < last:
            j = self.group_end(i + 1)
            group = [spans[i]] if j == i + 1 else sorted(spans[i:j], key=lambda s: s.id)
            for member in group:
                start = member.start
                if open_spans:
                    open_spans = [o for o in open_spans if o[0] > start]
                if open_spans:
                    taken = {lvl for _, lvl in open_spans}
                    level = next(k for k in range(len(taken) + 1) if k not in taken)
                else:
                    level = 0
                levels[member.id] = level
                open_spans.append((member.end, level))
            i = j
        return open_spans

    def ensure_levels(self, first: int, last: int) -> None:
        """Make the levels of spans[first:last] known (sweeping from where none is open)."""
        spans, levels = self.spans, self.levels
        if all(spans[i].id in levels for i in range(first, last)):
            return
        # Back to where no earlier span is open (spans of one range overlap: never
        # between them).
        while first > 0 and self.reach[first - 1] > spans[first].start:
            first -= 1
        self.sweep(first, last, [])

    def level(self, span: Span) -> int:
        """A span's nesting level (0: inside no other span)."""
        level = self.levels.get(span.id)
        if level is None:
            index = self.position[span.id]
            self.ensure_levels(index, index + 1)
            level = self.levels[span.id]
        return level
