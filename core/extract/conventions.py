"""The annotator's naming conventions: head words that start the names they confirm,
and words before a name that tell its label.

The project memory suggests the forms the annotator confirmed, and only those.
A project also has conventions a form does not show: in one corpus
``شركة الكهرباء الوطنية`` keeps ``شركة`` in the ORG, in another every
``منتدى …`` or ``كأس …`` is a MISC. ANERcorp's model knows neither (it tags most
of them O, and trims ``شركة``). ``HeadConventions`` counts, for each confirmed
name of two words or more that is not a person, its first word (the head) with
its label; a rejected suggestion with that head counts against. A head the
annotator has confirmed with one label at least ``MIN_NET`` times more than
rejected then suggests, wherever it occurs, itself and the definite words
that follow it (``المؤتمر الاقتصادي المصري``, ``وزارة المياه والري``) as a
name with that label. Persons are left out: a given name heads names of every
kind of word after it.

A word before a name can tell its kind as well: in a sports corpus what
follows ``ملعب`` is a stadium (LOC) whatever its words (``ملعب خالد بن
الوليد`` reads like a person, and ANERcorp's model says PERS). ``ContextConventions``
counts, for each confirmed name, the word right before it on its line with the
name's label; a rejected suggestion counts against its label after that word.
A word after which the annotator confirmed one label at least ``MIN_CONTEXT``
times and every other label never (net) relabels any suggestion that follows
it. Only a noun in construct with the name counts (it has no article and no
و: ``ملعب``, ``مسجد``, ``شارع``, ``شمال``); particles, definite adjectives and
titles (``الأمريكي``, ``العام``) and verbs after و (``وكان``) come before
names of every kind. It never adds or moves a span: where a name starts and
ends stays the recommenders' call.

Counts are incremental (``count`` with +1 on a decision, -1 on its undo).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace

from core.extract.base import Suggestion
from core.extract.matcher import document_tokens, token_stems
from core.extract.rules import STOP_WORDS
from core.text import Token, normalize_str, tokenize, word_start

__all__ = ["ContextConventions", "HeadConventions", "MIN_CONTEXT", "MIN_NET"]

# Confirmations, net of rejections, before a head suggests (1 and 2 were tried on the
# team corpora: 1 was as good or better in every quarter and order).
MIN_NET = 1
# Words after the head that may continue the name.
MAX_AFTER = 4
LABELS_LEFT_OUT = frozenset({"PERS"})
# Confirmations after a word, net of rejections, before the word relabels what follows it
# (one is a coincidence: في [حمص|LOC] then في [كأس الجمهورية|MISC]).
MIN_CONTEXT = 3


def readings(token: str) -> Iterator[tuple[int, str]]:
    """The token's normalised form, and the same after each proclitic it may carry
    (وبمؤتمر: مؤتمر; للمؤتمر: المؤتمر), as (offset of the form in the token, form):
    the matcher's own readings, any stem allowed, the article kept."""
    return token_stems(token, normalize_str(token), _ANY_STEM, article=False)


class _AnyStem:
    """Every stem counts as known: heads are looked up after reading."""

    def __contains__(self, item: object) -> bool:
        return True


_ANY_STEM = _AnyStem()


class HeadConventions:
    """Heads of confirmed names, with their labels; suggests names they head."""

    def __init__(self) -> None:
        self.net: dict[str, Counter[str]] = {}
        self.active: dict[str, tuple[str, int]] = {}  # head -> (label, net count)

    def count(
        self, text: str, start: int, end: int, label: str, accepted: bool, delta: int
    ) -> None:
        """Record (delta +1) or take back (-1) one decision on the span text[start:end]."""
        if label in LABELS_LEFT_OUT:
            return
        words = [t for t in tokenize(text[start:end]) if t.kind == "word"]
        if len(words) < 2:
            return
        head = normalize_str(words[0].text)
        if len(head) < 3:
            return
        found = _sole_label(_tally(self.net, head, label, accepted, delta), MIN_NET)
        self.active.pop(head, None)
        if found:
            self.active[head] = found

    def suggest(self, text: str, origin: str) -> list[Suggestion]:
        """A name for each active head in the text followed by at least one definite word."""
        if not self.active:
            return []
        tokens = document_tokens(text)
        out: list[Suggestion] = []
        for i, tok in enumerate(tokens):
            if tok.kind != "word":
                continue
            for offset, form in readings(tok.text):
                found = self.active.get(form)
                if found is None:
                    continue
                end = _definite_run(text, tokens, i, self.active)
                if end > i:
                    label, n = found
                    score = round(0.8 - 0.4 / n, 3)  # two confirmations give 0.6, more up to 0.8
                    out.append(
                        Suggestion(tok.start + offset, tokens[end].end, label, score, origin)
                    )
                break
        return out


