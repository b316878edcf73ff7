"""The data model: label sets, projects, documents and spans.

Offsets are code-point offsets into the stored text, end-exclusive.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from core.errors import ValidationError

SPAN_STATUSES = ("suggested", "accepted", "rejected")
DOC_STATUSES = ("new", "in_progress", "done")

# Label names may be any Unicode text (شخص, STATE/PROVINCE) without control
# characters or whitespace: they are written into CoNLL tags and brat lines, never paths.
_LABEL_NAME = re.compile(r"^[^\x00-\x20\x7f-\x9f\s]{1,64}$")
_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
# Annotator names become folder names, so they are restricted to characters
# that are safe in paths on every platform (Arabic letters are welcome).
_ANNOTATOR = re.compile(r"^[\w][\w.\-]{0,63}$")

# Okabe & Ito's colour-blind-safe palette, in the order labels take it.
PALETTE = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#CC79A7",
    "#0072B2",
    "#D55E00",
    "#F0E442",
    "#999999",
    "#000000",
)


def now() -> float:
    """Current time as seconds since the epoch (the unit stored in spans)."""
    return round(time.time(), 3)


@dataclass(frozen=True)
class Label:
    """One entity type: its name in files, display names, colour and hotkey."""

    name: str
    en: str
    ar: str
    color: str
    hotkey: int | None = None

    def validate(self) -> None:
        """Raise ValidationError when the label cannot be used in files or the GUI."""
        if not _LABEL_NAME.match(self.name):
            raise ValidationError(
                f"label name {self.name!r} must be 1 to 64 characters without spaces or "
                "control characters (it is written into CoNLL tags)"
            )
        if not _COLOUR.match(self.color):
            raise ValidationError(f"label {self.name}: colour {self.color!r} is not #RRGGBB")
        if self.hotkey is not None and not 1 <= self.hotkey <= 9:
            raise ValidationError(f"label {self.name}: hotkey {self.hotkey} is not in 1-9")


@dataclass(frozen=True)
class LabelSet:
    """An ordered set of labels with unique names and hotkeys."""

    labels: tuple[Label, ...]

    def __post_init__(self) -> None:
        names = [label.name for label in self.labels]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValidationError(f"duplicate label names: {', '.join(sorted(dupes))}")
        keys = [label.hotkey for label in self.labels if label.hotkey is not None]
        dupe_keys = {k for k in keys if keys.count(k) > 1}
        if dupe_keys:
            raise ValidationError(f"duplicate hotkeys: {', '.join(map(str, sorted(dupe_keys)))}")
        for label in self.labels:
            label.validate()

    def __iter__(self) -> Iterator[Label]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    def __contains__(self, name: object) -> bool:
        return any(label.name == name for label in self.labels)

    @property
    def names(self) -> list[str]:
        """Label names in order."""
        return [label.name for label in self.labels]

    def get(self, name: str) -> Label:
        """The label called name; ValidationError if there is none."""
        for label in self.labels:
            if label.name == name:
                return label
        raise ValidationError(f"unknown label {name!r}; the label set has {', '.join(self.names)}")

    def by_hotkey(self, key: int) -> Label | None:
        """The label bound to hotkey 1-9, if any."""
        for label in self.labels:
            if label.hotkey == key:
                return label
        return None

    def with_label(self, name: str, *, en: str = "", ar: str = "") -> LabelSet:
        """A copy with one more label, given the next free colour and hotkey."""
        used = {label.hotkey for label in self.labels}
        hotkey = next((k for k in range(1, 10) if k not in used), None)
        colour = PALETTE[len(self.labels) % len(PALETTE)]
        return LabelSet(self.labels + (Label(name, en or name, ar or name, colour, hotkey),))

    def to_json(self) -> list[dict[str, Any]]:
        """Plain JSON form, as stored in the project file."""
        return [asdict(label) for label in self.labels]

    @classmethod
    def from_json(cls, data: Iterable[Mapping[str, Any]]) -> LabelSet:
        """Parse the stored form; ValidationError on a malformed entry."""
        try:
            labels = tuple(
                Label(
                    name=str(d["name"]),
                    en=str(d.get("en", d["name"])),
                    ar=str(d.get("ar", d["name"])),
                    color=str(d["color"]),
                    hotkey=None if d.get("hotkey") is None else int(d["hotkey"]),
                )
                for d in data
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError(f"malformed label set: {exc}") from exc
        return cls(labels)


def default_labelset() -> LabelSet:
    """ANERcorp's four types, with the exact names CoNLL files use."""
    return LabelSet(
        (
            Label("PERS", "Person", "شخص", PALETTE[0], 1),
            Label("LOC", "Location", "مكان", PALETTE[1], 2),
            Label("ORG", "Organisation", "منظمة", PALETTE[2], 3),
            Label("MISC", "Miscellaneous", "متفرقات", PALETTE[3], 4),
        )
    )


