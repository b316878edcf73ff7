"""Breaches: a hostile project folder never makes the store read or write outside it.

Each test plants what an attacker could put in a shared folder (a git repo, a
synced folder, a copy by mail) and checks a sentinel file outside the project
keeps its content and mtime, and that refusals are one line naming the file.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from core.errors import StoreError, TawsimError
from core.formats.project_io import export_project
from core.model import Span
from core.share import ShareError, bundle, merge
from core.store import Project
from tests.core.hostile import TEXT, layer_file, make_project, one_line, sentinel

# ------------------------------------------------- 1. planted backup symlinks


@pytest.mark.parametrize("which", ["layer", "project"])
def test_planted_bak_symlink_and_blocked_tmp_never_write_through(
    tmp_path: Path, which: str
) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    secret = sentinel(tmp_path / "home", ".bashrc")
    target = layer_file(folder, doc) if which == "layer" else folder / "project.json"
    bak = target.with_name(target.name + ".bak")
    bak.unlink(missing_ok=True)
    bak.symlink_to(secret.path)
    # The fixed temporary name older versions used, blocked by a folder.
    (target.with_name(target.name + ".bak.tmp")).mkdir()
    with Project.open(folder, annotator="ali") as project:
        if which == "layer":
            project.layer(doc).add(Span(14, 20, "LOC", "ali"))
        else:
            project.add_annotator("sara")
    secret.assert_untouched()
    with Project.open(folder, annotator="ali") as project:
        assert len(project.layer(doc).spans()) == (3 if which == "layer" else 2)
        assert not project.warnings


def test_backup_link_is_not_read_when_the_file_is_corrupt(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    secret = sentinel(tmp_path / "home", "id_rsa", b'{"spans": {}}')
    path = layer_file(folder, doc)
    bak = path.with_name(path.name + ".bak")
    bak.unlink(missing_ok=True)
    bak.symlink_to(secret.path)
    path.write_text("{torn", encoding="utf-8")
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(StoreError) as caught:
            project.layer(doc).spans()
    one_line(caught.value, bak.name, "symbolic link")
    secret.assert_untouched()


# ----------------------------------------------------------- 2. .lock symlink


def test_lock_symlink_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    make_project(folder)
    secret = sentinel(tmp_path / "home")
    (folder / ".lock").unlink(missing_ok=True)
    (folder / ".lock").symlink_to(secret.path)
    with pytest.raises(StoreError) as caught:
        Project.open(folder, annotator="ali")
    one_line(caught.value, ".lock", "symbolic link")
    secret.assert_untouched()
    # Read-only needs no lock, so the project can still be read.
    with Project.open(folder, annotator="ali", read_only=True) as project:
        assert len(project) == 1


# ------------------------------------------------ 3. document ids used as paths


def _plant_doc_id(folder: Path, doc: str, evil: str) -> None:
    path = folder / "index" / f"{doc[:2]}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["documents"]["1"]["id"] = evil
    path.write_text(json.dumps(data), encoding="utf-8")


def _plant_legacy_doc_id(folder: Path, doc: str, evil: str) -> None:
    """The same in a schema-1 project, whose index is inside project.json."""
    shard = folder / "index" / f"{doc[:2]}.json"
    row = json.loads(shard.read_text(encoding="utf-8"))["documents"]["1"]
    shard.unlink()
    path = folder / "project.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema_version"] = 1
    data["documents"] = {"1": dict(row, id=evil)}
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize(
    "evil", ["../../home/secret", "/etc/passwd", "0123456789ABCDEF", "0123456789abcdef\n", ""]
)
def test_document_ids_that_are_not_16_hex_digits_are_refused(tmp_path: Path, evil: str) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    home = tmp_path / "home"
    secret = sentinel(home, "secret.txt")
    shutil.copy(secret.path, home / "secret.json")
    _plant_doc_id(folder, doc, evil)
    with pytest.raises(StoreError) as caught:
        Project.open(folder, annotator="ali")
    one_line(caught.value, f"index/{doc[:2]}.json", "document id")
    secret.assert_untouched()


@pytest.mark.parametrize("evil", ["../../home/secret", "/etc/passwd", ""])
def test_document_ids_in_a_schema_1_index_are_refused(tmp_path: Path, evil: str) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    _plant_legacy_doc_id(folder, doc, evil)
    before = (folder / "project.json").read_bytes()
    with pytest.raises(StoreError) as caught:
        Project.open(folder, annotator="ali")
    one_line(caught.value, "project.json", "document id")
    assert (folder / "project.json").read_bytes() == before  # nothing migrated


def test_bundle_and_export_only_carry_project_files(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    secret = sentinel(tmp_path / "home", "config.json", b'{"auths": {"token": "s3cret"}}')
    layer = layer_file(folder, doc)
    layer.unlink()
    layer.symlink_to(secret.path)
    with Project.open(folder, annotator="ali", read_only=True) as project:
        with pytest.raises(TawsimError) as caught:
            bundle(project, "ali", tmp_path / "out.zip")
        one_line(caught.value, layer.name)
        with pytest.raises(TawsimError):
            export_project(project, "jsonl", tmp_path / "out.jsonl", annotator="ali")
    for out in (tmp_path / "out.zip", tmp_path / "out.jsonl"):
        assert not out.exists() or b"s3cret" not in out.read_bytes()
    secret.assert_untouched()


# ------------------------------------------------------- 4. symlinks followed


def test_a_layer_symlinked_to_a_secret_is_neither_read_nor_copied(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    secret = sentinel(tmp_path / "home", "secret.json", b'{"spans": {}, "state": {}}')
    layer = layer_file(folder, doc)
    layer.unlink()
    layer.symlink_to(secret.path)
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(StoreError) as caught:
            project.layer(doc).add(Span(0, 5, "LOC", "ali"))
    one_line(caught.value, layer.name, "symbolic link")
    assert layer.is_symlink()
    secret.assert_untouched()


def test_a_symlinked_layer_folder_never_receives_saves(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(folder / "layers" / "ali")
    (folder / "layers" / "ali").symlink_to(outside, target_is_directory=True)
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(StoreError) as caught:
            project.layer(doc).add(Span(0, 5, "LOC", "ali"))
    one_line(caught.value, "symbolic link")
    assert list(outside.iterdir()) == []


def test_a_symlinked_text_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    secret = sentinel(tmp_path / "home", "passwd", TEXT.encode("utf-8"))
    text = folder / "texts" / f"{doc}.txt"
    text.unlink()
    text.symlink_to(secret.path)
    with Project.open(folder, annotator="ali", read_only=True) as project:
        with pytest.raises(StoreError) as caught:
            project.text(doc)
    one_line(caught.value, text.name, "symbolic link")


def test_merging_a_copy_with_symlinked_texts_copies_nothing(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    make_project(mine)
    other = tmp_path / "other"
    shutil.copytree(mine, other)
    secret = sentinel(tmp_path / "etc", "passwd", b"root:x:0:0::/root:/bin/bash\n")
    with Project.open(other, annotator="sara") as copy:
        new = copy.add_document("t2", "نص آخر تماما", {})
        copy.layer(new).add(Span(0, 2, "LOC", "sara"))
    text = other / "texts" / f"{new}.txt"
    text.unlink()
    text.symlink_to(secret.path)
    before = {p: p.read_bytes() for p in mine.rglob("*") if p.is_file() and p.name != ".lock"}
    with Project.open(mine, annotator="ali") as project:
        with pytest.raises(ShareError) as caught:
            merge(project, other)
        one_line(caught.value, text.name)
        assert len(project) == 1
    after = {p: p.read_bytes() for p in mine.rglob("*") if p.is_file() and p.name != ".lock"}
    assert after == before
    assert not any(b"root:x" in data for data in after.values())
    secret.assert_untouched()


def test_bundle_entries_naming_no_layer_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    with Project.open(folder, annotator="ali", read_only=True) as project:
        bundle(project, "ali", tmp_path / "good.zip")
    with zipfile.ZipFile(tmp_path / "good.zip") as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    entries[f"layers/sara/{doc}.json"] = entries.pop(f"layers/ali/{doc}.json")
    entries["layers/sara/..json"] = b"{}"
    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(ShareError) as caught:
            merge(project, tmp_path / "bad.zip")
    one_line(caught.value, "bad.zip")
    assert not (folder / "layers" / "sara").exists()
    assert sorted(os.listdir(folder / "layers")) == ["ali"]


def test_links_inside_an_import_folder_are_not_imported(tmp_path: Path) -> None:
    from core.formats.project_io import ImportOptions, import_paths

    secret = sentinel(tmp_path / "home", "id_rsa.txt", b"-----BEGIN PRIVATE KEY-----\n")
    (tmp_path / "home" / "keys").mkdir()
    (tmp_path / "home" / "keys" / "k.txt").write_text("PRIVATE KEY", encoding="utf-8")
    source = tmp_path / "sent"
    source.mkdir()
    (source / "a.txt").write_text("سوريا", encoding="utf-8")
    (source / "b.txt").symlink_to(secret.path)
    (source / "sub").symlink_to(tmp_path / "home" / "keys", target_is_directory=True)
    with Project.create(tmp_path / "p", name="p", annotator="ali") as project:
        results = import_paths(project, [source], ImportOptions())
        assert [r.path.name for r in results] == ["a.txt"]
        assert [project.text(d.id) for d in project.documents()] == ["سوريا"]
    secret.assert_untouched()


def test_a_symlinked_project_file_or_texts_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    doc = make_project(folder)
    secret = sentinel(tmp_path / "home", "settings.json", (folder / "project.json").read_bytes())
    (folder / "project.json").unlink()
    (folder / "project.json").symlink_to(secret.path)
    with pytest.raises(StoreError) as caught:
        Project.open(folder, annotator="ali")
    one_line(caught.value, "project.json", "symbolic link")
    secret.assert_untouched()
    (folder / "project.json").unlink()
    shutil.copy(secret.path, folder / "project.json")
    outside = tmp_path / "texts-elsewhere"
    (folder / "texts").rename(outside)
    (folder / "texts").symlink_to(outside, target_is_directory=True)
    with Project.open(folder, annotator="ali") as project:
        with pytest.raises(StoreError) as caught:
            project.text(doc)
        one_line(caught.value, "texts", "symbolic link")
        with pytest.raises(StoreError):
            project.add_document("t2", "نص جديد", {})
    assert [p.name for p in outside.iterdir()] == [f"{doc}.txt"]
