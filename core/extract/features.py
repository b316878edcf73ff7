"""Token features for the CRF: Arabic-aware, cheap, and memoised per token string.

For each token: its normalised form, the proclitic split (the proclitic and
the stem, the article), prefixes and suffixes of the form and of the stem,
word shape, and gazetteer membership (the token starts a known name, is a
nationality, a title, a trigger noun; and the label of any gazetteer phrase
covering it). Then a window of two tokens each side over the forms, stems and
gazetteer tags, the form without the article around the token, title, trigger
and nationality words two tokens away, and whether the token is inside
quotes. From unlabeled news (``core.extract.clusters``): the word's and its
stem's clusters at three granularities, its frequency and article bands, and
the neighbours' clusters. Features are plain strings (crfsuite attributes of weight 1).

``document_features`` adds the second pass's features: how a first pass
tagged the same article-free stem elsewhere in a window of neighbouring
sentences (ANERcorp has no document breaks, so a window stands in for the
document), which keeps a name's label consistent across a report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from core.arabic import has_article, may_carry_proclitic, proclitic_splits
from core.extract.clusters import WordInfo, load_clusters
from core.extract.gazetteer import Gazetteer, load_gazetteer
from core.extract.matcher import PhraseMatcher, find_in_tokens
from core.text import is_arabic_letter, normalize_str

__all__ = ["FeatureExtractor", "bare_form", "document_features", "token_shape"]

QUOTES = frozenset('"“”«»„‟')
DOC_WINDOW = 50
_PUNCT_STRIP = "\"'“”„‟«»‹›‘’()[]{}<>.,،؛:;!?؟…-–—_/\\|*"


def token_shape(token: str) -> str:
    """A coarse shape: A (Arabic letters), L (other letters), D (digits), P (punctuation)."""
    out: list[str] = []
    for ch in token:
        if is_arabic_letter(ch):
            c = "A"
        elif ch.isdigit():
            c = "D"
        elif ch.isalpha():
            c = "L"
        else:
            c = "P"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:4]


def bare_form(stem: str) -> str:
    """A normalised stem without its article (the key of document memory)."""
    return stem[2:] if has_article(stem) else stem


class FeatureExtractor:
    """Turns token sequences into crfsuite attribute lists."""

    def __init__(
        self, gazetteer: Gazetteer | None = None, clusters: Mapping[str, WordInfo] | None = None
    ) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.clusters = load_clusters() if clusters is None else clusters
        from core.extract.rules import LOC_TRIGGERS, ORG_EXCLUDED, ORG_INCLUDED

        self.triggers = {normalize_str(w): "org" for w in ORG_INCLUDED + ORG_EXCLUDED}
        self.triggers.update({normalize_str(w): "loc" for w in LOC_TRIGGERS})
        self._known = _KnownStems(self.gazetteer.matcher, self.triggers)
        self.token_features = lru_cache(maxsize=200_000)(self._token_features)
        self.neighbour_features = lru_cache(maxsize=200_000)(self._neighbour_features)
        self._kept_caches: dict[
            frozenset[str], tuple[dict[str, Any], dict[str, tuple[tuple[str, ...], ...]]]
        ] = {}

    def _token_features(self, token: str) -> tuple[tuple[str, ...], str, str]:
        """(own features, normalised form, stem) of one token."""
        core_form = token.strip(_PUNCT_STRIP) or token
        norm = normalize_str(core_form)
        feats = [f"w={norm}", f"shape={token_shape(token)}"]
        if core_form != token:
            feats.append("punct_attached")
        if len(norm) <= 1:
            feats.append("short")
        splits = proclitic_splits(core_form, self._known) if may_carry_proclitic(norm) else []
        stem = norm
        if splits:
            split = splits[-1]
            stem = normalize_str(core_form[split:])
            feats.append(f"pro={normalize_str(core_form[:split])}")
        feats.append(f"stem={stem}")
        if has_article(stem):
            feats.append("art")
            bare = stem[2:]
        else:
            bare = stem
        feats.extend((f"b2={bare[:2]}", f"b3={bare[:3]}", f"e1={bare[-1:]}", f"e2={bare[-2:]}"))
        feats.extend((f"e3={bare[-3:]}", f"p1={norm[:1]}", f"p2={norm[:2]}"))
        feats.extend((f"b4={bare[:4]}", f"e4={bare[-4:]}", f"len={min(len(bare), 8)}"))
        if stem in self.gazetteer.first_names or norm in self.gazetteer.first_names:
            feats.append("fname")
        gaz = self.gazetteer
        for form in (norm, stem):
            entry = gaz.matcher.get((form,))
            if entry is not None:
                feats.append(f"gaz1={entry.label}")
                break
        if gaz.matcher.is_first(stem) or gaz.matcher.is_first(norm):
            feats.append("gazfirst")
        if norm in gaz.nationalities or stem in gaz.nationalities:
            feats.append("nat")
        if gaz.titles.is_first(stem) or gaz.titles.is_first(norm):
            feats.append("title")
        trig = self.triggers.get(stem) or self.triggers.get(norm)
        if trig:
            feats.append(f"trig={trig}")
        info = self.clusters.get(norm)
        if info is not None:
            feats.extend((f"c6={info[0]}", f"c8={info[1]}", f"c10={info[2]}"))
            feats.extend((f"fq={info[3]}", f"ab={info[4]}"))
        elif self.clusters:
            feats.append("fq=oov")
        if stem != norm:
            info = self.clusters.get(stem)
            if info is not None:
                feats.extend((f"sc6={info[0]}", f"sc8={info[1]}", f"sc10={info[2]}"))
                feats.append(f"sab={info[4]}")
        return tuple(feats), norm, stem

    def _neighbour_features(self, token: str) -> tuple[tuple[str, ...], ...]:
        """What a token adds to the rows of the tokens 2 and 1 after it, and 1 and 2 before it.

        Index k holds the features for offset ``(-2, -1, 1, 2)[k]`` (the token seen
        from a row ``d`` tokens away); memoised, as the strings are the same wherever
        the token occurs.
        """
        f2, n2, s2 = self.token_features(token)
        out = []
        for d in (-2, -1, 1, 2):
            row = [f"{d}w={n2}"]
            if abs(d) == 1:
                row.append(f"{d}bare={bare_form(s2)}")
                row.append(f"{d}s={s2}")
                for flag in ("title", "nat", "fname"):
                    if flag in f2:
                        row.append(f"{d}{flag}")
                row.extend(
                    f"{d}{f}" for f in f2 if f.startswith(("trig=", "shape=", "c8=", "sc8="))
                )
            else:
                row.append(f"{d}s={s2}")
                row.extend(
                    f"{d}{f}" for f in f2 if f.startswith(("trig=", "c6=")) or f in ("title", "nat")
                )
            out.append(tuple(row))
        return tuple(out)

    def _kept(
        self, tokens: Sequence[str], keep: frozenset[str]
    ) -> tuple[list[tuple[tuple[str, ...], str, str]], list[tuple[tuple[str, ...], ...]]]:
        """The tokens' own and neighbour features, only those in keep (memoised per keep)."""
        caches = self._kept_caches.get(keep)
        if caches is None:
            caches = self._kept_caches[keep] = ({}, {})
        own_cache, near_cache = caches
        own = []
        near = []
        for t in tokens:
            o = own_cache.get(t)
            if o is None:
                feats, norm, stem = self.token_features(t)
                o = own_cache[t] = (tuple(f for f in feats if f in keep), norm, stem)
                near_cache[t] = tuple(
                    tuple(f for f in row if f in keep) for row in self.neighbour_features(t)
                )
            own.append(o)
            near.append(near_cache[t])
        return own, near

    def sentence(
        self, tokens: Sequence[str], keep: frozenset[str] | None = None
    ) -> list[list[str]]:
        """Attribute lists for one sentence of tokens (only those in keep, if given).

        A tagger ignores attributes its model has no weight for; leaving them
        out here saves converting them (most of the cost of crfsuite's set).
        """
        n = len(tokens)
        if keep is None:
            own = [self.token_features(t) for t in tokens]
            near = [self.neighbour_features(t) for t in tokens]
        else:
            own, near = self._kept(tokens, keep)
        gaz_tags = ["O"] * n
        for first, last, entry in find_in_tokens(self.gazetteer.matcher, list(tokens)):
            gaz_tags[first] = "B" + entry.label
            for k in range(first + 1, last + 1):
                gaz_tags[k] = "I" + entry.label
        out: list[list[str]] = []
        quoted = False
        for i in range(n):
            feats, norm, stem = own[i]
            row = ["bias", *feats]
            # The strings made per position (the cached ones are filtered already).
            local = [f"g={gaz_tags[i]}", f"bare={bare_form(stem)}"]
            if tokens[i] in QUOTES:
                quoted = not quoted
            elif quoted:
                local.append("inq")
            if i > 0 and tokens[i - 1] in QUOTES:
                local.append("afterq")
            if i >= 2:
                row.extend(near[i - 2][0])
            if i >= 1:
                row.extend(near[i - 1][1])
                local.append(f"-1g={gaz_tags[i - 1]}")
                local.append(f"-1w|w={own[i - 1][1]}|{norm}")
                local.append(f"-1s|s={own[i - 1][2]}|{stem}")
            else:
                local.append("BOS")
            if i + 1 < n:
                row.extend(near[i + 1][2])
                local.append(f"1g={gaz_tags[i + 1]}")
                local.append(f"w|+1w={norm}|{own[i + 1][1]}")
            else:
                local.append("EOS")
            if i + 2 < n:
                row.extend(near[i + 2][3])
            if keep is None:
                row.extend(local)
            else:
                row.extend([a for a in local if a in keep])
            out.append(row)
        return out


