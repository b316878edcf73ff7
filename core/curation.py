"""Adjudication: what annotators agree on, where they differ, and the gold layer.

For one document and the annotators who worked on it, a span is *agreed*
when every one of them has it (same offsets and label). The other spans are
grouped into *disagreements*: clusters of spans that overlap each other, with
each annotator's version. Agreed spans go into the ``gold`` layer in one step;
each disagreement is settled by choosing a version, an edited span, or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.model import Span
from core.store import Project

GOLD = "gold"


@dataclass
class Disagreement:
    """Overlapping spans on which the annotators differ."""

    start: int
    end: int
    versions: dict[str, list[Span]] = field(default_factory=dict)

    @property
    def options(self) -> list[tuple[int, int, str]]:
        """The distinct (start, end, label) versions, in reading order."""
        keys = {s.key for spans in self.versions.values() for s in spans}
        return sorted(keys, key=lambda k: (k[0], -k[1], k[2]))


@dataclass
class Curation:
    """A document's agreed spans and disagreements."""

    doc_id: str
    annotators: list[str]
    agreed: list[tuple[int, int, str]]
    disagreements: list[Disagreement]


def worked_annotators(project: Project, doc_id: str) -> list[str]:
    """Annotators other than gold who worked on the document."""
    return [
        a
        for a in project.annotators()
        if a != GOLD and project.layer(doc_id, a).status in ("in_progress", "done")
    ]


def curate(project: Project, doc_id: str, annotators: list[str] | None = None) -> Curation:
    """Agreed spans and disagreements between annotators' accepted spans."""
    names = annotators if annotators is not None else worked_annotators(project, doc_id)
    layers = {a: project.layer(doc_id, a).spans(status="accepted") for a in names}
    keysets = {a: {s.key for s in spans} for a, spans in layers.items()}
    agreed_keys = set.intersection(*keysets.values()) if keysets else set()
    rest = sorted(
        ((a, s) for a, spans in layers.items() for s in spans if s.key not in agreed_keys),
        key=lambda item: (item[1].start, -item[1].end),
    )
    groups: list[Disagreement] = []
    for annotator, span in rest:
        if groups and span.start < groups[-1].end:
            group = groups[-1]
            group.end = max(group.end, span.end)
        else:
            group = Disagreement(span.start, span.end)
            groups.append(group)
        group.versions.setdefault(annotator, []).append(span)
    for group in groups:
        for annotator in names:
            group.versions.setdefault(annotator, [])
    agreed = sorted(agreed_keys, key=lambda k: (k[0], -k[1], k[2]))
    return Curation(doc_id, names, agreed, groups)


def accept_agreed(project: Project, doc_id: str, annotators: list[str] | None = None) -> list[Span]:
    """Copy the agreed spans into the gold layer (those not there yet); return what was added."""
    curation = curate(project, doc_id, annotators)
    have = {s.key for s in project.layer(doc_id, GOLD).spans()}
    new = [
        Span(start, end, label, GOLD, origin="adjudication:agreed")
        for start, end, label in curation.agreed
        if (start, end, label) not in have
    ]
    if not new:
        return []
    change = project.edit_spans(doc_id, put=new, annotator=GOLD, source="curation")
    return [s for lc in change.layers for s in lc.written]


def settle(
    project: Project, doc_id: str, group: Disagreement, choice: tuple[int, int, str] | None
) -> Span | None:
    """Settle a disagreement in gold: keep choice (a version or an edited span), or nothing."""
    gold = project.layer(doc_id, GOLD)
    inside = [s.id for s in gold.spans() if s.overlaps(group.start, group.end)]
    put = [] if choice is None else [Span(*choice, GOLD, origin="adjudication")]
    # Settling as "none" with nothing to remove still records that gold was worked on.
    status = "in_progress" if not put and not inside and gold.status == "new" else None
    change = project.edit_spans(
        doc_id, put=put, remove=inside, status=status, annotator=GOLD, source="curation"
    )
    written = [s for lc in change.layers for s in lc.written]
    return written[0] if written else None
