"""Corpus formats: readers, writers, exact round trips and safe failure."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.formats.base import DocRecord, FormatError, ReadReport, SpanRecord
from core.formats.conll import detect_scheme, read_conll, write_conll
from core.formats.project_io import ImportOptions, export_project, import_paths
from core.formats.standoff import (
    read_brat,
    read_jsonl,
    read_labelstudio,
    write_brat_ann,
    write_jsonl,
    write_labelstudio,
)
from core.store import Project

SHARED_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "data" / "anercorp" / "train.conll"


def conll(path: Path, text: str, scheme: str | None = None) -> list[DocRecord]:
    return read_conll(path, text, scheme=scheme, report=ReadReport())


def spans_of(doc: DocRecord) -> list[tuple[str, str]]:
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


# ------------------------------------------------------------------ CoNLL


def test_conll_iob2_rebuilds_text_and_spans(tmp_path: Path) -> None:
    text = "قال O\nالتحالف B-ORG\nالدولي I-ORG\nفي O\nوسوريا B-LOC\n.\tO\n\nعاد O\n"
    (doc,) = conll(tmp_path / "a.conll", text)
    assert doc.text == "قال التحالف الدولي في وسوريا .\nعاد"
    assert spans_of(doc) == [("التحالف الدولي", "ORG"), ("وسوريا", "LOC")]


@pytest.mark.parametrize(
    "tags, scheme",
    [
        (["I-LOC", "I-LOC", "O", "I-PERS", "B-PERS"], "iob1"),
        (["B-LOC", "I-LOC", "O", "B-PERS", "B-PERS"], "iob2"),
        (["B-LOC", "E-LOC", "O", "S-PERS", "S-PERS"], "bioes"),
        (["B-LOC", "L-LOC", "O", "U-PERS", "U-PERS"], "bioes"),
    ],
)
def test_schemes_are_detected_and_decoded(tmp_path: Path, tags: list[str], scheme: str) -> None:
    assert detect_scheme(tags) == scheme
    lines = "".join(f"w{i} {t}\n" for i, t in enumerate(tags))
    (doc,) = conll(tmp_path / "a.conll", lines)
    assert spans_of(doc) == [("w0 w1", "LOC"), ("w3", "PERS"), ("w4", "PERS")]


def test_inconsistent_tags_are_counted(tmp_path: Path) -> None:
    report = ReadReport()
    (doc,) = read_conll(tmp_path / "a", "a O\nb I-LOC\nc I-LOC\n", scheme="iob2", report=report)
    assert spans_of(doc) == [("b c", "LOC")]
    assert report.counts == {"I- without a preceding B- (started a new entity)": 1}


def test_nested_columns_and_docstart(tmp_path: Path) -> None:
    text = (
        "-DOCSTART- O O\n\nجامعة O B-ORG\nدمشق B-LOC I-ORG\n\n-DOCSTART- O O\n\nحلب B-LOC B-LOC\n"
    )
    first, second = conll(tmp_path / "w.conll", text)
    assert spans_of(first) == [("جامعة دمشق", "ORG"), ("دمشق", "LOC")]
    assert spans_of(second) == [("حلب", "LOC")]
    out, problems = write_conll([first], nested=True)
    assert out == "جامعة O B-ORG\nدمشق B-LOC I-ORG\n\n"
    flat, problems = write_conll([first])
    assert flat == "جامعة B-ORG\nدمشق I-ORG\n\n"
    assert [p.reason for p in problems] == ["nested inside another span; use --nested columns"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("a O\nb\n", "a.conll:2: expected 'TOKEN ... TAG'"),
        ("a O\nb X-\n", "a.conll:2: 'X-' is not a tag"),
        ("a x O\nb O\n", "a.conll:2: 2 columns where earlier lines have 3"),
    ],
)
def test_malformed_conll_names_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(FormatError) as err:
        conll(tmp_path / "a.conll", text)
    assert message in str(err.value)


def test_whitespace_and_clitic_token_conventions() -> None:
    text = "قال التحالف إنه أعاد تموضع قواته وسوريا ولـ”قسد”"
    s1 = text.index("سوريا")
    s2 = text.index("قسد")
    doc = DocRecord(text, [SpanRecord(s1, s1 + 5, "LOC"), SpanRecord(s2, s2 + 3, "ORG")])
    out, problems = write_conll([doc], tokens="whitespace")
    assert "وسوريا B-LOC\n" in out and "ولـ”قسد” B-ORG\n" in out
    assert problems == []  # widening over a proclitic and quotes is the convention
    out, problems = write_conll([doc], tokens="clitic")
    lines = out.splitlines()
    assert "و SpaceAfter=No O" in lines and "سوريا _ B-LOC" in lines
    assert "قسد SpaceAfter=No B-ORG" in lines
    # The clitic export restores the same text on import.
    (back,) = conll(Path("x.conll"), out)
    assert back.text == text
    assert spans_of(back) == [("سوريا", "LOC"), ("قسد", "ORG")]


def test_spans_a_convention_cannot_keep_are_reported() -> None:
    text = "أبو_ظبي-دبي"
    doc = DocRecord(text, [SpanRecord(0, 7, "LOC"), SpanRecord(8, 11, "LOC")])
    out, problems = write_conll([doc])
    assert out == "أبو_ظبي-دبي B-LOC\n\n"
    reasons = sorted(p.reason.split(":")[0] for p in problems)
    assert reasons == [
        "shares a whitespace token with another span; left out",
        "widened to whole tokens",
    ]
    out, problems = write_conll([doc], tokens="clitic")
    assert problems == []


@pytest.mark.skipif(not SHARED_TRAIN.exists(), reason="../shared is not beside the project")
def test_anercorp_round_trips_token_for_token(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p", name="anercorp", annotator="a") as project:
        (result,) = import_paths(project, [SHARED_TRAIN], ImportOptions())
        assert result.ok and result.spans > 8000
        export_project(project, "conll", tmp_path / "out.conll", tokens="whitespace")
    original = [ln for ln in SHARED_TRAIN.read_text(encoding="utf-8").splitlines() if ln.strip()]
    exported = [ln for ln in (tmp_path / "out.conll").read_text(encoding="utf-8").splitlines()]
    assert [ln for ln in exported if ln.strip()] == original
    # Sentence breaks survive too.
    assert exported.count("") == SHARED_TRAIN.read_text(encoding="utf-8").count("\n\n") + 1


# ------------------------------------------------------- JSONL, LS and brat


def test_jsonl_both_doccano_shapes(tmp_path: Path) -> None:
    text = (
        json.dumps({"id": 7, "text": "دمشق", "label": [[0, 4, "LOC"]], "source": "x"})
        + "\n"
        + json.dumps(
            {"text": "حلب", "entities": [{"start_offset": 0, "end_offset": 3, "label": "LOC"}]}
        )
    )
    a, b = read_jsonl(tmp_path / "a.jsonl", text, ReadReport())
    assert a.id == "7" and a.meta["source"] == "x" and spans_of(a) == [("دمشق", "LOC")]
    assert spans_of(b) == [("حلب", "LOC")]


def test_labelstudio_annotations_and_predictions(tmp_path: Path) -> None:
    text = "😀 قسد في حلب"
    tasks = [
        {
            "data": {"text": text},
            "annotations": [
                {
                    "result": [
                        {
                            "type": "labels",
                            "value": {"start": 2, "end": 5, "text": "قسد", "labels": ["ORG"]},
                        }
                    ]
                }
            ],
            # UTF-16 offsets as Label Studio's browser front end counts them.
            "predictions": [
                {
                    "score": 0.4,
                    "result": [
                        {
                            "type": "labels",
                            "value": {"start": 10, "end": 13, "text": "حلب", "labels": ["LOC"]},
                        }
                    ],
                }
            ],
        }
    ]
    report = ReadReport()
    (doc,) = read_labelstudio(tmp_path / "t.json", json.dumps(tasks), report)
    assert [(doc.text[s.start : s.end], s.label, s.status) for s in doc.spans] == [
        ("قسد", "ORG", "accepted"),
        ("حلب", "LOC", "suggested"),
    ]
    assert report.counts == {"offsets read as UTF-16 units": 1}


def test_brat_reads_t_lines_and_reports_discontinuous(tmp_path: Path) -> None:
    ann = "T1\tLOC 0 4\tدمشق\nT2\tLOC 0 2;3 4\tدم ق\n#1\tAnnotatorNotes T1\tnote\n"
    report = ReadReport()
    doc = read_brat(tmp_path / "a.txt", "دمشق وحلب", ann, report)
    assert spans_of(doc) == [("دمشق", "LOC")]
    assert report.counts["discontinuous spans not supported (skipped)"] == 1
    with pytest.raises(FormatError, match=r"a\.ann:1: text 'حلب' does not match"):
        read_brat(tmp_path / "a.txt", "دمشق وحلب", "T1\tLOC 0 4\tحلب\n", ReadReport())


# --------------------------------------------------------- round trips

_ALPHABET = st.sampled_from(
    list("سوريادمشقحلبالتنظيم")
    + ["\u064e", "\u0651", "\u0640", "\u200f", "\u200e", "😀", "𝕏", "X", "7", "٣", "“", "”"]
)
_WORD = st.text(_ALPHABET, min_size=1, max_size=8)


@st.composite
def documents(draw: st.DrawFn, *, token_aligned: bool = False) -> DocRecord:
    words = draw(st.lists(_WORD, min_size=1, max_size=12))
    seps = [
        draw(st.sampled_from([" ", " ", "\n"] if token_aligned else [" ", "  ", "\n", "، "]))
        for _ in words[1:]
    ]
    text = words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))
    bounds = []
    pos = 0
    for i, word in enumerate(words):
        bounds.append((pos, pos + len(word)))
        pos += len(word) + (len(seps[i]) if i < len(seps) else 0)
    spans: set[SpanRecord] = set()
    for _ in range(draw(st.integers(0, 4))):
        if token_aligned:
            i = draw(st.integers(0, len(words) - 1))
            j = draw(st.integers(i, min(len(words) - 1, i + 2)))
            if any("\n" in seps[k] for k in range(i, j)):
                continue
            start, end = bounds[i][0], bounds[j][1]
        else:
            start = draw(st.integers(0, len(text) - 1))
            end = draw(st.integers(start + 1, len(text)))
            if "\n" in text[start:end]:  # no span crosses a line break
                continue
        spans.add(SpanRecord(start, end, draw(st.sampled_from(["PERS", "LOC", "ORG"]))))
    if token_aligned:  # CoNLL keeps one label per token and level: no crossing spans
        kept: list[SpanRecord] = []
        for span in sorted(spans, key=lambda s: (s.start, -s.end)):
            if all(
                span.end <= k.start
                or k.end <= span.start
                or (
                    k.start <= span.start
                    and span.end <= k.end
                    and (k.start, k.end) != (span.start, span.end)
                )
                for k in kept
            ):
                kept.append(span)
        spans = set(kept)
    return DocRecord(text, sorted(spans, key=lambda s: (s.start, -s.end, s.label)), "t", "d1")


def key(doc: DocRecord) -> tuple[str, list[tuple[int, int, str]]]:
    return doc.text, sorted((s.start, s.end, s.label) for s in doc.spans)


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(documents())
def test_jsonl_round_trip(doc: DocRecord) -> None:
    (back,) = read_jsonl(
        Path("a.jsonl"), write_jsonl([doc], include_suggestions=False), ReadReport()
    )
    assert key(back) == key(doc)


@FAST
@given(documents())
def test_labelstudio_round_trip(doc: DocRecord) -> None:
    out = write_labelstudio([doc], include_suggestions=True, model="m")
    report = ReadReport()
    (back,) = read_labelstudio(Path("a.json"), out, report)
    assert key(back) == key(doc)
    assert not report


@FAST
@given(documents())
def test_brat_round_trip(doc: DocRecord) -> None:
    back = read_brat(Path("a.txt"), doc.text, write_brat_ann(doc)[0], ReadReport())
    assert key(back) == key(doc)


@FAST
@given(
    documents(token_aligned=True),
    st.sampled_from(["whitespace", "clitic"]),
    st.sampled_from(["iob2", "bioes"]),
)
def test_conll_round_trip(doc: DocRecord, tokens: str, scheme: str) -> None:
    doc.meta["format"] = "conll"  # sentences are the text's lines
    out, problems = write_conll([doc], tokens=tokens, scheme=scheme, nested=True)
    assert problems == []
    (back,) = conll(Path("a.conll"), out)
    assert key(back) == key(doc)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.lists(documents(), min_size=1, max_size=3), st.sampled_from(["jsonl", "labelstudio", "brat"])
)
def test_project_export_import_round_trip(
    tmp_path_factory: pytest.TempPathFactory, docs: list[DocRecord], fmt: str
) -> None:
    tmp = tmp_path_factory.mktemp("rt")
    docs = [DocRecord(d.text + f"\n{i}", d.spans) for i, d in enumerate(docs)]
    with Project.create(tmp / "a", name="a", annotator="x") as project:
        for doc in docs:
            doc_id = project.add_document("t", doc.text, {})
            from core.model import Span

            project.layer(doc_id).add_many(Span(s.start, s.end, s.label, "x") for s in doc.spans)
        out = tmp / ("out" if fmt == "brat" else "out.json")
        export_project(project, fmt, out)
    with Project.create(tmp / "b", name="b", annotator="x") as again:
        results = import_paths(again, [out], ImportOptions(fmt=fmt))
        assert all(r.ok for r in results), [r.error for r in results]
        got = sorted(
            (again.text(d.id), sorted(s.key for s in again.layer(d.id).spans()))
            for d in again.documents()
        )
    assert got == sorted((d.text, sorted((s.start, s.end, s.label) for s in d.spans)) for d in docs)


# ----------------------------------------------------------- bad input


def test_file_import_is_all_or_nothing(tmp_path: Path) -> None:
    good = json.dumps({"text": "دمشق", "label": [[0, 4, "LOC"]]})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.jsonl").write_text(good + "\n{not json\n", encoding="utf-8")
    (tmp_path / "in" / "good.jsonl").write_text(good + "\n", encoding="utf-8")
    (tmp_path / "in" / "bin.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        results = {
            r.path.name: r for r in import_paths(project, [tmp_path / "in"], ImportOptions())
        }
        assert "bad.jsonl:2: invalid JSON" in (results["bad.jsonl"].error or "")
        assert "binary" in (results["bin.txt"].error or "")
        assert "empty" in (results["empty.txt"].error or "")
        assert results["good.jsonl"].ok
        assert len(project) == 1  # only good.jsonl's document; bad.jsonl's first line undone


def test_unknown_labels_and_out_of_range(tmp_path: Path) -> None:
    lines = [
        {"text": "دمشق وحلب", "label": [[0, 4, "CITY"], [5, 9, "LOC"], [3, 99, "LOC"]]},
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        (refused,) = import_paths(project, [path], ImportOptions())
        assert "1 span(s) with labels not in the project: CITY (1); pass --add-labels" in (
            refused.error or ""
        )
        assert len(project) == 0
        (done,) = import_paths(project, [path], ImportOptions(add_labels=True, status="suggested"))
        assert done.ok and done.spans == 2
        assert any("1 × span outside the text" in n for n in done.notes)
        assert "CITY" in project.labels
        doc = project.documents()[0]
        spans = project.layer(doc.id).spans()
        assert {s.status for s in spans} == {"suggested"}
        assert {s.origin for s in spans} == {"import:a.jsonl"}


def test_same_texts_under_another_annotator_add_a_layer(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": "دمشق", "label": [[0, 4, "LOC"]]}), encoding="utf-8")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        import_paths(project, [path], ImportOptions(annotator="ali"))
        (second,) = import_paths(project, [path], ImportOptions(annotator="sara"))
        assert second.added == 0 and second.spans == 1
        assert len(project) == 1
        doc = project.documents()[0].id
        assert len(project.layer(doc, "ali").spans()) == len(project.layer(doc, "sara").spans())


def test_cancel_leaves_the_project_as_it_was(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"نص {i}", encoding="utf-8")
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 2

    from core.formats.project_io import ImportCancelled

    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        with pytest.raises(ImportCancelled):
            import_paths(
                project, sorted(tmp_path.glob("*.txt")), ImportOptions(), cancelled=cancelled
            )
        assert len(project) == 0
        assert list((tmp_path / "p" / "texts").iterdir()) == []


def test_crlf_and_bom_move_spans_with_the_text(tmp_path: Path) -> None:
    text = "\ufeffسطر\r\nدمشق"
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"text": text, "label": [[6, 10, "LOC"]]}), encoding="utf-8")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        import_paths(project, [path], ImportOptions())
        doc = project.documents()[0].id
        (span,) = project.layer(doc).spans()
        assert project.text(doc)[span.start : span.end] == "دمشق"


# ---------------------------------------------------------------- fuzzing

_FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
_PIECES = list(' \t\n\r{}[]":,0123456789-OBIES_LOC\\abـد') + ["T1", "\ufeff", "B-LOC", ";"]
_JUNK = st.lists(st.sampled_from(_PIECES), max_size=60).map("".join)


@_FUZZ
@given(_JUNK)
def test_fuzz_conll(text: str) -> None:
    try:
        conll(Path("f.conll"), text)
    except FormatError:
        pass


@_FUZZ
@given(
    _JUNK
    | st.builds(
        json.dumps,
        st.recursive(
            st.none() | st.integers() | st.text(max_size=5),
            lambda c: (
                st.lists(c, max_size=3)
                | st.dictionaries(
                    st.sampled_from(
                        [
                            "text",
                            "label",
                            "entities",
                            "start_offset",
                            "end_offset",
                            "data",
                            "annotations",
                            "predictions",
                            "result",
                            "value",
                            "start",
                            "end",
                            "labels",
                            "meta",
                        ]
                    ),
                    c,
                    max_size=4,
                )
            ),
            max_leaves=12,
        ),
    )
)
def test_fuzz_json_readers(text: str) -> None:
    for reader in (read_jsonl, read_labelstudio):
        try:
            for doc in reader(Path("f.json"), text, ReadReport()):
                assert isinstance(doc.text, str)
        except FormatError:
            pass


@_FUZZ
@given(st.text(max_size=30), _JUNK)
def test_fuzz_brat(text: str, ann: str) -> None:
    try:
        read_brat(Path("f.txt"), text, ann, ReadReport())
    except FormatError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.binary(max_size=200) | _JUNK.map(lambda s: s.encode("utf-8")),
    st.sampled_from(["auto", "txt", "jsonl", "conll", "labelstudio", "brat", "webanno"]),
)
def test_fuzz_files_of_any_bytes(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, fmt: str
) -> None:
    from core.formats.project_io import read_file

    folder = tmp_path_factory.mktemp("fz")
    path = folder / "f.txt"
    path.write_bytes(raw)
    path.with_suffix(".ann").write_bytes(raw[::-1])
    try:
        read_file(path, ImportOptions(fmt=fmt), ReadReport())
    except FormatError:
        pass


def test_cancel_during_the_only_file_undoes_it(tmp_path: Path) -> None:
    from core.formats.project_io import ImportCancelled

    path = tmp_path / "many.jsonl"
    path.write_text(
        "\n".join(json.dumps({"text": f"نص {i}", "label": [[0, 2, "LOC"]]}) for i in range(20)),
        encoding="utf-8",
    )
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 5  # pressed while the file's documents are being written

    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        with pytest.raises(ImportCancelled):
            import_paths(project, [path], ImportOptions(), cancelled=cancelled)
        assert len(project) == 0
