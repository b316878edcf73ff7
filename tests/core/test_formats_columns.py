"""CoNLL columns as other corpora lay them out: Wojood, GermEval, CoNLL-U, our own nested export."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.formats.base import DocRecord, FormatError, ReadReport, SpanRecord
from core.formats.conll import read_conll, write_conll


def conll(text: str, **options: object) -> tuple[list[DocRecord], ReadReport]:
    report = ReadReport(skip_bad_lines=bool(options.pop("skip", False)))
    docs = read_conll(Path("a.conll"), text, scheme=None, report=report, **options)  # type: ignore[arg-type]
    return docs, report


def surfaces(doc: DocRecord) -> list[tuple[str, str]]:
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


def test_wojood_lines_carry_as_many_tag_columns_as_they_are_deep() -> None:
    # The shape in shared/docs/FORMATS.md: outermost first, fewer columns outside.
    text = (
        "قال O\n"
        "رئيس B-ORG\n"
        "حكومة I-ORG B-ORG\n"
        "دولة I-ORG I-ORG B-GPE\n"
        "فلسطين I-ORG I-ORG I-GPE B-GPE\n"
        "اليوم O\n"
    )
    (doc,), report = conll(text)
    assert sorted(surfaces(doc)) == sorted(
        [
            ("رئيس حكومة دولة فلسطين", "ORG"),
            ("حكومة دولة فلسطين", "ORG"),
            ("دولة فلسطين", "GPE"),
            ("فلسطين", "GPE"),
        ]
    )
    assert not report


def test_our_nested_export_reads_back_when_flat_and_nested_documents_mix() -> None:
    flat = DocRecord("حلب مدينة", [SpanRecord(0, 3, "LOC")], id="a")
    nested = DocRecord(
        "جامعة دمشق العريقة", [SpanRecord(0, 10, "ORG"), SpanRecord(6, 10, "LOC")], id="b"
    )
    out, problems = write_conll([flat, nested], nested=True)
    assert problems == []
    back, _ = conll(out)
    assert [surfaces(d) for d in back] == [surfaces(flat), surfaces(nested)]


def test_germeval_comments_and_token_index() -> None:
    text = (
        "#\thttp://de.wikipedia.org/wiki/Manfred_Korfmann\t[2009-10-17]\n"
        "1\tAufgrund\tO\tO\n"
        "2\tseiner\tO\tO\n"
        "3\tBerliner\tB-LOCderiv\tO\n"
        "4\tUniversität\tB-ORG\tB-LOC\n"
        "\n"
        "# a second comment\n"
        "1\t#hashtag\tO\tO\n"
        "2\t2009\tO\tO\n"
    )
    (doc,), _ = conll(text)
    assert doc.text == "Aufgrund seiner Berliner Universität\n#hashtag 2009"
    assert sorted(surfaces(doc)) == [
        ("Berliner", "LOCderiv"),
        ("Universität", "LOC"),
        ("Universität", "ORG"),
    ]


def test_conllu_comments_index_and_space_after() -> None:
    text = (
        "# sent_id = 1\n"
        "# text = Hallo, Welt O\n"
        "1\tHallo\thallo\tINTJ\t_\t_\t0\troot\t_\tSpaceAfter=No\n"
        "2\t,\t,\tPUNCT\t_\t_\t1\tpunct\t_\t_\n"
        "3\tWelt\tWelt\tNOUN\t_\t_\t1\tvocative\t_\t_\n"
    )
    (doc,), report = conll(text)
    assert doc.text == "Hallo, Welt"
    assert doc.spans == []
    assert "no entity column found (imported the text without spans)" in report.counts


def test_explicit_columns() -> None:
    text = "EU NNP B-NP B-ORG\nrejects VBZ B-VP O\n"
    (doc,), _ = conll(text, columns=["token", "_", "_", "ner"])
    assert surfaces(doc) == [("EU", "ORG")]
    with pytest.raises(FormatError, match="a.conll:2: 3 columns where --columns names 4"):
        conll("EU NNP B-NP B-ORG\nrejects VBZ O\n", columns=["token", "_", "_", "ner"])
    (doc,), _ = conll("رئيس B-ORG\nحكومة I-ORG B-ORG\n", columns=["token", "ner", "ner"])
    assert sorted(surfaces(doc)) == [("حكومة", "ORG"), ("رئيس حكومة", "ORG")]
    with pytest.raises(FormatError, match="--columns needs one 'token'"):
        conll(text, columns=["_", "ner"])


def test_a_bad_line_refuses_the_file_unless_skipped() -> None:
    text = "وزار O\nحلب B-LOC\n O\nدمشق IO\nأمس O\n"
    with pytest.raises(FormatError, match="a.conll:3: expected 'TOKEN ... TAG'"):
        conll(text)
    with pytest.raises(FormatError, match="a.conll:4: 'IO' is not a tag"):
        conll(text.replace("\n O\n", "\n\n"))  # line 3 blank: a sentence break
    (doc,), report = conll(text, skip=True)
    assert doc.text == "وزار حلب أمس"
    assert surfaces(doc) == [("حلب", "LOC")]
    assert report.skipped == [
        "a.conll:3: expected 'TOKEN ... TAG', got 'O'",
        "a.conll:4: 'IO' is not a tag (O, B-X, I-X, E-X, S-X)",
    ]


def test_a_blank_token_line_is_a_bad_line() -> None:
    text = "وزار O\n\tO\nحلب B-LOC\n"
    with pytest.raises(FormatError, match="a.conll:2: "):
        conll(text)
    (doc,), report = conll(text, skip=True)
    assert doc.text == "وزار حلب" and len(report.skipped) == 1


def test_conllu_multiword_ranges_are_dropped_and_tokens_like_ranges_kept() -> None:
    text = "1\tDas\tder\tO\n2-3\tzum\t_\tO\n2\tzu\tzu\tO\n3\tdem\tder\tO\n4\t3-4\t3-4\tB-SCORE\n"
    (doc,), _ = conll(text)
    assert doc.text == "Das zu dem 3-4"
    assert surfaces(doc) == [("3-4", "SCORE")]
