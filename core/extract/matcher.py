"""A phrase matcher over token sequences, shared by the gazetteer and project memory.

Phrases are keyed on their normalised tokens (``core.text.tokenize`` then
``normalize_str``), so building costs one dict entry a phrase and matching one
dict look-up a token. The first token of a match may carry a proclitic
(و ف ب ك ل, the article ال, or لل), which stays outside the matched span,
exactly as in ``core.propagate.find_occurrences``. Later tokens must be whole
tokens, separated by spaces only (never by punctuation or a line break).
Overlapping matches are resolved longest first.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from core.arabic import has_article, may_carry_proclitic, proclitic_splits
from core.propagate import normalize_surface
from core.text import Token, is_arabic_letter, normalize_str, tokenize

__all__ = ["Entry", "Match", "PhraseMatcher", "phrase_key", "token_stems"]


@dataclass(frozen=True)
class Entry:
    """What a phrase stands for: a label, a score in [0, 1] and where it came from."""

    label: str
    score: float
    source: str


@dataclass(frozen=True)
class Match:
    """A phrase found in a text: original code-point offsets, token range and entry."""

    start: int
    end: int
    first_token: int
    last_token: int
    entry: Entry
    key: tuple[str, ...]


def phrase_key(surface: str, *, strip: bool = True) -> tuple[str, ...]:
    """The normalised token sequence a surface form is stored under.

    With ``strip`` (for spans taken from a text) a safe leading proclitic is
    dropped as in ``normalize_surface``; name lists are written bare and keep
    their first letters (كاليدونيا is no ك + اليدونيا).
    """
    form = normalize_surface(surface) if strip else normalize_str(surface)
    return tuple(t.text for t in tokenize(form))


def _after_letters(token: str, start: int, count: int) -> int:
    """Offset in ``token`` just after ``count`` Arabic letters from ``start``."""
    pos = start
    seen = 0
    while pos < len(token) and seen < count:
        if is_arabic_letter(token[pos]):
            seen += 1
        pos += 1
    # Marks and tatweel after the last counted letter stay with it.
    while pos < len(token) and not is_arabic_letter(token[pos]):
        pos += 1
    return pos


def token_stems(
    token: str, norm: str, known: Container[str], *, article: bool = True
) -> Iterator[tuple[int, str]]:
    """Readings of a token as (offset of the stem in the token, normalised stem).

    The whole token comes first, then proclitic splits whose stem is known,
    then the same with the article ال (or the ل of لل) moved into the proclitic.
    """
    yield 0, norm
    if not (may_carry_proclitic(norm) or norm.startswith("ا")):
        return
    splits = [0, *proclitic_splits(token, known)] if may_carry_proclitic(norm) else [0]
    for split in splits:
        stem = normalize_str(token[split:]) if split else norm
        if split:
            yield split, stem
            if stem.startswith("ل") and normalize_str(token[:split]).endswith("ل"):
                # للتحالف = ل + التحالف with the article's alef elided.
                yield split, "ا" + stem
        if article and has_article(stem):
            yield _after_letters(token, split, 2), stem[2:]


class _Known:
    """The first tokens of all phrases, as known stems for proclitic_splits."""

    def __init__(self) -> None:
        self.firsts: dict[str, int] = {}

    def __contains__(self, item: object) -> bool:
        return item in self.firsts


@lru_cache(maxsize=4)
def document_tokens(text: str) -> list[Token]:
    """``tokenize(text)``, shared by the recommenders that read the same document (read-only)."""
    return tokenize(text)


class PhraseMatcher:
    """Normalised phrases with entries; finds them in texts, longest match first.

    With ``article=False`` a phrase is not found after the article ال, as
    trigger words must not be (التحالف is no تحالف trigger).
    """

    def __init__(self, *, article: bool = True) -> None:
        self.article = article
        self._phrases: dict[tuple[str, ...], Entry] = {}
        self._prefixes: set[tuple[str, ...]] = set()
        self._known = _Known()
        # token -> its readings whose stem starts a phrase; cleared when the phrases change.
        self._readings: dict[str, list[tuple[int, str]]] = {}

    def readings(self, token: str, norm: str) -> list[tuple[int, str]]:
        """``token_stems`` of a token whose stem starts some phrase (memoised)."""
        found = self._readings.get(token)
        if found is None:
            if len(self._readings) > 200_000:
                self._readings.clear()
            found = [
                (offset, stem)
                for offset, stem in token_stems(token, norm, self._known, article=self.article)
                if stem in self._known.firsts
            ]
            self._readings[token] = found
        return found

    def __len__(self) -> int:
        return len(self._phrases)

    def __contains__(self, key: object) -> bool:
        return key in self._phrases

    def keys(self) -> Iterable[tuple[str, ...]]:
        """Every stored phrase key."""
        return self._phrases.keys()

    def get(self, key: tuple[str, ...]) -> Entry | None:
        """The entry stored under a phrase key."""
        return self._phrases.get(key)

    def add(
        self, surface: str, entry: Entry, *, replace: bool = False, strip: bool = True
    ) -> tuple[str, ...]:
        """Store a surface form; an existing entry is kept unless this one scores higher."""
        return self.add_key(phrase_key(surface, strip=strip), entry, replace=replace)

    def add_key(
        self, key: tuple[str, ...], entry: Entry, *, replace: bool = False
    ) -> tuple[str, ...]:
        """Store an already normalised key."""
        if not key:
            return key
        old = self._phrases.get(key)
        if old is not None and not replace and old.score >= entry.score:
            return key
        if old is None:
            for i in range(1, len(key)):
                self._prefixes.add(key[:i])
            if key[0] not in self._known.firsts:
                self._readings.clear()
            self._known.firsts[key[0]] = self._known.firsts.get(key[0], 0) + 1
        self._phrases[key] = entry
        return key

    def remove_key(self, key: tuple[str, ...]) -> None:
        """Forget a phrase (its prefixes stay; they only cost a look-up)."""
        if self._phrases.pop(key, None) is not None:
            count = self._known.firsts.get(key[0], 0) - 1
            if count > 0:
                self._known.firsts[key[0]] = count
            else:
                self._known.firsts.pop(key[0], None)
                self._readings.clear()

    def is_first(self, norm: str) -> bool:
        """True if some phrase starts with this normalised token."""
        return norm in self._known.firsts

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        """Non-overlapping matches in text order, preferring more tokens, then longer spans."""
        if not self._phrases:
            return []
        tokens = document_tokens(text) if tokens is None else tokens
        norms = [normalize_str(t.text) for t in tokens]
        candidates: list[Match] = []
        for i, tok in enumerate(tokens):
            if tok.kind == "punct" and norms[i] not in self._known.firsts:
                continue
            for offset, stem in self.readings(tok.text, norms[i]):
                if offset and not _stem_allowed(stem, norms[i], self):
                    continue
                self._extend(text, tokens, norms, i, tok.start + offset, stem, candidates)
        return _resolve(candidates)

    def _extend(
        self,
        text: str,
        tokens: list[Token],
        norms: list[str],
        i: int,
        start: int,
        stem: str,
        out: list[Match],
    ) -> None:
        key: tuple[str, ...] = (stem,)
        j = i
        while True:
            entry = self._phrases.get(key)
            if entry is not None:
                out.append(Match(start, tokens[j].end, i, j, entry, key))
            if key not in self._prefixes or j + 1 >= len(tokens):
                return
            gap = text[tokens[j].end : tokens[j + 1].start]
            if "\n" in gap or (gap and not gap.isspace() and normalize_str(gap).strip()):
                return
            j += 1
            key = (*key, norms[j])


def _stem_allowed(stem: str, whole: str, matcher: PhraseMatcher) -> bool:
    # A word that is itself a phrase's first token is read whole (لبنان holds no بنان).
    return whole not in matcher._known.firsts or whole == stem


def _resolve(candidates: list[Match]) -> list[Match]:
    chosen: list[Match] = []
    # Chosen matches never overlap: sorted starts and ends find a clash by bisection.
    starts: list[int] = []
    ends: list[int] = []
    order = sorted(
        candidates,
        key=lambda m: (-(m.last_token - m.first_token), -(m.end - m.start), m.start),
    )
    for m in order:
        k = bisect_right(starts, m.start)
        if (k > 0 and ends[k - 1] > m.start) or (k < len(starts) and starts[k] < m.end):
            continue
        starts.insert(k, m.start)
        ends.insert(k, m.end)
        chosen.append(m)
    return sorted(chosen, key=lambda m: m.start)


def known_stem_of(token: str, matcher: PhraseMatcher) -> str | None:
    """The normalised stem of a token if the token, or it without proclitics, starts a phrase."""
    norm = normalize_str(token)
    for _, stem in token_stems(token, norm, matcher._known):
        if stem in matcher._known.firsts:
            return stem
    return None


def is_arabic_word(token: str) -> bool:
    """True if the token starts with an Arabic letter."""
    return bool(token) and is_arabic_letter(token[0])


def find_in_tokens(matcher: PhraseMatcher, tokens: list[str]) -> list[tuple[int, int, Entry]]:
    """Matches over a list of whitespace tokens as (first, last, entry), longest first.

    Tokens may carry punctuation (CoNLL files sometimes leave it attached);
    such a token can only end a phrase.
    """
    if not len(matcher):
        return []
    norms = [normalize_str(t) for t in tokens]
    found: list[tuple[int, int, Entry]] = []
    for i, tok in enumerate(tokens):
        for _, stem in matcher.readings(tok, norms[i]):
            key: tuple[str, ...] = (stem,)
            j = i
            while True:
                entry = matcher._phrases.get(key)
                if entry is not None:
                    found.append((i, j, entry))
                if key not in matcher._prefixes or j + 1 >= len(tokens):
                    break
                j += 1
                key = (*key, norms[j])
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    chosen: list[tuple[int, int, Entry]] = []
    used: set[int] = set()
    for first, last, entry in found:
        if any(k in used for k in range(first, last + 1)):
            continue
        chosen.append((first, last, entry))
        used.update(range(first, last + 1))
    return sorted(chosen, key=lambda m: m[0])
