"""Arabic text primitives: stored text, offsets, normalisation, tokens, proclitics.

Offsets
    Every offset in this module is a Unicode code-point offset (a Python ``str``
    index) into the stored text, end-exclusive. Qt counts UTF-16 code units;
    convert only through :class:`Utf16Index`, :func:`cp_to_utf16` and
    :func:`utf16_to_cp`.

Stored text
    :func:`clean_imported_text` is the only change ever made to a document:
    leading BOMs are dropped and line endings become ``\\n``. Tashkeel,
    tatweel and direction marks stay, so imported offsets stay valid.

Normalisation (matching only, never stored)
    Each character either maps to exactly one character or is removed, so the
    offset map is one entry per kept character. Removed: tashkeel and other
    Arabic combining marks (U+0610-061A, U+064B-065F, U+0670, U+06D6-06ED and
    any other Mn in the Arabic blocks), tatweel, direction marks
    (:data:`DIRECTION_MARKS`, which includes U+061C ALM) and zero-width
    characters U+200B-200D, U+FEFF. Folded: أ إ آ ٱ -> ا, ى -> ي, ة -> ه,
    Persian ی -> ي and ک -> ك, Arabic-Indic and Persian digits -> ASCII.

Tokens (kinds)
    ``word``   Arabic letters with any internal/trailing tashkeel and tatweel
               (and ZWNJ/ZWJ between them).
    ``number`` digits (ASCII, Arabic-Indic, Persian) with single separators
               ``. , / : ٫ ٬`` *between* digits, so ``2025/05/27``, ``1:14``,
               ``3.5`` and ``1,000`` are one token each. ``-`` is not a
               separator: ``1990-2000`` is number, punct, number.
    ``latin``  runs of non-Arabic letters (Latin, but also any other script)
               and ASCII digits containing at least one letter: ``X``,
               ``COVID19``, ``19COVID``.
    ``punct``  any other visible character, one token each; an emoji keeps
               its variation selectors, skin tones, ZWJ sequence or flag pair.
    Whitespace, direction marks, zero-width and control characters are never
    tokens; they are skipped without disturbing other tokens' offsets.

Proclitics
    The rule for which leading proclitic may be stripped lives in
    :mod:`core.arabic`, which builds on the character classes defined here.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

import pyarabic.araby as araby  # type: ignore[import-untyped]

__all__ = [
    "ARABIC_LETTERS",
    "ARABIC_MARKS",
    "DIRECTION_MARKS",
    "IGNORABLE",
    "QUOTES_BRACKETS",
    "TATWEEL",
    "Normalized",
    "Token",
    "Utf16Index",
    "clean_imported_text",
    "cp_to_utf16",
    "is_arabic_letter",
    "normalize",
    "normalize_str",
    "sentences",
    "tokenize",
    "utf16_to_cp",
    "words",
]


def _chars(*ranges: tuple[int, int]) -> frozenset[str]:
    return frozenset(chr(c) for lo, hi in ranges for c in range(lo, hi + 1))


def _char_class(chars: Iterable[str]) -> str:
    """Return a regex character-class body matching exactly ``chars``."""
    # Ranges keep the classes short even for the ~1000 Arabic letters.
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        lo, hi = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "".join(parts)


# ---------------------------------------------------------------- char sets

DIRECTION_MARKS: frozenset[str] = frozenset("\u200e\u200f\u061c") | _chars(
    (0x202A, 0x202E), (0x2066, 0x2069)
)
_ZWNJ, _ZWJ = "\u200c", "\u200d"
_ZERO_WIDTH: frozenset[str] = frozenset("\u200b\u200c\u200d\ufeff")
# The tokenizer also skips other format/control characters nobody can see.
_IGNORABLE: frozenset[str] = (
    DIRECTION_MARKS
    | _ZERO_WIDTH
    | frozenset("\u00ad\u180e")
    | _chars((0x2060, 0x2064), (0x206A, 0x206F), (0xE0000, 0xE007F))
    # Controls, but not the ones Python counts as whitespace (\n, \t, ...).
    | frozenset(c for c in _chars((0x00, 0x1F), (0x7F, 0x9F)) if not c.isspace())
)

_TATWEEL: str = araby.TATWEEL
_ARABIC_BLOCKS: frozenset[str] = _chars(
    (0x0600, 0x06FF), (0x0750, 0x077F), (0x0870, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)
)
_ARABIC_LETTERS: frozenset[str] = frozenset(araby.LETTERS) | frozenset(
    c for c in _ARABIC_BLOCKS if unicodedata.category(c) == "Lo"
)
_ARABIC_MARKS: frozenset[str] = (
    frozenset(araby.DIACRITICS)
    | frozenset(araby.TASHKEEL)
    | frozenset(araby.MINI_ALEF)
    | _chars((0x0610, 0x061A), (0x064B, 0x065F), (0x06D6, 0x06ED))
    | frozenset(c for c in _ARABIC_BLOCKS if unicodedata.category(c) == "Mn")
)
_REMOVED: frozenset[str] = _ARABIC_MARKS | {_TATWEEL} | DIRECTION_MARKS | _ZERO_WIDTH

_FOLD: dict[str, str] = {
    araby.ALEF_HAMZA_ABOVE: araby.ALEF,
    araby.ALEF_HAMZA_BELOW: araby.ALEF,
    araby.ALEF_MADDA: araby.ALEF,
    araby.ALEF_WASLA: araby.ALEF,
    araby.ALEF_MAKSURA: araby.YEH,
    araby.TEH_MARBUTA: araby.HEH,
    # Persian keyboards produce these look-alikes in Arabic text.
    "\u06cc": araby.YEH,
    "\u06a9": araby.KAF,
}
_FOLD.update(
    {d: str(i) for digits in (araby.NUMBERS_EAST, araby.NUMBERS_PERS) for i, d in enumerate(digits)}
)

_TRANSLATION: dict[int, str | None] = {ord(c): None for c in _REMOVED}
_TRANSLATION.update({ord(k): v for k, v in _FOLD.items()})
_REMOVED_RE = re.compile(f"[{_char_class(_REMOVED)}]")

_DIGITS: frozenset[str] = (
    frozenset(araby.NUMBERS_WEST) | frozenset(araby.NUMBERS_EAST) | frozenset(araby.NUMBERS_PERS)
)
_NUMBER_SEPARATORS = "./,:\u066b\u066c"
_QUOTES_BRACKETS: frozenset[str] = frozenset("\"'“”„‟«»‹›‘’‚‛()[]{}<>")


# Public names for the classes core.arabic builds its proclitic rule on.
ARABIC_LETTERS = _ARABIC_LETTERS
ARABIC_MARKS = _ARABIC_MARKS
TATWEEL = _TATWEEL
QUOTES_BRACKETS = _QUOTES_BRACKETS
IGNORABLE = _IGNORABLE


def is_arabic_letter(ch: str) -> bool:
    """Return True if ``ch`` is a single Arabic-script letter (not a mark or tatweel)."""
    return ch in _ARABIC_LETTERS


# ---------------------------------------------------------------- stored text


def clean_imported_text(raw: str) -> str:
    """Drop leading BOMs and normalise CRLF / lone CR line endings to LF.

    Every leading BOM goes, not just one, so that cleaning is idempotent: a
    text that began with two would otherwise lose one more on each export and
    import round trip.
    """
    return raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- UTF-16 offsets

_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


class Utf16Index:
    """Code-point <-> UTF-16 offset conversion for one text in O(log n)."""

    __slots__ = ("_length", "_astral_cp", "_astral_u16")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        # Only characters outside the BMP make the two units differ.
        self._astral_cp = [m.start() for m in _ASTRAL_RE.finditer(text)]
        self._astral_u16 = [cp + i for i, cp in enumerate(self._astral_cp)]

    @property
    def length(self) -> int:
        """Length of the text in code points."""
        return self._length

    @property
    def utf16_length(self) -> int:
        """Length of the text in UTF-16 code units."""
        return self._length + len(self._astral_cp)

    def to_utf16(self, cp: int) -> int:
        """Convert a code-point offset (0..len) to a UTF-16 offset."""
        if not 0 <= cp <= self._length:
            raise ValueError(f"code-point offset {cp} outside 0..{self._length}")
        return cp + bisect_left(self._astral_cp, cp)

    def to_cp(self, u16: int) -> int:
        """Convert a UTF-16 offset to a code-point offset, rounding down inside a pair."""
        if not 0 <= u16 <= self.utf16_length:
            raise ValueError(f"UTF-16 offset {u16} outside 0..{self.utf16_length}")
        k = bisect_left(self._astral_u16, u16)  # astral chars starting before u16
        if k and self._astral_u16[k - 1] + 1 == u16:
            return self._astral_cp[k - 1]
        return u16 - k


def cp_to_utf16(text: str, cp: int) -> int:
    """Convert a code-point offset into ``text`` to a UTF-16 offset."""
    return Utf16Index(text).to_utf16(cp)


def utf16_to_cp(text: str, u16: int) -> int:
    """Convert a UTF-16 offset into ``text`` to a code-point offset."""
    return Utf16Index(text).to_cp(u16)


# ---------------------------------------------------------------- normalisation


@dataclass(frozen=True)
class Normalized:
    """Normalised text with the original span of every normalised character."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the tightest original span covering it."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span [{start}, {end}) outside 0..{len(self.text)}")
        if start < end:
            return self.starts[start], self.ends[end - 1]
        # Zero width: sit just before the next kept character, or after the last.
        if start < len(self.starts):
            pos = self.starts[start]
        else:
            pos = self.ends[-1] if self.ends else 0
        return pos, pos


