"""Files made by other tools come in whole: the real files in ../shared/data/peers/."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from core.formats.base import FormatError, ReadReport
from core.formats.project_io import ImportOptions, export_project, import_paths, read_file
from core.store import Project

PEERS = Path(__file__).resolve().parents[3] / "shared" / "data" / "peers"
needs_peers = pytest.mark.skipif(not PEERS.is_dir(), reason="../shared is not beside the project")


def read(path: Path, **options: object) -> tuple[list, ReadReport]:
    report = ReadReport()
    docs, _ = read_file(path, ImportOptions(**options), report)  # type: ignore[arg-type]
    return docs, report


def surfaces(doc) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(doc.text[s.start : s.end], s.label) for s in doc.spans]


# ------------------------------------------------------------------ brat


def _t_lines(ann: Path) -> set[tuple[str, int, int, str]]:
    found = set()
    for line in ann.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^T\d+\t(\S+) (\d+) (\d+)\t(.*)$", line)
        if m:
            found.add((m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)))
    return found


@needs_peers
def test_every_brat_file_round_trips_with_its_file_name(tmp_path: Path) -> None:
    sources = sorted((PEERS / "brat").rglob("*.ann"))
    assert len(sources) > 100
    folder = tmp_path / "in"
    for ann in sources:
        # Copies with unique names, since the corpora reuse names across folders.
        name = "_".join(ann.relative_to(PEERS / "brat").with_suffix("").parts)
        folder.mkdir(exist_ok=True)
        shutil.copy(ann, folder / f"{name}.ann")
        shutil.copy(ann.with_suffix(".txt"), folder / f"{name}.txt")
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        results = import_paths(project, [folder], ImportOptions(add_labels=True))
        assert all(r.ok for r in results), [r.error for r in results if not r.ok]
        assert len(results) == len(sources)
        notes = "\n".join(n for r in results for n in r.notes)
        for kind in ("relations", "events", "attributes", "notes"):
            assert f"brat {kind} not imported" in notes
        export_project(project, "brat", tmp_path / "out")
    for txt in sorted(folder.glob("*.txt")):
        back = tmp_path / "out" / txt.name
        if not back.exists():
            # A text that is empty or a copy of another is one document in the project.
            continue
        assert back.read_text(encoding="utf-8") == txt.read_text(encoding="utf-8")
        original = {t for t in _t_lines(txt.with_suffix(".ann"))}
        assert _t_lines(back.with_suffix(".ann")) == original, txt.name
    exported = {p.name for p in (tmp_path / "out").glob("*.txt")}
    assert len(exported) > 0.9 * len(sources)


# ------------------------------------------------------------------ CoNLL


@needs_peers
def test_conll_2002_2003_and_2000_columns() -> None:
    (doc,) = read(PEERS / "conll" / "conll_2002_ner2002_test.conll")[0]
    assert surfaces(doc)[:2] == [("Wolff", "PER"), ("Argentina", "LOC")]
    (doc,), report = read(PEERS / "conll" / "conll_2003_en-orig.conll")
    assert surfaces(doc) == [("U.N.", "ORG"), ("Ekeus", "PER"), ("Baghdad", "LOC")]
    assert "chunk tag columns ignored (not entities)" in report.counts
    (explicit,), _ = read(
        PEERS / "conll" / "conll_2003_en-orig.conll", columns=("token", "_", "_", "ner")
    )
    assert surfaces(explicit) == surfaces(doc)
    (chunks,), report = read(PEERS / "conll" / "2000__chunk2000_test.conll")
    assert chunks.spans == [] and chunks.text.startswith("Confidence in the pound is")
    assert "no entity column found (imported the text without spans)" in report.counts


@needs_peers
def test_doccano_conll_files() -> None:
    (doc,), _ = read(
        PEERS / "doccano" / "data_import__tests__data__sequence_labeling__example.conll"
    )
    assert doc.spans
    with pytest.raises(FormatError, match=r"labeling\.invalid\.conll:1: 'SOCCERO' is not a tag"):
        read(
            PEERS
            / "doccano"
            / "data_import__tests__data__sequence_labeling__labeling.invalid.conll"
        )


# ------------------------------------------------------------------ doccano


@needs_peers
def test_doccano_jsonl_and_relations(tmp_path: Path) -> None:
    docs, _ = read(
        PEERS / "doccano" / "data_export__pipeline__examples__sequence_labeling__example.jsonl"
    )
    assert [surfaces(d) for d in docs] == [
        [("EU", "ORG"), ("German", "MISC")],
        [("Peter Blackburn", "PERSON")],
        [("Obama", "PERSON")],
    ]
    for name in (
        "data_import__pipeline__examples__relation_extraction__example.jsonl",
        "data_export__pipeline__examples__relation_extraction__example.jsonl",
    ):
        (doc,), report = read(PEERS / "doccano" / name)
        assert len(doc.spans) == 4
        assert report.counts["relations not imported (Tawsim keeps entities)"] == 3
    (doc,), report = read(
        PEERS / "doccano" / "data_import__tests__data__sequence_labeling__example_overlapping.jsonl"
    )
    assert surfaces(doc) == [("e", "LOC")]
    assert report.counts == {"the same span listed twice (kept once)": 1}


@needs_peers
def test_skip_bad_lines_lists_every_skipped_line() -> None:
    path = PEERS / "doccano" / "data_import__tests__data__intent__example.jsonl"
    with pytest.raises(FormatError, match=r"intent__example\.jsonl:5: each line must be"):
        read(path)
    docs, report = read(path, skip_bad_lines=True)
    assert [d.text for d in docs] == ["exampleA", "exampleB", "exampleC", "exampleD"]
    assert len(report.skipped) == 1 and report.skipped[0].startswith(f"{path}:5: ")


# ------------------------------------------------------------------ Label Studio


@needs_peers
def test_label_studio_task_round_trip_keeps_ids_and_data(tmp_path: Path) -> None:
    source = PEERS / "labelstudio" / "lsf_named_entity_annotations_1.json"
    task = json.loads(source.read_text(encoding="utf-8"))
    with Project.create(tmp_path / "p", name="p", annotator="x") as project:
        (result,) = import_paths(project, [source], ImportOptions(add_labels=True))
        assert result.ok and result.spans == 1
        export_project(project, "labelstudio", tmp_path / "out.json")
    (back,) = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert back["id"] == task["id"]
    assert back["data"] == task["data"]
    ((name, value),) = [
        ((r["from_name"], r["to_name"]), r["value"]) for r in back["annotations"][0]["result"]
    ]
    ((original_name, original),) = [
        ((r["from_name"], r["to_name"]), r["value"]) for r in task["annotations"][0]["result"]
    ]
    assert (name, value) == (original_name, original)
    # The labeling config written beside it uses the same names, so the file goes back
    # into the user's own Label Studio project.
    config = ET.fromstring((tmp_path / "out.label-config.xml").read_text("utf-8"))
    (labels,) = config.iter("Labels")
    assert (labels.get("name"), labels.get("toName")) == original_name
    assert "Date" in [label.get("value") for label in labels.iter("Label")]


def _contents(project: Project) -> set[tuple[str, tuple[tuple[int, int, str], ...]]]:
    return {
        (
            project.text(info.id),
            tuple(
                sorted(
                    s.key for a in project.annotators() for s in project.layer(info.id, a).spans()
                )
            ),
        )
        for info in project.documents()
    }


REFUSED = {
    # doccano's own fixtures of bad input: a line without "text", a tag that is not one.
    "data_import__tests__data__intent__example.jsonl",
    "data_import__tests__data__sequence_labeling__example.jsonl",
    "data_import__tests__data__sequence_labeling__labeling.invalid.conll",
}
NON_BRAT = (
    sorted(p for d in ("doccano", "labelstudio", "conll") for p in (PEERS / d).iterdir())
    if PEERS.is_dir()
    else []
)


@needs_peers
@pytest.mark.parametrize("path", NON_BRAT, ids=lambda p: p.name)
def test_each_peer_file_round_trips_in_its_own_format(tmp_path: Path, path: Path) -> None:
    from core.formats.project_io import detect_format

    fmt = detect_format(path)
    with Project.create(tmp_path / "a", name="a", annotator="x") as first:
        (result,) = import_paths(first, [path], ImportOptions(add_labels=True))
        if path.name in REFUSED:
            assert result.error and result.error.startswith(f"{path}:")
            return
        assert result.ok, result.error
        out = tmp_path / f"out.{fmt}"
        export_project(first, fmt, out, nested=True, include_suggestions=True)
        before = _contents(first)
    with Project.create(tmp_path / "b", name="b", annotator="x") as second:
        (back,) = import_paths(second, [out], ImportOptions(fmt=fmt, add_labels=True))
        assert back.ok, back.error
        assert _contents(second) == before
