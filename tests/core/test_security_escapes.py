"""Escapes and hangs: every hostile file ends in one line naming it, within a size limit.

Also the lesser items: files follow the umask, temporary files left by a kill
are cleaned at open, and a new layer folder is made durable.
"""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import core.store.paths
import core.store.storage
from core.errors import TawsimError
from core.formats.base import ReadReport
from core.formats.project_io import ImportOptions, import_paths, read_file
from core.model import Span
from core.store import Project
from tests.core.hostile import layer_file, make_project, one_line


@contextmanager
def deadline(seconds: int = 10) -> Iterator[None]:
    """Fail instead of hanging forever (a FIFO read blocks)."""

    def hung(*_: object) -> None:
        raise AssertionError("hung")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _refused(path: Path, fmt: str = "auto") -> str:
    with deadline():
        with pytest.raises(TawsimError) as caught:
            read_file(path, ImportOptions(fmt=fmt), ReadReport())
    one_line(caught.value, path.name)
    return str(caught.value)


@pytest.mark.parametrize("fmt", ["auto", "txt", "jsonl", "conll"])
def test_a_fifo_is_refused_without_hanging(tmp_path: Path, fmt: str) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in _refused(fifo, fmt)


def test_devices_are_refused() -> None:
    assert "not a regular file" in _refused(Path("/dev/zero"), "txt")