def normalize_str(text: str) -> str:
    """Return the normalised matching form of ``text`` (no offset map)."""
    return text.translate(_TRANSLATION)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching, keeping a map back to original offsets."""
    if _REMOVED_RE.search(text) is None:
        starts: tuple[int, ...] = tuple(range(len(text)))
    else:
        starts = tuple(i for i, c in enumerate(text) if c not in _REMOVED)
    # Every kept character maps to exactly one output character.
    return Normalized(normalize_str(text), starts, tuple(s + 1 for s in starts))


# ---------------------------------------------------------------- tokens


@dataclass(frozen=True)
class Token:
    """A token: code-point span, its text and kind (word/number/latin/punct)."""

    start: int
    end: int
    text: str
    kind: str


_LET = _char_class(_ARABIC_LETTERS)
_MT = _char_class(_ARABIC_MARKS | {_TATWEEL})
_JOIN = _char_class({_ZWNJ, _ZWJ})
_WORD = rf"[{_MT}]*[{_LET}](?:[{_LET}{_MT}{_JOIN}]*[{_LET}{_MT}])?"
_LATIN_LETTER = rf"(?![{_char_class(_ARABIC_BLOCKS)}])[^\W\d_]"
_LATIN_MARK = r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20dc\ufe20-\ufe2f]"
_LATIN = rf"[0-9]*{_LATIN_LETTER}(?:{_LATIN_LETTER}|[0-9]|{_LATIN_MARK})*"
_DIG = _char_class(_DIGITS)
_NUMBER = rf"[{_DIG}]+(?:[{re.escape(_NUMBER_SEPARATORS)}][{_DIG}]+)*"
_EXT = (
    r"[\ufe00-\ufe0f\u20e3\u0300-\u036f\u20d0-\u20ff"
    r"\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)
_VISIBLE = rf"[^\s{_char_class(_IGNORABLE)}]"
_PUNCT = rf"(?:[\U0001f1e6-\U0001f1ff]{{2}}|{_VISIBLE}){_EXT}*(?:\u200d(?!\w){_VISIBLE}{_EXT}*)*"
_TOKEN_RE = re.compile(
    rf"(?P<word>{_WORD})|(?P<latin>{_LATIN})|(?P<number>{_NUMBER})|(?P<punct>{_PUNCT})"
)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word/number/latin/punct tokens with exact offsets."""
    return [
        Token(m.start(), m.end(), m.group(), m.lastgroup or "punct")
        for m in _TOKEN_RE.finditer(text)
    ]


