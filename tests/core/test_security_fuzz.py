"""Fuzzers: any input ends in the project's own error type, and whatever imports reads back.

For every generated file: each reader either refuses it with a TawsimError or
imports it; what it imported survives closing and reopening the project,
exports to every format, and the JSONL export imports again to the same texts
and spans. Store files and bundles of any content end in TawsimError too.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from core.errors import TawsimError
from core.formats.base import ReadReport
from core.formats.project_io import (
    EXPORT_FORMATS,
    ImportOptions,
    export_project,
    import_paths,
    read_file,
)
from core.share import bundle, merge
from core.store import Project
from tests.core.hostile import make_project

# Each example builds a project; TAWSIM_FUZZ=N runs N examples for a long hunt.
_SETTINGS = settings(
    max_examples=int(os.environ.get("TAWSIM_FUZZ", "30")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
# Characters that have broken readers or writers before: line separators
# splitlines() knows, CR, BOM, tabs, combining marks, a non-BMP letter.
_ALPHABET = st.sampled_from(
    list("سورياالعراقب و")
    + list(" \n\r\t\u2028\u2029\u0085\x0b\x0c\x1c\ufeff\u064e\u0640")
    + ["A", "1", "\U0001d400", "\u200f", '"', "\\", "{", "["]
)
_TEXT = st.text(_ALPHABET, min_size=1, max_size=40)
_LABEL = st.sampled_from(["LOC", "ORG", "PERS", "MISC", "B-X", "LOC\n", "", "ليس"])


@st.composite
def _jsonl(draw: st.DrawFn) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        text = draw(_TEXT)
        spans = draw(
            st.lists(
                st.tuples(st.integers(-1, 45), st.integers(-1, 45), _LABEL)
                | st.tuples(
                    st.integers(0, 45),
                    st.integers(0, 45),
                    _LABEL,
                    st.floats(allow_nan=True) | st.integers(-2, 2),
                ),
                max_size=4,
            )
        )
        obj: dict[str, object] = {"text": text, "label": [list(s) for s in spans]}
        if draw(st.booleans()):
            obj["meta"] = draw(
                st.recursive(
                    st.none() | st.integers() | _TEXT,
                    lambda c: st.lists(c, max_size=2) | st.dictionaries(_TEXT, c, max_size=2),
                    max_leaves=6,
                )
            )
        lines.append(json.dumps(obj, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines).encode("utf-8")


@st.composite
def _labelstudio(draw: st.DrawFn) -> bytes:
    tasks = []
    for _ in range(draw(st.integers(1, 2))):
        text = draw(_TEXT)
        results = [
            {
                "type": "labels",
                "value": {"start": s, "end": e, "labels": [label], "text": text[s:e]},
            }
            for s, e, label in draw(
                st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), _LABEL), max_size=3)
            )
        ]
        tasks.append({"data": {"text": text}, "annotations": [{"result": results}]})
    return json.dumps(tasks, ensure_ascii=draw(st.booleans())).encode("utf-8")


@st.composite
def _conll(draw: st.DrawFn) -> bytes:
    rows = []
    for _ in range(draw(st.integers(1, 12))):
        if draw(st.integers(0, 5)) == 0:
            rows.append("")
            continue
        token = draw(st.text(_ALPHABET.filter(lambda c: not c.isspace()), min_size=1, max_size=6))
        tag = draw(st.sampled_from(["O", "B-LOC", "I-LOC", "B-ORG", "I-PERS", "E-LOC", "S-ORG"]))
        rows.append(f"{token} {tag}")
    return "\n".join(rows).encode("utf-8")


_FILES = st.one_of(
    _jsonl().map(lambda b: ("f.jsonl", b, None)),
    _labelstudio().map(lambda b: ("f.json", b, None)),
    _conll().map(lambda b: ("f.conll", b, None)),
    st.tuples(
        st.just("f.txt"),
        _TEXT.map(lambda t: t.encode("utf-8")),
        st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40), _LABEL), max_size=3),
    ),
    st.tuples(st.just("f.txt"), st.binary(max_size=80), st.none()),
)


def _brat_ann(raw: bytes, spans: list[tuple[int, int, str]]) -> bytes:
    text = raw.decode("utf-8")
    lines = [
        f"T{n}\t{label} {s} {e}\t{text[s:e]}".replace("\n", " ")
        for n, (s, e, label) in enumerate(spans, 1)
    ]
    return "\n".join(lines).encode("utf-8")


def _contents(project: Project) -> list[tuple[str, list[tuple[int, int, str]]]]:
    return sorted(
        (
            project.text(d.id),
            sorted((s.start, s.end, s.label) for s in project.layer(d.id).spans(status="accepted")),
        )
        for d in project.documents()
    )


@_SETTINGS
@given(_FILES)
# Found by this test: text that starts with two BOMs lost one more on each round trip.
@example(("a.jsonl", b'{"text": "\xef\xbb\xbf\xef\xbb\xbf1", "label": []}', None))
@example(("a.jsonl", b'{"text": "\xef\xbb\xbf\xef\xbb\xbf", "label": []}', None))
def test_fuzz_whatever_imports_reads_back_and_exports(
    tmp_path_factory: pytest.TempPathFactory, item: tuple[str, bytes, list | None]
) -> None:
    name, raw, spans = item
    tmp = tmp_path_factory.mktemp("fz")
    path = tmp / name
    path.write_bytes(raw)
    if spans is not None:
        try:
            path.with_suffix(".ann").write_bytes(_brat_ann(raw, spans))
        except UnicodeDecodeError:
            pass
    folder = tmp / "p"
    with Project.create(folder, name="p", annotator="ali") as project:
        try:
            results = import_paths(project, [path], ImportOptions(add_labels=True))
        except TawsimError:
            return
        imported = _contents(project)
        if not results[0].ok:
            assert "\n" not in (results[0].error or "") and name in (results[0].error or "")
            assert imported == []
            return
    with Project.open(folder, annotator="ali") as project:
        assert not project.warnings
        assert _contents(project) == imported
        for fmt in EXPORT_FORMATS:
            out = tmp / f"out-{fmt}"
            export_project(project, fmt, out)
        labels = project.labels
    for fmt in ("jsonl", "brat", "labelstudio"):
        again = tmp / f"again-{fmt}"
        expected = imported
        if fmt == "brat":  # brat refuses a span holding a tab or a line break: left out, listed
            expected = [
                (text, [s for s in spans if not {"\t", "\n", "\r"} & set(text[s[0] : s[1]])])
                for text, spans in imported
            ]
        with Project.create(again, name="again", labels=labels, annotator="ali") as copy:
            results = import_paths(copy, [tmp / f"out-{fmt}"], ImportOptions(fmt=fmt))
            assert all(r.ok for r in results), [r.error for r in results]
            assert _contents(copy) == expected, fmt


@_SETTINGS
@given(
    st.binary(max_size=120)
    | _jsonl()
    | st.sampled_from(["", "{}", "[]", '{"spans": {"1": {}}}', '{"meta": {"1": {"name": 1}}}']).map(
        str.encode
    ),
    st.sampled_from(["project.json", "layer", "layer.bak", "text"]),
)
def test_fuzz_store_files_end_in_tawsim_errors(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes, which: str
) -> None:
    folder = tmp_path_factory.mktemp("st") / "p"
    doc = make_project(folder)
    targets = {
        "project.json": folder / "project.json",
        "layer": folder / "layers" / "ali" / f"{doc}.json",
        "layer.bak": folder / "layers" / "ali" / f"{doc}.json.bak",
        "text": folder / "texts" / f"{doc}.txt",
    }
    targets[which].write_bytes(raw)
    try:
        with Project.open(folder, annotator="ali") as project:
            for info in project.documents():
                project.text(info.id)
                project.layer(info.id).spans()
                project.summary(info.id)
                if not project.read_only:
                    project.layer(info.id).set_status("done")
    except TawsimError as exc:
        assert "\n" not in str(exc)


@_SETTINGS
@given(
    st.dictionaries(
        st.sampled_from(
            ["manifest.json", "layers/sara/{doc}.json", "layers/ali/{doc}.json", "x", "../e.json"]
        ),
        st.binary(max_size=60) | _jsonl(),
        max_size=3,
    )
)
def test_fuzz_bundles_end_in_tawsim_errors(
    tmp_path_factory: pytest.TempPathFactory, entries: dict[str, bytes]
) -> None:
    tmp = tmp_path_factory.mktemp("zb")
    folder = tmp / "p"
    doc = make_project(folder)
    with Project.open(folder, annotator="ali", read_only=True) as project:
        bundle(project, "ali", tmp / "good.zip")
    with zipfile.ZipFile(tmp / "good.zip") as zf:
        manifest = zf.read("manifest.json")
    path = tmp / "b.zip"
    with zipfile.ZipFile(path, "w") as zf:
        if "manifest.json" not in entries:
            zf.writestr("manifest.json", manifest)
        for name, data in entries.items():
            zf.writestr(name.format(doc=doc), data)
    with Project.open(folder, annotator="ali") as project:
        try:
            merge(project, path)
        except TawsimError as exc:
            assert "\n" not in str(exc)
        for info in project.documents():
            for who in project.annotators():
                project.layer(info.id, who).spans()


def test_a_reader_error_is_always_a_tawsim_error(tmp_path: Path) -> None:
    # A fixed sample of what the fuzzers found before the readers were hardened.
    for name, raw in [
        ("a.json", b"[" * 3000),
        ("b.jsonl", b'{"text": "x", "label": [[0, 1' + b"0" * 5000 + b', "L"]]}'),
        ("c.json", b'[{"data": {"text": "\\ud800"}}]'),
    ]:
        path = tmp_path / name
        path.write_bytes(raw)
        with pytest.raises(TawsimError):
            read_file(path, ImportOptions(), ReadReport())