def test_an_unbounded_ann_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    (tmp_path / "doc.txt").write_text("سوريا", encoding="utf-8")
    with open(tmp_path / "doc.ann", "wb") as handle:
        handle.truncate(300 * 10**6)  # sparse: huge, yet nothing on disk
    with deadline():
        with pytest.raises(TawsimError) as caught:
            read_file(tmp_path / "doc.txt", ImportOptions(fmt="brat"), ReadReport())
    one_line(caught.value, "doc.ann", "limit")


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("deep.json", "[" * 5000 + "]" * 5000, "nested"),
        ("deep.jsonl", '{"text": "x", "m": ' + "[" * 300 + "]" * 300 + "}\n", "nested"),
        ("int.json", '[{"data": {"text": "x"}, "id": ' + "7" * 5000 + "}]", "integer"),
        ("int.jsonl", '{"text": "x", "label": [[0, 1' + "0" * 4400 + ', "LOC"]]}', "integer"),
        ("nan.jsonl", '{"text": "x", "label": [[0, 1, "LOC", NaN]]}', "NaN"),
    ],
)
def test_deep_json_and_huge_integers_are_one_line(
    tmp_path: Path, name: str, content: str, reason: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    assert reason in _refused(path)


def test_one_bad_file_in_a_folder_import_is_reported_and_the_rest_imported(
    tmp_path: Path,
) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("سوريا", encoding="utf-8")
    (source / "b.json").write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    (source / "c.jsonl").write_text('{"text": "x", "n": ' + "9" * 5000 + "}\n")
    (source / "d.jsonl").write_text('{"text": "العراق", "label": [[0, 6, "LOC"]]}\n')
    os.mkfifo(source / "e.txt")  # skipped (not a regular file), and no hang
    with Project.create(tmp_path / "p", name="p", annotator="ali") as project:
        with deadline():
            results = import_paths(project, [source], ImportOptions())
        errors = {r.path.name: r.error for r in results if r.error}
        assert sorted(errors) == ["b.json", "c.jsonl"]
        for name, error in errors.items():
            assert name in error and "\n" not in error
        assert sorted(project.text(d.id) for d in project.documents()) == ["العراق", "سوريا"]


def test_disk_full_while_writing_texts_leaves_the_project_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "p"
    make_project(folder)
    source = tmp_path / "many.jsonl"
    source.write_text(
        "\n".join(json.dumps({"text": f"نص رقم {i}"}) for i in range(5)), encoding="utf-8"
    )
    real = core.store.storage.atomic_write
    calls = []

    def full(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(path).suffix == ".txt":
            calls.append(path)
            if len(calls) == 3:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(core.store.storage, "atomic_write", full)
    with Project.open(folder, annotator="ali") as project:
        (result,) = import_paths(project, [source], ImportOptions())
        assert result.error and "many.jsonl" in result.error and "No space" in result.error
        assert "\n" not in result.error
        assert len(project) == 1
    monkeypatch.undo()
    with Project.open(folder, annotator="ali") as project:
        assert len(project) == 1
        assert len(import_paths(project, [source], ImportOptions())[0].error or "") == 0
        assert len(project) == 6


# ------------------------------------------------------ malformed store files

_PROJECT_POISON = {
    "top level a list": "[]",
    "meta not a table": '{"meta": 3, "documents": {}}',
    "record id not a number": '{"meta": {"x": {}}, "documents": {}}',
    "record not an object": '{"meta": {"1": []}, "documents": {}}',
    "schema version a string": '{"meta": {"1": {"schema_version": "one"}}, "documents": {}}',
    "schema version a list": '{"meta": {"1": {"schema_version": [1]}}, "documents": {}}',
    "labels not a list": '{"meta": {"1": {"schema_version": 1, "labels": 5}}, "documents": {}}',
    "label without colour": '{"meta": {"1": {"labels": [{"name": "LOC"}]}}, "documents": {}}',
    "hotkey a string": (
        '{"meta": {"1": {"labels": [{"name": "LOC", "color": "#000000", "hotkey": "x"}]}},'
        ' "documents": {}}'
    ),
    "document without id": '{"meta": {"1": {"name": "p"}}, "documents": {"1": {}}}',
    "document meta a list": (
        '{"meta": {"1": {"name": "p"}}, "documents": {"1": {"id": "0123456789abcdef", "meta": []}}}'
    ),
    "document length a float": (
        '{"meta": {"1": {"name": "p"}}, "documents": {"1": {"id": "0123456789abcdef",'
        ' "length": 1.5}}}'
    ),
    "document imported NaN": (
        '{"meta": {"1": {"name": "p"}}, "documents": {"1": {"id": "0123456789abcdef",'
        ' "imported": NaN}}}'
    ),
    "annotators not a list": '{"meta": {"1": {"annotators": 7}}, "documents": {}}',
    "annotator with a newline": '{"meta": {"1": {"annotators": ["a\\n"]}}, "documents": {}}',
    "not UTF-8": b'{"meta": {"1": {"name": "\xff"}}}',
    "empty": "",
}


@pytest.mark.parametrize("content", _PROJECT_POISON.values(), ids=_PROJECT_POISON.keys())
def test_malformed_project_files_are_one_line(tmp_path: Path, content: str | bytes) -> None:
    folder = tmp_path / "p"
    make_project(folder)
    (folder / "project.json.bak").unlink(missing_ok=True)
    path = folder / "project.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    try:
        with Project.open(folder, annotator="ali") as project:
            project.annotators()
            for info in project.documents():
                project.text(info.id)
    except TawsimError as exc:
        one_line(exc, "project.json")


_LAYER_POISON = {
    "spans a list": '{"spans": [], "state": {}}',
    "span a string": '{"spans": {"1": "x"}}',
    "span id a word": '{"spans": {"one": {}}}',
    "start a string": (
        '{"spans": {"1": {"start": "0", "end": 5, "label": "LOC", "annotator": "ali"}}}'
    ),
    "start true": '{"spans": {"1": {"start": true, "end": 5, "label": "LOC", "annotator": "ali"}}}',
    "label a number": '{"spans": {"1": {"start": 0, "end": 5, "label": 1, "annotator": "ali"}}}',
    "score a string": (
        '{"spans": {"1": {"start": 0, "end": 5, "label": "LOC", "annotator": "ali",'
        ' "score": "high"}}}'
    ),
    "updated a string": '{"spans": {}, "state": {"1": {"status": "done", "updated": "now"}}}',
    "state a list": '{"spans": {}, "state": []}',
}


@pytest.mark.parametrize("content", _LAYER_POISON.values(), ids=_LAYER_POISON.keys())
def test_malformed_layer_files_are_one_line(tmp_path: Path, content: str) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    path = layer_file(folder, doc)
    path.with_name(path.name + ".bak").unlink(missing_ok=True)
    path.write_text(content, encoding="utf-8")
    with Project.open(folder, annotator="ali") as project:
        try:
            layer = project.layer(doc)
            layer.spans()
            assert isinstance(layer.updated, float)
            project.summary(doc)
        except TawsimError as exc:
            one_line(exc, path.name)


# ------------------------------------------------------------------- lesser


def test_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = tmp_path / "p"
        doc = make_project(folder)
    finally:
        os.umask(old)
    for path in [folder / "project.json", layer_file(folder, doc), folder / "texts" / f"{doc}.txt"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o644, path


def test_stale_temporary_files_are_cleaned_at_open(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    stale = [
        folder / ".project.json.0a1b2c3d.tmp",
        folder / ".project.json.k2_j8xq1.tmp",  # mkstemp's names, from older versions
        folder / "texts" / f".{doc}.txt.deadbeef.tmp",
        folder / "layers" / "ali" / f".{doc}.json.12345678.tmp",
        folder / "layers" / "ali" / f"{doc}.json.bak.tmp",
    ]
    for path in stale:
        path.write_text("half a write")
    keep = folder / "notes.tmp"
    keep.write_text("the user's own file")
    with Project.open(folder, annotator="ali", read_only=True):
        assert all(p.exists() for p in stale)  # a reader never deletes anything
    with Project.open(folder, annotator="ali"):
        assert not any(p.exists() for p in stale)
    assert keep.exists()


def test_a_new_layer_folder_is_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    synced: list[Path] = []
    real = core.store.paths.fsync_dir

    def record(path: Path) -> None:
        synced.append(Path(path))
        real(path)

    monkeypatch.setattr(core.store.paths, "fsync_dir", record)
    with Project.open(folder, annotator="sara") as project:
        project.layer(doc).add(Span(0, 5, "LOC", "sara"))
    assert folder / "layers" in synced


@pytest.mark.parametrize("which", ["project.json", "layer", "text"])
def test_a_fifo_inside_a_project_is_refused_without_hanging(tmp_path: Path, which: str) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    target = {
        "project.json": folder / "project.json",
        "layer": layer_file(folder, doc),
        "text": folder / "texts" / f"{doc}.txt",
    }[which]
    target.unlink()
    os.mkfifo(target)
    with deadline():
        with pytest.raises(TawsimError) as caught:
            with Project.open(folder, annotator="ali") as project:
                project.text(doc)
                project.layer(doc).spans()
    one_line(caught.value, target.name, "not a regular file")
