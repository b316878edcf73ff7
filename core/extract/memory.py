"""Project memory: learn at once from what the annotator accepted and rejected.

Every accepted span teaches its normalised, proclitic-free surface form with
its label; every rejected suggestion counts against that form and label. The
memory then

- suggests each form whose acceptances outnumber its rejections wherever it
  occurs (through the same phrase matcher as the gazetteer), with the label
  the annotator gave it most often;
- vetoes any suggestion, from any recommender, whose form and label were
  rejected more often than accepted (``veto``); a rejection may have been of a
  piece of a longer name the annotator confirmed (``عمان`` inside ``بورصة
  عمان``), so each confirmed longer form that holds the piece outweighs one
  rejection of it;
- and drops any other recommender's suggestion that lies inside a form it
  suggests itself: a model's ``كأس الاتحاد`` inside the confirmed ``كأس الاتحاد
  الآسيوي`` is a cut name, a nested ``عمان`` in ``بورصة عمان`` no name of its own.

It also learns the heads of the names the annotator confirms
(``core.extract.conventions``: ``شركة …``, ``منتدى …``) and suggests the new
names they head, below the score of a confirmed form. Such a name is the
project's convention, so it too drops a model's name inside it (the model's
``الكهرباء الوطنية`` where this project writes ``شركة الكهرباء الوطنية``).
And it learns the words before the names (``ملعب`` before a LOC): after a word
that has only ever preceded one label, any suggestion takes that label
(``ContextConventions``), before the vetoes are applied.

Updates are incremental (``learn``/``unlearn`` after each decision or its
undo), so the GUI never rescans the project.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from core.extract.base import Suggestion
from core.extract.conventions import ContextConventions, HeadConventions
from core.extract.matcher import Entry, PhraseMatcher, document_tokens, phrase_key
from core.model import Document, Span
from core.text import normalize_str, tokenize, word_start

if TYPE_CHECKING:
    from core.store.project import Project

__all__ = ["ProjectMemoryRecommender"]

Key = tuple[str, ...]


class ProjectMemoryRecommender:
    """Suggests the surface forms the annotator accepted elsewhere in the project."""

    name = "memory"
    version = 1

    def __init__(self) -> None:
        self.accepted: dict[Key, Counter[str]] = {}
        self.rejected: dict[Key, Counter[str]] = {}
        # Accepted occurrences of longer forms that hold each key as a run of tokens.
        self.inside: Counter[Key] = Counter()
        # Letters the annotator kept before a confirmed form, by form (the ف of فاليريو,
        # which the form is stored without): {"ف": 2, "": 1}.
        self.leads: dict[Key, Counter[str]] = {}
        # Rejected spans that began inside a word, by form: (the letters before, label).
        # A rejected فـ|اليريو is forgiven by each acceptance of فاليريو whole.
        self.cuts: dict[Key, Counter[tuple[str, str]]] = {}
        self.matcher = PhraseMatcher()
        self.heads = HeadConventions()
        self.contexts = ContextConventions()

    # -- building ------------------------------------------------------------
    @classmethod
    def from_project(
        cls, project: Project, annotator: str | None = None
    ) -> ProjectMemoryRecommender:
        """A memory of every decided span in one annotator's layers of a project."""
        memory = cls()
        for info in project.documents():
            layer = project.layer(info.id, annotator)
            spans = [s for s in layer.spans() if s.status in ("accepted", "rejected")]
            if spans:
                memory.learn_many(project.text(info.id), spans)
        return memory

    @classmethod
    def from_spans(cls, items: Iterable[tuple[str, Iterable[Span]]]) -> ProjectMemoryRecommender:
        """A memory of (text, spans) pairs, e.g. documents already annotated."""
        memory = cls()
        for text, spans in items:
            memory.learn_many(text, spans)
        return memory

    # -- updating ------------------------------------------------------------
    def learn(self, text: str, span: Span) -> None:
        """Record one decision: an accepted or rejected span of text (others are ignored)."""
        self._count(text, span, +1)

    def unlearn(self, text: str, span: Span) -> None:
        """Take back one decision recorded by learn (on undo, delete or relabel)."""
        self._count(text, span, -1)

    def learn_many(self, text: str, spans: Iterable[Span]) -> None:
        """learn for several spans of the same text."""
        for span in spans:
            self._count(text, span, +1)

    def learn_form(self, surface: str, label: str, *, accepted: bool = True) -> None:
        """Record a decision about a bare surface form."""
        self._update(phrase_key(surface), label, accepted, +1)

    def _count(self, text: str, span: Span, delta: int) -> None:
        if span.status not in ("accepted", "rejected"):
            return
        key = phrase_key(text[span.start : span.end])
        accepted = span.status == "accepted"
        if key and accepted:
            self._lead(text[span.start : span.end], key, delta)
        elif key:
            lead = normalize_str(text[word_start(text, span.start) : span.start])
            if lead:
                _add(self.cuts, key, (lead, span.label), delta)
        self._update(key, span.label, accepted, delta)
        self.heads.count(text, span.start, span.end, span.label, accepted, delta)
        self.contexts.count(text, span.start, span.end, span.label, accepted, delta)

    def _update(self, key: Key, label: str, accepted: bool, delta: int) -> None:
        if not key or (len(key) == 1 and len(key[0]) < 2):
            return
        table = self.accepted if accepted else self.rejected
        counts = table.setdefault(key, Counter())
        counts[label] += delta
        if accepted:
            for sub in _pieces(key):
                self.inside[sub] += delta
                if self.inside[sub] <= 0:
                    del self.inside[sub]
        if counts[label] <= 0:
            del counts[label]
        if not counts:
            del table[key]
        self._refresh(key)

    def _lead(self, surface: str, key: Key, delta: int) -> None:
        tokens = tokenize(surface)
        first = normalize_str(tokens[0].text) if tokens else ""
        if not first.endswith(key[0]):
            return  # للوثبة is stored as الوثبة: no letters simply before it
        _add(self.leads, key, first[: len(first) - len(key[0])], delta)

    def _keeps_lead(self, key: Key, lead: str) -> bool:
        """True if the annotator kept these letters in the form's span more often than not."""
        counts = self.leads.get(key, Counter())
        return counts[lead] > counts[""]

    def _rejections(self, key: Key) -> Counter[str]:
        """Rejections of a form by label, less the cuts its whole confirmations forgive."""
        rej = Counter(self.rejected.get(key, Counter()))
        leads = self.leads.get(key, Counter())
        for (lead, label), n in self.cuts.get(key, Counter()).items():
            rej[label] -= min(n, leads[lead])
        return +rej

    def _refresh(self, key: Key) -> None:
        acc = self.accepted.get(key, Counter())
        rej = self._rejections(key)
        total_acc, total_rej = sum(acc.values()), sum(rej.values())
        if total_acc > total_rej:
            label, n = acc.most_common(1)[0]
            # More agreement, higher score; one acceptance gives 0.7.
            score = round(0.5 + 0.45 * (n - rej[label]) / (total_acc + total_rej + 1), 3)
            self.matcher.add_key(key, Entry(label, max(score, 0.5), "memory"), replace=True)
        else:
            self.matcher.remove_key(key)

    # -- using ---------------------------------------------------------------
    def label_of(self, surface: str) -> str | None:
        """The label the memory would give a surface form, if any."""
        entry = self.matcher.get(phrase_key(surface))
        return entry.label if entry else None

    def is_rejected(self, surface: str, label: str) -> bool:
        """True if the form was rejected with that label more often than accepted."""
        return self._vetoed(phrase_key(surface), label)

    def _vetoed(self, key: Key, label: str) -> bool:
        rej = self.rejected.get(key)
        if not rej or not rej[label]:
            return False
        rejections = self._rejections(key)[label] if key in self.cuts else rej[label]
        return rejections > self.accepted.get(key, Counter())[label] + self.inside[key]

    def suggest(self, document: Document) -> list[Suggestion]:
        """Suggestions for every remembered form in the document's text."""
        origin = f"{self.name}@{self.version}"
        text = document.text
        tokens = document_tokens(text)
        forms = []
        for m in self.matcher.find(text, tokens):
            start = m.start
            token_start = tokens[m.first_token].start
            # The form was found after a proclitic the annotator keeps in it (فاليريو).
            if start > token_start and self._keeps_lead(
                m.key, normalize_str(text[token_start:start])
            ):
                start = token_start
            forms.append(Suggestion(start, m.end, m.entry.label, m.entry.score, origin))
        return forms + self.heads.suggest(text, origin)

    def veto(self, document: Document, suggestions: list[Suggestion]) -> list[Suggestion]:
        """Relabel suggestions after a word that tells their label, then drop those whose
        form and label the annotator rejected more than accepted, and others' suggestions
        inside a form the memory suggests."""
        text = document.text
        suggestions = self.contexts.relabel(text, suggestions)
        mine = [s.recommender == self.name for s in suggestions]
        own = sorted((s.start, s.end) for s, m in zip(suggestions, mine, strict=True) if m)
        starts = [start for start, _ in own]
        reach = list(accumulate((end for _, end in own), max))
        out = []
        for s, m in zip(suggestions, mine, strict=True):
            if self.rejected and self._vetoed(phrase_key(text[s.start : s.end]), s.label):
                continue
            if own and not m and _within(own, starts, reach, s):
                continue
            out.append(s)
        return out

    def __len__(self) -> int:
        return len(self.matcher)


def _add(table: dict[Key, Counter[Any]], key: Key, item: object, delta: int) -> None:
    """Count ``delta`` more of ``item`` for ``key``, dropping what falls to zero."""
    counts = table.setdefault(key, Counter())
    counts[item] += delta
    if counts[item] <= 0:
        del counts[item]
    if not counts:
        del table[key]


def _pieces(key: Key) -> Iterator[Key]:
    """Every shorter run of tokens of a key (``a b c``: a, b, c, a b, b c)."""
    n = len(key)
    for size in range(1, n):
        for i in range(n - size + 1):
            yield key[i : i + size]


def _within(own: list[tuple[int, int]], starts: list[int], reach: list[int], s: Suggestion) -> bool:
    """True if the suggestion lies inside one of the spans ``own`` (sorted, ``starts`` their
    starts) without being it; ``reach[k]`` is the furthest end among ``own[: k + 1]``."""
    before = bisect_left(starts, s.start)
    if before and reach[before - 1] >= s.end:
        return True  # a span starting earlier reaches at least as far
    same = bisect_right(starts, s.start)
    return same > before and own[same - 1][1] > s.end
