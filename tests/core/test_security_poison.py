"""Poison: no import or merge can store something that breaks later commands.

Scores are finite numbers in [0, 1], offsets integers within the text,
metadata bounded in depth and size, text valid Unicode, names without
control characters; what the store writes always reads back, and our own
exports always import again.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from core.errors import TawsimError, ValidationError
from core.formats.base import ReadReport
from core.formats.project_io import ImportOptions, export_project, import_paths, read_file
from core.model import LINE_BREAKS, Label, LabelSet, Span, validate_annotator
from core.share import ShareError, bundle, merge
from core.store import Project
from tests.core.hostile import layer_file, make_project, one_line


def _bundle_with(tmp_path: Path, folder: Path, doc: str, change) -> Path:  # type: ignore[no-untyped-def]
    """A bundle of sara's layer of doc, with the layer's JSON text changed by change."""
    other = tmp_path / "sara"
    shutil.copytree(folder, other)
    with Project.open(other, annotator="sara") as project:
        project.layer(doc).add(Span(0, 5, "LOC", "sara", status="suggested", score=0.5))
        bundle(project, "sara", tmp_path / "good.zip")
    with zipfile.ZipFile(tmp_path / "good.zip") as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    name = f"layers/sara/{doc}.json"
    entries[name] = change(entries[name].decode("utf-8")).encode("utf-8")
    out = tmp_path / "poison.zip"
    with zipfile.ZipFile(out, "w") as zf:
        for entry, data in entries.items():
            zf.writestr(entry, data)
    return out


@pytest.mark.parametrize(
    "change, reason",
    [
        (lambda t: t.replace('"score": 0.5', '"score": 1' + "0" * 400), "integer"),
        (lambda t: t.replace('"score": 0.5', '"score": 1e999'), "out of range"),
        (lambda t: t.replace('"score": 0.5', '"score": NaN'), "NaN"),
        (lambda t: t.replace('"score": 0.5', '"score": 7'), "between 0 and 1"),
        (lambda t: t.replace('"origin": "manual"', '"origin": "\\ud800"'), "surrogate"),
        (lambda t: t.replace('"label": "LOC"', '"label": "LOC\\n"'), "unknown label"),
        (lambda t: t.replace('"start": 0', '"start": 0.5'), "integers"),
        (lambda t: t.replace('"annotator": "sara"', '"annotator": "ali"'), "layer of"),
        (lambda t: t.replace('"start": 0', '"start": ' + "[" * 2000 + "]" * 2000), "nested"),
    ],
)
def test_a_poisoned_bundle_is_refused_and_the_layer_stays_usable(
    tmp_path: Path,
    change,
    reason: str,  # type: ignore[no-untyped-def]
) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    poison = _bundle_with(tmp_path, folder, doc, change)
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(ShareError) as caught:
            merge(project, poison)
        one_line(caught.value, "poison.zip", reason)
    with Project.open(folder, annotator="ali") as project:
        assert not (folder / "layers" / "sara").exists()
        project.layer(doc).add(Span(14, 20, "LOC", "ali"))
        assert len(project.layer(doc).spans()) == 3


def test_a_huge_score_in_a_layer_file_never_makes_the_project_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    path = layer_file(folder, doc)
    path.write_text(path.read_text("utf-8").replace('"score": null', '"score": 1' + "0" * 400))
    with Project.open(folder, annotator="ali") as project:
        # Provably corrupt: the previous version is shown, read-only, and said so.
        assert len(project.layer(doc).spans()) == 1
        assert any(path.name in w and "read-only" in w for w in project.warnings)
        with pytest.raises(TawsimError) as caught:
            project.layer(doc).add(Span(14, 20, "LOC", "ali"))
        one_line(caught.value, path.name)
        assert len(project.documents()) == 1


def test_deep_json_in_project_file_falls_back_to_the_good_backup(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    with Project.open(folder, annotator="ali") as project:
        project.set_title(doc, "t2")  # the shard's .bak is now a good copy
    path = folder / "index" / f"{doc[:2]}.json"
    data = json.loads(path.read_text("utf-8"))
    text = json.dumps(data).replace('"meta": {}', '"meta": ' + "[" * 980 + "]" * 980, 1)
    assert text != json.dumps(data)
    path.write_text(text, encoding="utf-8")
    with Project.open(folder, annotator="ali") as project:
        assert project.read_only and project.read_only_reason
        assert f"{doc[:2]}.json" in project.read_only_reason
        assert [d.id for d in project.documents()] == [doc]
        assert len(project.layer(doc).spans()) == 2


@pytest.mark.parametrize(
    "line, reason",
    [
        ('{"text": "سوريا", "meta": {"a": ' + "[" * 990 + "]" * 990 + "}}", "nested"),
        ('{"text": "سوريا", "n": ' + "9" * 5000 + "}", "integer"),
        ('{"text": "\\ud800 سوريا"}', "surrogate"),
        ('{"text": "سوريا", "label": [[0, 5, "LOC", 1e999]]}', "out of range"),
        ('{"text": "سوريا", "label": [[0, 5, "LOC", 3]]}', "between 0 and 1"),
        ('{"text": "سوريا", "label": [[0, 5, "LOC\\n"]]}', "LOC"),
        ('{"text": "سوريا", "big": "' + "x" * 70_000 + '"}', "metadata"),
    ],
)
def test_poisoned_imports_are_refused_naming_the_file(
    tmp_path: Path, line: str, reason: str
) -> None:
    path = tmp_path / "poison.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    folder = tmp_path / "p"
    make_project(folder)
    with Project.open(folder, annotator="ali") as project:
        (result,) = import_paths(project, [path], ImportOptions(add_labels=True))
        assert result.error, result
        assert "\n" not in result.error and "poison.jsonl" in result.error, result.error
        assert reason in result.error, result.error
        assert len(project) == 1
    with Project.open(folder, annotator="ali") as project:
        assert len(project) == 1 and project.labels.names == ["PERS", "LOC", "ORG", "MISC"]


def test_the_store_refuses_what_it_could_not_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    with Project.open(folder, annotator="ali") as project:
        for title, text, meta in [
            ("t", "نص \ud800", {}),
            ("\udc00", "نص", {}),
            ("t", "نص", {"x": float("nan")}),
            ("t", "نص", {"deep": json.loads("[" * 100 + "]" * 100)}),
        ]:
            with pytest.raises(ValidationError):
                project.add_document(title, text, meta)
        layer = project.layer(doc)
        for span in [
            Span(0, 5, "LOC", "ali", score=float("inf")),
            Span(0, 5, "LOC", "ali", score=2.0),
            Span(0, 5, "LOC", "ali", origin="x\ud800"),
            Span(0, 5, "LOC", "ali", updated=float("nan")),
        ]:
            with pytest.raises(ValidationError):
                layer.add(span)
        assert len(project) == 1 and len(layer.spans()) == 2


# ------------------------------------------------------ 6. names ending in \n


@pytest.mark.parametrize("name", ["LOC\n", "LOC\r", "LO\x00C", "", "L" * 65, "LOC\u2028"])
def test_label_names_with_control_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        Label(name, name, name, "#000000").validate()


@pytest.mark.parametrize("name", ["ali\n", "ali\x00", "a/b", "..", "a\u2029"])
def test_annotator_names_with_control_characters_are_refused(name: str) -> None:
    with pytest.raises(ValidationError):
        validate_annotator(name)


def test_a_project_file_with_a_label_ending_in_newline_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    make_project(folder)
    path = folder / "project.json"
    path.write_text(path.read_text("utf-8").replace('"name": "LOC"', '"name": "LOC\\n"'))
    with pytest.raises(TawsimError) as caught:
        Project.open(folder, annotator="ali")
    one_line(caught.value, "project.json")


def test_colour_with_trailing_newline_is_refused() -> None:
    with pytest.raises(ValidationError):
        LabelSet((Label("LOC", "Location", "مكان", "#000000\n"),))


# ------------------------------------------- 7. our exports always re-import


@pytest.mark.parametrize("fmt, name", [("jsonl", "out.jsonl"), ("brat", "brat")])
@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
def test_exports_with_unicode_line_separators_import_again(
    tmp_path: Path, separator: str, fmt: str, name: str
) -> None:
    text = f"سوريا{separator}والعراق{separator}ولبنان"
    folder = tmp_path / "p"
    with Project.create(folder, name="p", annotator="ali") as project:
        doc = project.add_document("t", text, {})
        # The span covers the separator, so it is in the brat .ann line too (a line or
        # paragraph separator ends a line: no span may cover one, so that span stops before).
        end = 5 if separator in LINE_BREAKS else 13
        project.layer(doc).add(Span(0, end, "LOC", "ali"))
        out = tmp_path / name
        export_project(project, fmt, out)
    source = out if fmt == "jsonl" else out / f"{doc}.txt"
    docs, _ = read_file(source, ImportOptions(), ReadReport())
    assert [d.text for d in docs] == [text]
    assert [(s.start, s.end, s.label) for s in docs[0].spans] == [(0, end, "LOC")]
