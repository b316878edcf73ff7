"""Data loss and half-done work: fallbacks, merges, bundle limits and the lock."""

from __future__ import annotations

import errno
import json
import os
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import core.share
from core.errors import ProjectLockedError, StoreError, TawsimError
from core.model import Span, now
from core.share import ShareError, bundle, merge
from core.store import Project
from tests.core.hostile import layer_file, make_project, one_line

# ------------------------------------------- 8. no silent fallback to a backup


def _fail_open(monkeypatch: pytest.MonkeyPatch, target: Path, code: int) -> None:
    real = os.open

    def fake(path, flags, *args):  # type: ignore[no-untyped-def]
        if Path(path) == target:
            raise OSError(code, os.strerror(code), str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", fake)


@pytest.mark.parametrize("code", [errno.EACCES, errno.EIO])
def test_an_os_error_on_a_layer_never_falls_back_to_its_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    path = layer_file(folder, doc)
    newest = path.read_bytes()
    with Project.open(folder, annotator="ali") as project:
        _fail_open(monkeypatch, path, code)
        with pytest.raises(StoreError) as caught:
            project.layer(doc).spans()
        one_line(caught.value, path.name, os.strerror(code))
        with pytest.raises(StoreError):
            project.layer(doc).add(Span(14, 20, "LOC", "ali"))
        assert not project.warnings
        monkeypatch.undo()
    assert path.read_bytes() == newest
    with Project.open(folder, annotator="ali") as project:
        assert len(project.layer(doc).spans()) == 2


def test_an_os_error_on_the_project_file_is_an_error_not_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "p"
    make_project(folder)
    with Project.open(folder, annotator="ali") as project:
        project.add_document("t2", "نص ثان", {})  # project.json.bak has one document
    _fail_open(monkeypatch, folder / "project.json", errno.EACCES)
    with pytest.raises(StoreError) as caught:
        Project.open(folder, annotator="ali")
    one_line(caught.value, "project.json", "Permission denied")
    monkeypatch.undo()
    with Project.open(folder, annotator="ali") as project:
        assert len(project) == 2 and not project.warnings


def test_a_corrupt_project_file_opens_read_only_from_its_backup(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    make_project(folder)
    with Project.open(folder, annotator="ali") as project:
        project.add_annotator("sara")  # project.json.bak keeps the version without sara
    path = folder / "project.json"
    path.write_bytes(b'{"meta": {"1": {"name"')  # torn
    with Project.open(folder, annotator="ali") as project:
        assert project.read_only
        assert project.read_only_reason and "project.json" in project.read_only_reason
        assert len(project) == 1  # the index lives in index/, untouched
        with pytest.raises(StoreError) as caught:
            project.add_document("t3", "نص ثالث", {})
        one_line(caught.value, "read-only")
        # Read-only holds no lock: another writer is not kept out by a broken project.
    assert path.read_bytes() == b'{"meta": {"1": {"name"'


def test_a_corrupt_index_shard_opens_read_only_from_its_backup(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    with Project.open(folder, annotator="ali") as project:
        project.set_title(doc, "عنوان جديد")  # the shard's backup keeps the old title
    path = folder / "index" / f"{doc[:2]}.json"
    path.write_bytes(b'{"documents": {"1": {"id"')  # torn
    with Project.open(folder, annotator="ali") as project:
        assert project.read_only
        assert project.read_only_reason and f"{doc[:2]}.json" in project.read_only_reason
        assert [d.id for d in project.documents()] == [doc]
        assert project.document(doc).title != "عنوان جديد"
        with pytest.raises(StoreError) as caught:
            project.set_title(doc, "ثالث")
        one_line(caught.value, "read-only")
    assert path.read_bytes() == b'{"documents": {"1": {"id"'


# ---------------------------------------------------- 9. merge: all or nothing


def _copy(tmp_path: Path, folder: Path, name: str = "sara") -> Path:
    other = tmp_path / name
    shutil.copytree(folder, other)
    (other / ".lock").unlink(missing_ok=True)
    return other


def _crlf(folder: Path) -> None:
    """What git's autocrlf does to a checkout on Windows."""
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in (".txt", ".json"):
            path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))


def test_merging_a_crlf_copy_adds_documents_with_their_layers(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    make_project(folder)
    other = _copy(tmp_path, folder)
    with Project.open(other, annotator="sara") as copy:
        new = copy.add_document("t2", "سطر أول\nسطر ثان", {})
        copy.layer(new).add(Span(0, 3, "LOC", "sara"))
    _crlf(other)
    with Project.open(folder, annotator="ali") as project:
        report = merge(project, other)
        assert report.documents_added == [new]
        assert project.text(new) == "سطر أول\nسطر ثان"
        assert [(s.start, s.end) for s in project.layer(new, "sara").spans()] == [(0, 3)]
        again = merge(project, other)
        assert again.added == again.updated == [] and again.documents_added == []


def test_a_merge_that_fails_while_writing_is_undone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    other = _copy(tmp_path, folder)
    with Project.open(other, annotator="sara") as copy:
        new = copy.add_document("t2", "نص ثان", {})
        copy.layer(new).add(Span(0, 2, "LOC", "sara"))
        copy.layer(doc).add(Span(0, 5, "ORG", "sara"))
    calls = []
    real = core.share.atomic_write

    def full_disk(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args[0])
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(core.share, "atomic_write", full_disk)
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(ShareError) as caught:
            merge(project, other)
        one_line(caught.value, "undone", "No space left")
        assert [d.id for d in project.documents()] == [doc]
    monkeypatch.undo()
    with Project.open(folder, annotator="ali") as project:
        assert [d.id for d in project.documents()] == [doc]
        assert project.annotators() == ["ali"]
        assert not (folder / "texts" / f"{new}.txt").exists()
        assert not (folder / "layers" / "sara").exists() or not any(
            p.suffix == ".json" for p in (folder / "layers" / "sara").iterdir()
        )


def _bundle_entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _write_zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "stamp, reason",
    [(now() + 86_400 * 365, "future"), ("NaN", "NaN"), ("1e999", "range")],
    ids=["future", "nan", "inf"],
)
def test_forged_time_stamps_are_refused(tmp_path: Path, stamp: object, reason: str) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    other = _copy(tmp_path, folder)
    with Project.open(other, annotator="sara") as copy:
        copy.layer(doc).add(Span(0, 5, "ORG", "sara"))
        bundle(copy, "sara", tmp_path / "sara.zip")
    entries = _bundle_entries(tmp_path / "sara.zip")
    name = f"layers/sara/{doc}.json"
    text = entries[name].decode("utf-8")
    data = json.loads(text)
    old = json.dumps(data["state"]["1"]["updated"])
    entries[name] = text.replace(f'"updated": {old}', f'"updated": {stamp}').encode("utf-8")
    assert entries[name] != text.encode("utf-8")
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(ShareError) as caught:
            merge(project, _write_zip(tmp_path / "forged.zip", entries))
        one_line(caught.value, "forged.zip", reason)
        assert project.annotators() == ["ali"]


def test_a_copy_of_my_own_layer_is_a_conflict_never_an_overwrite(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    other = _copy(tmp_path, folder)
    # Someone else's copy changes ali's layer later than ali did: newer, but not ali's.
    with Project.open(other, annotator="ali") as copy:
        copy.layer(doc).remove(copy.layer(doc).spans()[0].id)
    mine = layer_file(folder, doc).read_bytes()
    with Project.open(folder, annotator="ali") as project:
        report = merge(project, other)
        assert report.conflicts == [("ali", doc)] and not report.updated
        assert len(project.layer(doc).spans()) == 2
    assert layer_file(folder, doc).read_bytes() == mine
    from core.share import summarise

    assert any("conflict" in line and f"ali/{doc}" in line for line in summarise(report))


def test_a_bundle_of_gold_is_reported_not_merged_silently(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    other = _copy(tmp_path, folder)
    with Project.open(other, annotator="sara") as copy:
        copy.layer(doc, "gold").add(Span(0, 5, "LOC", "gold"))
        bundle(copy, "gold", tmp_path / "gold.zip")
    with Project.open(folder, annotator="ali") as project:
        first = merge(project, tmp_path / "gold.zip")
        assert first.own_added == [("gold", doc)] and not first.added
        project.layer(doc, "gold").add(Span(6, 13, "ORG", "gold"))
    with Project.open(other, annotator="sara") as copy:
        copy.layer(doc, "gold").add(Span(14, 20, "PERS", "gold"))
        bundle(copy, "gold", tmp_path / "gold.zip")
    with Project.open(folder, annotator="ali") as project:
        second = merge(project, tmp_path / "gold.zip")
        assert second.conflicts == [("gold", doc)]
        assert [s.label for s in project.layer(doc, "gold").spans()] == ["LOC", "ORG"]


# ---------------------------------------------------------- 10. bundle limits


def _sara_bundle(tmp_path: Path, folder: Path, doc: str) -> dict[str, bytes]:
    other = _copy(tmp_path, folder, "s")
    with Project.open(other, annotator="sara") as copy:
        copy.layer(doc).add(Span(0, 5, "ORG", "sara"))
        bundle(copy, "sara", tmp_path / "sara.zip")
    return _bundle_entries(tmp_path / "sara.zip")


def test_a_zip_bomb_is_refused_without_expanding_it(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    entries = _sara_bundle(tmp_path, folder, doc)
    layer = entries[f"layers/sara/{doc}.json"]
    # A valid layer padded with 100 MB of spaces: about 100 kB once deflated.
    entries[f"layers/sara/{doc}.json"] = layer[:-2] + b" " * (100 * 2**20) + layer[-2:]
    bomb = _write_zip(tmp_path / "bomb.zip", entries)
    assert bomb.stat().st_size < 4 * 2**20
    tracemalloc.start()
    try:
        with Project.open(folder, annotator="ali") as project:
            with pytest.raises(ShareError) as caught:
                merge(project, bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    one_line(caught.value, "bomb.zip", "limit")
    assert peak < 48 * 2**20, peak
    assert not (folder / "layers" / "sara").exists()


def test_total_expanded_size_and_entry_count_are_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    entries = _sara_bundle(tmp_path, folder, doc)
    layer = entries.pop(f"layers/sara/{doc}.json")
    padded = layer[:-2] + b" " * 2**20 + layer[-2:]
    many = dict(
        entries,
        **{
            f"layers/a{i}/{doc}.json": padded.replace(b'"sara"', f'"a{i}"'.encode())
            for i in range(6)
        },
    )
    path = _write_zip(tmp_path / "many.zip", many)
    monkeypatch.setattr(core.share, "MAX_TOTAL_BYTES", 4 * 2**20)
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(ShareError) as caught:
            merge(project, path)
        one_line(caught.value, "many.zip", "MB")
        monkeypatch.setattr(core.share, "MAX_TOTAL_BYTES", 64 * 2**20)
        monkeypatch.setattr(core.share, "MAX_ENTRIES", 5)
        with pytest.raises(ShareError) as caught:
            merge(project, path)
        one_line(caught.value, "many.zip", "entries")
        assert project.annotators() == ["ali"]


def test_duplicate_entries_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    entries = _sara_bundle(tmp_path, folder, doc)
    path = tmp_path / "dup.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        with pytest.warns(UserWarning):
            zf.writestr(f"layers/sara/{doc}.json", entries[f"layers/sara/{doc}.json"])
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(ShareError, match="twice"):
            merge(project, path)


# ------------------------------------------------------ 11. a deleted .lock


def test_a_deleted_lock_file_does_not_let_a_second_writer_in(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    with Project.open(folder, annotator="ali") as first:
        (folder / ".lock").unlink()
        with pytest.raises(ProjectLockedError):
            Project.open(folder, annotator="sara")
        (folder / ".lock").write_text("{}")  # replaced by someone else
        with pytest.raises(ProjectLockedError):
            Project.open(folder, annotator="sara")
        first.layer(doc).add(Span(14, 20, "LOC", "ali"))
    with Project.open(folder, annotator="sara") as second:
        assert len(second.layer(doc, "ali").spans()) == 3


def test_a_read_only_folder_at_lock_time_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "p"
    make_project(folder)
    (folder / ".lock").unlink()
    real = os.open

    def read_only_fs(path, flags, *args):  # type: ignore[no-untyped-def]
        if Path(path).name == ".lock":
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", read_only_fs)
    with pytest.raises(TawsimError) as caught:
        Project.open(folder, annotator="ali")
    one_line(caught.value, ".lock", "read-only")


def test_a_damaged_copy_or_layer_is_not_shared(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    other = _copy(tmp_path, folder)
    with Project.open(other, annotator="sara") as copy:
        copy.layer(doc).add(Span(0, 5, "ORG", "sara"))
        copy.add_annotator("sara")
    (other / "project.json").write_bytes(b"{torn")
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(ShareError) as caught:
            merge(project, other)
        one_line(caught.value, "damaged", "project.json")
    path = layer_file(folder, doc)
    path.write_bytes(b"{torn")  # its .bak holds the first span only
    with Project.open(folder, annotator="ali", read_only=True) as project:
        with pytest.raises(ShareError) as caught:
            bundle(project, "ali", tmp_path / "out.zip")
        one_line(caught.value, "out.zip", path.name)
    assert not (tmp_path / "out.zip").exists()
