"""Bounded reads and safe JSON parsing for files that come from someone else.

Every file Tawsim reads may be hostile: a FIFO that never ends, ``/dev/zero``,
a 4 GB ``.ann``, JSON nested a thousand levels deep, an integer of 10,000
digits, ``NaN``, or a ``\\ud800`` escape that decodes to a lone surrogate (a
string no UTF-8 file can hold). These helpers turn each of those into one
``InputError`` naming the file, before the data reaches the rest of the code.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from core.errors import InputError

# Deeper than anything Tawsim writes (a project file is 4 levels, a Label
# Studio export about 8), far below Python's recursion limit.
MAX_JSON_DEPTH = 48
# Offsets, ids and time stamps fit in 20 digits; 4,300 is where Python gives up.
MAX_INT_DIGITS = 40
_CHUNK = 1 << 20

# A \uXXXX escape of a surrogate: the only way JSON text read as UTF-8 can
# produce one. A pair is fine (json joins it); a lone half is refused.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def open_regular(path: Path, *, follow: bool = True) -> int:
    """Open path for reading and return the fd; InputError unless it is a regular file.

    O_NONBLOCK keeps a FIFO from blocking the open; the fstat then refuses it,
    as it refuses devices such as /dev/zero and folders. With follow=False a
    symlink at the last component is refused (O_NOFOLLOW).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    if not follow:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if not follow and os.path.islink(path):
            raise InputError(
                path, "is a symbolic link; refused (links are not followed)", code="symlink"
            ) from None
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    try:
        mode = os.fstat(fd).st_mode
    except OSError as exc:
        os.close(fd)
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (a pipe or device)"
        raise InputError(path, f"is {kind}; refused")
    return fd


def read_bounded(path: Path, limit: int, *, follow: bool = True) -> bytes:
    """A regular file's bytes; InputError if it is larger than limit or not a regular file."""
    path = Path(path)
    fd = open_regular(path, follow=follow)
    try:
        size = os.fstat(fd).st_size
        if size > limit:
            raise InputError(
                path,
                f"{_mb(size)} is over the {_mb(limit)} limit",
                code="too_large",
                size=_mb(size),
                limit=_mb(limit),
            )
        # The size can change between fstat and read (a file being written, a
        # lying filesystem): never read more than limit + 1 bytes.
        parts: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if total > limit:
        raise InputError(path, f"grew over the {_mb(limit)} limit while being read")
    return b"".join(parts)


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 100_000 else f"{size:,} bytes"


def _parse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number JSON allows")


_INT_LIMIT = 10**MAX_INT_DIGITS


def _value_problem(value: Any) -> str | None:
    """Why a parsed value is unsafe (too deep, a huge integer, not finite), or None.

    One iterative pass (it never recurses), typed by ``type() is`` because it
    runs over every value of a 5,000-span layer when a document opens; a
    parse_int/parse_float hook would call Python for every number instead.
    """
    if type(value) is not dict and type(value) is not list:
        return _scalar_problem(value)
    stack: list[tuple[Any, int]] = [(value, 1)]
    pop, push = stack.pop, stack.append
    while stack:
        item, depth = pop()
        if depth > MAX_JSON_DEPTH:
            return f"nested more than {MAX_JSON_DEPTH} levels deep"
        for child in item.values() if type(item) is dict else item:
            kind = type(child)
            if kind is dict or kind is list:
                push((child, depth + 1))
            elif kind is float:
                if child - child != 0.0:  # inf or nan
                    return "a number out of range"
            elif kind is int and not -_INT_LIMIT < child < _INT_LIMIT:
                return f"an integer of more than {MAX_INT_DIGITS} digits"
    return None


def _scalar_problem(value: Any) -> str | None:
    if type(value) is float and value - value != 0.0:
        return "a number out of range"
    if type(value) is int and not -_INT_LIMIT < value < _INT_LIMIT:
        return f"an integer of more than {MAX_INT_DIGITS} digits"
    return None


def _line_of(text: str, index: int) -> int:
    return text.count("\n", 0, index) + 1


def _lone_surrogate_line(text: str, value: Any) -> int | None:
    """The line of a lone surrogate escape, if the parsed value holds one."""
    hits = list(_SURROGATE_ESCAPE.finditer(text))
    if not hits:
        return None
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return None  # only proper pairs
    for hit in hits:
        unit = int(hit.group()[2:], 16)
        nxt = text[hit.end() : hit.end() + 6]
        prev = text[max(0, hit.start() - 6) : hit.start()]
        if unit < 0xDC00 and not re.fullmatch(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}", nxt):
            return _line_of(text, hit.start())
        if unit >= 0xDC00 and not re.fullmatch(r"\\u[dD][89abAB][0-9a-fA-F]{2}", prev):
            return _line_of(text, hit.start())
    return _line_of(text, hits[0].start())


def loads(text: str, path: Path | str, *, line: int | None = None) -> Any:
    """Parse JSON text from path; InputError (naming path and line) for anything unsafe.

    Refused: syntax errors, NaN and infinities, integers over MAX_INT_DIGITS
    digits, nesting deeper than MAX_JSON_DEPTH, and lone surrogates. line is
    the line of text's first line in the file (for JSONL).
    """
    base = (line or 1) - 1
    try:
        value = json.loads(text, parse_constant=_parse_constant)
    except json.JSONDecodeError as exc:
        raise InputError(
            path,
            f"invalid JSON ({exc.msg})",
            base + exc.lineno,
            code="invalid_json",
            detail=exc.msg,
        ) from None
    except RecursionError:
        raise InputError(path, f"JSON nested more than {MAX_JSON_DEPTH} levels deep") from None
    except ValueError as exc:
        # Python refuses integers of over 4,300 digits; NaN and Infinity come here too.
        reason = str(exc).split(";")[0].split(":")[0]
        raise InputError(path, f"refused JSON value ({reason})", line) from None
    problem = _value_problem(value)
    if problem:
        raise InputError(path, f"refused JSON value ({problem})", line)
    bad = _lone_surrogate_line(text, value)
    if bad is not None:
        raise InputError(
            path, "a \\u escape makes a lone surrogate (not valid Unicode)", base + bad
        )
    return value


def loads_bytes(raw: bytes, path: Path | str) -> Any:
    """Parse UTF-8 JSON bytes from path (a BOM is allowed); InputError if unsafe."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            path, f"not valid UTF-8 ({exc.reason})", line, code="not_utf8", detail=exc.reason
        ) from None
    return loads(text, path)


def unicode_problem(text: str) -> str | None:
    """Why text cannot be written as UTF-8 (a lone surrogate), or None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        return f"line {line}: a lone surrogate U+{ord(text[exc.start]):04X} is not valid Unicode"
    return None


def json_size_problem(value: Any, *, max_bytes: int) -> str | None:
    """Why a JSON value is too deep, too large or not writable as UTF-8, or None."""
    problem = _value_problem(value)
    if problem:
        return problem
    try:
        size = len(json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8"))
    except (TypeError, ValueError, RecursionError) as exc:
        return f"not storable as JSON ({exc})"
    except UnicodeEncodeError:
        return "holds a lone surrogate (not valid Unicode)"
    if size > max_bytes:
        return f"{size:,} bytes is over the {max_bytes:,}-byte limit"
    return None