def document_features(
    keys: Sequence[Sequence[str]],
    xseqs: Sequence[list[list[str]]],
    tags: Sequence[Sequence[str]],
    window: int = DOC_WINDOW,
) -> list[list[list[str]]]:
    """Add to each token how a first pass tagged its key in the other sentences nearby.

    ``keys`` are the tokens' ``bare_form`` keys, ``tags`` the first pass's
    tags, sentence by sentence; the window is ``window`` sentences each side.
    Features: ``p1=TAG`` (the token's own first-pass tag), ``-1p1=``,
    ``+1p1=`` and ``-1p1|p1=`` (its neighbours' first-pass tags, alone and
    the left one paired with its own: stacking them gave +0.007 dev F1),
    ``dcount=`` (how
    often the key occurs nearby: 1, 2 or 4+), ``mem=LABEL`` (the label the
    key got most often nearby, or O) and ``mem=LABEL|k`` (k: that label's
    share, in quarters).
    """
    n = len(keys)
    # Plain dicts, not Counters: this runs for every token of every document.
    per: list[dict[str, dict[str, int]]] = []
    for sent_keys, sent_tags in zip(keys, tags, strict=True):
        table: dict[str, dict[str, int]] = {}
        for key, tag in zip(sent_keys, sent_tags, strict=True):
            if len(key) >= 2:
                counts = table.setdefault(key, {})
                label = tag.rpartition("-")[2]
                counts[label] = counts.get(label, 0) + 1
        per.append(table)
    near: dict[str, dict[str, int]] = {}
    nothing: dict[str, int] = {}

    def shift(index: int, sign: int) -> None:
        for key, counts in per[index].items():
            total = near.setdefault(key, {})
            for label, c in counts.items():
                total[label] = total.get(label, 0) + sign * c
            if sign < 0 and not any(v > 0 for v in total.values()):
                del near[key]

    for k in range(min(window + 1, n)):
        shift(k, +1)
    out: list[list[list[str]]] = []
    for si in range(n):
        rows: list[list[str]] = []
        own = per[si]
        for i, row in enumerate(xseqs[si]):
            key = keys[si][i]
            sent_tags = tags[si]
            left = sent_tags[i - 1] if i > 0 else "BOS"
            right = sent_tags[i + 1] if i + 1 < len(sent_tags) else "EOS"
            extra = [
                f"p1={sent_tags[i]}",
                f"-1p1={left}",
                f"+1p1={right}",
                f"-1p1|p1={left}|{sent_tags[i]}",
            ]
            total = near.get(key) if len(key) >= 2 else None
            if total is not None:
                mine = own.get(key, nothing)
                others = {
                    lab: c - mine.get(lab, 0) for lab, c in total.items() if c > mine.get(lab, 0)
                }
                count = sum(others.values())
                if count:
                    extra.append("dcount=" + ("1" if count == 1 else "2" if count < 4 else "4"))
                    named = {lab: c for lab, c in others.items() if lab != "O"}
                    if named:
                        best = max(sorted(named), key=lambda lab: named[lab])
                        extra.append(f"mem={best}")
                        extra.append(f"mem={best}|{int(named[best] / count * 3.999)}")
                    else:
                        extra.append("mem=O")
            rows.append(row + extra)
        out.append(rows)
        if si - window >= 0:
            shift(si - window, -1)
        if si + window + 1 < n:
            shift(si + window + 1, +1)
    return out


class _KnownStems:
    """Gazetteer first tokens and trigger nouns as known stems for proclitic_splits."""

    def __init__(self, matcher: PhraseMatcher, triggers: dict[str, str]) -> None:
        self.matcher = matcher
        self.triggers = triggers

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str) and (self.matcher.is_first(item) or item in self.triggers)
