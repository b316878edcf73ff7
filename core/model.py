"""The data model: label sets, projects, documents and spans.

Offsets are code-point offsets into the stored text, end-exclusive.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, get_args

from core.errors import ValidationError

#: a span's status
SpanStatus = Literal["suggested", "accepted", "rejected"]
#: an annotator's status for a document
DocStatus = Literal["new", "in_progress", "done"]
SPAN_STATUSES: tuple[SpanStatus, ...] = get_args(SpanStatus)
DOC_STATUSES: tuple[DocStatus, ...] = get_args(DocStatus)
#: an origin: "manual", "import:<file>", or "<recommender>@<version>"
Origin = str
MANUAL: Origin = "manual"
#: characters a span may never contain: it would cross a line or paragraph
LINE_BREAKS = "\n\r\u2028\u2029\x85"

# fullmatch everywhere: "$" would let a trailing newline through ("LOC\n").
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
# Annotator names become folder names, so they are restricted to characters
# that are safe in paths on every platform (Arabic letters are welcome).
_ANNOTATOR = re.compile(r"[\w][\w.\-]{0,63}")
# C0 and C1 controls, DEL, line and paragraph separators, and lone surrogates:
# none belongs in a name, and each breaks some file format.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
MAX_NAME_LENGTH = 64
MAX_TITLE_LENGTH = 1000
MAX_META_BYTES = 64 * 1024
# Time stamps are seconds since 1970; anything past 2200 is a forged or broken one.
MAX_TIME = 7_258_118_400.0

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
        problem = label_name_problem(self.name)
        if problem:
            raise ValidationError(
                f"label name {self.name!r} {problem}",
                code="label_name_invalid",
                name=str(self.name),
                problem=problem,
            )
        for text in (self.en, self.ar):
            if not isinstance(text, str) or _CONTROL.search(text) or len(text) > 200:
                raise ValidationError(
                    f"label {self.name}: display name {text!r:.40} is not valid",
                    code="label_display_name_invalid",
                    label=self.name,
                    text=str(text)[:40],
                )
        if not _COLOUR.fullmatch(self.color):
            raise ValidationError(
                f"label {self.name}: colour {self.color!r} is not #RRGGBB",
                code="label_colour_invalid",
                label=self.name,
                colour=str(self.color)[:40],
            )
        if self.hotkey is not None and not 1 <= self.hotkey <= 9:
            raise ValidationError(
                f"label {self.name}: hotkey {self.hotkey} is not in 1-9",
                code="label_hotkey_invalid",
                label=self.name,
                key=self.hotkey,
            )


@dataclass(frozen=True)
class LabelSet:
    """An ordered set of labels with unique names and hotkeys."""

    labels: tuple[Label, ...]

    def __post_init__(self) -> None:
        names = [label.name for label in self.labels]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValidationError(
                f"duplicate label names: {', '.join(sorted(dupes))}",
                code="duplicate_labels",
                labels=", ".join(sorted(dupes)),
            )
        keys = [label.hotkey for label in self.labels if label.hotkey is not None]
        dupe_keys = {k for k in keys if keys.count(k) > 1}
        if dupe_keys:
            raise ValidationError(
                f"duplicate hotkeys: {', '.join(map(str, sorted(dupe_keys)))}",
                code="duplicate_hotkeys",
                keys=", ".join(map(str, sorted(dupe_keys))),
            )
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
        raise ValidationError(
            f"unknown label {name!r}; the label set has {', '.join(self.names)}",
            code="unknown_label",
            label=name,
            labels=", ".join(self.names),
        )

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
            raise ValidationError(
                f"malformed label set: {exc}", code="labelset_malformed", detail=str(exc)
            ) from exc
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


def label_name_problem(name: object) -> str | None:
    """Why a label name cannot be used, or None.

    Any Unicode text will do (``شخص``, ``STATE/PROVINCE``) except control
    characters and white space (a CoNLL tag is one token), up to 64 characters.
    A label name never becomes part of a file path.
    """
    problem = name_problem(name)
    if problem:
        return problem
    assert isinstance(name, str)
    if any(ch.isspace() for ch in name):
        return "contains white space (a CoNLL tag is one token)"
    return None


def name_problem(name: object) -> str | None:
    """Why name cannot be a label or annotator name (empty, too long, control characters)."""
    if not isinstance(name, str) or not name:
        return "is empty"
    if len(name) > MAX_NAME_LENGTH:
        return f"is longer than {MAX_NAME_LENGTH} characters"
    if _CONTROL.search(name):
        return "contains a control character or line break"
    return None


def validate_annotator(name: str) -> str:
    """Return name if it is usable as an annotator (and folder) name."""
    if not isinstance(name, str) or not _ANNOTATOR.fullmatch(name) or name in {".", ".."}:
        raise ValidationError(
            f"annotator name {name!r} may contain letters, digits, '.', '_' and '-' only "
            "(at most 64 characters)",
            code="annotator_invalid",
            name=str(name)[:80],
        )
    return name


@dataclass(frozen=True)
class Span:
    """A labelled stretch of a document's text in one annotator's layer."""

    start: int
    end: int
    label: str
    annotator: str
    status: SpanStatus = "accepted"
    origin: Origin = MANUAL
    score: float | None = None
    id: int = 0
    created: float = field(default_factory=now)
    updated: float = field(default_factory=now)
    #: the recommender whose suggestion the annotator relabelled (origin is then manual)
    suggested_by: Origin | None = None

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
        # Written out (dataclasses.asdict copies recursively: 6x slower for a layer).
        data: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "annotator": self.annotator,
            "status": self.status,
            "origin": self.origin,
            "score": self.score,
            "created": self.created,
            "updated": self.updated,
        }
        if self.suggested_by is not None:  # most spans: their stored form stays as it was
            data["suggested_by"] = self.suggested_by
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], span_id: int = 0) -> Span:
        """Parse the stored form; ValueError/KeyError/TypeError if a field has the wrong type."""
        start, end = data["start"], data["end"]
        label, annotator = data["label"], data["annotator"]
        status, origin = data.get("status", "accepted"), data.get("origin", "manual")
        score = data.get("score")
        created, updated = data.get("created", 0.0), data.get("updated", 0.0)
        suggested_by = data.get("suggested_by")
        # One fast test for the usual case (this runs for every span a layer holds);
        # comparisons are False for NaN, so the ranges also refuse non-finite numbers.
        if not (
            type(start) is int
            and type(end) is int
            and type(label) is str
            and type(annotator) is str
            and status in SPAN_STATUSES
            and type(origin) is str
            and len(origin) <= 1000
            and (score is None or (type(score) in _NUMBER and 0.0 <= score <= 1.0))
            and type(created) in _NUMBER
            and 0.0 <= created <= MAX_TIME
            and type(updated) in _NUMBER
            and 0.0 <= updated <= MAX_TIME
            and (suggested_by is None or (type(suggested_by) is str and len(suggested_by) <= 1000))
        ):
            raise ValueError(_span_problem(data))
        return cls(
            start,
            end,
            label,
            annotator,
            status,  # checked just above
            origin,
            None if score is None else float(score),
            span_id,
            float(created),
            float(updated),
            suggested_by,
        )


_NUMBER = (int, float)


def _span_problem(data: Mapping[str, Any]) -> str:
    """Why a stored span is malformed (the slow path of Span.from_json)."""
    if not _is_int(data["start"]) or not _is_int(data["end"]):
        return "span offsets are not integers"
    for key, default in _SPAN_TEXTS.items():
        value = data.get(key, default)
        if not isinstance(value, str) or len(value) > 1000:
            return f"span {key} is not a string"
    if data.get("status", "accepted") not in SPAN_STATUSES:
        return f"span status {str(data.get('status'))[:20]!r} is not one of {SPAN_STATUSES}"
    by = data.get("suggested_by")
    if by is not None and (not isinstance(by, str) or len(by) > 1000):
        return "span suggested_by is not a string"
    score = data.get("score")
    if score is not None and score_problem(score):
        return f"score {str(score)[:20]} {score_problem(score)}"
    for key in ("created", "updated"):
        value = data.get(key, 0.0)
        if time_problem(value):
            return f"time stamp {str(value)[:20]} {time_problem(value)}"
    return "malformed span"


_SPAN_TEXTS = {"label": None, "annotator": None, "status": "accepted", "origin": "manual"}
# suggested_by is checked with them when present (it may be missing or null)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def score_problem(score: object) -> str | None:
    """Why score cannot be a span's score (a finite number in [0, 1]), or None."""
    if isinstance(score, bool) or not isinstance(score, int | float):
        return "is not a number"
    if not math.isfinite(score) or not 0.0 <= score <= 1.0:
        return "is not between 0 and 1"
    return None