def word_start(text: str, end: int) -> int:
    """Where the run of letters and combining marks that ends at ``end`` starts (``end``
    itself if none ends there): the word, or the part of a word, before an offset."""
    start = end
    while start > 0 and (
        text[start - 1].isalpha() or unicodedata.category(text[start - 1]) == "Mn"
    ):
        start -= 1
    return start


def words(text: str) -> list[Token]:
    """Return the non-punctuation tokens of ``text``."""
    return [t for t in tokenize(text) if t.kind != "punct"]


_TERMINATORS = "!?\u061f\u061b\u06d4"
_CLOSERS = "\"'”’»›)]}"
_SENTENCE_END_RE = re.compile(
    rf"\n|(?:[{_TERMINATORS}]|(?<![{_DIG}])\.|\.(?![{_DIG}]))"
    rf"[.{_TERMINATORS}{re.escape(_CLOSERS)}{_char_class(_IGNORABLE)}]*"
)


def _is_blank(ch: str) -> bool:
    return ch.isspace() or ch in _IGNORABLE


def sentences(text: str) -> list[tuple[int, int]]:
    """Return sentence spans split after . ! ? ؟ ؛ ۔ and at newlines, trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END_RE.finditer(text):
        # A terminator keeps its run of further terminators and closing quotes.
        _append_trimmed(spans, text, start, m.start() if m.group() == "\n" else m.end())
        start = m.end()
    _append_trimmed(spans, text, start, len(text))
    return spans


def _append_trimmed(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and _is_blank(text[start]):
        start += 1
    while end > start and _is_blank(text[end - 1]):
        end -= 1
    if start < end:
        spans.append((start, end))
