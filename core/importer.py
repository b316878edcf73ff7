"""Decoding text files, with encoding detection.

Files are decoded as UTF-8 (with or without a BOM) or UTF-16 with a BOM; a
file that is neither is tried as Windows-1256, the usual encoding of older
Arabic files, and the guess is reported because it may be wrong. An explicit
encoding always wins. The stored text is cleaned only as core.text says:
line endings become ``\\n`` and leading BOMs go.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from core.errors import InputError, TawsimError
from core.safeio import read_bounded
from core.text import clean_imported_text

MAX_FILE_BYTES = 20 * 1024 * 1024


class ImportError_(TawsimError):
    """A file cannot be imported; the message names the file."""


def decode_bytes(raw: bytes, path: Path, encoding: str | None = None) -> tuple[str, str | None]:
    """Decode a file's bytes; return (text, note) where note flags a guess."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportError_(f"{path}: unknown encoding {encoding!r}") from None
        try:
            return raw.decode(encoding), None
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise ImportError_(f"{path}:{line}: not valid {encoding} ({exc.reason})") from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), None
        except UnicodeDecodeError as exc:
            raise ImportError_(f"{path}: broken UTF-16 ({exc.reason})") from None
    if b"\x00" in raw:
        raise ImportError_(f"{path}: looks like a binary file (it contains NUL bytes)")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError:
        line = raw[: utf8_error.start].count(b"\n") + 1
        raise ImportError_(
            f"{path}:{line}: not UTF-8, UTF-16 or Windows-1256; pass --encoding"
        ) from None
    arabic = sum(1 for ch in text if "\u0600" <= ch <= "\u06ff")
    letters = sum(1 for ch in text if ch.isalpha())
    note = (
        f"{path}: not UTF-8; decoded as Windows-1256 "
        f"({arabic} of {letters} letters Arabic). Check the text, or pass --encoding"
    )
    if letters and arabic / letters < 0.5:
        note += " — the guess looks doubtful"
    return text, note


def read_text_file(path: Path, encoding: str | None = None) -> tuple[str, str | None]:
    """Read and clean one text file; ImportError_ for empty, huge or binary files."""
    path = Path(path)
    try:
        # The limit is checked before reading; pipes and devices are refused.
        raw = read_bounded(path, MAX_FILE_BYTES)
    except InputError as exc:
        raise ImportError_(str(exc)) from None
    text, note = decode_bytes(raw, path, encoding)
    text = clean_imported_text(text)
    if not text.strip():
        raise ImportError_(f"{path}: the file is empty")
    return text, note


def title_of(text: str, fallback: str) -> str:
    """A document's title: its first non-empty line, shortened."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= 200 else line[:199] + "…"
    return fallback
