"""The rule recommender: names announced by the word before them.

Four rules, each over ``core.text`` tokens, with proclitics allowed on the
trigger word (بناحية, لصحيفة, والرئيس):

- ``person``: a title (``resources/gazetteers/titles.txt``), optionally
  followed by nationality or role words (الرئيس الأمريكي السابق), then a
  name of one to four words: PERS.
- ``organisation``: a trigger noun (وزارة، تنظيم، حزب، صحيفة، …) then a
  quoted name (تنظيم “الدولة”, صحيفة “نيويورك تايمز”: the quoted name is
  the ORG) or an unquoted one. For nouns that are part of the name (وزارة
  الداخلية, حزب الله, مجلس الأمن) the span starts at the trigger; for nouns
  that only describe it (صحيفة الحياة, وكالة رويترز) it starts after.
- ``location``: حي، بلدة، مدينة، ناحية، ريف، محافظة، … then a place name
  (بلدة البحرة, بريف دير الزور): LOC, without the trigger.
- ``given``: a given name (``resources/gazetteers/first_names.txt``) that the
  news text rarely writes with the article, then a family name with the
  article or more given names (أحمد الأشقر, حسن أبو زينب): PERS where no
  title announces it, as in sports reports (سجل فهد اليوسف).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from core.extract.base import Suggestion
from core.extract.clusters import load_clusters
from core.extract.gazetteer import Gazetteer, load_gazetteer
from core.extract.matcher import Entry, PhraseMatcher, document_tokens
from core.extract.matcher import _after_letters as letters_offset
from core.model import Document
from core.text import Token, normalize_str, tokenize

__all__ = ["RuleRecommender", "org_headed", "trim_triggers"]

# Trigger nouns whose name includes them (ANERcorp: حزب الله, منظمة التحرير).
ORG_INCLUDED = (
    "وزارة حزب منظمة مجلس جامعة هيئة تنظيم حركة جبهة جماعة اتحاد لجنة مؤسسة جمعية "
    "بنك مصرف مجموعة تحالف ائتلاف محكمة رابطة نقابة معهد مركز جيش قوات"
).split()
# Kinds of trigger noun that stay at the head of the name they start.
HEADS = frozenset({"ORG+", "MISC+"})
# Trigger nouns that head a name only when a known name follows (قوات سوريا
# الديمقراطية), being generic otherwise (قوات الأمن, مجموعة من).
NEED_KNOWN = frozenset(normalize_str(w) for w in "قوات جيش مجموعة تحالف مركز".split())
# Trigger nouns that only describe the name after them (صحيفة “نيويورك تايمز”).
ORG_EXCLUDED = "صحيفة جريدة مجلة وكالة شركة قناة إذاعة فضائية موقع نادي منتخب".split()
# Nouns that head a competition's or an event's name and are none on their own
# (كأس الجمهورية, بطولة آسيا; ANERcorp never tags one alone).
MISC_INCLUDED = "كأس بطولة دوري جائزة مهرجان مؤتمر منتدى".split()
LOC_TRIGGERS = (
    "حي بلدة مدينة ناحية ريف محافظة قرية منطقة مخيم إقليم ولاية عاصمة جزيرة بلدية قضاء"
).split()
# First words of multi-word place names (دير الزور, رأس العين, تل أبيض).
PLACE_HEADS = frozenset(
    normalize_str(w)
    for w in "دير رأس عين تل جسر خان بيت كفر أبو بئر جبل وادي سيدي معرة بني سوق شيخ مرج".split()
)
NAME_LINKS = frozenset(normalize_str(w) for w in "بن ابن بنت أبو أبي عبد آل ولد".split())
ABD = normalize_str("عبد")
# Links that never start a given name (بن لادن is a surname; آل سعود a house).
LINKS_INSIDE = NAME_LINKS - {normalize_str(w) for w in ("عبد", "أبو")}
# Role words between a title and a name (الرئيس الأمريكي السابق).
ROLE_WORDS = frozenset(
    normalize_str(w)
    for w in (
        "السابق السابقة الحالي الراحل الأسبق المنتخب الجديد المخلوع المستقيل المؤقت "
        "الخارجية الداخلية الدفاع المالية العدل الإعلام الاقتصاد التجارة النفط الصحة "
        "التربية التعليم الزراعة الإسكان الأوقاف الثقافة الخارجي الدولي الأممي العام"
    ).split()
)
STOP_WORDS = frozenset(
    normalize_str(w)
    for w in (
        "في من على إلى الى عن مع أن إن لا لم لن ما قد قال قالت أكد أكدت أعلن أعلنت أضاف "
        "أضافت أوضح ذكر ذكرت أشار هو هي هم هذا هذه ذلك تلك الذي التي الذين اللذين أو ثم "
        "كما بعد قبل خلال عند حيث منذ حتى بين يوم أمس اليوم غدا إنه أنه أيضا كان كانت يكون "
        "ليس غير كل بعض عبر ضد نحو لدى إذ إذا لكن بل كذلك وفق حول دون أمام وراء فوق تحت "
        "الشرقي الغربي الشمالي الجنوبي الشرقية الغربية الشمالية الجنوبية الشمال الجنوب "
        "الشرق الغرب الواقعة الحالي الماضي الماضية المقبل المقبلة الأول الثاني عدة عدد "
        "أجل أثناء إثر جراء بسبب يوم الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت "
        "زار التقى بحث دعا وصل غادر أجرى استقبل اجتمع تلقى أدلى صرح اعتبر رأى طالب وقع "
        "يزور يلتقي يقول سيزور سيلتقي خلال لدى عقب إلا ولكن حين بينما"
    ).split()
)
# Given names that are more often common words in news text (ANERcorp: الآن "now",
# باسم "in the name of"); على, written علي, is a stop word.
GIVEN_COMMON = frozenset(normalize_str(w) for w in "الآن آلان باسم".split())
OPEN_QUOTES = frozenset("“«\"(„‘'")
CLOSE_QUOTES = {"“": "”", "«": "»", '"': '"', "(": ")", "„": "“", "‘": "’", "'": "'"}
MAX_NAME = 4
MAX_PERSON = 5
MAX_ROLE = 3
SCORES = {"person": 0.7, "given": 0.8, "org_quoted": 0.85, "org": 0.6, "location": 0.65}


@dataclass(frozen=True)
class _Ctx:
    text: str
    tokens: list[Token]
    norms: list[str]

    def adjacent(self, i: int) -> bool:
        """True if token i+1 follows token i on the same line (no punctuation between)."""
        if i + 1 >= len(self.tokens):
            return False
        gap = self.text[self.tokens[i].end : self.tokens[i + 1].start]
        return "\n" not in gap and (not gap or gap.isspace())

    def word(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].kind in ("word", "latin")

    def bare(self, i: int) -> str:
        """The token without a leading conjunction و/ف (for stop-word checks)."""
        norm = self.norms[i]
        return norm[1:] if len(norm) > 3 and norm[0] in "وف" else norm


def _triggers(*, competitions: bool = False) -> PhraseMatcher:
    """The trigger nouns the rules announce names by; with ``competitions`` also the
    MISC heads (they announce nothing, but trimming must know them)."""
    m = PhraseMatcher(article=False)
    kinds = [(ORG_INCLUDED, "ORG+"), (ORG_EXCLUDED, "ORG-"), (LOC_TRIGGERS, "LOC")]
    if competitions:
        kinds.append((MISC_INCLUDED, "MISC+"))
    for words, label in kinds:
        for w in words:
            m.add(w, Entry(label, 1.0, "rules"), strip=False)
    return m


@lru_cache(maxsize=1)
def _trigger_matcher() -> PhraseMatcher:
    return _triggers(competitions=True)


def _leading_triggers(text: str, start: int, end: int) -> tuple[list[Token], list[str]]:
    """The span's tokens and, for each leading trigger noun in a row, its kind."""
    return _piece_triggers(text[start:end])


