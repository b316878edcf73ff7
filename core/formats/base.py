"""What every corpus format reads into and writes from.

Readers turn a file into DocRecords (text plus spans in code-point offsets);
writers turn DocRecords back into files. Project import and export
(core.formats.project_io) sit between these records and the store.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core import safeio
from core.errors import FileError, InputError, TawsimError
from core.safeio import read_bounded
from core.text import clean_imported_text

MAX_FILE_BYTES = 200 * 1024 * 1024


class FormatError(FileError):
    """A file is malformed; the message starts with ``file:line:`` where a line is known."""


@dataclass(frozen=True)
class SpanRecord:
    """A span as a file holds it: offsets, label, and whether it is a suggestion."""

    start: int
    end: int
    label: str
    status: str = "accepted"
    score: float | None = None
    origin: str | None = None


@dataclass
class DocRecord:
    """One document read from (or written to) a corpus file."""

    text: str
    spans: list[SpanRecord] = field(default_factory=list)
    title: str = ""
    id: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    # The annotator's document status (new, in_progress, done) when exported from a layer.
    status: str = "new"


class ImportCancelled(TawsimError):
    """The user cancelled an import or export; the project (or the disk) is as it was."""


@dataclass(frozen=True)
class ExportProblem:
    """A span a format could not represent as it is."""

    doc: str
    start: int
    end: int
    label: str
    reason: str


@dataclass
class ReadReport:
    """Problems a reader fixed or skipped, counted by kind, with examples.

    With ``skip_bad_lines`` a reader skips a malformed line instead of refusing
    the file; every skipped line is listed in ``skipped``.
    """

    counts: dict[str, int] = field(default_factory=dict)
    examples: dict[str, list[str]] = field(default_factory=dict)
    skip_bad_lines: bool = False
    skipped: list[str] = field(default_factory=list)

    def bad_line(
        self,
        path: Path | str,
        reason: str,
        line: int | None = None,
        *,
        code: str = "",
        **params: object,
    ) -> None:
        """Refuse the file (the default) or, when skipping bad lines, list this one."""
        if not self.skip_bad_lines:
            raise FormatError(path, reason, line, code=code, **params)
        self.skipped.append(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")

    def add(self, kind: str, example: str) -> None:
        """Count one problem of a kind and keep the first few examples."""
        self.counts[kind] = self.counts.get(kind, 0) + 1
        shown = self.examples.setdefault(kind, [])
        if len(shown) < 5:
            shown.append(example)

    def lines(self) -> list[str]:
        """Human-readable summary lines."""
        return [
            f"{count} × {kind}"
            + (f" (e.g. {'; '.join(self.examples[kind])})" if kind in self.examples else "")
            for kind, count in sorted(self.counts.items())
        ]

    def __bool__(self) -> bool:
        return bool(self.counts or self.skipped)


def write_export(path: Path, content: str | bytes | Iterable[str | bytes]) -> None:
    """Write an exported file atomically with the permissions the user's umask gives.

    Exports are meant for other programs and people (a brat server, a colleague),
    so unlike the project's own files they are not private to the user. Content
    may be an iterable of pieces, written as they come (a large export streams):
    the file appears only once every piece is written; on an error or a
    cancellation the temporary file is removed and nothing is left.
    """
    path = Path(path)
    pieces: Iterable[str | bytes] = [content] if isinstance(content, (str, bytes)) else content
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # open() applies the umask to 0o666, as any other program writing a file does.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as handle:
            for piece in pieces:
                handle.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def line_break_problem(text: str, start: int, end: int) -> str | None:
    """Why a span of text crosses a line break, or None when it does not."""
    covered = text[start:end]
    if "\n" in covered or "\r" in covered:
        return f"span {covered!r} crosses a line break"
    return None


def read_bytes(path: Path, *, allow_empty: bool = False) -> bytes:
    """Read a file for a reader, refusing oversized, empty and non-regular files politely."""
    try:
        # The size limit is checked before reading; pipes and devices are refused.
        raw = read_bounded(path, MAX_FILE_BYTES)
    except InputError as exc:
        raise FormatError(path, exc.reason, code=exc.code, **exc.params) from None  # type: ignore[arg-type]
    if not raw.strip() and not allow_empty:
        raise FormatError(path, "the file is empty", code="empty_file")
    return raw


def decode_text(path: Path, raw: bytes, encoding: str | None) -> tuple[str, str | None]:
    """Decode with the shared text-file rules; FormatError for undecodable or binary data."""
    from core.importer import ImportError_, decode_bytes

    try:
        return decode_bytes(raw, path, encoding)
    except ImportError_ as exc:
        raise FormatError(path, str(exc).split(": ", 1)[-1]) from None


def parse_json(path: Path, text: str, line: int | None = None) -> Any:
    """Parse JSON, reporting the line of a syntax error; deep or unsafe JSON is refused."""
    try:
        return safeio.loads(text, path, line=line)
    except InputError as exc:
        raise FormatError(path, exc.reason, exc.line, code=exc.code, **exc.params) from None


def offsets_problem(text: str, start: Any, end: Any) -> str | None:
    """Why (start, end) cannot be a span of text, or None if it can."""
    if isinstance(start, bool) or isinstance(end, bool):
        return "offsets are not integers"
    if not isinstance(start, int) or not isinstance(end, int):
        return "offsets are not integers"
    if not 0 <= start < end <= len(text):
        return "span outside the text"
    return None


def clean_record(doc: DocRecord, report: ReadReport) -> DocRecord:
    """Apply the stored-text rules (BOM, line endings) and move the spans with the text.

    Spans that do not fit the text are dropped and counted in the report.
    """
    raw = doc.text
    removed = list(range(len(raw) - len(raw.lstrip("\ufeff"))))  # leading BOMs
    for i, ch in enumerate(raw):
        if ch == "\r" and raw[i + 1 : i + 2] == "\n":
            removed.append(i)
    text = clean_imported_text(raw)

    def move(offset: int) -> int:
        return offset - bisect_left(removed, offset)

    spans = []
    for span in doc.spans:
        problem = offsets_problem(raw, span.start, span.end)
        if problem:
            report.add(problem, f"[{span.start}, {span.end}) {span.label}")
            continue
        start, end = move(span.start), move(span.end)
        if start >= end:
            report.add("span covers only removed characters", f"[{span.start}, {span.end})")
            continue
        spans.append(replace(span, start=start, end=end))
    unique = list(dict.fromkeys(spans))
    for _ in range(len(spans) - len(unique)):
        report.add("the same span listed twice (kept once)", doc.title or "a document")
    return replace(doc, text=text, spans=unique)
