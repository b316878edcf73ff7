"""Evaluation against a hand-checked example, in the three views."""

from __future__ import annotations

from core.evaluate import evaluate, format_report, whitespace_tokens
from core.extract.corpus import (
    bio_entities,
    gold_from_sentences,
    read_gold,
    sentences_of,
    spans_to_bio,
)

TEXT = "زار بشار الأسد وسوريا ثم الأمم المتحدة"
#       0   4         14 15     22 25         38
GOLD = [(4, 14, "PERS"), (15, 21, "LOC"), (25, 38, "ORG")]
PRED = [
    (4, 8, "PERS"),  # only the first name: wrong exactly, wrong in tokens, right by overlap
    (16, 21, "LOC"),  # سوريا without و: wrong exactly, right in tokens and by overlap
    (25, 38, "LOC"),  # right place, wrong label
    (0, 3, "MISC"),  # spurious
]


def test_hand_checked_example() -> None:
    assert TEXT[4:14] == "بشار الأسد" and TEXT[15:21] == "وسوريا" and TEXT[16:21] == "سوريا"
    views = evaluate([(TEXT, GOLD, PRED)])
    exact, token, overlap = views["exact"], views["token"], views["overlap"]
    assert (exact.micro.tp, exact.micro.fp, exact.micro.fn) == (0, 4, 3)
    assert (token.micro.tp, token.micro.fp, token.micro.fn) == (1, 3, 2)
    assert token.get("LOC").tp == 1 and token.get("LOC").fp == 1
    assert (overlap.micro.tp, overlap.micro.fp, overlap.micro.fn) == (2, 2, 1)
    assert round(overlap.micro.precision, 4) == 0.5
    assert round(overlap.micro.recall, 4) == 0.6667
    assert round(overlap.micro.f1, 4) == 0.5714
    assert exact.micro.f1 == 0.0
    report = format_report(views)
    assert "whitespace-token spans:" in report and "micro" in report


def test_perfect_and_empty() -> None:
    views = evaluate([(TEXT, GOLD, GOLD), ("نص", [], [])])
    assert all(v.micro.f1 == 1.0 for v in views.values())
    assert evaluate([("نص", [], [])])["exact"].micro.f1 == 0.0


def test_conll_round_trip(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.conll"
    path.write_text(
        "-DOCSTART- O\n\nزار O\nبشار B-PERS\nالأسد I-PERS\nوسوريا B-LOC\n\n"
        "الأمم B-ORG\nالمتحدة I-ORG\n-DOCSTART- O\nلندن B-LOC\n",
        encoding="utf-8",
    )
    docs = read_gold(path)  # core.formats.conll underneath
    assert [len(d.sentences or []) for d in docs] == [2, 1]
    gold = docs[0]
    assert gold.text == "زار بشار الأسد وسوريا\nالأمم المتحدة"
    sents = sentences_of(gold)
    assert sents == [
        [("زار", "O"), ("بشار", "B-PERS"), ("الأسد", "I-PERS"), ("وسوريا", "B-LOC")],
        [("الأمم", "B-ORG"), ("المتحدة", "I-ORG")],
    ]
    rebuilt = gold_from_sentences("g", sents)
    assert rebuilt.text == gold.text + "\n"
    assert rebuilt.spans == gold.spans and rebuilt.tokens == gold.tokens
    assert [gold.text[s:e] for s, e, _ in gold.spans] == ["بشار الأسد", "وسوريا", "الأمم المتحدة"]
    assert bio_entities(["I-LOC", "I-LOC", "O", "B-PERS", "I-ORG"]) == [
        (0, 2, "LOC"),
        (3, 4, "PERS"),
        (4, 5, "ORG"),
    ]
    tokens = whitespace_tokens(gold.text)
    assert spans_to_bio(tokens, gold.spans)[:4] == ["O", "B-PERS", "I-PERS", "B-LOC"]
