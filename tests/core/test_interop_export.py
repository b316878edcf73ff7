"""Our exports, read by the real consumers: spaCy, seqeval, Label Studio's rules, brat's."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.formats.base import DocRecord, ReadReport, SpanRecord
from core.formats.conll import encode_tags, read_conll, write_conll
from core.formats.project_io import export_project, labelstudio_config_path
from core.formats.standoff import write_brat_ann
from core.model import Span
from core.store import Project

# Three documents: flat entities, a nested one, one untouched, one done without spans.
TEXTS = [
    "زار إيمانويل ماكرون مدينة حلب أمس .\nوقال التحالف الدولي إنه انسحب .",
    "جامعة دمشق في سوريا .",
    "لا شيء هنا .",
    "نص منجز بلا كيانات .",
]


def _span(text: str, surface: str, label: str) -> tuple[int, int, str]:
    start = text.index(surface)
    return start, start + len(surface), label


SPANS = [
    [
        _span(TEXTS[0], "إيمانويل ماكرون", "PERS"),
        _span(TEXTS[0], "حلب", "LOC"),
        _span(TEXTS[0], "التحالف الدولي", "ORG"),
    ],
    [_span(TEXTS[1], "جامعة دمشق", "ORG"), _span(TEXTS[1], "دمشق", "LOC")],
    [],
    [],
]
FLAT_ENTITIES = 4  # the outermost spans: the nested LOC دمشق is not among them


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    with Project.create(tmp_path / "p", name="p", annotator="x") as proj:
        for text, spans in zip(TEXTS, SPANS, strict=True):
            doc_id = proj.add_document("t", text, {})
            proj.layer(doc_id).add_many(Span(s, e, lab, "x") for s, e, lab in spans)
        proj.layer(proj.find_by_text(TEXTS[3]) or "").set_status("done")
        yield proj


# ------------------------------------------------------------- CoNLL options


def test_conll_delimiter_docstart_and_schemes(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "d.conll"
    export_project(project, "conll", out, preset="doccano")
    text = out.read_text(encoding="utf-8")
    assert "-DOCSTART-" not in text
    assert "إيمانويل\tB-PERS\nماكرون\tI-PERS\n" in text
    export_project(project, "conll", out, preset="spacy")
    text = out.read_text(encoding="utf-8")
    assert text.count("-DOCSTART- -X- O O\n") == len(TEXTS)
    export_project(project, "conll", out, scheme="bilou", delimiter="tab", docstart=False)
    text = out.read_text(encoding="utf-8")
    assert "إيمانويل\tB-PERS\nماكرون\tL-PERS\n" in text and "حلب\tU-LOC\n" in text
    assert "-DOCSTART-" not in text


def test_iob1_uses_b_only_between_touching_entities() -> None:
    labels = ["LOC", "LOC", "PERS"]
    assert encode_tags([0, 0, 1, None, 2], labels, "iob1") == [
        "I-LOC",
        "I-LOC",
        "B-LOC",
        "O",
        "I-PERS",
    ]
    assert encode_tags([0, 0, 1], labels, "bioes") == ["B-LOC", "E-LOC", "S-LOC"]
    doc = DocRecord("أ ب ج", [SpanRecord(0, 3, "LOC"), SpanRecord(4, 5, "LOC")])
    out, _ = write_conll([doc], scheme="iob1")
    assert out == "أ I-LOC\nب I-LOC\nج B-LOC\n\n"
    (back,) = read_conll(Path("a.conll"), out, scheme=None, report=ReadReport())
    assert [(s.start, s.end) for s in back.spans] == [(0, 3), (4, 5)]


def _spacy_convert(folder: Path, out: Path) -> None:
    out.mkdir()
    subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(folder), str(out), "--converter", "ner"],
        check=True,
        capture_output=True,
        timeout=300,
    )


def test_spacy_convert_reads_every_preset(project: Project, tmp_path: Path) -> None:
    pytest.importorskip("spacy")
    from spacy.tokens import DocBin
    from spacy.vocab import Vocab

    folder = tmp_path / "conll"
    folder.mkdir()
    for preset in ("doccano", "spacy", "anercorp"):
        export_project(project, "conll", folder / f"{preset}.ner", preset=preset)
    export_project(project, "conll", folder / "bilou.ner", preset="spacy", scheme="bilou")
    _spacy_convert(folder, tmp_path / "spacy")
    for name in ("doccano", "spacy", "anercorp", "bilou"):
        docs = list(DocBin().from_disk(tmp_path / "spacy" / f"{name}.spacy").get_docs(Vocab()))
        ents = [(e.text, e.label_) for d in docs for e in d.ents]
        assert len(ents) == FLAT_ENTITIES, name
        assert ("إيمانويل ماكرون", "PERS") in ents and ("جامعة دمشق", "ORG") in ents
        if name in ("spacy", "bilou"):
            # One spaCy document per Tawsim document, none made of a -DOCSTART- line.
            assert len(docs) == len(TEXTS)
            assert all("-DOCSTART-" not in d.text for d in docs)


def test_seqeval_reads_the_conll(project: Project, tmp_path: Path) -> None:
    seqeval = pytest.importorskip("seqeval.metrics.sequence_labeling")
    for scheme in ("iob2", "bioes"):
        out = tmp_path / f"{scheme}.conll"
        export_project(project, "conll", out, scheme=scheme, docstart=False)
        sentences = [
            [line.split()[-1] for line in block.splitlines()]
            for block in out.read_text(encoding="utf-8").split("\n\n")
            if block.strip()
        ]
        entities = seqeval.get_entities(sentences)
        assert len(entities) == FLAT_ENTITIES, scheme
        assert sorted({label for label, _, _ in entities}) == ["LOC", "ORG", "PERS"]


# ------------------------------------------------------------- Label Studio


def test_labelstudio_export_follows_label_studio_rules(project: Project, tmp_path: Path) -> None:
    out = tmp_path / "ls.json"
    report = export_project(project, "labelstudio", out, include_suggestions=True)
    tasks = json.loads(out.read_text(encoding="utf-8"))
    by_text = {t["data"]["text"]: t for t in tasks}
    for task in tasks:
        for annotation in task["annotations"]:
            assert not isinstance(annotation.get("completed_by"), str)
    assert len(by_text[TEXTS[0]]["annotations"][0]["result"]) == 3
    assert by_text[TEXTS[2]]["annotations"] == []  # never touched: predictions only
    assert by_text[TEXTS[3]]["annotations"] == [{"result": []}]  # marked done
    config = labelstudio_config_path(out)
    assert config in report.files
    root = ET.fromstring(config.read_text(encoding="utf-8"))
    assert root.tag == "View"
    values = [label.get("value") for label in root.iter("Label")]
    assert values == project.labels.names
    (labels,) = root.iter("Labels")
    assert labels.get("name") == by_text[TEXTS[0]]["annotations"][0]["result"][0]["from_name"]
    assert labels.get("toName") == root.find("Text").get("name")  # type: ignore[union-attr]


# ------------------------------------------------------------- brat and files


def test_brat_writer_never_writes_a_line_break_or_tab() -> None:
    doc = DocRecord(
        "قسد)\n\nمناورات\tحلب دمشق",
        [SpanRecord(0, 13, "ORG"), SpanRecord(6, 17, "LOC"), SpanRecord(18, 22, "LOC")],
    )
    ann, problems = write_brat_ann(doc)
    assert ann == "T1\tLOC 18 22\tدمشق\n"
    assert [(p.start, p.end) for p in problems] == [(0, 13), (6, 17)]


def test_exported_files_follow_the_umask(project: Project, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        for fmt, name in (("conll", "a.conll"), ("jsonl", "a.jsonl"), ("labelstudio", "a.json")):
            report = export_project(project, fmt, tmp_path / name)
            for path in report.files:
                assert stat.S_IMODE(path.stat().st_mode) == 0o644, path
        report = export_project(project, "brat", tmp_path / "brat")
        assert report.files and all(stat.S_IMODE(p.stat().st_mode) == 0o644 for p in report.files)
    finally:
        os.umask(old)
