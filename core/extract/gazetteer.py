"""The gazetteer recommender: known names from Babel's CLDR data and the team's lists.

Sources and their scores (a suggestion's score says how often such a match is
right in news text, roughly):

- CLDR territories (countries, regions): LOC 0.9; ``EU`` and ``UN`` are ORG.
- CLDR exemplar cities (the Arabic names of time-zone cities): LOC 0.75.
- ``resources/gazetteers/locations.txt`` LOC 0.85, ``organisations.txt`` ORG
  0.8, ``persons.txt`` PERS 0.8.
- ``nationalities.txt``, ``titles.txt`` and ``first_names.txt`` are loaded
  as features for the rules and the model; they are never suggested.

The lists are loaded once per process (``load_gazetteer``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from core.extract.base import Suggestion
from core.extract.matcher import Entry, PhraseMatcher, phrase_key
from core.model import Document

__all__ = ["Gazetteer", "GazetteerRecommender", "GAZETTEER_DIR", "load_gazetteer", "read_list"]

GAZETTEER_DIR = Path(__file__).resolve().parents[2] / "resources" / "gazetteers"

# file name -> (label, score)
CURATED: dict[str, tuple[str, float]] = {
    "locations.txt": ("LOC", 0.85),
    "organisations.txt": ("ORG", 0.8),
    "persons.txt": ("PERS", 0.8),
}
FEATURE_LISTS = ("nationalities.txt", "titles.txt", "first_names.txt")
CLDR_TERRITORY_SCORE = 0.9
CLDR_CITY_SCORE = 0.75
CLDR_ORG_CODES = {"EU": "ORG", "UN": "ORG"}
# Codes that are not places: the world, "unknown region", the euro area.
CLDR_SKIP_CODES = {"001", "ZZ", "EZ", "QO"}
_PAREN_RE = re.compile(r"\s*\([^)]*\)\s*")


def read_list(path: Path) -> list[str]:
    """Names in a list file: one a line, blank lines and # comments skipped."""
    names = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.strip()
            if line and not line.startswith("#"):
                names.append(line)
    return names


def _cldr_variants(name: str) -> list[str]:
    """A CLDR display name and its plain forms: no parenthesis, no ' - qualifier'."""
    out = [name]
    plain = _PAREN_RE.sub(" ", name).strip()
    if plain != name:
        out.append(plain)
    if " - " in plain:
        out.append(plain.split(" - ")[0].strip())
    return out


def cldr_names() -> list[tuple[str, str, float, str]]:
    """(name, label, score, source) for Arabic CLDR territories and exemplar cities."""
    import babel

    locale = babel.Locale("ar")
    rows: list[tuple[str, str, float, str]] = []
    for code, name in locale.territories.items():
        if code in CLDR_SKIP_CODES:
            continue
        label = CLDR_ORG_CODES.get(code, "LOC")
        for variant in _cldr_variants(str(name)):
            rows.append((variant, label, CLDR_TERRITORY_SCORE, "cldr-territory"))
    for zone in locale.time_zones.values():
        city = zone.get("city")
        if city:
            rows.append((str(city), "LOC", CLDR_CITY_SCORE, "cldr-city"))
    return rows


@dataclass
class Gazetteer:
    """The loaded lists: a phrase matcher for suggestions and plain sets for features."""

    matcher: PhraseMatcher
    nationalities: frozenset[str] = field(default_factory=frozenset)
    titles: PhraseMatcher = field(default_factory=PhraseMatcher)
    first_names: frozenset[str] = field(default_factory=frozenset)

    def label_of(self, surface: str) -> str | None:
        """The label a surface form has in the gazetteer, if any."""
        entry = self.matcher.get(phrase_key(surface, strip=False))
        if entry is None:
            entry = self.matcher.get(phrase_key(surface))
        return entry.label if entry else None


def build_gazetteer(folder: Path = GAZETTEER_DIR, *, cldr: bool = True) -> Gazetteer:
    """Load CLDR names and every list in folder into a Gazetteer."""
    excluded = set()
    exclude_file = folder / "cldr_exclude.txt"
    if exclude_file.exists():
        excluded = {phrase_key(n, strip=False) for n in read_list(exclude_file)}
    matcher = PhraseMatcher()
    if cldr:
        for name, label, score, source in cldr_names():
            key = phrase_key(name, strip=False)
            if key and key not in excluded:
                matcher.add_key(key, Entry(label, score, source))
    for filename, (label, score) in CURATED.items():
        path = folder / filename
        if path.exists():
            for name in read_list(path):
                # The team's own lists override CLDR (e.g. ORG for الاتحاد الأوروبي).
                matcher.add(name, Entry(label, score, filename), replace=True, strip=False)
    nationalities: frozenset[str] = frozenset()
    path = folder / "nationalities.txt"
    if path.exists():
        nationalities = frozenset(
            k for n in read_list(path) for k in phrase_key(n, strip=False)[:1]
        )
    titles = PhraseMatcher()
    path = folder / "titles.txt"
    if path.exists():
        for name in read_list(path):
            titles.add(name, Entry("TITLE", 1.0, "titles.txt"), strip=False)
    first_names: frozenset[str] = frozenset()
    path = folder / "first_names.txt"
    if path.exists():
        first_names = _first_tokens(read_list(path))
    return Gazetteer(matcher, nationalities, titles, first_names)


def _first_tokens(names: list[str]) -> frozenset[str]:
    return frozenset(k for n in names for k in phrase_key(n, strip=False)[:1])


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The default gazetteer, built once per process."""
    return build_gazetteer()


class GazetteerRecommender:
    """Suggests names found in the gazetteer, longest match first."""

    name = "gazetteer"
    version = 1

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()

    def suggest(self, document: Document) -> list[Suggestion]:
        """Suggestions for every gazetteer name in the document's text."""
        origin = f"{self.name}@{self.version}"
        return [
            Suggestion(m.start, m.end, m.entry.label, m.entry.score, origin)
            for m in self.gazetteer.matcher.find(document.text)
        ]
