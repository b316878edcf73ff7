"""The recommender interface: anything that proposes labelled spans for a text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from core.model import Document


@dataclass(frozen=True, order=True)
class Suggestion:
    """A proposed span in code-point offsets, with a score in [0, 1] and its origin."""

    start: int
    end: int
    label: str
    score: float
    origin: str

    @property
    def key(self) -> tuple[int, int, str]:
        """Where and what, as Span.key."""
        return (self.start, self.end, self.label)

    @property
    def recommender(self) -> str:
        """The name of the recommender that proposed it (``crf`` for ``crf@3``)."""
        return recommender_name(self.origin)


@runtime_checkable
class Recommender(Protocol):
    """Proposes spans for a document. ``origin`` is ``f"{name}@{version}"``."""

    name: str
    version: int

    def suggest(self, document: Document) -> list[Suggestion]:
        """Suggestions for the document's text, in any order."""
        ...


def origin_of(recommender: Recommender) -> str:
    """The origin string a recommender's suggestions carry, e.g. ``gazetteer@1``."""
    return f"{recommender.name}@{recommender.version}"


def recommender_name(origin: str) -> str:
    """The recommender's name in an origin string (``crf-project`` for ``crf-project@4``)."""
    return origin.split("@", 1)[0]
