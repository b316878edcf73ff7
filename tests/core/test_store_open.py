"""What open reads at scale: the index snapshot, a trusted layer folder, one scan in all."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import pytest

from core.cli.project import project_stats
from core.model import Span
from core.store import Project, index_cache, summaries
from core.store import index as index_module
from core.store.disk import DiskMonitor

PAST = time.time() - 3600


def _project(folder: Path, n: int = 30) -> list[str]:
    with Project.create(folder, name="p", annotator="sara") as project:
        with project.batch():
            ids = [
                project.add_document(
                    f"عنوان {i}", f"نص رقم {i} في سوريا", {"n": i} if i % 3 else {}
                )
                for i in range(n)
            ]
        for doc in ids[:8]:
            project.edit_spans(doc, put=[Span(0, 2, "LOC", "sara", status="accepted")])
        project.edit_spans(ids[8], put=[Span(3, 6, "PERS", "sara")])
        project.set_status(ids[0], "done")
    return ids


def _age(folder: Path) -> None:
    """Make every file and folder an hour old, past the racy window of folder times."""
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, (PAST, PAST), follow_symlinks=False)


def _snapshot(project: Project) -> list[tuple[str, str, float, dict[str, object], int]]:
    return [(d.id, d.title, d.imported, dict(d.meta), d.length) for d in project.documents()]


def _recount(project: Project) -> tuple[Counter[str], Counter[str], Counter[str]]:
    statuses: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    for doc_id in project.doc_ids():
        layer = project.layer(doc_id)
        statuses[layer.status] += 1
        for span in layer.spans():
            counts[span.status] += 1
            if span.status == "accepted":
                labels[span.label] += 1
    return statuses, counts, labels


def test_the_index_snapshot_is_read_instead_of_the_shards(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _project(tmp_path / "p")
    with Project.open(tmp_path / "p", annotator="sara") as project:
        expected = _snapshot(project)
    assert index_cache.cache_path(tmp_path / "p").is_file()

    def refuse(self: object, shard: str) -> object:
        raise AssertionError(f"shard {shard} read although the snapshot holds")

    monkeypatch.setattr(index_module.DocumentIndex, "_read_shard", refuse)
    with Project.open(tmp_path / "p", annotator="sara", read_only=True) as project:
        assert _snapshot(project) == expected
        assert project.doc_ids() == ids


def test_a_shard_changed_on_disk_sends_open_back_to_the_shards(tmp_path: Path) -> None:
    ids = _project(tmp_path / "p")
    with Project.open(tmp_path / "p", annotator="sara") as project:
        pass
    shutil.copytree(tmp_path / "p", tmp_path / "q")
    with Project.open(tmp_path / "q", annotator="sara") as other:
        other.set_title(ids[4], "عنوان جديد")
    shard = f"{ids[4][:2]}.json"
    # In place (the same file, new bytes), as a sync tool may write it.
    (tmp_path / "p" / "index" / shard).write_bytes((tmp_path / "q" / "index" / shard).read_bytes())
    with Project.open(tmp_path / "p", annotator="sara", read_only=True) as project:
        assert project.document(ids[4]).title == "عنوان جديد"
        assert project.doc_ids() == ids


@pytest.mark.parametrize(
    "damage",
    [
        lambda d: d["ids"].__setitem__(0, "../../etc/passwd"),
        lambda d: d["titles"].__setitem__(1, 7),
        lambda d: d["imported"].__setitem__(2, -5),
        lambda d: d["lengths"].pop(),
        lambda d: d["meta"].__setitem__("ffffffffffffffff", {}),
        lambda d: d.__setitem__("ids", d["ids"][:-1] + ["ffffffffffffffff"]),
    ],
)
def test_a_damaged_snapshot_is_ignored(tmp_path: Path, damage: object) -> None:
    ids = _project(tmp_path / "p")
    with Project.open(tmp_path / "p", annotator="sara") as project:
        expected = _snapshot(project)
    path = index_cache.cache_path(tmp_path / "p")
    data = json.loads(path.read_text("utf-8"))
    damage(data)  # type: ignore[operator]
    path.write_text(json.dumps(data), encoding="utf-8")
    with Project.open(tmp_path / "p", annotator="sara", read_only=True) as project:
        assert _snapshot(project) == expected and project.doc_ids() == ids


def test_a_trusted_layer_folder_is_not_scanned_and_a_rename_into_it_is_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _project(tmp_path / "p")
    folder = tmp_path / "p"
    _age(folder)
    with Project.open(folder, annotator="sara") as project:
        project.summary_totals()  # reads every layer once, then cached
        _age(folder)  # the close checks the folder again; old enough to trust
    with Project.open(folder, annotator="sara", read_only=True) as project:
        expected = _recount(project)

    def refuse(path: Path, *rest: object) -> object:
        raise AssertionError(f"{path} scanned although its time says nothing changed")

    monkeypatch.setattr(summaries, "scan_folder", refuse)
    with Project.open(folder, annotator="sara", read_only=True) as project:
        assert project.summary_totals() == expected
    monkeypatch.undo()
    # Another copy rejects a span; its file is renamed over ours, as git and sync tools write.
    shutil.copytree(folder, tmp_path / "q")
    with Project.open(tmp_path / "q", annotator="sara") as other:
        span = other.layer(ids[1]).spans()[0]
        other.edit_spans(ids[1], put=[span.evolve(status="rejected")])
    name = f"{ids[1]}.json"
    incoming = folder / "layers" / "sara" / f".{name}.incoming"
    shutil.copy(tmp_path / "q" / "layers" / "sara" / name, incoming)
    os.replace(incoming, folder / "layers" / "sara" / name)
    with Project.open(folder, annotator="sara", read_only=True) as project:
        statuses, counts, labels = project.summary_totals()
        assert counts["rejected"] == expected[1]["rejected"] + 1
        assert (statuses, counts, labels) == _recount(project)


def test_stats_from_the_caches_match_a_recount(tmp_path: Path) -> None:
    ids = _project(tmp_path / "p")
    with Project.open(tmp_path / "p", annotator="sara") as project:
        project.summary_totals()
        project.edit_spans(ids[9], put=[Span(0, 2, "ORG", "sara", status="accepted")])
        project.set_status(ids[9], "in_progress")
        project.remove_documents([ids[2]])
    with Project.open(tmp_path / "p", annotator="sara", read_only=True) as project:
        stats = project_stats(project)
        statuses, counts, labels = _recount(project)
    assert stats["documents"] == len(ids) - 1
    assert stats["documents_by_status"]["sara"] == dict(sorted(statuses.items()))
    assert stats["spans_by_status"] == dict(sorted(counts.items()))
    assert stats["spans_by_label"] == dict(sorted(labels.items()))


def test_the_monitor_starts_from_the_summaries_scan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _project(tmp_path / "p")
    with Project.open(tmp_path / "p", annotator="sara") as project:
        project.summary(ids[0])  # the annotator's cache is read: one scan
        scans: list[Path] = []
        real = summaries.scan_folder

        def counting(path: Path, *rest: object) -> dict[str, tuple[int, int]]:
            scans.append(path)
            return real(path, *rest)  # type: ignore[arg-type]

        monkeypatch.setattr("core.store.disk.scan_folder", counting)
        monitor = DiskMonitor(project)
        assert scans == []
        project.edit_spans(ids[5], put=[Span(3, 6, "ORG", "sara")])
        assert monitor.poll().layers == ()  # its own write, not a change from disk


def test_a_crash_while_moving_a_schema_1_index_moves_it_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from core.store import storage

    ids = _project(tmp_path / "p", 12)
    folder = tmp_path / "p"
    rows: dict[str, object] = {}
    for shard in (folder / "index").glob("*.json"):
        rows.update(json.loads(shard.read_text("utf-8"))["documents"])
    shutil.rmtree(folder / "index")
    shutil.rmtree(folder / "cache")
    data = json.loads((folder / "project.json").read_text("utf-8"))
    data["meta"]["1"]["schema_version"] = 1
    data["documents"] = rows
    (folder / "project.json").write_text(json.dumps(data), encoding="utf-8")

    def killed(self: object, *args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt  # the process dies after the shards, before project.json

    monkeypatch.setattr(storage.AtomicJSONStorage, "write", killed)
    with pytest.raises(KeyboardInterrupt):
        Project.open(folder, annotator="sara")
    monkeypatch.undo()
    assert json.loads((folder / "project.json").read_text("utf-8"))["documents"]  # as it was
    assert list((folder / "index").glob("*.json"))  # the shards were written first
    with Project.open(folder, annotator="sara") as project:
        assert project.doc_ids() == ids
        assert project.document(ids[4]).meta == {"n": 4}
    assert json.loads((folder / "project.json").read_text("utf-8"))["documents"] == {}


def test_a_shard_patched_from_its_file_is_what_a_full_write_makes(tmp_path: Path) -> None:
    import random

    from core.store.index import entry_json, shard_text

    rng = random.Random(7)
    with Project.create(tmp_path / "p", name="p", annotator="sara") as project:
        with project.batch():
            for i in range(600):  # about two entries a shard
                project.add_document(f"عنوان {i}", f"نص {i}", {"n": i} if i % 5 == 0 else {})
        for step in range(120):
            ids = project.doc_ids()
            what = rng.choice(("add", "remove", "retitle"))
            if what == "add":
                project.add_document(f"جديد {step}", f"نص جديد {step}", {"s": [step]})
            elif what == "remove":
                project.remove_documents([rng.choice(ids)])
            else:
                project.set_title(rng.choice(ids), f'عنوان "{step}" }}, {{"id": "x')
        index = project._index
        for shard, path in index.shard_files().items():
            members = sorted(index._members[shard], key=index._seq.__getitem__)
            rows = [(str(index._seq[d]), entry_json(index.docs[d])) for d in members]
            assert path.read_text("utf-8") == shard_text(rows), shard
        expected = [(d.id, d.title, dict(d.meta)) for d in project.documents()]
    with Project.open(tmp_path / "p", annotator="sara", read_only=True) as project:
        assert [(d.id, d.title, dict(d.meta)) for d in project.documents()] == expected