def validate_annotator(name: str) -> str:
    """Return name if it is usable as an annotator (and folder) name."""
    if not isinstance(name, str) or not _ANNOTATOR.match(name) or name in {".", ".."}:
        raise ValidationError(
            f"annotator name {name!r} may contain letters, digits, '.', '_' and '-' only "
            "(at most 64 characters)"
        )
    return name


@dataclass(frozen=True)
class Span:
    """A labelled stretch of a document's text in one annotator's layer."""

    start: int
    end: int
    label: str
    annotator: str
    status: str = "accepted"
    origin: str = "manual"
    score: float | None = None
    id: int = 0
    created: float = field(default_factory=now)
    updated: float = field(default_factory=now)

    @property
    def key(self) -> tuple[int, int, str]:
        """Where and what: the identity used to compare layers and suggestions."""
        return (self.start, self.end, self.label)

    def covers(self, other: Span) -> bool:
        """True if this span contains other."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, start: int, end: int) -> bool:
        """True if the span shares at least one character with [start, end)."""
        return self.start < end and start < self.end

    def evolve(self, **changes: Any) -> Span:
        """A copy with changes, its update time refreshed."""
        changes.setdefault("updated", now())
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        """Stored form (the id is the tinydb document id, not a field)."""
        data = asdict(self)
        del data["id"]
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], span_id: int = 0) -> Span:
        """Parse the stored form."""
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            label=str(data["label"]),
            annotator=str(data["annotator"]),
            status=str(data.get("status", "accepted")),
            origin=str(data.get("origin", "manual")),
            score=None if data.get("score") is None else float(data["score"]),
            id=span_id,
            created=float(data.get("created", 0.0)),
            updated=float(data.get("updated", 0.0)),
        )


def validate_span(span: Span, text_length: int, labels: LabelSet) -> None:
    """Raise ValidationError unless 0 <= start < end <= len(text) and the label is known."""
    if isinstance(span.start, bool) or isinstance(span.end, bool):
        raise ValidationError("span offsets must be integers")
    if not 0 <= span.start < span.end <= text_length:
        raise ValidationError(
            f"span [{span.start}, {span.end}) is outside the text "
            f"(need 0 <= start < end <= {text_length})"
        )
    if span.label not in labels:
        raise ValidationError(
            f"span [{span.start}, {span.end}) has unknown label {span.label!r}; "
            f"the label set has {', '.join(labels.names)}"
        )
    if span.status not in SPAN_STATUSES:
        raise ValidationError(f"span status {span.status!r} is not one of {SPAN_STATUSES}")
    validate_annotator(span.annotator)


@dataclass(frozen=True)
class DocumentInfo:
    """What the project index keeps of a document: all but the text and layers."""

    id: str
    title: str
    imported: float
    meta: Mapping[str, Any] = field(default_factory=dict)
    length: int = 0


@dataclass(frozen=True)
class Document:
    """A document's index entry with its text."""

    info: DocumentInfo
    text: str

    @property
    def id(self) -> str:
        """The document id."""
        return self.info.id

    @property
    def title(self) -> str:
        """The document title."""
        return self.info.title


def sort_spans(spans: Iterable[Span]) -> list[Span]:
    """Spans in reading order: by start, longer (outer) spans first."""
    return sorted(spans, key=lambda s: (s.start, -s.end, s.label, s.id))
