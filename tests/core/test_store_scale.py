"""The sharded document index and the summary cache: what each write touches, what open reads."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from core.model import Span
from core.store import Project
from core.store import layer as layer_module
from core.store.disk import DiskMonitor


def _project(folder: Path, n: int = 40) -> list[str]:
    with Project.create(folder, name="p", annotator="sara") as project:
        with project.batch():
            ids = [project.add_document(f"t{i}", f"نص رقم {i} في سوريا", {}) for i in range(n)]
        for doc in ids[:10]:
            project.edit_spans(doc, put=[Span(0, 2, "LOC", "sara")])
        project.set_status(ids[0], "done")
    return ids


def test_one_document_change_rewrites_one_shard(tmp_path: Path) -> None:
    ids = _project(tmp_path / "p")
    shards = tmp_path / "p" / "index"
    before = {p.name: p.read_bytes() for p in shards.glob("*.json")}
    assert len(before) > 1
    with Project.open(tmp_path / "p", annotator="sara") as project:
        project.set_title(ids[3], "عنوان آخر")
    after = {p.name: p.read_bytes() for p in shards.glob("*.json")}
    changed = [name for name in after if after[name] != before[name]]
    assert changed == [f"{ids[3][:2]}.json"]
    with Project.open(tmp_path / "p", annotator="sara") as project:
        assert project.document(ids[3]).title == "عنوان آخر"
        assert project.doc_ids() == ids  # import order survives the shards
        project.remove_documents([ids[5]])
    with Project.open(tmp_path / "p", annotator="sara") as project:
        assert ids[5] not in project and len(project) == len(ids) - 1


def test_a_schema_1_project_moves_its_index_into_shards(tmp_path: Path) -> None:
    ids = _project(tmp_path / "p", 5)
    folder = tmp_path / "p"
    rows = {}
    for shard in (folder / "index").glob("*.json"):
        rows.update(json.loads(shard.read_text("utf-8"))["documents"])
    shutil.rmtree(folder / "index")
    data = json.loads((folder / "project.json").read_text("utf-8"))
    data["meta"]["1"]["schema_version"] = 1
    data["documents"] = rows
    (folder / "project.json").write_text(json.dumps(data), encoding="utf-8")
    with Project.open(folder, annotator="sara", read_only=True) as project:
        assert project.doc_ids() == ids  # read as it is
    assert not (folder / "index").exists()
    with Project.open(folder, annotator="sara") as project:
        assert project.doc_ids() == ids
    data = json.loads((folder / "project.json").read_text("utf-8"))
    assert data["documents"] == {} and data["meta"]["1"]["schema_version"] == 2
    with Project.open(folder, annotator="sara") as project:
        assert project.doc_ids() == ids


def test_open_reads_no_layer_for_summaries_when_the_cache_is_current(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _project(tmp_path / "p")
    with Project.open(tmp_path / "p", annotator="sara") as project:
        expected = [project.summary(d) for d in ids]
    assert (tmp_path / "p" / "cache" / ".gitignore").read_text().strip().endswith("*")
    reads: list[str] = []
    real = layer_module.Layer._load

    def counting(self: layer_module.Layer) -> object:
        reads.append(self.doc.id)
        return real(self)

    monkeypatch.setattr(layer_module.Layer, "_load", counting)
    with Project.open(tmp_path / "p", annotator="sara", read_only=True) as project:
        assert [project.summary(d) for d in ids] == expected
    assert reads == []
    assert expected[0].status == "done" and expected[1].accepted == 1


def test_a_layer_changed_outside_is_summarised_again(tmp_path: Path) -> None:
    ids = _project(tmp_path / "p")
    with Project.open(tmp_path / "p", annotator="sara") as project:
        assert project.summary(ids[1]).accepted == 1
    # Another copy (a git pull) rejects the span of ids[1].
    shutil.copytree(tmp_path / "p", tmp_path / "q")
    with Project.open(tmp_path / "q", annotator="sara") as other:
        span = other.layer(ids[1]).spans()[0]
        other.edit_spans(ids[1], put=[span.evolve(status="rejected")])
    target = tmp_path / "p" / "layers" / "sara" / f"{ids[1]}.json"
    # Copied over in place: the folder's time stays, but it is too recent to be
    # trusted (see test_store_open for a folder old enough), so open scans.
    shutil.copy(tmp_path / "q" / "layers" / "sara" / f"{ids[1]}.json", target)
    with Project.open(tmp_path / "p", annotator="sara", read_only=True) as project:
        summary = project.summary(ids[1])
        assert summary.accepted == 0 and summary.rejected == 1
        assert project.summary(ids[2]).accepted == 1


@pytest.mark.parametrize(
    "garbage", [b"", b"{", b'{"version": 1, "files": 3}', b"\xff\xfe", b"[" * 5000]
)
def test_a_damaged_cache_is_ignored(tmp_path: Path, garbage: bytes) -> None:
    ids = _project(tmp_path / "p")
    with Project.open(tmp_path / "p", annotator="sara") as project:
        project.summary(ids[1])
    cache = tmp_path / "p" / "cache" / "summaries" / "sara.json"
    cache.write_bytes(garbage)
    with Project.open(tmp_path / "p", annotator="sara") as project:
        assert project.summary(ids[1]).accepted == 1
        assert project.summary(ids[20]).status == "new"
    json.loads(cache.read_text("utf-8"))  # rewritten whole at close


def test_another_copy_adding_a_document_reaches_the_monitor_through_its_shard(
    tmp_path: Path,
) -> None:
    _project(tmp_path / "p", 3)
    shutil.copytree(tmp_path / "p", tmp_path / "q")
    with Project.open(tmp_path / "p", annotator="sara") as mine:
        monitor = DiskMonitor(mine)
        with Project.open(tmp_path / "q", annotator="ali") as other:
            new = other.add_document("جديد", "نص جديد تماما", {})
        shutil.copy(tmp_path / "q" / "texts" / f"{new}.txt", tmp_path / "p" / "texts")
        shutil.copy(tmp_path / "q" / "index" / f"{new[:2]}.json", tmp_path / "p" / "index")
        os.utime(tmp_path / "p" / "index", ns=(1, 1))  # the folder's time moved
        change = monitor.poll()
        assert change.documents_added == (new,)
        assert mine.document(new).title == "جديد"
        mine.set_title(new, "عنوان")  # own write: not taken for an outside change
        os.utime(tmp_path / "p" / "index", ns=(2, 2))
        assert monitor.poll().empty


def test_patched_dumps_write_exactly_what_a_full_dump_writes() -> None:
    import random

    from core.store.storage import dumps

    rng = random.Random(16)
    memo: dict = {}
    table: dict[str, dict] = {str(i): {"n": i} for i in range(1, 60)}
    dumps({"spans": table, "state": {"1": {"s": 0}}}, memo)
    next_id = 60
    for step in range(300):
        table = dict(table)
        choice = rng.random()
        if choice < 0.5 and table:
            key = rng.choice(list(table))
            table[key] = {"n": rng.random()}
            keys = [key]
        elif choice < 0.8:
            table[str(next_id)] = {"n": next_id}
            keys = [str(next_id)]
            next_id += rng.choice([1, 1, 7])
        elif table:
            key = rng.choice(list(table))
            del table[key]
            keys = [key]
        data = {"spans": table, "state": {"1": {"s": step}}}
        assert dumps(data, memo, {"spans": keys, "state": ["1"]}) == dumps(data)


def test_summaries_kept_from_changes_match_a_recount(tmp_path: Path) -> None:
    import random

    rng = random.Random(3)
    ids = _project(tmp_path / "p", 3)
    with Project.open(tmp_path / "p", annotator="sara") as project:
        doc = ids[2]
        text_length = project.document(doc).length
        for step in range(60):
            project.summary(doc)  # known before each change, so it is updated in place
            spans = project.layer(doc).spans()
            choice = rng.random()
            if spans and choice < 0.3:
                project.edit_spans(doc, remove=[rng.choice(spans).id])
            elif spans and choice < 0.7:
                span = rng.choice(spans)
                status = rng.choice(["accepted", "rejected", "suggested"])
                project.edit_spans(doc, put=[span.evolve(status=status, label="PERS")])
            else:
                start = rng.randrange(text_length - 2)
                status = rng.choice(["accepted", "suggested"])
                project.edit_spans(doc, put=[Span(start, start + 1, "LOC", "sara", status=status)])
            if step == 30:
                project.set_status(doc, "done")
            assert project.summary(doc) == project.layer(doc).summary()
    with Project.open(tmp_path / "p", annotator="sara", read_only=True) as project:
        assert project.summary(ids[2]) == project.layer(ids[2]).summary()  # from the cache