@lru_cache(maxsize=20_000)
def _piece_triggers(piece: str) -> tuple[list[Token], list[str]]:
    # Memoised by surface: the same names come back in every document (read-only result).
    tokens = tokenize(piece)
    by_first = {m.first_token: m.entry.label for m in _trigger_matcher().find(piece, tokens)}
    kinds: list[str] = []
    while len(kinds) < len(tokens) and len(kinds) in by_first:
        kinds.append(by_first[len(kinds)])
    return tokens, kinds


def trim_triggers(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without leading trigger nouns that are no part of a name; None if nothing is left.

    A trigger noun, with or without a proclitic (ريف, بريف, وبمدينة, صحيفة), is never
    a name on its own: a span made only of trigger nouns is dropped, and place
    and descriptive nouns are trimmed from the front (بريف الحسكة -> الحسكة).
    Nouns that are part of an organisation's or a competition's name (قوات, حزب,
    كأس) stay at its head.
    """
    tokens, kinds = _leading_triggers(text, start, end)
    if not tokens or len(kinds) == len(tokens):
        return None  # trigger nouns only
    k = 0
    while k < len(kinds) and kinds[k] not in HEADS:
        k += 1
    if k == 0:
        return start, end
    rest = [t for t in tokens[k:] if t.kind != "punct"]
    return (start + rest[0].start, end) if rest else None


def org_headed(text: str, start: int, end: int) -> bool:
    """True if the span starts with a trigger noun that heads an organisation's name (قوات)."""
    _, kinds = _leading_triggers(text, start, end)
    return bool(kinds) and kinds[0] == "ORG+"


class RuleRecommender:
    """Suggests names announced by a title, a trigger noun or a place noun."""

    name = "rules"
    version = 1

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.triggers = _triggers()
        self.clusters = load_clusters()

    def suggest(self, document: Document) -> list[Suggestion]:
        """Suggestions from every rule, in text order (rules may overlap each other)."""
        text = document.text
        tokens = document_tokens(text)
        ctx = _Ctx(text, tokens, [normalize_str(t.text) for t in tokens])
        origin = f"{self.name}@{self.version}"
        out: list[Suggestion] = []
        for m in self.gazetteer.titles.find(text, tokens):
            span = self._person(ctx, m.last_token)
            if span:
                out.append(Suggestion(span[0], span[1], "PERS", SCORES["person"], origin))
        # A given name starts a person's name where no title announced it.
        titled = sorted((s.start, s.end) for s in out)
        reach, k = 0, 0
        for i, tok in enumerate(tokens):
            while k < len(titled) and titled[k][1] <= tok.start:
                k += 1
            if tok.start < reach or (k < len(titled) and titled[k][0] <= tok.start):
                continue
            span = self._given_name(ctx, i)
            if span and not (k < len(titled) and titled[k][0] < span[1]):
                reach = span[1]
                out.append(Suggestion(span[0], span[1], "PERS", SCORES["given"], origin))
        for m in self.triggers.find(text, tokens):
            kind = m.entry.label
            if kind == "LOC":
                span = self._place(ctx, m.last_token)
                if span:
                    out.append(Suggestion(span[0], span[1], "LOC", SCORES["location"], origin))
                continue
            quoted = self._quoted(ctx, m.last_token)
            if quoted:
                out.append(Suggestion(*quoted, "ORG", SCORES["org_quoted"], origin))
                continue
            need_known = m.key[-1] in NEED_KNOWN
            span = self._org_name(ctx, m.last_token, need_known=need_known)
            if span:
                start = m.start if kind == "ORG+" else span[0]
                out.append(Suggestion(start, span[1], "ORG", SCORES["org"], origin))
        return sorted(out)

    # -- pieces --------------------------------------------------------------
    def _name_word(self, ctx: _Ctx, i: int) -> bool:
        if not ctx.word(i):
            return False
        bare = ctx.bare(i)
        return (
            bare not in STOP_WORDS
            and ctx.norms[i] not in STOP_WORDS
            and ctx.norms[i] not in self.gazetteer.nationalities
            and not self.gazetteer.titles.is_first(ctx.norms[i])
            and not self.triggers.is_first(ctx.norms[i])
        )

    def _person(self, ctx: _Ctx, last: int) -> tuple[int, int] | None:
        i = last
        skipped = 0
        while ctx.adjacent(i) and skipped < MAX_ROLE:
            norm = ctx.norms[i + 1]
            if norm in self.gazetteer.nationalities or norm in ROLE_WORDS:
                i += 1
                skipped += 1
            else:
                break
        if not ctx.adjacent(i) or not self._name_word(ctx, i + 1):
            return None
        first = i + 1
        if ctx.norms[first].startswith("ال") and ctx.norms[first] not in NAME_LINKS:
            return None  # "الرئيس السوداني" is not followed by a name here
        end = first
        while end - first + 1 < MAX_PERSON and ctx.adjacent(end) and self._name_word(ctx, end + 1):
            nxt = ctx.norms[end + 1]
            if nxt in NAME_LINKS:
                end += 1
                continue
            if nxt.startswith("ال") and ctx.norms[end] not in NAME_LINKS:
                # A family name with the article ends the name (بشار الأسد).
                end += 1
                break
            end += 1
        while end > first and ctx.norms[end] in NAME_LINKS:
            end -= 1
        if ctx.norms[end] in NAME_LINKS:
            return None
        return ctx.tokens[first].start, ctx.tokens[end].end

    def _given(self, ctx: _Ctx, i: int) -> int | None:
        """How many proclitic letters come before a given name in token i (1 in وأحمد), or
        None; None for a given name that is more often a common word."""
        norm = ctx.norms[i]
        names = self.gazetteer.first_names
        raw = ctx.tokens[i].text
        if len(norm) > 2 and raw.endswith("ه"):
            return None  # a pronoun suffix as often (ناديه "his club", not نادية)
        # Only و before it: with ل or ب a given name is as often a word (لصالح، لدينا).
        for skip, form in ((0, norm), (1, norm[1:] if len(norm) > 3 and norm[0] == "و" else "")):
            if form in names and form not in STOP_WORDS and form not in GIVEN_COMMON:
                info = self.clusters.get(form)
                # A word the news text writes with ال is a common word too (سعيد، جمال).
                if info is None or info[4] == "0":
                    return skip
        return None

    def _given_name(self, ctx: _Ctx, i: int) -> tuple[int, int] | None:
        """A given name and the family name with the article, or a second given name, after it
        (أحمد الأشقر, حسن أبو زينب): PERS even where no title announces it."""
        skip = self._given(ctx, i)
        if skip is None or ctx.norms[i][skip:] in LINKS_INSIDE or not self._name_word(ctx, i):
            return None
        if not ctx.adjacent(i) or not self._name_word(ctx, i + 1):
            return None
        nxt = ctx.norms[i + 1]
        if not (nxt.startswith("ال") or nxt in NAME_LINKS or self._given(ctx, i + 1) == 0):
            return None
        # Only given names and links, then at most one family name with the article: the
        # words after a name are no part of it (محمد داود ماذا حدث).
        end = i
        first = ctx.norms[i][skip:]  # the given name without its و (وعبد الله الشامي)
        while end - i + 1 < MAX_PERSON and ctx.adjacent(end) and self._name_word(ctx, end + 1):
            nxt = ctx.norms[end + 1]
            if nxt.startswith("ال"):
                if (first if end == i else ctx.norms[end]) in NAME_LINKS:
                    end += 1  # part of a compound (عبد الله)
                    continue
                if end == i or (end == i + 1 and first == ABD):
                    end += 1  # the family name (أحمد الأشقر, عبد الله الشامي)
                break  # after a longer name, a word (حسن أبو زينب الهدفين)
            elif nxt in NAME_LINKS or self._given(ctx, end + 1) == 0:
                end += 1
            else:
                break
        while end > i and ctx.norms[end] in NAME_LINKS:
            end -= 1
        if end == i:
            return None
        return ctx.tokens[i].start + letters_offset(ctx.tokens[i].text, 0, skip), ctx.tokens[
            end
        ].end

    def _quoted(self, ctx: _Ctx, last: int) -> tuple[int, int] | None:
        i = last + 1
        if i >= len(ctx.tokens) or ctx.tokens[i].text not in OPEN_QUOTES:
            return None
        if "\n" in ctx.text[ctx.tokens[last].end : ctx.tokens[i].start]:
            return None
        close = CLOSE_QUOTES[ctx.tokens[i].text]
        for j in range(i + 1, min(i + 2 + MAX_NAME, len(ctx.tokens))):
            tok = ctx.tokens[j]
            if tok.text in (close, "”", "»", ")"):
                if j == i + 1:
                    return None
                return ctx.tokens[i + 1].start, ctx.tokens[j - 1].end
            if tok.kind == "punct" or "\n" in ctx.text[ctx.tokens[j - 1].end : tok.start]:
                return None
        return None

    def _known_phrase(self, ctx: _Ctx, i: int) -> int | None:
        """Last token of a gazetteer name starting exactly at token i."""
        key: tuple[str, ...] = ()
        best = None
        for j in range(i, min(i + MAX_NAME, len(ctx.tokens))):
            if j > i and not ctx.adjacent(j - 1):
                break
            key = (*key, ctx.norms[j])
            if self.gazetteer.matcher.get(key) is not None:
                best = j
        return best

    def _org_name(self, ctx: _Ctx, last: int, *, need_known: bool) -> tuple[int, int] | None:
        if not ctx.adjacent(last) or not self._name_word(ctx, last + 1):
            return None
        first = last + 1
        known = self._known_phrase(ctx, first)
        end = first
        if known is not None:
            end = known
        elif need_known:
            return None
        elif not ctx.norms[first].startswith("ال") and ctx.tokens[first].kind != "latin":
            return None  # "قوات كبيرة": an indefinite word is no name
        # Definite words continue the name: وزارة الداخلية, حزب العدالة والتنمية.
        while end - first + 1 < MAX_NAME and ctx.adjacent(end) and self._name_word(ctx, end + 1):
            nxt = ctx.norms[end + 1]
            if nxt.startswith("ال") or nxt.startswith("وال"):
                end += 1
            else:
                break
        return ctx.tokens[first].start, ctx.tokens[end].end

    def _place(self, ctx: _Ctx, last: int) -> tuple[int, int] | None:
        if not ctx.adjacent(last) or not self._name_word(ctx, last + 1):
            return None
        first = last + 1
        known = self._known_phrase(ctx, first)
        if known is not None:
            return ctx.tokens[first].start, ctx.tokens[known].end
        end = first
        norm = ctx.norms[first]
        if norm in PLACE_HEADS and ctx.adjacent(first) and self._name_word(ctx, first + 1):
            end = first + 1
        elif ctx.tokens[first].kind != "word":
            return None
        return ctx.tokens[first].start, ctx.tokens[end].end
