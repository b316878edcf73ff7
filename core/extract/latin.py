"""Names in Latin-script text: capitalisation, a few known names, and nothing else.

ANERcorp, which the CRF learns from, has almost no Latin-script tokens (105 of
about 125,000), so the CRF cannot read an English sentence; its spans that
touch a Latin token are dropped (``core.extract.crf``) and this recommender
takes the Latin text instead:

- a name is a run of capitalised words (``Emmanuel Macron``, ``Syrian
  Democratic Forces``), with ``of``/``the``/``al``/``bin``… allowed inside;
  a lowercase word always ends it, so an English clause is never one name;
- a sentence's first word is only a name when it is a known one
  (``Aleppo said`` yes, ``The army`` no), and common capitalised words
  (``The``, ``On``, weekdays, months) are never names;
- leading titles (``President``) and nationality words (``French``) are left
  out; a title before the name makes it PERS;
- LOC when the whole run is a place CLDR names in English (countries,
  regions) or one of a few cities; ORG when it ends in an organisation word
  (``Forces``, ``Party``, ``Times``) or is an acronym (``UN``, ``NATO``); PERS
  when a title precedes it or it has two or three words; otherwise nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache

from core.extract.base import Suggestion
from core.extract.matcher import document_tokens
from core.model import Document
from core.text import Token

__all__ = ["LatinRecommender", "latin_names"]

TITLES = frozenset(
    "president minister prime king queen prince princess sheikh emir general gen mr mrs ms dr "
    "secretary senator governor mayor chancellor ambassador envoy spokesman spokeswoman colonel "
    "commander chief pope ayatollah imam judge".split()
)
NATIONALITIES = frozenset(
    "french syrian american russian british turkish iraqi iranian israeli palestinian lebanese "
    "jordanian egyptian saudi german italian spanish chinese japanese kurdish arab european "
    "qatari emirati yemeni libyan tunisian algerian moroccan sudanese ukrainian indian "
    "pakistani afghan canadian australian dutch belgian swiss swedish greek".split()
)
COMMON = frozenset(
    "the a an in on at of for to from by with and or but if as is was are were be this that these "
    "those it its he she they we i you his her their our my after before during while when where "
    "which who what why how there here not no yes also however meanwhile according last next "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)
LINKS = frozenset("of the al el bin ben ibn de du la von van der abu bint".split())
ORG_WORDS = frozenset(
    "forces party army council ministry union organization organisation nations times agency "
    "bank company corporation university front movement committee court group news post press "
    "institute association federation league commission assembly parliament government "
    "brigade brigades coalition alliance office network channel inc ltd".split()
)
CITIES = frozenset(
    "aleppo damascus homs hama idlib raqqa deir ezzor hasakah latakia tartus daraa beirut baghdad "
    "mosul basra cairo amman riyadh jeddah doha dubai tehran ankara istanbul jerusalem gaza "
    "paris london washington moscow berlin rome madrid brussels geneva vienna beijing tokyo "
    "new york".split()
)
MAX_NAME = 5
_LATIN_RE = re.compile("[A-Za-z]")
SCORES = {"LOC": 0.8, "ORG": 0.7, "PERS": 0.7}


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    from babel import Locale

    names = {n.lower() for n in Locale("en").territories.values()}
    return frozenset(names)


def _capitalised(tok: Token) -> bool:
    return tok.kind == "latin" and tok.text[:1].isupper()


def _acronym(text: str) -> bool:
    return len(text) >= 2 and text.isupper() and text.isalpha()


def _sentence_start(text: str, tokens: list[Token], i: int) -> bool:
    """True if token i opens a sentence (after . ! ? : a newline, or the text's start)."""
    if i == 0:
        return True
    gap = text[tokens[i - 1].end : tokens[i].start]
    return "\n" in gap or tokens[i - 1].text in (".", "!", "?", ":", '"', "“")


def latin_names(text: str, tokens: list[Token] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, label) of the names this module finds in the Latin-script parts of text."""
    tokens = tokens if tokens is not None else document_tokens(text)
    out: list[tuple[int, int, str]] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not _capitalised(tokens[i]):
            i += 1
            continue
        j = i
        # A run of capitalised words on one line, links allowed between them.
        while j + 1 < n and "\n" not in text[tokens[j].end : tokens[j + 1].start]:
            nxt = tokens[j + 1]
            if _capitalised(nxt):
                j += 1
            elif (
                nxt.kind == "latin"
                and nxt.text.lower() in LINKS
                and j + 2 < n
                and _capitalised(tokens[j + 2])
            ):
                j += 2
            else:
                break
        out.extend(_label_run(text, tokens, i, j))
        i = j + 1
    return out


def _label_run(text: str, tokens: list[Token], i: int, j: int) -> list[tuple[int, int, str]]:
    words = [t.text for t in tokens[i : j + 1]]
    lower = [w.lower() for w in words]
    k = 0
    titled = False
    # Sentence-initial common words and leading titles are no part of a name.
    while k < len(words) and (lower[k] in COMMON or lower[k] in TITLES or lower[k] in LINKS):
        titled = titled or lower[k] in TITLES
        k += 1
    if k >= len(words):
        return []
    if lower[min(k + MAX_NAME, len(words)) - 1] not in ORG_WORDS:
        # A nationality word belongs to an organisation's name (Syrian Democratic
        # Forces), not to a person's or a place's (French President Emmanuel Macron).
        while k < len(words) and (lower[k] in NATIONALITIES or lower[k] in TITLES):
            titled = titled or lower[k] in TITLES
            k += 1
    if k >= len(words):
        return []
    first = i + k
    name = lower[k:][:MAX_NAME]
    last = first + len(name) - 1
    phrase = " ".join(name)
    places = _places()
    if phrase in places or phrase in CITIES:
        label = "LOC"
    elif name[-1] in ORG_WORDS or (len(name) == 1 and _acronym(words[k])):
        label = "ORG"
    elif titled or 2 <= len(name) <= 3:
        label = "PERS"
    else:
        return []
    if k == 0 and _sentence_start(text, tokens, i) and label == "PERS" and not titled:
        # "Aleppo said" is fine (a known place), but an unknown capitalised
        # sentence opener is likely no name.
        if len(name) < 2:
            return []
    return [(tokens[first].start, tokens[last].end, label)]


class LatinRecommender:
    """Suggests names in Latin-script text from capitalisation and a few known names."""

    name = "latin"
    version = 1

    def suggest(self, document: Document) -> list[Suggestion]:
        """Suggestions for the Latin-script names of the document."""
        text = document.text
        if not _LATIN_RE.search(text):
            return []
        origin = f"{self.name}@{self.version}"
        return [Suggestion(s, e, label, SCORES[label], origin) for s, e, label in latin_names(text)]