def _definite_run(text: str, tokens: list[Token], i: int, heads: Mapping[str, object]) -> int:
    """The last token of the definite words right after token i on its line (i if none);
    a word with و that is itself a head starts the next name (الأمم المتحدة | والولايات)."""
    end = i
    while end + 1 < len(tokens) and end - i < MAX_AFTER:
        nxt = tokens[end + 1]
        gap = text[tokens[end].end : nxt.start]
        if nxt.kind != "word" or (gap and not gap.isspace()) or "\n" in gap:
            break
        norm = normalize_str(nxt.text)
        if not (norm.startswith("ال") or norm.startswith("وال")) or len(norm) < 4:
            break
        if norm in STOP_WORDS or norm[1:] in STOP_WORDS:
            break  # الذي، التي: the name has ended
        if norm.startswith("و") and norm[1:] in heads:
            break
        end += 1
    return end


class ContextConventions:
    """Words before confirmed names, with the names' labels; relabels what follows them."""

    def __init__(self) -> None:
        self.net: dict[str, Counter[str]] = {}
        self.active: dict[str, str] = {}  # word before -> label

    def count(
        self, text: str, start: int, end: int, label: str, accepted: bool, delta: int
    ) -> None:
        """Record (delta +1) or take back (-1) one decision on the span text[start:end]."""
        word = word_before(text, start)
        if word is None:
            return
        found = _sole_label(_tally(self.net, word, label, accepted, delta), MIN_CONTEXT)
        self.active.pop(word, None)
        if found:
            self.active[word] = found[0]

    def label_after(self, text: str, start: int) -> str | None:
        """The label the word before ``start`` gives a name there, if it is a convention."""
        if not self.active:
            return None
        word = word_before(text, start)
        return None if word is None else self.active.get(word)

    def relabel(self, text: str, suggestions: list[Suggestion]) -> list[Suggestion]:
        """The suggestions, each after a convention's word with that word's label."""
        if not self.active:
            return suggestions
        out = []
        for s in suggestions:
            label = self.label_after(text, s.start)
            out.append(s if label is None or label == s.label else replace(s, label=label))
        return out


def _tally(
    net: dict[str, Counter[str]], key: str, label: str, accepted: bool, delta: int
) -> Counter[str]:
    """Count one decision (or its undo) for ``label`` under ``key``: an acceptance for it, a
    rejection against it; a key whose counts all fall to zero is dropped. Its counts after."""
    counts = net.setdefault(key, Counter())
    counts[label] += delta if accepted else -delta
    if not any(counts.values()):
        del net[key]
    return counts


def _sole_label(counts: Counter[str], minimum: int) -> tuple[str, int] | None:
    """(label, net count) if one label has at least ``minimum`` and no other is above 0."""
    if not counts:
        return None
    label, n = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if n >= minimum and all(v <= 0 for k, v in counts.items() if k != label):
        return label, n
    return None


def word_before(text: str, start: int) -> str | None:
    """The normalised word right before offset ``start``, if only spaces part them on one
    line and ``start`` begins a word (a name cut after a proclitic has no word before)."""
    if start <= 0 or start > len(text) or text[start - 1].isalpha():
        return None
    i = start
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == start:
        return None
    word = normalize_str(text[word_start(text, i) : i])
    # A noun in construct with the name (ملعب، مسجد، شارع، شمال) tells its kind; it has no
    # article. A particle (في، أمام، مع), a definite adjective or title (الأمريكي، العام)
    # and a verb after و (وكان، وقال) come before names of every kind: no convention.
    if len(word) < 2 or word in STOP_WORDS or word.startswith(("ال", "و")):
        return None
    return word
