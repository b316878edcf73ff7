"""WebAnno TSV 3 in and out, the spaCy DocBin export, and --format auto."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.formats.base import DocRecord, FormatError, ReadReport, SpanRecord
from core.formats.project_io import ImportOptions, detect_format, export_project, import_paths
from core.formats.spacy_doc import words_and_spaces
from core.formats.webanno import read_webanno, write_webanno
from core.model import Span
from core.store import Project
from tests.core.test_formats import documents, key

NE = "de.tudarmstadt.ukp.dkpro.core.api.ner.type.NamedEntity"
SAMPLE = (
    "#FORMAT=WebAnno TSV 3.3\n"
    "#T_SP=de.tudarmstadt.ukp.dkpro.core.api.pos.type.POS|PosValue\n"
    f"#T_SP={NE}|identifier|value\n"
    "\n\n"
    "#Text=Ms. Hearst visited New York 😊 .\n"
    "1-1\t0-3\tMs.\t_\tO\t_\t\n"
    "1-2\t4-10\tHearst\t_\t_\tPER\t\n"
    "1-3\t11-18\tvisited\t_\t_\t_\t\n"
    "1-4\t19-22\tNew\t_\t_\tLOC[3]|CITY[4]\t\n"
    "1-5\t23-27\tYork\t_\t_\tLOC[3]|CITY[4]\t\n"
    "1-6\t28-30\t😊\t_\t_\t*\t\n"
    "1-7\t31-32\t.\t_\t_\t_\t\n"
    "\n"
    "#Text=Then\n"
    "#Text=Boston\\tcalled .\n"
    "2-1\t33-37\tThen\t_\t_\t_\t\n"
    "2-2\t38-44\tBoston\t_\t_\tLOC\t\n"
    "2-3\t45-51\tcalled\t_\t_\t_\t\n"
    "2-4\t52-53\t.\t_\t_\t_\t\n"
)


def surfaces(doc: DocRecord) -> list[tuple[str, str]]:
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


def test_webanno_named_entity_layer_with_stacked_spans_and_utf16_offsets() -> None:
    report = ReadReport()
    doc = read_webanno(Path("a.tsv"), SAMPLE, report)
    assert doc.text == "Ms. Hearst visited New York 😊 .\nThen\nBoston\tcalled ."
    assert surfaces(doc) == [
        ("Hearst", "PER"),
        ("New York", "CITY"),
        ("New York", "LOC"),
        ("Boston", "LOC"),
    ]
    assert "entities without a value skipped" in report.counts
    assert "other WebAnno layers not imported" in report.counts


def test_webanno_round_trip_of_our_own_export() -> None:
    text = "زار 🇸🇾 ماكرون مدينة حلب\n\nوقال التحالف الدولي إنه انسحب"
    spans = [
        SpanRecord(text.index("ماكرون"), text.index("ماكرون") + 6, "PERS"),
        SpanRecord(text.index("حلب"), text.index("حلب") + 3, "LOC"),
        SpanRecord(text.index("مدينة"), text.index("حلب") + 3, "LOC"),
        SpanRecord(text.index("التحالف"), text.index("الدولي") + 6, "ORG"),
        SpanRecord(text.index("قال"), text.index("قال") + 3, "شخص"),  # inside a token
    ]
    doc = DocRecord(text, spans)
    out, problems = write_webanno(doc)
    assert problems == []
    assert out.startswith(f"#FORMAT=WebAnno TSV 3.3\n#T_SP={NE}|value\n\n\n#Text=")
    back = read_webanno(Path("a.tsv"), out, ReadReport())
    assert back.text == text
    assert sorted((s.start, s.end, s.label) for s in back.spans) == sorted(
        (s.start, s.end, s.label) for s in spans
    )


def test_format_auto_guesses_right_or_says_it_cannot(tmp_path: Path) -> None:
    cases = {
        "a.tsv": SAMPLE,
        "b.txt": SAMPLE,
        "c.tsv": "#\tcomment\n1\tBerlin\tB-LOC\tO\n2\tist\tO\tO\n",
        "d.txt": '[{"data": {"text": "x"}}]',
        "e.txt": "نص عادي\nبلا وسوم\n",
    }
    for name, content in cases.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    found = {name: detect_format(tmp_path / name) for name in cases}
    assert found == {
        "a.tsv": "webanno",
        "b.txt": "webanno",
        "c.tsv": "conll",
        "d.txt": "labelstudio",
        "e.txt": "txt",
    }
    (tmp_path / "f.csv").write_text("id,text\n1,hello\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"f\.csv: cannot tell the format"):
        detect_format(tmp_path / "f.csv")


def test_webanno_project_import_and_export(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "doc1.tsv").write_text(SAMPLE, encoding="utf-8")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        (result,) = import_paths(project, [tmp_path / "in"], ImportOptions(add_labels=True))
        assert result.ok and result.spans == 4
        report = export_project(project, "webanno", tmp_path / "out")
    assert [p.name for p in report.files] == ["doc1.tsv"]
    again = read_webanno(report.files[0], report.files[0].read_text("utf-8"), ReadReport())
    assert surfaces(again) == surfaces(read_webanno(Path("x"), SAMPLE, ReadReport()))


def test_words_and_spaces_rebuild_the_text() -> None:
    text = "  قال  التحالف\n\nوسوريا . "
    words, spaces = words_and_spaces(text, [text.index("سوريا")])
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text
    assert "سوريا" in words


def test_spacy_docbin_export(tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    text = "جامعة دمشق في سوريا\n\nزار ماكرون بيروت"
    spans = [(0, 10, "ORG"), (6, 10, "LOC"), (14, 19, "LOC"), (25, 31, "PERS")]
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        doc_id = project.add_document("t", text, {})
        project.layer(doc_id).add_many(Span(s, e, lab, "x") for s, e, lab in spans)
        report = export_project(project, "spacy", tmp_path / "out.spacy")
    assert report.problems == []
    assert any("1 nested or overlapping span(s)" in n for n in report.notes)
    (doc,) = DocBin().from_disk(tmp_path / "out.spacy").get_docs(Vocab())
    assert doc.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (0, 10, "ORG"),
        (14, 19, "LOC"),
        (25, 31, "PERS"),
    ]
    assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["sc"]) == sorted(spans)
    assert doc.user_data["tawsim_id"] == doc_id


def test_a_doccano_json_file_is_not_taken_for_label_studio(tmp_path: Path) -> None:
    path = tmp_path / "doccano.json"
    path.write_text('[{"text": "حلب", "label": [[0, 3, "LOC"]]}]', encoding="utf-8")
    assert detect_format(path) == "jsonl"
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        (result,) = import_paths(project, [path], ImportOptions())
        assert result.ok and result.spans == 1


# ------------------------------------------------------------------ properties

PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(documents())
def test_webanno_round_trip(doc: DocRecord) -> None:
    out, problems = write_webanno(doc)
    back = read_webanno(Path("a.tsv"), out, ReadReport())
    assert back.text == doc.text
    expected = set()
    for start, end, label in key(doc)[1]:
        shown = doc.text[start:end]
        if not shown.strip():
            continue  # whitespace only: listed and left out
        lead, trail = len(shown) - len(shown.lstrip()), len(shown) - len(shown.rstrip())
        expected.add((start + lead, end - trail, label))
    assert set(key(back)[1]) == expected
    changed = {(s, e, lab) for s, e, lab in key(doc)[1] if doc.text[s:e] != doc.text[s:e].strip()}
    assert {(p.start, p.end, p.label) for p in problems} == changed


@PROPERTY
@given(st.text(alphabet=" \n\tab\u0627\u0644\U0001f600", max_size=30), st.data())
def test_words_and_spaces_always_rebuild_the_text(text: str, data: st.DataObject) -> None:
    cuts = data.draw(st.lists(st.integers(0, len(text)), max_size=6))
    words, spaces = words_and_spaces(text, cuts)
    assert "".join(w + (" " if s else "") for w, s in zip(words, spaces, strict=True)) == text
    edges, pos = {0, len(text)}, 0
    for word, space in zip(words, spaces, strict=True):
        edges |= {pos, pos + len(word)}
        pos += len(word) + space
    assert all(c in edges for c in cuts)  # every cut is a token edge, as char_span needs


@settings(max_examples=500, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(
        st.sampled_from(
            ["#FORMAT=WebAnno TSV 3.3\n", f"#T_SP={NE}|value\n", "#Text=a b\n", "\n"]
            + ["1-1\t0-1\ta\t", "1-2\t2-3\tb\t", "X[1]", "|", "_", "*", "\\", "\t", "\n", "5-9"]
        ),
        max_size=30,
    ).map("".join)
)
def test_fuzz_webanno(text: str) -> None:
    try:
        read_webanno(Path("f.tsv"), "#FORMAT=WebAnno TSV 3.3\n" + text, ReadReport())
    except FormatError:
        pass


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents(), min_size=1, max_size=3))
def test_docbin_keeps_or_lists_every_span(docs: list[DocRecord]) -> None:
    pytest.importorskip("spacy")
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    from core.formats.spacy_doc import docbin_bytes

    docs = [DocRecord(d.text, d.spans, id=f"d{i}") for i, d in enumerate(docs)]
    data, problems, _ = docbin_bytes(docs)
    back = list(DocBin().from_bytes(data).get_docs(Vocab()))
    for doc, sdoc in zip(docs, back, strict=True):
        listed = {(p.start, p.end, p.label) for p in problems if p.doc == doc.id}
        assert sdoc.text == doc.text
        kept = {(s.start_char, s.end_char, s.label_) for s in sdoc.spans["sc"]}
        for span in key(doc)[1]:
            assert (span in kept) != (span in listed)
        ents = [(e.start_char, e.end_char) for e in sdoc.ents]
        assert all(a[1] <= b[0] for a, b in zip(ents, ents[1:], strict=False))
