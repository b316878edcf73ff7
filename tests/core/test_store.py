"""The tinydb store: layout, atomic writes, backups, cache, lock and schema version."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest

from core.errors import ProjectLockedError, SchemaTooNewError, StoreError, ValidationError
from core.model import Span, default_labelset
from core.store import Project
from core.store.disk import DiskMonitor
from core.store.storage import AtomicJSONStorage, dumps


def _new(tmp_path: Path, annotator: str = "ali") -> Project:
    return Project.create(tmp_path / "p", name="test", annotator=annotator)


def test_layout_and_deterministic_json(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا والعراق", {"source_file": "a.txt"})
        project.layer(doc).add(Span(0, 5, "LOC", "ali"))
    folder = tmp_path / "p"
    assert (folder / "project.json").is_file()
    assert (folder / "texts" / f"{doc}.txt").read_text(encoding="utf-8") == "سوريا والعراق"
    layer_file = folder / "layers" / "ali" / f"{doc}.json"
    raw = layer_file.read_text(encoding="utf-8")
    data = json.loads(raw)
    # Sorted keys and one record a line make the files diff and merge well in git.
    assert raw == dumps(data)
    assert data["spans"]["1"]["label"] == "LOC"
    record_line = next(line for line in raw.splitlines() if '"label": "LOC"' in line)
    assert record_line.startswith('  "1": {"annotator": "ali", "created": ')


def test_span_save_rewrites_only_its_layer(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا والعراق", {})
        project_file = tmp_path / "p" / "project.json"
        text_file = tmp_path / "p" / "texts" / f"{doc}.txt"
        before = (project_file.stat().st_mtime_ns, text_file.stat().st_mtime_ns)
        layer = project.layer(doc)
        span = layer.add(Span(0, 5, "LOC", "ali"))
        layer.put(span.evolve(label="ORG"))
        layer.remove(span.id)
        assert (project_file.stat().st_mtime_ns, text_file.stat().st_mtime_ns) == before


def test_reopen_keeps_everything(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("title", "قال التحالف الدولي في سوريا", {"url": "u"})
        layer = project.layer(doc)
        kept = layer.add_many(
            [Span(4, 18, "ORG", "ali"), Span(22, 27, "LOC", "ali", status="suggested", score=0.5)]
        )
        layer.set_status("done")
    with Project.open(tmp_path / "p", annotator="ali") as project:
        info = project.document(doc)
        assert info.title == "title" and info.meta == {"url": "u"}
        layer = project.layer(doc)
        assert layer.spans() == kept
        assert layer.status == "done"
        assert project.summary(doc).accepted == 1
        assert project.summary(doc).suggested == 1


def test_validation_errors(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "abc", {})
        layer = project.layer(doc)
        for bad in (Span(0, 4, "LOC", "ali"), Span(2, 2, "LOC", "ali"), Span(-1, 2, "LOC", "ali")):
            with pytest.raises(ValidationError, match="outside the text"):
                layer.add(bad)
        with pytest.raises(ValidationError, match="unknown label 'FOO'"):
            layer.add(Span(0, 1, "FOO", "ali"))
        assert layer.spans() == []


def test_duplicate_text_is_not_added_twice(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        first = project.add_documents([("a", "نص", {}), ("b", "نص", {}), ("c", "آخر", {})])
        assert [created for _, created in first] == [True, False, True]
        assert len(project) == 2
        assert project.find_by_text("نص") == first[0][0]


def test_layers_are_per_annotator(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا والعراق", {})
        project.layer(doc, "ali").add(Span(0, 5, "LOC", "ali"))
        project.layer(doc, "sara").add(Span(0, 5, "ORG", "sara"))
        assert [s.label for s in project.layer(doc, "ali").spans()] == ["LOC"]
        assert [s.label for s in project.layer(doc, "sara").spans()] == ["ORG"]
        assert project.annotators() == ["ali", "sara"]
        with pytest.raises(ValidationError):
            project.layer(doc, "../evil")


def test_corrupt_layer_falls_back_to_backup(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا والعراق", {})
        layer = project.layer(doc)
        layer.add(Span(0, 5, "LOC", "ali"))
        layer.add(Span(6, 13, "LOC", "ali"))
    path = tmp_path / "p" / "layers" / "ali" / f"{doc}.json"
    path.write_text('{"spans": {"1": ', encoding="utf-8")  # a torn write
    with Project.open(tmp_path / "p", annotator="ali") as project:
        spans = project.layer(doc).spans()
        assert [(s.start, s.end) for s in spans] == [(0, 5)]  # the previous good version
        assert any("unreadable" in w and "previous version" in w for w in project.warnings)


def test_corrupt_file_without_backup_is_an_error_not_empty(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا", {})
        project.layer(doc).add(Span(0, 5, "LOC", "ali"))
    path = tmp_path / "p" / "layers" / "ali" / f"{doc}.json"
    path.write_text("garbage", encoding="utf-8")
    path.with_name(path.name + ".bak").write_text("also garbage", encoding="utf-8")
    with Project.open(tmp_path / "p", annotator="ali") as project:
        with pytest.raises(StoreError, match=str(path.name)):
            project.layer(doc).spans()


def test_failed_write_keeps_disk_and_cache_consistent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا والعراق", {})
        layer = project.layer(doc)
        layer.add(Span(0, 5, "LOC", "ali"))

        def fail(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr("core.store.storage.atomic_write", fail)
        with pytest.raises(StoreError, match="No space left"):
            layer.add(Span(6, 13, "LOC", "ali"))
        monkeypatch.undo()
        assert [(s.start, s.end) for s in layer.spans()] == [(0, 5)]
    with Project.open(tmp_path / "p", annotator="ali") as project:
        assert [(s.start, s.end) for s in project.layer(doc).spans()] == [(0, 5)]


def test_storage_caches_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"t": {"1": {"a": 1}}}', encoding="utf-8")
    storage = AtomicJSONStorage(path)
    assert storage.read() == {"t": {"1": {"a": 1}}}
    reads = []
    monkeypatch.setattr(Path, "read_text", lambda *a, **k: reads.append(a) or "")
    for _ in range(5):
        assert storage.read() == {"t": {"1": {"a": 1}}}
    assert reads == []


def test_lock_refuses_second_open_and_allows_read_only(tmp_path: Path) -> None:
    with _new(tmp_path):
        with pytest.raises(ProjectLockedError, match=f"process {os.getpid()}"):
            Project.open(tmp_path / "p", annotator="ali")
        with Project.open(tmp_path / "p", read_only=True) as view:
            assert view.read_only
            doc = view.documents()
            assert doc == []
            with pytest.raises(StoreError, match="read-only"):
                view.add_document("t", "x", {})
    # Released on close: it opens again.
    Project.open(tmp_path / "p", annotator="ali").close()


def _hold_lock_and_die(folder: str, ready: multiprocessing.synchronize.Event) -> None:
    Project.open(folder, annotator="ali")
    ready.set()
    os._exit(0)  # dies without releasing anything


def test_stale_lock_of_dead_process_is_taken_over(tmp_path: Path) -> None:
    _new(tmp_path).close()
    ctx = multiprocessing.get_context("spawn")
    ready = ctx.Event()
    proc = ctx.Process(target=_hold_lock_and_die, args=(str(tmp_path / "p"), ready))
    proc.start()
    proc.join(60)
    assert ready.is_set()
    lock_data = json.loads((tmp_path / "p" / ".lock").read_text(encoding="utf-8"))
    assert lock_data["pid"] == proc.pid  # the dead process left its pid behind
    with Project.open(tmp_path / "p", annotator="ali") as project:
        assert project.documents() == []


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    _new(tmp_path).close()
    path = tmp_path / "p" / "project.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["1"]["schema_version"] = 99
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SchemaTooNewError, match="newer Tawsim"):
        Project.open(tmp_path / "p")
    # The refusal released the lock.
    data["meta"]["1"]["schema_version"] = 1
    path.write_text(json.dumps(data), encoding="utf-8")
    Project.open(tmp_path / "p").close()


def test_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a Tawsim project"):
        Project.open(tmp_path)


def test_project_labels_are_editable(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        project.set_labels(default_labelset().with_label("EVENT", ar="حدث"))
    with Project.open(tmp_path / "p") as project:
        assert project.labels.names == ["PERS", "LOC", "ORG", "MISC", "EVENT"]
        assert project.labels.get("EVENT").hotkey == 5


def test_status_moves_to_in_progress_on_a_decision(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا والعراق", {})
        layer = project.layer(doc)
        layer.add(Span(0, 5, "LOC", "ali", status="suggested", origin="gazetteer@1"))
        assert layer.status == "new"
        layer.put(layer.spans()[0].evolve(status="accepted"))
        assert layer.status == "in_progress"


def test_reload_sees_changes_made_by_another_copy(tmp_path: Path) -> None:
    import shutil

    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا والعراق", {})
    shutil.copytree(tmp_path / "p", tmp_path / "q")
    with Project.open(tmp_path / "p", annotator="ali") as mine:
        monitor = DiskMonitor(mine)
        assert mine.layer(doc, "sara").spans() == []
        # Another machine (the copy q, synced back) adds a document and sara's layer.
        with Project.open(tmp_path / "q", annotator="sara") as other:
            new = other.add_document("u", "نص آخر", {})
            other.layer(doc).add(Span(0, 5, "LOC", "sara"))
        shard = f"index/{new[:2]}.json"
        for name in ("project.json", shard, f"texts/{new}.txt"):
            shutil.copy(tmp_path / "q" / name, tmp_path / "p" / name)
        (tmp_path / "p" / "layers" / "sara").mkdir()
        shutil.copy(
            tmp_path / "q" / "layers" / "sara" / f"{doc}.json",
            tmp_path / "p" / "layers" / "sara" / f"{doc}.json",
        )
        change = monitor.poll()
        assert change.source == "disk" and change.documents_added == (new,)
        layer_change = change.layer(doc, "sara")
        assert layer_change is not None and [s.label for s in layer_change.added] == ["LOC"]
        assert [s.label for s in mine.layer(doc, "sara").spans()] == ["LOC"]
        assert monitor.poll().empty  # nothing new since


def test_memoised_layer_writes_match_a_fresh_dump(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "سوريا والعراق ولبنان", {})
        layer = project.layer(doc)
        first = layer.add_many([Span(0, 5, "LOC", "ali"), Span(6, 13, "LOC", "ali")])
        layer.put(first[0].evolve(label="ORG"))
        layer.remove(first[1].id)
        layer.add(Span(14, 20, "LOC", "ali", status="suggested", score=0.5))
        path = tmp_path / "p" / "layers" / "ali" / f"{doc}.json"
        raw = path.read_text(encoding="utf-8")
        assert raw == dumps(json.loads(raw))
        assert [s.label for s in layer.spans()] == ["ORG", "LOC"]


def test_the_store_refuses_a_span_across_a_line_break(tmp_path: Path) -> None:
    with _new(tmp_path) as project:
        doc = project.add_document("t", "قوات سوريا الديمقراطية (قسد)\n\nمناورات عسكرية", {})
        with pytest.raises(ValidationError, match="crosses a line break"):
            project.edit_spans(doc, put=[Span(24, 37, "ORG", "ali")])
        assert project.layer(doc).spans() == []
        project.edit_spans(doc, put=[Span(24, 27, "ORG", "ali")])
        assert len(project.layer(doc).spans()) == 1
