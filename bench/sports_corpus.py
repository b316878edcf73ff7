"""A small sports-news corpus written by the Tawsim team for the learning figure.

Another domain than ANERcorp's newswire: Syrian and Arab football, with the
same clubs, players and coaches coming back from one report to the next, as
in a real annotation project. Entities are marked ``[text|LABEL]``.
"""

from __future__ import annotations

import re

DOCS = [
    "فاز [تشرين|ORG] على [الوحدة|ORG] بهدفين نظيفين في [الدوري السوري|MISC] على ملعب "
    "[الباسل|LOC] في [اللاذقية|LOC]. وسجل [محمود البحر|PERS] الهدفين في الشوط الثاني.",
    "قال مدرب [الوحدة|ORG] [أنس مخلوف|PERS] إن فريقه قدم مباراة جيدة أمام [تشرين|ORG] "
    "رغم الخسارة، وإن اللاعبين سيعودون إلى [دمشق|LOC] للتحضير للقاء [الجيش|ORG].",
    "تعاقد [الكرامة|ORG] مع المهاجم [عمر خريبين|PERS] لموسم واحد، بعد أن لعب في "
    "[الهلال|ORG] السعودي. ويأمل النادي الحمصي المنافس على لقب [الدوري السوري|MISC].",
    "أعلن [الاتحاد السوري لكرة القدم|ORG] قائمة المنتخب لمباراتي [كوريا الجنوبية|LOC] "
    "و[الصين|LOC] في تصفيات [كأس العالم|MISC]، وضمت [عمر السومة|PERS] و[عمر خريبين|PERS].",
    "تعادل [الجيش|ORG] مع [حطين|ORG] سلبيا في [جبلة|LOC]، وأضاع [يوسف قلفا|PERS] ركلة جزاء "
    "في الدقيقة الأخيرة. واحتج مدرب [حطين|ORG] [فراس معسعس|PERS] على التحكيم.",
    "خسر [الكرامة|ORG] أمام [الوحدة|ORG] بهدف سجله [محمد عنز|PERS] من ركلة حرة. "
    "ويتصدر [الوحدة|ORG] [الدوري السوري|MISC] بفارق نقطتين عن [تشرين|ORG].",
    "قاد [عمر السومة|PERS] فريقه [الأهلي|ORG] إلى الفوز على [النصر|ORG] في [جدة|LOC]، "
    "وسجل هدفين ليرفع رصيده إلى خمسة عشر هدفا في [دوري روشن|MISC].",
    "أكد [أنس مخلوف|PERS] أن [الوحدة|ORG] سيلعب بتشكيلته الكاملة أمام [الكرامة|ORG] في "
    "[حمص|LOC]، وأن [محمد عنز|PERS] تعافى من الإصابة.",
    "احتفل جمهور [تشرين|ORG] في [اللاذقية|LOC] بعد الفوز على [حطين|ORG] في ديربي الساحل، "
    "وسجل [محمود البحر|PERS] هدف الفوز برأسية.",
    "استدعى مدرب المنتخب [خوسيه لانا|PERS] اللاعب [يوسف قلفا|PERS] لأول مرة استعدادا "
    "لمواجهة [اليابان|LOC] في تصفيات [كأس العالم|MISC].",
    "أقال [حطين|ORG] مدربه [فراس معسعس|PERS] بعد الخسارة أمام [الجيش|ORG]، وعين بدلا منه "
    "[عمار الشمالي|PERS] حتى نهاية [الدوري السوري|MISC].",
    "سجل [عمر خريبين|PERS] هدف [الكرامة|ORG] الوحيد في مرمى [تشرين|ORG]، لكن "
    "[محمود البحر|PERS] عادل النتيجة في الوقت بدل الضائع على ملعب [الباسل|LOC].",
    "قال [عمار الشمالي|PERS] إن [حطين|ORG] يحتاج إلى الوقت، وإن الفوز على [الوحدة|ORG] "
    "في [دمشق|LOC] ليس مستحيلا.",
    "فاز [الجيش|ORG] على [الكرامة|ORG] بثلاثية، سجل منها [يوسف قلفا|PERS] هدفين، "
    "وبقي [الجيش|ORG] ثالثا في [الدوري السوري|MISC].",
    "وصل [خوسيه لانا|PERS] إلى [دمشق|LOC] لمتابعة مباراة [الوحدة|ORG] و[تشرين|ORG]، "
    "وشاهد [محمد عنز|PERS] و[محمود البحر|PERS] عن قرب.",
    "انتهى ديربي [اللاذقية|LOC] بين [تشرين|ORG] و[حطين|ORG] بالتعادل، وقال "
    "[عمار الشمالي|PERS] إن فريقه استحق الفوز.",
]

_MARK = re.compile(r"\[([^\]|]+)\|([A-Z]+)\]")


def parse(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and (start, end, label) spans from ``[text|LABEL]`` markup."""
    text: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    for m in _MARK.finditer(marked):
        before = marked[pos : m.start()]
        text.append(before)
        length += len(before)
        spans.append((length, length + len(m.group(1)), m.group(2)))
        text.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    text.append(marked[pos:])
    return "".join(text), spans


def gold_docs() -> list[tuple[str, str, list[tuple[int, int, str]]]]:
    """(id, text, spans) for each document."""
    return [(f"sports-{i + 1:02d}", *parse(d)) for i, d in enumerate(DOCS)]