def time_problem(value: object) -> str | None:
    """Why value cannot be a stored time stamp (finite seconds since 1970), or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "is not a number"
    if not math.isfinite(value) or not 0.0 <= value <= MAX_TIME:
        return "is not a plausible time"
    return None


def as_time(value: object) -> float:
    """A stored time stamp, or 0.0 for a missing or broken one."""
    return 0.0 if time_problem(value) else float(value)  # type: ignore[arg-type]


def crosses_line(text: str, start: int, end: int) -> bool:
    """True when text[start:end] holds a line or paragraph break."""
    return any(ch in LINE_BREAKS for ch in text[start:end])


def clip_to_line(text: str, start: int, end: int, anchor: int) -> tuple[int, int]:
    """The part of [start, end) on the line where the selection started (at anchor).

    A selection dragged across a line break keeps the side of its anchor.
    """
    if not crosses_line(text, start, end):
        return start, end
    breaks = [i for i in range(start, end) if text[i] in LINE_BREAKS]
    if anchor <= start:
        return start, breaks[0]
    if anchor >= end:
        return breaks[-1] + 1, end
    before = [b for b in breaks if b < anchor]
    after = [b for b in breaks if b >= anchor]
    return (before[-1] + 1 if before else start), (after[0] if after else end)


def validate_span(span: Span, text_length: int, labels: LabelSet, text: str | None = None) -> None:
    """Raise ValidationError unless 0 <= start < end <= len(text) and the label is known.

    With the text, a span that crosses a line break is refused too.
    """
    if isinstance(span.start, bool) or isinstance(span.end, bool):
        raise ValidationError("span offsets must be integers", code="span_offsets_not_integers")
    if not 0 <= span.start < span.end <= text_length:
        raise ValidationError(
            f"span [{span.start}, {span.end}) is outside the text "
            f"(need 0 <= start < end <= {text_length})",
            code="span_outside_text",
            start=span.start,
            end=span.end,
            length=text_length,
        )
    if text is not None and crosses_line(text, span.start, span.end):
        raise ValidationError(
            f"span [{span.start}, {span.end}) crosses a line break; an entity lies within one line",
            code="span_crosses_line",
            start=span.start,
            end=span.end,
        )
    if span.label not in labels:
        raise ValidationError(
            f"span [{span.start}, {span.end}) has unknown label {span.label!r}; "
            f"the label set has {', '.join(labels.names)}",
            code="span_unknown_label",
            start=span.start,
            end=span.end,
            label=span.label,
            labels=", ".join(labels.names),
        )
    if span.status not in SPAN_STATUSES:
        raise ValidationError(
            f"span status {span.status!r} is not one of {SPAN_STATUSES}",
            code="span_status_invalid",
            status=str(span.status)[:40],
            statuses=", ".join(SPAN_STATUSES),
        )
    if span.score is not None and score_problem(span.score):
        raise ValidationError(
            f"span score {span.score!r:.20} {score_problem(span.score)}",
            code="span_score_invalid",
            score=str(span.score)[:20],
            problem=score_problem(span.score),
        )
    if not isinstance(span.origin, str) or _CONTROL.search(span.origin) or len(span.origin) > 1000:
        raise ValidationError(
            f"span origin {span.origin!r:.60} is not valid text",
            code="span_origin_invalid",
            origin=str(span.origin)[:60],
        )
    for stamp in (span.created, span.updated):
        if time_problem(stamp):
            raise ValidationError(
                f"span time stamp {stamp!r:.20} {time_problem(stamp)}",
                code="span_time_invalid",
                stamp=str(stamp)[:20],
                problem=time_problem(stamp),
            )
    if span.suggested_by is not None and (
        not isinstance(span.suggested_by, str) or _CONTROL.search(span.suggested_by)
    ):
        raise ValidationError(
            f"span suggested_by {span.suggested_by!r:.60} is not valid text",
            code="span_suggested_by_invalid",
            origin=str(span.suggested_by)[:60],
        )
    validate_annotator(span.annotator)


def document_problem(row: Mapping[str, Any]) -> str | None:
    """Why a stored document index entry is malformed, or None."""
    if not isinstance(row.get("id"), str):
        return "no id"
    if not isinstance(row.get("title", ""), str):
        return "the title is not text"
    if time_problem(row.get("imported", 0.0)):
        return "the import time is not a plausible time"
    if not isinstance(row.get("meta", {}), dict):
        return "meta is not an object"
    length = row.get("length", 0)
    if not _is_int(length) or length < 0:
        return "the length is not a whole number"
    return None


def validate_new_document(title: object, text: object, meta: object) -> None:
    """Raise ValidationError unless a document can be stored and read back exactly."""
    from core.safeio import json_size_problem, unicode_problem

    if not isinstance(text, str):
        raise ValidationError("a document's text must be text", code="document_text_not_text")
    problem = unicode_problem(text)
    if problem:
        raise ValidationError(
            f"the document text: {problem}", code="document_text_invalid", problem=problem
        )
    if not isinstance(title, str) or unicode_problem(title) or len(title) > MAX_TITLE_LENGTH:
        raise ValidationError(
            f"document title {str(title)[:40]!r} is not valid text",
            code="document_title_invalid",
            title=str(title)[:40],
        )
    if not isinstance(meta, Mapping):
        raise ValidationError(
            "document metadata must be an object", code="document_meta_not_object"
        )
    problem = json_size_problem(dict(meta), max_bytes=MAX_META_BYTES)
    if problem:
        raise ValidationError(
            f"document metadata {problem}", code="document_meta_invalid", problem=problem
        )


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
